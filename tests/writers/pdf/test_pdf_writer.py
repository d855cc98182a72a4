"""The PDF writer, checked with real readers: pypdf and poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

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
from briefgen.errors import InputError
from briefgen.theme.model import PageSetup, Theme
from briefgen.writers.pdf.document import build_pdf, fonts, render_pdf

REPO = Path(__file__).resolve().parents[3]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent")


# ---- helpers: documents built by hand -------------------------------------

def para(*texts: str, **kw) -> Paragraph:
    """A paragraph of plain runs."""
    return Paragraph([Run(t) for t in texts], **kw)


def row(*texts: str) -> list[Cell]:
    """A table row of plain cells."""
    return [Cell([Run(t)]) for t in texts]


SOURCES = {
    "treaty": SourceRef("treaty", "Collective Security Treaty", "CSTO", "https://example.org/cst",
                        dt.date(2026, 11, 1)),
    "nato": SourceRef("nato", "The North Atlantic Treaty", "NATO", "https://example.org/nato"),
    "unused": SourceRef("unused", "Never cited", None, "https://example.org/x"),
}


def make_doc(blocks=None, **kw) -> Document:
    """A small brief with header, footer and as-of date; ``blocks`` replace the body."""
    base = dict(
        title="Test brief", subtitle="A subtitle", author="Analyst A", subject="Testing",
        keywords=("alpha", "beta"), as_of=dt.date(2026, 11, 22), header="Course header",
        footer="Course footer", language="en",
    )
    base.update(kw)
    body = blocks if blocks is not None else [para("Hello world.")]
    return Document(blocks=body, sources=SOURCES, **base)


def long_table(n: int = 90) -> Table:
    """A table far too long for one page, with a header row."""
    return Table(header=[row("Year", "Event")],
                 rows=[row(str(1990 + i), f"Event number {i}") for i in range(n)])


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    """Text of ``pdf`` as poppler's pdftotext reads it (one page if given)."""
    f = tmp_path / "t.pdf"
    f.write_bytes(pdf)
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(f), "-"], capture_output=True, text=True,
                          check=True).stdout


def render(doc: Document, setup: PageSetup | None = None, **kw) -> bytes:
    """The PDF of ``doc`` with the default theme."""
    return render_pdf(doc, setup or PageSetup(), Theme(), **kw)


# ---- text and fonts -------------------------------------------------------

@needs_poppler
def test_cyrillic_text_is_extractable(tmp_path):
    doc = make_doc([para("Организация Договора о коллективной безопасности")],
                   title="ОДКБ: справка", language="ru")
    pdf = render(doc)
    assert "Организация Договора о коллективной безопасности" in pdf_text(pdf, tmp_path)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "коллективной" in text and "ОДКБ" in text
    assert "По состоянию на 22.11.2026" in pdf_text(pdf, tmp_path)  # as Russians write it


