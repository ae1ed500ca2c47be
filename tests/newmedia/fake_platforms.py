"""Local fake servers of the WeChat and Weibo APIs for the tests: an ``http.server`` in a thread on
127.0.0.1 answering each path with the next scripted JSON answer (then the path's default, a
success), and recording every call. Nothing leaves the machine."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ARTICLE_URL = "https://mp.weixin.qq.com/s/fake-article"
WEIBO_USER = "5201314"

DEFAULTS: dict[str, dict[str, Any]] = {
    "/cgi-bin/token": {"access_token": "fake-token", "expires_in": 7200},
    "/cgi-bin/draft/add": {"media_id": "fake-media-id"},
    "/cgi-bin/freepublish/submit": {"errcode": 0, "errmsg": "ok", "publish_id": "2247483648"},
    "/cgi-bin/freepublish/get": {
        "publish_id": "2247483648",
        "publish_status": 0,
        "article_id": "fake-article",
        "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": ARTICLE_URL}]},
    },
    "/2/statuses/share.json": {
        "id": 4999000111222333,
        "idstr": "4999000111222333",
        "user": {"idstr": WEIBO_USER},
    },
}


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes


@dataclass
class FakePlatforms:
    base_url: str = ""
    script: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    def answer_next(self, path: str, payload: dict[str, Any], status: int = 200) -> None:
        """The next call of ``path`` gets ``payload``; later ones the default again."""
        self.script.setdefault(path, []).append((status, payload))

    def paths(self) -> list[str]:
        return [c.path for c in self.calls]

    def _answer(self, path: str) -> tuple[int, dict[str, Any]]:
        queued = self.script.get(path)
        if queued:
            return queued.pop(0)
        if path in DEFAULTS:
            return 200, DEFAULTS[path]
        return 404, {"errcode": 404, "errmsg": "no such fake path"}


def _handler(fake: FakePlatforms) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fake.calls.append(Call(self.command, parts.path, parse_qs(parts.query), body))
            status, payload = fake._answer(parts.path)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running() -> Iterator[FakePlatforms]:
    fake = FakePlatforms()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
