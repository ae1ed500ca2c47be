"""The records of a county as an old CMS (TRS, Hanweb) exports them: a manifest, one row a record, and
a folder of attachments (small DOCX and PDF files with real words, a few TXT files the platform does
not take), plus the bad rows such an export always has."""

from __future__ import annotations

import datetime
import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.onboarding.county import as_csv, county_agencies
from tests.records.files import make_docx, make_pdf

RECORD_COLUMNS = (
    "index_number",
    "title",
    "agency_code",
    "category",
    "genre",
    "document_number",
    "formation_date",
    "published_on",
    "validity",
    "subject",
    "keywords",
    "body",
    "attachments",
    "old_url",
)
# Old column names (栏目) of the CMS: standard keys, standard Chinese names, and names to map.
CATEGORIES = ("work_news", "通知公告", "政策文件", "notices", "部门动态", "plans")
CATEGORY_MAP = b"old,key\n\xe9\x80\x9a\xe7\x9f\xa5\xe5\x85\xac\xe5\x91\x8a,notices\n"  # 通知公告,notices
CATEGORY_MAP += "部门动态,work_news\n".encode()
TOPICS = ("农田水利", "义务教育", "医疗保障", "道路养护", "safety", "环境整治", "市场监管", "社会救助")
LETTERS = "bcdfghjklmnpqrstvwxz"


def attachment_word(n: int) -> str:
    """A word that stands only in the attachment of record ``n`` (letters only, never a number)."""
    letters = ""
    n += 1000
    while n:
        n, digit = divmod(n, len(LETTERS))
        letters += LETTERS[digit]
    return f"qua{letters}vo"


@dataclass
class OldSite:
    manifest: bytes
    files: Path
    rows: list[dict[str, str]]
    good: list[dict[str, str]] = field(default_factory=list)  # the rows that import
    bad: dict[str, str] = field(default_factory=dict)  # index number → the column at fault
    in_review: list[str] = field(default_factory=list)  # index numbers of rows with privacy findings


def index_number(code: str, year: int, seq: int) -> str:
    return f"{code}/{year}-{seq:05d}"


def old_site(folder: Path, count: int = 2000, *, seed: int = 18) -> OldSite:
    """``count`` good records over the county's 30 agencies, then the bad rows."""
    chance = random.Random(seed)
    codes = [row["code"] for row in county_agencies()]
    folder.mkdir(parents=True, exist_ok=True)
    sequences: dict[tuple[str, int], int] = {}
    rows: list[dict[str, str]] = []
    site = OldSite(manifest=b"", files=folder, rows=rows)
    for n in range(count):
        code = codes[n % len(codes)]
        year = 2016 + n % 9
        seq = sequences[(code, year)] = sequences.get((code, year), 0) + 1
        day = datetime.date(year, 1 + n % 12, 1 + n % 28)
        topic = chance.choice(TOPICS)
        word = attachment_word(n)
        if n % 2:
            name = f"{year}/att_{n}.docx"
            data = make_docx(f"关于{topic}工作的附件说明", f"附件正文 {word} 县级财政资金")
        else:
            name = f"{year}/att_{n}.pdf"
            data = make_pdf("Attachment of the county government", f"keyword {word} budget")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        body = f"<p>和县{topic}工作情况通报（第{n}期）。</p><p>各乡镇、各部门认真落实{topic}任务。</p>"
        row = {
            "index_number": index_number(code, year, seq),
            "title": f"关于做好{year}年{topic}工作的通知（{n}）",
            "agency_code": code,
            "category": CATEGORIES[n % len(CATEGORIES)],
            "genre": "通知" if n % 3 else "notice",
            "document_number": f"和政办[{year}]{n % 90 + 1}号" if n % 4 == 0 else "",
            "formation_date": (day - datetime.timedelta(days=2)).isoformat(),
            "published_on": day.isoformat() if n % 5 else f"{year}年{day.month}月{day.day}日",
            "validity": "有效" if n % 7 else "",
            "subject": topic,
            "keywords": f"{topic}，通知",
            "body": body if n % 10 else f"和县{topic}工作安排\n第二段文字",
            "attachments": name,
            "old_url": (
                f"/art/{year}/{day.month}/{day.day}/art_{n % 30}_{n}.html"
                if n % 3
                else f"/col/col{n % 30}/index.html?id={n}&uid=9"
            ),
        }
        if n % 400 == 7:  # a mobile phone number in the text: imported in review
            row["body"] = f"<p>联系人手机：1390555{n % 10000:04d}</p>"
            site.in_review.append(row["index_number"])
        rows.append(row)
        site.good.append(row)
    _add_bad_rows(site, folder)
    site.manifest = as_csv(rows, RECORD_COLUMNS)
    return site


def _add_bad_rows(site: OldSite, folder: Path) -> None:
    base = {
        "title": "坏行",
        "category": "work_news",
        "published_on": "2020-05-06",
        "body": "正文",
    }
    (folder / "notes.txt").write_text("纯文本附件", encoding="utf-8")
    bad = [
        ({"index_number": "HX-NONE/2020-00001", "agency_code": "HX-NONE"}, "agency_code"),
        (
            {"index_number": "HX/2020-90001", "agency_code": "HX", "published_on": "2020-13-45"},
            "published_on",
        ),
        (
            {"index_number": "HX/2020-90002", "agency_code": "HX", "attachments": "missing/gone.pdf"},
            "attachments",
        ),
        ({"index_number": "HX/2020-90003", "agency_code": "HX", "category": "杂项栏目"}, "category"),
        ({"index_number": "HX/2020-90004", "agency_code": "HX", "attachments": "notes.txt"}, "attachments"),
        (
            {"index_number": "HX/2020-90005", "agency_code": "HX", "attachments": "../../etc/passwd"},
            "attachments",
        ),
    ]
    for cells, column in bad:
        site.rows.append({**base, **cells})
        site.bad[cells["index_number"]] = column
    # The same index number as the first good row (reported on the later row).
    duplicate = {**site.good[0], "title": "重复的索引号", "old_url": ""}
    site.rows.append(duplicate)


def zipped(folder: Path) -> bytes:
    """The folder of files as one ZIP archive (as an administrator uploads it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out.getvalue()
