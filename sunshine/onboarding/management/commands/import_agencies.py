"""``sunshine import_agencies FILE``: the agency tree from CSV or XLSX (docs/onboarding.md)."""

from __future__ import annotations

from sunshine.onboarding.agencies import AgencyImporter
from sunshine.onboarding.command import ImportCommand


class Command(ImportCommand):
    kind = AgencyImporter.kind
    help = (
        "Agencies by code, new or changed, parents first (columns: "
        + ", ".join(AgencyImporter.columns.all)
        + "). Rows with problems are reported and skipped."
    )
