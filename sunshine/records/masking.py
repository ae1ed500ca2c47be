"""The published copy of a revision in which reviewers masked privacy findings (脱敏, docs/privacy.md).

A reviewer may decide that a finding is masked rather than removed or kept: the public then reads
``110101********4258`` for an identity number, ``138****8000`` for a mobile number and the agency's
form of a name (``Agency.name_masking``: 张**, 张某某 or ***), while staff keep the original. Masking
is done on what can really be rewritten:

- the record's text (its HTML and its plain text);
- DOCX and XLSX attachments: the words of every paragraph, cell, shared string and comment, and any
  other XML part of the file where the value is written out (hyperlinks, document properties).

A PDF is never masked: covering a number with a black box leaves it in the file underneath, so a
finding in a PDF is removed by replacing the file with a redacted one (or let stay). The title,
summary, keywords and file names are read in too many places to be masked: the author changes them.

Every copy is checked before it is used: the privacy scan of its text must find none of the masked
values again and no XML part may still hold one; otherwise ``MaskingFailed`` says which file, and
nothing is published. ``publish_copy(revision)`` makes and stores the copies at publication;
``check(revision)`` makes them in memory only, when a reviewer decides to mask.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.sax.saxutils import escape as xml_escape

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from lxml import etree

from sunshine.records import attachments as files
from sunshine.records import findings, privacy_scan, reading_limits, richtext
from sunshine.records.codes import AttachmentKind
from sunshine.records.models import FindingDecision, Revision

W = files.W
S = files.S
MASKABLE_KINDS = frozenset({AttachmentKind.DOCX, AttachmentKind.XLSX})
# Parts of an office file that hold other files (OLE objects, embedded workbooks, ActiveX): their
# content cannot be read, so it cannot be masked either.
EMBEDDED = ("word/embeddings/", "xl/embeddings/", "word/activeX/", "xl/activeX/")
XML_SUFFIXES = (".xml", ".rels", ".vml")


class MaskingFailed(Exception):
    """A copy could not be masked safely; ``message`` says which and what to do, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Plan:
    """What to mask: the digests of the findings a reviewer decided to mask, how names are masked
    and every form the values were found written in (with what replaces it)."""

    digests: frozenset[str]
    name_rule: str
    originals: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.digests)

    def replacement(self, finding: privacy_scan.Finding) -> str | None:
        """What replaces ``finding`` in the published copy, or None when it is not masked."""
        if findings.digest_of(finding.kind, finding.value) not in self.digests:
            return None
        return privacy_scan.mask(finding, self.name_rule)


def plan_for(revision: Revision, scan: Iterable[findings.Located] | None = None) -> Plan:
    digests = frozenset(o.digest for o in revision.overrides.all() if o.decision == FindingDecision.MASK)
    rule = revision.record.agency.name_masking
    originals: dict[str, str] = {}
    if digests:
        for located in scan if scan is not None else findings.scan_revision(revision):
            if located.digest in digests:
                masked = privacy_scan.mask(located.finding, rule)
                originals[located.finding.text] = masked
                originals[located.finding.value] = masked
    return Plan(digests, rule, originals)


# --- Plain text and HTML ------------------------------------------------------------------------


def mask_text(text: str, plan: Plan) -> str:
    """``text`` with every finding the plan masks replaced by its masked form."""
    parts: list[str] = []
    cursor = 0
    for finding in privacy_scan.scan(text):
        masked = plan.replacement(finding)
        if masked is None:
            continue
        parts.append(text[cursor : finding.start])
        parts.append(masked)
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts)


def leftovers(text: str, plan: Plan) -> bool:
    """Whether the scan still finds a value the plan masks in ``text``."""
    return any(plan.replacement(f) is not None for f in privacy_scan.scan(text))


def scrub(raw: str, plan: Plan, *, escape: Callable[[str], str]) -> str:
    """Every written form of a masked value replaced in ``raw`` (markup: attributes, field codes,
    document properties), longest first, each form as ``escape`` writes it in that markup."""
    for original in sorted(plan.originals, key=len, reverse=True):
        raw = raw.replace(escape(original), escape(plan.originals[original]))
    return raw


def still_written(raw: str, plan: Plan, *, escape: Callable[[str], str]) -> bool:
    return any(escape(original) in raw for original in plan.originals)


