"""Reproducible bytes: the one instant a document is dated with, and zips with fixed dates.

Same inputs, same tool version → byte-identical PDF, DOCX and course pack.
Nothing here reads the wall clock: dates come from ``SOURCE_DATE_EPOCH`` or
the facts' as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable

from briefgen.errors import BriefgenError

EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
"""The earliest date a zip archive (a DOCX, a pack) can hold."""
LATEST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)
"""The latest date a zip archive can hold (its year field ends in 2107)."""


def document_timestamp(as_of: dt.date | None = None) -> dt.datetime:
    """The instant stamped into a document's metadata, the same for every format.

    ``SOURCE_DATE_EPOCH`` when set, else the brief's as-of date (midnight UTC),
    else 1980-01-01; never the wall clock, so the same input gives the same bytes.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit() or len(raw) > 12:
            raise BriefgenError(
                f"SOURCE_DATE_EPOCH={raw[:40]!r} is not a whole number of seconds since "
                "1970-01-01; set it to e.g. $(git log -1 --format=%ct) or unset it."
            )
        try:
            when = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            when = None
        if when is None or when > LATEST:
            raise BriefgenError(
                f"SOURCE_DATE_EPOCH={raw!r} is after 2107-12-31, the last date a DOCX (a zip) "
                "can hold; set it to e.g. $(git log -1 --format=%ct) or unset it."
            )
        return when
    if as_of is not None:
        return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    return EARLIEST


def reportlab_timestamp(when: dt.datetime):
    """reportlab's TimeStamp (a PDF's CreationDate and ModDate) for ``when``, in UTC."""
    import time

    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(invariant=1)
    stamp.t = when.timestamp()
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def zip_bytes(entries: Iterable[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A deflated zip of ``(name, data)`` entries in the given order, every one dated ``when``.

    ``when`` is clamped to what a zip entry can hold (1980–2107); entries carry
    no platform or owner information, so the bytes depend on the content alone.
    """
    when = min(max(when, EARLIEST), LATEST)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, data, compresslevel=6)
    return out.getvalue()
