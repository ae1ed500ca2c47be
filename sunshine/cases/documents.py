"""The documents issued when a case is decided (docs/cases.md#decision-documents): the decision
(准予/不予行政许可决定书, or 准予/不予办理决定书 for an item that is not a licence) and, for an
approved item of kind licence (行政许可), the certificate (行政许可证书).

They are made by the ``decide`` step (``issue``), inside its transaction: numbered per agency, kind
and year, rendered to PDF with the request documents' machinery (plain-text template → blocks →
fpdf2 with the CJK font) and stored with their SHA-256, so what was issued never changes. When the
server has no CJK font at that moment, the numbers are kept and the bytes are made (once, then
stored) the first time the document is read.

The wording is official Chinese, like the request notices, and is not translated. Legal sources:
行政许可法 Art. 38 (decision; a denial gives its reasons and the applicant's rights of review and
litigation), Art. 39 (the licence certificate); 行政复议法 Art. 20 and 行政诉讼法 Art. 46 (periods).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.http import HttpResponse
from django.template import Context, Engine
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from sunshine.agencies.models import Agency
from sunshine.cases.codes import Result
from sunshine.cases.models import Case, CaseDocument
from sunshine.eservices.codes import Kind as ItemKind
from sunshine.inforequests.documents.blocks import escape_lines, parse
from sunshine.inforequests.documents.context import chinese_date, one_line, reconsideration_body
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.inforequests.documents.pdf_output import to_pdf
from sunshine.inforequests.law import LAWSUIT_MONTHS, RECONSIDERATION_DAYS

Kind = CaseDocument.Kind
CONTENT_TYPE = "application/pdf"
LICENSING_LAW = "《中华人民共和国行政许可法》"
TEMPLATES = {
    Kind.DECISION: "cases/documents/decision.txt",
    Kind.CERTIFICATE: "cases/documents/certificate.txt",
}
# The mark of each kind in its number: EDU决〔2026〕00001号, EDU证〔2026〕00001号.
NUMBER_MARKS = {Kind.DECISION: "决", Kind.CERTIFICATE: "证"}


class DocumentNotIssued(Exception):
    """The case has no document of this kind (not decided, or no certificate for it)."""


def is_licence(case: Case) -> bool:
    return case.version.kind == ItemKind.LICENSING


def kinds_for(case: Case) -> list[str]:
    """The documents a decided case gets: the decision; the certificate for an approved licence."""
    if not case.result:
        return []
    kinds = [Kind.DECISION.value]
    if case.result == Result.APPROVED and is_licence(case):
        kinds.append(Kind.CERTIFICATE.value)
    return kinds


def _next_serial(agency: Agency, kind: str, year: int) -> int:
    """The next number of ``kind`` for ``agency`` in ``year``; the agency's row is locked first so
    that two decisions at once do not take the same number (the unique constraint is the net)."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    last = CaseDocument.objects.filter(agency=agency, kind=kind, year=year).aggregate(n=Max("serial"))["n"]
    return int(last or 0) + 1


def document_number(agency: Agency, kind: str, year: int, serial: int) -> str:
    return f"{agency.code}{NUMBER_MARKS[Kind(kind)]}〔{year}〕{serial:05d}号"


def _remedies(agency: Agency) -> str:
    return (
        f"你（单位）对本决定不服的，可以自收到本决定书之日起{RECONSIDERATION_DAYS}日内向"
        f"{reconsideration_body(agency)}申请行政复议，也可以自收到本决定书之日起{LAWSUIT_MONTHS}个月内"
        "依法向人民法院提起行政诉讼。"
    )


def _titles(case: Case) -> tuple[str, str]:
    """The title and the decision's words, by result and by whether the item is a licence."""
    approved = case.result == Result.APPROVED
    if is_licence(case):
        return ("准予行政许可决定书", "准予行政许可") if approved else ("不予行政许可决定书", "不予行政许可")
    return ("准予办理决定书", "准予办理") if approved else ("不予办理决定书", "不予办理")


def _basis(case: Case) -> str:
    """The provisions the decision cites: 行政许可法 Art. 38 for a licence, then the guide's basis."""
    guide = one_line(case.version.legal_basis)
    if not is_licence(case):
        return guide or "有关法律、法规"
    article = "第三十八条第一款" if case.result == Result.APPROVED else "第三十八条第二款"
    law = LICENSING_LAW + article
    return f"{law}和{guide}" if guide else law


