"""One-page fit: the largest type scale at which a brief fits its page count.

The fit chooses the largest of the theme's sizes (scale 1.0) and the steps of
:func:`scale_steps` (0.95, 0.9, 0.85, 0.8, never below ``theme.min_scale``, the
readability floor: 10 pt body text never goes below 8 pt) at which the sheet
fits. It measures before it builds: wrapping the story without drawing it
(:mod:`briefgen.writers.pdf.measure`, about a third of a build) gives the exact
height of a one-page layout; text height shrinks roughly with the square of the
scale, which says which step to measure next. The PDF is then built once at the
answer, and its page count checked; a second build happens only when a split
across pages makes the measure too hopeful. A story that measures too tall even
at the floor is never built (the measure is the least room a build could take):
the fit raises :class:`~briefgen.errors.PageOverflowError` carrying the
scale, the height used and the room there was; the sheet words the message
(:mod:`briefgen.sheets.overflow`: by how much, which part is largest).

What it prepares and measures: each scale it measures is prepared once
(:func:`~briefgen.writers.pdf.document.prepare`: styles and flowables) and
wrapped once (:func:`~briefgen.writers.pdf.measure.story_height`), and the build
at the answer takes that same prepared story, so a new input that fits at its
first measured scale is prepared once, measured once and built once. A sheet
retrying after an overflow (a brief that shows one item fewer) passes ``start``,
the scale the last try overflowed at, so its first measure is there.

The answer for an input fitted before is remembered (:mod:`briefgen.writers.pdf.fitmemo`):
an unchanged sheet is built once at that scale, with no measure; an input that
measured too tall even at the floor is refused again with no measure.

Every other paged format derives its scale from this fit by its row's rule in
the format table (:mod:`briefgen.writers`): the DOCX row lowers it a little when
the PDF page is nearly full, since Word and LibreOffice set text slightly
looser than reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.document import model as m
from briefgen.errors import PageOverflowError
from briefgen.theme.model import PageSetup, Theme

STEPS = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7)
MM = 72 / 25.4


@dataclass(frozen=True)
class Fitted:
    """The chosen layout: type ``scale``, the PDF built at it, and its page count.

    ``fill`` is the share of the allowed pages' text height the content takes
    (about 0.6 for a roomy brief, just under 1.0 for a tight one). ``builds``
    counts the full layout passes (draw and write a PDF) the fit made, and
    ``measures`` the wrap-only passes (:mod:`briefgen.writers.pdf.measure`).
    """

    scale: float
    pdf: bytes
    pages: int
    fill: float = 1.0
    builds: int = 1
    measures: int = 0


def scale_steps(theme: Theme) -> list[float]:
    """The scales the fit tries after 1.0, largest first, ending at ``theme.min_scale``."""
    floor = min(max(theme.min_scale, 0.1), 1.0)
    steps = [s for s in STEPS if s > floor + 1e-9]
    if floor < 1.0:
        steps.append(round(floor, 4))
    return steps


def fit(doc: m.Document, setup: PageSetup, theme: Theme,
        warnings: list[str] | None = None, start: float | None = None) -> Fitted:
    """Build the PDF of ``doc`` at the largest scale that fits ``setup.pages`` pages.

    The story is measured first (wrapped, not drawn: :func:`choose_step`), and
    built once at the largest step whose measured height fits; the build's page
    count is checked, and only when it misses (a split across pages wastes
    room the measure cannot see) is the next step down built.
    With ``setup.allow_overflow`` the scale-1.0 build is returned however long.
    Raises :class:`PageOverflowError` when even ``theme.min_scale`` overflows.
    Warnings (missing glyphs …) from the returned build are appended to ``warnings``.
    ``start``: a scale to measure first instead of 1.0 (the answer is the same, found
    with fewer measures when the sheet is known to need about that scale).
    """
    from briefgen.writers.pdf import fitmemo
    from briefgen.writers.pdf.document import build_pdf

    steps = [1.0, *scale_steps(theme)]
    probe = _Probe(doc, setup, theme)
    memo = None if setup.allow_overflow else fitmemo.Memo(doc, setup, theme)
    remembered = None if memo is None else memo.recall()
    if remembered in steps:  # this exact input fitted before: build there, check the pages
        i = steps.index(remembered)
    else:
        remembered = None
        over = None if memo is None else memo.recall_overflow()
        if over is not None and over[0] == steps[-1]:  # measured too tall before: no measure
            raise overflow(setup, *over)
        i = 0 if setup.allow_overflow else choose_step(steps, probe, _index(steps, start))
        if not setup.allow_overflow and not probe.fits(steps[i]):  # too tall at the floor
            used = probe.height(steps[i])
            memo.remember_overflow(steps[i], used, probe.capacity)
            raise overflow(setup, steps[i], used, probe.capacity, 0, probe.measures)
    builds = 0
    while True:
        notes: list[str] = []
        result = build_pdf(doc, setup, theme, steps[i], notes, probe.prepared.pop(steps[i], None))
        builds += 1
        if result.pages <= setup.pages or setup.allow_overflow:
            break
        if remembered is not None:  # overflowed where it fitted before: search afresh
            remembered, i = None, choose_step(steps, probe, i)
            if not probe.fits(steps[i]):
                raise overflow(setup, steps[i], probe.height(steps[i]), probe.capacity, builds,
                               probe.measures)
            continue
        if i == len(steps) - 1:
            raise overflow(setup, steps[i], result.used_height,
                           setup.pages * result.frame_height, builds, probe.measures)
        i += 1
    if warnings is not None:
        warnings.extend(notes)
    if memo is not None and remembered is None:
        memo.remember(steps[i])
    fill = result.used_height / (setup.pages * result.frame_height)
    return Fitted(steps[i], result.pdf, result.pages, round(fill, 4), builds, probe.measures)


class _Probe:
    """Measured story heights by scale; keeps each measured story for the build at that scale."""

    def __init__(self, doc: m.Document, setup: PageSetup, theme: Theme):
        from briefgen.writers.pdf.document import frame_size

        self.doc, self.setup, self.theme = doc, setup, theme
        self.capacity = setup.pages * frame_size(setup, theme)[1]
        self.heights: dict[float, float] = {}
        self.prepared: dict[float, tuple] = {}
        self.measures = 0

    def height(self, scale: float) -> float:
        """The story's stacked height at ``scale`` (measured once)."""
        if scale not in self.heights:
            from briefgen.writers.pdf.bounds import layout_errors
            from briefgen.writers.pdf.document import prepare
            from briefgen.writers.pdf.measure import story_height

            self.prepared[scale] = prepare(self.doc, self.setup, self.theme, scale)
            with layout_errors(self.setup, scale):  # columns too wide: an overflow, not a crash
                self.heights[scale] = story_height(self.prepared[scale])
            self.measures += 1
        return self.heights[scale]

    def fits(self, scale: float) -> bool:
        """Whether the measured story fits the allowed pages' text height at ``scale``."""
        return self.height(scale) <= self.capacity + 1e-6


