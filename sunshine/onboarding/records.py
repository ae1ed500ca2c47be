"""``import_records``: the published records of the former site, with their own index numbers, their
attachments and their old addresses (docs/onboarding.md#records).

Columns: index_number, title, agency_code, category, published_on (required), genre,
document_number, formation_date, validity, subject, keywords, body, attachments, old_url (optional).
A record is keyed by its index number: one that exists already is left as it is (**unchanged**), so a
file imported again, or an interrupted import run again, writes no duplicate.

Each record arrives as a normally published one has it: a Record with its index number and first
publication, one published revision (the body cleaned as a draft's is, ``richtext.sanitize``), its
issuing agency, its attachments (type from the content, checksum and text: ``attachments.inspect``,
within ``reading_limits``), a line in its history, its entry in the search index, and the cached
public pages refreshed; the sequence of index numbers of each agency and year goes on after the
highest one imported (``IndexCounter``). The privacy scan reads the title, the text and the
attachments: a record with a finding is imported **in review** (awaiting the confidentiality review,
its index number kept for it) unless ``publish_with_findings``, and its findings are listed in the
report. The rows of a batch are written in bulk (a few queries a batch, one reading of each file):
the run writes one audit entry ``record.import`` with its counts instead of one per record.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import can_administer
from sunshine.core import public_cache
from sunshine.core.parallel import map_in_order
from sunshine.core.users import person_or_none
from sunshine.onboarding import old_addresses
from sunshine.onboarding.models import OldAddress
from sunshine.onboarding.reader import Columns, SourceRow
from sunshine.onboarding.results import Outcome, Problem, RowProblem, RowResult
from sunshine.onboarding.runner import Importer, Planned
from sunshine.onboarding.sources import DirectorySource, FileSource, MissingFile
from sunshine.records import attachments, catalogue, findings, indexing, privacy_scan, richtext
from sunshine.records.codes import EventKind, Genre, Status, Validity
from sunshine.records.models import (
    Attachment,
    Category,
    IndexCounter,
    Issuer,
    Record,
    Revision,
    RevisionEvent,
    attachment_path,
)
from sunshine.records.reading_limits import AttachmentRejected
from sunshine.records.services import normalize_document_number, normalize_keywords
from sunshine.records.services.base import MAX_ATTACHMENTS, MAX_BODY, MAX_KEYWORDS, MAX_SUMMARY, MAX_TITLE
from sunshine.records.timeliness import publication_due
from sunshine.search import services as search
from sunshine.search.documents import SearchDocument
from sunshine.workdays.calendar import current_calendar

REQUIRED = ("index_number", "title", "agency_code", "category", "published_on")
OPTIONAL = (
    "genre",
    "document_number",
    "formation_date",
    "validity",
    "subject",
    "keywords",
    "body",
    "attachments",
    "old_url",
)
MAX_INDEX_NUMBER = 64
SEPARATORS = ("；", ";")
OWN_INDEX_NUMBER = re.compile(r"^(?P<code>.+)/(?P<year>\d{4})-(?P<seq>\d{1,9})$")
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
PUBLISHED_AT_NOON = datetime.time(12, 0)  # a day without its hour: noon, Beijing time
# 体裁 as the old sites write them, besides the codes.
GENRE_NAMES = {
    "通知": Genre.NOTICE,
    "公告": Genre.ANNOUNCEMENT,
    "通告": Genre.CIRCULAR,
    "意见": Genre.OPINION,
    "办法": Genre.MEASURES,
    "规定": Genre.PROVISIONS,
    "决定": Genre.DECISION,
    "报告": Genre.REPORT,
    "规划": Genre.PLAN,
    "方案": Genre.PROGRAMME,
    "批复": Genre.REPLY,
    "函": Genre.LETTER,
    "纪要": Genre.MINUTES,
    "解读": Genre.INTERPRETATION,
    "动态": Genre.NEWS,
    "其他": Genre.OTHER,
}
VALIDITY_NAMES = {
    "有效": Validity.VALID,
    "现行有效": Validity.VALID,
    "失效": Validity.EXPIRED,
    "已失效": Validity.EXPIRED,
    "废止": Validity.REPEALED,
    "已废止": Validity.REPEALED,
    "修订": Validity.REVISED,
    "已修订": Validity.REVISED,
    "已修改": Validity.REVISED,
}
STANDARD_NAMES = {standard.name: standard.key for standard, _parent in catalogue.walk()}


def split_names(text: str) -> list[str]:
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def parse_moment(text: str) -> tuple[datetime.date, datetime.time | None] | None:
    """A date (2019-03-01, 2019/3/1, 2019年3月1日), with the time when one is given; None otherwise."""
    match = DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        day_of = datetime.date(int(year), int(month), int(day))
        time_of = datetime.time(int(hour), int(minute), int(second or 0)) if hour is not None else None
    except ValueError:
        return None
    return day_of, time_of


def read_category_map(data: bytes) -> dict[str, str]:
    """The CSV ``old,key`` of ``--category-map`` (a first row ``old,key`` is a header). ``ValueError``
    naming the line when a key is not one of the standard catalogue."""
    import csv
    import io

    text = data.decode("utf-8-sig") if data[:3] == b"\xef\xbb\xbf" else _decode(data)
    mapping: dict[str, str] = {}
    for number, values in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [value.strip() for value in values]
        if not any(cells):
            continue
        if number == 1 and [cell.lower() for cell in cells[:2]] == ["old", "key"]:
            continue
        if len(cells) < 2 or not cells[0]:
            raise ValueError(_("Line %(n)s of the category map is not “old name,key”.") % {"n": number})
        key = STANDARD_NAMES.get(cells[1], cells[1])
        if key not in catalogue.STANDARD_KEYS:
            raise ValueError(
                _("Line %(n)s of the category map: “%(key)s” is not a key of the standard catalogue.")
                % {"n": number, "key": cells[1]}
            )
        mapping[cells[0]] = key
    return mapping


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


@dataclass
class _File:
    inspected: attachments.Inspected
    data: bytes
    found: list[privacy_scan.Finding]  # the privacy scan of its text


# Reading files in parallel (``prepare_batch``): the source of the batch being read, for the forked
# workers (set before they fork; a folder only: an open archive's position is not to be shared).
_SOURCE: FileSource | None = None
STORAGE_THREADS = 4
PARALLEL_FROM = 64  # files in a batch from which they are read in several processes
FILES_PER_TASK = 16


def read_file(source: FileSource, name: str) -> _File | str:
    """One file read, inspected (type, size, checksum, text) and its text scanned; or why not."""
    limit = int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
    try:
        stream = source.open(name)
        inspected = attachments.inspect(stream, name, max_bytes=limit)
    except MissingFile as exc:
        return str(exc)
    except AttachmentRejected as exc:
        return f"{name}: {exc.message}"
    stream.seek(0)
    return _File(inspected, stream.read(), privacy_scan.scan(inspected.text))


def _read_files(names: list[str]) -> list[tuple[str, _File | str]]:
    assert _SOURCE is not None
    return [(name, read_file(_SOURCE, name)) for name in names]


@dataclass
class _Prepared:
    row: SourceRow
    index_number: str
    agency: Agency
    category: Category
    fields: dict[str, Any]
    published_at: datetime.datetime
    validity: str
    files: list[_File]
    old_path: str
    findings: list[str] = field(default_factory=list)


class RecordImporter(Importer):
    kind = "records"
    columns = Columns(required=REQUIRED, optional=OPTIONAL)
    key_column = "index_number"
    audit_action = "record.import"
    max_rows = 500_000  # a whole site's records at once (their files are read one batch at a time)

    def __init__(
        self,
        *,
        files: FileSource | None = None,
        agency: str = "",
        category_map: Mapping[str, str] | None = None,
        publish_with_findings: bool = False,
        source_name: str = "",
        workers: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.files = files
        self.agency_code = agency.strip()
        self.category_map = dict(category_map or {})
        self.publish_with_findings = publish_with_findings
        self.source_name = source_name
        self.agencies: dict[str, Agency | None] = {}
        self.categories: dict[int, dict[str, Category]] = {}
        self.contacts: dict[int, set[tuple[str, str]]] = {}
        self.unmapped: Counter[str] = Counter()
        self.in_review = 0
        self.published_with_findings = 0
        self.today = timezone.localdate()
        self.review_due: datetime.date | None = None
        self.urls = indexing.RecordUrls()
        self.read: dict[str, _File | str] = {}  # the batch's files, read by ``prepare_batch``
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 8)

    # --- the whole file ------------------------------------------------------------------------

    def plan(self, rows: list[SourceRow]) -> list[Planned]:
        first: dict[str, int] = {}
        first_address: dict[str, int] = {}
        planned: list[Planned] = []
        for row in rows:
            problems: list[Problem] = []
            number = row.get("index_number")
            if not number:
                problems.append(Problem("index_number", _("Give the record's index number.")))
            elif len(number) > MAX_INDEX_NUMBER or any(ch.isspace() for ch in number):
                problems.append(
                    Problem(
                        "index_number",
                        _("An index number has at most %(n)s characters and no spaces.")
                        % {"n": MAX_INDEX_NUMBER},
                    )
                )
            elif number in first:
                message = _("The index number %(number)s is given already on row %(row)s.")
                problems.append(Problem("index_number", message % {"number": number, "row": first[number]}))
            else:
                first[number] = row.number
            address = old_addresses.normalise(row.get("old_url"))
            if address and address in first_address:
                message = _("This old address is given already on row %(row)s.")
                problems.append(Problem("old_url", message % {"row": first_address[address]}))
            elif address:
                first_address[address] = row.number
            planned.append(Planned(row, tuple(problems)))
        return planned

    def summary_notes(self) -> list[str]:
        notes = []
        if self.unmapped:
            listed = ", ".join(f"{name} ({n})" for name, n in self.unmapped.most_common())
            notes.append(
                _("Categories not in the standard catalogue nor in the category map (rows): %(list)s.")
                % {"list": listed}
            )
        if self.in_review:
            notes.append(
                _("%(n)s records with privacy findings were imported in review, not published.")
                % {"n": self.in_review}
            )
        if self.published_with_findings:
            notes.append(
                _("%(n)s records with privacy findings were published as asked.")
                % {"n": self.published_with_findings}
            )
        return notes

    # --- one batch -----------------------------------------------------------------------------

    def apply(self, row: SourceRow) -> Any:  # pragma: no cover - the batch is written whole
        raise NotImplementedError("records are written a batch at a time (apply_batch)")

    def prepare_batch(self, batch: list[Planned]) -> None:
        """Read the batch's files before its transaction, in several processes when there are many
        and they come from a folder (each file once, whatever the rows naming it)."""
        global _SOURCE
        self.read = {}
        if self.files is None:
            return
        names = list(
            dict.fromkeys(
                name
                for planned in batch
                if not planned.problems
                for name in split_names(planned.row.get("attachments"))[:MAX_ATTACHMENTS]
            )
        )
        parallel = isinstance(self.files, DirectorySource) and len(names) >= PARALLEL_FROM
        chunks = [names[i : i + FILES_PER_TASK] for i in range(0, len(names), FILES_PER_TASK)]
        _SOURCE = self.files
        try:
            for chunk in map_in_order(_read_files, chunks, self.workers if parallel else 1):
                self.read.update(chunk)
        finally:
            _SOURCE = None

    def apply_batch(self, batch: list[Planned]) -> list[RowResult]:
        numbers = [planned.row.get("index_number") for planned in batch if not planned.problems]
        existing = set(Record.objects.filter(index_number__in=numbers).values_list("index_number", flat=True))
        paths = [old_addresses.normalise(planned.row.get("old_url")) for planned in batch]
        taken_paths = set(
            OldAddress.objects.filter(path__in=[p for p in paths if p]).values_list("path", flat=True)
        )
        self._load_agencies(batch)
        results: dict[int, RowResult] = {}
        good: list[_Prepared] = []
        for planned in batch:
            row = planned.row
            key = row.get("index_number")
            if planned.problems:
                results[row.number] = RowResult(row.number, key, Outcome.ERROR, planned.problems)
                self.refused(row)
                continue
            if key in existing:
                note = _("A record with this index number is here already: left as it is.")
                results[row.number] = RowResult(row.number, key, Outcome.UNCHANGED, note=note)
                continue
            try:
                prepared = self._prepare(row)
            except RowProblem as exc:
                results[row.number] = RowResult(row.number, key, Outcome.ERROR, exc.problems)
                self.refused(row)
                continue
            if prepared.old_path in taken_paths:
                prepared.old_path = ""
                note = _("The old address leads to another record already; it was not changed.")
                results[row.number] = RowResult(row.number, key, Outcome.CREATED, note=note)
            good.append(prepared)
        self._write(good, results)
        return [results[planned.row.number] for planned in batch]

    def _load_agencies(self, batch: list[Planned]) -> None:
        codes = {self._agency_code_of(planned.row) for planned in batch} - set(self.agencies)
        if not codes:
            return
        found = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
        for code in codes:
            self.agencies[code] = found.get(code)
        new_ids = [agency.pk for agency in found.values()]
        for category in Category.objects.filter(agency_id__in=new_ids, is_active=True):
            self.categories.setdefault(category.agency_id, {})[category.key] = category
        for agency in found.values():
            self.contacts[agency.pk] = {
                (finding.kind, finding.value)
                for text in (agency.phone, agency.fax, agency.email)
                if text
                for finding in privacy_scan.scan(text)
            }

    def _agency_code_of(self, row: SourceRow) -> str:
        return row.get("agency_code") or self.agency_code

    # --- one row -------------------------------------------------------------------------------

    def _prepare(self, row: SourceRow) -> _Prepared:
        """The row checked and its files read, or RowProblem with every problem of the row."""
        problems: list[Problem] = []
        agency = self._agency(row, problems)
        category = self._category(row, agency, problems)
        title = " ".join(row.get("title").split())
        if not title:
            problems.append(Problem("title", _("Give the title.")))
        elif len(title) > MAX_TITLE:
            problems.append(Problem("title", _("Enter at most %(n)s characters.") % {"n": MAX_TITLE}))
        published = self._published_at(row, problems)
        formation = None
        if row.get("formation_date"):
            moment = parse_moment(row.get("formation_date"))
            if moment is None:
                problems.append(Problem("formation_date", self._bad_date(row.get("formation_date"))))
            elif moment[0] > self.today:
                problems.append(
                    Problem("formation_date", _("The date of formation cannot be in the future."))
                )
            else:
                formation = moment[0]
        genre = self._choice(row, "genre", Genre.values, GENRE_NAMES, Genre.NOTICE, problems)
        validity = self._choice(row, "validity", Validity.values, VALIDITY_NAMES, Validity.VALID, problems)
        document_number = normalize_document_number(row.get("document_number"))
        if len(document_number) > 100:
            problems.append(Problem("document_number", _("Enter at most %(n)s characters.") % {"n": 100}))
        keywords = normalize_keywords(row.get("keywords"))
        if len(keywords) > MAX_KEYWORDS:
            problems.append(Problem("keywords", _("Enter at most %(n)s characters.") % {"n": MAX_KEYWORDS}))
        summary = row.get("subject").strip()
        if len(summary) > MAX_SUMMARY:
            problems.append(Problem("subject", _("Enter at most %(n)s characters.") % {"n": MAX_SUMMARY}))
        raw_body = row.get("body")
        if len(raw_body) > MAX_BODY:
            problems.append(Problem("body", _("The text is too long.")))
            raw_body = ""
        body = richtext.sanitize(raw_body if richtext.looks_like_html(raw_body) else _paragraphs(raw_body))
        files = self._files(row, problems)
        if problems:
            raise RowProblem(problems)
        assert agency is not None
        assert category is not None
        assert published is not None
        body_text = richtext.plain_text(body)
        prepared = _Prepared(
            row=row,
            index_number=row.get("index_number"),
            agency=agency,
            category=category,
            fields={
                "title": title,
                "summary": summary,
                "genre": genre,
                "document_number": document_number,
                "formation_date": formation,
                "keywords": keywords,
                "body": body,
                "body_text": body_text,
            },
            published_at=published,
            validity=validity,
            files=files,
            old_path=old_addresses.normalise(row.get("old_url")),
        )
        prepared.findings = self._scan(prepared)
        return prepared

    def _agency(self, row: SourceRow, problems: list[Problem]) -> Agency | None:
        code = self._agency_code_of(row)
        if not code:
            problems.append(Problem("agency_code", _("Give the agency's code.")))
            return None
        if self.agency_code and code != self.agency_code:
            message = _("This import is for the agency %(code)s only.")
            problems.append(Problem("agency_code", message % {"code": self.agency_code}))
            return None
        agency = self.agencies.get(code)
        if agency is None:
            problems.append(Problem("agency_code", _("No agency has the code “%(code)s”.") % {"code": code}))
        elif not agency.is_active:
            problems.append(Problem("agency_code", _("This agency is no longer active.")))
            return None
        elif self.by is not None and not can_administer(self.by, agency):
            problems.append(Problem("agency_code", _("You do not administer this agency.")))
            return None
        return agency

    def _category(self, row: SourceRow, agency: Agency | None, problems: list[Problem]) -> Category | None:
        name = row.get("category")
        if not name:
            problems.append(Problem("category", _("Give the category.")))
            return None
        key = self.category_map.get(name) or STANDARD_NAMES.get(name) or name
        if key not in catalogue.STANDARD_KEYS:
            self.unmapped[name] += 1
            message = _(
                "The category “%(name)s” is not in the standard catalogue: map it to a key with a "
                "category map (old,key)."
            )
            problems.append(Problem("category", message % {"name": name}))
            return None
        if agency is None:
            return None
        category = self.categories.get(agency.pk, {}).get(key)
        if category is None:
            message = _("The agency has no category “%(key)s” in use in its catalogue.")
            problems.append(Problem("category", message % {"key": key}))
        return category

    def _bad_date(self, text: str) -> str:
        return _("“%(value)s” is not a date: write it as 2019-03-01.") % {"value": text}

    def _published_at(self, row: SourceRow, problems: list[Problem]) -> datetime.datetime | None:
        text = row.get("published_on")
        if not text:
            problems.append(Problem("published_on", _("Give the day it was published.")))
            return None
        moment = parse_moment(text)
        if moment is None:
            problems.append(Problem("published_on", self._bad_date(text)))
            return None
        day, time_of = moment
        if day > self.today:
            problems.append(Problem("published_on", _("The day of publication cannot be in the future.")))
            return None
        at = timezone.make_aware(datetime.datetime.combine(day, time_of or PUBLISHED_AT_NOON))
        return min(at, timezone.now())

    def _choice(
        self,
        row: SourceRow,
        column: str,
        values: list[str],
        names: Mapping[str, str],
        default: str,
        problems: list[Problem],
    ) -> str:
        text = row.get(column)
        if not text:
            return default
        if text.lower() in values:
            return text.lower()
        if text in names:
            return str(names[text])
        message = _("Unknown value “%(value)s”: use one of %(values)s.")
        problems.append(Problem(column, message % {"value": text, "values": ", ".join(values)}))
        return default

    def _files(self, row: SourceRow, problems: list[Problem]) -> list[_File]:
        names = split_names(row.get("attachments"))
        if not names:
            return []
        if len(names) > MAX_ATTACHMENTS:
            message = _("A record can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}
            problems.append(Problem("attachments", message))
            return []
        if self.files is None:
            problems.append(Problem("attachments", _("No folder or archive of files was given.")))
            return []
        files: list[_File] = []
        for name in names:
            if name not in self.read:  # not read ahead (a row applied outside a batch)
                self.read[name] = read_file(self.files, name)
            found = self.read[name]
            if isinstance(found, str):
                problems.append(Problem("attachments", found))
            else:
                files.append(found)
        return files

    def _scan(self, prepared: _Prepared) -> list[str]:
        """The privacy findings of the title, text and attachments (the agency's own published
        contacts aside), each as “kind (where): masked value”."""
        texts = [
            ("title", "", prepared.fields["title"]),
            ("summary", "", prepared.fields["summary"]),
            ("keywords", "", prepared.fields["keywords"]),
            ("body", "", prepared.fields["body_text"]),
        ]
        scanned = [(source, name, privacy_scan.scan(text)) for source, name, text in texts]
        for file in prepared.files:
            scanned.append(("attachment_name", file.inspected.name, privacy_scan.scan(file.inspected.name)))
            scanned.append(("attachment", file.inspected.name, file.found))  # scanned when it was read
        contacts = self.contacts.get(prepared.agency.pk, set())
        found: list[str] = []
        for source, name, results in scanned:
            for finding in results:
                if (finding.kind, finding.value) in contacts:
                    continue
                where = str(findings.SOURCE_LABELS[source]) + (f": {name}" if name else "")
                found.append(f"{findings.KIND_LABELS[finding.kind]} ({where}): {privacy_scan.mask(finding)}")
        return list(dict.fromkeys(found))

    # --- the batch's rows, in bulk -------------------------------------------------------------

    def _write(self, good: list[_Prepared], results: dict[int, RowResult]) -> None:
        if not good:
            return
        by = person_or_none(self.by)
        now = timezone.now()
        publish = [p for p in good if not p.findings or self.publish_with_findings]
        published_ids = {id(p) for p in publish}
        records = Record.objects.bulk_create(
            [
                Record(
                    agency=p.agency,
                    index_number=p.index_number,
                    first_published_at=p.published_at,
                    validity=p.validity,
                    created_by=by,
                )
                for p in good
            ]
        )
        revisions = Revision.objects.bulk_create(
            [
                self._revision(p, record, id(p) in published_ids, by, now)
                for p, record in zip(good, records, strict=True)
            ]
        )
        Issuer.objects.bulk_create(
            [
                Issuer(revision=revision, agency=p.agency, position=0)
                for p, revision in zip(good, revisions, strict=True)
            ]
        )
        stored: list[str] = []
        try:
            Attachment.objects.bulk_create(self._attachments(good, revisions, by, now, stored))
        except BaseException:
            for name in stored:
                default_storage.delete(name)
            raise
        RevisionEvent.objects.bulk_create(
            [
                RevisionEvent(
                    revision=revision,
                    kind=EventKind.PUBLISH if id(p) in published_ids else EventKind.SUBMIT,
                    by=by,
                    at=p.published_at if id(p) in published_ids else now,
                    detail={
                        "imported": self.source_name,
                        "index_number": p.index_number,
                        "findings": len(p.findings),
                    },
                )
                for p, revision in zip(good, revisions, strict=True)
            ]
        )
        OldAddress.objects.bulk_create(
            [
                OldAddress(path=p.old_path, record=record)
                for p, record in zip(good, records, strict=True)
                if p.old_path
            ]
        )
        self._move_counters(good)
        documents = [
            self._document(p, record)
            for p, record in zip(good, records, strict=True)
            if id(p) in published_ids
        ]
        if documents:
            search.index_documents(documents)
            if not self.dry_run:
                public_cache.bump()
        for p in good:
            result = results.get(p.row.number) or RowResult(p.row.number, p.index_number, Outcome.CREATED)
            if p.findings:
                if id(p) in published_ids:
                    self.published_with_findings += 1
                    state = _("Published with privacy findings, as asked")
                else:
                    self.in_review += 1
                    state = _("Imported in review, not published: privacy findings")
                result.note = f"{result.note} {state}: {'; '.join(p.findings)}".strip()
            results[p.row.number] = result

    def _revision(
        self, p: _Prepared, record: Record, published: bool, by: Any, now: datetime.datetime
    ) -> Revision:
        revision = Revision(record=record, number=1, category=p.category, created_by=by, **p.fields)
        if published:
            revision.status = Status.PUBLISHED
            revision.published_at = p.published_at
        else:  # awaiting the confidentiality review, due as a record formed today would be
            revision.status = Status.SUBMITTED
            revision.submitted_at = now
            revision.submitted_by = by
            if self.review_due is None:
                due = publication_due(self.today, current_calendar())
                self.review_due = due.date if due else None
            revision.due_on = self.review_due
        return revision

    def _attachments(
        self,
        good: list[_Prepared],
        revisions: list[Revision],
        by: Any,
        now: datetime.datetime,
        stored: list[str],
    ) -> list[Attachment]:
        rows: list[Attachment] = []
        contents: list[bytes] = []
        for p, revision in zip(good, revisions, strict=True):
            for position, file in enumerate(p.files, start=1):
                inspected = file.inspected
                attachment = Attachment(
                    revision=revision,
                    name=inspected.name,
                    kind=inspected.kind,
                    size=inspected.size,
                    sha256=inspected.sha256,
                    text=inspected.text,
                    has_text=inspected.has_text,
                    position=position,
                    uploaded_by=by,
                    uploaded_at=now,
                )
                attachment.file.name = attachment_path(attachment, inspected.name)
                rows.append(attachment)
                contents.append(file.data)
        if self.dry_run:  # nothing is stored: the rows are rolled back
            return rows

        def save(pair: tuple[Attachment, bytes]) -> None:
            attachment, data = pair
            attachment.file.name = default_storage.save(attachment.file.name, ContentFile(data))
            stored.append(attachment.file.name)

        with ThreadPoolExecutor(max_workers=STORAGE_THREADS) as pool:  # the storage waits on the disk
            list(pool.map(save, zip(rows, contents, strict=True)))
        return rows

    def _move_counters(self, good: list[_Prepared]) -> None:
        """The sequence of each agency and year goes on after the highest number imported."""
        highest: dict[tuple[int, int], int] = {}
        for p in good:
            match = OWN_INDEX_NUMBER.fullmatch(p.index_number)
            if match is None or match["code"] != p.agency.code:
                continue  # another scheme of numbers: the platform's own can never meet it
            key = (p.agency.pk, int(match["year"]))
            highest[key] = max(highest.get(key, 0), int(match["seq"]))
        if not highest:
            return
        known = set(
            IndexCounter.objects.filter(agency_id__in={a for a, _y in highest}).values_list(
                "agency_id", "year"
            )
        )
        IndexCounter.objects.bulk_create(
            [IndexCounter(agency_id=a, year=y) for a, y in highest if (a, y) not in known],
            ignore_conflicts=True,
        )
        for (agency_id, year), seq in highest.items():
            IndexCounter.objects.filter(agency_id=agency_id, year=year, last__lt=seq).update(last=seq)

    def _document(self, p: _Prepared, record: Record) -> SearchDocument:
        texts = [p.fields["body_text"], *(f.inspected.text for f in p.files if f.inspected.text)]
        return SearchDocument(
            key=indexing.record_key(record.pk),
            title=p.fields["title"],
            body="\n".join(text for text in texts if text),
            document_number=p.fields["document_number"],
            agency_id=p.agency.pk,
            agency_path=p.agency.path,
            category=p.category.key,
            genre=p.fields["genre"],
            published_on=timezone.localdate(p.published_at),
            validity=p.validity,
            url=self.urls(p.index_number),
        )


def _paragraphs(text: str) -> str:
    """Plain text as paragraphs of HTML (escaped), one a line."""
    from django.utils.html import escape

    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
