"""Markdown → document tree, case by case, from fixture files (as markdown-it-py's tests do).

Each ``parse_cases/NAME.md`` is marked Markdown as a template would write it,
with facts already literal; ``NAME.tree.txt`` beside it is the expected tree
(:func:`briefgen.document.dump.dump_blocks`). Add a case by adding the ``.md``,
run ``pytest tests/document/test_parse.py --regen-goldens``, read the new
``.tree.txt`` and commit both. A case without its tree fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import check_golden

from briefgen.document.dump import dump_blocks
from briefgen.document.markers import MarkedText
from briefgen.document.parse import parse_markdown

CASES = Path(__file__).resolve().parent / "parse_cases"


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.md")))
def test_markdown_to_tree(case):
    marked = MarkedText(markdown=(CASES / f"{case}.md").read_text(encoding="utf-8"))
    got = "\n".join(dump_blocks(parse_markdown(marked))) + "\n"
    check_golden(CASES / f"{case}.tree.txt", got)


def test_every_case_has_its_tree():
    trees = {p.name.removesuffix(".tree.txt") for p in CASES.glob("*.tree.txt")}
    cases = {p.stem for p in CASES.glob("*.md")}
    assert cases and trees == cases


def test_neighbouring_citations_become_one():
    marked = MarkedText()
    marked.markdown = "Claim" + marked.cite(("b", "c")) + marked.cite(("a", "b")) + " and more.\n"
    (para,) = parse_markdown(marked)
    assert [type(n).__name__ for n in para.inlines] == ["Run", "Cite", "Run"]
    assert para.inlines[1].source_ids == ("b", "c", "a")