class _HtmlMasker(HTMLParser):
    """Rewrites sanitised HTML: tags as they were, the text between them masked."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(convert_charrefs=True)
        self.plan = plan
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(mask_text(data, self.plan), quote=False))


def _html_escape(text: str) -> str:
    return html.escape(text, quote=False)


def mask_html(safe_html: str, plan: Plan) -> str:
    """The record's sanitised HTML with the masked findings replaced, in its text and attributes."""
    masker = _HtmlMasker(plan)
    masker.feed(safe_html)
    masker.close()
    masked = scrub("".join(masker.out), plan, escape=_html_escape)
    if leftovers(richtext.plain_text(masked), plan) or still_written(masked, plan, escape=_html_escape):
        raise MaskingFailed(
            _(
                "The text could not be masked: a value to mask is split by formatting. Return the "
                "record so that the author writes it plainly or removes it."
            )
        )
    return masked


# --- DOCX and XLSX ------------------------------------------------------------------------------


def _mask_segments(elements: list[etree._Element], plan: Plan) -> bool:
    """Mask the text of ``elements`` (the w:t or t elements of one paragraph, cell or string) read as
    one text, so that a value split over several runs is found; the masked form goes where the value
    starts. Answers whether anything changed."""
    texts = [element.text or "" for element in elements]
    joined = "".join(texts)
    covering: list[tuple[int, str] | None] = [None] * len(joined)  # (start, masked) of each character
    for finding in privacy_scan.scan(joined):
        masked = plan.replacement(finding)
        if masked is not None:
            for i in range(finding.start, finding.end):
                covering[i] = (finding.start, masked)
    if not any(covering):
        return False
    offset = 0
    for element, text in zip(elements, texts, strict=True):
        new: list[str] = []
        for j, char in enumerate(text):
            cover = covering[offset + j]
            if cover is None:
                new.append(char)
            elif cover[0] == offset + j:
                new.append(cover[1])
        offset += len(text)
        element.text = "".join(new)
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def _own(element: etree._Element, container: str, tag: str) -> list[etree._Element]:
    """The ``tag`` descendants of ``element`` whose nearest ``container`` ancestor is ``element`` (a
    text box's paragraphs inside a paragraph are their own)."""
    own = []
    for found in element.iter(tag):
        parent = found.getparent()
        while parent is not None and parent.tag != container:
            parent = parent.getparent()
        if parent is element:
            own.append(found)
    return own


def _mask_docx_part(root: etree._Element, plan: Plan) -> None:
    for paragraph in root.iter(f"{W}p"):
        _mask_segments(_own(paragraph, f"{W}p", f"{W}t"), plan)


def _mask_xlsx_part(name: str, root: etree._Element, plan: Plan) -> None:
    if name == "xl/sharedStrings.xml":
        for item in root.iter(f"{S}si"):
            _mask_segments(list(item.iter(f"{S}t")), plan)
    elif files.XLSX_COMMENTS.match(name):
        for comment in root.iter(f"{S}comment"):
            _mask_segments(list(comment.iter(f"{S}t")), plan)
    elif files.XLSX_SHEET.match(name):
        for cell in root.iter(f"{S}c"):
            if cell.get("t") == "inlineStr":
                _mask_segments(list(cell.iter(f"{S}t")), plan)
            elif cell.get("t") != "s":
                _mask_number_cell(cell, plan)


def _mask_number_cell(cell: etree._Element, plan: Plan) -> None:
    """A number (or a formula's result) that holds a masked value becomes a text cell with the masked
    form; the formula goes, since it would compute the value again."""
    value = cell.find(f"{S}v")
    if value is None or not value.text:
        return
    masked = mask_text(value.text, plan)
    if masked == value.text:
        return
    for child in list(cell):
        cell.remove(child)
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, f"{S}is")
    etree.SubElement(inline, f"{S}t").text = masked


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _failed(attachment_name: str) -> MaskingFailed:
    return MaskingFailed(
        _(
            "“%(name)s” could not be masked safely. Return the record so that the author replaces it with "
            "a copy from which the data is removed."
        )
        % {"name": attachment_name}
    )


def mask_office_file(data: bytes, kind: str, plan: Plan, *, name: str) -> bytes:
    """A DOCX or XLSX with the masked findings replaced everywhere they are written; raises
    ``MaskingFailed`` for a file that holds embedded files or in which a value stays readable."""
    budget = reading_limits.Budget()
    out = io.BytesIO()
    try:
        with reading_limits.open_zip(io.BytesIO(data), budget) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                if info.filename.startswith(EMBEDDED):
                    raise MaskingFailed(
                        _(
                            "“%(name)s” holds embedded files, which cannot be masked. Return the record so "
                            "that the author replaces it with a copy from which the data is removed."
                        )
                        % {"name": name}
                    )
                if info.filename.lower().endswith(XML_SUFFIXES):
                    content = _mask_xml_part(
                        info.filename, _xml_part(source, info.filename, budget), kind, plan
                    )
                else:
                    content = reading_limits.read_member(source, info.filename, budget)
                target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    except files.AttachmentRejected as exc:
        raise _failed(name) from exc
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise _failed(name) from exc
    masked = out.getvalue()
    _verify_office_file(masked, kind, plan, name)
    return masked


