"""Parity: the HTML page says what the PDF and the DOCX say, and cites the same sources.

Each sheet is built once in the three formats. Every paragraph and list item of
the page's main content (claims, with their citation numbers) must be found in
the PDF's text (poppler's ``pdftotext -raw``) and in the DOCX's text, compared
letters and digits only (line breaks, hyphenation and spacing differ by format);
the sources list must name the same sources with the same links in the same
order as the PDF's link annotations (pypdf) and the DOCX's hyperlinks.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter

import pytest
from bundled_sheets import SHEETS
from conftest import has
from lxml import etree
from lxml import html as lhtml

CASES = ["csto-brief", "csto.ru-brief", "csto-vs-nato", "csto-vs-nato-vs-eu", "csto-timeline"]
CITATION = re.compile(r"\[\d+(?:,\s*\d+)*\]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def letters(text: str) -> str:
    """Only the letters and digits of ``text``, case-folded (a hyphen or line break is not a difference)."""
    return "".join(re.findall(r"[^\W_]+", text.casefold()))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each case as PDF, DOCX and HTML from one build, every format the whole sheet.

    The parity is of rendering: where a page cannot hold everything, the PDF and the DOCX
    leave items out and the HTML page does not (tests/sheets/test_cuts_per_format.py), so
    here nothing is left out (``--allow-overflow``).
    """
    out = {}
    for name in CASES:
        paths = SHEETS[name](tmp_path_factory.mktemp(name), "a4", formats=("pdf", "docx", "html"),
                             whole=True).paths
        out[name] = {p.suffix[1:]: p for p in paths}
    return out


def html_claims(root) -> list[str]:
    """The text of each paragraph and list item of the page's main content, sources excluded."""
    main = root.find(".//main")
    items = main.xpath(".//p[not(ancestor::li)] | .//li[not(ancestor::ol[@class='sources'])]"
                       " | .//figcaption | .//td | .//th[not(ancestor::details)]")
    return [el.text_content() for el in items
            if not el.xpath("ancestor::details") and el.text_content().strip()]


def pdf_text(path) -> str:
    """The PDF's text in content order, through poppler."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def docx_text_and_links(path) -> tuple[str, list[str]]:
    """All text of the DOCX body (tables too) and its hyperlink targets in document order."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    text = " ".join(t.text or "" for t in body.iter(f"{W}t"))
    links = [targets[h.get(R_ID)] for h in body.iter(f"{W}hyperlink") if h.get(R_ID)]
    return text, links


def pdf_links(path) -> list[str]:
    """The URIs of the PDF's link annotations, in page order."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if action.get("/URI"):
                out.append(str(action["/URI"]))
    return out


@pytest.mark.parametrize("name", CASES)
def test_same_claims_and_citations_as_pdf_and_docx(built, name):
    """Every claim of the page, with its citation numbers, is in the PDF and in the DOCX."""
    if not has("pdftotext"):
        pytest.skip("poppler (pdftotext) is not installed")
    root = lhtml.document_fromstring(built[name]["html"].read_text(encoding="utf-8"))
    claims = html_claims(root)
    assert len(claims) >= 8
    pdf = letters(pdf_text(built[name]["pdf"]))
    docx = letters(docx_text_and_links(built[name]["docx"])[0])
    for claim in claims:
        assert letters(claim) in pdf, f"not in the PDF: {claim[:80]!r}"
        assert letters(claim) in docx, f"not in the DOCX: {claim[:80]!r}"
    cites = Counter(re.sub(r"\s", "", c.text_content()) for c in root.xpath("//main//span[@class='cite']"))
    assert cites == Counter(re.sub(r"\s", "", c) for c in CITATION.findall(pdf_text(built[name]["pdf"])))


@pytest.mark.parametrize("name", CASES)
def test_same_sources_in_the_same_order(built, name):
    """The numbered sources: same titles and links, in the same order, in all three formats."""
    root = lhtml.document_fromstring(built[name]["html"].read_text(encoding="utf-8"))
    entries = root.xpath("//ol[@class='sources']/li")
    html_links = [li.xpath("./a[@class='source-link']/@href")[0] for li in entries]
    docx_text, docx_links = docx_text_and_links(built[name]["docx"])
    assert [u for u in docx_links if u in html_links] == html_links
    assert [u for u in dict.fromkeys(pdf_links(built[name]["pdf"])) if u in html_links] == html_links
    cited = {int(n) for n in root.xpath("//a[@class='cite-link']/text()")}
    assert cited == set(range(1, len(entries) + 1))
    if has("pdftotext"):
        pdf = letters(pdf_text(built[name]["pdf"]))
        for li in entries:
            title = li.text_content().split(li.xpath("./a[@class='source-link']")[0].text_content())[0]
            assert letters(title) in pdf and letters(title) in letters(docx_text), title


def test_no_diagnostics_on_the_page(built):
    """Warnings go to stderr, never onto a handout."""
    for name in CASES:
        text = built[name]["html"].read_text(encoding="utf-8")
        assert "BG0" not in text and "Traceback" not in text and "warning" not in text.lower()
