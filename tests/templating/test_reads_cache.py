"""What a template reads, from the disk cache while none of its files changed; any change is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.cache import cache_dir
from briefgen.templating import reads_cache, walk
from briefgen.templating.reads import analyse_template

BUNDLED = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder for this test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def no_walk(monkeypatch):
    """Make an analysis fail if it walks a template instead of reading the cache."""
    def walk_forbidden(*args, **kw):
        raise AssertionError("analysed although nothing changed")

    def forbid():
        monkeypatch.setattr(walk.Walker, "__init__", walk_forbidden)
    return forbid


def _write(folder: Path, **files: str) -> None:
    for name, text in files.items():
        (folder / f"{name}.md.j2").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", ["brief.md.j2", "timeline.md.j2", "comparison.md.j2"])
def test_a_bundled_template_is_analysed_once(own_cache, no_walk, name):
    first = analyse_template(name, [BUNDLED])
    no_walk()
    assert analyse_template(name, [BUNDLED]) == first
    assert first.name == name and (first.reads or name != "brief.md.j2")


def test_an_edit_to_any_file_it_reads_is_seen(own_cache, tmp_path):
    _write(tmp_path, t='{% extends "base.md.j2" %}{% block body %}{{ facts.a }}{% endblock %}',
           base='{% import "m.md.j2" as m %}{% block body %}{% endblock %}{{ m.show(facts.b) }}',
           m="{% macro show(f) %}{{ f.value }}{% endmacro %}")
    assert analyse_template("t.md.j2", [tmp_path]).used_keys() == {"a", "b"}
    _write(tmp_path, m="{% macro show(f) %}{{ f.value }}{{ facts.c }}{% endmacro %}")
    assert analyse_template("t.md.j2", [tmp_path]).used_keys() == {"a", "b", "c"}
    _write(tmp_path, base="{% block body %}{% endblock %}{{ facts.d }}")
    assert analyse_template("t.md.j2", [tmp_path]).used_keys() == {"a", "d"}


def test_an_include_that_appears_or_a_template_found_earlier_on_the_path_is_seen(own_cache,
                                                                                 tmp_path):
    own, shared = tmp_path / "own", tmp_path / "shared"
    own.mkdir(), shared.mkdir()
    _write(shared, t='{{ facts.a }}{% include "part.md.j2" ignore missing %}')
    search = [own, shared]
    assert analyse_template("t.md.j2", search).used_keys() == {"a"}
    _write(shared, part="{{ facts.p }}")
    assert analyse_template("t.md.j2", search).used_keys() == {"a", "p"}
    _write(own, t="{{ facts.z }}")  # the course's own template now wins
    assert analyse_template("t.md.j2", search).used_keys() == {"z"}


def test_the_working_folder_is_part_of_the_answer(own_cache, tmp_path, monkeypatch):
    _write(tmp_path, t="{{ facts.a }}")
    monkeypatch.chdir(tmp_path)
    inside = analyse_template("t.md.j2", [tmp_path]).reads[0].file
    monkeypatch.chdir(tmp_path.parent)
    outside = analyse_template("t.md.j2", [tmp_path]).reads[0].file
    assert inside == "t.md.j2" and outside == os.path.join(tmp_path.name, "t.md.j2")


@pytest.mark.parametrize("damage", ["cut", "flipped", "garbage", "other shape"])
def test_a_damaged_entry_is_discarded_and_rebuilt(own_cache, damage):
    import hashlib
    import marshal

    good = analyse_template("brief.md.j2", [BUNDLED])
    (entry,) = cache_dir("reads").iterdir()
    whole = entry.read_bytes()
    if damage == "cut":
        entry.write_bytes(whole[: len(whole) // 2])
    elif damage == "flipped":
        entry.write_bytes(whole[:-50] + bytes([whole[-50] ^ 0xFF]) + whole[-49:])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(3000))
    else:
        body = marshal.dumps(([], ("x",)))
        entry.write_bytes(reads_cache.MAGIC + hashlib.sha256(body).digest() + body)
    assert analyse_template("brief.md.j2", [BUNDLED]) == good
    assert entry.read_bytes() == whole
