"""The application form on the portal (条例 Art. 29), through Django's test client."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.core import mail

from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.codes import Status
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.portal.request_forms import ApplicationForm
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

D = datetime.date
MONDAY = D(2026, 9, 21)  # a working day: received the same day, reply due 2026-10-26 (20 working days)
CREDIT_CODE = "91110000600037341L"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The site's clock stands on a Monday of 2026, a year whose calendar is published."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    return MONDAY


def form_token(client, url: str = "/requests/apply/") -> str:
    html = client.get(url, **EN).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def person(**overrides) -> dict[str, str]:
    data = {
        "agency": "CITY-EDU",
        "applicant_kind": "natural_person",
        "name": "陈小明",
        "id_type": "resident_id",
        "id_number": CITIZEN_ID,
        "phone": "13800138000",
        "email": "chen@example.com",
        "address": "阳光市人民路1号",
        "title": "2025年度部门预算",
        "document_number": "阳教发〔2025〕3号",
        "description": "2025年度阳光市教育局部门预算执行情况",
        "delivery_form": "electronic",
        "delivery_method": "email",
    }
    data.update(overrides)
    return data


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden inputs of a page, as its form would send them."""
    fields = {}
    for tag in re.findall(r"<input [^>]*>", html):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name is not None and name.group(1) != "csrfmiddlewaretoken":
            fields[name.group(1)] = unescape(value.group(1)) if value is not None else ""
    return fields


def check_answers(client, data: dict[str, str], token: str | None = None):
    """The first POST of the form: the check-your-answers page (or the form with its errors)."""
    payload = {**data, "form_token": token if token is not None else form_token(client)}
    return client.post("/requests/apply/", payload, **EN)


def apply(client, data: dict[str, str], token: str | None = None, capture=None):
    """Fill in the form, and when its answers are shown to check, send them as the page does."""
    checked = check_answers(client, data, token)
    if checked.status_code != 200 or "portal/requests/check.html" not in [t.name for t in checked.templates]:
        return checked  # the form again, with its errors
    confirm = {**hidden_fields(checked.content.decode()), "confirm": "yes"}
    if capture is None:
        return client.post("/requests/apply/", confirm, **EN)
    with capture(execute=True):
        return client.post("/requests/apply/", confirm, **EN)


def test_the_form_offers_every_agency_in_tree_order_grouped_by_government(client, tree):
    html = client.get("/requests/apply/", **EN).content.decode()

    select = re.search(r'<select name="agency".*?</select>', html, re.S)
    assert select is not None
    options = select.group(0)
    assert '<optgroup label="Sunshine City Government">' in options
    assert '<optgroup label="邻市人民政府">' in options
    codes = re.findall(r'<option value="([^"]*)"', options)
    assert codes[0] == ""  # "Choose an agency" first
    city_tree = codes[1 : codes.index("OTHER")]
    assert city_tree[0] == "CITY"
    # Every agency comes after its parent: the street before its community, the district before both.
    assert city_tree.index("EAST") < city_tree.index("EAST-RIVER") < city_tree.index("EAST-RIVER-WILLOW")
    assert city_tree.index("CITY-EDU") < city_tree.index("CITY-EDU-EXAM")
    assert set(codes[1:]) == {agency.code for agency in tree.values()}


def test_the_agency_named_in_the_address_is_chosen_and_its_guide_shown(client, tree):
    html = client.get("/requests/apply/?agency=CITY", **EN).content.decode()

    assert re.search(r'<option value="CITY" selected>', html)
    assert "阳光市人民政府办公室" in html  # the disclosure office from the guide
    assert 'href="tel:0571-12345678"' in html


def test_the_form_tells_what_happens_next(client, tree):
    html = client.get("/requests/apply/", **EN).content.decode()

    assert "20 working days" in html
    assert "correct" in html
    assert 'href="/requests/status/"' in html
    assert "novalidate" in html


