"""Escaping text for XML and for reportlab's paragraph markup, which both writers need.

``&``, ``<`` and ``>`` in text, and ``"`` too in a double-quoted attribute: what
``xml.sax.saxutils.escape`` does, through :func:`html.escape`, whose module is
light (``xml.sax.saxutils`` pulls in ``urllib.request``, ``http.client`` and
``ssl``: about 10 ms of every cold run).
"""

from __future__ import annotations

from html import escape as _escape


def escape_text(value: str) -> str:
    """``value`` with ``&``, ``<`` and ``>`` escaped: safe as XML or markup text."""
    return _escape(value, quote=False)


def escape_attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (``"`` too, ``'`` left as it is)."""
    return _escape(value, quote=False).replace('"', "&quot;")
