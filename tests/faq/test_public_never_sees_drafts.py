"""The public sees a question only while it is published and valid: never a draft, a question in
review, a returned or withdrawn one, one not yet valid or one that has expired."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sunshine.faq import search, services
from sunshine.faq.selectors import public_entries

WORD = "义务教育"


def _visible(client, entry) -> dict[str, bool]:
    return {
        "search": entry.pk in {hit.entry.pk for hit in search.find(q=WORD).results},
        "list": entry.pk in {hit.entry.pk for hit in search.find().results},
        "api": any(
            item["id"] == entry.pk for item in client.get("/api/v1/faq", {"q": WORD}).json()["results"]
        ),
        "api_entry": client.get(f"/api/v1/faq/{entry.pk}").status_code == 200,
        "page": client.get(f"/faq/{entry.pk}/").status_code == 200,
    }


def test_a_draft_and_a_submitted_question_are_not_public(client, draft, alice):
    entry = draft()
    assert not any(_visible(client, entry).values())
    services.take_action(entry=entry, action="submit", by=alice)
    assert not any(_visible(client, entry).values())


def test_a_published_question_is_public_everywhere(client, published):
    entry = published()
    assert all(_visible(client, entry).values())


def test_a_withdrawn_question_leaves_every_public_place(client, published, rita):
    entry = published()
    services.take_action(entry=entry, action="withdraw", by=rita, input={"reason": "已过时"})
    assert not any(_visible(client, entry).values())


def test_an_expired_question_is_not_public_the_day_after_its_last_day(published):
    today = timezone.localdate()
    entry = published(valid_until=today)
    assert public_entries(today).filter(pk=entry.pk).exists()
    tomorrow = today + datetime.timedelta(days=1)
    assert not public_entries(tomorrow).filter(pk=entry.pk).exists()
    assert search.find(q=WORD, today=tomorrow).count == 0


def test_a_question_valid_from_a_later_day_waits_for_it(client, published):
    later = timezone.localdate() + datetime.timedelta(days=3)
    entry = published(valid_from=later)
    assert not any(_visible(client, entry).values())
    assert search.find(q=WORD, today=later).count == 1


def test_a_question_of_a_deactivated_agency_is_not_public(client, published, tree):
    entry = published()
    tree["education"].is_active = False
    tree["education"].save(update_fields=["is_active"])
    assert search.find(q=WORD).count == 0
    assert client.get(f"/faq/{entry.pk}/").status_code == 404
