"""Reply templates of letters: the agency's officers and disclosure office keep them on
/staff/letters/templates/ (list, add, change, deactivate; audited), the staff API lists them, and the
reply panel of a letter starts a draft from one, its placeholders filled for the letter."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.letters.models import LetterReplyDraft, LetterReplyTemplate
from sunshine.letters.replies import templates
from sunshine.letters.services import perform_action
from tests.api_helpers import bearer, token_for

D = datetime.date
TODAY = D(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TEXT = "{writer}您好：您于{received_on}来信反映的“{subject}”问题，{agency}已核查。{date}"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letter(write, alice):
    letter, _key = write(D(2026, 9, 30))
    return perform_action(letter=letter, action="accept", by=alice, date=D(2026, 10, 8))


@pytest.fixture
def template(tree, alice):
    return templates.save_template(
        by=alice, agency=tree["education"], kind="complaint", title="投诉答复", text=TEXT
    )


def test_an_officer_adds_a_template_on_the_staff_page_and_it_is_audited(client, alice):
    client.force_login(alice)
    assert client.get("/staff/letters/templates/new/", **EN).status_code == 200
    data = {"agency": "CITY-EDU", "kind": "", "title": "通用答复", "text": TEXT, "is_active": "on"}
    response = client.post("/staff/letters/templates/new/", data, **EN)
    assert response.status_code == 302
    saved = LetterReplyTemplate.objects.get()
    assert (saved.title, saved.kind, saved.is_active) == ("通用答复", "", True)
    assert AuditEntry.objects.filter(action="letter_template.create").count() == 1
    html = client.get("/staff/letters/templates/", **EN).content.decode()
    assert "通用答复" in html
    assert "Every kind" in html


def test_unknown_placeholders_and_a_missing_title_are_refused_beside_their_fields(client, alice):
    client.force_login(alice)
    data = {"agency": "CITY-EDU", "kind": "", "title": "", "text": "{name}您好"}
    response = client.post("/staff/letters/templates/new/", data, **EN)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Give the template a title." in html
    assert "Unknown placeholder: {name}" in html
    assert LetterReplyTemplate.objects.count() == 0


def test_an_officer_changes_and_deactivates_a_template(client, alice, template):
    client.force_login(alice)
    assert "投诉答复" in client.get(f"/staff/letters/templates/{template.pk}/", **EN).content.decode()
    data = {
        "agency": "CITY-EDU",
        "kind": "complaint",
        "title": "投诉答复（新）",
        "text": TEXT,
        "is_active": "on",
    }
    assert client.post(f"/staff/letters/templates/{template.pk}/", data, **EN).status_code == 302
    assert client.post(f"/staff/letters/templates/{template.pk}/deactivate/", **EN).status_code == 302
    template.refresh_from_db()
    assert (template.title, template.is_active) == ("投诉答复（新）", False)
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"letter_template.create", "letter_template.change", "letter_template.deactivate"} <= codes


def test_people_who_do_not_handle_letters_do_not_keep_templates(client, rita, fred, template):
    client.force_login(rita)
    assert client.get("/staff/letters/templates/").status_code == 403
    client.force_login(fred)  # an officer of another agency: the template is not theirs
    assert client.get(f"/staff/letters/templates/{template.pk}/").status_code == 404
    assert client.post(f"/staff/letters/templates/{template.pk}/deactivate/").status_code == 404


def test_the_disclosure_office_keeps_the_templates_of_the_agencies_below(client, olga, template):
    client.force_login(olga)
    assert "投诉答复" in client.get("/staff/letters/templates/", **EN).content.decode()


def test_the_api_lists_the_active_templates_for_a_kind(client, tree, alice, template):
    templates.save_template(by=alice, agency=tree["education"], title="通用", text="您好。")
    templates.save_template(
        by=alice, agency=tree["education"], kind="consultation", title="咨询", text="您好"
    )
    gone = templates.save_template(by=alice, agency=tree["education"], title="旧", text="旧")
    templates.deactivate_template(by=alice, template=gone)
    token = token_for(client, "alice")
    listed = client.get("/api/v1/staff/letters/templates?kind=complaint", **bearer(token))
    assert listed.status_code == 200, listed.content
    assert sorted(t["title"] for t in listed.json()) == ["投诉答复", "通用"]
    assert len(client.get("/api/v1/staff/letters/templates", **bearer(token)).json()) == 3
    assert client.get("/api/v1/staff/letters/templates?kind=poem", **bearer(token)).status_code == 422


def test_the_officer_starts_the_draft_from_a_template_on_the_letters_page(client, alice, letter, template):
    client.force_login(alice)
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()
    assert 'id="id_letter_reply_template"' in html
    assert "投诉答复" in html
    response = client.post(f"/staff/letters/{letter.pk}/reply/template/", {"template": template.pk}, **EN)
    assert response.status_code == 302
    draft = LetterReplyDraft.objects.get()
    assert (
        draft.text
        == "陈**您好：您于2026年9月30日来信反映的“学校收费问题”问题，阳光市教育局已核查。2026年10月9日"
    )
    assert draft.template == template


def test_a_template_of_another_kind_or_agency_cannot_start_the_draft(client, tree, alice, fred, letter):
    other_kind = templates.save_template(
        by=alice, agency=tree["education"], kind="consultation", title="咨询", text="您好"
    )
    other_agency = templates.save_template(by=fred, agency=tree["finance"], title="财政", text="您好")
    client.force_login(alice)
    for chosen in (other_kind, other_agency):
        response = client.post(f"/staff/letters/{letter.pk}/reply/template/", {"template": chosen.pk}, **EN)
        assert response.status_code == 422
    assert LetterReplyDraft.objects.filter(template__isnull=False).count() == 0


def test_the_api_starts_a_draft_from_a_template(client, alice, letter, template):
    token = token_for(client, "alice")
    started = client.put(
        f"/api/v1/staff/letters/{letter.pk}/reply-draft",
        {"template": template.pk},
        content_type="application/json",
        **bearer(token),
    )
    assert started.status_code == 200, started.content
    assert started.json()["text"].startswith("陈**您好")
    assert started.json()["template"] == template.pk
