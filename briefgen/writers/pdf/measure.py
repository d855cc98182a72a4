"""The height of a whole sheet at a type scale, from wrapping alone (no drawing, no PDF).

The one-page fit (:mod:`briefgen.writers.pdf.fit`) asks this before it builds: the story
(title block and every block, as :func:`~briefgen.writers.pdf.document.build_pdf`
sets it) is wrapped at the frame's width and stacked the way a reportlab
``Frame`` stacks flowables (the first one's space before dropped, a space after
and the next space before overlapping), which is what one page of the real build
uses. Wrapping is the bulk of a layout, but the measure skips drawing, tagging,
font subsetting and writing the PDF: it costs about a third of a build.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from briefgen.adapters.reportlab import transfers_space, zero_size
from briefgen.writers.pdf.blocks import Ctx


def story_height(prepared: tuple[Ctx, list[Flowable]]) -> float:
    """The stacked height in points of a :func:`~briefgen.writers.pdf.document.prepare` story.

    The story fits one page when this is at most the frame's height. It is only
    wrapped, so it can still be built afterwards.
    """
    ctx, story = prepared
    canv = Canvas(io.BytesIO(), initialFontName=ctx.styles.fam.regular)
    return stack(story, canv, ctx.width)


def stack(flowables: list[Flowable], canv: Canvas, width: float) -> float:
    """Height of ``flowables`` stacked in an endless frame ``width`` wide, as Frame.add stacks.

    Like ``Frame._add`` with overlapping attached space (reportlab's default):
    no space before the first flowable; between two, the larger of one's space
    after and the next one's space before. The last one's space after is left
    out: a frame only checks that a flowable itself fits above its bottom.
    """
    used = 0.0
    prev_after = 0.0
    at_top = True
    for f in flowables:
        if getattr(f, "frameAction", None):
            continue
        before = 0.0
        zero = zero_size(f)
        if not at_top:
            before = f.getSpaceBefore()
            if transfers_space(f) or zero:
                before = prev_after
            before = max(before - prev_after, 0.0)
        _, h = f.wrapOn(canv, width, 1e7)
        after = f.getSpaceAfter()
        step = before + h + after
        used += step
        prev_after = prev_after if transfers_space(f) else after
        if step:
            at_top = False
    return used - prev_after
