"""``briefgen sources --to csljson|bibtex|ris``: read back by independent readers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.facts import load_facts

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "facts").glob("*.yaml"))
CSL_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl" / "csl-data.json").read_text("utf-8"))
TRICKY = """id: tricky
title: Tricky
as_of: 2026-11-22
language: ru
sources:
  - id: rd
    title: "R&D at 100% of {budget} — #1 in_2026 ~ ^ \\\\ «ОДКБ»"
    publisher: Ministry & Co
    url: https://example.org/a_b?x=1&y=%20
    accessed: 2026-11-22
    note: Russian text
    archived: https://web.archive.org/web/20261122000000/https://example.org/a_b
facts:
  claim:
    value: x
    sources: [rd]
"""


def sources(*args):
    return CliRunner().invoke(cli, ["sources", *args])


def all_sources(paths):
    return [(f.id, s) for f in map(load_facts, paths) for s in f.model.sources]


def test_csljson_of_every_bundled_file_is_valid_csl_data():
    result = sources(*map(str, BUNDLED), "--to", "csljson")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    jsonschema.validate(items, CSL_SCHEMA)
    expected = all_sources(BUNDLED)
    assert len(items) == len(expected) > 200
    assert [i["id"] for i in items] == [f"{fid}:{s.id}" for fid, s in expected]
    for item, (_, s) in zip(items, expected, strict=True):
        assert item["type"] == "webpage" and item["URL"] == s.url and item["title"] == s.title
        if s.accessed:
            assert item["accessed"] == {"date-parts": [[s.accessed.year, s.accessed.month,
                                                        s.accessed.day]]}


def test_csljson_of_one_file_keeps_source_ids_and_carries_the_archived_copy(write_yaml):
    path = write_yaml(TRICKY)
    [item] = json.loads(sources(str(path), "--to", "csljson").stdout)
    jsonschema.validate([item], CSL_SCHEMA)
    assert item["id"] == "rd" and item["language"] == "ru"
    assert item["container-title"] == "Ministry & Co"
    assert "Archived copy: https://web.archive.org/web/20261122000000/" in item["note"]


def _bib(text):
    return bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])


def test_bibtex_of_every_bundled_file_reads_back_with_bibtexparser():
    result = sources(*map(str, BUNDLED), "--to", "bibtex")
    assert result.exit_code == 0, result.stderr
    library = bibtexparser.parse_string(result.stdout)  # raw: a url is verbatim, not LaTeX
    assert library.failed_blocks == []
    expected = all_sources(BUNDLED)
    assert len(library.entries) == len(expected)
    decoded = _bib(result.stdout).entries
    for entry, text, (fid, s) in zip(library.entries, decoded, expected, strict=True):
        assert " ".join(text["title"].strip("{}").split()) == " ".join(s.title.split())
        assert entry.entry_type == "misc" and entry.key == f"{fid}:{s.id}"
        assert entry["url"] == s.url
        if s.accessed:
            assert entry["urldate"] == s.accessed.isoformat()


def test_bibtex_escapes_latex_specials_so_they_read_back_as_written(write_yaml):
    path = write_yaml(TRICKY)
    text = sources(str(path), "--to", "bibtex").stdout
    [entry] = _bib(text).entries
    title = entry["title"].strip("{}").replace("\u02c6", "^")  # pylatexenc: \textasciicircum is ˆ
    assert title == "R&D at 100% of {budget} — #1 in_2026 ~ ^ \\ «ОДКБ»"
    assert entry["publisher"] == "Ministry & Co"
    [raw] = bibtexparser.parse_string(text).entries
    assert raw["url"] == "https://example.org/a_b?x=1&y=%20"


RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - (.*)$")


def _ris(text):
    records, current = [], None
    for line in text.splitlines():
        if not line.strip():
            continue
        match = RIS_LINE.match(line)
        assert match, line
        tag, value = match.groups()
        if tag == "TY":
            assert current is None
            current = {"TY": value}
        elif tag == "ER":
            records.append(current)
            current = None
        else:
            current.setdefault(tag, []).append(value)
    assert current is None
    return records


def test_ris_records_use_the_standard_tags():
    result = sources(*map(str, BUNDLED), "--to", "ris")
    records = _ris(result.stdout)
    expected = all_sources(BUNDLED)
    assert len(records) == len(expected)
    for record, (fid, s) in zip(records, expected, strict=True):
        assert record["TY"] == "ELEC" and record["UR"] == [s.url] and record["TI"] == [s.title]
        assert record["ID"] == [f"{fid}:{s.id}"]
        if s.accessed:
            assert record["Y2"] == [s.accessed.strftime("%Y/%m/%d/")]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_cited_by_gives_the_sheets_sources_in_the_order_it_numbers_them(tmp_path):
    facts = ROOT / "facts" / "csto.yaml"
    built = CliRunner().invoke(cli, ["brief", str(facts), "-f", "pdf", "-o", str(tmp_path)])
    assert built.exit_code == 0, built.stderr
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "csto-brief.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    items = json.loads(sources(str(facts), "--to", "csljson", "--cited-by", "brief").stdout)
    every = load_facts(facts).model.sources
    assert 0 < len(items) < len(every)  # the brief cites some of the file's sources
    at = 0
    for n, item in enumerate(items, 1):
        found = flat.find(f"{n}. {' '.join(item['title'].split()[:3])}", at)
        assert found >= 0, (n, item["title"])
        at = found


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = sources(str(tmp_path / "nope.yaml"), "--to", "ris")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "nope.yaml" in result.stderr and result.stdout == ""


def test_output_file_is_written_whole(tmp_path, write_yaml):
    path = write_yaml(TRICKY)
    out = tmp_path / "refs.bib"
    result = sources(str(path), "--to", "bibtex", "-o", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert len(_bib(out.read_text("utf-8")).entries) == 1


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_cited_by_a_comparison_gives_the_comparisons_sources_in_its_order(tmp_path):
    """``--cited-by comparison``: one comparison of all the files (as ``compare`` builds it),
    its sources in the order the printed sheet numbers them, keyed file-id:source-id."""
    paths = [str(ROOT / "facts" / f"{n}.yaml") for n in ("csto", "nato")]
    built = CliRunner().invoke(cli, ["compare", *paths, "-f", "pdf", "-o", str(tmp_path)])
    assert built.exit_code == 0, built.stderr
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "csto-vs-nato.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    result = sources(*paths, "--to", "csljson", "--cited-by", "comparison")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    jsonschema.validate(items, CSL_SCHEMA)
    every = {f"{fid}:{s.id}" for fid, s in all_sources(map(Path, paths))}
    ids = [i["id"] for i in items]
    assert set(ids) <= every and len(set(ids)) == len(ids) > 3
    assert {i.split(":")[0] for i in ids} == {"csto", "nato"}  # both organisations' sources
    at = 0
    for n, item in enumerate(items, 1):
        found = flat.find(f"{n}. {' '.join(item['title'].split()[:3])}", at)
        assert found >= 0, (n, item["title"])
        at = found
    # The same with the spec named, and not the same as each file's brief.
    spec = str(ROOT / "facts" / "comparisons" / "defence-clause.yaml")
    named = sources(*paths, "--to", "csljson", "--cited-by", "comparison", "--spec", spec)
    assert json.loads(named.stdout) == items
    briefs = json.loads(sources(*paths, "--to", "csljson", "--cited-by", "brief").stdout)
    assert [i["id"] for i in briefs] != ids


def test_cited_by_a_comparison_of_one_file_or_a_change_sheet_is_a_message(tmp_path):
    one = sources(str(ROOT / "facts" / "csto.yaml"), "--to", "ris", "--cited-by", "comparison")
    assert one.exit_code == 1 and "two or more facts files" in one.stderr
    changes = sources(str(ROOT / "facts" / "csto.yaml"), "--to", "ris", "--cited-by", "changes")
    assert changes.exit_code == 1 and "brief, timeline or comparison" in changes.stderr
    spec_alone = sources(str(ROOT / "facts" / "csto.yaml"), "--to", "ris", "--spec", "x.yaml")
    assert spec_alone.exit_code == 2 and "--cited-by" in spec_alone.stderr
    for result in (one, changes, spec_alone):
        assert "Traceback" not in result.stderr and result.stdout == ""


HOSTILE = """id: hostile
title: Hostile
as_of: 2026-11-22
sources:
  - id: userhost
    title: A user name before the host
    url: https://nato.int@evil.example/x
    accessed: 2026-11-22
  - id: lookalike
    title: "A host that mixes scripts \\u202egnp.exe"
    publisher: "Press \\u2066Office"
    url: "https://www.n\\u0430to.int/x"
    accessed: 2026-11-22
    archived: "https://web.archive.org/web/2026/https://nato.int\\u202e/x"
facts:
  claim:
    value: x
    sources: [userhost, lookalike]
"""


@pytest.mark.parametrize("fmt", ["csljson", "bibtex", "ris"])
def test_an_export_carries_no_address_or_text_a_handout_would_refuse(write_yaml, fmt):
    # The export is a way out of briefgen like a sheet: the same allow-list and printable rule.
    out = sources(str(write_yaml(HOSTILE)), "--to", fmt).stdout
    assert "evil.example" not in out  # refused: left out, as the sheet prints it unlinked
    assert "www.xn--nto-" in out and "n\u0430to" not in out  # look-alike host in punycode
    assert "\u202e" not in out and "\u2066" not in out  # bidi and invisible characters
    assert "nato.int%E2%80%AE/x" in out.replace("\\%", "%")  # in an address: percent-encoded
    assert "A host that mixes scripts gnp.exe" in out and "Press Office" in out
    if fmt == "csljson":
        items = json.loads(out)
        jsonschema.validate(items, CSL_SCHEMA)
        assert "URL" not in items[0]
