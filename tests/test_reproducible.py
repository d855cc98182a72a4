"""Same inputs and version → the same bytes, whatever the process, time zone or locale.

``SOURCE_DATE_EPOCH`` changes only the dates: in the PDF the CreationDate,
ModDate and the trailer ID (derived from them); in the DOCX docProps/core.xml
and the zip entries' timestamps.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.yaml"


def _locales() -> list[str]:
    try:
        found = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    except OSError:
        found = []
    wanted = ["de_DE.utf8", "de_DE.UTF-8", "ru_RU.utf8", "C.utf8", "C.UTF-8", "POSIX", "C"]
    return [loc for loc in wanted if loc in found] or ["C"]


def build(out: Path, **env: str) -> dict[str, bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ")}
    full.update(env)
    subprocess.run([sys.executable, "-m", "briefgen", "brief", str(MINI), "-o", str(out)],
                   env=full, check=True, capture_output=True, cwd=ROOT)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_two_processes_with_different_tz_locale_and_hash_seed_give_identical_bytes(tmp_path):
    locale_a, locale_b = _locales()[0], _locales()[-1]
    a = build(tmp_path / "a", TZ="UTC", LANG=locale_a, LC_ALL=locale_a, PYTHONHASHSEED="1",
              SOURCE_DATE_EPOCH="1763769600")
    b = build(tmp_path / "b", TZ="Pacific/Kiritimati", LANG=locale_b, LC_ALL=locale_b,
              PYTHONHASHSEED="4242", SOURCE_DATE_EPOCH="1763769600")
    assert a.keys() == {"mini-brief.pdf", "mini-brief.docx"}
    assert a == b


def test_without_source_date_epoch_the_clock_is_not_used(tmp_path):
    """No SOURCE_DATE_EPOCH: fixed dates, so runs at different times still match."""
    a = build(tmp_path / "a", TZ="UTC")
    b = build(tmp_path / "b", TZ="America/St_Johns", LC_ALL=_locales()[-1])
    assert a == b
    # Both formats carry the facts' as-of date (tests/data/mini.yaml: 2026-11-01).
    assert set(_PDF_DATES.findall(a["mini-brief.pdf"])) == {b"CreationDate", b"ModDate"}
    assert a["mini-brief.pdf"].count(b"(D:20261101000000+00'00')") == 2
    core = _docx_parts(a["mini-brief.docx"])[0]["docProps/core.xml"]
    assert b'<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z<' in core


_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-'Z]+\)")
_PDF_ID = re.compile(rb"/ID\s*\[<[0-9a-f]+><[0-9a-f]+>\]")


def _pdf_without_dates(data: bytes) -> bytes:
    data, n_dates = _PDF_DATES.subn(rb"/\1 (D)", data)
    data, n_ids = _PDF_ID.subn(b"/ID [<>]", data)
    assert n_dates == 2 and n_ids == 1
    return data


def _docx_parts(data: bytes) -> tuple[dict[str, bytes], set]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ({i.filename: z.read(i) for i in z.infolist()},
                {i.date_time for i in z.infolist()})


def test_source_date_epoch_changes_only_the_dates(tmp_path):
    a = build(tmp_path / "a", SOURCE_DATE_EPOCH="1000000000")  # 2001-09-09
    b = build(tmp_path / "b", SOURCE_DATE_EPOCH="1763769600")  # 2025-11-22
    pdf_a, pdf_b = a["mini-brief.pdf"], b["mini-brief.pdf"]
    assert pdf_a != pdf_b
    assert b"D:20010909" in pdf_a and b"D:20251122" in pdf_b
    assert _pdf_without_dates(pdf_a) == _pdf_without_dates(pdf_b)

    parts_a, times_a = _docx_parts(a["mini-brief.docx"])
    parts_b, times_b = _docx_parts(b["mini-brief.docx"])
    assert parts_a.keys() == parts_b.keys()
    changed = {name for name in parts_a if parts_a[name] != parts_b[name]}
    assert changed == {"docProps/core.xml"}
    assert b"2001-09-09" in parts_a["docProps/core.xml"]
    assert b"2025-11-22" in parts_b["docProps/core.xml"]
    assert times_a == {(2001, 9, 9, 1, 46, 40)} and times_b == {(2025, 11, 22, 0, 0, 0)}
