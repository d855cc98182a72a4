"""Every bundled sheet, on both paper sizes: the set the look tests and the layout goldens read.

``SHEETS`` maps a sheet name to a function ``(output folder, paper) -> BuildResult``
(``formats=``; ``whole=True``: nothing left out to fit, every format the whole sheet,
on as many pages as it takes).
"""

from __future__ import annotations

from pathlib import Path

from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.theme.model import PageSetup

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
PAPERS = ("a4", "letter")


def _brief(name: str, template: str = "brief"):
    def make(out: Path, paper: str, formats=("pdf",), whole: bool = False):
        return make_brief(FACTS / f"{name}.yaml", template, formats=formats, output=out,
                          setup=PageSetup(size=paper, allow_overflow=whole))
    return make


def _compare(*names: str):
    def make(out: Path, paper: str, formats=("pdf",), whole: bool = False):
        return make_comparison([FACTS / f"{n}.yaml" for n in names], formats=formats,
                               output=out, setup=PageSetup(size=paper, allow_overflow=whole))
    return make


SHEETS = {
    "csto-brief": _brief("csto"),
    "csto.ru-brief": _brief("csto.ru"),
    "nato-brief": _brief("nato"),
    "eu-brief": _brief("eu"),
    "rio-brief": _brief("rio"),
    "anzus-brief": _brief("anzus"),
    "csto-timeline": _brief("csto", "timeline"),
    "nato-timeline": _brief("nato", "timeline"),
    "csto-vs-nato": _compare("csto", "nato"),
    "csto-vs-nato-vs-eu": _compare("csto", "nato", "eu"),
}


def build_all(tmp_path_factory) -> dict:
    """(sheet, paper) → BuildResult for every bundled sheet, PDF only (the ``bundled_pdfs`` fixture)."""
    out = {}
    for name, make in SHEETS.items():
        for paper in PAPERS:
            out[(name, paper)] = make(tmp_path_factory.mktemp(f"{name}-{paper}"), paper)
    return out
