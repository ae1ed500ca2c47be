"""The demo's services online (网上办事): ``manage.py demo_eservices`` on the demo city writes six guides
of three bureaus and publishes them through the review steps, and sends one more to review; the
catalogue lists them, a guide shows its flow chart, and loading again adds nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from sunshine.core.models import AuditEntry
from sunshine.demo.eservices import IN_REVIEW, PUBLISHED
from sunshine.eservices.codes import Status
from sunshine.eservices.models import Item, Material, Step, Version

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def load() -> str:
    out = io.StringIO()
    call_command("demo_eservices", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Item, Version, Material, Step, AuditEntry)}


def test_six_guides_of_three_bureaus_are_published_through_the_review_steps(demo_city):
    printed = load()
    published = Version.objects.filter(status=Status.PUBLISHED).select_related("item__agency")
    assert published.count() == 6
    assert len({v.item.agency.code for v in published}) == 3
    for version in published:
        assert version.submitted_by is not None
        assert version.published_by is not None
        assert version.submitted_by != version.published_by  # four eyes
        assert 3 <= version.materials.count() <= 6
        assert 3 <= version.steps.count() <= 5
        assert version.windows.exists()
        assert version.events.exists()
        assert version.legal_basis
        assert version.contact_phone
        assert version.promised_days <= version.statutory_days
        assert AuditEntry.objects.filter(action="eservice.publish", object_id=str(version.pk)).exists()
    assert "/services/YG-RSJ-GF-001/" in printed


def test_one_guide_waits_in_review_on_the_reviewers_desk(demo_city, client):
    load()
    waiting = Version.objects.get(item__code=IN_REVIEW.code)
    assert waiting.status == Status.SUBMITTED
    assert client.get(f"/services/{IN_REVIEW.code}/").status_code == 404
    client.force_login(get_user_model().objects.get(username="reviewer"))
    desk = client.get("/staff/desk/review/", **EN).content.decode()
    assert f"/staff/eservices/{IN_REVIEW.code}/v1/" in desk


def test_the_catalogue_lists_them_and_a_guide_renders_its_flow_chart(demo_city, client):
    load()
    catalogue = client.get("/services/", **EN).content.decode()
    for guide in PUBLISHED:
        assert guide.fields["name"] in catalogue
    assert IN_REVIEW.fields["name"] not in catalogue
    page = client.get("/services/YG-SCJGJ-XK-002/", **EN).content.decode()
    assert "食品经营许可" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart" role="img"' in page
    assert "现场核查" in page


def test_loading_again_adds_nothing(demo_city):
    load()
    before = counts()
    printed = load()
    assert counts() == before
    assert "0 published guides and 0 guide in review added" in printed


def test_the_command_asks_for_the_demo_city_first(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="demo_data"):
        load()
