"""The annual report's download buttons are readable: their text has a contrast of at least 4.5:1
against their background (WCAG 2.x, 1.4.3), computed from the style sheets the page loads.

Without a browser (axe-core runs in the browser tests, tests/browser/test_accessibility.py), the
contrast is computed here: the rules of the style sheets are read in the page's order, the
declarations that apply to the button are chosen by specificity and order as a browser does, and the
ratio comes from the relative luminance of the two colours. The browser test
(tests/browser/test_disclosure_column.py) checks the same in Chromium's computed style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.portal.test_disclosure_column import LAST_YEAR

CSS = Path(__file__).resolve().parents[2] / "sunshine" / "static" / "css"
SELECTOR_PART = re.compile(r"^([a-z]*)((?:\.[\w-]+)*)$")


@dataclass(frozen=True)
class Element:
    tag: str
    classes: frozenset[str]


def rules(sheets: list[str]) -> list[tuple[str, dict[str, str]]]:
    """Every (selector, declarations) of the sheets, in order; at-rules' blocks left out."""
    found = []
    for name in sheets:
        text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", text)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            declarations = {}
            for declaration in body.split(";"):
                if ":" in declaration:
                    key, value = declaration.split(":", 1)
                    declarations[key.strip()] = value.strip()
            for selector in selectors.split(","):
                found.append((selector.strip(), declarations))
    return found


def specificity(selector: str, element: Element) -> tuple[int, int] | None:
    """The selector's specificity if it is a simple one (tag and classes) matching the element."""
    match = SELECTOR_PART.match(selector)
    if match is None:
        return None  # descendant, pseudo-class (:hover) or attribute selectors: not the resting state
    tag, classes = match.group(1), {c for c in match.group(2).split(".") if c}
    if (tag and tag != element.tag) or not classes <= element.classes or not (tag or classes):
        return None
    return (len(classes), 1 if tag else 0)


def computed(element: Element, sheets: list[str], prop: str) -> str:
    variables: dict[str, str] = {}
    winner: tuple[tuple[int, int], int, str] | None = None
    for order, (selector, declarations) in enumerate(rules(sheets)):
        if selector == ":root":
            variables.update({k: v for k, v in declarations.items() if k.startswith("--")})
        weight = specificity(selector, element)
        value = declarations.get(prop) or (
            declarations.get("background") if prop == "background-color" else None
        )
        if weight is None or value is None:
            continue
        if winner is None or (weight, order) >= winner[:2]:
            winner = (weight, order, value)
    assert winner is not None, (element, prop)
    value = winner[2]
    var = re.fullmatch(r"var\((--[\w-]+)\)", value)
    return variables[var.group(1)] if var else value


def luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(d * 2 for d in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#e4e7eb") == pytest.approx(1.24, abs=0.01)  # the fault as reported


def test_the_annual_report_s_download_buttons_have_a_contrast_of_at_least_4_5(client, tree):
    html = client.get(f"/agencies/CITY-EDU/annual-reports/{LAST_YEAR}/").content.decode()
    sheets = ["sunshine.css", *re.findall(r'href="/static/css/([\w.-]+\.css)"', html)]
    assert sheets[-1] == "reports.css"
    buttons = re.findall(r'<a class="([^"]+)"[^>]*data-download="(\w+)"', html)
    assert {kind for _classes, kind in buttons} == {"pdf", "docx", "xlsx"}
    for classes, kind in buttons:
        button = Element("a", frozenset(classes.split()))
        colour = computed(button, sheets, "color")
        background = computed(button, sheets, "background-color")
        assert contrast(colour, background) >= 4.5, (kind, colour, background)


def test_the_primary_buttons_stay_readable_too():
    button = Element("a", frozenset({"button"}))
    sheets = ["sunshine.css", "portal.css"]
    assert contrast(computed(button, sheets, "color"), computed(button, sheets, "background-color")) >= 4.5