def test_a_natural_person_applies_and_gets_a_tracking_code_and_key(
    client, tree, django_capture_on_commit_callbacks
):
    response = apply(client, person(), capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/requests/apply/submitted/"
    stored = InfoRequest.objects.get()
    assert stored.agency == tree["education"]
    assert stored.applicant_kind == "natural_person"
    assert stored.applicant_name == "陈小明"
    assert stored.applicant_id_number == CITIZEN_ID
    assert stored.description == "2025年度阳光市教育局部门预算执行情况"
    assert stored.document_number == "阳教发〔2025〕3号"
    assert stored.created_by is None
    assert stored.status == Status.RECEIVED
    assert stored.received_on == MONDAY
    assert stored.due_date == D(2026, 10, 26)
    assert list(stored.events.values_list("action", flat=True)) == ["submit", "confirm_receipt"]
    assert AuditEntry.objects.filter(action="inforequest.submit").count() == 1

    html = client.get(response["Location"], **EN).content.decode()
    key = access.access_key_for(stored)
    assert f'id="tracking-code" class="receipt__code">{stored.tracking_code}<' in html
    assert f'id="access-key" class="receipt__code">{key}<' in html
    assert "2026-09-21" in html
    assert 'datetime="2026-10-26"' in html
    assert "only time the access key is shown" in html


def test_the_access_key_is_shown_once_and_a_reload_creates_nothing(client, tree):
    response = apply(client, person())
    stored = InfoRequest.objects.get()
    key = access.access_key_for(stored)

    first = client.get(response["Location"], **EN)
    again = client.get(response["Location"], **EN)

    assert key in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    html = again.content.decode()
    assert key not in html
    assert stored.tracking_code in html
    assert "not shown again" in html
    assert InfoRequest.objects.count() == 1


def test_the_access_key_never_appears_in_an_address(client, tree):
    response = apply(client, person())
    key = access.access_key_for(InfoRequest.objects.get())

    assert key not in response["Location"]
    html = client.get(response["Location"], **EN).content.decode()
    for href in re.findall(r'(?:href|action)="([^"]*)"', html):
        assert key not in href


def test_the_receipt_page_without_an_application_sends_to_the_form(client, tree):
    response = client.get("/requests/apply/submitted/", **EN)

    assert response.status_code == 302
    assert response["Location"] == "/requests/apply/"


def test_an_organisation_applies_with_its_unified_social_credit_code(client, tree):
    data = person(
        applicant_kind="research_institution",
        name="阳光市教育科学研究院",
        id_type="credit_code",
        id_number=CREDIT_CODE.lower(),
    )

    response = apply(client, data)

    assert response.status_code == 302
    stored = InfoRequest.objects.get()
    assert stored.applicant_kind == "research_institution"
    assert stored.applicant_id_type == "credit_code"
    assert stored.applicant_id_number == CREDIT_CODE


def test_the_applicant_types_are_the_codes_of_the_annual_report(client, tree):
    html = client.get("/requests/apply/", **EN).content.decode()

    values = re.findall(r'name="applicant_kind" value="([^"]+)"', html)
    assert values == [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_org",
        "legal_service_org",
        "other_org",
    ]
    assert "A legal person or other organisation" in html


BAD_INPUT = [
    ("no_agency", {"agency": ""}, "agency", "Choose the agency you are applying to."),
    ("unknown_agency", {"agency": "NO-SUCH"}, "agency", "Choose the agency you are applying to."),
    ("no_name", {"name": "  "}, "name", "Give the applicant's name."),
    (
        "wrong_check_character",
        {"id_number": CITIZEN_ID[:-1] + "1"},
        "id_number",
        "This is not a valid 18-character resident identity number.",
    ),
    ("no_document_number", {"id_number": ""}, "id_number", "Give the number of the identity document."),
    (
        "organisation_with_identity_card",
        {"applicant_kind": "commercial_enterprise", "name": "阳光科技有限公司"},
        "id_type",
        "Choose an identity document that fits the type of applicant.",
    ),
    (
        "malformed_credit_code",
        {
            "applicant_kind": "commercial_enterprise",
            "id_type": "credit_code",
            "id_number": "91110000-600037341",
        },
        "id_number",
        "This is not a valid 18-character unified social credit code.",
    ),
    (
        "unknown_applicant_type",
        {"applicant_kind": "alien"},
        "applicant_kind",
        "Choose the type of applicant.",
    ),
    (
        "no_way_to_contact",
        {"phone": "", "email": "", "address": "", "delivery_method": "pickup"},
        "phone",
        "Give at least one way to contact the applicant.",
    ),
    (
        "letters_in_phone",
        {"phone": "call me"},
        "phone",
        "Enter a phone number of digits, spaces, +, - and brackets.",
    ),
    ("bad_email", {"email": "chen@"}, "email", "Enter a valid e-mail address."),
    (
        "email_delivery_without_email",
        {"email": ""},
        "email",
        "Give an e-mail address to receive the information by e-mail.",
    ),
    (
        "post_without_address",
        {"address": "", "delivery_method": "post"},
        "address",
        "Give a postal address to receive the information by post.",
    ),
    ("no_description", {"description": ""}, "description", "Describe the information you want."),
    ("description_too_long", {"description": "预" * 5001}, "description", "at most 5000 characters"),
    ("unknown_form", {"delivery_form": "vellum"}, "delivery_form", "Choose the form of the information."),
    (
        "unknown_way",
        {"delivery_method": "pigeon"},
        "delivery_method",
        "Choose how the information is to reach you.",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_explained_beside_the_field_and_in_the_summary_and_nothing_is_stored(
    client, tree, django_capture_on_commit_callbacks, changes, field, message
):
    response = apply(client, person(**changes), capture=django_capture_on_commit_callbacks)

    assert response.status_code == 200
    html = unescape(response.content.decode())
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary is not None
    radio = field in {"applicant_kind", "delivery_form", "delivery_method"}
    anchor = f"#id_{field}_0" if radio else f"#id_{field}"
    assert re.search(rf'<a href="{anchor}">[^<]*{re.escape(message)}', summary.group(0))
    beside = re.search(
        rf'<span class="field__error" id="id_{field}_error">.*?</span>\s*(.*?)</span>', html, re.S
    )
    assert beside is not None
    assert message in beside.group(1)
    assert "<title>Error:" in html
    assert InfoRequest.objects.count() == 0
    assert RequestEvent.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="inforequest.").exists()
    assert mail.outbox == []


def test_every_problem_is_listed_at_once(client, tree):
    data = person(name="", id_number=CITIZEN_ID[:-1] + "1", email="chen@", description="")

    html = apply(client, data).content.decode()

    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary is not None
    links = re.findall(r'<a href="#id_(\w+)">', summary.group(0))
    assert links == ["name", "id_number", "email", "description"]


def test_what_was_typed_is_kept_after_an_error(client, tree):
    html = apply(client, person(email="chen@")).content.decode()

    assert 'value="陈小明"' in html
    assert "2025年度阳光市教育局部门预算执行情况</textarea>" in html
    assert re.search(r'<option value="CITY-EDU" selected>', html)


def test_the_same_form_sent_twice_stores_one_request(client, tree, django_capture_on_commit_callbacks):
    token = form_token(client)

    first = apply(client, person(), token=token, capture=django_capture_on_commit_callbacks)
    second = apply(client, person(), token=token, capture=django_capture_on_commit_callbacks)

    assert first.status_code == second.status_code == 302
    assert InfoRequest.objects.count() == 1
    assert len(mail.outbox) == 1  # one receipt, not two


def test_the_same_form_sent_again_with_other_details_asks_before_a_second_request(client, tree):
    token = form_token(client)
    apply(client, person(), token=token)

    response = apply(client, person(description="另一项信息"), token=token)

    assert response.status_code == 200
    html = response.content.decode()
    assert "already sent" in html
    fresh = re.search(r'name="form_token" value="([^"]+)"', html)
    assert fresh is not None
    assert fresh.group(1) != token
    assert InfoRequest.objects.count() == 1

    assert apply(client, person(description="另一项信息"), token=fresh.group(1)).status_code == 302
    assert InfoRequest.objects.count() == 2


def test_every_rendering_of_the_form_has_its_own_token(client, tree):
    assert form_token(client) != form_token(client)


def test_an_application_in_a_year_without_a_calendar_is_received_with_a_provisional_date(
    client, tree, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: D(2027, 3, 1))

    response = apply(client, person())

    assert response.status_code == 302
    stored = InfoRequest.objects.get()
    assert (stored.received_on, stored.due_date, stored.due_date_provisional) == (
        D(2027, 3, 1),
        D(2027, 3, 29),
        True,
    )
    page = client.get("/requests/apply/submitted/", **EN).content.decode()
    assert 'class="provisional-mark"' in page
    assert "has not yet published the 2027 holiday arrangement" in page


def test_the_service_errors_land_on_the_fields_they_concern():
    form = ApplicationForm(data={})
    form.is_valid()
    form.add_service_errors(
        {"applicant.address": "Give a postal address.", "received_on": "Not in the future."}
    )

    assert "Give a postal address." in form.errors["address"]
    assert "Not in the future." in form.non_field_errors()


def test_an_e_mail_with_the_code_and_key_goes_to_the_applicant(
    client, tree, django_capture_on_commit_callbacks
):
    apply(client, person(), capture=django_capture_on_commit_callbacks)

    stored = InfoRequest.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chen@example.com"]
    assert stored.tracking_code in message.subject
    assert stored.tracking_code in message.body
    assert access.access_key_for(stored) in message.body
    assert "http://testserver" + access.private_path(stored) in message.body  # the private link


def test_no_e_mail_without_an_address(client, tree, django_capture_on_commit_callbacks):
    apply(client, person(email="", delivery_method="pickup"), capture=django_capture_on_commit_callbacks)

    assert InfoRequest.objects.count() == 1
    assert mail.outbox == []


def test_the_home_page_and_the_agency_page_link_to_the_form(client, tree):
    home = client.get("/", **EN).content.decode()
    agency = client.get("/agencies/CITY-EDU/", **EN).content.decode()

    assert 'href="/requests/apply/"' in home
    assert 'href="/requests/status/"' in home
    assert 'href="/requests/apply/?agency=CITY-EDU"' in agency
    assert 'href="/requests/status/"' in agency
