"""The numbered Sources list as HTML: one list item per cited source, linked both ways.

Each citation in the text links to its entry (``#…-srcN``); each entry links
back to the first place it is cited. Entries are the same as in the PDF and
the DOCX (:mod:`briefgen.document.sources`): title, publisher, the link with
its short address, and, for a source with an ``archived:`` copy, a linked
"(archived)" («архив») beside it, in order of first citation. Both links are
the ones the entry holds after the link allow-list
(:func:`briefgen.document.links.allowed_link`): a refused one prints as text.
Each entry carries its source as COinS (:mod:`briefgen.writers.html.coins`), so
Zotero's browser connector offers the sheet's sources to save, from the page and
from the LMS fragment alike (Canvas's sanitizer keeps the span, its class and title).
"""

from __future__ import annotations

from briefgen.document.model import SourcesList
from briefgen.document.sources import source_entries, sources_title
from briefgen.writers.html import markup as mk
from briefgen.writers.html.coins import coins
from briefgen.writers.html.headings import heading, heading_level
from briefgen.writers.html.inlines import language_text, link_target
from briefgen.writers.html.labels import BACK_TO_TEXT, say


def sources(node: SourcesList, ctx: mk.Context) -> str:
    """The Sources heading and list (nothing when no source is cited)."""
    entries = source_entries(ctx.doc)
    if not entries:
        return ""
    level = heading_level(ctx, 2)
    title = heading(ctx, level, language_text(ctx, sources_title(ctx.doc, node.title)))
    items = []
    for e in entries:
        body = language_text(ctx, e.before, e.source.language)  # its title's language:
        shown = mk.text(e.shown)
        url = link_target(e.url)
        body += ctx.el("a", shown, "source-link", href=url) if url else shown
        if e.archived_label:  # the archived copy; unlinked when the allow-list refused it
            label = mk.text(e.archived_label)
            archived = link_target(e.archived)
            body += f" ({ctx.el('a', label, 'archived-link', href=archived) if archived else label})"
        if ctx.cites.get(e.n):
            body += " " + ctx.el("a", "↑", "back-link", href=f"#{ctx.prefix}-cite{e.n}-1",
                                 aria_label=say(ctx, BACK_TO_TEXT, n=e.n))
        body += coins(e, ctx.doc.language)
        items.append(ctx.el("li", body, "source", id=f"{ctx.prefix}-src{e.n}"))
    return title + ctx.el("ol", "".join(items), "sources")
