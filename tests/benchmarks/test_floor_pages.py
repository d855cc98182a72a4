"""The benchmark's floor writes the shape of the sheet it is compared with: one A4 page.

The floor (benchmarks/floor.py) is what briefgen's speed is measured against; a
floor that wrote two PDF pages and five DOCX pages would set a different job
from briefgen's one-page sheet. Checked with independent readers: pypdf and
poppler's ``pdfinfo`` for the PDF, LibreOffice's own layout of the DOCX
(``soffice --convert-to pdf``), over synthetic facts files (what the benchmark
times) and the bundled CSTO and NATO facts (which must shrink to fit).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SOFFICE
from pypdf import PdfReader

sys.path.insert(0, str(ROOT / "benchmarks"))
import floor  # noqa: E402
import synth  # noqa: E402

sys.path.remove(str(ROOT / "benchmarks"))


def _pages_pdfinfo(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(ln.split()[-1] for ln in out.stdout.splitlines() if ln.startswith("Pages:")))


@pytest.mark.slow  # LibreOffice lays out every DOCX
def test_the_floor_writes_one_pdf_page_and_one_docx_page(tmp_path):
    if not SOFFICE or not shutil.which("pdfinfo"):
        pytest.skip("LibreOffice and poppler's pdfinfo are needed")
    files = synth.generate(12, tmp_path / "facts", seed=3)
    files += [ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml"]
    out = tmp_path / "out"
    out.mkdir()
    for f in files:
        floor.write_pair(f, out)
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(files)
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) == 1, pdf.name
        assert _pages_pdfinfo(pdf) == 1, pdf.name
    # the shrunk page still holds everything: the title and the last source's address
    csto = floor.load(ROOT / "facts" / "csto.yaml")
    text = subprocess.run(["pdftotext", "-layout", str(out / "csto.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Collective Security Treaty" in text
    last_url = csto[-1][1][-1].rsplit(" ", 1)[-1]
    assert last_url[-12:] in "".join(text.split()), last_url
    assert floor.pdf_and_scale(csto)[1] < 1.0  # the bundled CSTO facts had to shrink

    lo = tmp_path / "lo"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(lo),
                    *map(str, sorted(out.glob("*.docx")))],
                   check=True, capture_output=True, timeout=600)
    converted = sorted(lo.glob("*.pdf"))
    assert len(converted) == len(files)
    for pdf in converted:
        assert len(PdfReader(pdf).pages) == 1, f"{pdf.name}: the DOCX takes more than one page"
