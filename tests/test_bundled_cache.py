"""A truncated font in the disk cache is rebuilt, not used (and not fatal for every later run)."""

from __future__ import annotations

from briefgen.bundled import bundled_font, whole_ttf
from briefgen.cache import cache_dir


def test_a_truncated_cached_font_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    good = bundled_font("NotoSans", "Bold")
    [entry] = list(cache_dir("fonts").glob("NotoSans_Bold-*.ttf"))
    entry.write_bytes(good[: len(good) // 3])  # a disk that filled up, a copy cut short
    assert bundled_font("NotoSans", "Bold") == good
    assert entry.read_bytes() == good  # and the entry is repaired


def test_whole_ttf_tells_a_cut_font_from_a_whole_one():
    good = bundled_font("NotoSans", "Regular")
    assert whole_ttf(good)
    assert not whole_ttf(good[: len(good) // 2]) and not whole_ttf(b"")
    assert not whole_ttf(b"<html>" * 10)