def _index(steps: list[float], start: float | None) -> int:
    """The index of the step nearest ``start`` from above (0 without one)."""
    if start is None:
        return 0
    return next((j for j, s in enumerate(steps) if s <= start + 1e-9), len(steps) - 1)


def choose_step(steps: list[float], probe: _Probe, first: int = 0) -> int:
    """Index of the largest of ``steps`` whose measured story fits (the last if none does).

    Height shrinks about with the square of the scale, so the height at 1.0
    says where to measure next; measuring then walks down while a step is too
    tall and up while the step above also fits, so the answer is exact for the
    measure, at two or three measures for most sheets. ``first`` is the index to
    measure first instead of 1.0's (a sheet retrying near where it overflowed):
    the same walks make the answer the same.
    """
    if first:
        i = first
    elif probe.fits(steps[0]):
        return 0
    else:
        h1, room = probe.height(steps[0]), probe.capacity
        i = next((j for j, s in enumerate(steps) if h1 * s * s <= room), len(steps) - 1)
    while i < len(steps) - 1 and not probe.fits(steps[i]):
        i += 1
    if not probe.fits(steps[i]):  # too tall even at the floor: no larger step fits either
        return i
    while i > 0 and probe.fits(steps[i - 1]):
        i -= 1
    return i


def overflow(setup: PageSetup, scale: float, used: float, capacity: float, builds: int = 0,
             measures: int = 0) -> PageOverflowError:
    """The bare overflow at the floor: the numbers, for the sheet to put into words.

    ``used`` and ``capacity`` are text heights in points over all allowed
    pages; ``builds`` and ``measures`` count the fit's passes (as on :class:`Fitted`).
    """
    pages = f"{setup.pages} page{'s' if setup.pages != 1 else ''}"
    error = PageOverflowError(f"the content does not fit on {pages} even at the smallest type "
                              f"(scale {scale:g})")
    error.scale, error.used, error.capacity = scale, used, capacity
    error.builds, error.measures = builds, measures
    return error
