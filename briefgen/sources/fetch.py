"""Fetching a cited page as a careful link checker does.

One :class:`Fetcher` (an ``httpx.Client``, imported only here and only when a
link is checked) serves many threads. Every request to a host passes that
host's gate: at most :attr:`Settings.per_host` at once and at most
:attr:`Settings.rate` started per second, retries included. A URL is asked with
HEAD first; a HEAD answered with 4xx or 5xx (many servers refuse or mishandle
HEAD) is asked again with GET. Redirects are followed by hand, so each hop is
recorded. A page that answers 2xx as HTML is fetched with GET once more for
its title (soft 404s, changed pages) and, when a quote needs it, its text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from briefgen import __version__
from briefgen.document.markers import clean_text

USER_AGENT = f"briefgen/{__version__} (source link check)"
"""Names briefgen and its version, so a site's owner can tell who asks."""

MAX_BODY = 4 * 1024 * 1024
"""Bytes of a page read at most (a title and a quote are near its top)."""

MAX_REDIRECTS = 10
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
RETRY_STATUS = {429, 502, 503, 504}
"""Answers worth asking again after a pause (Retry-After is honoured, up to 30 s)."""


@dataclass(frozen=True)
class Settings:
    """How politely and how long to ask."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    per_host: int = 2
    rate: float = 3.0
    workers: int = 8


@dataclass
class LinkResult:
    """What one URL answered: status or error, the redirects on the way, the page's title."""

    url: str
    checked: str
    status: int | None = None
    final_url: str | None = None
    redirects: list[list] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    title: str | None = None
    soft_404: bool = False
    method: str = "HEAD"
    previous_title: str | None = None
    previous_checked: str | None = None
    text: str | None = None

    @property
    def permanent_target(self) -> str | None:
        """Where a chain of permanent redirects (301/308) leads, when the first hop is one."""
        target = None
        for status, location in self.redirects:
            if status not in PERMANENT:
                break
            target = location
        return target


class _Gate:
    def __init__(self, per_host: int, rate: float):
        self._slots = threading.Semaphore(max(1, per_host))
        self._lock = threading.Lock()
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0

    @contextmanager
    def slot(self):
        with self._slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next)
                self._next = start + self._interval
            if start > now:
                time.sleep(start - now)
            yield


@dataclass
class _Answer:
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    error_kind: str | None = None


