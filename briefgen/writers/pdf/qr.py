"""The QR code to a sheet's online version, beside the title (reportlab's QR widget).

Drawn as vector squares (crisp at any print resolution), tagged as a ``Link``
holding a ``Figure``: the figure's alternative text and the link annotation's
``/Contents`` both say "QR code: this sheet online, <address>", and the link
annotation over the code opens the address when the PDF is read on screen.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from briefgen.document.links import allowed_link
from briefgen.i18n.sheet import ONLINE_QR
from briefgen.i18n.sheet import text as sheet_text
from briefgen.theme.model import QR_SIZE_MM
from briefgen.writers.pdf import tags as tg

QUIET_MODULES = 2
"""Light modules drawn around the code; the white of the page around it adds to its quiet zone."""
ERROR_LEVEL = "L"
"""The lowest error correction: the fewest (so the largest) modules for an address, crisp on paper."""


class QrLink(Flowable):
    """A square QR code of ``url``, ``size`` points wide, linked to ``url``."""

    def __init__(self, url: str, size: float, link=None):
        super().__init__()
        self.url = url
        self.width = self.height = size
        self.link = link  # the Link structure element the annotation belongs to (tagged builds)

    def wrap(self, available_width, available_height):
        """Its size, whatever the room (reportlab API)."""
        return self.width, self.height

    def draw(self) -> None:
        """The code's dark modules as filled squares, then the link annotation over them."""
        from reportlab.graphics import renderPDF
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing

        widget = QrCodeWidget(self.url, barLevel=ERROR_LEVEL, barBorder=QUIET_MODULES)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(self.width, self.height,
                          transform=[self.width / (x1 - x0), 0, 0, self.height / (y1 - y0),
                                     -x0 * self.width / (x1 - x0), -y0 * self.height / (y1 - y0)])
        drawing.add(widget)
        renderPDF.draw(drawing, self.canv, 0, 0)
        canv = self.canv
        outer = getattr(canv, "tag_link", None)
        if self.link is not None:
            canv.tag_link = self.link  # the annotation is this Link element's object reference
        try:
            canv.linkURL(self.url, (0, 0, self.width, self.height), relative=1)
        finally:
            if self.link is not None:
                canv.tag_link = outer


def qr_flowable(doc, ctx) -> Flowable | None:
    """The QR code to ``doc.online_url`` (None without one), tagged ``Link`` > ``Figure``."""
    url = allowed_link(doc.online_url)
    if url is None:
        return None
    alt = sheet_text(doc.language, ONLINE_QR, url=url)
    link = tg.open_elem(ctx, "Link", alt=alt)
    flowable = QrLink(url, QR_SIZE_MM * mm, link)
    if link is None:  # measuring: nothing is tagged
        return flowable
    ctx.tags.link_alt[url] = alt  # what the annotation's /Contents says
    return tg.mark(flowable, link.add("Figure", alt=alt), "block")