def build_context(case: Case, documents: dict[str, CaseDocument]) -> dict[str, Any]:
    """Everything the templates print, as strings; person-written text on one line or escaped."""
    title, result_text = _titles(case)
    decision = documents.get(Kind.DECISION)
    certificate = documents.get(Kind.CERTIFICATE)
    return {
        "title": title,
        "result_text": result_text,
        "approved": case.result == Result.APPROVED,
        "number": "",
        "decision_number": decision.number if decision else "",
        "certificate_number": certificate.number if certificate else "",
        "valid_from": chinese_date(certificate.valid_from if certificate else None),
        "agency_name": case.agency.name,
        "tracking_code": case.tracking_code,
        "applicant_name": one_line(case.applicant_name),
        "service_name": one_line(case.version.name),
        "legal_basis": one_line(case.version.legal_basis),
        "basis": _basis(case),
        "received_on": chinese_date(case.received_on),
        "accepted_on": chinese_date(case.accepted_on),
        "decided_on": chinese_date(case.decided_on),
        "reasons": escape_lines(case.reasons),
        "remedies": _remedies(case.agency),
    }


def render_pdf(case: Case, document: CaseDocument, documents: dict[str, CaseDocument]) -> bytes:
    """The document as PDF bytes; ``FontNotFound`` without a CJK font."""
    context = {**build_context(case, documents), "number": document.number}
    template = Engine.get_default().get_template(TEMPLATES[Kind(document.kind)])
    text = template.render(Context(context, autoescape=False))
    return to_pdf(parse(text), author=case.agency.name)


def _fill(case: Case, document: CaseDocument, documents: dict[str, CaseDocument]) -> bool:
    """Render and keep the bytes of ``document`` if it has none; False without a CJK font."""
    if document.content:
        return True
    try:
        content = render_pdf(case, document, documents)
    except FontNotFound:
        return False
    document.content = content
    document.sha256 = hashlib.sha256(content).hexdigest()
    return True


def issue(case: Case, day: datetime.date) -> list[CaseDocument]:
    """Number, render and store the documents of a case just decided on ``day`` (the ``decide``
    step's handler calls it with the case's result, reasons and date set). Returns them."""
    documents: dict[str, CaseDocument] = {}
    for kind in kinds_for(case):
        serial = _next_serial(case.agency, kind, day.year)
        documents[kind] = CaseDocument(
            case=case,
            kind=kind,
            agency=case.agency,
            year=day.year,
            serial=serial,
            number=document_number(case.agency, kind, day.year, serial),
            issued_on=day,
            valid_from=day if kind == Kind.CERTIFICATE else None,
        )
    for document in documents.values():
        _fill(case, document, documents)
        document.save()
    return list(documents.values())


def issued(case: Case) -> list[CaseDocument]:
    """The documents of ``case``, without their bytes (for pages and the API)."""
    return list(case.documents.defer("content").order_by("id"))


def issued_data(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "kind": d.kind,
            "label": str(Kind(d.kind).label),
            "number": d.number,
            "issued_on": d.issued_on,
            "valid_from": d.valid_from,
            "sha256": d.sha256,
        }
        for d in issued(case)
    ]


@dataclass(frozen=True)
class IssuedFile:
    filename: str
    content: bytes


def document_file(case: Case, kind: str) -> IssuedFile:
    """The stored bytes of the document ``kind`` of ``case``; made and stored now if the font was
    missing when it was issued. ``DocumentNotIssued`` if there is none; ``FontNotFound`` if it
    still cannot be made."""
    documents = {d.kind: d for d in case.documents.all()}
    document = documents.get(kind)
    if document is None:
        raise DocumentNotIssued(kind)
    if not document.content:
        if not _fill(case, document, documents):
            raise FontNotFound(kind)
        CaseDocument.objects.filter(pk=document.pk, sha256="").update(
            content=document.content, sha256=document.sha256
        )
        document.refresh_from_db()
    content = bytes(document.content)
    return IssuedFile(f"{case.tracking_code}-{kind}.pdf", content)


def document_response(found: IssuedFile) -> HttpResponse:
    """A document as a download; it holds personal data: never cached on the way."""
    response = HttpResponse(found.content, content_type=CONTENT_TYPE)
    disposition = content_disposition_header(as_attachment=True, filename=found.filename)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response