@needs_poppler
def test_every_font_is_embedded(tmp_path):
    doc = make_doc([
        Heading(2, [Run("Section")]),
        para("Body with ", "bold"),
        Paragraph([Run("code()", code=True), Run(" and "), Run("link", href="https://x.org")]),
        ListBlock([[para("one")], [para("two")]], ordered=True),
        ListBlock([[para("bullet"), ListBlock([[para("nested")]])]]),
        Box("keyfacts", [Run("Key facts")], [Table([], [row("A", "B")])]),
        Quote([para("Quoted")], attribution=[Run("Someone")]),
        Columns([[para("left")], [para("right")]]),
        Table([row("H1", "H2")], [row("a", "b")]),
        Rule(),
        Image(b"", "chart", figure=_figure_with_text()),
    ])
    f = tmp_path / "f.pdf"
    f.write_bytes(render(doc))
    out = subprocess.run(["pdffonts", str(f)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()[2:]
    assert lines, out
    for line in lines:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    assert "Helvetica" not in out
    assert "CascadiaMono" in out  # code runs use the monospaced family


@needs_poppler
def test_markup_characters_print_literally(tmp_path):
    doc = make_doc([Paragraph([Run("<b>&amp; ** {{ x }} R&D a < b")]),
                    Table([row("<i>", "&")], [row("x > y", "{% raw %}")]),
                    Paragraph([Run("line one"), LineBreak(), Run("line two")])],
                   title="Title <with> & stuff")
    text = pdf_text(render(doc), tmp_path)
    assert "<b>&amp; ** {{ x }} R&D a < b" in text
    assert "Title <with> & stuff" in text
    assert "{% raw %}" in text and "<i>" in text
    assert "line one\n" in text and "line two" in text


def test_missing_glyphs_are_replaced_and_reported():
    assert fonts.missing_glyphs("Abc Жж\n\t") == set()
    assert fonts.missing_glyphs("a中b") == {"中"}
    warnings: list[str] = []
    pdf = render(make_doc([para("Chinese 中文 here")]), warnings=warnings)
    assert len(warnings) == 1 and "U+4E2D" in warnings[0]
    assert fonts.PLACEHOLDER in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_font_folder_and_unknown_font(tmp_path):
    fam = fonts.register_family("notosans")
    from reportlab.pdfbase import pdfmetrics

    for face, name in (("Regular", fam.regular), ("Bold", fam.bold), ("Italic", fam.italic),
                       ("BoldItalic", fam.bold_italic)):
        data = pdfmetrics.getFont(name).face._ttf_data
        (tmp_path / f"MyFont-{face}.ttf").write_bytes(data)
    theme = Theme(fonts={"pdf": str(tmp_path)})
    pdf = render_pdf(make_doc(), PageSetup(), theme)
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    with pytest.raises(InputError, match="unknown PDF font"):
        fonts.register_family("no-such-font")


def test_font_cache_is_written(tmp_path):
    code = "from briefgen.writers import fonts; print(fonts.register_family().regular)"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=REPO,
                   capture_output=True)
    cached = sorted(p.name.split("-")[0] for p in (tmp_path / "briefgen/fonts").iterdir())
    assert cached == ["NotoSans_Bold", "NotoSans_BoldItalic", "NotoSans_Italic",
                      "NotoSans_Regular"]


# ---- page furniture and metadata -----------------------------------------

@needs_poppler
def test_header_footer_as_of_and_page_number(tmp_path):
    text = pdf_text(render(make_doc()), tmp_path)
    for expected in ("Course header", "Course footer", "As of 2026-11-22", "1/1", "Test brief",
                     "A subtitle"):
        assert expected in text


def test_metadata():
    reader = PdfReader(io.BytesIO(render(make_doc())))
    meta = reader.metadata
    assert meta.title == "Test brief"
    assert meta.author == "Analyst A"
    assert meta.subject == "Testing"
    assert "alpha" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


@needs_poppler
def test_citations_numbered_in_order_and_sources_listed(tmp_path):
    doc = make_doc([
        Paragraph([Run("First claim"), Cite(("nato",)), Run(" and second"), Cite(("treaty",))]),
        Paragraph([Run("Both again"), Cite(("treaty", "nato"))]),
        SourcesList(title="Sources"),
    ])
    text = " ".join(pdf_text(render(doc), tmp_path).split())
    assert "First claim[1] and second[2]" in text
    assert "Both again[1, 2]" in text  # ascending, as in the DOCX
    assert "1. The North Atlantic Treaty — NATO. example.org/nato" in text
    assert "2. Collective Security Treaty — CSTO. example.org/cst" in text
    assert "Sources (accessed 2026-" in text  # the access dates, said once in the heading
    assert "Never cited" not in text


@needs_poppler
def test_sources_list_added_when_missing_and_unknown_cite_warns(tmp_path):
    warnings: list[str] = []
    doc = make_doc([Paragraph([Run("Claim"), Cite(("treaty", "ghost"))])])
    text = pdf_text(render(doc, warnings=warnings), tmp_path)
    assert "[1, ?]" in text and "Sources" in text and "Collective Security Treaty" in text
    assert any("ghost" in w for w in warnings)


@needs_poppler
def test_long_table_repeats_header_on_every_page(tmp_path):
    doc = make_doc([long_table()])
    built = build_pdf(doc, PageSetup(allow_overflow=True), Theme())
    assert built.pages >= 2
    for page in range(1, built.pages + 1):
        text = pdf_text(built.pdf, tmp_path, page)
        assert "Year" in text and "Event" in text
        assert f"{page}/{built.pages}" in text


def test_marked_rows_are_filled():
    from reportlab.lib import colors
    from reportlab.lib.rl_accel import fp_str

    fill = colors.HexColor(Theme().mark_fill)
    op = f"{fp_str(fill.red, fill.green, fill.blue)} rg".encode()
    plain = Table([row("A", "B")], [row("1", "2"), row("3", "4")])
    marked = Table([row("A", "B")], [row("1", "2"), row("3", "4")], marked_rows={1})

    def content(t: Table) -> bytes:
        return PdfReader(io.BytesIO(render(make_doc([t])))).pages[0].get_contents().get_data()

    assert op not in content(plain)
    assert op in content(marked)


@pytest.mark.parametrize("size,orientation,expected", [
    ("a4", "portrait", (595.28, 841.89)),
    ("letter", "portrait", (612.0, 792.0)),
    ("a4", "landscape", (841.89, 595.28)),
    ("letter", "landscape", (792.0, 612.0)),
])
def test_page_size_and_orientation(size, orientation, expected):
    pdf = render(make_doc(), PageSetup(size=size, orientation=orientation))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == pytest.approx(
        expected, abs=0.05)


def test_images_png_and_figure():
    png = _tiny_png()
    doc = make_doc([Image(png, "a picture", caption=[Run("Figure 1")], width_fraction=0.5),
                    Image(b"", "a figure", figure=_figure_with_text())])
    text = PdfReader(io.BytesIO(render(doc))).pages[0].extract_text()
    assert "Figure 1" in text and "Label" in text


def _figure_with_text():
    from briefgen.document.figure import Box, Figure, Text

    return Figure(70.0, 28.0, (Box(3.5, 3.5, 17.5, 14.0, fill="accent"),
                               Text(7.0, 21.0, "Label", 9.0, bold=True)), "a labelled box")


def test_figure_is_not_mutated():
    fig = _figure_with_text()
    before = repr(fig)
    render(make_doc([Image(b"", "chart", figure=fig)]))
    assert repr(fig) == before


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x20\x20" * 4 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_scale_shrinks_type():
    doc = make_doc([para("word " * 400)])
    big = build_pdf(doc, PageSetup(), Theme(), 1.0)
    small = build_pdf(doc, PageSetup(), Theme(), 0.8)
    assert small.used_height < big.used_height * 0.8


# ---- reproducible bytes ---------------------------------------------------

RENDER_SCRIPT = textwrap.dedent("""
    import sys, datetime as dt
    sys.path.insert(0, {tests!r})
    from test_pdf_writer import make_doc, para, Cite, Paragraph, Run, SourcesList
    from briefgen.writers.pdf.document import render_pdf
    from briefgen.theme.model import PageSetup, Theme
    doc = make_doc([Paragraph([Run("Кириллица"), Cite(("treaty",))]), SourcesList()])
    sys.stdout.buffer.write(render_pdf(doc, PageSetup(), Theme()))
""")


def _render_in_subprocess(env_extra: dict[str, str] | None = None) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(env_extra or {})
    code = RENDER_SCRIPT.format(tests=str(Path(__file__).resolve().parent))
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True,
                          capture_output=True).stdout


