"""The DOCX writer: styles, literal text, tables, page setup, metadata, reproducible
bytes, and a real reader (LibreOffice) laying the handout out on one page."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from briefgen.document.model import (
    Box,
    Cell,
    Cite,
    Columns,
    Document,
    Heading,
    Image,
    LineBreak,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Run,
    SourceRef,
    SourcesList,
    Table,
)
from briefgen.theme.model import DEFAULT_THEME, PageSetup
from briefgen.writers.docx.document import render_docx

docx = pytest.importorskip("docx")

LITERAL = "<b>&**{{x}}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _png(width: int = 40, height: int = 20) -> bytes:
    """A small valid RGB PNG (a blue bar), written with zlib so tests need no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def _p(*parts, role=None) -> Paragraph:
    return Paragraph([Run(x) if isinstance(x, str) else x for x in parts], role=role)


def _item(*parts) -> list:
    return [_p(*parts)]


def _c(text: str, header: bool = False) -> Cell:
    return Cell([Run(text)], header=header)


SOURCES = {
    "nat": SourceRef("nat", "The North Atlantic Treaty", "NATO",
                     "https://www.nato.int/cps/en/natolive/official_texts_17120.htm",
                     dt.date(2026, 11, 1)),
    "cst": SourceRef("cst", "Collective Security Treaty (1992)", "CSTO",
                     "https://en.odkb-csto.org/documents/documents/dogovor_o_kollektivnoy_bezopasnosti/",
                     dt.date(2026, 11, 1)),
    "kaz": SourceRef("kaz", "CSTO deploys troops to Kazakhstan", "Reuters",
                     "https://www.reuters.com/world/asia-pacific/", dt.date(2026, 10, 12)),
    "wash": SourceRef("wash", "NATO member countries", "NATO",
                      "https://www.nato.int/cps/en/natohq/topics_52044.htm", None),
}


def full_brief(**overrides) -> Document:
    """A realistic one-page brief: lead, key facts, sections, a quote, a table, sources."""
    blocks = [
        Heading(1, [Run("Collective defence: CSTO Article 4 and NATO Article 5")]),
        _p("Both alliances promise that an attack on one member is an attack on all, but "
           "they differ in who decides, how fast, and what the promise has meant in "
           "practice. This sheet sets the two clauses side by side for a seminar.",
           Cite(("nat", "cst")), role="lead"),
        Box("keyfacts", [Run("Key facts")], [
            ListBlock([
                _item(Run("NATO: ", bold=True), "founded 1949, 32 members (Sweden joined 2024)",
                      Cite(("wash",))),
                _item(Run("CSTO: ", bold=True), "treaty signed 1992, in force 1994; "
                      "Организация Договора о коллективной безопасности", Cite(("cst",))),
                _item(Run("Invoked: ", bold=True), "Article 5 once (12 September 2001); "
                      "CSTO peacekeepers sent to Kazakhstan in January 2022", Cite(("kaz",))),
            ]),
        ]),
        Heading(2, [Run("What the treaties say")]),
        _p("Article 5 leaves each ally free to take ", Run("such action as it deems necessary",
           italic=True), ", including the use of armed force. Article 4 of the CSTO treaty "
           "speaks of aggression against one state as aggression against all.", Cite(("nat",))),
        Quote([_p("The Parties agree that an armed attack against one or more of them in "
                  "Europe or North America shall be considered an attack against them all …")],
              attribution=[Run("North Atlantic Treaty, Article 5 (1949)"), Cite(("nat",))]),
        Quote([_p("В случае совершения агрессии против любого из государств-участников все "
                  "остальные государства-участники предоставят ему необходимую помощь…")],
              attribution=[Run("Договор о коллективной безопасности, статья 4"),
                           Cite(("cst",))]),
        Heading(2, [Run("How they compare")]),
        Table(
            header=[[_c("", True), _c("NATO Article 5", True), _c("CSTO Article 4", True)]],
            rows=[
                [_c("Trigger"), _c("Armed attack in Europe or North America"),
                 _c("Aggression against any member state")],
                [_c("Decision"), _c("Each ally decides what action it deems necessary"),
                 _c("Collective decision; assistance incl. military")],
                [_c("Invoked"), _c("Once, after 11 September 2001"),
                 _c("Kazakhstan 2022 (under Art. 4 request)")],
                [_c("Members"), _c("32"), _c("6")],
            ],
            widths=[1, 2.2, 2.2],
            marked_rows={1},
            caption=[Run("Highlighted: where the two clauses differ in substance.")],
        ),
        Heading(2, [Run("Points for discussion")]),
        ListBlock([
            _item("Does a clause that lets each ally choose its response weaken deterrence?"),
            _item("Why did the CSTO decline Armenia's requests in 2021–2022?"),
            _item("Literal text check: ", Run(LITERAL, code=True)),
        ], ordered=True),
        Heading(3, [Run("Further reading")]),
        ListBlock([
            _item(Run("NATO official texts", href="https://www.nato.int/"), LineBreak(),
                  "treaty and commentary"),
            _item("CSTO documents archive (Russian and English)"),
        ]),
        Rule(),
        SourcesList(),
    ]
    fields = dict(
        title="Collective defence: CSTO Article 4 and NATO Article 5",
        subtitle="Briefing sheet · International Security seminar, week 7",
        blocks=blocks, sources=SOURCES, author="Course team", subject="Collective defence",
        language="en-GB", as_of=dt.date(2026, 11, 1), header="International Security 2026/27",
        footer="Facts curated with sources; check before citing.",
        keywords=("CSTO", "NATO", "collective defence"),
    )
    fields.update(overrides)
    return Document(**fields)


