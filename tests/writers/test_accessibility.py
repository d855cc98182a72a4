"""Accessible outputs: every bundled sheet as a tagged PDF (PDF/UA-1) and a valid, navigable DOCX.

Independent checkers: outloud (PDF/UA-1 and WCAG) over every PDF, openxml-audit
(the Open XML SDK's schema data, through its pytest plugin) over every DOCX,
poppler's ``pdfinfo -struct-text`` for the reading order and LibreOffice's tagged
export of the DOCX; plus structure-tree assertions read with pypdf.

The expected tree of structure types per sheet lives in
``tests/writers/goldens/a11y/<sheet>.tags.txt``. A missing golden fails; after a
deliberate change, rewrite them with ``pytest --regen-goldens
tests/test_accessibility.py`` and review the diff.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SOFFICE, has
from goldens import check_golden
from pdf_structure import (
    elements,
    kids,
    marked_content,
    marking_problems,
    obj,
    parent_tree,
    ref_id,
    role,
    struct_root,
    tag_tree,
    text_of_heading_levels,
    walk,
)
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.theme.model import PageSetup

GOLDEN = Path(__file__).parent / "goldens" / "a11y"
FACTS = ROOT / "facts"


def _themed(tmp: Path):
    from PIL import Image

    from briefgen.theme.loader import load_theme

    Image.new("RGB", (300, 100), "#7A1F3D").save(tmp / "logo.png")
    (tmp / "t.theme.yaml").write_text(
        "accent: '#7A1F3D'\nbanner: For training use only\nlogo: logo.png\n"
        "header_text: Course 101\nfooter_text: Made for Course 101\n", encoding="utf-8")
    theme, size = load_theme(tmp / "t.theme.yaml")
    return make_brief(FACTS / "csto.yaml", output=tmp / "out", theme=theme,
                      setup=PageSetup(size=size or "a4", pages=CSTO_PAGES))


CSTO_PAGES = 1

SHEETS = {
    "csto-brief": lambda tmp: make_brief(FACTS / "csto.yaml", output=tmp,
                                         setup=PageSetup(pages=CSTO_PAGES)),
    "nato-brief": lambda tmp: make_brief(FACTS / "nato.yaml", output=tmp),
    "eu-brief": lambda tmp: make_brief(FACTS / "eu.yaml", output=tmp),
    "csto-timeline": lambda tmp: make_brief(FACTS / "csto.yaml", "timeline", output=tmp),
    "nato-timeline": lambda tmp: make_brief(FACTS / "nato.yaml", "timeline", output=tmp),
    "csto-vs-nato": lambda tmp: make_comparison([FACTS / "csto.yaml", FACTS / "nato.yaml"],
                                                output=tmp),
    "csto-vs-nato-vs-eu": lambda tmp: make_comparison(
        [FACTS / f"{o}.yaml" for o in ("csto", "nato", "eu")], output=tmp),
    "csto-brief-themed": _themed,
    "nato-brief-2-pages": lambda tmp: make_brief(
        FACTS / "nato.yaml", output=tmp, setup=PageSetup(pages=2, allow_overflow=True)),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each bundled sheet built once: name → (pdf path, docx path)."""
    out = {}
    for name, make in SHEETS.items():
        pdf, docx = make(tmp_path_factory.mktemp(name)).paths
        out[name] = (pdf, docx)
    return out


@pytest.fixture(params=list(SHEETS))
def sheet(request, built):
    """(name, pdf path, docx path, pypdf reader) of one bundled sheet."""
    pdf, docx = built[request.param]
    return request.param, pdf, docx, PdfReader(pdf)


# ---- the independent checkers ---------------------------------------------------

def test_outloud_finds_no_error_or_warning(sheet):
    from outloud import check

    name, pdf, _, _ = sheet
    result = check(str(pdf))
    found = [f"{f.rule} p.{f.page}: {f.message}" for f in result.sorted_findings()
             if f.severity in ("error", "warning")]
    assert result.errors == 0 and result.warnings == 0, "\n".join(found)


def test_openxml_audit_finds_nothing_in_the_docx(sheet, assert_valid_docx):
    assert_valid_docx(sheet[2])


# ---- the structure tree ---------------------------------------------------------

def test_tag_tree_matches_golden(sheet):
    name, _, _, reader = sheet
    got = tag_tree(reader)
    check_golden(GOLDEN / f"{name}.tags.txt", got)


def test_all_content_marked_no_nested_mcids_and_parent_tree_consistent(sheet):
    assert marking_problems(sheet[3]) == []


