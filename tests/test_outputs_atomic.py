"""All-or-nothing writes of several files, links never followed, names that fit the disk."""

from __future__ import annotations

import os

import pytest
from hardening import MINI, assert_refused, cli, listing

from briefgen import outputs
from briefgen.errors import InputError, OutputError
from briefgen.outputs import safe_output_name, write_all_atomic


def test_a_folder_in_the_docx_place_refuses_before_any_file_is_written(tmp_path):
    out = tmp_path / "out"
    (out / "mini-brief.docx").mkdir(parents=True)
    run = cli("brief", MINI, "-o", out)
    assert_refused(run, "mini-brief.docx: a folder has this name", "nothing was written",
                   out=out, before=["mini-brief.docx"])


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path, monkeypatch):
    a, b = tmp_path / "a.pdf", tmp_path / "b.docx"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    real = os.replace
    calls = []

    def failing(src, dst, *args, **kw):
        calls.append(dst)
        if str(dst) == str(b) and len([c for c in calls if str(c) == str(b)]) == 1:
            raise OSError(5, "Input/output error")
        return real(src, dst, *args, **kw)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(OutputError, match="the previous files are unchanged"):
        write_all_atomic({a: b"new a", b: b"new b"})
    assert a.read_bytes() == b"old a" and b.read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.docx"]


def test_a_failed_second_rename_removes_a_first_file_that_was_new(tmp_path, monkeypatch):
    a, b = tmp_path / "a.pdf", tmp_path / "b.docx"
    real = os.replace

    def failing(src, dst, *args, **kw):
        if str(dst) == str(b):
            raise OSError(5, "Input/output error")
        return real(src, dst, *args, **kw)

    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(OutputError, match="the previous files are unchanged"):
        write_all_atomic({a: b"new a", b: b"new b"})
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_the_message_names_the_file_already_replaced(tmp_path, monkeypatch):
    a, b = tmp_path / "a.pdf", tmp_path / "b.docx"
    a.write_bytes(b"old a")
    real = os.replace

    def no_link(*args, **kw):
        raise OSError(1, "Operation not permitted")

    def failing(src, dst, *args, **kw):
        if str(dst) == str(b):
            raise OSError(5, "Input/output error")
        return real(src, dst, *args, **kw)

    monkeypatch.setattr(outputs.os, "link", no_link)
    monkeypatch.setattr(outputs.os, "replace", failing)
    with pytest.raises(OutputError, match="already replaced by the new version: a.pdf"):
        write_all_atomic({a: b"new a", b: b"new b"})
    assert listing(tmp_path) == ["a.pdf"]


def test_a_symlink_at_the_target_is_replaced_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.pdf").symlink_to(victim)
    write_all_atomic({out / "x.pdf": b"new"})
    assert victim.read_bytes() == b"precious"
    assert not (out / "x.pdf").is_symlink() and (out / "x.pdf").read_bytes() == b"new"


def test_output_names_near_the_file_name_limit_are_refused_with_a_message(tmp_path):
    with pytest.raises(InputError, match="at most 200"):
        safe_output_name("a" * 241)
    assert safe_output_name("a" * 200) == "a" * 200
    facts = tmp_path / "long.yaml"
    facts.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: " + "a" * 245),
                     encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", facts, "-o", out), "output names may have at most 200", out=out)
