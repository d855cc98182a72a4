"""Read YAML into plain data, remembering the line of every key and item.

Every scalar comes back as a ``str`` (or ``None`` for an empty value): YAML 1.1
guesses such as ``no`` → ``False`` or ``1992-05-15`` → ``date`` are left to the
schema, which knows what each field means. Duplicate keys, files that are too
big, alias bombs and nesting too deep to be real are refused with a message
naming the file and line.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import InputError, Problem, input_error

MAX_BYTES = 2_000_000
"""Largest input file read. A one-page brief needs a few kB of facts."""

MAX_NODES = 200_000
"""Most values one file may expand to (counting what aliases repeat)."""

MAX_DEPTH = 64
"""Deepest nesting accepted; facts files are four or five levels deep."""

MAX_ITEMS = 1000
"""Most items in one list (a one-page sheet shows a few dozen)."""

MAX_TEXT_CHARS = 20_000
"""Longest single value, in characters (a whole one-page sheet holds about 5,000)."""


@dataclass(frozen=True)
class Limits:
    """What one kind of file may hold: bytes, values (aliases counted), items per list."""

    max_bytes: int = MAX_BYTES
    max_nodes: int = MAX_NODES
    max_items: int = MAX_ITEMS


SHEET_LIMITS = Limits()
"""Facts files, themes, specs: a one-page sheet needs a few kB."""

MANIFEST_LIMITS = Limits(max_bytes=50_000_000, max_nodes=2_000_000, max_items=200_000)
"""A course manifest: a course export of several thousand sheets is a real use; the limits
only keep a runaway file (or an alias bomb) from filling the memory (tests measure 10,000 jobs)."""

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
"""The plain scalars YAML's resolver calls null (its pattern, spaces ignored: ``~|null|Null|NULL|``)."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser and composer (PyYAML's own where libyaml is missing), resolving only
    the tags :class:`_Builder` reads: a plain null and a merge key (``<<``).

    PyYAML's resolver tries its bool, int, float and timestamp patterns on every plain
    scalar, in Python, for tags nothing here reads: every scalar is kept as text for the
    schema. Every other node keeps the tag PyYAML gives when no pattern matches, and an
    explicit tag (``!!str``) is never resolved, as before.
    """

    def resolve(self, kind, value, implicit):
        """The tag of a node without an explicit one (PyYAML's hook, see the class)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return _NULL_TAG
                if value == "<<":
                    return _MERGE_TAG
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):
        """Nothing to track: no path resolvers are used."""

    def ascend_resolver(self):
        """Nothing to track: no path resolvers are used."""

Path_ = tuple  # a location inside the data: keys and list indexes


