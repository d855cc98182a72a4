"""Each cited source as COinS, so Zotero's browser connector saves a sheet's sources.

A reference manager's connector looks at a page for items to save. Embedded
meta tags (Highwire, Dublin Core) describe only the page itself; COinS
(ContextObjects in Spans, https://www.zotero.org/support/dev/exposing_metadata/coins)
describe any number of items: one empty ``<span class="Z3988" title="…">``
per item, its title an OpenURL 1.0 ContextObject in key/encoded-value form.
Zotero's COinS translator offers every such span on the page to save.

The ContextObject is built from the same CSL-JSON item ``briefgen sources
--to csljson`` exports (:func:`briefgen.document.csl.csl_item`), in the
Dublin Core format Zotero reads as a web page (``rft_val_fmt=
info:ofi/fmt:kev:mtx:dc``, as Zotero's own COinS of a web page are):

=====================  ========================  ==========================
CSL-JSON               KEV key                   in Zotero
=====================  ========================  ==========================
``type: webpage``      ``rft.type=webpage``      Web Page
``title``              ``rft.title``             Title
``URL``                ``rft_id``,               URL
                       ``rft.identifier``
``container-title``    ``rft.source``            Website Title
``publisher``          ``rft.publisher``         (kept by other readers)
``issued``             ``rft.date``              Date
``language``           ``rft.language``          Language
``note`` (archived     ``rft.description``       Abstract
copy, the note)
=====================  ========================  ==========================

The URL and the archived copy are those the page links, after the link
allow-list (:mod:`briefgen.document.links`). The access date has no key in a
ContextObject (Zotero stamps the day it saves): the CSL-JSON export carries it.
The span is empty and hidden from assistive technology (``aria-hidden``): it
is data, not text.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote, urlencode

from briefgen.document.csl import csl_item, entry_of_ref
from briefgen.document.sources import SourceEntry
from briefgen.writers.html import markup as mk

CTX_VERSION = "Z39.88-2004"
"""The OpenURL 1.0 standard (ANSI/NISO Z39.88-2004)."""

DUBLIN_CORE = "info:ofi/fmt:kev:mtx:dc"
"""The Dublin Core metadata format, which Zotero reads as a web page."""

_FIELDS = (("title", "rft.title"), ("URL", "rft_id"), ("URL", "rft.identifier"),
           ("container-title", "rft.source"), ("publisher", "rft.publisher"),
           ("language", "rft.language"), ("note", "rft.description"))


def _date(parts: list) -> str:
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def context_object(item: dict) -> str:
    """The OpenURL ContextObject (KEV, UTF-8 percent-encoded) of a CSL-JSON ``webpage`` item."""
    pairs = [("url_ver", CTX_VERSION), ("ctx_ver", CTX_VERSION), ("rft_val_fmt", DUBLIN_CORE),
             ("rft.type", item["type"])]
    pairs += [(key, item[field]) for field, key in _FIELDS if item.get(field)]
    issued = (item.get("issued") or {}).get("date-parts")
    if issued:
        pairs.append(("rft.date", _date(issued[0])))
    # Spaces as %20, as encodeURIComponent writes them: Zotero reads a '+' as a space.
    return urlencode(pairs, quote_via=quote, safe="")


def coins(entry: SourceEntry, language: str) -> str:
    """The COinS span of a printed source entry (``language``: the sheet's, when the source
    names none). Its URL and archived copy are the entry's, after the link allow-list: one
    the list refused is left out, as it is left unlinked on the page."""
    item = csl_item(replace(entry_of_ref(entry.source, language), url=entry.url,
                            archived=entry.archived))
    title = context_object(item)
    return f'<span class="Z3988" title="{mk.attr(title)}" aria-hidden="true"></span>'