def test_catalogue_says_tagged_language_title_and_pdfua(sheet):
    name, _, _, reader = sheet
    root = obj(reader.trailer["/Root"])
    assert obj(root["/MarkInfo"])["/Marked"] is True or obj(root["/MarkInfo"])["/Marked"]
    assert str(root["/Lang"]) == "en"
    assert obj(root["/ViewerPreferences"])["/DisplayDocTitle"]
    xmp = obj(root["/Metadata"]).get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    title = re.search(r'<rdf:li xml:lang="x-default">(.*?)</rdf:li>', xmp).group(1)
    assert title and title.replace("&amp;", "&") == reader.metadata.title
    roles = obj(obj(root["/StructTreeRoot"]).get("/RoleMap", {}))
    assert all(str(v) == "/Sect" for v in roles.values())


def test_headings_start_at_h1_and_skip_no_level(sheet):
    levels = text_of_heading_levels(sheet[3])
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_table_headers_have_scope_and_lists_have_labels(sheet):
    doc = struct_root(sheet[3])
    for el in walk(doc):
        if role(el) == "TH":
            assert str(obj(el["/A"])["/Scope"]) in ("/Column", "/Row")
        if role(el) == "LI":
            assert [role(k) for k in elements(el)] == ["Lbl", "LBody"]


def test_figures_carry_the_docx_alt_text(sheet):
    name, _, docx, reader = sheet
    figures = [e for e in walk(struct_root(reader)) if role(e) == "Figure"]
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    descr = [d for d in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body) if d]  # not the logo
    assert [str(f["/Alt"]) for f in figures] == [_unescape(d) for d in descr]
    if "timeline" in name:
        assert figures and len(str(figures[0]["/Alt"])) > 40
        assert "BBox" in str(obj(figures[0]["/A"]))


def test_every_link_annotation_is_wired_to_a_link_element(sheet):
    _, _, _, reader = sheet
    tree = parent_tree(reader)
    count = 0
    for page in reader.pages:
        for annot in map(obj, page.get("/Annots", [])):
            count += 1
            assert str(page["/Tabs"]) == "/S"
            assert str(annot["/Contents"]).strip() and int(annot["/F"]) & 4
            link = obj(tree[int(annot["/StructParent"])])
            assert role(link) == "Link"
            objrs = [k for k in kids(link) if isinstance(k, DictionaryObject)
                     and k.get("/Type") == "/OBJR"]
            assert ref_id(annot.indirect_reference) in [ref_id(k.raw_get("/Obj")) for k in objrs]
    assert count > 0


def test_citation_markers_link_to_their_sources_entry(built):
    reader = PdfReader(built["csto-brief"][0])
    pages = {ref_id(p.indirect_reference): n for n, p in enumerate(reader.pages)}
    page = reader.pages[0]
    internal = [obj(a) for a in page["/Annots"] if "/Dest" in obj(a)]
    assert internal, "no internal links"
    for annot in internal:
        assert re.match(r"Source \d+: \S", str(annot["/Contents"]))
        dest = obj(annot["/Dest"])
        target = pages[ref_id(dest[0])]
        assert target >= 0
        if target == 0:  # on the same page, the Sources list is below the text
            assert float(dest[3]) < float(annot["/Rect"][1])


def test_a_sheet_over_two_pages_has_an_outline_of_its_headings(built):
    reader = PdfReader(built["nato-brief-2-pages"][0])
    assert len(reader.pages) == 2
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert top[0].title == reader.metadata.title and len(top) == 1
    sections = reader.outline[1]
    assert "Sources" in sections[-1].title
    assert {reader.get_destination_page_number(o) for o in sections} == {0, 1}


def test_each_build_gets_fresh_tagging_state(built):
    from briefgen.document.model import Document, Paragraph, Run
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers.pdf.document import render_pdf

    doc = Document("T", [Paragraph([Run("x")])], {})
    a = render_pdf(doc, PageSetup(), DEFAULT_THEME)
    b = render_pdf(doc, PageSetup(), DEFAULT_THEME)
    assert a == b and PdfReader(io.BytesIO(a)).pages[0]["/StructParents"] == 0


@pytest.mark.skipif(not has("pdfinfo"), reason="poppler (pdfinfo) is not installed")
def test_poppler_reads_the_csto_brief_in_order(built):
    out = subprocess.run(["pdfinfo", "-struct-text", str(built["csto-brief"][0])],
                         capture_output=True, text=True, check=True).stdout
    text = " ".join(re.findall(r'"(.*)"', out))
    words = ["Collective Security Treaty Organization", "Key facts", "Founding treaty",
             "Headquarters: Moscow", "If one of the Participating States", "What the clause obliges",
             "Sources", "Collective Security Treaty"]
    pos = [text.find(w, (text.find(words[i - 1]) + 1) if i else 0) for i, w in enumerate(words)]
    assert -1 not in pos and pos == sorted(pos), list(zip(words, pos, strict=True))
    assert "membershipover" not in text.replace(" ", "") or "membership over" in text
    assert "\ufffd" not in text


