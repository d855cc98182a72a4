"""The PDF, DOCX and HTML writers dispatch over the tree with tables of one shape.

Each writer has ``BLOCK_HANDLERS`` and ``INLINE_HANDLERS``: keyed by the node
class of :mod:`briefgen.document.model`, covering every block and inline class
of the tree, each handler called as ``handler(node, ctx)`` (``ctx`` carries
where the output goes). A new node type then shows up in every writer alike.
"""

from __future__ import annotations

import inspect

import pytest

from briefgen.document import model as m
from briefgen.writers.docx import blocks as docx_blocks
from briefgen.writers.docx import inlines as docx_inlines
from briefgen.writers.html import blocks as html_blocks
from briefgen.writers.html import inlines as html_inlines
from briefgen.writers.pdf import blocks as pdf_blocks
from briefgen.writers.pdf import document as _pdf_document  # noqa: F401 (registers Sources, Image)

INLINES = set(m.NODES) - set(m.BLOCKS) - {m.Cell}

TABLES = {
    "pdf blocks": (pdf_blocks.BLOCK_HANDLERS, set(m.BLOCKS)),
    "docx blocks": (docx_blocks.BLOCK_HANDLERS, set(m.BLOCKS)),
    "pdf inlines": (pdf_blocks.INLINE_HANDLERS, INLINES),
    "docx inlines": (docx_inlines.INLINE_HANDLERS, INLINES),
    "html blocks": (html_blocks.BLOCK_HANDLERS, set(m.BLOCKS)),
    "html inlines": (html_inlines.INLINE_HANDLERS, INLINES),
}
WRITERS = ("pdf", "docx", "html")


def test_every_writer_has_both_tables():
    assert {name.split()[0] for name in TABLES} == set(WRITERS)
    assert {name.split()[1] for name in TABLES} == {"blocks", "inlines"}
    assert len(TABLES) == 2 * len(WRITERS)


def test_the_node_classes_are_every_class_of_the_model():
    """NODES lists every dataclass of the tree's module (a new one not listed would escape
    both the walker and this test), and the inline classes are Inline's."""
    import dataclasses
    import typing

    defined = {c for c in vars(m).values() if isinstance(c, type) and dataclasses.is_dataclass(c)
               and c.__module__ == m.__name__}
    tree_only = defined - {m.Document, m.SourceRef, m.Group}
    assert tree_only == set(m.NODES)
    assert INLINES == set(typing.get_args(m.Inline))
    assert set(m.BLOCKS) == set(typing.get_args(m.Block))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_covers_every_node_class(name):
    table, classes = TABLES[name]
    assert set(table) == classes, name


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_handler_is_called_with_the_node_then_the_context(name):
    table, _ = TABLES[name]
    for cls, handler in table.items():
        params = [p for p in inspect.signature(handler).parameters.values()
                  if p.default is inspect.Parameter.empty]
        assert [p.kind for p in params] == [inspect.Parameter.POSITIONAL_OR_KEYWORD] * 2 \
            and params[1].name == "ctx", f"{name}: {cls.__name__} → {handler.__name__}{params}"


def test_docx_handlers_write_where_the_context_says(tmp_path):
    """A block written into a table cell lands there, and the body's place comes back after."""
    import docx

    from briefgen.document.model import Box, Document, Paragraph, Run
    from briefgen.theme.model import PageSetup, Theme
    from briefgen.writers.docx.document import render_docx

    doc = Document("T", [Paragraph([Run("before")]), Box("keyfacts", [Run("Box")],
                                                          [Paragraph([Run("inside")])]),
                         Paragraph([Run("after")])], {})
    out = tmp_path / "x.docx"
    out.write_bytes(render_docx(doc, PageSetup(), Theme()))
    word = docx.Document(str(out))
    body = [p.text for p in word.paragraphs]
    cell = [p.text for p in word.tables[0].rows[0].cells[0].paragraphs]
    assert body.index("before") < body.index("after") and "inside" not in body
    assert "inside" in cell
