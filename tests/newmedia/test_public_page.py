"""The portal's new-media page lists the active accounts per agency with a QR code of each account's
public address drawn on the server, and no personal data."""

from __future__ import annotations

from sunshine.newmedia import services
from tests.newmedia.conftest import account_input


def test_the_page_lists_active_accounts_with_their_qr_codes(client, wechat, weibo, alice, olga, today):
    services.perform_account_action(account=weibo, action="start_closing", by=alice, input={"reason": "整合"})
    services.perform_account_action(account=weibo, action="close", by=olga)

    page = client.get("/new-media/").content.decode()

    assert "阳光教育" in page
    assert f'src="/new-media/{wechat.pk}/qr.svg"' in page
    assert "阳光教育发布" not in page  # closed
    assert "王小明" not in page
    assert "13800138000" not in page
    assert "阳光市教育局" in page


def test_an_agency_s_accounts_are_listed_wechat_first_then_weibo_then_douyin(client, tree, alice, today):
    others = [("douyin", "阳光教育抖音号", "dy-1"), ("weibo", "阳光教育发布", "wb-1")]
    for platform, name, account_id in others:
        data = account_input(platform=platform, name=name, account_id=account_id)
        services.register_account(by=alice, agency=tree["education"], data=data)
    services.register_account(by=alice, agency=tree["education"], data=account_input())

    page = client.get("/new-media/").content.decode()

    assert page.index("阳光教育</") < page.index("阳光教育发布") < page.index("阳光教育抖音号")


def test_the_qr_code_is_an_svg_of_the_public_address(client, wechat):
    response = client.get(f"/new-media/{wechat.pk}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "阳光教育".encode() in response.content  # its title


def test_a_closed_account_has_no_public_qr_code(client, wechat, alice, olga, today):
    services.perform_account_action(
        account=wechat, action="start_closing", by=alice, input={"reason": "关停"}
    )
    services.perform_account_action(account=wechat, action="close", by=olga)

    assert client.get(f"/new-media/{wechat.pk}/qr.svg").status_code == 404


def test_the_interaction_page_leads_to_the_new_media_page(client, tree):
    assert 'href="/new-media/"' in client.get("/interaction/").content.decode()