# ---- the DOCX -------------------------------------------------------------------

def _unescape(s: str) -> str:
    return s.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _part(docx: Path, name: str) -> str:
    return zipfile.ZipFile(docx).read(name).decode("utf-8")


def test_docx_heading_styles_have_outline_levels_and_no_style_is_named_figure(built):
    styles = _part(built["csto-brief"][1], "word/styles.xml")
    levels = {}
    for m in re.finditer(r'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>', styles, re.S):
        lvl = re.search(r'<w:outlineLvl w:val="(\d)"/>', m.group(0))
        if lvl:
            levels[m.group(1)] = int(lvl.group(1))
    ours = {"Title": 0, "Heading1": 0, "Heading2": 1, "Heading3": 2, "SourcesHeading": 1,
            "BoxTitle": 1}
    assert {k: levels.get(k) for k in ours} == ours
    assert 'w:val="Figure"/>' not in styles


def test_docx_pictures_tables_and_language(built, tmp_path, mini_facts):
    body = _part(built["csto-timeline"][1], "word/document.xml")
    doc_pr = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"[^>]*title="([^"]*)"', body)
    c_nv_pr = re.findall(r'<pic:cNvPr [^>]*descr="([^"]*)"', body)
    assert doc_pr and [d for d, _ in doc_pr] == c_nv_pr
    assert all(len(t) <= 80 and not t.endswith(" ") for _, t in doc_pr)
    compare = _part(built["csto-vs-nato"][1], "word/document.xml")
    assert re.search(r'<w:tblCaption w:val="[^"]+"/><w:tblDescription w:val="[^"]+"/>', compare)
    assert "<w:tblHeader/>" in compare
    brief = _part(built["csto-brief"][1], "word/document.xml")
    for tbl in re.findall(r"<w:tbl>.*?</w:tbl>", brief, re.S):  # the key-facts panel
        if "BriefBox" in tbl:
            assert 'w:firstRow="0"' in tbl and "tblHeader" not in tbl and "tblCaption" not in tbl
    ru = tmp_path / "ru.yaml"
    ru.write_text(mini_facts.read_text(encoding="utf-8").replace("language: en", "language: ru"),
                  encoding="utf-8")
    pdf, docx = make_brief(ru, output=tmp_path).paths
    assert '<w:lang w:val="ru"' in _part(docx, "word/styles.xml")
    assert "<dc:language>ru</dc:language>" in _part(docx, "docProps/core.xml")
    assert str(obj(PdfReader(pdf).trailer["/Root"])["/Lang"]) == "ru"


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_tagged_export_of_the_docx_has_headings_and_figure_alt(built, tmp_path):
    docx = built["csto-timeline"][1]
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to",
                    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
                    "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / f"{docx.stem}.pdf")
    els = list(walk(struct_root(reader)))
    roles = [role(e) for e in els]
    assert roles.count("H1") == 1 and "H2" in roles
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    alt = _unescape(re.search(r'<wp:docPr [^>]*descr="([^"]*)"', body).group(1))
    figures = [e for e in els if role(e) == "Figure"]
    assert figures and alt in str(figures[0]["/Alt"])


def test_a_header_row_repeated_on_a_later_page_is_an_artifact():
    from briefgen.document.model import Cell, Document, Run, Table
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers.pdf.document import render_pdf

    head = [[Cell([Run("Member")]), Cell([Run("Joined")])]]
    rows = [[Cell([Run(f"State {i}", bold=True)]), Cell([Run(str(1950 + i))])] for i in range(90)]
    doc = Document("Long table", [Table(head, rows)], {})
    reader = PdfReader(io.BytesIO(render_pdf(doc, PageSetup(pages=3, allow_overflow=True),
                                             DEFAULT_THEME)))
    assert len(reader.pages) >= 2 and "Member" in reader.pages[1].extract_text()
    els = list(walk(struct_root(reader)))
    assert [role(e) for e in els].count("TH") == 2 + 90  # the header once, and the row labels
    assert [role(e) for e in els].count("TR") == 91
    for i in range(len(reader.pages)):
        assert marked_content(reader, i)[1] == []
