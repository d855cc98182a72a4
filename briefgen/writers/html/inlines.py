"""Inline content as HTML: runs (with emphasis, links and language), citations, line breaks."""

from __future__ import annotations

from briefgen.document.links import allowed_link
from briefgen.document.model import CITATION_SEPARATOR, Cite, Inline, LineBreak, Run
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


def _run(ctx: mk.Context, node: Run) -> str:
    body = language_text(ctx, node.text, node.lang)  # a fact that names its language:
    if node.code:
        body = f"<code>{body}</code>"
    if node.italic:
        body = f"<em>{body}</em>"
    if node.bold:
        body = f"<strong>{body}</strong>"
    target = link_target(node.href)
    if target:
        body = f'<a href="{mk.attr(target)}">{body}</a>'
    return body


def _cite(ctx: mk.Context, node: Cite) -> str:
    numbers = sorted({ctx.numbers[s] for s in node.source_ids if s in ctx.numbers})
    links = []
    for n in numbers:
        ctx.cites[n] = ctx.cites.get(n, 0) + 1
        cid = f"{ctx.prefix}-cite{n}-{ctx.cites[n]}"
        links.append(ctx.el("a", str(n), "cite-link", href=f"#{ctx.prefix}-src{n}", id=cid,
                            aria_label=say(ctx, SOURCE_N, n=n)))
    links += ["?"] * any(s not in ctx.numbers for s in node.source_ids)
    return ctx.el("span", "[" + mk.text(CITATION_SEPARATOR).join(links) + "]", "cite")


def inlines(ctx: mk.Context, nodes: list[Inline] | None) -> str:
    """The HTML of inline nodes, in order."""
    out = []
    for node in nodes or ():
        if isinstance(node, Run):
            out.append(_run(ctx, node))
        elif isinstance(node, Cite):
            out.append(_cite(ctx, node))
        elif isinstance(node, LineBreak):
            out.append("<br>")
    return "".join(out)
