"""``TODO`` markers: the blanks a scaffold leaves for an author to fill in.

``briefgen new`` writes ``TODO`` where a value belongs. Until it is replaced,
every such value is a problem "not filled in yet" at its own line (code
BG010), and the other problems of that line (a TODO is not a date, not a
source id…) are left out: one line per blank, so the list reads like a form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from briefgen.errors import Problem

if TYPE_CHECKING:
    from briefgen.inputs.yamlfile import YamlDocument

MARKER = "TODO"
TODO_CODE = "BG010"
_TODO = re.compile(r"^\s*TODO\b")


def is_todo(value: Any) -> bool:
    """Whether ``value`` is a blank left to fill in (text starting with ``TODO``)."""
    return isinstance(value, str) and bool(_TODO.match(value))


def unfilled(doc: YamlDocument) -> list[Problem]:
    """One problem per ``TODO`` value in the file, in file order."""
    found: list[Problem] = []

    def walk(node: Any, loc: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, loc + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, loc + (i,))
        elif is_todo(node):
            field = ".".join(str(p) for p in loc) or "file"
            found.append(doc.problem(loc, f"'{field}' is not filled in yet ({node.strip()})",
                                     TODO_CODE))

    walk(doc.data, ())
    return found


def only_todo_on_its_line(problems: list[Problem]) -> list[Problem]:
    """``problems`` without the others on a line that holds a TODO (the TODO says it all)."""
    todo_lines = {(p.file, p.line) for p in problems if p.code == TODO_CODE}
    return [p for p in problems if p.code == TODO_CODE or (p.file, p.line) not in todo_lines]
