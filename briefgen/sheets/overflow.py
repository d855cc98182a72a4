"""An overflow in words: by how much a sheet does not fit, and which of its parts is largest.

The PDF writer's fit (:func:`briefgen.writers.pdf.layout`) raises a bare
:class:`~briefgen.errors.PageOverflowError` with the numbers (scale, height
used, room); the sheet says what they mean to its author, naming its parts
("the section \"Membership\"", "the key-facts box \"Key facts\""), and
:mod:`briefgen.sheets.overflow_blame` then names the fact behind the largest.
"""

from __future__ import annotations

from briefgen.document import model as m
from briefgen.document.text import plain_text
from briefgen.errors import PageOverflowError
from briefgen.theme.model import PageSetup, Theme

MM = 72 / 25.4


def explain(exc: PageOverflowError, doc: m.Document, setup: PageSetup,
            theme: Theme) -> PageOverflowError:
    """The layout's bare overflow (numbers) in words: by how much, and the sheet's largest part.

    The wording is the sheet's; the PDF writer measures the parts
    (:func:`briefgen.writers.pdf.block_heights`).
    """
    if getattr(exc, "reason", None):  # stopped by a bound (briefgen.writers.pdf.bounds)
        return _bound_message(exc)
    if not hasattr(exc, "used"):  # already words (DOCX's headroom)
        return exc
    scale, used, capacity = exc.scale, exc.used, exc.capacity
    over = max(used - capacity, 0.0)
    frame_h = capacity / setup.pages
    pages = f"{setup.pages} page{'s' if setup.pages != 1 else ''}"
    parts = measure_parts(doc, setup, theme, scale)
    msg = (f"the {_kind(doc)} does not fit on {pages} even at the smallest type (scale {scale:g}): "
           f"it overflows by about {over / MM:.0f} mm ({over / frame_h:.0%} of the page's "
           f"text height)")
    largest = ""
    if parts:
        i = max(range(len(parts)), key=lambda n: parts[n][1])
        label, height = parts[i]
        msg += f"; the largest part is {label} ({height / MM:.0f} mm)"
        largest = " ".join(_block_text(b) for b in _groups(doc)[i][1])
    msg += ". Shorten it, or allow more pages (--pages / --allow-overflow)."
    error = PageOverflowError(msg)
    error.builds, error.measures = getattr(exc, "builds", 0), getattr(exc, "measures", 0)
    error.largest_text = largest  # for naming the fact behind it (briefgen.sheets.overflow_blame)
    return error


def _bound_message(exc: PageOverflowError) -> PageOverflowError:
    """A layout stopped by one of the PDF writer's bounds, in words: what to do about it."""
    if exc.reason == "pages":
        if exc.allow_overflow:
            msg = (f"the sheet runs past {exc.limit} pages, the most briefgen lays out; "
                   "shorten it")
        else:
            pages = f"{exc.pages} page{'s' if exc.pages != 1 else ''}"
            msg = (f"the sheet does not fit on {pages} even at the smallest type: at scale "
                   f"{exc.scale:g} it runs past {exc.limit} pages, so briefgen stopped laying it "
                   "out. Shorten it, or allow more pages (--pages / --allow-overflow).")
    elif exc.reason == "block":
        msg = (f"a block of the brief is too large to lay out on a page ({exc.detail}…); "
               "shorten it or split it into smaller blocks")
    else:
        msg = ("a table or a set of columns is too wide for the page: its columns would have a "
               "negative width; use fewer columns (or compare fewer organisations)")
    error = PageOverflowError(msg)
    error.reason, error.scale = exc.reason, exc.scale
    return error


def _kind(doc: m.Document) -> str:
    """What the sheet is, for the message: the word its build gave it (``doc.kind``), else,
    for a template of one's own, "timeline" when it draws a figure and "brief" when not."""
    if doc.kind:
        return doc.kind
    if any(isinstance(b, m.Image) and b.figure is not None for b in doc.blocks) or any(
            isinstance(b, m.Paragraph) and any(isinstance(i, m.Image) for i in b.inlines)
            for b in doc.blocks):
        return "timeline"
    return "brief"


def measure_parts(doc: m.Document, setup: PageSetup, theme: Theme,
                  scale: float = 1.0) -> list[tuple[str, float]]:
    """Top-level parts of ``doc`` with their heights in points at ``scale``.

    A part is a section (a level-2 heading and what follows it until the next
    one) or, before the first section, a single block (a box or table named by
    its title). The sources list is always a part of its own.
    """
    from briefgen.writers.pdf import block_heights

    parts = _groups(doc)
    heights = block_heights(doc, setup, theme, scale, [blocks for _, blocks in parts])
    return [(label, height) for (label, _), height in zip(parts, heights, strict=True)]


def _groups(doc: m.Document) -> list[tuple[str, list[m.Block]]]:
    """The parts of :func:`measure_parts`: (label, blocks), in order."""
    parts: list[tuple[str, list[m.Block]]] = []
    for block in doc.blocks:
        if isinstance(block, m.Heading) and block.level == 2:  # the title (level 1) is no section
            parts.append((f'the section "{plain_text(block.inlines)}"', [block]))
        elif parts and parts[-1][0].startswith("the section") and not isinstance(
                block, m.SourcesList):
            parts[-1][1].append(block)
        else:
            parts.append((describe(block), [block]))
    return parts


def _block_text(node) -> str:
    """All run text inside a block, however deep (for naming the fact behind an overflow)."""
    from briefgen.document.model import text_of

    return text_of(node)


def describe(block: m.Block) -> str:
    """A short name for a block in messages, e.g. ``the key-facts box "Key facts"``."""
    if isinstance(block, m.Box):
        kind = "key-facts box" if block.kind == "keyfacts" else f"{block.kind} box"
        title = plain_text(block.title)
        return f'the {kind} "{title}"' if title else f"the {kind}"
    if isinstance(block, m.Table):
        title = plain_text(block.caption) or (
            " | ".join(plain_text(c.inlines) for c in block.header[0]) if block.header else "")
        return f'the table "{_short(title)}"' if title else "a table"
    if isinstance(block, m.Paragraph):
        return f'the paragraph "{_short(plain_text(block.inlines))}"'
    if isinstance(block, m.ListBlock):
        return "a list"
    if isinstance(block, m.SourcesList):
        return "the sources list"
    if isinstance(block, m.Heading):
        return f'the heading "{plain_text(block.inlines)}"'
    if isinstance(block, m.Image):
        what = "chart" if block.figure is not None else "image"
        title = plain_text(block.caption) if block.caption else block.alt
        return f'the {what} "{_short(title)}"' if title else f"the {what}"
    if type(block).__name__[0].lower() in "aeiou":
        return f"an {type(block).__name__.lower()}"
    return f"a {type(block).__name__.lower()}"


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
