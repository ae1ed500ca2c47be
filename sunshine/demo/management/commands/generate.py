"""``sunshine generate``: large synthetic data sets for benchmarks and load tests.

Each part of the data has its module in ``sunshine.demo.synthetic`` (agencies and staff:
``sunshine.demo.synthetic.agencies``); later features add their own options here
(``--records N``, ``--requests N`` …) and a step in ``handle``. Everything is written in one
transaction with one audit entry summarising it, and nothing is written if any step refuses.
Generated records are put in the search index as they are written, in the same transaction
(``--records``).
With ``--agencies 0`` no agencies are made: records go to the active agencies already there
(the demo city, an earlier run), continuing their index numbers.
"""

from __future__ import annotations

import datetime
import os
import time
from argparse import ArgumentParser
from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sunshine.agencies.models import Agency, Membership, Role
from sunshine.core import audit
from sunshine.demo.synthetic.agencies import GenerationError, generate_agencies
from sunshine.demo.synthetic.records import (
    RecordGenerationError,
    RecordGenerationResult,
    ensure_catalogues,
    generate_records,
)
from sunshine.demo.synthetic.requests import (
    RequestGenerationError,
    RequestGenerationResult,
    generate_requests,
)
from sunshine.workdays.calendar import current_calendar


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Generate large synthetic data for benchmarks: a province-like tree of agencies with "
        "Chinese names and staff holding roles in them, and with --requests, requests for "
        "information to those agencies. Codes start with --prefix; a prefix already in use is "
        "refused, so re-running with a new prefix adds a distinct set."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--agencies",
            type=int,
            default=1000,
            help="number of agencies in the tree (default 1000); 0: none, records go to the existing "
            "active agencies",
        )
        parser.add_argument(
            "--staff", type=int, default=200, help="number of staff accounts with roles (default 200)"
        )
        parser.add_argument(
            "--prefix",
            default="GEN",
            help="start of every generated agency code and username (default GEN); must not be in use",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed, for repeatable data (default 1)"
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=0,
            help="number of requests for information spread over the generated agencies (default 0)",
        )
        parser.add_argument(
            "--records",
            type=int,
            default=0,
            help="number of published records spread over the agencies, then put in the search index "
            "(default 0)",
        )
        parser.add_argument(
            "--index-workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that compose the records' texts and cut them for the search index "
            "(default: one per core)",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="reference day of the requests (YYYY-MM-DD, default today): open ones were received "
            "in the weeks before it, concluded ones from 2024-01-01 on",
        )
        parser.add_argument(
            "--password",
            default=None,
            help="password of every generated account (default: none, the accounts cannot sign in)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["agencies"] < 0:
            raise CommandError("--agencies cannot be negative.")
        if options["index_workers"] < 1:
            raise CommandError("--index-workers must be at least 1.")
        result = None
        records: RecordGenerationResult | None = None
        try:
            with transaction.atomic():
                summary: dict[str, Any] = {"prefix": options["prefix"], "seed": options["seed"]}
                if options["agencies"]:
                    result = generate_agencies(
                        prefix=options["prefix"],
                        agencies=options["agencies"],
                        staff=options["staff"],
                        seed=options["seed"],
                        password=options["password"],
                    )
                    summary.update(result.summary())
                    # Agencies written in bulk miss the signal that gives a new agency its catalogue.
                    summary["categories"] = ensure_catalogues(self._generated(options["prefix"]))
                if options["requests"]:
                    summary["requests"] = self._requests(options).summary()
                if options["records"]:
                    records = self._records(options)
                    summary["records"] = records.summary()
                target = result.root if result else self._top_agency()
                if target is None:
                    raise CommandError("There is no agency: generate some with --agencies N.")
                audit.record(
                    actor=None,
                    action="generate.agencies" if result else "generate.records",
                    obj=target,
                    after=summary,
                    agency=target,
                )
        except (GenerationError, RequestGenerationError, RecordGenerationError) as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        if result is not None:
            kinds = ", ".join(f"{kind} {count}" for kind, count in result.by_kind.items())
            roles = ", ".join(f"{role} {count}" for role, count in result.by_role.items()) or "none"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated {result.agencies} agencies ({kinds}; depth {result.max_depth}), "
                    f"{result.staff} staff with {result.memberships} roles ({roles}) in {seconds:.2f} s."
                )
            )
            self.stdout.write(f"Root: {result.root.code} {result.root.name} (path {result.root.path})")
        if "requests" in summary:
            requests = summary["requests"]
            statuses = ", ".join(f"{status} {count}" for status, count in requests["by_status"].items())
            first, last = requests["received"]
            self.stdout.write(
                f"Requests: {requests['requests']} ({statuses}), received {first} to {last}, "
                f"{requests['pauses']} open consultations."
            )

    def _generated(self, prefix: str) -> list[Agency]:
        return list(Agency.objects.filter(code__startswith=f"{prefix}-").order_by("code"))

    def _top_agency(self) -> Agency | None:
        return Agency.objects.filter(parent__isnull=True).order_by("sort_order", "code").first()

    def _records(self, options: dict[str, Any]) -> RecordGenerationResult:
        if options["agencies"]:
            agencies = self._generated(options["prefix"])
        else:
            agencies = list(Agency.objects.filter(is_active=True).order_by("code"))
        step = max(100_000, options["records"] // 10)
        verbose = options.get("verbosity", 1) >= 1 and options["records"] >= step

        def progress(done: int) -> None:
            if verbose and done % step == 0:
                self.stdout.write(f"  {done:,} records …")

        records = generate_records(
            agencies=agencies,
            count=options["records"],
            seed=options["seed"],
            today=options["today"] or timezone.localdate(),
            workers=options["index_workers"],
            progress=progress,
        )
        categories = ", ".join(f"{key} {count}" for key, count in records.by_category.most_common(5))
        self.stdout.write(
            f"Records: {records.records} published over {records.agencies} agencies ({categories} …), "
            f"{records.first_published} to {records.last_published}, "
            f"{records.with_document_number} with a document number."
        )
        self.stdout.write(
            f"Import and index: {records.seconds:.1f} s, {records.write_seconds:.1f} s of it writing rows "
            f"and search entries; {records.workers} process(es) composing and segmenting"
            f"{', the index loaded in bulk' if records.bulk_index else ''}; CPU "
            f"{records.cpu_seconds_this_process:.1f} s planning and writing, "
            f"{records.cpu_seconds_workers:.1f} s composing and segmenting."
        )
        return records

    def _requests(self, options: dict[str, Any]) -> RequestGenerationResult:
        if options["requests"] < 0:
            raise RequestGenerationError("--requests cannot be negative.")
        prefix = options["prefix"]
        agencies = list(
            Agency.objects.filter(code__startswith=f"{prefix}-").order_by("code").only("pk", "kind", "name")
        )
        officers: dict[int, list[int]] = defaultdict(list)
        memberships = Membership.objects.filter(agency__code__startswith=f"{prefix}-", role=Role.OFFICER)
        for agency_id, user_id in memberships.order_by("agency_id", "user_id").values_list(
            "agency_id", "user_id"
        ):
            officers[agency_id].append(user_id)
        step = max(100_000, options["requests"] // 10)
        verbose = options.get("verbosity", 1) >= 1 and options["requests"] >= step

        def progress(done: int) -> None:
            if verbose and done % step == 0:
                self.stdout.write(f"  {done:,} requests …")

        return generate_requests(
            agencies=agencies,
            officers=dict(officers),
            count=options["requests"],
            seed=options["seed"],
            prefix=prefix,
            today=options["today"] or timezone.localdate(),
            calendar=current_calendar(),
            progress=progress,
        )
