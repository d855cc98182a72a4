"""Inline content as HTML: runs (with emphasis, links and language), citations, line breaks.

:data:`INLINE_HANDLERS` has the shape of the PDF and DOCX writers' tables: keyed by
the inline node class, each handler called as ``handler(node, ctx)``.
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.document.links import allowed_link
from briefgen.document.model import CITATION_SEPARATOR, Cite, Inline, LineBreak, Run, emphasised
from briefgen.writers.html import markup as mk
from briefgen.writers.html.labels import SOURCE_N, say


def link_target(url: str | None) -> str | None:
    """What ``url`` links to on a handout, or None (print it as text): the one allow-list,
    :func:`briefgen.document.links.allowed_link`, as the PDF and DOCX writers apply it."""
    return allowed_link(url)


def language_text(ctx: mk.Context, value: str, lang: str | None = None) -> str:
    """``value`` escaped, each stretch in another script in a ``span lang`` (WCAG 3.1.2).

    ``lang`` is the language the tree says ``value`` is in (a source's or a fact's
    ``language:``); when it is not the sheet's, the whole text is a ``span lang`` of its
    own, and the script rule (:func:`briefgen.document.language.language_spans`, which
    the PDF and DOCX writers follow too) runs against it: an Italian title in an English
    sheet is ``lang="it"``, a Russian word inside it ``lang="ru"``.
    """
    from briefgen.document.language import language_spans

    own = lang if lang and lang.lower() != ctx.doc.language.lower() else None
    out = []
    for piece, other in language_spans(value, own or ctx.doc.language):
        out.append(f'<span lang="{other}">{mk.text(piece)}</span>' if other else mk.text(piece))
    body = "".join(out)
    return f'<span lang="{mk.attr(own)}">{body}</span>' if own and value.strip() else body


_MARKS = {"code": "<code>{}</code>", "italic": "<em>{}</em>", "bold": "<strong>{}</strong>"}


def _run(node: Run, ctx: mk.Context) -> str:
    body = language_text(ctx, node.text, node.lang)  # a fact that names its language:
    body = emphasised(node, body, _MARKS)
    target = link_target(node.href)
    if target:
        body = f'<a href="{mk.attr(target)}">{body}</a>'
    return body


def _cite(node: Cite, ctx: mk.Context) -> str:
    numbers = sorted({ctx.numbers[s] for s in node.source_ids if s in ctx.numbers})
    links = []
    for n in numbers:
        ctx.cites[n] = ctx.cites.get(n, 0) + 1
        cid = f"{ctx.prefix}-cite{n}-{ctx.cites[n]}"
        links.append(ctx.el("a", str(n), "cite-link", href=f"#{ctx.prefix}-src{n}", id=cid,
                            aria_label=say(ctx, SOURCE_N, n=n)))
    links += ["?"] * any(s not in ctx.numbers for s in node.source_ids)
    return ctx.el("span", "[" + mk.text(CITATION_SEPARATOR).join(links) + "]", "cite")


def _line_break(node: LineBreak, ctx: mk.Context) -> str:
    return "<br>"


InlineHandler = Callable[[Inline, mk.Context], str]
"""``(node, ctx)``: the HTML of one inline node (the PDF and DOCX writers' take the same)."""

INLINE_HANDLERS: dict[type, InlineHandler] = {
    Run: _run,
    Cite: _cite,
    LineBreak: _line_break,
}


def inlines(ctx: mk.Context, nodes: list[Inline] | None) -> str:
    """The HTML of inline nodes, in order."""
    out = []
    for node in nodes or ():
        handler = INLINE_HANDLERS.get(type(node))
        if handler is None:
            raise TypeError(f"the HTML writer has no handler for {type(node).__name__}")
        out.append(handler(node, ctx))
    return "".join(out)
