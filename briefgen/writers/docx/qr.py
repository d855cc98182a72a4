"""The QR code to a sheet's online version, beside the title: a picture made with segno, linked.

The picture (a PNG, a few pixels a module, shown ``QR_SIZE_MM`` wide) sits in a
``w:hyperlink`` to the address, and its ``wp:docPr`` carries the same link
(``a:hlinkClick``, what Word writes for a linked picture, so a click on the code
follows it in Word and LibreOffice) and the alternative text "QR code: this sheet
online, <address>" (``descr``), as the PDF's ``Link`` > ``Figure`` says it.
"""

from __future__ import annotations

import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from briefgen.adapters.python_docx import run_element
from briefgen.document.links import allowed_link
from briefgen.i18n.sheet import ONLINE_QR
from briefgen.i18n.sheet import text as sheet_text
from briefgen.theme.model import QR_SIZE_MM
from briefgen.writers.docx.a11y import describe_picture

QUIET_MODULES = 2
"""Light modules around the code, as in the PDF (the page's white adds to the quiet zone)."""
PIXELS_PER_MODULE = 8
"""Pixels a module in the PNG: sharp edges when Word or LibreOffice scales it to its size."""


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` (lowest error correction: the largest modules) as PNG bytes."""
    import segno

    code = segno.make_qr(url, error="l", boost_error=False)
    buf = io.BytesIO()
    code.save(buf, kind="png", scale=PIXELS_PER_MODULE, border=QUIET_MODULES)
    return buf.getvalue()


def online_url(doc) -> str | None:
    """The address the sheet's QR code leads to, when it has one the allow-list passes."""
    return allowed_link(doc.online_url)


def add_qr_link(paragraph, doc) -> None:
    """Append the linked, described QR code of ``doc.online_url`` to ``paragraph``."""
    url = online_url(doc)
    if url is None:
        return
    alt = sheet_text(doc.language, ONLINE_QR, url=url)
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(qr_png(url)), width=Mm(QR_SIZE_MM))
    describe_picture(run, alt)
    for doc_pr in run_element(run).iter(qn("wp:docPr")):  # hlinkClick comes first among its children
        click = OxmlElement("a:hlinkClick")
        click.set(qn("r:id"), r_id)
        doc_pr.insert(0, click)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    run_element(run).addprevious(link)
    link.append(run_element(run))