def _is_dns(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, socket.gaierror):
            return True
        text = str(exc).lower()
        if "name or service not known" in text or "getaddrinfo" in text or "nodename nor" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def now_stamp() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Fetcher:
    """Thread-safe polite HTTP: per-host gates, retries with backoff, HEAD then GET."""

    def __init__(self, settings: Settings | None = None):
        import httpx

        self.settings = settings or Settings()
        self._httpx = httpx
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT,
                     "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
            timeout=self.settings.timeout, follow_redirects=False)
        self._gates: dict[str, _Gate] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _gate(self, url: str) -> _Gate:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._gates:
                self._gates[host] = _Gate(self.settings.per_host, self.settings.rate)
            return self._gates[host]

    def _once(self, method: str, url: str, params: dict | None) -> _Answer:
        httpx = self._httpx
        try:
            with self._gate(url).slot():
                with self._client.stream(method, url, params=params) as resp:
                    body = None
                    if method == "GET":
                        chunks, size = [], 0
                        for chunk in resp.iter_bytes():
                            chunks.append(chunk)
                            size += len(chunk)
                            if size >= MAX_BODY:
                                break
                        body = b"".join(chunks)[:MAX_BODY]
                    return _Answer(resp.status_code, dict(resp.headers), body)
        except httpx.TimeoutException:
            return _Answer(error=f"did not answer within {self.settings.timeout:g} s",
                           error_kind="timeout")
        except httpx.ConnectError as exc:
            if _is_dns(exc):
                host = urlsplit(url).hostname or url
                return _Answer(error=f"names the host '{host}', which is not found (DNS)",
                               error_kind="dns")
            return _Answer(error="refuses the connection", error_kind="connect")
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
            return _Answer(error=f"cannot be fetched ({type(exc).__name__})", error_kind="http")

    def send(self, method: str, url: str, params: dict | None = None) -> _Answer:
        """One request, asked again after a pause on a timeout, a refused connection or
        429/502/503/504 (``retries`` times, doubling ``backoff``, honouring Retry-After)."""
        answer = _Answer()
        for attempt in range(self.settings.retries + 1):
            answer = self._once(method, url, params)
            retry = answer.error_kind in ("timeout", "connect") or answer.status in RETRY_STATUS
            if not retry or attempt == self.settings.retries:
                break
            pause = self.settings.backoff * (2 ** attempt)
            after = answer.headers.get("retry-after", "")
            if after.strip().isdigit():
                pause = max(pause, min(float(after), 30.0))
            time.sleep(pause)
        return answer

    def check(self, url: str, want_text: bool = False) -> LinkResult:
        """Ask ``url`` (HEAD, then GET where HEAD is refused), following and recording
        redirects; read the title of an HTML page, and its text when ``want_text``."""
        result = LinkResult(url=url, checked=now_stamp())
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            answer, result.method = self.send("HEAD", current), "HEAD"
            if answer.status is not None and answer.status >= 400:
                answer, result.method = self.send("GET", current), "GET"
            if answer.error:
                result.error, result.error_kind, result.final_url = (
                    answer.error, answer.error_kind, current)
                return result
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                current = urljoin(current, location.strip())
                result.redirects.append([answer.status, current])
                if urlsplit(current).scheme not in ("http", "https"):
                    result.error, result.error_kind = "redirects to a non-web address", "http"
                    result.final_url = current
                    return result
                continue
            break
        else:
            result.error, result.error_kind = f"redirects more than {MAX_REDIRECTS} times", "http"
            result.final_url = current
            return result
        result.status, result.final_url = answer.status, current
        if 200 <= answer.status < 300 and (want_text or _is_html(answer.headers)):
            if answer.body is None:
                page = self.send("GET", current)
                if page.status is not None and 200 <= page.status < 300:
                    answer = page
                    result.method = "HEAD+GET"
            if answer.body is not None and _is_html(answer.headers):
                page_text = decode(answer.body, answer.headers)
                result.title = title_of(page_text)
                result.soft_404 = looks_not_found(result)
                if want_text:
                    result.text = visible_text(page_text)
            elif answer.body is not None and want_text:
                result.text = normalise(decode(answer.body, answer.headers))
        return result

    def get_json(self, url: str, params: dict) -> object | None:
        """A JSON answer (for the archive API), or None when there is none."""
        import json

        answer = self.send("GET", url, params)
        if answer.status != 200 or answer.body is None:
            return None
        try:
            return json.loads(answer.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def _is_html(headers: dict) -> bool:
    kind = headers.get("content-type", "text/html").lower()
    return "html" in kind


def decode(body: bytes, headers: dict) -> str:
    """A page's text in the charset its Content-Type (or meta tag) names, else UTF-8."""
    match = re.search(r"charset=([\w-]+)", headers.get("content-type", ""), re.I) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I)
    charset = match.group(1) if match else "utf-8"
    if isinstance(charset, bytes):
        charset = charset.decode("ascii", "replace")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def printable(text: str, limit: int = 120) -> str:
    """Text from the web made safe to print: no control or bidi characters, one line, short."""
    text = " ".join(clean_text(text)[0].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_of(page: str) -> str | None:
    """The page's ``<title>``, unescaped and on one line; None when it has none."""
    match = re.search(r"<title[^>]*>(.*?)</title\s*>", page, re.I | re.S)
    if not match:
        return None
    title = printable(html.unescape(match.group(1)), 300)
    return title or None


NOT_FOUND = re.compile(
    r"\b(404|page not found|not found|no longer available|does not exist|doesn't exist|"
    r"cannot be found|could not be found|page introuvable|nicht gefunden|no encontrada)\b|"
    r"страница не найдена|не найдена|не найден|ошибка 404", re.I)
"""Titles of pages that say they are not found (docs/sources.md)."""

_NOT_FOUND_PATH = re.compile(r"/(404|not[-_]?found|error|errors?/404)(\.\w+)?/?$", re.I)


def looks_not_found(result: LinkResult) -> bool:
    """A 2xx page that is a "not found" page: by its title, by a redirect to an error
    page, or by a redirect from a deep link to the site's front page."""
    if result.title and NOT_FOUND.search(result.title):
        return True
    if result.redirects and result.final_url:
        final = urlsplit(result.final_url)
        if _NOT_FOUND_PATH.search(final.path):
            return True
        start = urlsplit(result.url)
        if start.path.strip("/") and not final.path.strip("/") and not final.query:
            return True
    return False


def visible_text(page: str) -> str:
    """The words a reader sees on an HTML page, normalised (see :func:`normalise`)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "noscript", "template"):
                self.skip += 1

        def handle_endtag(self, tag):
            if tag in ("script", "style", "noscript", "template") and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(page)
    parser.close()
    return normalise(" ".join(parser.parts))


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "‚": "'", "‹": "'", "›": "'", "–": "-", "—": "-", "‒": "-", "−": "-",
                         "‐": "-", "‑": "-", "\u00a0": " ", "\u202f": " ", "\u00ad": ""})


def normalise(text: str) -> str:
    """Text compared for quotes: curly quotes and guillemets straight, dashes a hyphen,
    whitespace one space, case folded."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()
