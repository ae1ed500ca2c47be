"""``manage.py demo_eservices``: the demo's services online (网上办事) — six published service guides
of three city bureaus and one guide waiting in review, then one service case in each state, the
supervision sweep, a few ratings (one 差评 with its rectification) and one 督办 notice (run after
demo_data; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sunshine.demo.cases import CasesResult, load_cases
from sunshine.demo.eservices import IN_REVIEW, load_eservices


class Command(BaseCommand):
    help = (
        "Load the demo's service guides through the services and the review steps. Safe to run again: "
        "only what is missing is added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (only on a throw-away database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_eservices runs only with DEBUG=1 (or --force on a throw-away database).")
        try:
            result = load_eservices()
            handled = load_cases()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Services online: {result.published} published guides and {result.in_review} guide in review "
            "added."
        )
        site = settings.SUNSHINE_SITE_URL or "http://127.0.0.1:8000"
        self.stdout.write(f"Catalogue: {site}/services/")
        for code in result.codes:
            self.stdout.write(f"  {site}/services/{code}/")
        self.stdout.write(f"In review: {IN_REVIEW.code} (sign in as reviewer: {site}/staff/desk/review/)")
        self._cases(handled, site)

    def _cases(self, result: CasesResult, site: str) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Service cases: one in each state ({result.created} added), {result.ratings} ratings and "
            f"{result.notices} supervision notice added; the supervision sweep wrote {result.swept} states."
        )
        self.stdout.write(
            "Open one at /cases/follow/ with its tracking code and access key, or by its private link; "
            "staff sign in as office (cases, ratings) or supervisor (electronic supervision)."
        )
        for shown in result.shown:
            self.stdout.write(
                f"  {shown.key:<19} {shown.tracking_code}  key {shown.access_key}  "
                f"{shown.status} · {shown.service}"
            )
            self.stdout.write(f"  {'':<19} {site}{shown.private_path}")
            self.stdout.write(f"  {'':<19} {site}{shown.staff_path}")
        self.stdout.write(f"Supervision dashboard: {site}/staff/supervision/ (red and yellow cases)")
        if result.notice_path:
            self.stdout.write(f"Supervision notice (督办): {site}{result.notice_path}")
        if result.rectification_path:
            self.stdout.write(f"Rectification after a bad rating: {site}{result.rectification_path}")
        self.stdout.write(f"Public ratings: {site}/services/evaluations/")
        self.stdout.write(f"Decided cases (办件公示): {site}/cases/results/")