class YamlDocument:
    """Parsed data plus the line number (1-based) of each location in it."""

    def __init__(self, file: str, data: Any, lines: dict[tuple, int],
                 columns: dict[tuple, int] | None = None):
        self.file = file
        self.data = data
        self.lines = lines
        self.columns = columns or {}

    def line_of(self, loc: tuple) -> int | None:
        """The line of ``loc`` or of its nearest enclosing location."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def column_of(self, loc: tuple) -> int | None:
        """The column (1-based) of ``loc`` or of its nearest enclosing location."""
        loc = tuple(loc)
        while loc and loc not in self.columns:
            loc = loc[:-1]
        return self.columns.get(loc)

    def problem(self, loc: tuple, message: str, code: str = "",
                suggestion: str | None = None) -> Problem:
        """A problem located at ``loc`` in this file, with its code (docs/diagnostics.md)."""
        return Problem(self.file, self.line_of(loc), message, code=code,
                       column=self.column_of(loc), suggestion=suggestion)


def read_text(path: Path, max_bytes: int = MAX_BYTES, what: str = "YAML file") -> str:
    """Read a UTF-8 text file, refusing huge files and naming the line of bad bytes.

    Only a regular file is read (a FIFO or device is refused before reading,
    see :mod:`briefgen.inputs.files`); the size is checked from ``stat`` first
    (a quick refusal) and again by counting the bytes read.
    """
    from briefgen.inputs.files import decode_utf8, read_bytes_capped

    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise input_error(name, None, "no such file", "BG001") from None
    except OSError as exc:
        raise input_error(name, None, f"cannot read ({exc.strerror})", "BG002") from None
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise input_error(
            name, None, f"file is {st.st_size / 1e6:.1f} MB; briefgen reads at most "
            f"{max_bytes / 1e6:.0f} MB (a one-page brief needs a few kB)", "BG003"
        )
    return decode_utf8(read_bytes_capped(path, max_bytes, what), name)


def load_yaml(path: Path | str, what: str = "YAML file",
              limits: Limits = SHEET_LIMITS) -> YamlDocument:
    """Parse one YAML file into plain dicts, lists, strings and ``None``."""
    path = Path(path)
    return parse_yaml(read_text(path, limits.max_bytes, what=what), str(path), what, limits)


def parse_yaml(text: str, name: str, what: str = "YAML file",
               limits: Limits = SHEET_LIMITS) -> YamlDocument:
    """Parse YAML text read elsewhere (e.g. from git), named ``name`` in messages."""
    if len(text) > limits.max_bytes:
        raise input_error(name, None, f"the {what} has {len(text):,} characters; briefgen reads "
                          f"at most {limits.max_bytes:,}", "BG003")
    if not text.strip():
        raise input_error(name, 1, f"the {what} is empty", "BG005")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = exc.problem or exc.context or "not valid YAML"
        raise input_error(name, line, f"not valid YAML: {detail}", "BG006",
                          mark.column + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: by its position only
        before = text[:exc.position]
        line, column = before.count("\n") + 1, exc.position - before.rfind("\n")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise input_error(name, line, f"not valid YAML: {char} is a control character YAML does "
                          "not allow; remove it, or write it escaped inside double quotes "
                          "(\"\\x01\")", "BG006", column) from None
    except yaml.YAMLError as exc:
        raise input_error(name, None, f"not valid YAML: {exc}", "BG006") from None
    except RecursionError:
        raise input_error(name, None, f"nesting too deep to be a {what}", "BG007") from None
    if node is None:
        raise input_error(name, 1, f"the {what} is empty", "BG005")
    builder = _Builder(name, limits)
    data = builder.build(node, (), 0)
    return YamlDocument(name, data, builder.lines, builder.columns)


class _Builder:
    """Turn composed YAML nodes into data, counting nodes to stop alias bombs."""

    def __init__(self, file: str, limits: Limits = SHEET_LIMITS):
        self.file = file
        self.limits = limits
        self.lines: dict[tuple, int] = {}
        self.columns: dict[tuple, int] = {}
        self.count = 0

    def fail(self, node: yaml.Node, message: str, code: str) -> InputError:
        mark = node.start_mark
        return input_error(self.file, mark.line + 1, message, code, mark.column + 1)

    def build(self, node: yaml.Node, loc: tuple, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise self.fail(
                node,
                f"more than {self.limits.max_nodes:,} values (aliases expanding without end?); refused",
                "BG007",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep; refused", "BG007")
        if loc not in self.lines:  # a mapping's value is already placed at its key
            mark = node.start_mark
            self.lines[loc] = mark.line + 1
            self.columns[loc] = mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" and not node.style:
                return None
            if len(node.value) > MAX_TEXT_CHARS:
                raise self.fail(node, f"a value of {len(node.value):,} characters; at most "
                                f"{MAX_TEXT_CHARS:,} are read (a one-page sheet holds about "
                                "5,000)", "BG007")
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > self.limits.max_items:
                raise self.fail(node, f"a list of {len(node.value):,} items; at most "
                                f"{self.limits.max_items:,} are read", "BG007")
            return [self.build(n, loc + (i,), depth + 1) for i, n in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "a key must be plain text", "BG009")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "merge keys (<<) are not supported; write the keys out",
                                    "BG009")
                key = key_node.value
                at = loc + (key,)
                if key in out:
                    first = self.lines.get(at, "?")
                    raise self.fail(key_node, f"duplicate key '{key}' (first at line {first})", "BG008")
                mark = key_node.start_mark
                self.lines[at] = mark.line + 1
                self.columns[at] = mark.column + 1
                out[key] = self.build(value_node, at, depth + 1)
            return out
        raise self.fail(node, "unsupported YAML node", "BG009")