def test_same_input_same_bytes_in_process():
    doc = make_doc([Paragraph([Run("Claim"), Cite(("treaty",))]), long_table(10)])
    assert render(doc) == render(doc)


def test_a_font_subset_made_before_is_reused_with_reportlabs_own_bytes(monkeypatch):
    # every PDF embeds each face's subset of glyphs; a face that drew the same characters
    # before (an ASCII-only face draws the same first subset in every PDF) is not subset and
    # compressed again, and the file is byte for byte what reportlab writes without that
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFace

    docs = [make_doc([para("Plain ASCII text, ", "bold and plain.")]),
            make_doc([para("Кириллица, “quotes” – and a dash.")]),
            make_doc([para("Plain ASCII text, ", "bold and plain.")], title="Another title")]
    made = []
    real = TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset", lambda face, s: made.append(s) or real(face, s))
    kept = [render(doc) for doc in docs]
    made.clear()
    assert render(docs[0]) == kept[0] and made == []  # nothing subset again
    fam = fonts.register_family("notosans")
    faces = [pdfmetrics.getFont(name).face for name in
             (fam.regular, fam.bold, fam.italic, fam.bold_italic)]
    assert any(type(face) is not TTFontFace for face in faces)
    for face in faces:  # reportlab's own faces: every subset made and compressed afresh
        monkeypatch.setattr(face, "__class__", TTFontFace)
        monkeypatch.delitem(face.__dict__, "_bg_subsets", raising=False)
    monkeypatch.setattr("briefgen.adapters.reportlab.reuse_font_subsets", lambda canv: None)
    assert [render(doc) for doc in docs] == kept
    assert made  # this time reportlab made them


