"""The product cites its own legal page, docs/legal.md, and each cited section exists.

Each legal figure stands once, in the ``law.py`` of its domain, with its article and the section of
docs/legal.md that explains it; no other module keeps a copy of it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sunshine"
LEGAL = ROOT / "docs" / "legal.md"
LAW_MODULES = sorted(SOURCE.glob("*/law.py"))
TEXT_SUFFIXES = {".py", ".html", ".txt", ".md", ".js", ".css", ".json", ".xml", ".toml", ".cfg"}

# A page cited by name: ``docs/legal.md``, ``README.md``, ``../bench/README.md#…``.
CITED_PAGE = re.compile(r"(?<![\w./-])((?:\.{1,2}/|/)?[\w./-]*[\w-]\.md)\b")
CITATION = re.compile(r"docs/legal\.md#([\w-]+)")
ARTICLE = re.compile(r"Art\.|第[一二三四五六七八九十百]+条|〔\d{4}〕\d+号")


def _text_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        paths = [root] if root.is_file() else root.rglob("*")
        files += [
            p for p in paths if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
        ]
    return sorted(files)


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors() -> list[str]:
    anchors: list[str] = []
    fenced = False
    for line in LEGAL.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (match := re.match(r"#{1,6} (.+)", line)):
            anchors.append(_slug(match.group(1)))
    return anchors


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_legal_page_has_unique_section_anchors():
    anchors = _anchors()
    assert anchors
    assert len(anchors) == len(set(anchors)), anchors


def _resolves(citing: Path, page: str) -> bool:
    """Whether a cited page is a file of this repository: from the root, docs/ or the citing file."""
    if page.startswith("/"):
        return False  # a path on somebody's machine, not a page users get
    candidates = [ROOT / page, ROOT / "docs" / page, citing.parent / page]
    return any(c.resolve().is_file() and c.resolve().is_relative_to(ROOT) for c in candidates)


def test_every_page_the_product_cites_is_shipped_with_it():
    """Code, templates and docs cite only the project's own pages (docs/, README), never notes
    that users do not have."""
    files = _text_files(SOURCE, ROOT / "docs", ROOT / "README.md")
    assert len(files) > 100
    cited = 0
    unresolved: list[str] = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for page in CITED_PAGE.findall(line):
                cited += 1
                if not _resolves(path, page):
                    unresolved.append(f"{_relative(path)}:{number} {page}")
    assert cited > 10, "the product cites its docs"
    assert unresolved == [], "citations of pages that are not in the repository"


@pytest.mark.parametrize(
    ("page", "shipped"),
    [("docs/legal.md", True), ("legal.md", True), ("README.md", True), ("notes/elsewhere.md", False)],
)
def test_a_cited_page_counts_only_when_the_repository_has_it(page, shipped):
    assert _resolves(SOURCE / "workdays" / "clock.py", page) is shipped
    assert _resolves(SOURCE / "workdays" / "clock.py", "/somewhere/" + page) is False


def test_every_cited_section_of_the_legal_page_exists():
    anchors = set(_anchors())
    cited: dict[str, list[str]] = {}
    for path in _text_files(SOURCE):
        for anchor in CITATION.findall(path.read_text(encoding="utf-8")):
            cited.setdefault(anchor, []).append(_relative(path))
    # Links from the other pages: README.md and docs/*.md.
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for anchor in re.findall(r"\blegal\.md#([\w-]+)", path.read_text(encoding="utf-8")):
            cited.setdefault(anchor, []).append(_relative(path))
    assert cited, "the code cites docs/legal.md"
    missing = {anchor: where for anchor, where in cited.items() if anchor not in anchors}
    assert missing == {}


def test_there_is_a_law_module_for_each_domain_with_legal_figures():
    assert {path.parent.name for path in LAW_MODULES} >= {"inforequests", "records", "annualreports"}


def _figures(path: Path) -> list[tuple[str, str]]:
    """Each module-level figure of a law.py as (name, its lines with the comments just above)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    figures: list[tuple[str, str]] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name = node.target.id
        else:
            continue
        first = node.lineno - 1
        while first > 0 and lines[first - 1].lstrip().startswith("#"):
            first -= 1
        end = node.end_lineno or node.lineno
        figures.append((name, "\n".join(lines[first:end])))
    return figures


@pytest.mark.parametrize("path", LAW_MODULES, ids=lambda path: path.parent.name)
def test_each_figure_names_its_article_and_its_section(path):
    figures = _figures(path)
    assert figures
    anchors = set(_anchors())
    for name, text in figures:
        assert ARTICLE.search(text), f"{name} does not name its article"
        sections = CITATION.findall(text)
        assert sections, f"{name} does not cite docs/legal.md"
        assert set(sections) <= anchors, f"{name} cites a missing section"


def test_no_other_module_keeps_a_copy_of_a_legal_figure():
    names = {name for path in LAW_MODULES for name, _ in _figures(path)}
    copies: list[str] = []
    for path in _text_files(SOURCE):
        if path.suffix != ".py" or path in LAW_MODULES:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
                continue
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in names:
                    copies.append(f"{_relative(path)}:{node.lineno} {target.id}")
    assert copies == []
