"""The public pages of open days: the list, an event with its registration form, the outcome with
the cancel key, cancelling with the key; the /interaction/ page links them. No registrant's data."""

from __future__ import annotations

from sunshine.opendays.models import Registration, RegistrationStatus

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FORM = {"name": "李四", "phone": "13900139000", "email": "li@example.com", "people": "2"}


def test_the_list_shows_published_open_days_never_drafts(client, event, make_event):
    draft = make_event(publish=False, title="草稿开放日")
    html = client.get("/open-days/", **EN).content.decode()
    assert f'data-event="{event.pk}"' in html
    assert f'data-event="{draft.pk}"' not in html
    assert client.get(f"/open-days/{draft.pk}/").status_code == 404


def test_someone_registers_on_a_phone_friendly_form_and_reads_the_key_once(client, event):
    html = client.get(f"/open-days/{event.pk}/", **EN).content.decode()
    assert 'type="tel"' in html
    assert 'id="open-day-register"' in html
    response = client.post(f"/open-days/{event.pk}/", FORM, **EN)
    assert response.status_code == 302
    page = client.get(response["Location"], **EN).content.decode()
    registration = Registration.objects.get()
    assert 'data-status="confirmed"' in page
    assert f"/open-days/registrations/{registration.pk}/cancel/" in page
    assert client.get(response["Location"]).status_code == 302  # shown once


def test_a_full_event_offers_the_waiting_list(client, make_event, sign_up):
    event = make_event(capacity=1)
    sign_up(event)
    html = client.get(f"/open-days/{event.pk}/", **EN).content.decode()
    assert "Join the waiting list" in html
    response = client.post(f"/open-days/{event.pk}/", FORM, follow=True, **EN)
    assert 'data-status="waiting"' in response.content.decode()


def test_errors_stand_beside_their_fields_and_nothing_is_stored(client, event):
    response = client.post(f"/open-days/{event.pk}/", {**FORM, "email": "x"}, **EN)
    assert response.status_code == 422
    assert "field--error" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_key_cancels_and_a_wrong_key_is_not_found(client, event, sign_up):
    registration, key = sign_up(event)
    assert client.get(f"/open-days/registrations/{registration.pk}/cancel/wrong/").status_code == 404
    page = client.get(f"/open-days/registrations/{registration.pk}/cancel/{key}/", **EN).content.decode()
    assert "Cancel my registration" in page
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # a GET changes nothing
    response = client.post(f"/open-days/registrations/{registration.pk}/cancel/{key}/", **EN)
    assert 'data-status="cancelled"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_public_pages_never_show_who_registered(client, event, sign_up):
    sign_up(event, name="王五", email="wang@example.com")
    html = client.get(f"/open-days/{event.pk}/", **EN).content.decode()
    assert "王五" not in html
    assert "wang@example.com" not in html


def test_the_interaction_page_links_the_open_days(client, event):
    html = client.get("/interaction/", **EN).content.decode()
    assert 'href="/open-days/"' in html
    assert 'data-field="upcoming_open_days"' in html
