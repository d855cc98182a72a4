"""Bounded work for a sheet that cannot fit: stop laying out early, refuse clearly.

Laying out a sheet many times its allowed length costs time that grows with
the square of its length (reportlab re-wraps the rest of a long paragraph at
every page break), and the fit builds it at several scales. Text height
shrinks about with the square of the type scale, and no theme may go below
scale 0.6 (``min_scale``): content that runs past ``PAGE_FACTOR`` times the
allowed pages at any scale of at least 0.6 would still need more than
``PAGE_FACTOR × 0.36 ≈ 1.8`` times them at 0.6. So the build stops there and
the sheet is refused as overflowing, without laying out the rest.
"""

from __future__ import annotations

import contextlib

from reportlab.platypus.doctemplate import LayoutError

from briefgen.errors import PageOverflowError
from briefgen.theme.model import PageSetup

PAGE_FACTOR = 5
"""Pages laid out at most, as a multiple of the pages allowed (without --allow-overflow)."""
MAX_PAGES = 100
"""Pages laid out at most with --allow-overflow."""


class TooManyPages(Exception):
    """Raised by the page template when a build passes :func:`page_limit`."""


def page_limit(setup: PageSetup) -> int:
    """How many pages a build may lay out before it stops."""
    if setup.allow_overflow:
        return MAX_PAGES
    return min(MAX_PAGES, PAGE_FACTOR * setup.pages)


@contextlib.contextmanager
def layout_errors(setup: PageSetup, scale: float):
    """Turn layout failures into :class:`PageOverflowError` (exit 3) with a plain message.

    Covers the page limit above, a block too large for any page
    (``LayoutError``) and a table whose columns leave a negative width
    (reportlab's ``ValueError``): all are content too large for the page,
    which the comparison may still fit by dropping the clause texts.
    """
    try:
        yield
    except TooManyPages:
        limit = page_limit(setup)
        if setup.allow_overflow:
            raise PageOverflowError(
                f"the sheet runs past {limit} pages, the most briefgen lays out; shorten it"
            ) from None
        pages = f"{setup.pages} page{'s' if setup.pages != 1 else ''}"
        raise PageOverflowError(
            f"the sheet does not fit on {pages} even at the smallest type: at scale "
            f"{scale:g} it runs past {limit} pages, so briefgen stopped laying it out. "
            "Shorten it, or allow more pages (--pages / --allow-overflow)."
        ) from None
    except LayoutError as exc:  # rare: tables and panels split within rows
        raise PageOverflowError(
            f"a block of the brief is too large to lay out on a page ({str(exc)[:120]}…); "
            "shorten it or split it into smaller blocks") from None
    except ValueError as exc:
        if "negative" not in str(exc) or "width" not in str(exc).lower():
            raise
        raise PageOverflowError(
            "a table or a set of columns is too wide for the page: its columns would have a "
            "negative width; use fewer columns (or compare fewer organisations)") from None