def _render(doc: Document | None = None, setup: PageSetup | None = None, scale=1.0) -> bytes:
    return render_docx(doc or full_brief(), setup or PageSetup("a4"), DEFAULT_THEME, scale)


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _all_text(word) -> str:
    """Every paragraph's text, including those inside (nested) tables."""
    body = word.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


# ---- styles and text ----------------------------------------------------------

def test_named_styles_are_used():
    word = _open(_render())
    used = {p.style.name for p in word.paragraphs}
    assert {"Title", "Subtitle", "Heading 2", "Heading 3", "List Number", "Quotations",
            "Caption", "Lead"} <= used
    nested = {p.style.name for t in word.tables for row in t.rows for c in row.cells
              for p in c.paragraphs}
    assert "List Bullet" in nested and "Box Title" in nested and "Table Heading" in nested
    assert word.paragraphs[0].text == "Collective defence: CSTO Article 4 and NATO Article 5"


def test_formatting_lives_on_styles():
    word = _open(_render(scale=0.9))
    styles = word.styles
    h2 = styles["Heading 2"]
    assert h2.font.size.pt == pytest.approx(12.5 * 0.9, abs=0.25)
    assert str(h2.font.color.rgb) == "1F4E79"
    fonts = styles.element.find(f"{W}docDefaults").find(f".//{W}rFonts")
    assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Arial"}
    # no theme font left that would override Arial (e.g. Calibri Light on headings)
    assert not [el for el in styles.element.iter(f"{W}rFonts") if el.get(f"{W}asciiTheme")
                and el.getparent().getparent().get(f"{W}styleId") in ("Title", "Heading2")]
    # heading runs carry no direct size or colour
    heading = next(p for p in word.paragraphs if p.style.name == "Heading 2")
    assert all(r.font.size is None and r.font.color.rgb is None for r in heading.runs)


def test_text_is_literal_and_cyrillic_survives():
    text = _all_text(_open(_render()))
    assert LITERAL in text
    assert "Организация Договора о коллективной безопасности" in text
    assert "статья 4" in text


