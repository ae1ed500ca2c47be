"""The back office pages of letters: the queue, one letter and its action forms."""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Role
from sunshine.letters.models import Letter

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letter(write):
    letter, _key = write(datetime.date(2026, 9, 30))
    return letter


def act(client, letter: Letter, action: str, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/staff/letters/{letter.pk}/actions/{action}/", data, **EN)


def test_the_queue_lists_the_open_letters_of_ones_agencies_nearest_due_first(client, alice, write, tree):
    late, _ = write(datetime.date(2026, 9, 1), kind="complaint")
    soon, _ = write(datetime.date(2026, 10, 8), kind="consultation")
    elsewhere, _ = write(datetime.date(2026, 10, 8), agency=tree["finance"])
    client.force_login(alice)
    html = client.get("/staff/letters/", **EN).content.decode()
    assert html.index(late.tracking_code) < html.index(soon.tracking_code)
    assert elsewhere.tracking_code not in html
    assert 'data-state="overdue"' in html
    assert "Overdue" in html


def test_the_queue_and_a_letter_are_refused_to_people_without_roles(client, make_user, letter):
    client.force_login(make_user("nobody"))
    assert client.get("/staff/letters/").status_code == 403
    assert client.get(f"/staff/letters/{letter.pk}/").status_code == 403


def test_a_letter_beyond_ones_agencies_is_not_found(client, fred, letter):
    client.force_login(fred)
    assert client.get(f"/staff/letters/{letter.pk}/").status_code == 404
    assert act(client, letter, "accept").status_code == 404


def test_an_officer_sees_the_forms_the_status_allows(client, alice, letter):
    client.force_login(alice)
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()
    for action in ("accept", "transfer", "return"):
        assert f'id="action-{action}"' in html
    for action in ("reply", "close", "supervise", "request_info"):
        assert f'id="action-{action}"' not in html


def test_an_officer_accepts_and_replies_to_a_letter(client, alice, letter, replies_without_review):
    client.force_login(alice)
    assert act(client, letter, "accept").status_code == 302
    response = act(client, letter, "reply", text="已核查，收费已退还。")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "replied"
    assert letter.reply_text == "已核查，收费已退还。"
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()
    assert "Letter accepted" in html
    assert 'id="action-close"' in html


def test_errors_of_an_action_stand_beside_their_fields_and_nothing_changes(client, alice, letter):
    client.force_login(alice)
    response = act(client, letter, "transfer", to_agency="", reason="")
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_transfer-reason_error"' in html
    assert "Give the reason for the transfer." in html
    letter.refresh_from_db()
    assert letter.status == "submitted"


def test_a_transfer_moves_the_letter_to_the_agency_chosen(client, alice, letter, tree):
    client.force_login(alice)
    response = act(client, letter, "transfer", to_agency=tree["finance"].code, reason="属财政局职责")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.agency == tree["finance"]
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()  # the sender still reads it
    assert "You read this letter; you take no step on it here." in html


def test_an_officer_extends_naming_the_signer_who_approved(client, alice, sid, letter):
    client.force_login(alice)
    act(client, letter, "accept")
    response = act(client, letter, "extend", working_days="5", reason="需现场核查", approver="sid")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.extension_days == 5
    assert letter.extension_approver == sid


def test_a_step_the_status_does_not_allow_is_refused_in_words(client, alice, letter):
    client.force_login(alice)
    response = act(client, letter, "close")
    assert response.status_code == 409
    assert "This action was not taken" in response.content.decode()


def test_a_reader_takes_no_step(client, rita, letter):
    client.force_login(rita)
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()
    assert "No step is open to you on this letter." in html
    assert act(client, letter, "accept").status_code == 403
    letter.refresh_from_db()
    assert letter.status == "submitted"


def test_a_supervisor_supervises(client, carl, letter):
    client.force_login(carl)
    response = act(client, letter, "supervise", note="请尽快答复", due_on="2026-10-20")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.supervision_due_on == datetime.date(2026, 10, 20)


def test_the_back_office_navigation_leads_to_the_letters(client, alice, make_user, tree):
    client.force_login(alice)
    assert 'href="/staff/letters/"' in client.get("/staff/", **EN).content.decode()
    client.force_login(make_user("sid2", agency=tree["education"], role=Role.SIGNER))
    assert 'href="/staff/letters/"' in client.get("/staff/letters/", **EN).content.decode()
