"""The annual report's API answers with typed schemas: the JSON is the same as before them (same
keys, same nesting, same values) and /api/v1/openapi.json documents it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from sunshine.annualreports import services
from sunshine.annualreports.api import report_data
from sunshine.annualreports.layout import COLUMN_CODES, DOCUMENT_COLUMN_CODES, REVIEW_RESULT_CODES
from sunshine.annualreports.report import compute_report
from sunshine.annualreports.selectors import published_report
from tests.annualreports.test_annual_report_api import make_request

D = datetime.date
PATH = "/api/v1/agencies/CITY-EDU/annual-reports/2025"

# The keys the endpoint answered before it had schemas.
TOP_KEYS = {"agency", "year", "scope", "applications", "proactive", "reviews", "checks"}
PROACTIVE_KEYS = {"regulations", "normative_documents", "licensing", "penalty", "enforcement", "fees"}


def keys(value: Any) -> Any:
    """The shape of a JSON value: its keys, nested, with lists of their first item's shape."""
    if isinstance(value, dict):
        return {k: keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [keys(value[0])] if value and isinstance(value[0], dict | list) else []
    return None


def untyped(code_agency: Any, year: int) -> dict[str, Any]:
    """The JSON as the endpoint built it before the schemas (``report_data`` unchanged)."""
    report = compute_report(code_agency, year)
    published = published_report(code_agency, year)
    if published is not None and published.published_tables.get("scope") == report.scope:
        report = report.with_decisions(published)
    return json.loads(json.dumps(report_data(report), cls=DjangoJSONEncoder))


@pytest.mark.parametrize("published", [False, True])
def test_the_json_of_the_endpoint_is_unchanged(client, tree, people, published):
    make_request(tree["education"], 1, "natural_person", D(2025, 3, 3), D(2025, 3, 20), "disclosed")
    if published:
        draft = services.open_draft(agency=tree["education"], year=2025, by=people["office"])
        services.update_draft(draft=draft, by=people["office"], licensing_decisions=7)
        for action, person in [("submit", "office"), ("approve", "reviewer"), ("sign", "signer")]:
            services.take_action(draft=draft, action=action, by=people[person])
        services.take_action(draft=draft, action="publish", by=people["office"])
    body = client.get(PATH).json()
    assert body == untyped(tree["education"], 2025)
    assert keys(body) == keys(untyped(tree["education"], 2025))
    assert set(body) == TOP_KEYS
    assert set(body["applications"]) == {"columns", "rows"}
    assert body["applications"]["columns"] == list(COLUMN_CODES)
    assert set(body["proactive"]) == PROACTIVE_KEYS
    assert set(body["proactive"]["regulations"]) == set(DOCUMENT_COLUMN_CODES)
    assert set(body["proactive"]["fees"]) == {"amount_10k_yuan"}
    assert set(body["proactive"]["licensing"]) == {"decisions"}
    assert body["proactive"]["licensing"]["decisions"] == (7 if published else None)
    assert body["proactive"]["fees"]["amount_10k_yuan"] == ("0" if published else None)
    assert set(body["reviews"]["reconsideration"]) == {*REVIEW_RESULT_CODES}
    assert {frozenset(check) for check in body["checks"]} == {frozenset({"name", "ok", "label"})}


def test_the_openapi_document_lists_the_schemas(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in [
        "AnnualReportOut",
        "ApplicationsOut",
        "ProactiveOut",
        "DocumentCountsOut",
        "DecisionsOut",
        "AnnualReportFeesOut",
        "CheckOut",
    ]:
        assert name in schemas, name
    assert set(schemas["AnnualReportOut"]["properties"]) == TOP_KEYS
    assert set(schemas["ProactiveOut"]["properties"]) == PROACTIVE_KEYS
    assert set(schemas["DocumentCountsOut"]["properties"]) == set(DOCUMENT_COLUMN_CODES)
    operation = spec["paths"]["/api/v1/agencies/{code}/annual-reports/{year}"]["get"]
    content = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert content == {"$ref": "#/components/schemas/AnnualReportOut"}
