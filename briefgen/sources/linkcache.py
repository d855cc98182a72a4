"""Each URL's last check, kept as plain JSON in the cache folder (``links``).

An entry is named after the SHA-256 of the URL (and, for archive lookups, of
the API and date asked), holds only JSON (never pickle: a cache entry is data,
not code) and is read through :func:`briefgen.cache.read_cached`, which refuses
links, devices and oversized files. An entry of the wrong shape is a miss. A
result is reused while it is younger than the age asked for; ``--refresh``
asks again but still reads the old entry, to see whether the page's title changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from briefgen.cache import read_cached, write_cached
from briefgen.sources.fetch import LinkResult

KIND = "links"
VERSION = "v1"

_TYPES = {f.name: f.type for f in dataclasses.fields(LinkResult)}


def _name(*parts: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:40]
    return f"{digest}-{VERSION}.json"


def _read(name: str) -> dict | None:
    data = read_cached(KIND, name)
    if data is None:
        return None
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _checked_age(stamp: str, now: dt.datetime) -> float | None:
    try:
        when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None
    return (now - when).total_seconds()


def load_result(url: str) -> LinkResult | None:
    """The last result stored for ``url``, or None (none, unreadable or not of our shape)."""
    value = _read(_name("link", url))
    if value is None or value.get("url") != url:
        return None
    fields = {k: v for k, v in value.items() if k in _TYPES}
    ok = (isinstance(fields.get("checked"), str)
          and all(v is None or isinstance(v, (str, int, bool, list)) for v in fields.values())
          and all(isinstance(hop, list) and len(hop) == 2 and isinstance(hop[0], int)
                  and isinstance(hop[1], str) for hop in fields.get("redirects", [])))
    if not ok:
        return None
    try:
        return LinkResult(**fields)
    except TypeError:
        return None


def is_fresh(result: LinkResult, max_age_hours: float, now: dt.datetime | None = None) -> bool:
    """Whether ``result`` was checked less than ``max_age_hours`` ago."""
    now = now or dt.datetime.now(dt.timezone.utc)
    age = _checked_age(result.checked, now)
    return age is not None and 0 <= age < max_age_hours * 3600


def store_result(result: LinkResult) -> None:
    """Keep ``result`` as the URL's last check (atomically; skipped when the cache is unwritable)."""
    data = json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1)
    write_cached(KIND, _name("link", result.url), data.encode("utf-8"))


def load_snapshot(api: str, url: str, day: str) -> dict | None:
    """A stored archive lookup: ``{"checked": …, "snapshot": url-or-None}``, or None."""
    value = _read(_name("wayback", api, url, day))
    if value is None or not isinstance(value.get("checked"), str):
        return None
    snap = value.get("snapshot")
    return value if snap is None or isinstance(snap, str) else None


def store_snapshot(api: str, url: str, day: str, snapshot: str | None, checked: str) -> None:
    """Keep an archive lookup's answer."""
    data = json.dumps({"api": api, "url": url, "day": day, "snapshot": snapshot,
                       "checked": checked}, ensure_ascii=False)
    write_cached(KIND, _name("wayback", api, url, day), data.encode("utf-8"))
