"""The fit as it was before it measured: build, and step down until the PDF fits (a test oracle).

``search_scale(..., exhaustive=True)`` builds every step from 1.0 down until one
fits: by definition the largest step that fits, which the measuring fit in
:mod:`briefgen.writers.pdf.fit` must find too. ``exhaustive=False`` is the old skip-ahead
search (a step whose estimate from the last build is over 104 % of the page was
not built), kept to show the measuring fit never chooses smaller type than it.
"""

from __future__ import annotations

from briefgen.theme.model import PageSetup, Theme
from briefgen.writers.pdf.fit import scale_steps


def search_scale(doc, setup: PageSetup, theme: Theme, exhaustive: bool = True
                 ) -> tuple[float | None, int]:
    """(largest fitting step or None if even the floor overflows, number of builds made)."""
    from briefgen.writers.pdf.document import build_pdf

    result = build_pdf(doc, setup, theme, 1.0)
    builds, scale = 1, 1.0
    if result.pages <= setup.pages:
        return 1.0, builds
    capacity = setup.pages * result.frame_height
    steps = scale_steps(theme)
    for step in steps:
        estimate = result.used_height * (step / scale) ** 2
        if not exhaustive and estimate > capacity * 1.04 and step != steps[-1]:
            continue
        result = build_pdf(doc, setup, theme, step)
        builds, scale = builds + 1, step
        if result.pages <= setup.pages:
            return step, builds
    return None, builds
