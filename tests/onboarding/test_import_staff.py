"""``sunshine import_staff FILE``: accounts by username with their roles, no usable password, an
invitation whose link sets one; an existing account keeps its password and is not invited again
unless ``--reinvite``."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from sunshine.agencies.models import Membership
from sunshine.core.models import AuditEntry
from sunshine.onboarding import services
from tests.conftest import PASSWORD
from tests.onboarding.county import (
    AGENCY_COLUMNS,
    STAFF_COLUMNS,
    as_csv,
    county_agencies,
    county_file,
    errors,
    run_import,
)

SITE = "https://gk.hx.example.gov.cn"
User = get_user_model()


@pytest.fixture
def county(db) -> None:
    report = services.run_command(
        "agencies",
        as_csv(county_agencies(), AGENCY_COLUMNS),
        file_name="county.csv",
        options={},
        dry_run=False,
        batch_size=500,
    )
    assert report.counts.created == 30


def run(tmp_path: Path, data: bytes, *args: str, name: str = "staff.csv") -> tuple[str, list[dict[str, str]]]:
    return run_import(tmp_path, "import_staff", data, "--site-url", SITE, *args, name=name)


def link_in(body: str) -> str:
    found = re.search(r"https://\S+", body)
    assert found is not None, body
    return found.group(0)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_fifty_staff_are_created_with_their_roles_and_invited_and_the_bad_rows_reported(
    county, tmp_path, mailoutbox, form
):
    output, report = run(tmp_path, county_file("staff", form), name=f"staff.{form}")

    # 49 people (one of them on two rows: the second row adds a role, so it counts as an update)
    assert "49 created, 1 updated, 0 unchanged, 4 with errors." in output
    assert User.objects.count() == 49
    office = User.objects.get(username="hx-office")
    assert (office.first_name, office.email) == ("李公开", "hx-office@hx.example.gov.cn")
    assert not office.has_usable_password()
    assert set(Membership.objects.filter(user=office).values_list("agency__code", "role")) == {
        ("HX", "disclosure_office"),
        ("HX", "supervisor"),
        ("HX-EDU", "reviewer"),
    }
    reviewer = User.objects.get(username="edu-reviewer")
    assert set(reviewer.memberships.values_list("role", flat=True)) == {"reviewer", "signer"}  # "；" too

    found = errors(report)
    assert set(found) == {"bad-mail", "bad-role", "bad-agency", "edu-officer"}
    assert found["bad-mail"] == ("email", "“bad-mail(at)example” is not an e-mail address.")
    assert found["bad-role"][0] == "roles"
    assert "Unknown role “boss”" in found["bad-role"][1]
    assert found["bad-agency"] == ("agency_code", "No agency has the code “HX-NONE”.")
    assert found["edu-officer"][0] == "username"
    assert "already on row" in found["edu-officer"][1]

    assert len(mailoutbox) == 49  # one invitation a person, none for the bad rows
    assert {m.to[0] for m in mailoutbox} == set(User.objects.values_list("email", flat=True))
    assert all(link_in(m.body).startswith(f"{SITE}/staff/welcome/") for m in mailoutbox)
    assert AuditEntry.objects.filter(action="account.create").count() == 49
    entry = AuditEntry.objects.get(action="onboarding.import", after__kind="staff")
    assert entry.after is not None
    assert (entry.after["created_count"], entry.after["error_count"]) == (49, 4)


def test_the_invitation_link_lets_the_person_set_a_password_and_sign_in(county, tmp_path, mailoutbox, client):
    run(tmp_path, county_file("staff", "csv", bad=False))
    mail = next(m for m in mailoutbox if m.to == ["t1-officer@hx.example.gov.cn"])
    assert "t1-officer" in mail.body

    page = client.get(urlsplit(link_in(mail.body)).path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert page.status_code == 200
    assert "Choose your password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "Your password is set" in done.content.decode()

    signed_in = client.post("/staff/login/", {"username": "t1-officer", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in.url == "/staff/"
    client.logout()
    used_again = client.get(urlsplit(link_in(mail.body)).path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "This link does not work any more" in used_again.content.decode()


def test_running_the_same_file_again_changes_nothing_and_sends_nothing(county, tmp_path, mailoutbox):
    run(tmp_path, county_file("staff", "csv"))
    mailoutbox.clear()

    output, _report = run(tmp_path, county_file("staff", "xlsx"), name="again.xlsx")

    assert "0 created, 0 updated, 50 unchanged, 4 with errors." in output
    assert User.objects.count() == 49
    assert Membership.objects.count() == 49 + 1 + 12 + 1  # one role each, plus the second roles
    assert mailoutbox == []


def test_an_existing_account_keeps_its_password_and_is_invited_again_only_when_asked(
    county, tmp_path, mailoutbox
):
    person = User.objects.create_user("t2-officer", email="old@hx.example.gov.cn", password=PASSWORD)
    rows = [
        {
            "username": "t2-officer",
            "name": "新名字",
            "email": "t2@hx.example.gov.cn",
            "agency_code": "HX-T02",
            "roles": "officer",
        }
    ]
    output, _report = run(tmp_path, as_csv(rows, STAFF_COLUMNS))

    assert "0 created, 1 updated" in output
    person.refresh_from_db()
    assert (person.first_name, person.email) == ("新名字", "t2@hx.example.gov.cn")
    assert person.check_password(PASSWORD)
    assert mailoutbox == []
    assert AuditEntry.objects.get(action="account.update").after == {
        "username": "t2-officer",
        "fields": ["email", "first_name"],
    }

    output, report = run(tmp_path, as_csv(rows, STAFF_COLUMNS), "--reinvite")

    assert "0 created, 0 updated, 1 unchanged" in output
    assert report[0]["Reason or note"] == "Invitation sent."
    assert [m.to for m in mailoutbox] == [["t2@hx.example.gov.cn"]]
    person.refresh_from_db()
    assert person.check_password(PASSWORD)  # a new link, the old password still works until it is used
    assert AuditEntry.objects.filter(action="account.invite").count() == 1


def test_a_dry_run_creates_no_account_writes_no_audit_and_sends_no_mail(county, tmp_path, mailoutbox):
    audit_before = AuditEntry.objects.count()

    output, report = run(tmp_path, county_file("staff", "csv"), "--dry-run")

    assert "Dry run, nothing was written: 49 created, 1 updated, 0 unchanged, 4 with errors." in output
    assert set(errors(report)) == {"bad-mail", "bad-role", "bad-agency", "edu-officer"}
    assert User.objects.count() == 0
    assert Membership.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert mailoutbox == []
