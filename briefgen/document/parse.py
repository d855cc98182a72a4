"""Markdown (from a template) → the document tree.

markdown-it-py parses CommonMark with GFM tables, footnotes and fenced
containers; this module walks its syntax tree and builds the nodes of
:mod:`briefgen.document.model`, swapping fact markers back to literal text.

Containers understood (``::: name Title`` … ``:::``):
``keyfacts`` and ``note`` (framed boxes), ``lead`` and ``small`` (paragraph
roles), ``sources`` (where the numbered sources go), ``columns`` holding
``column`` containers (use ``::::`` for the outer fence).
"""

from __future__ import annotations

import dataclasses
import functools
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from briefgen.document import model as m
from briefgen.document.links import check_link
from briefgen.document.markers import FIGURE_RE, MARK_ROW, MARKER_RE, MarkedText

CONTAINERS = ("keyfacts", "note", "lead", "small", "sources", "columns", "column")


@functools.cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": False, "html": False}).enable("table")
    md.use(footnote_plugin)
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    return md


def parse_markdown(marked: MarkedText) -> list[m.Block]:
    """Parse marked Markdown into blocks, restoring facts as literal text.

    Footnotes (which markdown-it always puts last) go before the Sources list,
    where a reader looks for notes: under the text they belong to, above the
    references.
    """
    root = SyntaxTreeNode(_markdown().parse(marked.markdown))
    builder = _Builder(marked)
    blocks = builder.blocks([n for n in root.children if n.type != "footnote_block"])
    notes = builder.blocks([n for n in root.children if n.type == "footnote_block"])
    at = next((i for i, b in enumerate(blocks) if isinstance(b, m.SourcesList)), len(blocks))
    return blocks[:at] + notes + blocks[at:]


