"""The crawler of the portal itself (docs/sitehealth.md#the-crawl): from the site's base address it
follows the links of every page on the same host, breadth first, and answers the links that did not
work, each with its status and the first page it was found on.

Bounded and polite: at most ``max_pages`` pages and as many attachment checks, no deeper than
``max_depth`` links from the home page, ``delay`` seconds between two requests, ``timeout`` seconds
per request, a user agent that names the crawler, and ``robots.txt`` honoured. Attachments (their
addresses match ``attachment_pattern``) are asked for with HEAD, then with GET where HEAD gets no good
answer, and their bodies are never read. Only the standard library: no Django here, so the crawl can
be tested against any server (the tests use Django's live server on the loopback address)."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Pages read at most this far; a page longer than this is parsed for the links of its first part.
MAX_PAGE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (refused, timed out, bad redirect)
    content_type: str = ""
    body: bytes = b""
    url: str = ""  # the address answered, after redirects
    error: str = ""


# (method, url, timeout, user agent) → the answer. Tests may pass their own; the default uses urllib.
Fetch = Callable[[str, str, float, str], Answer]


class _NoProxy(urllib.request.ProxyHandler):
    def __init__(self) -> None:
        super().__init__({})  # the site is checked directly, never through a proxy of the environment


_opener = urllib.request.build_opener(_NoProxy())


def http_fetch(method: str, url: str, timeout: float, user_agent: str) -> Answer:
    if not url.startswith(("https://", "http://")):
        return Answer(None, url=url, error="not an http(s) address")
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent})  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            body = b""
            if method == "GET" and (content_type.startswith("text/") or "json" in content_type):
                body = response.read(MAX_PAGE_BYTES)
            return Answer(int(response.status), content_type, body, response.geturl())
    except urllib.error.HTTPError as exc:
        return Answer(int(exc.code), exc.headers.get("Content-Type", "") if exc.headers else "", url=url)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        return Answer(None, url=url, error=str(getattr(exc, "reason", exc))[:300])


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500
    max_depth: int = 4
    delay: float = 0.5  # seconds between two requests
    timeout: float = 10.0
    user_agent: str = "SunshineSiteHealth/1.0"
    # Paths not followed (staff pages, the API, the language switch, …): prefixes of the path.
    skip_prefixes: tuple[str, ...] = ()
    attachment_pattern: str = r"^/records/.+/files/\d+/$"


@dataclass(frozen=True)
class BrokenLink:
    url: str
    status: int | None
    found_on: str  # the first page linking to it ("" for the start address itself)
    pages: int  # how many pages crawled link to it
    attachment: bool
    error: str = ""


@dataclass
class CrawlResult:
    start: str
    reachable: bool = False
    start_status: int | None = None
    start_error: str = ""
    pages: int = 0
    links_checked: int = 0
    reached_limit: bool = False
    broken: list[BrokenLink] = field(default_factory=list)


class _Links(HTMLParser):
    """The addresses a page links to: ``<a href>``, ``<img src>``, ``<link rel="alternate" href>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.found.append(values["href"] or "")
        elif tag == "img" and values.get("src"):
            self.found.append(values["src"] or "")
        elif tag == "link" and values.get("href") and "alternate" in (values.get("rel") or "").split():
            self.found.append(values["href"] or "")


def links_of(html: str) -> list[str]:
    parser = _Links()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # a broken page still gives the links read so far
        pass
    return parser.found


def _is_broken(answer: Answer) -> bool:
    return answer.status is None or answer.status >= 400


