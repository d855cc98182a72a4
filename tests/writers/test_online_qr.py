"""Paper to screen: the QR code to a sheet's online version on the PDF and the DOCX.

Read back by independent readers: poppler draws the PDF page, LibreOffice the
DOCX, and zxing-cpp decodes the code from those pictures (and from the DOCX's
own image); pypdf reads the structure tree and the link annotation, python's
zipfile and lxml the DOCX's XML; outloud checks the tagged PDF.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, has
from lxml import etree
from pdf_structure import kids, role, struct_root, walk
from pypdf import PdfReader

import briefgen

BASE = "https://courses.example.edu/alliances"
FACTS = ROOT / "facts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _zxing():
    try:
        import zxingcpp
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must decode the QR codes: pip install zxing-cpp (the test extra)")
        pytest.skip("zxing-cpp is not installed (pip install -e '.[test]')")
    return zxingcpp


def decoded(png: bytes | Path) -> list[str]:
    """The texts of every QR code zxing-cpp finds in a picture."""
    from PIL import Image

    zxingcpp = _zxing()
    image = Image.open(png if isinstance(png, Path) else io.BytesIO(png))
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def page_png(pdf: Path, tmp: Path, dpi: int = 150) -> Path:
    """The first page of ``pdf`` drawn by poppler."""
    if not has("pdftoppm"):
        pytest.skip("poppler (pdftoppm) is not installed")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp / "page")], check=True, capture_output=True, timeout=60)
    return tmp / "page.png"


@pytest.fixture(scope="module")
def online(tmp_path_factory):
    """The NATO brief with a QR code (PDF and DOCX), and the Russian CSTO brief's PDF."""
    out = tmp_path_factory.mktemp("online")
    sheet = briefgen.build_brief(FACTS / "nato.yaml", formats=["pdf", "docx"], output=out,
                                 online_url=BASE)
    ru = briefgen.build_brief(FACTS / "csto.ru.yaml", formats=["pdf"], output=out,
                              online_url=BASE + "/")
    return {"pdf": sheet.paths[0], "docx": sheet.paths[1], "ru": ru.paths[0],
            "url": f"{BASE}/nato-brief.html"}


# ---- the PDF ------------------------------------------------------------------

def test_the_printed_pdf_page_carries_a_code_to_the_sheets_page(online, tmp_path):
    assert decoded(page_png(online["pdf"], tmp_path)) == [online["url"]]


def _qr_links(pdf: Path) -> list:
    reader = PdfReader(pdf)
    return [el for el in walk(struct_root(reader)) if role(el) == "Link"
            and any(isinstance(k, dict) and k.get("/S") == "/Figure" for k in kids(el))]


def test_the_code_is_a_tagged_link_holding_a_described_figure(online):
    (link,) = _qr_links(online["pdf"])
    (figure,) = [k for k in kids(link) if isinstance(k, dict) and k.get("/S") == "/Figure"]
    assert online["url"] in figure["/Alt"] and figure["/Alt"].startswith("QR code")
    (objr,) = [k for k in kids(link) if isinstance(k, dict) and k.get("/Type") == "/OBJR"]
    annot = objr["/Obj"].get_object()
    assert annot["/Subtype"] == "/Link" and annot["/A"]["/URI"] == online["url"]
    assert annot["/Contents"] == figure["/Alt"]  # what a screen reader says of the link
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    bx0, by0, bx1, by1 = (float(v) for v in figure["/A"]["/BBox"])
    assert abs(x0 - bx0) < 1 and abs(y1 - by1) < 1 and 40 < x1 - x0 < 50  # 16 mm, over the code


def test_outloud_passes_the_sheet_with_its_code(online):
    from outloud import check

    result = check(str(online["pdf"]))
    found = [f"{f.rule}: {f.message}" for f in result.sorted_findings()
             if f.severity in ("error", "warning")]
    assert result.errors == 0 and result.warnings == 0, "\n".join(found)


def test_a_russian_sheet_says_what_the_code_is_in_russian(online, tmp_path):
    (link,) = _qr_links(online["ru"])
    assert link["/Alt"].startswith("QR-код") and link["/Alt"].endswith("/csto-ru-brief.html")
    assert decoded(page_png(online["ru"], tmp_path)) == [f"{BASE}/csto-ru-brief.html"]


# ---- the DOCX -----------------------------------------------------------------

def _docx_parts(path: Path) -> tuple[etree._Element, etree._Element, zipfile.ZipFile]:
    z = zipfile.ZipFile(path)
    return (etree.fromstring(z.read("word/document.xml")),
            etree.fromstring(z.read("word/_rels/document.xml.rels")), z)