def test_citations_sources_and_hyperlinks():
    data = _render()
    word = _open(data)
    lead = next(p for p in word.paragraphs if p.style.name == "Lead")
    cite = lead.runs[-1]
    assert cite.text == "[1,\u00a02]" and cite.style.name == "Citation Number"  # no break inside
    paras = [p for p in word.paragraphs if p.style.name == "Source"]
    sources = [p.text for p in paras]
    assert len(sources) == 4
    assert sources[0].startswith("The North Atlantic Treaty\u00a0— NATO. nato.int/")  # no typed "1."
    num_ids = {p._p.pPr.numPr.numId.val for p in paras}  # a real Word numbered list
    assert len(num_ids) == 1
    heading = next(p.text for p in word.paragraphs if p.style.name == "Sources Heading")
    assert "2026-11-01" in heading and "accessed" in heading  # the access dates, said once
    rels = word.part.rels.values()
    links = {r.target_ref for r in rels if r.reltype.endswith("/hyperlink")}
    assert "https://www.nato.int/" in links and SOURCES["kaz"].url in links


def test_table_header_repeats_rows_do_not_split_and_marks_are_shaded():
    word = _open(_render())
    table = next(t for t in word.tables if t.style.name == "Brief Table")
    trs = table._tbl.tr_lst
    assert trs[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert trs[1].find(f"{W}trPr/{W}tblHeader") is None
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)

    def fill(tr):
        shd = tr.find(f".//{W}shd")
        return None if shd is None else shd.get(f"{W}fill")

    assert fill(trs[0]) == "DCE6F1" and fill(trs[2]) == "FFF2CC" and fill(trs[1]) is None
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert abs(grid[1] - grid[2]) <= 3 and grid[1] > 2 * grid[0]  # widths 1 : 2.2 : 2.2


