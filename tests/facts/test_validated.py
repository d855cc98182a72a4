"""Validated facts from the disk cache: the same records as pydantic's, without pydantic, damage rebuilt."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cache import cache_dir
from briefgen.errors import InputError
from briefgen.facts import load_facts, records, validated
from briefgen.facts import schema as pyd

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "facts").glob("*.yaml"))


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder for this test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


def _fresh(path: Path) -> records.FactsFile:
    """The file validated by pydantic now, as records (what a cache miss gives)."""
    from briefgen.inputs.validation import validate
    from briefgen.inputs.yamlfile import load_yaml

    model = validate(pyd.FactsFile, load_yaml(path, "facts file"), "facts file", "")
    return records.from_plain(model.model_dump(mode="json"))


@pytest.mark.parametrize("model, record", [(pyd.Source, records.Source), (pyd.Item, records.Item),
                                           (pyd.Fact, records.Fact),
                                           (pyd.FactsFile, records.FactsFile)])
def test_records_have_the_schemas_fields(model, record):
    names = {f.name for f in dataclasses.fields(record)} - {"extra"}
    assert names == set(model.model_fields)
    if record is records.Item:
        assert set(records.ITEM_FIELDS) == set(model.model_fields)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_file_comes_back_from_the_cache_as_validated(own_cache, path):
    first = load_facts(path).model
    (entry,) = cache_dir("facts").iterdir()
    assert entry.read_bytes().startswith(validated.MAGIC)
    second = load_facts(path).model
    assert first == second == _fresh(path)
    assert isinstance(second.as_of, type(_fresh(path).as_of))


def test_a_cached_file_is_read_without_importing_pydantic(own_cache, tmp_path):
    code = ("import sys; from briefgen.facts import load_facts; "
            "f = load_facts(sys.argv[1]); print(f.model.title); "
            "print('pydantic' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(own_cache)}
    runs = [subprocess.run([sys.executable, "-c", code, str(ROOT / "facts" / "nato.yaml")],
                           capture_output=True, text=True, env=env, check=True) for _ in range(2)]
    assert runs[0].stdout.split("\n")[1] == "True"  # first sight: validated by the schema
    assert runs[1].stdout.split("\n")[1] == "False"  # same content: from the cache
    assert runs[0].stdout.split("\n")[0] == runs[1].stdout.split("\n")[0]


def test_an_edited_file_is_validated_again_and_its_entry_replaced(own_cache, tmp_path):
    path = tmp_path / "x.yaml"
    text = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    load_facts(path)
    (old,) = cache_dir("facts").iterdir()
    path.write_text(text.replace("as_of: ", "as_of: 2001-01-01\nx_as_of: ", 1), encoding="utf-8")
    with pytest.raises(InputError, match="x_as_of"):  # the schema still speaks for new content
        load_facts(path)
    assert list(cache_dir("facts").iterdir()) == [old]  # a file that failed is not stored
    path.write_text(text.replace("title: ", "title: New ", 1), encoding="utf-8")
    assert load_facts(path).model.title.startswith("New ")
    (new,) = cache_dir("facts").iterdir()
    assert new.name != old.name


def test_a_problem_on_the_raw_data_is_reported_even_for_content_seen_before(own_cache, tmp_path):
    path = tmp_path / "x.yaml"
    good = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    load_facts(path)
    key = next(line.split(":")[0].strip() for line in good.splitlines()
               if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":")
               and "facts:" not in line)
    path.write_text(good.replace(f"  {key}:", f"  {key.upper()}:", 1), encoding="utf-8")
    with pytest.raises(InputError, match="BG123|lower_case"):
        load_facts(path)


@pytest.mark.parametrize("damage", ["cut", "flipped", "other shape", "garbage", "not a date"])
def test_a_damaged_entry_is_discarded_and_rebuilt(own_cache, damage):
    path = ROOT / "facts" / "eu.yaml"
    good = load_facts(path).model
    (entry,) = cache_dir("facts").iterdir()
    whole = entry.read_bytes()
    payload = None
    if damage == "cut":
        entry.write_bytes(whole[: len(whole) // 2])
    elif damage == "flipped":
        entry.write_bytes(whole[:-100] + bytes([whole[-100] ^ 0xFF]) + whole[-99:])
    elif damage == "other shape":  # well-formed, checksummed, not a facts file
        payload = marshal.dumps({"id": "x", "facts": {"k": {"value": 1}}})
    elif damage == "not a date":
        plain = marshal.loads(whole[len(validated.MAGIC) + 32:])
        payload = marshal.dumps({**plain, "as_of": "yesterday"})
    else:
        entry.write_bytes(os.urandom(5000))
    if payload is not None:
        entry.write_bytes(validated.MAGIC + hashlib.sha256(payload).digest() + payload)
    assert load_facts(path).model == good
    assert entry.read_bytes() == whole  # rewritten whole


def test_an_unwritable_cache_costs_time_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_facts(ROOT / "facts" / "rio.yaml").model.id == "rio"