def test_same_bytes_across_processes_and_source_date_epoch():
    first, second = _render_in_subprocess(), _render_in_subprocess()
    assert first.startswith(b"%PDF") and first == second
    dated = _render_in_subprocess({"SOURCE_DATE_EPOCH": "1790000000"})
    assert dated != first
    created = PdfReader(io.BytesIO(dated)).metadata["/CreationDate"]
    assert created.startswith("D:20260921")  # 1790000000 = 2026-09-21 UTC


ACCEL_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    if sys.argv[2] == "without":
        sys.modules["_rl_accel"] = None  # reportlab then uses its pure-Python functions
    from reportlab.lib import rl_accel
    from briefgen.sheets.brief import make_brief
    print(len(rl_accel._c_funcs))
    for name in ("csto", "csto.ru", "rio"):
        make_brief(Path("facts") / f"{name}.yaml", formats=("pdf", "docx"),
                   output=Path(sys.argv[1]))
""")


@pytest.mark.slow  # two processes build three bundled briefs each
def test_reportlabs_accelerator_is_in_use_and_changes_no_byte(tmp_path):
    # rl_accel (a dependency) gives reportlab C versions of fp_str, stringWidth, escapePDF and
    # asciiBase85Encode; the files must be the same as with reportlab's Python versions
    from reportlab.lib import rl_accel

    assert {"fp_str", "instanceStringWidthTTF", "asciiBase85Encode"} <= set(rl_accel._c_funcs)
    out = {}
    for side in ("with", "without"):
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / f"cache-{side}"))
        run = subprocess.run([sys.executable, "-c", ACCEL_SCRIPT, str(tmp_path / side), side],
                             env=env, cwd=REPO, check=True, capture_output=True, text=True)
        assert (int(run.stdout.split()[-1]) > 0) == (side == "with")
        out[side] = {p.name: p.read_bytes() for p in sorted((tmp_path / side).iterdir())}
    assert len(out["with"]) == 6 and out["with"] == out["without"]


@pytest.mark.parametrize("block", [
    Columns([[para("word " * 80) for _ in range(40)], [para("short")]]),
    Box("note", [Run("Tall box")], [para("word " * 5000)]),
    Table([row("Head", "Other")], [[Cell([Run("w " * 6000)]), Cell([Run("x")])]]),
], ids=["columns", "box", "table-cell"])
def test_blocks_taller_than_a_page_split(block):
    built = build_pdf(make_doc([block]), PageSetup(allow_overflow=True), Theme())
    assert built.pages >= 2
