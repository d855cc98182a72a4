"""The document tree's module: THE walker is the one walk over the tree, and its emphasis rule.

Citations, limits, the dump, the overflow's text of a part, the heading outline, the
row markers and the columns' balance all read the tree through
:func:`briefgen.document.model.walk`; the writers walk it through their handler tables
(``tests/writers/test_handler_tables.py``). A function anywhere else that recurses into
a node's children is a second walker, which a new node type would slip past.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from briefgen.document import model as m

PACKAGE = Path(m.__file__).resolve().parent.parent
TREE_FIELDS = {"children", "columns", "items", "rows", "header", "inlines", "title", "caption",
               "attribution"}
"""The fields of the tree's nodes that hold other nodes."""
CONTAINERS = {"Box", "Quote", "ListBlock", "Columns", "Table"}
WALKERS = {"document/model.py", "document/parse.py"}
"""The walk itself, and the parser that builds the tree from markdown-it's syntax tree."""


def hand_walks(source: str) -> list[str]:
    """Functions in ``source`` that call themselves and reach into a node's children (by a
    tree field, ``dataclasses.fields`` or an ``isinstance`` on a container class)."""
    found = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        calls = {id(c.func) for c in ast.walk(fn) if isinstance(c, ast.Call)}
        recursive = any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
                        and c.func.id == fn.name for c in ast.walk(fn))
        fields = any(isinstance(a, ast.Attribute) and a.attr in TREE_FIELDS and id(a) not in calls
                     for a in ast.walk(fn))
        generic = any(isinstance(a, ast.Attribute) and a.attr == "fields"
                      and isinstance(a.value, ast.Name) and a.value.id == "dataclasses"
                      for a in ast.walk(fn))
        containers = any(isinstance(a, (ast.Attribute, ast.Name))
                         and (a.attr if isinstance(a, ast.Attribute) else a.id) in CONTAINERS
                         for a in ast.walk(fn))
        if recursive and (fields or generic or containers):
            found.append(f"{fn.name}:{fn.lineno}")
    return found


def test_no_walk_over_the_tree_but_the_one():
    """Outside ``writers/`` (whose handler tables walk by node class) and the walker itself,
    nothing recurses through the tree: it asks :func:`~briefgen.document.model.nodes`."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("writers/") or rel in WALKERS:
            continue
        found += [f"briefgen/{rel} {w}" for w in hand_walks(path.read_text(encoding="utf-8"))]
    assert not found, "walks of their own over the document tree: " + ", ".join(found)


@pytest.mark.parametrize("code", [
    # the three shapes the old walks had (a11y's two, balance's one)
    "def tables_in(blocks):\n    for b in blocks:\n        if isinstance(b, m.Box):\n"
    "            yield from tables_in(b.children)\n",
    "def length(node):\n    return sum(length(getattr(node, f.name)) "
    "for f in dataclasses.fields(node))\n",
    "def heads(blocks):\n    for b in blocks:\n        for col in b.columns:\n"
    "            yield from heads(col)\n",
])
def test_the_check_finds_a_walk_of_its_own(code):
    assert hand_walks(code)


def test_the_check_passes_a_recursion_over_other_data():
    """Recursing over YAML data (``.items()`` is a call, not a tree field) is no tree walk."""
    code = ("def strings(value):\n    for k, v in value.items():\n"
            "        yield from strings(v)\n")
    assert not hand_walks(code)


def test_walk_reaches_every_node_in_reading_order():
    """A table in a list item in a box, with a citation in a cell and in the box's title: all
    found, in the order a reader meets them."""
    cell = m.Cell([m.Run("c"), m.Cite(("s2",))])
    table = m.Table([[m.Cell([m.Run("h")])]], [[cell]])
    box = m.Box("note", [m.Run("t"), m.Cite(("s1",))], [m.ListBlock([[table]])])
    found = [type(n).__name__ for n in m.nodes([box])]
    assert found == ["Box", "Run", "Cite", "ListBlock", "Table", "Cell", "Run", "Cell", "Run",
                     "Cite"]
    assert [n.source_ids for n in m.nodes([box]) if isinstance(n, m.Cite)] == [("s1",), ("s2",)]


def test_walk_looks_into_every_field_that_holds_nodes():
    """The walk skips the fields whose type never holds a node (text, flags, numbers, a
    citation's ids, a table's widths); every field the tree keeps nodes in is looked into."""
    holds = {"Heading": {"inlines"}, "Paragraph": {"inlines"}, "ListBlock": {"items"},
             "Cell": {"inlines"}, "Table": {"header", "rows", "caption"},
             "Box": {"title", "children"}, "Quote": {"children", "attribution"},
             "Columns": {"columns"}, "Image": {"caption"}}
    for cls in m.NODES:
        holding = holds.get(cls.__name__, set())
        assert holding <= {f.name for f in dataclasses.fields(cls)}
        is_block, walked = m._shape(cls)
        assert holding <= set(walked), cls.__name__
        assert is_block == issubclass(cls, m.BLOCKS)
    assert m._shape(m.Run) == (False, ())
    assert m._shape(m.Cite) == (False, ())  # its ids are strings, not nodes
    assert m._shape(str) is None


def test_emphasis_nests_code_then_italic_then_bold():
    run = m.Run("x", bold=True, italic=True, code=True)
    marks = {"code": "<c>{}</c>", "italic": "<i>{}</i>", "bold": "<b>{}</b>"}
    assert m.emphasised(run, "x{y}", marks) == "<b><i><c>x{y}</c></i></b>"
    assert m.emphasised(m.Run("x"), "x", marks) == "x"
