"""A small web site on 127.0.0.1 for the link checker's tests (standard library only).

``Site.route(path, status=…, body=…, headers=…, head=…, delay=…)`` sets what a
path answers; a list of answers is served one per request, the last repeating.
Every request is recorded (method, path with query, headers, monotonic time).
The fixtures ``site`` and ``link_cache`` (tests/conftest.py) start one per test.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def page(title: str, text: str = "") -> bytes:
    """A small HTML page."""
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>p{{color:red}}</style></head><body><h1>{title}</h1><p>{text}</p>"
            f"<script>var x = 'not shown';</script></body></html>").encode()


@dataclass
class Answer:
    """What one request to a path gets."""

    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    head: int | None = None  # a different status for HEAD (e.g. 405)
    delay: float = 0.0


@dataclass
class Request:
    """One request the site received."""

    method: str
    path: str
    headers: dict
    at: float


class Site:
    """The routes, the requests seen, and the server's base URL."""

    def __init__(self):
        self.routes: dict[str, list[Answer]] = {}
        self.requests: list[Request] = []
        self.snapshots: dict[str, str] = {}  # url -> snapshot path, for the fake archive API
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this site."""
        return self.base + path

    def route(self, path: str, *answers: Answer, **one) -> str:
        """Set what ``path`` answers (answers in turn, or one ``Answer(**one)``); its URL."""
        self.routes[path] = list(answers) or [Answer(**one)]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        """``path`` redirects to ``to`` with ``status``; its URL."""
        return self.route(path, status=status, headers={"Location": to})

    def hits(self, path: str, method: str | None = None) -> list[Request]:
        """The requests made to ``path`` (query ignored), optionally of one method."""
        return [r for r in self.requests if r.path.split("?")[0] == path
                and (method is None or r.method == method)]

    def answer(self, method: str, raw_path: str, headers: dict) -> Answer:
        with self.lock:
            self.requests.append(Request(method, raw_path, headers, time.monotonic()))
            parts = urlsplit(raw_path)
            if parts.path == "/wayback/available":
                return self._archive(parse_qs(parts.query))
            answers = self.routes.get(parts.path)
            if not answers:
                return Answer(404, page("Not Found"))
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def _archive(self, query: dict) -> Answer:
        url = query.get("url", [""])[0]
        stamp = query.get("timestamp", ["20260101"])[0]
        snap = self.snapshots.get(url)
        found = {"closest": {"available": True, "status": "200", "timestamp": stamp + "000000",
                             "url": self.url(snap)}} if snap else {}
        body = json.dumps({"url": url, "archived_snapshots": found}).encode()
        return Answer(200, body, {"Content-Type": "application/json"})


def serve(site: Site):
    """Start the site on 127.0.0.1 (a free port); returns the server (call shutdown())."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self, with_body: bool):
            answer = site.answer(self.command, self.path, dict(self.headers))
            if answer.delay:
                time.sleep(answer.delay)
            status = answer.head if (self.command == "HEAD" and answer.head) else answer.status
            self.send_response(status)
            for key, value in answer.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if with_body:
                try:
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        def do_GET(self):  # noqa: N802 (http.server's names)
            self._serve(True)

        def do_HEAD(self):  # noqa: N802
            self._serve(False)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def facts_text(sources: list[dict], facts: dict[str, dict]) -> str:
    """A facts file citing ``sources`` (id, url, …) from ``facts`` (key -> fields)."""
    lines = ["id: links", "title: Link Test Alliance", "as_of: 2026-11-22", "sources:"]
    for s in sources:
        lines.append(f"  - id: {s['id']}")
        lines.append(f"    title: {s.get('title', 'Title of ' + s['id'])}")
        for key in ("publisher", "url", "accessed", "archived"):
            if key in s:
                lines.append(f"    {key}: {s[key]}")
    lines.append("facts:")
    for key, fact in facts.items():
        lines.append(f"  {key}:")
        for name_, value in fact.items():
            if isinstance(value, list):
                value = "[" + ", ".join(value) + "]"
            elif isinstance(value, str) and name_ == "value":
                value = '"' + value.replace('"', '\\"') + '"'
            lines.append(f"    {name_}: {value}")
    return "\n".join(lines) + "\n"


def run(*args):
    """``briefgen check ARGS`` through Click's runner (stdout and stderr apart)."""
    from click.testing import CliRunner

    from briefgen.cli import cli

    return CliRunner().invoke(cli, ["check", *args])


def write(tmp_path, sources, facts=None, name="links.yaml"):
    """A facts file in ``tmp_path`` citing ``sources`` (by default from one fact)."""
    facts = facts or {"article4_consultations": {"value": "Eight times.",
                                                 "sources": [s["id"] for s in sources]}}
    path = tmp_path / name
    path.write_text(facts_text(sources, facts), encoding="utf-8")
    return path


def line_of(path, text):
    """The first line of ``path`` holding ``text``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(text)
