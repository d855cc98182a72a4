"""Sources in: ``bibliography: refs.json|refs.bib`` lends its entries to facts that cite them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.facts import load_facts

CSL = [  # as Zotero's Better BibTeX auto-export writes CSL-JSON
    {"id": "nato-treaty-1949", "type": "webpage", "title": "The North Atlantic Treaty",
     "container-title": "NATO", "URL": "https://example.org/nato/treaty",
     "accessed": {"date-parts": [[2026, 11, 22]]}, "language": "en"},
    {"id": "dw-art4", "type": "article-newspaper", "title": "What's NATO's Article 4?",
     "publisher": "Deutsche Welle", "URL": "https://example.org/dw/art4",
     "accessed": {"date-parts": [[2026, 11, 20]]},
     "note": "Archived copy: https://web.archive.org/web/20261120000000/https://example.org/dw/art4"},
    {"id": "no-url", "type": "book", "title": "A book without a web address"},
    {"id": "Upper2020", "type": "webpage", "title": "Key in capitals", "URL": "https://example.org/u"},
]
BIB = r"""@misc{nato-treaty-1949,
  title = {The North {Atlantic} Treaty \& its Protocols},
  howpublished = {NATO},
  url = {https://example.org/nato/treaty?a=1&b=2},
  urldate = {2026-11-22},
}

@online{dw-art4,
  title = {What's NATO's Article 4?},
  organization = {Deutsche Welle},
  url = {https://example.org/dw/art4},
}
"""


def facts_text(bibliography: str, cites: list[str], sources: str = "") -> str:
    return (f"id: bibl\ntitle: Bibliography Test\nas_of: 2026-11-22\n"
            f"bibliography: {bibliography}\n{sources}facts:\n"
            f"  article4_consultations:\n    value: Eight times.\n"
            f"    sources: [{', '.join(cites)}]\n")


def write(tmp_path, bibliography, cites, refs=None, sources=""):
    name = bibliography
    if refs is not None:
        (tmp_path / name).write_text(refs if isinstance(refs, str) else json.dumps(refs, indent=2),
                                     encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(facts_text(name, cites, sources), encoding="utf-8")
    return path


def line_with(path, text):
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def check(*args):
    return CliRunner().invoke(cli, ["check", *args, "--format", "json"])


def test_a_fact_cites_a_csljson_entry_and_gets_its_fields(tmp_path):
    path = write(tmp_path, "refs.json", ["nato-treaty-1949", "dw-art4"], CSL)
    facts = load_facts(path)
    treaty, dw = (facts.source(i) for i in ("nato-treaty-1949", "dw-art4"))
    assert (treaty.title, treaty.publisher, treaty.url, str(treaty.accessed)) == (
        "The North Atlantic Treaty", "NATO", "https://example.org/nato/treaty", "2026-11-22")
    assert dw.publisher == "Deutsche Welle"
    assert dw.archived == "https://web.archive.org/web/20261120000000/https://example.org/dw/art4"
    refs = tmp_path / "refs.json"
    assert facts.origins["dw-art4"] == (str(refs), line_with(refs, '"id": "dw-art4"'))
    assert check(str(path)).exit_code == 0


def test_a_bibtex_entry_is_read_with_its_latex_decoded(tmp_path):
    path = write(tmp_path, "refs.bib", ["nato-treaty-1949", "dw-art4"], BIB)
    facts = load_facts(path)
    treaty = facts.source("nato-treaty-1949")
    assert treaty.title == "The North Atlantic Treaty & its Protocols"
    assert treaty.url == "https://example.org/nato/treaty?a=1&b=2"
    assert treaty.publisher == "NATO" and str(treaty.accessed) == "2026-11-22"
    assert facts.source("dw-art4").publisher == "Deutsche Welle"
    assert facts.origins["dw-art4"][1] == line_with(tmp_path / "refs.bib", "@online{dw-art4")


def test_a_listed_source_wins_over_the_bibliography(tmp_path):
    listed = ("sources:\n  - id: dw-art4\n    title: My own title\n"
              "    url: https://example.org/mine\n")
    path = write(tmp_path, "refs.json", ["dw-art4"], CSL, listed)
    assert load_facts(path).source("dw-art4").title == "My own title"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_the_sheet_prints_the_entry_as_its_source(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB, "utf-8")
    mini = (Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_text("utf-8")
    body = mini.replace("as_of: 2026-11-01\n", "as_of: 2026-11-01\nbibliography: refs.bib\n", 1)
    body = body.replace("id: mini\n", "id: bibl\n").replace(
        "[mta-site]", "[nato-treaty-1949]")
    path = tmp_path / "facts.yaml"
    path.write_text(body, "utf-8")
    result = CliRunner().invoke(cli, ["brief", str(path), "-f", "pdf", "-o", str(tmp_path),
                                      "--allow-overflow"])
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "bibl-brief.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "The North Atlantic Treaty & its Protocols — NATO." in flat
    assert "example.org/nato/treaty" in flat


@pytest.mark.parametrize("refs, name, code, where, words", [
    (None, "missing.json", "BG170", "facts", "bibliography 'missing.json' cannot be read"),
    ('[{"id": "a",\n  "title": }]', "refs.json", "BG170", "refs", "not valid JSON"),
    (CSL, "refs.json", "BG171", "refs", "bibliography entry 'no-url' has no http(s) URL"),
])
def test_bibliography_problems_name_their_file_and_line(tmp_path, refs, name, code, where,
                                                        words):
    path = write(tmp_path, name, ["no-url"], refs)
    result = check(str(path))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    records = json.loads(result.stdout)
    found = [r for r in records if r["code"] == code]
    assert found, records
    file = str(path) if where == "facts" else str(tmp_path / name)
    assert found[0]["file"] == file and words in found[0]["message"]
    expected_line = {"facts": 4, "refs": 2}[where] if code != "BG171" else line_with(
        tmp_path / name, '"id": "no-url"')
    assert found[0]["line"] == expected_line
    assert not [r for r in records if r["code"] == "BG141"]  # said once, by the bibliography


def test_a_key_that_cannot_be_an_id_is_reported(tmp_path):
    path = write(tmp_path, "refs.json", ["Upper2020"], CSL)
    [record] = [r for r in json.loads(check(str(path)).stdout) if r["code"] == "BG171"]
    assert "'Upper2020' cannot be a source id" in record["message"]


def test_a_key_in_neither_place_is_an_unknown_source(tmp_path):
    path = write(tmp_path, "refs.json", ["nato-treaty-194"], CSL)
    [record] = [r for r in json.loads(check(str(path)).stdout) if r["code"] == "BG141"]
    assert record["suggestion"] is None or record["suggestion"]  # worded by the usual check


def test_the_zotero_round_trip_keeps_every_source(tmp_path):
    """Sources out (CSL-JSON), as Zotero would give them back, and in again."""
    nato = Path(__file__).resolve().parents[2] / "facts" / "nato.yaml"
    out = CliRunner().invoke(cli, ["sources", str(nato), "--to", "csljson"])
    (tmp_path / "refs.json").write_text(out.stdout, "utf-8")
    original = load_facts(nato).model.sources
    ids = [s.id for s in original]
    path = write(tmp_path, "refs.json", ids)
    back = {s.id: s for s in load_facts(path).model.sources}
    for s in original:
        got = back[s.id]
        assert (got.title, got.url, got.accessed, got.archived) == (
            " ".join(s.title.split()), s.url, s.accessed, s.archived)
        assert got.publisher == (" ".join(s.publisher.split()) if s.publisher else None)
