"""A reportlab Paragraph that breaks its lines once per width.

reportlab breaks a paragraph's lines on every ``wrap`` call, and one sheet
wraps each paragraph several times at the same width: the fit's measure
(:mod:`briefgen.writers.pdf.measure`), then the frame that places it, a table
sizing its rows, a list laying out its items. Line breaking depends only on the
text, the style and the width (never on the height offered), so
:class:`Paragraph` keeps the last width's result and gives it back: about a
third of a build's time on a typical brief, with the same PDF bytes.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    """``reportlab.platypus.Paragraph`` whose line breaks are computed once per width."""

    _wrapped: tuple[float, float, float, object] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the text as written: reportlab's line breaker adds its hyphens to the fragments
        self.source_text = self.getPlainText()

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        """Width and height at ``availWidth``; the line breaks are reused for the same width."""
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            _, self.width, self.height, self.blPara = last
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if getattr(self, "blPara", None) is not None:
            self._wrapped = (availWidth, width, height, self.blPara)
        return width, height
