"""A source's ``archived:`` copy is printed and linked beside its URL, in the PDF and the DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from briefgen.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data"
SNAP = "https://web.archive.org/web/20261101000000/https://example.org/mta/treaty"


def build(tmp_path, source: Path, lang_file: str):
    text = source.read_text("utf-8").replace(
        "    url: https://example.org/mta/treaty\n",
        f"    url: https://example.org/mta/treaty\n    archived: {SNAP}\n", 1)
    assert SNAP in text
    facts = tmp_path / lang_file
    facts.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["brief", str(facts), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    return sorted((tmp_path / "out").iterdir())


def pdf_links(path: Path) -> list[str]:
    out = []
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def docx_links(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    from lxml import etree

    tree = etree.fromstring(rels.encode())
    return [r.get("Target") for r in tree if r.get("TargetMode") == "External"]


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize("source, word", [(DATA / "mini.yaml", "archived"),
                                          (DATA / "ru" / "mini.ru.yaml", "архив")])
def test_the_archived_copy_is_linked_beside_the_live_url(tmp_path, source, word):
    docx_file, pdf_file = build(tmp_path, source, source.name)
    assert SNAP in pdf_links(pdf_file) and "https://example.org/mta/treaty" in pdf_links(pdf_file)
    assert SNAP in docx_links(docx_file)
    assert f"example.org/mta/treaty ({word})" in docx_text(docx_file)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(pdf_file), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert f"({word})" in " ".join(text.split())
    assert len(pypdf.PdfReader(pdf_file).pages) == 1


def test_the_sheet_with_an_archived_link_stays_accessible_and_valid(tmp_path, assert_valid_docx):
    from outloud import check
    from pdf_structure import marking_problems

    docx_file, pdf_file = build(tmp_path, DATA / "mini.yaml", "mini.yaml")
    result = check(str(pdf_file))
    found = [f"{f.rule} p.{f.page}: {f.message}" for f in result.sorted_findings()
             if f.severity in ("error", "warning")]
    assert result.errors == 0 and result.warnings == 0, "\n".join(found)
    assert marking_problems(pypdf.PdfReader(pdf_file)) == []
    assert_valid_docx(docx_file)


def test_a_sheet_without_archived_copies_prints_no_archived_word(tmp_path):
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 0
    [docx_file] = tmp_path.glob("*.docx")
    assert "(archived)" not in docx_text(docx_file)


def test_a_change_sheet_links_the_archived_copies_of_the_sources_it_cites(tmp_path):
    """The change sheet's sources keep their ``archived:`` copies (in HTML, PDF and DOCX)."""
    import sys

    from lxml import html as lhtml

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "changes"))
    from pairs import NEW, OLD

    snap = "https://web.archive.org/web/20260830000000/"
    new = re.sub(r"^    url: (\S+)$", rf"    url: \1\n    archived: {snap}\1", NEW, flags=re.M)
    assert new.count(snap) == 4
    (tmp_path / "old.yaml").write_text(OLD, "utf-8")
    (tmp_path / "new.yaml").write_text(new, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"),
                                      "-f", "html", "-f", "pdf", "-f", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    root = lhtml.document_fromstring((out / "ally-changes.html").read_text("utf-8"))
    entries = root.xpath("//ol[li[contains(@id, '-src1')]]/li")
    assert len(entries) >= 2
    for li in entries:
        live = li.xpath(".//a[@class='source-link']/@href")[0]
        assert li.xpath(f".//a[@href='{snap}{live}'][.='archived']"), live
    archived = {f"{snap}{li.xpath('.//a/@href')[0]}" for li in entries}
    assert archived <= set(pdf_links(out / "ally-changes.pdf"))
    assert archived <= set(docx_links(out / "ally-changes.docx"))
