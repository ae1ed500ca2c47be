"""The notice of criticism (通报) of a closed inspection: the agencies with findings, each finding with
the state of its rectification, then the agencies without findings. Laid out as the request documents
are (``inforequests.documents.blocks``) and rendered by the same PDF (fpdf2, CJK fonts) and DOCX
(python-docx) writers."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from sunshine.core.workflow import WorkflowError
from sunshine.inforequests.documents.blocks import escape_line, parse
from sunshine.inforequests.documents.context import chinese_date
from sunshine.inforequests.documents.docx_output import to_docx
from sunshine.inforequests.documents.pdf_output import to_pdf
from sunshine.inspections.codes import InspectionStatus, RectificationStatus
from sunshine.inspections.models import Inspection
from sunshine.inspections.selectors import is_overdue

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def notice_text(inspection: Inspection, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    office = inspection.office.display_name
    findings = list(
        inspection.findings.select_related("agency", "rectification", "item").order_by("agency__path", "pk")
    )
    inspected = list(inspection.agencies.order_by("path"))
    with_findings = [a for a in inspected if any(f.agency_id == a.pk for f in findings)]
    lines = [
        "# " + _("Notice of criticism: %(title)s") % {"title": inspection.title},
        "## " + f"{office} · {inspection.period}",
        escape_line(
            _(
                "%(office)s carried out the %(kind)s “%(title)s” (%(period)s) from %(start)s to %(end)s. "
                "%(count)s agencies were inspected; the findings at %(with)s of them and the state of "
                "their rectification are notified below."
            )
            % {
                "office": office,
                "kind": inspection.get_kind_display(),
                "title": inspection.title,
                "period": inspection.period,
                "start": chinese_date(inspection.started_on),
                "end": chinese_date(inspection.closed_on),
                "count": len(inspected),
                "with": len(with_findings),
            }
        ),
    ]
    for n, agency in enumerate(with_findings, start=1):
        own = [f for f in findings if f.agency_id == agency.pk]
        lines.append("< " + f"{n}. {agency.display_name}")
        for m, finding in enumerate(own, start=1):
            r = finding.rectification
            state = str(r.get_status_display())
            if r.status == RectificationStatus.CLOSED:
                state += _(" on %(date)s") % {"date": chinese_date(r.closed_on)}
            else:
                state += _(", due %(date)s") % {"date": chinese_date(r.due_date)}
                if is_overdue(r, today):
                    state += _(", overdue")
            item = f"〔{finding.item.text}〕" if finding.item else ""
            text = " ".join(finding.text.split())
            lines.append(
                escape_line(f"（{m}）{item}{text} — " + _("Rectification: %(state)s.") % {"state": state})
            )
    others = [a.display_name for a in inspected if a not in with_findings]
    if others:
        lines.append(escape_line(_("No findings at: %(names)s.") % {"names": "、".join(others)}))
    lines.append(
        escape_line(
            _("The agencies named above rectify each finding by its due date and answer the inspectors.")
        )
    )
    lines += ["> " + office, "> " + chinese_date(today)]
    return "\n".join(lines)


def notice_response(inspection: Inspection, fmt: str, today: datetime.date | None = None) -> HttpResponse:
    """The notice as a download; 409 before the inspection is closed."""
    if inspection.status != InspectionStatus.CLOSED:
        raise WorkflowError(
            409,
            "inspection_not_closed",
            _("The notice of criticism is generated once the inspection is closed."),
        )
    blocks = parse(notice_text(inspection, today))
    author = inspection.office.name
    content = to_pdf(blocks, author=author) if fmt == "pdf" else to_docx(blocks, author=author)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    disposition = content_disposition_header(as_attachment=True, filename=f"通报-{inspection.pk}.{fmt}")
    if disposition is not None:
        response["Content-Disposition"] = disposition
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response