class Crawler:
    def __init__(
        self,
        base_url: str,
        limits: Limits,
        fetch: Fetch = http_fetch,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        parts = urlsplit(base_url)
        self.scheme = parts.scheme
        self.host = parts.netloc.lower()
        self.root = parts.path.rstrip("/")  # a site under a path prefix stays under it
        self.start = f"{parts.scheme}://{parts.netloc}{self.root}/"
        self.limits = limits
        self.fetch = fetch
        self.sleep = sleep
        self.attachment = re.compile(limits.attachment_pattern)
        self.requests = 0
        self.robots: urllib.robotparser.RobotFileParser | None = None

    # --- addresses ---------------------------------------------------------------------------

    def normalise(self, href: str, page: str) -> str | None:
        """The absolute address of a link on ``page``, or None when it is not to be followed."""
        href = href.strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            return None
        url, _fragment = urldefrag(urljoin(page, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host:
            return None
        path = parts.path or "/"
        if not (path + "/").startswith(self.root + "/"):
            return None
        local = path[len(self.root) :] or "/"
        if any(local.startswith(prefix) for prefix in self.limits.skip_prefixes):
            return None
        if self.robots is not None and not self.robots.can_fetch(self.limits.user_agent, url):
            return None
        return url

    def is_attachment(self, url: str) -> bool:
        return bool(self.attachment.match(urlsplit(url).path[len(self.root) :]))

    # --- requests ----------------------------------------------------------------------------

    def _get(self, method: str, url: str) -> Answer:
        if self.requests and self.limits.delay > 0:
            self.sleep(self.limits.delay)
        self.requests += 1
        return self.fetch(method, url, self.limits.timeout, self.limits.user_agent)

    def _read_robots(self) -> None:
        answer = self._get("GET", self.start + "robots.txt")
        if answer.status == 200 and answer.body:
            robots = urllib.robotparser.RobotFileParser()
            robots.parse(answer.body.decode("utf-8", "replace").splitlines())
            self.robots = robots

    def check_attachment(self, url: str) -> Answer:
        answer = self._get("HEAD", url)
        if _is_broken(answer):  # some servers refuse HEAD: the GET decides
            answer = self._get("GET", url)
        return answer

    # --- the crawl ---------------------------------------------------------------------------

    def run(self) -> CrawlResult:
        result = CrawlResult(start=self.start)
        home = self._get("GET", self.start)
        result.start_status, result.start_error = home.status, home.error
        result.reachable = home.status is not None and 200 <= home.status < 400
        result.pages = 1
        if not result.reachable:
            return result
        self._read_robots()
        seen: set[str] = {self.start}
        referrers: dict[str, list[str]] = {}
        queue: deque[tuple[str, int]] = deque()
        attachments: list[str] = []
        broken: dict[str, Answer] = {}

        def discover(page: str, answer: Answer, depth: int) -> None:
            if not answer.content_type.startswith("text/html") or depth >= self.limits.max_depth:
                return
            if urlsplit(answer.url or page).netloc.lower() != self.host:
                return  # redirected away: not our page
            for href in links_of(answer.body.decode("utf-8", "replace")):
                url = self.normalise(href, answer.url or page)
                if url is None:
                    continue
                referrers.setdefault(url, []).append(page)
                if url in seen:
                    continue
                seen.add(url)
                if self.is_attachment(url):
                    attachments.append(url)
                else:
                    queue.append((url, depth + 1))

        discover(self.start, home, 0)
        while queue:
            if result.pages >= self.limits.max_pages:
                result.reached_limit = True
                break
            url, depth = queue.popleft()
            answer = self._get("GET", url)
            result.pages += 1
            result.links_checked += 1
            if _is_broken(answer):
                broken[url] = answer
            else:
                discover(url, answer, depth)
        for n, url in enumerate(attachments):
            if n >= self.limits.max_pages:
                result.reached_limit = True
                break
            answer = self.check_attachment(url)
            result.links_checked += 1
            if _is_broken(answer):
                broken[url] = answer
        result.broken = [
            BrokenLink(
                url=url,
                status=answer.status,
                found_on=(referrers.get(url) or [""])[0],
                pages=len(set(referrers.get(url, []))),
                attachment=self.is_attachment(url),
                error=answer.error,
            )
            for url, answer in broken.items()
        ]
        return result


def crawl(base_url: str, limits: Limits, fetch: Fetch = http_fetch) -> CrawlResult:
    return Crawler(base_url, limits, fetch).run()
