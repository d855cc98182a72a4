"""Render every bundled sheet to PNGs in one folder with an index page, for review in a minute.

Run from the repository root::

    python scripts/gallery.py [--out gallery] [--dpi 60] [--only csto]

Sheets: the briefs (csto, nato, eu, rio, anzus, csto.ru), the CSTO and NATO
timelines, the 2- and 3-way comparisons; each plain and with a course theme
(accent, logo, banner), on A4 and US Letter, as the PDF briefgen writes and as
the DOCX laid out by LibreOffice (``soffice``; skipped with a note if it is not
installed). Needs poppler's ``pdftoppm``. Writes ``<out>/index.html`` with every
page, its scale and warnings, and exits non-zero if any sheet fails to build.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.theme.loader import load_theme
from briefgen.theme.model import DEFAULT_THEME, PageSetup

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
THEME = """\
accent: "#7A1F3D"
accent_light: "#F3E3E8"
banner: For training use only
header_text: "Course 101 · Regional security"
logo: logo.png
"""
SHEETS = {
    **{f"{n}-brief": ("brief", [n], "brief") for n in ("csto", "nato", "eu", "rio", "anzus",
                                                       "csto.ru")},
    "csto-timeline": ("brief", ["csto"], "timeline"),
    "nato-timeline": ("brief", ["nato"], "timeline"),
    "csto-vs-nato": ("compare", ["csto", "nato"], None),
    "csto-vs-nato-vs-eu": ("compare", ["csto", "nato", "eu"], None),
}


def themed(folder: Path):
    """The gallery's course theme (logo drawn with Pillow), loaded."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (600, 240), "#FFFFFF")
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((10, 10, 230, 230), 30, fill="#7A1F3D")
    d.rectangle((260, 70, 590, 110), fill="#7A1F3D")
    im.save(folder / "logo.png")
    (folder / "gallery.theme.yaml").write_text(THEME, encoding="utf-8")
    return load_theme(folder / "gallery.theme.yaml")[0]


def build(name: str, theme, paper: str, out: Path):
    """Build one sheet (PDF and DOCX); returns the BuildResult."""
    kind, orgs, template = SHEETS[name]
    setup = PageSetup(size=paper)
    if kind == "brief":
        return make_brief(FACTS / f"{orgs[0]}.yaml", template, output=out, setup=setup,
                          theme=theme)
    return make_comparison([FACTS / f"{o}.yaml" for o in orgs], output=out, setup=setup,
                           theme=theme)


def pngs(pdf: Path, stem: Path, dpi: int) -> list[Path]:
    """Each page of ``pdf`` as ``<stem>-<n>.png``."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(stem)], check=True)
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def libreoffice_pdf(docx: Path, work: Path) -> Path | None:
    """The DOCX as LibreOffice lays it out, or None without ``soffice``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return work / f"{docx.stem}.pdf"


def main(argv: list[str] | None = None) -> int:
    """Build, render and index every sheet; 1 if any failed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "gallery")
    ap.add_argument("--dpi", type=int, default=60)
    ap.add_argument("--only", default="", help="build only sheets whose name contains this")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rows, failed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        looks = {"plain": DEFAULT_THEME, "themed": themed(work)}
        for name in (n for n in SHEETS if args.only in n):
            for look, theme in looks.items():
                for paper in ("a4", "letter"):
                    key = f"{name}-{look}-{paper}"
                    folder = work / key
                    try:
                        result = build(name, theme, paper, folder)
                    except BriefgenError as exc:
                        failed += 1
                        rows.append((key, [], f"FAILED: {exc}"))
                        print(f"{key}: FAILED: {exc}", file=sys.stderr)
                        continue
                    pdf, docx = result.paths
                    pages = pngs(pdf, out / f"{key}-pdf", args.dpi)
                    lo = libreoffice_pdf(docx, folder)
                    if lo is not None:
                        pages += pngs(lo, out / f"{key}-docx", args.dpi)
                    note = (f"scale {result.scale:g}, {result.pages} page(s)"
                            + ("" if lo else "; DOCX not shown (no LibreOffice)")
                            + "".join(f"; warning: {w}" for w in result.warnings))
                    rows.append((key, pages, note))
                    print(f"{key}: {note}", file=sys.stderr)
    (out / "index.html").write_text(index_html(rows), encoding="utf-8")
    print(out / "index.html")
    return 1 if failed else 0


def index_html(rows) -> str:
    """One section per sheet: its note and every page (PDF first, then the DOCX's)."""
    parts = ["<!doctype html><meta charset='utf-8'><title>briefgen gallery</title>",
             "<style>body{font:14px sans-serif;margin:1em}img{border:1px solid #ccc;"
             "margin:4px;vertical-align:top}h2{font-size:15px;margin:1.2em 0 .2em}</style>",
             "<h1>briefgen: every bundled sheet</h1>"]
    for key, pages, note in rows:
        parts.append(f"<h2 id='{html.escape(key)}'>{html.escape(key)}</h2>"
                     f"<p>{html.escape(note)}</p>")
        parts += [f"<img src='{html.escape(p.name)}' title='{html.escape(p.stem)}'>"
                  for p in pages]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.exit(main())
