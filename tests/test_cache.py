"""The disk cache for fonts, compiled templates and the Word template."""

from __future__ import annotations

from briefgen.cache import cache_dir, read_cached, write_cached


def test_entries_round_trip_and_an_upgrade_replaces_the_old_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert read_cached("fonts", "Face_Bold-1a-2b.ttf") is None
    write_cached("fonts", "Face_Bold-1a-2b.ttf", b"old")
    write_cached("fonts", "Face_BoldItalic-1a-2b.ttf", b"other face")
    assert read_cached("fonts", "Face_Bold-1a-2b.ttf") == b"old"
    write_cached("fonts", "Face_Bold-3c-4d.ttf", b"new")
    assert sorted(p.name for p in cache_dir("fonts").iterdir()) == [
        "Face_Bold-3c-4d.ttf", "Face_BoldItalic-1a-2b.ttf"]
    assert cache_dir("fonts") == tmp_path / "briefgen" / "fonts"


def test_an_unusable_cache_is_skipped_silently(tmp_path, monkeypatch):
    (tmp_path / "briefgen").write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    write_cached("docx", "default-1-2.docx", b"data")
    assert read_cached("docx", "default-1-2.docx") is None


def test_a_damaged_word_template_entry_is_rebuilt(tmp_path, monkeypatch):
    import docx

    from briefgen.writers.docx import template as writer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    writer.template_bytes.cache_clear()
    good = writer.template_bytes()
    (entry,) = cache_dir("docx").iterdir()
    entry.write_bytes(good[: len(good) // 2])  # as if cut short
    writer.template_bytes.cache_clear()
    rebuilt = writer.template_bytes()
    assert entry.read_bytes() == rebuilt and len(rebuilt) == len(good)  # zip dates may differ
    assert docx.Document(entry).styles["Title"] is not None
    writer.template_bytes.cache_clear()


def test_a_fifo_link_or_huge_file_in_the_cache_is_a_miss_not_a_hang(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    from briefgen import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache_dir("faces")
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo-1")  # nobody writes to it: reading it would block
    secret = tmp_path / "secret.txt"
    secret.write_text("not a cache entry")
    (folder / "link-1").symlink_to(secret)
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 10)
    (folder / "big-1").write_bytes(b"x" * 11)
    (folder / "fits-1").write_bytes(b"x" * 10)
    assert read_cached("faces", "link-1") is None
    assert read_cached("faces", "big-1") is None
    assert read_cached("faces", "fits-1") == b"x" * 10
    # in a child process, so a regression hangs that process (and fails here), not the suite
    script = "from briefgen.cache import read_cached; print(read_cached('faces', 'fifo-1'))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert done.stdout.strip() == "None", done.stderr
