"""The public catalogue (/services/) by agency, kind and life event, and the guide page of one item
with all its fields, materials, steps, windows and contacts, printable; drafts never shown."""

from __future__ import annotations

import io

from sunshine.eservices import services
from tests.records.files import make_pdf

PDF = make_pdf("Application form")


def test_the_catalogue_lists_published_guides_and_filters_them(client, published, draft, tree):
    published("EDU-001")
    published("EDU-002", name="教师资格认定", kind="confirmation")
    draft("EDU-003", name="尚未发布的事项")
    html = client.get("/services/").content.decode()
    assert "民办学校设立审批" in html
    assert "教师资格认定" in html
    assert "尚未发布的事项" not in html
    html = client.get("/services/?kind=confirmation").content.decode()
    assert "教师资格认定" in html
    assert "民办学校设立审批" not in html
    assert "民办学校设立审批" in client.get("/services/?event=education").content.decode()
    assert "民办学校设立审批" not in client.get("/services/?event=birth").content.decode()
    assert "民办学校设立审批" in client.get("/services/?agency=CITY-EDU").content.decode()
    assert "民办学校设立审批" not in client.get("/services/?agency=CITY-FIN").content.decode()


def test_an_unknown_filter_is_explained(client, tree):
    response = client.get("/services/?kind=magic")
    assert response.status_code == 400
    assert "Choose a kind from the list." in response.content.decode()


def test_the_guide_page_shows_every_part_of_the_guide(client, published):
    published()
    html = client.get("/services/EDU-001/").content.decode()
    for text in (
        "民办学校设立审批",
        "《中华人民共和国民办教育促进法》第十二条",
        "设立申请书",
        "When: 有捐赠的",
        "20 working days",
        "10 working days",
        "市民中心3号窗口",
        "阳光市人民路1号",
        "0571-87000002",
        "Free of charge",
        "Can be applied for online",
        "Handled within a promised time",
        "css/eservices.css",
    ):
        assert text in html, text


def test_the_published_blank_form_can_be_downloaded(client, draft, alice, rita):
    version = draft()
    upload = io.BytesIO(PDF)
    services.add_file(
        version=version,
        by=alice,
        material_key="application",
        purpose="template",
        file=upload,
        name="申请表.pdf",
    )
    assert client.get("/services/EDU-001/files/application/template/").status_code == 404
    services.take_action(version=version, action="submit", by=alice)
    services.take_action(version=version, action="publish", by=rita)
    response = client.get("/services/EDU-001/files/application/template/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_draft_and_an_item_of_an_inactive_agency_are_not_found(client, draft, published, tree):
    draft("EDU-002")
    assert client.get("/services/EDU-002/").status_code == 404
    published("EDU-001")
    tree["education"].is_active = False
    tree["education"].save()
    assert client.get("/services/EDU-001/").status_code == 404


def test_the_print_stylesheet_hides_the_navigation():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "sunshine/static/css/eservices.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".site-nav" in print_rules
    assert ".breadcrumbs" in print_rules


def test_every_public_page_links_to_the_catalogue_in_its_footer(client, tree):
    html = client.get("/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert 'href="/services/"' in footer
