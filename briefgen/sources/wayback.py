"""The web-archive snapshot nearest a date, from a Wayback availability API.

The Internet Archive answers ``GET …/wayback/available?url=U&timestamp=YYYYMMDD``
with ``{"archived_snapshots": {"closest": {"available": true, "url": …,
"timestamp": …, "status": "200"}}}`` (or an empty ``archived_snapshots``).
Other archives that speak the same API can be named with ``--archive-api``.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

DEFAULT_ARCHIVE_API = "https://archive.org/wayback/available"
SAVE_PAGE = "https://web.archive.org/save/"
"""Where a page is archived by hand (docs/sources.md)."""


def save_url(url: str) -> str:
    """The Internet Archive's "Save Page Now" address for ``url``."""
    return SAVE_PAGE + quote(url, safe=":/?&=#%+@,;~")


def closest_snapshot(answer: object) -> str | None:
    """The snapshot URL in an availability API answer, or None (none, not 2xx, odd shape)."""
    if not isinstance(answer, dict):
        return None
    snaps = answer.get("archived_snapshots")
    closest = snaps.get("closest") if isinstance(snaps, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    url, status = closest.get("url"), str(closest.get("status", "200"))
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    if not status.startswith("2"):
        return None
    if url.startswith("http://web.archive.org/"):
        url = "https://" + url[len("http://"):]
    return url


def lookup(fetcher, api: str, url: str, day: dt.date | None) -> tuple[str | None, bool]:
    """Ask ``api`` for the snapshot of ``url`` nearest ``day`` (the latest when None):
    (the snapshot or None, whether the API gave an answer at all)."""
    params = {"url": url}
    if day is not None:
        params["timestamp"] = day.strftime("%Y%m%d")
    answer = fetcher.get_json(api, params)
    return closest_snapshot(answer), isinstance(answer, dict)