def _xml_part(archive: zipfile.ZipFile, name: str, budget: reading_limits.Budget) -> bytes:
    data = reading_limits.read_member(archive, name, budget)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # OOXML never has one
        raise reading_limits.unreadable()
    return data


def _holds_text(part: str, kind: str) -> bool:
    """Whether ``part`` is one the scan reads the words of (``attachments.docx_text``, ``xlsx_text``)."""
    if kind == AttachmentKind.DOCX:
        return bool(files.DOCX_TEXT_PARTS.match(part))
    return bool(
        part == "xl/sharedStrings.xml" or files.XLSX_SHEET.match(part) or files.XLSX_COMMENTS.match(part)
    )


def _mask_xml_part(part: str, data: bytes, kind: str, plan: Plan) -> bytes:
    if _holds_text(part, kind):
        root = etree.fromstring(data, _PARSER)
        if kind == AttachmentKind.DOCX:
            _mask_docx_part(root, plan)
        else:
            _mask_xlsx_part(part, root, plan)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    text = data.decode("utf-8")
    return scrub(text, plan, escape=xml_escape).encode("utf-8")


def _verify_office_file(data: bytes, kind: str, plan: Plan, name: str) -> None:
    text = (files.docx_text if kind == AttachmentKind.DOCX else files.xlsx_text)(io.BytesIO(data))
    if leftovers(text, plan):
        raise _failed(name)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith(XML_SUFFIXES):
                raw = archive.read(info).decode("utf-8", errors="replace")
                if still_written(raw, plan, escape=xml_escape):
                    raise _failed(name)


# --- The published copy of a revision -----------------------------------------------------------


@dataclass
class Copy:
    """The masked copies of one revision (empty where nothing is masked)."""

    body: str = ""
    body_text: str = ""
    files: dict[int, tuple[bytes, str]] = field(default_factory=dict)  # attachment id -> (data, text)


def make_copy(revision: Revision) -> Copy:
    """The masked text and files of ``revision``, made in memory; raises ``MaskingFailed``."""
    scan = findings.scan_revision(revision)
    plan = plan_for(revision, scan)
    copy = Copy()
    if not plan:
        return copy
    where = {(f.source, f.attachment.pk if f.attachment else None) for f in scan if f.digest in plan.digests}
    if ("body", None) in where:
        copy.body = mask_html(revision.body, plan)
        copy.body_text = richtext.plain_text(copy.body)
    for attachment in revision.attachments.all():
        if ("attachment", attachment.pk) not in where or attachment.kind not in MASKABLE_KINDS:
            continue
        with attachment.file.open("rb") as stored:
            data = stored.read()
        masked = mask_office_file(data, attachment.kind, plan, name=attachment.name)
        reader = files.docx_text if attachment.kind == AttachmentKind.DOCX else files.xlsx_text
        copy.files[attachment.pk] = (masked, reader(io.BytesIO(masked)))
    return copy


def check(revision: Revision) -> None:
    """Raise ``MaskingFailed`` if the masked copy of ``revision`` cannot be made."""
    make_copy(revision)


def publish_copy(revision: Revision) -> None:
    """Make and store the masked copies of a revision being published (the revision's fields are
    set here and saved by the caller; each attachment is saved here). Where nothing is masked, the
    copies of an earlier attempt are cleared."""
    copy = make_copy(revision)
    revision.masked_body, revision.masked_body_text = copy.body, copy.body_text
    for attachment in revision.attachments.all():
        if attachment.pk in copy.files:
            data, text = copy.files[attachment.pk]
            attachment.masked_file.save(f"masked.{attachment.kind}", ContentFile(data), save=False)
            attachment.masked_text = text
            attachment.masked_size = len(data)
            attachment.masked_sha256 = hashlib.sha256(data).hexdigest()
        elif attachment.masked_file:
            attachment.masked_file = ""  # a FieldFile takes a name: none
            attachment.masked_text, attachment.masked_size, attachment.masked_sha256 = "", None, ""
        else:
            continue
        attachment.save(update_fields=["masked_file", "masked_text", "masked_size", "masked_sha256"])
