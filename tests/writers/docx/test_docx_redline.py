"""The redline handout: ``briefgen diff OLD NEW --redline`` writes Word tracked changes.

Checked with independent readers: python-docx opens the file, LibreOffice lays
it out with the changes shown, openxml-audit finds nothing, and reading the XML
with every ``w:del`` removed and every ``w:ins`` unwrapped (tests/writers/docx/revisions.py)
gives exactly the text of the new brief's own DOCX (and rejecting, the old one's).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import has
from lxml import etree
from revisions import W, part_texts, text_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "changes"))
from pairs import older  # noqa: E402

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[3]
CSTO = (ROOT / "facts" / "csto.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def redline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redline")
    old = folder / "old" / "csto.yaml"
    old.parent.mkdir()
    old.write_text(older(CSTO), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(old), str(ROOT / "facts" / "csto.yaml"),
                                 "--redline", "-t", "brief", "-o", str(folder / "out")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    path = folder / "out" / "csto-brief-redline.docx"
    assert result.stdout.splitlines() == [str(path)]
    for name, facts in (("new", ROOT / "facts" / "csto.yaml"), ("old", old)):
        done = runner.invoke(cli, ["brief", str(facts), "-f", "docx", "-o", str(folder / name)],
                             catch_exceptions=False)
        assert done.exit_code == 0, done.stderr
    return path, folder / "new" / "csto-brief.docx", folder / "old" / "csto-brief.docx"


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_accepting_every_change_gives_the_new_brief_and_rejecting_the_old(redline):
    path, new, old = redline
    data = path.read_bytes()
    accepted = part_texts(data, accept=True)
    assert accepted == part_texts(new.read_bytes(), accept=None)
    assert part_texts(data, accept=False) == part_texts(old.read_bytes(), accept=None)
    assert set(accepted) == {"word/document.xml", "word/header1.xml", "word/footer1.xml",
                             "word/header2.xml", "word/footer2.xml"}  # and the first page's


def test_changes_carry_author_and_the_new_as_of_date(redline):
    root = body(redline[0])
    marks = [*root.iter(W + "ins"), *root.iter(W + "del")]
    assert len(marks) >= 4
    assert {m.get(W + "author") for m in marks} == {"briefgen curated facts"}
    assert {m.get(W + "date") for m in marks} == {"2026-12-01T00:00:00Z"}
    ids = [m.get(W + "id") for m in marks]
    assert len(ids) == len(set(ids))


def test_changes_are_words_inside_paragraphs(redline):
    root = body(redline[0])
    (hq,) = [p for p in root.iter(W + "p") if "Headquarters:" in "".join(p.itertext())]
    inserted = ["".join(i.itertext()) for i in hq.iter(W + "ins")]
    assert inserted == [", Russia"]  # only the new words, the rest of the line kept as it was
    assert not list(hq.iter(W + "del"))
    (summary,) = [p for p in root.iter(W + "p")
                  if "An organisation since 2002" in "".join(p.itertext())]
    deleted = " ".join("".join(t.text for t in d.iter(W + "delText")) for d in summary.iter(W + "del"))
    inserted = " ".join("".join(i.itertext()) for i in summary.iter(W + "ins"))
    assert "including" in deleted and "any" in deleted and "included" in inserted
    kept = "".join(t.text for r in summary.findall(W + "r") for t in r.iter(W + "t"))
    assert kept.startswith("An organisation since 2002 whose members promise each other help,")
    # the header's as-of date changes as a word, too
    with zipfile.ZipFile(redline[0]) as z:
        header = etree.fromstring(z.read("word/header1.xml"))
    assert [text_of(i) for i in header.iter(W + "ins")] == ["2026\u201112\u201101"]
    assert [text_of(d) for d in header.iter(W + "del")] == ["2026\u201106\u201101"]


def test_a_changed_link_in_the_sources_keeps_its_new_target(redline):
    root = body(redline[0])
    (entry,) = [p for p in root.iter(W + "p") if "tass.com/defense/99" in text_of(p)]
    assert [text_of(d) for d in entry.iter(W + "del")] == ["99"]
    links = entry.findall(W + "hyperlink")
    assert links and all(link.find(f"{W}ins/{W}r") is not None or link.find(W + "r") is not None
                         for link in links)
    assert "992939" in "".join(text_of(link) for link in links)
    (lavrov,) = [p for p in root.iter(W + "p") if "Lavrov thanks" in text_of(p)]
    assert [text_of(i).strip() for i in lavrov.iter(W + "ins")] == ["outgoing"]


def test_python_docx_opens_it(redline):
    import docx

    document = docx.Document(str(redline[0]))
    assert document.paragraphs[0].text.startswith("Collective Security Treaty Organization")


def test_openxml_audit_finds_nothing(redline, assert_valid_docx):
    assert_valid_docx(redline[0])


@pytest.mark.skipif(not has("pdftotext"), reason="poppler's pdftotext is not installed")
def test_libreoffice_shows_the_changes(redline, libreoffice):
    pdf = libreoffice(redline[0].read_bytes(), "redline")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = " ".join(text.split())
    assert "Tajikistan (1992)" in text  # an inserted entry, shown
    assert "2026-06-01" in text and "2026-12-01" in text  # the old and new dates, both shown
    # old words struck, new ones underlined: "help" (deleted) sits against "included" (inserted)
    assert re.search(r"including military help ?included, against any armed attack", text), text


@pytest.mark.parametrize("template", ["comparison", "changes"])
def test_a_redline_of_a_comparison_is_refused_clearly(tmp_path, template):
    facts = str(ROOT / "facts" / "csto.yaml")
    result = CliRunner().invoke(cli, ["diff", facts, facts, "--redline", "-t", template,
                                      "-o", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "a redline is made of a sheet of one organisation" in result.stderr
    assert not list(tmp_path.iterdir())
