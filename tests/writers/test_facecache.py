"""Parsed TrueType faces from the disk cache: the same font, the same PDF bytes, damage rebuilt."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from conftest import DATA

from briefgen.bundled import bundled_font
from briefgen.cache import cache_dir
from briefgen.writers import facecache

FIELDS = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos", "table", "bbox",
          "ascent", "descent", "capHeight", "flags", "italicAngle", "defaultWidth", "name",
          "familyName", "numGlyphs", "unitsPerEm")


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder for this test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


def _source() -> io.BytesIO:
    return io.BytesIO(bundled_font("NotoSans", "Italic"))


def _same(a, b) -> None:
    for key in FIELDS:
        assert getattr(a.face, key) == getattr(b.face, key), key
    assert a.face.name.ustr == b.face.name.ustr and a.face._ttf_data == b.face._ttf_data
    assert a.face._pdfScale(2048) == b.face._pdfScale(2048)
    assert a.stringWidth("Привет, world", 10) == b.stringWidth("Привет, world", 10)
    assert a.face.makeSubset(list(range(32, 127))) == b.face.makeSubset(list(range(32, 127)))


def test_a_face_is_parsed_once_then_read_from_the_cache(own_cache, monkeypatch):
    from reportlab.pdfbase import ttfonts

    parsed = facecache.load_ttfont("t-italic", _source())
    (entry,) = cache_dir("faces").iterdir()
    assert entry.read_bytes().startswith(facecache.MAGIC)

    def no_parse(*args, **kw):
        raise AssertionError("parsed although the cache has the face")

    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo", no_parse)
    cached = facecache.load_ttfont("t-italic", _source())
    monkeypatch.undo()
    assert type(cached) is ttfonts.TTFont and cached.fontName == "t-italic"
    _same(parsed, cached)


@pytest.mark.parametrize("damage", ["cut", "flipped", "other shape", "garbage"])
def test_a_damaged_entry_is_discarded_and_rebuilt(own_cache, damage):
    import hashlib
    import marshal

    good = facecache.load_ttfont("t-italic", _source())
    (entry,) = cache_dir("faces").iterdir()
    whole = entry.read_bytes()
    if damage == "cut":
        entry.write_bytes(whole[: len(whole) // 2])
    elif damage == "flipped":
        entry.write_bytes(whole[:-100] + bytes([whole[-100] ^ 0xFF]) + whole[-99:])
    elif damage == "other shape":  # a well-formed entry of the wrong content
        payload = marshal.dumps({"font": {"fontName": "x"}, "face": {"numGlyphs": 3}})
        entry.write_bytes(facecache.MAGIC + hashlib.sha256(payload).digest() + payload)
    else:
        entry.write_bytes(os.urandom(5000))
    again = facecache.load_ttfont("t-italic", _source())
    _same(good, again)
    assert entry.read_bytes() == whole  # rewritten whole


def test_an_entry_made_for_another_font_name_is_not_used(own_cache):
    facecache.load_ttfont("t-italic", _source())
    other = facecache.load_ttfont("t-other", _source())
    assert other.fontName == "t-other"
    (entry,) = cache_dir("faces").iterdir()  # rewritten for the new name
    assert facecache.load_ttfont("t-other", _source()).fontName == "t-other"
    assert entry.exists()


def test_an_unwritable_cache_only_costs_the_parse(tmp_path, monkeypatch):
    (tmp_path / "briefgen").write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    font = facecache.load_ttfont("t-italic", _source())
    assert font.face.numGlyphs > 1000


def test_the_pdf_is_byte_identical_with_and_without_the_face_cache(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"), SOURCE_DATE_EPOCH="1700000000")
    outs = []
    for run in ("parsed", "cached"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "briefgen", "brief", str(DATA / "mini.yaml"),
                        "-f", "pdf", "-o", str(out)], check=True, env=env, capture_output=True)
        outs.append(next(out.glob("*.pdf")).read_bytes())
        assert len(list((tmp_path / "xdg" / "briefgen" / "faces").iterdir())) == 4
    assert outs[0] == outs[1]
