"""Back to the start page after a time without a touch: the idle time (SUNSHINE_LOBBY_IDLE_SECONDS) is
read at every request and handed to the script as a data- attribute; pages other than the start page
also carry a <meta http-equiv="refresh"> inside <noscript> for a screen with scripts switched off (with
them, the script's timer alone acts: a timed refresh could not be put off by a touch, and axe-core
counts it a critical violation); no page has an inline script."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
REFRESH = re.compile(r'<noscript><meta http-equiv="refresh" content="([^"]+)"></noscript>')


def test_the_idle_time_of_the_settings_is_on_every_page(client, settings, question):
    entry = question()
    settings.SUNSHINE_LOBBY_IDLE_SECONDS = 45

    start = client.get("/lobby/").content.decode()
    detail = client.get(f"/lobby/questions/{entry.pk}/").content.decode()

    assert 'data-idle-seconds="45"' in start
    assert 'data-start-url="/lobby/"' in start
    assert REFRESH.search(start) is None  # the start page stays
    assert 'data-idle-seconds="45"' in detail
    assert REFRESH.findall(detail) == ["45;url=/lobby/"]
    assert "returns to the start page after 45 seconds without a touch" in detail


def test_the_idle_time_is_two_minutes_unless_set(client, settings):
    del settings.SUNSHINE_LOBBY_IDLE_SECONDS

    html = client.get("/lobby/search/").content.decode()

    assert REFRESH.findall(html) == ["120;url=/lobby/"]


@pytest.mark.parametrize("path", ["/lobby/", "/lobby/search/", "/lobby/records/", "/lobby/services/"])
def test_lobby_pages_have_no_inline_script_and_no_portal_header(client, path):
    html = client.get(path).content.decode()

    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/js/lobby.js" defer>']
    assert not re.search(r"<[^>]*\son[a-z]+=", html)  # no event handler attributes either
    assert "site-header" not in html
    assert "site-footer" not in html
    assert "/staff/" not in html
