"""Which facts a template reads, from its Jinja AST: a stand-in for the full template analysis.

:func:`template_fact_reads` is the one entry point ``briefgen new facts``
uses; the template analysis that lists required and optional facts replaces
it (same result: key, required, list or text, item fields read).

It follows ``facts.x``, ``facts["x"]``, ``"x" in facts`` and ``facts.get("x")``,
through ``{% if "x" in facts %}`` guards (inside one, ``x`` is optional), macro
calls with constant or fact arguments (``line("charter")``,
``members_line(facts.members)``) and loops over ``facts.x.items`` (the loop
variable's attributes are the item fields). A parent template named by
``{% extends %}`` is read too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, nodes

_NOT_KEYS = {"get", "keys", "values"}
_MAX_DEPTH = 20


@dataclass
class FactRead:
    """One fact a template reads: whether it must be there, and whether it is a list."""

    key: str
    required: bool = False
    items: bool = False
    fields: list[str] = field(default_factory=list)


def template_fact_reads(path: Path, search: list[Path] | None = None) -> list[FactRead]:
    """The facts the template at ``path`` reads, in the order it first reads them."""
    reads: dict[str, FactRead] = {}
    _Walker(reads, search or [path.parent]).template(Path(path), 0)
    return list(reads.values())


class _Walker:
    def __init__(self, reads: dict[str, FactRead], search: list[Path]):
        self.reads = reads
        self.search = search
        self.macros: dict[str, nodes.Macro] = {}

    def template(self, path: Path, depth: int) -> None:
        tree = Environment().parse(path.read_text(encoding="utf-8"))
        for extends in tree.find_all(nodes.Extends):
            parent = self._find(extends.template)
            if parent is not None and depth < _MAX_DEPTH:
                self.template(parent, depth + 1)
        self.macros.update({m.name: m for m in tree.find_all(nodes.Macro)})
        self.visit(tree, {}, frozenset(), 0)

    def _find(self, node: nodes.Node) -> Path | None:
        if not isinstance(node, nodes.Const) or not isinstance(node.value, str):
            return None
        name = node.value.removeprefix("bundled/")
        return next((d / name for d in reversed(self.search) if (d / name).is_file()), None)

    def use(self, key: str, guards: frozenset, items: bool = False, item_field: str = "") -> None:
        read = self.reads.setdefault(key, FactRead(key))
        read.required = read.required or key not in guards
        read.items = read.items or items
        if item_field and item_field not in read.fields:
            read.fields.append(item_field)

    def fact_of(self, node: nodes.Node, env: dict) -> str | None:
        """The fact key ``node`` stands for (facts.x, facts["x"], a macro parameter), if any."""
        if isinstance(node, nodes.Getattr) and _is_facts(node.node) and node.attr not in _NOT_KEYS:
            return node.attr
        if isinstance(node, nodes.Getitem) and _is_facts(node.node):
            return self.key_of(node.arg, env)
        if isinstance(node, nodes.Name) and env.get(node.name, ("",))[0] == "fact":
            return env[node.name][1]
        return None

    def key_of(self, node: nodes.Node, env: dict) -> str | None:
        """The key a constant or a key-parameter names ("x" or ``key`` bound to "x")."""
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return node.value
        if isinstance(node, nodes.Name) and env.get(node.name, ("",))[0] == "key":
            return env[node.name][1]
        return None

    def guards_in(self, test: nodes.Node, env: dict) -> set[str]:
        """Keys a test checks with ``"x" in facts``."""
        found = set()
        for compare in [test, *test.find_all(nodes.Compare)]:
            if isinstance(compare, nodes.Compare) and len(compare.ops) == 1 \
                    and compare.ops[0].op == "in" and _is_facts(compare.ops[0].expr):
                key = self.key_of(compare.expr, env)
                if key:
                    found.add(key)
        return found

    def visit(self, node: nodes.Node, env: dict, guards: frozenset, depth: int) -> None:
        if isinstance(node, nodes.Macro) or depth > 200:
            return
        if isinstance(node, nodes.If):
            self.visit(node.test, env, guards, depth + 1)
            inner = guards | self.guards_in(node.test, env)
            for child in node.body:
                self.visit(child, env, inner, depth + 1)
            for child in [*node.elif_, *node.else_]:
                self.visit(child, env, guards, depth + 1)
            return
        if isinstance(node, nodes.Compare) and self.guards_in(node, env):
            for key in self.guards_in(node, env):
                self.use(key, guards | {key})
            return
        if isinstance(node, nodes.For):
            env = self._bind_loop(node, env, guards)
        if isinstance(node, nodes.Call):
            self._call(node, env, guards, depth)
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) \
                and env.get(node.node.name, ("",))[0] == "item":
            self.use(env[node.node.name][1], guards | {env[node.node.name][1]}, True, node.attr)
        if isinstance(node, nodes.Getattr) and node.attr == "items":
            key = self.fact_of(node.node, env)
            if key:
                self.use(key, guards, items=True)
        key = self.fact_of(node, env) if isinstance(node, (nodes.Getattr, nodes.Getitem)) else None
        if key:
            self.use(key, guards)
        for child in node.iter_child_nodes():
            self.visit(child, env, guards, depth + 1)

    def _bind_loop(self, node: nodes.For, env: dict, guards: frozenset) -> dict:
        source = node.iter
        while isinstance(source, (nodes.Filter, nodes.Getitem)) and not (
                isinstance(source, nodes.Getitem) and _is_facts(source.node)):
            source = source.node
        if isinstance(source, nodes.Getattr) and source.attr == "items" \
                and isinstance(node.target, nodes.Name):
            key = self.fact_of(source.node, env)
            if key:
                return {**env, node.target.name: ("item", key)}
        return env

    def _call(self, node: nodes.Call, env: dict, guards: frozenset, depth: int) -> None:
        callee = node.node
        if isinstance(callee, nodes.Getattr) and _is_facts(callee.node) and callee.attr == "get":
            key = self.key_of(node.args[0], env) if node.args else None
            if key:
                self.use(key, guards | {key})
            return
        if not (isinstance(callee, nodes.Name) and callee.name in self.macros):
            return
        macro = self.macros[callee.name]
        inner: dict = {}
        for param, arg in zip(macro.args, node.args, strict=False):
            key = self.key_of(arg, env)
            fact = self.fact_of(arg, env)
            if isinstance(arg, nodes.Name) and arg.name in env:
                inner[param.name] = env[arg.name]
            elif key:
                inner[param.name] = ("key", key)
            elif fact:
                inner[param.name] = ("fact", fact)
        if depth < _MAX_DEPTH * 10:
            for child in macro.body:
                self.visit(child, inner, guards, depth + 1)


def _is_facts(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "facts"
