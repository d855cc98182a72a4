"""The cost of PDF tagging (PDF/UA-1) per page, on every bundled sheet.

Tagging is woven into the writer (each handler opens its structure element;
the canvas wraps drawing in marked content; a post-pass writes the structure
tree), so it has no off switch to time against. This script profiles whole PDF
builds and adds up the time spent *inside* the tagging modules
(``briefgen.writers.pdf.tags``, ``tagcanvas``, ``struct``: their own time, not
the reportlab calls they make), per page built. The profiler slows everything
about equally, so the figure is taken as a share of the build, and that share
times the build's unprofiled time is the estimate in milliseconds. It leaves
out the extra marked-content operators reportlab writes for the tags; a
by-hand A/B on the 2-page CSTO brief (best of 40, before and after tagging
landed) put the whole cost near 10 ms a page. Budget (issue 16): at most
20 ms per page.

    python benchmarks/tagging.py [--reps 5]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

TAGGING_MODULES = ("writers/pdf/tags.py", "writers/pdf/tagcanvas.py", "writers/pdf/struct.py")
BUDGET_MS_PER_PAGE = 20.0


def documents():
    """(name, document tree, page setup) of every bundled brief and timeline at its fitted size."""
    from passes import BRIEFS, FACTS

    from briefgen.errors import PageOverflowError
    from briefgen.facts import load_facts
    from briefgen.sheets.brief import brief_document
    from briefgen.templating.selection import Room
    from briefgen.theme.model import DEFAULT_THEME, PageSetup
    from briefgen.writers.pdf.fit import fit

    out = []
    for name in BRIEFS:
        for template in ("brief", "timeline"):
            room = Room()  # as `briefgen brief` builds it: the fitting cuts included
            while True:
                doc, _ = brief_document(load_facts(FACTS / f"{name}.yaml"), template, room=room)
                try:
                    fit(doc, PageSetup(), DEFAULT_THEME)
                    break
                except PageOverflowError:
                    if not room.shrink():
                        break
            out.append((f"{template} {name}", doc, PageSetup()))
    return out


def measure(reps: int) -> list[dict]:
    """One row per sheet: pages, build ms (unprofiled), tagging share and ms per page."""
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers.pdf.document import build_pdf
    from briefgen.writers.pdf.fit import fit

    rows = []
    for name, doc, setup in documents():
        scale = fit(doc, setup, DEFAULT_THEME).scale
        build_pdf(doc, setup, DEFAULT_THEME, scale)  # warm: fonts, imports
        start = time.process_time()
        for _ in range(reps):
            built = build_pdf(doc, setup, DEFAULT_THEME, scale)
        plain_ms = (time.process_time() - start) * 1000 / reps
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(reps):
            build_pdf(doc, setup, DEFAULT_THEME, scale)
        profile.disable()
        stats = pstats.Stats(profile).stats
        total = sum(tt for (_, _, _, tt, _) in stats.values())
        tagging = sum(tt for (file, _, _), (_, _, _, tt, _) in stats.items()
                      if file.replace("\\", "/").endswith(TAGGING_MODULES))
        share = tagging / total if total else 0.0
        rows.append({"sheet": name, "pages": built.pages, "build_ms": round(plain_ms, 1),
                     "tagging_share": round(share, 3),
                     "tagging_ms_per_page": round(share * plain_ms / built.pages, 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 when a sheet's tagging is over the budget."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5, help="builds per sheet (default 5)")
    args = ap.parse_args(argv)
    rows = measure(args.reps)
    print(f"{'sheet':<20} {'pages':>5} {'build ms':>9} {'tagging':>8} {'ms/page':>8}")
    for r in rows:
        print(f"{r['sheet']:<20} {r['pages']:>5} {r['build_ms']:>9.1f} "
              f"{r['tagging_share']:>7.1%} {r['tagging_ms_per_page']:>8.2f}")
    worst = max(r["tagging_ms_per_page"] for r in rows)
    print(f"most: {worst:.2f} ms per page (budget {BUDGET_MS_PER_PAGE:g})")
    return 0 if worst <= BUDGET_MS_PER_PAGE else 1


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
