"""The waiting list: when someone cancels, those waiting move up in order while their people fit,
nobody passes those before them, and each person moved up is e-mailed."""

from __future__ import annotations

from django.core import mail

from sunshine.core.models import AuditEntry
from sunshine.opendays import services
from sunshine.opendays.models import RegistrationStatus as S


def test_a_cancellation_moves_the_first_in_line_up_and_tells_them(
    event, sign_up, django_capture_on_commit_callbacks
):
    first, _ = sign_up(event, people=3)
    second, _ = sign_up(event, people=1, email="second@example.com")
    waiting, _ = sign_up(event, people=2, name="赵六", email="zhao@example.com")
    assert (first.status, second.status, waiting.status) == (S.CONFIRMED, S.CONFIRMED, S.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    assert [m.to for m in mail.outbox] == [["zhao@example.com"]]
    assert "now confirmed" in mail.outbox[0].body


def test_nobody_passes_the_first_in_line(event, sign_up):
    sign_up(event, people=3)
    freed, _ = sign_up(event, people=1)
    big, _ = sign_up(event, people=3)  # waits first
    small, _ = sign_up(event, people=1)  # would fit, but waits behind
    assert small.status == S.WAITING
    services.cancel_registration(registration=freed)
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == (S.WAITING, S.WAITING)


def test_a_newcomer_does_not_pass_those_waiting(event, sign_up):
    sign_up(event, people=3)
    sign_up(event, people=3)  # waits
    late, _ = sign_up(event, people=1)  # one place is free, but someone waits
    assert late.status == S.WAITING


def test_the_cancellation_is_audited_without_the_persons_data(event, sign_up):
    registration, _ = sign_up(event, people=1, name="钱七")
    services.cancel_registration(registration=registration)
    row = AuditEntry.objects.get(action="opendays.cancel_registration")
    assert "钱七" not in str(row.after)
    assert "zhang@example.com" not in str(row.after)
    assert (row.after or {})["status"] == "cancelled"
