"""The PDF writer (reportlab): the document and page template, block flowables, styles and fonts.

Its public face for the rest of briefgen: :func:`layout` (the one-page fit and
the PDF built at its scale) and :func:`block_heights` (heights of parts of a tree).
"""


def layout(doc, setup, theme, warnings: list[str] | None = None, start: float | None = None):
    """Fit ``doc`` to ``setup.pages`` pages and build its PDF at the largest scale that fits.

    Returns :class:`briefgen.writers.pdf.fit.Fitted` (``scale``, ``pdf``, ``pages``,
    ``fill``, and the passes it took: ``builds``, ``measures``); raises a bare
    :class:`~briefgen.errors.PageOverflowError` (with ``scale``, ``used`` and
    ``capacity``, or ``reason`` when a bound stopped the layout) when even the
    theme's smallest scale overflows. ``start``: the scale to measure first (a
    sheet retrying after an overflow passes the scale it overflowed at).
    """
    from briefgen.writers.pdf.fit import fit

    return fit(doc, setup, theme, warnings=warnings, start=start)


def block_heights(doc, setup, theme, scale: float, groups) -> list[float]:
    """The height in points of each group of ``doc``'s blocks at ``scale``, without drawing."""
    from briefgen.writers.pdf.document import measure as measure_groups

    return measure_groups(doc, setup, theme, scale, groups)


def pack_pdf(pdfs, title: str, kinds: dict[str, str] | None = None, theme=None,
             notes: dict[str, str] | None = None) -> bytes:
    """The course pack's PDF: cover and contents in ``theme``, then ``pdfs`` ((job, path) pairs),
    numbered continuously, one bookmark per sheet, tagged when every sheet is."""
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers.pdf.pack import merged_pdf

    return merged_pdf(pdfs, title, kinds, theme or DEFAULT_THEME, notes)


def pack_is_tagged(path) -> bool:
    """Whether the pack PDF at ``path`` carries a structure tree."""
    from briefgen.writers.pdf.pack import pack_is_tagged as tagged

    return tagged(path)
