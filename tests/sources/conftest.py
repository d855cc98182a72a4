"""Fixtures of the link checker's tests: a local site, a private cache, a facts file writer."""

from __future__ import annotations

import pytest
from site_helpers import Site, serve


@pytest.fixture
def site():
    """A web site on 127.0.0.1 (tests/sources/site_helpers.py), shut down after the test."""
    s = Site()
    server = serve(s)
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def link_cache(tmp_path, monkeypatch):
    """Each test starts with an empty cache (link results live in it); no proxy is used."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return folder / "briefgen" / "links"


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
        for field, value in fact.items():
            if isinstance(value, list):
                value = "[" + ", ".join(value) + "]"
            elif isinstance(value, str) and field == "value":
                value = '"' + value.replace('"', '\\"') + '"'
            lines.append(f"    {field}: {value}")
    return "\n".join(lines) + "\n"