def test_the_docx_code_is_a_linked_described_picture_that_decodes(online):
    body, rels, z = _docx_parts(online["docx"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    pictures = [(link, draw) for link in body.iter(f"{{{W}}}hyperlink")
                for draw in link.iter(f"{{{W}}}drawing")]
    assert len(pictures) == 1
    link, draw = pictures[0]
    assert targets[link.get(f"{{{R}}}id")] == online["url"]
    (doc_pr,) = draw.iter(f"{{{WP}}}docPr")
    assert online["url"] in doc_pr.get("descr") and doc_pr.get("title")
    (click,) = doc_pr.iter(f"{{{A}}}hlinkClick")
    assert targets[click.get(f"{{{R}}}id")] == online["url"]
    (blip,) = draw.iter(f"{{{A}}}blip")
    image = "word/" + targets[blip.get(f"{{{R}}}embed")]
    assert decoded(z.read(image)) == [online["url"]]


def test_openxml_audit_passes_the_docx_with_its_code(online, assert_valid_docx):
    assert_valid_docx(online["docx"])


def test_libreoffice_lays_the_docx_out_on_one_page_with_a_working_code(online, libreoffice,
                                                                       tmp_path):
    pdf = libreoffice(online["docx"].read_bytes(), "nato-online")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    uris = [a.get_object()["/A"].get("/URI") for a in reader.pages[0].get("/Annots", [])
            if "/A" in a.get_object()]
    assert online["url"] in uris  # the picture is clickable in LibreOffice's PDF too
    assert decoded(page_png(pdf, tmp_path)) == [online["url"]]


# ---- the addresses ----------------------------------------------------------

@pytest.mark.parametrize("url, why", [
    ("javascript:alert(1)", "not an https:// address"),
    ("http://courses.example.edu/", "not an https:// address"),
    ("file:///srv/course/", "not an https:// address"),
    ("data:text/html,x", "not an https:// address"),
    ("courses.example.edu/alliances/", "not an https:// address"),
    ("https://nato.int@evil.example/", "hides its host"),
    ("https://courses.example.edu\\share\\", "backslash"),
    ("https://www.n\u0430to.int/course/", "mixes scripts"),
    ("https://courses.example.edu/a?lang=en", "query or fragment"),
    ("https://courses.example.edu/a/#top", "query or fragment"),
    ("https://courses.example.edu/" + "a" * 90, "characters long"),
])
def test_an_address_a_code_may_not_lead_to_is_refused(url, why):
    from briefgen.document.online import check_online_base

    base, problem = check_online_base(url)
    assert base is None and why in problem


@pytest.mark.parametrize("url, base", [
    ("https://courses.example.edu/alliances", "https://courses.example.edu/alliances/"),
    (" https://courses.example.edu/ ", "https://courses.example.edu/"),
    ("https://courses.example.edu/a b/", "https://courses.example.edu/a%20b/"),
])
def test_a_course_address_becomes_a_folder(url, base):
    from briefgen.document.online import check_online_base, online_address

    assert check_online_base(url) == (base, None)
    assert online_address(base, "x y.html") == base + "x%20y.html"


def test_the_option_refuses_a_bad_address_before_anything_is_written(tmp_path):
    from click.testing import CliRunner

    from briefgen.cli import cli

    result = CliRunner().invoke(cli, ["brief", str(FACTS / "nato.yaml"), "-o", str(tmp_path),
                                      "--online-url", "javascript:alert(1)"])
    assert result.exit_code == 2 and "--online-url" in result.stderr
    assert "Traceback" not in result.stderr and not list(tmp_path.iterdir())


def test_a_manifest_names_its_bad_online_url_with_its_line(tmp_path):
    from briefgen.course.manifest import load_manifest
    from briefgen.errors import InputError

    (tmp_path / "course.yaml").write_text(
        f"title: T\nonline_url: http://courses.example.edu/\njobs:\n  - facts: {FACTS}/nato.yaml\n",
        encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_manifest(tmp_path / "course.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 2 and problem.code == "BG549" and "https" in problem.message


def test_a_course_prints_each_sheet_its_own_code_and_rebuilds_when_the_address_moves(tmp_path):
    course = tmp_path / "course.yaml"

    def manifest(url: str | None) -> None:
        course.write_text(("" if url is None else f"online_url: {url}\n")
                          + f"defaults:\n  formats: [pdf]\njobs:\n  - facts: {FACTS}/anzus.yaml\n"
                          f"  - kind: timeline\n    facts: {FACTS}/anzus.yaml\n", encoding="utf-8")

    manifest(None)
    assert briefgen.build_course(course).built == ["anzus-brief", "anzus-timeline"]
    assert not _qr_links(tmp_path / "out" / "anzus-brief.pdf")
    manifest(BASE)
    assert briefgen.build_course(course).built == ["anzus-brief", "anzus-timeline"]
    for name in ("anzus-brief", "anzus-timeline"):
        assert decoded(page_png(tmp_path / "out" / f"{name}.pdf", tmp_path)) == [
            f"{BASE}/{name}.html"]
    assert briefgen.build_course(course).built == []  # unchanged: nothing to rebuild


BUNDLED = {  # every bundled sheet (tests/bundled_sheets.py), as the API builds it with a code
    "csto-brief": ("csto",), "csto-ru-brief": ("csto.ru",), "nato-brief": ("nato",),
    "eu-brief": ("eu",), "rio-brief": ("rio",), "anzus-brief": ("anzus",),
    "csto-timeline": ("csto", "timeline"), "nato-timeline": ("nato", "timeline"),
    "csto-vs-nato": ("csto", "nato"), "csto-vs-nato-vs-eu": ("csto", "nato", "eu"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BUNDLED))
def test_every_bundled_sheet_with_its_code_stays_one_page(name, tmp_path, libreoffice):
    args = BUNDLED[name]
    if name.endswith("-brief") or name.endswith("-timeline"):
        sheet = briefgen.build_brief(FACTS / f"{args[0]}.yaml", template=args[-1] if len(args) > 1
                                     else "brief", output=tmp_path, online_url=BASE)
    else:
        sheet = briefgen.build_comparison([FACTS / f"{o}.yaml" for o in args], output=tmp_path,
                                          online_url=BASE)
    pdf, docx = sheet.paths
    assert pdf.stem == name and len(PdfReader(pdf).pages) == 1
    assert decoded(page_png(pdf, tmp_path)) == [f"{BASE}/{name}.html"]
    assert len(PdfReader(libreoffice(docx.read_bytes(), name)).pages) == 1
