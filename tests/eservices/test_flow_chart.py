"""The flow chart drawn from a guide's steps: server-side SVG with real text in a Chinese-capable
font, accessible (role, title, description listing the steps), inline in the page and as flow.svg."""

from __future__ import annotations

from xml.etree import ElementTree

from sunshine.eservices.flowchart import FONT_FAMILY, FlowStep, render, wrap

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str | bytes) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 (the chart drawn by the code under test)


def test_the_chart_has_a_box_and_real_text_for_every_step_in_order():
    svg = render("民办学校设立审批", [FlowStep("受理", "窗口", 1), FlowStep("审查", "业务处室", 7)])
    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.index("1. 受理") < texts.index("2. 审查")
    assert "窗口 · 1 working day" in texts
    assert "业务处室 · 7 working days" in texts
    assert len(list(root.iter(f"{SVG}rect"))) == 4  # start, two steps, end


def test_the_chart_is_accessible_with_a_title_and_a_description_of_the_steps():
    root = _parse(render("登记", [FlowStep("受理", "", 0)], id_prefix="flow-X"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "flow-X-title flow-X-desc"
    assert "Noto Sans CJK SC" in (root.get("font-family") or "")
    assert root.get("font-family") == FONT_FAMILY
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "1. 受理 (on the spot)" in (desc.text or "")


def test_text_from_staff_is_escaped():
    svg = render("<script>", [FlowStep("a < b & c", "<b>", 1)])
    assert "<script>" not in svg
    assert "a &lt; b &amp; c" in svg
    _parse(svg)


def test_long_chinese_names_wrap_within_the_box():
    lines = wrap("对申请材料进行实质审查并组织专家现场核查后提出审查意见", 10)
    assert len(lines) > 1
    assert all(len(line) <= 10 for line in lines)


def test_the_guide_page_carries_the_chart_inline_and_flow_svg_serves_it(client, published):
    published()
    page = client.get("/services/EDU-001/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart" role="img"' in page
    response = client.get("/services/EDU-001/flow.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = _parse(response.content)
    assert "审查" in "".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_a_draft_has_no_public_chart(client, draft):
    draft()
    assert client.get("/services/EDU-001/flow.svg").status_code == 404
