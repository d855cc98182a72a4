"""Paper to screen: the address of a sheet's online version, which a printed sheet carries as a QR code.

A course manifest's ``online_url:`` (or ``briefgen brief --online-url``) says
where the course's HTML pages will be published. Each sheet's online version
is that address plus the sheet's HTML file name (``csto-brief.html``); the PDF
and the DOCX print a small QR code to it, tagged as a link with alternative text.

The address passes the one link allow-list (:func:`briefgen.document.links.check_link`)
and more: only ``https`` (a code on paper is followed by a phone with no address
bar to check), no query or fragment (a file name is appended), no look-alike
host, and short enough that the code stays coarse enough to scan at its printed size.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from briefgen.document.links import check_link, printable_url

MAX_BASE_LENGTH = 100
"""The longest base address accepted: with a sheet's file name the code stays at QR version
5 or below (37 modules) at the lowest error correction, coarse enough to scan at its size."""


def check_online_base(url: str) -> tuple[str | None, str | None]:
    """``(base, None)``: ``url`` as the base address of a course's pages, ending in ``/``;
    or ``(None, problem)`` saying in words why it cannot be one."""
    shown = printable_url(url)
    url = url.strip()
    if not url.lower().startswith("https://"):
        return None, (f"'{shown}' is not an https:// address; the QR code on a printed sheet "
                      "leads only to an https page (give the folder the HTML pages are "
                      "published in, e.g. https://courses.example.edu/alliances/)")
    found = check_link(url)
    if found.target is None or found.problem:
        return None, found.problem or f"'{shown}' cannot be linked"
    parts = urlsplit(found.target)
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return None, (f"'{shown}' has a query or fragment ('?…' or '#…'); give the folder "
                      "the HTML pages are published in: each sheet's file name is added to it")
    if len(found.target) > MAX_BASE_LENGTH:
        return None, (f"'{shown}' is {len(found.target)} characters long; at most "
                      f"{MAX_BASE_LENGTH} keep the QR code coarse enough to scan on paper")
    base = found.target if found.target.endswith("/") else found.target + "/"
    return base, None


def online_address(base: str, file_name: str) -> str:
    """The address of one page under ``base`` (a checked base, ending in ``/``)."""
    return base + quote(file_name)
