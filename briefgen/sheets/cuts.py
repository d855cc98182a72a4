"""Each format leaves out only what its own page needs: a build's content per format.

A sheet that does not fit even at the smallest type shows fewer items (the brief's
``fitting`` lists and notes, the comparison's clause texts): a *ladder* of ever
shorter versions of the sheet, the whole sheet first. Each format takes the first
rung its page holds, so a format's output is the same whether it is built alone or
with others:

- the PDF takes the first version that fits its pages;
- the DOCX (laid out by Word or LibreOffice: ``with_headroom``) the first that fits and,
  once something is cut, also leaves it the room its layout needs
  (:meth:`briefgen.writers.Format.has_room`); when nothing is left to cut, the last;
- the HTML page (it scrolls) and the unpaged formats show the whole sheet; when the whole
  sheet does not fit, the page's print style takes the smallest type and a warning says
  the page prints on more pages than the PDF.

Nothing is laid out twice: when the whole sheet fits, one fit serves every format. The
warnings name the format whenever the formats differ in what they left out ("in the
DOCX, to fit the page, …"); ``--strict`` fails on any cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from briefgen.document.model import Document, cited_sources
from briefgen.errors import PageOverflowError
from briefgen.theme.model import PageSetup, Theme


class Ladder(Protocol):
    """Ever shorter versions of one sheet, the whole sheet first."""

    def document(self) -> Document:
        """The sheet as the current rung shows it (its cuts are among its warnings)."""

    def cut(self) -> bool:
        """Step to the next shorter version; False when nothing is left to cut."""


def build_formats(ladder: Ladder, stem: str, formats: tuple[str, ...], output: Path,
                  setup: PageSetup, theme: Theme, write: bool = True,
                  explain: Callable[[PageOverflowError, Document], PageOverflowError] | None = None):
    """Build every format of one sheet, each from the version its own page holds (see above).

    Returns a :class:`~briefgen.sheets.pipeline.BuildResult` (``scale`` and ``pages`` of
    the PDF's fit, else of the first paged format's); with ``write=False`` the bytes
    are in ``data``. When even the shortest version overflows, raises the overflow
    as ``explain`` words it (default: :func:`briefgen.sheets.overflow.explain`).
    Files are written only once every format has rendered, each atomically.
    """
    from briefgen.outputs import prepare_output_dir, safe_output_name, write_all_atomic
    from briefgen.sheets.pipeline import BuildResult
    from briefgen.sheets.strictness import refuse_warnings
    from briefgen.writers import LAYOUT_FORMAT, fit_pages, get_format, render_fitted

    safe_output_name(stem)
    rows = [get_format(name) for name in formats]
    base = [str(w) for w in theme.warnings]
    built: dict = {}  # format → (bytes, warnings, fitted, doc)

    def version() -> Document:
        doc = _ready(ladder.document(), theme, stem)
        refuse_warnings(base + doc.warnings)  # --strict: fail before the (slow) fit
        return doc

    def fit(doc: Document, start: float | None):
        said: list[str] = []
        try:
            return fit_pages(doc, setup, theme, said, start), said
        except PageOverflowError as exc:
            return exc, said

    doc = version()
    start = None
    fitted, said = fit(doc, None) if any(r.paged for r in rows) else (None, [])
    whole = None if isinstance(fitted, PageOverflowError) else fitted
    for fmt in rows:
        if not fmt.cuts_to_fit:
            over = [] if whole or not fmt.paged else [
                f"the {fmt.name.upper()} page shows everything: printed, it runs past "
                f"{setup.pages} page{'s' if setup.pages != 1 else ''} (a PDF or DOCX leaves out "
                "what its page cannot hold)"]
            built[fmt] = (render_fitted(fmt, doc, setup, theme, whole),
                          [*doc.warnings, *(said if whole else over)], whole, doc)
    pending = [r for r in rows if r.cuts_to_fit]
    cut = last = False
    while pending:
        if isinstance(fitted, PageOverflowError):
            start = getattr(fitted, "scale", None)  # the next fit measures from here
        else:
            ready = [r for r in pending if not cut or last or r.has_room(fitted, theme)]
            for fmt in ready:
                built[fmt] = (render_fitted(fmt, doc, setup, theme, fitted),
                              [*doc.warnings, *said], fitted, doc)
            pending = [r for r in pending if r not in ready]
            start = fitted.scale
            if not pending:
                break
        if not ladder.cut():
            if isinstance(fitted, PageOverflowError):
                if explain is None:
                    from briefgen.sheets.overflow import explain as words

                    raise words(fitted, doc, setup, theme) from None
                raise explain(fitted, doc) from None
            last = True  # nothing left to cut: the rest take this version as full as it is
            continue
        cut = True
        doc = version()
        fitted, said = fit(doc, start)
    warnings = merged_warnings(base, {fmt: built[fmt][1] for fmt in rows})
    refuse_warnings(warnings)
    main = next((r for r in rows if r.name == LAYOUT_FORMAT), None) \
        or next((r for r in rows if r.paged), None) or rows[0]
    _, _, fitted, doc = built[main]
    scale = fitted.scale if fitted else theme.min_scale if main.paged else 1.0
    result = BuildResult([], scale, fitted.pages if fitted else setup.pages, warnings,
                         cited=cited_sources(doc))
    if not write:
        result.data = {fmt.name: built[fmt][0] for fmt in rows}
        return result
    prepare_output_dir(output)
    result.paths = write_all_atomic({output / f"{stem}.{fmt.suffix}": built[fmt][0]
                                     for fmt in rows})
    return result


def _ready(doc: Document, theme: Theme, stem: str) -> Document:
    """``doc`` with its online address (a printed sheet's QR code) and within the limits."""
    from briefgen.document.limits import check_document_limits

    if theme.online_url:
        from briefgen.document.online import online_address
        from briefgen.writers import web_page_name

        doc.online_url = online_address(theme.online_url, web_page_name(stem))
    check_document_limits(doc)  # bounded work: a table of 300 columns is refused, not laid out
    return doc


_WHERE = re.compile(r"^(\S+:\d+: )")


def merged_warnings(base: list[str], per_format: dict) -> list[str]:
    """One list of warnings for a build: ``base`` (the theme's), then each format's.

    A warning every format gave is said once, as it is; one only some formats gave
    names them ("in the DOCX, to fit the page, …", after its ``file:line``).
    """
    lists = list(per_format.values())
    out = list(base)
    for warning in dict.fromkeys(w for ws in lists for w in ws):
        if warning in out:
            continue
        which = [fmt for fmt, ws in per_format.items() if warning in ws]
        if len(which) == len(lists):
            out.append(warning)
            continue
        names = [fmt.name.upper() for fmt in which]
        label = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        where = _WHERE.match(warning)
        head = where.group(1) if where else ""
        said = warning[len(head):].startswith(f"the {label} ")  # names its format already
        out.append(warning if said else f"{head}in the {label}, {warning[len(head):]}")
    return out
