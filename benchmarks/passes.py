"""Layout passes per bundled sheet: the full PDF builds and wrap-only measures each fit makes.

The fit counts them itself (``Fitted.builds``, ``Fitted.measures``); this
module also counts the calls of the PDF writer's ``build_pdf`` around each
sheet, so the table shows the fit's counter agreeing with what happened. Each
sheet is made with an empty cache (the fit searches), then again unchanged
(the remembered scale: one build, no measure).

    python benchmarks/passes.py      # prints the table
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
BRIEFS = ["csto", "nato", "eu", "rio", "anzus", "csto.ru"]


def sheets() -> list[tuple[str, object]]:
    """(name, callable making it) for every bundled sheet: briefs, timelines, comparisons."""
    from briefgen.sheets.brief import make_brief
    from briefgen.sheets.comparison import make_comparison

    out = []
    for b in BRIEFS:
        out.append((f"brief {b}", lambda o, b=b, **kw: make_brief(FACTS / f"{b}.yaml", output=o,
                                                                   **kw)))
    for b in BRIEFS:
        out.append((f"timeline {b}", lambda o, b=b, **kw: make_brief(
            FACTS / f"{b}.yaml", template="timeline", output=o, **kw)))
    out.append(("compare csto nato", lambda o, **kw: make_comparison(
        [FACTS / "csto.yaml", FACTS / "nato.yaml"], output=o, **kw)))
    out.append(("compare csto nato rio", lambda o, **kw: make_comparison(
        [FACTS / "csto.yaml", FACTS / "nato.yaml", FACTS / "rio.yaml"], output=o, **kw)))
    return out


def layout_passes() -> list[dict]:
    """One row per bundled sheet: pages allowed, scale, builds, measures (fit's and counted).

    A sheet that does not fit one page at the smallest type (the CSTO and Rio
    briefs until the compact sources list lands) is made with two pages allowed.
    """
    import briefgen.writers.pdf.fit as fitting
    from briefgen.errors import PageOverflowError
    from briefgen.theme.model import PageSetup
    from briefgen.writers.pdf import document as pdf

    fits: list = []
    calls = [0]
    real_fit, real_build = fitting.fit, pdf.build_pdf

    def counting_fit(*args, **kw):
        try:
            fitted = real_fit(*args, **kw)
        except PageOverflowError as exc:  # counted too: a comparison then drops its quotes
            fits.append(exc)
            raise
        fits.append(fitted)
        return fitted

    def counting_build(*args, **kw):
        calls[0] += 1
        return real_build(*args, **kw)

    rows = []
    fitting.fit, pdf.build_pdf = counting_fit, counting_build
    cache_home = os.environ.get("XDG_CACHE_HOME")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # no scale remembered yet
            for name, make in sheets():
                for pages in (1, 2):
                    del fits[:]
                    calls[0] = 0
                    try:
                        make(Path(tmp), formats=("pdf",), setup=PageSetup(pages=pages))
                    except PageOverflowError:
                        continue
                    first = list(fits)
                    del fits[:]
                    make(Path(tmp), formats=("pdf",), setup=PageSetup(pages=pages))
                    rows.append({
                        "sheet": name, "pages": pages, "scale": first[-1].scale,
                        "fits": len(first),  # a comparison may fit twice (without its quotes)
                        "most_builds_per_fit": max(f.builds for f in first + fits),
                        "builds": sum(f.builds for f in first), "measures":
                        sum(f.measures for f in first), "build_calls": calls[0]
                        - sum(f.builds for f in fits),
                        "rerun_builds": sum(f.builds for f in fits),
                        "rerun_measures": sum(f.measures for f in fits)})
                    break
    finally:
        fitting.fit, pdf.build_pdf = real_fit, real_build
        if cache_home is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = cache_home
    return rows


def print_passes(rows: list[dict]) -> None:
    """The table of :func:`layout_passes`."""
    head = (f"{'sheet':24} {'pages':>5} {'scale':>6} {'fits':>4} {'builds':>7} {'measures':>9} "
            f"{'build calls':>12} {'rerun builds':>13} {'rerun measures':>15}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['sheet']:24} {r['pages']:>5} {r['scale']:>6} {r['fits']:>4} {r['builds']:>7} "
              f"{r['measures']:>9} {r['build_calls']:>12} {r['rerun_builds']:>13} "
              f"{r['rerun_measures']:>15}")


if __name__ == "__main__":
    print_passes(layout_passes())
