"""Every audit action code has words (sunshine/core/audit_actions.py), read from the source with ``ast``.

The codes passed to ``audit.record`` are found in the source: a string, either branch of a
conditional, a module constant, an f-string of those, or a parameter of a function that passes it on
(``write_audit(by, "override", …)`` → ``record.override``), followed to every call of that function.
An expression the reader cannot follow fails the test too, so a new way of naming a code is noticed.
The workflow kernel's own call (``f"{self.name}.{declared.name}"``) is the one exception: its codes are
the declared actions, labelled from their history texts.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sunshine.core import audit, audit_actions
from sunshine.core.workflow import Workflow
from tests.test_import_rules import module_name

ROOT = Path(__file__).resolve().parents[2]
SUNSHINE = ROOT / "sunshine"
KERNEL = "sunshine/core/workflow.py"


@dataclass(frozen=True)
class Source:
    path: str
    module: str
    tree: ast.Module


def sources() -> list[Source]:
    found = []
    for path in sorted(SUNSHINE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found.append(
            Source(str(path.relative_to(ROOT)), module_name(path), ast.parse(path.read_text("utf-8")))
        )
    return found


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_audit_record(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr == "record" and _name(func.value) == "audit"


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _enclosing_functions(tree: ast.Module) -> dict[ast.AST, ast.FunctionDef]:
    """Each node with the innermost function defined around it."""
    parents: dict[ast.AST, ast.FunctionDef] = {}

    def visit(node: ast.AST, function: ast.FunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            if function is not None:
                parents[child] = function
            visit(child, child if isinstance(child, ast.FunctionDef) else function)

    visit(tree, None)
    return parents


@dataclass(frozen=True)
class Unresolved:
    where: str
    expression: str


class Codes:
    """The codes the source passes to ``audit.record``, and what could not be followed."""

    def __init__(self, found: list[Source]) -> None:
        self.sources = found
        self.codes: dict[str, str] = {}  # code → where
        self.unresolved: list[Unresolved] = []

    def collect(self) -> Codes:
        for source in self.sources:
            if source.path == KERNEL:
                continue
            parents = _enclosing_functions(source.tree)
            for node in ast.walk(source.tree):
                if isinstance(node, ast.Call) and _is_audit_record(node):
                    action = next((k.value for k in node.keywords if k.arg == "action"), None)
                    where = f"{source.path}:{node.lineno}"
                    if action is None:
                        self.unresolved.append(Unresolved(where, "no action= keyword"))
                        continue
                    for template in self.resolve(source, action, parents.get(node), where, depth=0):
                        self.codes.setdefault(template, where)
        return self

    def resolve(
        self, source: Source, node: ast.expr, function: ast.FunctionDef | None, where: str, depth: int
    ) -> Iterator[str]:
        """Each string ``node`` may be."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from self.resolve(source, node.body, function, where, depth)
            yield from self.resolve(source, node.orelse, function, where, depth)
        elif isinstance(node, ast.JoinedStr):
            parts: list[list[str]] = [[""]]
            for value in node.values:
                inner = value.value if isinstance(value, ast.FormattedValue) else value
                parts.append(list(self.resolve(source, inner, function, where, depth)))
            combined = [""]
            for options in parts:
                combined = [head + tail for head in combined for tail in options]
            yield from combined
        elif isinstance(node, ast.Name) and function is not None and node.id in _parameters(function):
            yield from self.passed_to(function, node.id, where, depth)
        elif isinstance(node, ast.Name):
            constant = getattr(importlib.import_module(source.module), node.id, None)
            if isinstance(constant, str):
                yield constant
            else:
                self.unresolved.append(Unresolved(where, ast.unparse(node)))
        elif isinstance(node, ast.Attribute) and (values := self.class_attributes(node.attr)):
            yield from values  # ``importer.audit_action``: every class's value of that attribute
        else:
            self.unresolved.append(Unresolved(where, ast.unparse(node)))

    def class_attributes(self, name: str) -> list[str]:
        """The strings assigned to the attribute ``name`` in the body of any class of the source."""
        values: list[str] = []
        for source in self.sources:
            for node in ast.walk(source.tree):
                if not isinstance(node, ast.ClassDef):
                    continue
                for statement in node.body:
                    target, value = None, None
                    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                        target, value = statement.targets[0], statement.value
                    elif isinstance(statement, ast.AnnAssign):
                        target, value = statement.target, statement.value
                    if (
                        isinstance(target, ast.Name)
                        and target.id == name
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        values.append(value.value)
        return values

    def passed_to(self, function: ast.FunctionDef, parameter: str, where: str, depth: int) -> Iterator[str]:
        """Every value the source passes as ``parameter`` to a function named like ``function``."""
        if depth > 5:
            self.unresolved.append(Unresolved(where, f"{function.name}({parameter}) passed on too deeply"))
            return
        names = _parameters(function)
        position = names.index(parameter)
        positional = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
        calls = 0
        for source in self.sources:
            parents = _enclosing_functions(source.tree)
            for node in ast.walk(source.tree):
                if not (isinstance(node, ast.Call) and _callee(node) == function.name):
                    continue
                given = next((k.value for k in node.keywords if k.arg == parameter), None)
                if given is None and parameter in positional and position < len(node.args):
                    given = node.args[position]
                if given is None:
                    continue
                calls += 1
                yield from self.resolve(
                    source, given, parents.get(node), f"{source.path}:{node.lineno}", depth + 1
                )
        if not calls:
            self.unresolved.append(Unresolved(where, f"{function.name}({parameter}): no call found"))


def _parameters(function: ast.FunctionDef) -> list[str]:
    args = function.args
    return [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]


@pytest.fixture(scope="module")
def codes() -> Codes:
    return Codes(sources()).collect()


def test_every_action_code_in_the_source_has_words(codes):
    assert not codes.unresolved, f"audit actions the test cannot read: {codes.unresolved}"
    unlabelled = {code: where for code, where in codes.codes.items() if not audit_actions.is_known(code)}
    assert not unlabelled, f"add these codes to sunshine/core/audit_actions.py (LABELS): {unlabelled}"


def test_the_reader_finds_the_codes_passed_through_helpers_and_constants(codes):
    assert {
        "inforequest.register",  # a conditional
        "inforequest.submit",
        "inforequest.rate",  # an f-string of a constant
        "inforequest.document",  # a module constant
        "record.override",  # passed on by _audit and write_audit
        "calendar.publish_year",
        "record.import",  # a class attribute of the records' importer (importer.audit_action)
        "onboarding.import",  # its default on the importers' base class
    } <= set(codes.codes)


def test_the_codes_of_the_procedures_read_as_their_history_lines():
    from sunshine.inforequests.actions import WORKFLOW

    assert audit_actions.label_of("inforequest.extend") == str(WORKFLOW.actions["extend"].texts.history)
    assert audit_actions.label_of("inforequest.submit") == str(WORKFLOW.history_entries["submit"].history)
    from django.utils import translation

    with translation.override("zh-hans"):  # whatever language an earlier test left active
        assert audit_actions.label_of("record.override") == "隐私检出项准予保留"


def test_no_code_is_listed_twice():
    listed_by_hand = set(audit_actions.LABELS)
    declared = set(audit_actions.workflow_labels())
    assert not listed_by_hand & declared, "a workflow's code is labelled by its declaration already"


def test_every_code_belongs_to_a_named_domain():
    unnamed = {a.code for a in audit_actions.all_actions().values() if a.domain not in audit_actions.DOMAINS}
    assert {code for code in unnamed if not code.startswith("toy.")} == set()  # the kernel's tests: "toy"


def test_the_test_settings_refuse_an_unlabelled_code(db, tree):
    with pytest.raises(audit_actions.UnlabelledAuditAction, match="no label"):
        audit.record(actor=None, action="agency.rename", obj=tree["city"])


def test_production_writes_an_unlabelled_code_and_logs_it(db, tree, settings, caplog):
    settings.SUNSHINE_AUDIT_STRICT = False
    entry = audit.record(actor=None, action="agency.rename", obj=tree["city"])
    assert entry.action == "agency.rename"
    assert "agency.rename" in caplog.text
    assert audit_actions.label_of("agency.rename") == "agency.rename"


def test_a_workflow_built_later_has_its_codes_labelled_at_once():
    from sunshine.core.workflow import Action, Texts

    texts = Texts(button="Go", history="Went", help="")
    Workflow(
        name="toy",
        actions={"open": Action("open", frozenset({"draft"}), "open", frozenset({"x"}), texts)},
        agency_of=lambda obj: None,
        may_act=lambda user, agency, roles: True,
        snapshot=lambda obj: {},
    )
    assert audit_actions.label_of("toy.open") == "Went"
