"""The strings writers and sheet builders print themselves, in the sheet's language.

Templates translate their own labels; what is printed outside a template
(the header's as-of label, the footer, page numbers, the sources heading's
"accessed" date, comparison notes) comes from here, so each writer asks for
the words of ``doc.language`` and never holds English text of its own.
"""

from __future__ import annotations

import datetime as dt

from briefgen.i18n import N_, format_date, translations

FOOTER = N_("Made with briefgen from curated, sourced facts")
BRIEF_KIND = N_("Briefing sheet")
TIMELINE_KIND = N_("Timeline")
COMPARISON_KIND = N_("Comparison")
SOURCES = N_("Sources")
MISSING_LEGEND = N_("— not covered by the curated facts")
ROW_DIFFERS = N_("Δ")
"""Printed after the label of a comparison row where the organisations differ (with its shading);
screen readers say it ("delta", the sign of a difference). The legend under the table explains it."""
ONLINE_QR = N_("QR code: this sheet online, %(url)s")
"""What a screen reader says for the QR code to the sheet's online version (its alt text and
the link's), naming the address."""

PACK_MESSAGES = (
    N_("Course pack"),
    N_("Contents"),
    N_("Page"),
    N_("Briefing sheets"),
    N_("Comparisons"),
    N_("Timelines"),
    N_("What changed"),
    N_("Prepared %(date)s"),
    N_("Changed since %(date)s: %(what)s"),
    N_("Unchanged since %(date)s"),
    N_("%(n)s facts"),
    N_("%(n)s sources"),
)
"""Messages for the course pack's cover and contents (the pack module looks them up)."""


def text(lang: str, message: str, **values) -> str:
    """``message`` translated into ``lang``, ``%(name)s`` placeholders filled."""
    out = translations(lang).gettext(message)
    return out % values if values else out


def as_of_label(lang: str, as_of: dt.date | None) -> str:
    """"As of 2026-11-22" / "По состоянию на 22.11.2026" ("" when undated)."""
    if as_of is None:
        return ""
    _ = translations(lang).gettext
    return _("As of %(date)s") % {"date": format_date(as_of, "sheet", lang)}


def sources_heading(lang: str, title: str, common_accessed: dt.date | None) -> str:
    """The sources list's heading, with the access date all sources share."""
    if common_accessed is None:
        return title
    _ = translations(lang).gettext
    return _("%(title)s (accessed %(date)s)") % {
        "title": title, "date": format_date(common_accessed, "sheet", lang)}


def sources_heading_span(lang: str, title: str, first: dt.date, last: dt.date) -> str:
    """The sources list's heading with the span of access dates ("… 2026-11-22 to 2026-12-01")."""
    _ = translations(lang).gettext
    return _("%(title)s (accessed %(first)s to %(last)s)") % {
        "title": title, "first": format_date(first, "sheet", lang),
        "last": format_date(last, "sheet", lang)}


def archived_label(lang: str) -> str:
    """The short word linked to a source's archived copy, beside its URL."""
    _ = translations(lang).gettext
    return _("archived")


def page_number_parts(lang: str) -> list[str]:
    """The page-number pattern ("1/1") split into text and the fields ``page``/``total``.

    ``["page", "/", "total"]`` for English; writers with page fields (DOCX) put
    a field where ``page`` or ``total`` stands and the rest as text.
    """
    import re

    pattern = translations(lang).gettext("%(page)s/%(total)s")
    parts = re.split(r"%\((page|total)\)s", pattern)
    return [p for p in parts if p]


def page_number(lang: str, page: int, total: int) -> str:
    """"1/1" in the sheet's language's pattern."""
    _ = translations(lang).gettext
    return _("%(page)s/%(total)s") % {"page": page, "total": total}


def listing(lang: str, names: list[str]) -> str:
    """"A and B", "A, B and C" in ``lang``."""
    if len(names) <= 1:
        return "".join(names)
    _ = translations(lang).gettext
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
