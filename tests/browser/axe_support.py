"""axe-core in the browser tests: the copy bundled with the ``axe-playwright-python`` package is
injected into the page (nothing is fetched), run over the whole document, and its violations are
told plainly: rule, impact, help and the elements concerned."""

from __future__ import annotations

from typing import Any

# Violations that a person using a screen reader, a keyboard or a phone in the sun cannot get past.
BLOCKING = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every violation axe-core finds on ``page`` as it is now (WCAG 2.x A and AA and best practice)."""
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page).response["violations"])


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violation: id, impact, help, then each element's selector and axe's summary."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def counts(violations: list[dict[str, Any]]) -> dict[str, tuple[str, int]]:
    """{rule id: (impact, number of elements)}, for reports."""
    return {v["id"]: (v["impact"], len(v["nodes"])) for v in violations}


def assert_no_blocking_violations(page: Any, label: str) -> list[dict[str, Any]]:
    """Fails with the list of serious and critical violations on ``page``; returns all of them."""
    violations = axe_violations(page)
    found = blocking(violations)
    print(f"axe {label}: {counts(violations)}")
    assert not found, f"axe-core on {label} ({page.url}):\n{describe(found)}"
    return violations
