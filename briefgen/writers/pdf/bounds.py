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
    """Turn layout failures into a bare :class:`PageOverflowError` (exit 3) naming the bound.

    Covers the page limit above (``reason="pages"``, with ``limit``), a block too
    large for any page (reportlab's ``LayoutError``: ``reason="block"``, with
    ``detail``) and a table whose columns leave a negative width (reportlab's
    ``ValueError``: ``reason="width"``): all are content too large for the page,
    which the comparison may still fit by dropping the clause texts. The sheet puts
    them into words (:func:`briefgen.sheets.overflow.explain`).
    """
    try:
        yield
    except TooManyPages:
        raise bound_error("pages", setup, scale, limit=page_limit(setup)) from None
    except LayoutError as exc:  # rare: tables and panels split within rows
        raise bound_error("block", setup, scale, detail=str(exc)[:120]) from None
    except (ValueError, TypeError) as exc:
        from briefgen.adapters.reportlab import is_negative_width

        if not is_negative_width(exc):
            raise
        raise bound_error("width", setup, scale) from None


def bound_error(reason: str, setup: PageSetup, scale: float, limit: int = 0,
                detail: str = "") -> PageOverflowError:
    """The bare overflow of a bound: ``reason``, ``scale``, the ``limit`` of pages, ``detail``."""
    error = PageOverflowError(f"layout stopped ({reason}) at scale {scale:g}"
                              + (f": {detail}" if detail else ""))
    error.reason, error.scale, error.limit, error.detail = reason, scale, limit, detail
    error.allow_overflow, error.pages = setup.allow_overflow, setup.pages
    return error