@pytest.mark.parametrize("size, expected_mm", [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_page_size_and_margins(size, expected_mm):
    section = _open(_render(setup=PageSetup(size))).sections[0]
    assert section.page_width.mm == pytest.approx(expected_mm[0], abs=0.1)
    assert section.page_height.mm == pytest.approx(expected_mm[1], abs=0.1)
    assert section.left_margin.mm == pytest.approx(DEFAULT_THEME.margin_mm, abs=0.1)


def test_landscape():
    section = _open(_render(setup=PageSetup("a4", orientation="landscape"))).sections[0]
    assert section.page_width.mm == pytest.approx(297, abs=0.1)
    assert section.orientation == 1


def test_header_footer_and_page_field():
    section = _open(_render()).sections[0]
    assert section.header.paragraphs[0].text == "International Security 2026/27\t\tAs of 2026-11-01"
    foot = section.footer.paragraphs[0]
    assert foot.text.startswith("Facts curated")
    fields = [f.get(f"{W}instr").strip() for f in foot._p.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"] and foot.text.endswith("\t\t/")


def test_header_as_of_label_follows_the_language():
    header = _open(_render(full_brief(language="ru"))).sections[0].header
    assert header.paragraphs[0].text.endswith("По состоянию на 01.11.2026")  # as Russians write it


def _utc(when: dt.datetime) -> dt.datetime:
    """A date python-docx read back, in UTC: 1.1 reads the XML's "…Z" as a naive datetime,
    later versions as an aware one (the bytes are the same)."""
    return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when


def test_core_properties(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    props = _open(_render()).core_properties
    assert props.title == "Collective defence: CSTO Article 4 and NATO Article 5"
    assert props.author == "Course team" and props.subject == "Collective defence"
    assert props.keywords == "CSTO, NATO, collective defence"
    assert props.language == "en-GB"
    assert _utc(props.created) == _utc(props.modified) == dt.datetime(2026, 11, 1,
                                                                      tzinfo=dt.timezone.utc)


def test_source_date_epoch_sets_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = _render()
    props = _open(data).core_properties
    expected = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert _utc(props.created) == _utc(props.modified) == _utc(props.last_printed) == expected
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert z.namelist()[0] == "[Content_Types].xml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert _render() != data


def test_bad_source_date_epoch_is_a_user_error(monkeypatch):
    from briefgen.errors import BriefgenError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BriefgenError, match="SOURCE_DATE_EPOCH"):
        _render()


def test_bytes_are_identical_within_a_process():
    assert _render() == _render()


def test_documents_only_read_the_styles_they_share():
    """The documents copied from one start share its styles part (writers/docx/document.py):
    writing every kind of block leaves it as the theme made it, and the next document
    comes out as before."""
    from briefgen.writers.docx import document as writer

    writer._STARTS.clear()
    first = _render()
    ((start, _, _),) = writer._STARTS.values()
    before = writer.shared_styles_part(start).blob
    _render(full_brief(blocks=[
        *full_brief().blocks,
        Image(_png(), alt="A blue bar", caption=[Run("A bar")], width_fraction=0.3),
        Columns([[_p("Left column")], [_p("Right column")]]),
        Box("note", None, [_p("A note")]),
        ListBlock([_item("restarted")], ordered=True, start=3),
    ]))
    assert len(writer._STARTS) == 1
    assert writer.shared_styles_part(start).blob == before
    assert _render() == first


def test_bytes_are_identical_across_processes(tmp_path):
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "from test_docx_writer import _render\n"
        "sys.stdout.buffer.write(_render())\n"
    )
    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    runs = [
        subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent), str(root)],
                       capture_output=True, check=True, env={**env, "PYTHONHASHSEED": seed}
                       ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert hashlib.sha256(runs[0]).hexdigest() == hashlib.sha256(_render()).hexdigest()


def test_image_columns_note_and_restarting_numbers():
    doc = full_brief(blocks=[
        Image(_png(), alt="Map of member states", caption=[Run("Members, 2026")],
              width_fraction=0.5),
        Columns([[_p("Left column")], [_p("Правая колонка")]]),
        Box("note", None, [_p("A note")]),
        ListBlock([_item("a"), _item("b")], ordered=True, start=3),
        ListBlock([_item("c")], ordered=True),
    ])
    word = _open(_render(doc))
    assert any(p.style.name == "Figure Caption" and p.text == "Members, 2026"
               for p in word.paragraphs)
    doc_pr = next(word.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert doc_pr.get("descr") == "Map of member states"
    half = (210 - 2 * DEFAULT_THEME.margin_mm) / 2
    assert word.inline_shapes[0].width.mm == pytest.approx(half, abs=0.5)  # half the text width
    text = _all_text(word)
    assert "Left column" in text and "Правая колонка" in text and "A note" in text
    nums = [p._p.pPr.numPr.numId.val for p in word.paragraphs if p.style.name == "List Number"]
    assert nums[0] == nums[1] != nums[2]  # the second list restarts
    numbering = word.part.numbering_part.element
    start = numbering.num_having_numId(nums[0]).find(f".//{W}startOverride")
    assert start.get(f"{W}val") == "3"


def test_control_characters_do_not_crash():
    doc = full_brief(blocks=[_p("bell\x07 and tab\tend")])
    assert "bell and tab" in _all_text(_open(_render(doc)))


def test_invalid_image_is_a_user_error():
    from briefgen.errors import BriefgenError

    doc = full_brief(blocks=[Image(b"not a png", alt="broken")])
    with pytest.raises(BriefgenError, match="broken"):
        _render(doc)


# ---- a real reader -------------------------------------------------------------

# The `libreoffice` fixture (DOCX -> PDF with a fresh profile) is in conftest.py.


def dense_brief() -> Document:
    """The full brief with a long background section: near the one-page limit at scale 0.8."""
    text = ("The alliance's practice since 1949 shows that the commitment is political as "
            "much as legal; members consult under Article 4 before they act under Article 5. ")
    doc = full_brief()
    doc.blocks[6:6] = [Heading(2, [Run("Background")]), *[_p(text * 2) for _ in range(4)],
                       ListBlock([_item(text) for _ in range(4)])]
    return doc


@pytest.mark.parametrize("size, scale, dense", [
    ("a4", 1.0, False), ("letter", 1.0, False), ("a4", 0.8, True),
])
def test_libreoffice_lays_out_a_full_brief_on_one_page(libreoffice, size, scale, dense):
    pypdf = pytest.importorskip("pypdf")
    doc = dense_brief() if dense else full_brief()
    pdf = libreoffice(_render(doc, PageSetup(size), scale), f"brief-{size}-{scale}")
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert width_mm == pytest.approx(PageSetup(size).size_mm[0], abs=1)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Организация Договора" in text
        assert LITERAL in text


@pytest.mark.parametrize("count", [4, 9, 10, 25, 120])
def test_the_sources_hanging_indent_holds_the_widest_number(count):
    """Measured with the bundled Noto Sans (reportlab's metrics): "25." and a gap fit the indent."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefgen.writers.docx.sources import HANGING_MM, hanging_mm
    from briefgen.writers.fonts import register_family

    regular = register_family("notosans").regular
    for size in (6.5, 7.5, 9.0):
        label = stringWidth(f"{count}.", regular, size) * 25.4 / 72
        gap = 0.25 * size * 25.4 / 72
        assert label + gap <= hanging_mm(count, size)
        assert hanging_mm(count, size) >= HANGING_MM


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig not installed")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_comparison_column_holds_its_longest_word_in_the_font_libreoffice_uses(tmp_path, paper):
    """The three-way comparison's label column broke "Geographi/c" in LibreOffice: the DOCX
    names Noto Sans, and a machine without it sets the stand-in fontconfig picks (wider)."""
    import docx
    from docx.oxml.ns import qn
    from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont

    from briefgen.sheets.comparison import make_comparison
    from briefgen.theme.model import PageSetup

    facts = Path(__file__).resolve().parents[3] / "facts"
    result = make_comparison([facts / "csto.yaml", facts / "nato.yaml", facts / "eu.yaml"],
                             output=tmp_path, setup=PageSetup(size=paper), formats=("docx",))
    word = docx.Document(next(p for p in result.paths if p.suffix == ".docx"))
    stand_in = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans:bold"],
                              capture_output=True, text=True).stdout
    registerFont(TTFont("StandIn-Bold", stand_in))
    table = word.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    size = float(word.styles["Table Text"].font.size.pt)
    for j, width in enumerate(grid):
        words = {w for row in table.rows for w in row.cells[j].text.split()}
        longest = max(stringWidth(w, "StandIn-Bold", size) for w in words)
        padding = 2 * 1.2 / 25.4 * 72  # the Brief Table style's cell margins
        assert width / 20 >= longest + padding, (j, max(words, key=len), width / 20, longest)


def test_a_date_never_breaks_at_its_hyphens_in_word_or_libreoffice(tmp_path):
    """Word and LibreOffice break after a hyphen ("2026-" / "12-01)" in the Sources heading)."""
    import re

    import docx

    from briefgen.sheets.brief import make_brief

    facts = Path(__file__).resolve().parents[3] / "facts"
    result = make_brief(facts / "csto.yaml", "brief", output=tmp_path, formats=("docx",))
    path = next(p for p in result.paths if p.suffix == ".docx")
    with zipfile.ZipFile(path) as zf:
        for name in ("word/document.xml", "word/header1.xml"):
            xml = zf.read(name).decode("utf-8")
            assert "<w:noBreakHyphen/>" in xml, name
            runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
            assert not [t for t in runs if re.search(r"\d-\d", t)], name
    word = docx.Document(path)  # an independent reader still reads plain hyphens
    heading = next(p.text for p in word.paragraphs if p.text.startswith("Sources"))
    assert re.search(r"\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", heading), heading
    assert re.search(r"As of \d{4}-\d\d-\d\d", word.sections[0].header.paragraphs[0].text)
