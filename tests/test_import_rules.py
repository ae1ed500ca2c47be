"""Which part of ``sunshine/`` may import which (README.md, Layout), read from the source with ``ast``.

- ``sunshine.core`` (the audit log, shared infrastructure) imports no domain app;
- ``sunshine.api`` (the API shell) imports from a domain app only its API modules
  (``sunshine.<app>.api``, ``sunshine.<app>.<something>_api``), besides ``sunshine.core``;
- no production module imports ``sunshine.demo`` (the demo and benchmark data, an optional app).
- pages live in ``sunshine.portal`` (public) and ``sunshine.backoffice`` (staff): the domain apps whose
  pages have moved there (``APPS_WITHOUT_PAGES``) hold no ``views.py`` or ``*_views.py``.

Every import counts: at module level, inside functions and under ``if TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUNSHINE = ROOT / "sunshine"
# The layers every app may use: core (audit log, shared helpers) and api (the API shell: errors, auth).
SHARED = {"core", "api"}
DOMAIN_APPS = sorted(
    path.parent.name for path in SUNSHINE.glob("*/apps.py") if path.parent.name not in SHARED
)
# Domain apps whose pages live in the portal and the back office (README.md, Layout).
APPS_WITHOUT_PAGES = ("workdays", "records", "annualreports")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(source: str, module: str, *, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything ``source`` imports; ``from a import b`` gives ``a.b``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield node.lineno, base if alias.name == "*" else f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def imports_under(folder: Path) -> Iterator[tuple[str, int, str]]:
    """(file, line, imported name) of every import in the Python files under ``folder``."""
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for line, name in imported_names(source, module_name(path), is_package=path.name == "__init__.py"):
            yield str(path.relative_to(ROOT)), line, name


def app_of(name: str) -> str | None:
    """``agencies`` for ``sunshine.agencies.models.Agency``; None outside ``sunshine``."""
    parts = name.split(".")
    return parts[1] if parts[0] == "sunshine" and len(parts) > 1 else None


def is_api_module(name: str) -> bool:
    parts = name.split(".")
    return len(parts) > 2 and (parts[2] == "api" or parts[2].endswith("_api"))


def test_the_domain_apps_are_found():
    assert {"agencies", "inforequests", "records", "workdays", "accounts", "demo"} <= set(DOMAIN_APPS)


def test_core_imports_no_domain_app():
    violations = [
        f"{path}:{line} imports {name}"
        for path, line, name in imports_under(SUNSHINE / "core")
        if app_of(name) in DOMAIN_APPS
    ]
    assert violations == []


def test_the_api_shell_imports_only_the_api_modules_of_domain_apps():
    violations = [
        f"{path}:{line} imports {name}"
        for path, line, name in imports_under(SUNSHINE / "api")
        if app_of(name) in DOMAIN_APPS and not is_api_module(name)
    ]
    assert violations == []


def test_no_production_module_imports_the_demo_app():
    violations = [
        f"{path}:{line} imports {name}"
        for path, line, name in imports_under(SUNSHINE)
        if app_of(name) == "demo" and not path.startswith("sunshine/demo/")
    ]
    assert violations == []


def test_the_pages_of_these_domain_apps_live_in_the_portal_and_the_back_office():
    views = [
        str(path.relative_to(ROOT))
        for app in APPS_WITHOUT_PAGES
        for path in sorted((SUNSHINE / app).rglob("*.py"))
        if path.name == "views.py" or path.name.endswith("_views.py")
    ]
    assert views == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sunshine.records.models", "sunshine.records.models"),
        ("from sunshine.agencies.models import Agency", "sunshine.agencies.models.Agency"),
        ("from sunshine.accounts import api", "sunshine.accounts.api"),
        ("from ..agencies import selectors", "sunshine.agencies.selectors"),
        ("def f():\n    from sunshine.demo import agencies", "sunshine.demo.agencies"),
        ("if TYPE_CHECKING:\n    from sunshine.records import models", "sunshine.records.models"),
        ("import importlib\nimportlib.import_module('sunshine.search.backends')", "sunshine.search.backends"),
    ],
)
def test_every_kind_of_import_is_seen(source, expected):
    names = [name for _, name in imported_names(source, "sunshine.core.example")]
    assert expected in names


def test_the_rules_of_the_api_shell():
    assert is_api_module("sunshine.agencies.api.router")
    assert is_api_module("sunshine.core.audit_api")
    assert not is_api_module("sunshine.accounts.tokens.user_for_token")
    assert not is_api_module("sunshine.accounts")