class _Builder:
    def __init__(self, marked: MarkedText):
        self.marked = marked
        self.footnotes: dict[str, str] = {}

    # ---- blocks ---------------------------------------------------------
    def blocks(self, nodes: list[SyntaxTreeNode], role: str | None = None) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            out.extend(self.block(node, role))
        return out

    def block(self, node: SyntaxTreeNode, role: str | None) -> list[m.Block]:
        t = node.type
        if t == "heading":
            return [m.Heading(int(node.tag[1]), self.inline_of(node))]
        if t == "paragraph":
            figure = self.figure_of(node)
            if figure is not None:
                return [figure]
            inlines = self.inline_of(node)
            return [m.Paragraph(inlines, role)] if inlines else []
        if t in ("bullet_list", "ordered_list"):
            items = [self.blocks(item.children, role) for item in node.children]
            items = [item for item in items if item]  # "- " alone makes no entry
            if not items:
                return []
            start = int(node.attrs.get("start", 1)) if t == "ordered_list" else 1
            return [m.ListBlock(items, ordered=t == "ordered_list", start=start)]
        if t == "blockquote":
            return [self.quote(node)]
        if t == "table":
            return [self.table(node)]
        if t == "hr":
            return [m.Rule()]
        if t.startswith("container_"):
            return self.container(node, t.removeprefix("container_"))
        if t in ("fence", "code_block"):
            text = self.restore(node.content.rstrip("\n"))
            return [m.Paragraph([m.Run(text, code=True)], role)]
        if t == "footnote_block":
            return self.footnote_block(node)
        return []  # html and other kinds are not part of a brief

    def figure_of(self, node: SyntaxTreeNode) -> m.Image | None:
        """The figure a paragraph stands for, if it holds only a figure marker."""
        inline = node.children[0] if node.children else None
        match = FIGURE_RE.fullmatch(inline.content) if inline is not None else None
        if match is None or int(match.group(1)) >= len(self.marked.figures):
            return None
        return self.marked.figures[int(match.group(1))]

    def container(self, node: SyntaxTreeNode, name: str) -> list[m.Block]:
        title_text = node.info.strip()[len(name):].strip()
        title = self.inlines_from_text(title_text) if title_text else None
        if name in ("keyfacts", "note"):
            return [m.Box(name, title, self.blocks(node.children))]
        if name in ("lead", "small"):
            return self.blocks(node.children, role=name)
        if name == "sources":
            return [m.SourcesList(title_text or "Sources")]
        if name == "columns":
            cols = [self.blocks(c.children) for c in node.children if c.type == "container_column"]
            return [m.Columns(cols)]
        return self.blocks(node.children)  # a stray "column"

    def quote(self, node: SyntaxTreeNode) -> m.Quote:
        children = self.blocks(node.children)
        attribution = None
        last = children[-1] if children else None
        if isinstance(last, m.Paragraph) and last.inlines:
            first = last.inlines[0]
            if isinstance(first, m.Run) and first.text.startswith(("— ", "-- ")):
                rest = first.text.split(" ", 1)[1]
                attribution = [m.Run(rest, first.bold, first.italic), *last.inlines[1:]]
                children = children[:-1]
        return m.Quote(children, attribution)

    def table(self, node: SyntaxTreeNode) -> m.Table:
        header: list[list[m.Cell]] = []
        rows: list[list[m.Cell]] = []
        marked: set[int] = set()
        for section in node.children:
            for tr in section.children:
                cells = [self.cell(td) for td in tr.children]
                if section.type == "thead":
                    header.append(cells)
                    continue
                if any(_strip_row_mark(c) for c in cells):
                    marked.add(len(rows))
                rows.append(cells)
        return m.Table(header, rows, marked_rows=marked)

    def cell(self, td: SyntaxTreeNode) -> m.Cell:
        style = td.attrs.get("style", "")
        align = str(style).removeprefix("text-align:") or None
        inline = td.children[0] if td.children else None
        inlines = self.inlines(inline.children) if inline else []
        return m.Cell(inlines, header=td.type == "th", align=align)

    def footnote_block(self, node: SyntaxTreeNode) -> list[m.Block]:
        items = []
        for fn in node.children:
            label = fn.meta.get("label", str(fn.meta.get("id", 0) + 1))
            blocks = self.blocks(fn.children, role="small")
            items.append((label, blocks))
        out: list[m.Block] = []
        for label, blocks in items:
            for b in blocks:
                if isinstance(b, m.Paragraph):
                    b.inlines.insert(0, m.Run(f"[{self.footnote_mark(label)}] "))
                out.append(b)
        return out

    def footnote_mark(self, label: str) -> str:
        if label not in self.footnotes:
            n = len(self.footnotes)
            self.footnotes[label] = "abcdefghijklmnopqrstuvwxyz"[n % 26] * (n // 26 + 1)
        return self.footnotes[label]

    # ---- inlines --------------------------------------------------------
    def inline_of(self, node: SyntaxTreeNode) -> list[m.Inline]:
        inline = node.children[0] if node.children else None
        return self.inlines(inline.children) if inline else []

    def inlines(
        self, nodes: list[SyntaxTreeNode], bold=False, italic=False, href=None
    ) -> list[m.Inline]:
        out: list[m.Inline] = []
        for n in nodes:
            t = n.type
            if t == "text":
                out.extend(self.split_markers(n.content, bold, italic, href))
            elif t == "code_inline":
                out.append(m.Run(self.restore(n.content), bold, italic, code=True, href=href))
            elif t == "strong":
                out.extend(self.inlines(n.children, True, italic, href))
            elif t == "em":
                out.extend(self.inlines(n.children, bold, True, href))
            elif t == "link":
                out.extend(self.inlines(n.children, bold, italic, self.link(n)))
            elif t == "softbreak":
                out.append(m.Run(" ", bold, italic, href=href))
            elif t == "hardbreak":
                out.append(m.LineBreak())
            elif t == "footnote_ref":
                label = n.meta.get("label", str(n.meta.get("id", 0) + 1))
                out.append(m.Run(f"[{self.footnote_mark(label)}]", bold, italic))
            elif t == "image":
                alt = "".join(c.content for c in n.children if c.type == "text")
                out.append(m.Run(f"[image: {self.restore(alt)}]", bold, True))
        return _merge_runs(out)

    def link(self, node: SyntaxTreeNode) -> str | None:
        """The allowed target of a link node, or None (a warning names where it came from)."""
        raw = unquote(str(node.attrs.get("href", "")))
        verdict = check_link(self.restore(raw))
        if verdict.problem:
            self.marked.warn(verdict.problem, *self.origins(raw))
        return verdict.target

    def origins(self, text: str) -> list[str]:
        """Where the facts whose markers are in ``text`` were written (``file:line``)."""
        return [self.marked.origin_of(int(m.group(1))) for m in MARKER_RE.finditer(text)
                if m.group(1) is not None]

    def inlines_from_text(self, text: str) -> list[m.Inline]:
        tokens = _markdown().parseInline(text)
        node = SyntaxTreeNode(tokens)
        inline = node.children[0] if node.children else None
        return self.inlines(inline.children) if inline else []

    def split_markers(self, text: str, bold: bool, italic: bool, href) -> list[m.Inline]:
        out: list[m.Inline] = []
        pos = 0
        for match in MARKER_RE.finditer(text):
            if match.start() > pos:
                out.append(m.Run(text[pos : match.start()], bold, italic, href=href))
            lit, cite = match.group(1), match.group(2)
            if lit is not None:
                out.extend(_literal_runs(self.marked.literals[int(lit)], bold, italic, href,
                                         self.marked.language_of(int(lit))))
            elif cite is not None:
                out.append(m.Cite(self.marked.cites[int(cite)]))
            else:  # a row mark: kept as text until the table picks it up
                out.append(m.Run(MARK_ROW, bold, italic, href=href))
            pos = match.end()
        if pos < len(text):
            out.append(m.Run(text[pos:], bold, italic, href=href))
        return out

    def restore(self, text: str) -> str:
        """Text with literal markers swapped back; citations and row marks dropped."""

        def swap(match):
            if match.group(1) is not None:
                return self.marked.literals[int(match.group(1))]
            return ""

        return MARKER_RE.sub(swap, text)


def _literal_runs(text: str, bold: bool, italic: bool, href, lang=None) -> list[m.Inline]:
    """Fact text as runs (in the fact's ``lang``, when it says one): blank lines become
    line breaks, single newlines spaces."""
    out: list[m.Inline] = []
    paragraphs = [" ".join(p.split("\n")) for p in text.strip("\n").split("\n\n")]
    for i, para in enumerate(paragraphs):
        if i:
            out += [m.LineBreak(), m.LineBreak()]
        if para:
            out.append(m.Run(para, bold, italic, href=href, lang=lang))
    return out


def _strip_row_mark(cell: m.Cell) -> bool:
    """Remove a row mark from a cell's runs; True if there was one."""
    found = False
    for i, node in enumerate(cell.inlines):
        if isinstance(node, m.Run) and MARK_ROW in node.text:
            found = True
            cell.inlines[i] = dataclasses.replace(node, text=node.text.replace(MARK_ROW, ""))
    cell.inlines = [n for n in cell.inlines if not (isinstance(n, m.Run) and not n.text)]
    return found


def _merge_runs(nodes: list[m.Inline]) -> list[m.Inline]:
    """Join neighbouring runs of the same style, so writers get fewer pieces.

    Neighbouring citations (an item's own sources, then its fact's) become one,
    so a claim prints one ascending group ``[1, 3, 4]``, never ``[4][1, 3]``.
    """
    out: list[m.Inline] = []
    for node in nodes:
        prev = out[-1] if out else None
        if isinstance(node, m.Cite) and isinstance(prev, m.Cite):
            out[-1] = m.Cite(tuple(dict.fromkeys(prev.source_ids + node.source_ids)))
        elif (
            isinstance(node, m.Run)
            and isinstance(prev, m.Run)
            and (prev.bold, prev.italic, prev.code, prev.href, prev.lang)
            == (node.bold, node.italic, node.code, node.href, node.lang)
        ):
            out[-1] = dataclasses.replace(prev, text=prev.text + node.text)
        else:
            out.append(node)
    return [_dash_kept(n) for n in out]


def _dash_kept(node: m.Inline) -> m.Inline:
    """A run (not code) with a spaced dash kept with the word before it; a run whose text
    this leaves as it is stays the same run."""
    if not isinstance(node, m.Run) or node.code:
        return node
    text = m.dash_kept_with_word(node.text)
    return node if text == node.text else dataclasses.replace(node, text=text)
