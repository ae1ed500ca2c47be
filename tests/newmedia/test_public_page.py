"""The portal's new-media page lists the active accounts per agency with a QR code of each account's
public address drawn on the server, and no personal data."""

from __future__ import annotations

from sunshine.newmedia import services


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
