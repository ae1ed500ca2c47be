"""An agency's request settings are changed in the site administration, with an audit row; whether
replies need review and sign-off is one of them, on unless the agency turns it off."""

from __future__ import annotations

from sunshine.core.models import AuditEntry
from sunshine.inforequests.models import AgencyRequestSettings
from sunshine.inforequests.replies.services import review_required


def test_replies_need_review_unless_the_agency_turns_it_off(tree):
    assert review_required(tree["education"]) is True


def test_an_administrator_turns_reply_review_off_for_one_agency_and_it_is_audited(client, tree, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/inforequests/agencyrequestsettings/add/",
        {"agency": tree["education"].pk, "auto_confirm_online": "on"},
    )
    assert response.status_code == 302, response.content
    assert AgencyRequestSettings.objects.get(agency=tree["education"]).reply_review_required is False
    assert review_required(tree["education"]) is False
    assert review_required(tree["finance"]) is True
    entry = AuditEntry.objects.get(action="inforequest.settings")
    assert (entry.before or {})["reply_review_required"] is True
    assert (entry.after or {})["reply_review_required"] is False
    assert entry.actor == admin_user
