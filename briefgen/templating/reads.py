"""What a template reads from a facts file, found in its source (Jinja's syntax tree).

A template declares its needs by what it writes: ``facts.summary`` or
``facts["summary"]`` outside any test *requires* the fact; inside
``{% if "x" in facts %}``, after ``facts.get("x")`` or behind ``{% if x %}``
on such a value the read is *optional*. Loops over a list fact (``for m in
facts.members.items``) and the macros they call tell which *item fields* it
reads (``m.joined``). ``{% extends %}``, ``{% import %}``, ``{% include %}``
and macros are followed; a block an override defines that its parent lacks is
a problem (it would change nothing). :func:`analyse_template` is the entry
point; :mod:`briefgen.facts.slips` compares the result with a facts file.

The walk (:mod:`briefgen.templating.walk`) is an abstract interpretation: each
expression evaluates to one of a few shapes (the facts, one fact, its items,
one item, a string, a macro) or to "unknown"; a fact looked up by a key the walk cannot know
(``facts[name]`` with ``name`` computed) marks the template as reading any fact.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import nodes

from briefgen.errors import Problem
from briefgen.templating.read_model import (  # noqa: F401 - the analysis' public shapes
    FACT_ATTRS,
    ITEM_ATTRS,
    MAX_CALL_DEPTH,
    TIMELINE_FIELDS,
    Read,
    TemplateReads,
    display_path,
)


def analyse_template(name: str, search: list[Path]) -> TemplateReads:
    """What the template ``name`` (found on ``search``) reads, and its override problems.

    The answer for templates unchanged since the last analysis comes from the
    disk cache (:mod:`briefgen.templating.reads_cache`).
    """
    from briefgen.templating import reads_cache
    from briefgen.templating.environment import environment

    env = environment(search)
    cached = reads_cache.recall(env, name, search)
    if cached is not None:
        return cached
    recorder = reads_cache.RecordingLoader(env.loader)
    env.loader = recorder
    try:
        out = _analyse(env, name)
    finally:
        env.loader = recorder.inner
    reads_cache.remember(name, search, recorder.loaded, out)
    return out


def _analyse(env, name: str) -> TemplateReads:
    from briefgen.templating.walk import Module, Walker

    chain: list[tuple[nodes.Template, str]] = []
    current: str | None = name
    while current is not None and len(chain) < 16:
        source, filename, _ = env.loader.get_source(env, current)
        tree = env.parse(source, current, filename)
        chain.append((tree, display_path(filename or current)))
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        current = parent.template.value if parent is not None and isinstance(
            parent.template, nodes.Const) else None
    out = TemplateReads(name, chain[0][1])
    walker = Walker(env, out)
    root_tree, root_file = chain[-1]
    for tree, file in chain:  # most derived first: its block wins
        walker.file = file
        module = Module(file, {})
        for stmt in tree.body:
            if isinstance(stmt, (nodes.Macro, nodes.Import, nodes.FromImport)):
                walker.stmt(stmt, module.names, frozenset())
        for block in tree.find_all(nodes.Block):
            walker.blocks.setdefault(block.name, []).append((block, module))
            if tree is root_tree:
                out.blocks.setdefault(block.name, block.lineno)
    out.problems = _unknown_blocks(chain)
    walker.file = root_file
    walker.body(root_tree.body, {}, frozenset())
    out.problems = list(dict.fromkeys(out.problems))
    return out


def _unknown_blocks(chain: list[tuple[nodes.Template, str]]) -> list[Problem]:
    """Blocks an override defines that no template it extends has (they would do nothing)."""
    from briefgen.inputs.wording import suggest

    problems = []
    for i, (tree, file) in enumerate(chain[:-1]):
        parents = {b.name for t, _ in chain[i + 1:] for b in t.find_all(nodes.Block)}
        parent_file = chain[i + 1][1]
        for block in tree.find_all(nodes.Block):
            if block.name not in parents:
                hint = suggest(block.name, sorted(parents), "its blocks are")
                problems.append(Problem(
                    file, block.lineno,
                    f"block '{block.name}' is not a block of {parent_file}, so it would "
                    f"change nothing{hint}"
                    + ("" if "its blocks" in hint else f" (its blocks: {', '.join(sorted(parents))})"),
                    code="BG104"))
    return problems
