"""The course pack is a tagged PDF/UA file: every sheet's tree kept, the front pages tagged.

Read with independent tools: outloud (PDF/UA-1 and WCAG), pypdf (the structure,
through ``tests/pdf_structure.py``) and poppler (``pdfinfo -struct-text``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_structure import (
    elements,
    kids,
    marking_problems,
    obj,
    parent_tree,
    ref_id,
    role,
    walk,
)
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefgen.cli import cli
from briefgen.course.pack import pack_is_tagged
from briefgen.writers.pdf import pack_pdf as merged_pdf

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "facts"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> tuple[Path, Path]:
    """(the pack, the output folder) of a course: 3 briefs (one Russian), a timeline, a comparison."""
    folder = tmp_path_factory.mktemp("course")
    (folder / "course.yaml").write_text(f"""title: Collective defence & its limits
defaults:
  output: out
  formats: [pdf]
jobs:
  - facts: [{FACTS}/csto.yaml, {FACTS}/nato.yaml, {FACTS}/csto.ru.yaml]
  - facts: {FACTS}/nato.yaml
    template: timeline
  - kind: compare
    facts: [{FACTS}/csto.yaml, {FACTS}/nato.yaml]
    spec: {FACTS}/comparisons/defence-clause.yaml
    output: csto-vs-nato
""", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(folder / "course.yaml"), "--pack", "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "not tagged" not in result.stderr
    return folder / "out" / "course-pack.pdf", folder / "out"


def _parts(reader):
    tree = obj(obj(reader.trailer["/Root"])["/StructTreeRoot"])
    (document,) = kids(tree)
    assert role(document) == "Document"
    return elements(document)


def test_outloud_finds_no_error_or_warning_in_the_pack(pack):
    from outloud import check

    result = check(str(pack[0]))
    found = [f"{f.rule} p.{f.page}: {f.message}" for f in result.sorted_findings()
             if f.severity in ("error", "warning")]
    assert result.errors == 0 and result.warnings == 0, "\n".join(found)


def test_the_pack_says_tagged_title_language_and_pdfua(pack):
    reader = PdfReader(pack[0])
    root = obj(reader.trailer["/Root"])
    assert pack_is_tagged(pack[0])
    assert obj(root["/MarkInfo"])["/Marked"]
    assert str(root["/Lang"]) == "en"
    assert obj(root["/ViewerPreferences"])["/DisplayDocTitle"]
    xmp = obj(root["/Metadata"]).get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "Collective defence &amp; its limits" in xmp
    assert reader.metadata.title == "Collective defence & its limits"


def test_a_part_per_sheet_each_with_its_language_and_one_h1(pack):
    pack_path, out = pack
    reader = PdfReader(pack_path)
    parts = _parts(reader)
    sheets = ["csto-brief", "nato-brief", "csto-ru-brief", "nato-timeline", "csto-vs-nato"]
    assert len(parts) == 1 + len(sheets)  # the front pages, then each sheet
    assert [role(p) for p in parts] == ["Part"] * len(parts)
    front = [role(e) for e in elements(parts[0])]
    assert front[:4] == ["P", "H1", "P", "H2"] and "TOC" in front
    for part, sheet in zip(parts[1:], sheets, strict=True):
        own = PdfReader(out / f"{sheet}.pdf")
        assert str(part["/Lang"]) == str(obj(own.trailer["/Root"])["/Lang"])
        headings = [role(e) for e in walk(part) if re.fullmatch(r"H\d", role(e))]
        assert headings[0] == "H1" and headings.count("H1") == 1, sheet
        # the sheet's own tree, element for element
        own_tree = obj(obj(own.trailer["/Root"])["/StructTreeRoot"])
        (own_doc,) = kids(own_tree)
        assert [role(e) for e in walk(part)][1:] == [role(e) for e in walk(own_doc)][1:]
    assert str(parts[3]["/Lang"]) == "ru"


def test_every_page_is_marked_and_the_parent_tree_points_at_the_owners(pack):
    reader = PdfReader(pack[0])
    assert marking_problems(reader) == []  # the "Page n" stamps are artifacts too
    assert all(str(page["/Tabs"]) == "/S" for page in reader.pages)


def test_every_link_is_wired_to_a_link_element_on_its_own_page(pack):
    reader = PdfReader(pack[0])
    tree = parent_tree(reader)
    count = 0
    for page in reader.pages:
        for annot in map(obj, page.get("/Annots", [])):
            count += 1
            link = obj(tree[int(annot["/StructParent"])])
            assert role(link) == "Link"
            objrs = [k for k in kids(link) if isinstance(k, DictionaryObject)
                     and k.get("/Type") == "/OBJR"]
            assert ref_id(annot.indirect_reference) in [ref_id(k.raw_get("/Obj")) for k in objrs]
            assert ref_id(objrs[0]["/Pg"]) == ref_id(page.indirect_reference)
    assert count > 50  # citations and sources of four sheets


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo not installed")
def test_poppler_reads_the_front_pages_and_each_sheet_in_order(pack):
    text = subprocess.run(["pdfinfo", "-struct-text", str(pack[0])], capture_output=True,
                          text=True, check=True).stdout
    order = ["COURSE PACK", "Collective defence & its limits", "Contents", "Briefing sheets",
             "Timelines", "Comparisons", "Part\n    H1", "Collective Security Treaty Organization",
             "Part\n    H1", "North Atlantic Treaty Organization", "Part\n    H1",
             "Организация Договора", "Part\n    H1", "membership over time", "Part\n    ",
             "CSTO Article 4 and NATO Article 5"]
    at = 0
    for wanted in order:  # each found after the one before: the reading order
        found = text.find(wanted, at)
        assert found >= 0, f"{wanted!r} not found after position {at}"
        at = found + 1


def test_no_words_run_together_in_the_pack(pack):
    """Front pages and sheets: every word of the structure's text (``pdfinfo -struct-text``)
    is a word of the text layer (``pdftotext -raw``): none glued at a line break or a font
    change ("compared —course", "UN reporting[a]")."""
    from text_layer import run_together

    assert run_together(pack[0]) == []


@pytest.mark.slow  # sixty sheets merged
def test_a_long_contents_runs_on_and_numbers_each_sheet_where_it_starts(pack, tmp_path):
    _, out = pack
    sheets = [(f"job{n:02d}", out / name) for n in range(60)
              for name in ["nato-brief.pdf"]]
    data = merged_pdf(sheets, "Sixty sheets", {})
    path = tmp_path / "pack.pdf"
    path.write_bytes(data)
    reader = PdfReader(path)
    first = [reader.get_destination_page_number(item) + 1 for item in reader.outline]
    contents_pages = first[0] - 2
    assert contents_pages >= 2  # sixty entries do not fit one page
    assert len(reader.pages) == 1 + contents_pages + 60
    listed = []
    for i in range(1, 1 + contents_pages):
        listed += [int(n) for n in re.findall(r"(?m)(\d+)\s*$", reader.pages[i].extract_text())]
    assert [n for n in listed if n > 1 + contents_pages] == first
    assert pack_is_tagged(path)
    toci = [e for e in walk(_parts(reader)[0]) if role(e) == "TOCI"]
    assert len(toci) == 60


def test_a_sheet_without_a_structure_tree_leaves_the_pack_untagged_and_says_so(pack, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    canv = Canvas(str(plain))
    canv.drawString(72, 720, "Made before sheets were tagged")
    canv.save()
    _, out = pack
    data = merged_pdf([("a", out / "nato-brief.pdf"), ("b", plain)], "Mixed", {})
    path = tmp_path / "mixed.pdf"
    path.write_bytes(data)
    assert not pack_is_tagged(path)
    assert len(PdfReader(path).pages) == 4


def test_each_contents_entry_links_to_its_sheets_first_page(pack):
    reader = PdfReader(pack[0])
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    titles = [item.title for item in reader.outline]
    links = [obj(a) for a in reader.pages[1].get("/Annots", [])]
    assert len(links) == len(starts) == 5
    pages = {ref_id(p.indirect_reference): n for n, p in enumerate(reader.pages)}
    for annot, start, title in zip(links, starts, titles, strict=True):
        assert pages[ref_id(annot["/Dest"][0])] == start
        assert str(annot["/Contents"]) == title
    toci_links = [e for e in walk(_parts(reader)[0]) if role(e) == "Link"]
    assert len(toci_links) == 5


def test_batch_warns_when_the_pack_it_wrote_is_not_tagged(tmp_path, monkeypatch):
    """Said on stderr, not left for a student with a screen reader to find out."""
    import briefgen.course.pack as pack_module

    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  output: out\n  formats: [pdf]\njobs:\n  - facts: {FACTS}/nato.yaml\n",
        encoding="utf-8")
    monkeypatch.setattr(pack_module, "pack_is_tagged", lambda path: False)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "course.yaml"), "--pack", "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "warning: course-pack.pdf is not tagged" in result.stderr
    assert "rebuild with --force" in result.stderr


def test_front_pages_read_whole_words_page_numbers_after_titles_and_entry_languages(tmp_path):
    """A wrapped title keeps the space at each break; a wrapped contents entry reads its page
    number after its title; a Russian sheet's entry says /Lang ru (read with pdfplumber)."""
    import datetime as dt

    from transcript import transcript_lines

    from briefgen.writers.pdf.pack_front import Entry, front_pages

    title = "Collective defence compared across five treaties for the regional security course"
    long = ("Collective Security Treaty Organization: a briefing sheet on membership, "
            "the defence clause and its invocations since 1992")
    entries = [Entry(long, "brief", 3), Entry("Организация Договора о коллективной "
                                              "безопасности", "brief", 4, lang="ru")]
    data, _ = front_pages(title, entries, (595.0, 842.0), "en", dt.datetime(2026, 12, 1))
    (tmp_path / "front.pdf").write_bytes(data)
    lines = transcript_lines(tmp_path / "front.pdf")
    (h1,) = [ln for ln in lines if ln.strip().startswith("H1 ")]
    assert h1.strip().endswith(f"] {title}")  # "compared across", no word run on
    tocis = [ln.strip() for ln in lines if ln.strip().startswith("TOCI ")]
    assert tocis[0].endswith(f"] {long} 3")  # the page number after the whole title
    assert tocis[1] == "TOCI [ru] Организация Договора о коллективной безопасности 4"
