"""The walk behind :mod:`briefgen.templating.reads`: an abstract interpretation of Jinja's tree.

Each expression evaluates to one of a few shapes (the facts, one fact, a fact's
items, one item, a constant string, a macro, a module) or to "unknown"; reads
of facts and item fields are recorded as the walk meets them, with the tests
(``"x" in facts``) that guard them.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from jinja2 import nodes

from briefgen.errors import Problem
from briefgen.templating.read_model import ITEM_ATTRS, MAX_CALL_DEPTH, TIMELINE_FIELDS, Read, TemplateReads
from briefgen.templating.selection import SELECTION_FILTERS


@dataclass(frozen=True)
class _V:
    """An abstract value: kind in facts, fact, items, item, str, macro, module, method."""

    kind: str
    key: str = ""
    optional: bool = False
    ref: object = None


_FACTS = _V("facts")


class Module:
    """A template's top-level names (macros, imports, sets) and its file."""

    def __init__(self, file: str, names: dict[str, _V]):
        self.file = file
        self.names = names


class Walker:
    """Walks templates, recording reads into a :class:`TemplateReads`."""

    def __init__(self, env: jinja2.Environment, out: TemplateReads):
        self.env = env
        self.out = out
        self.file = out.file
        self.depth = 0
        self.seen: set[tuple] = set()
        self.touched: list[tuple[str, str | None]] = []
        self.called: set[tuple] = set()
        self.modules: dict[str, tuple[nodes.Template, Module]] = {}
        self.blocks: dict[str, list[tuple[nodes.Block, Module]]] = {}

    # ---- loading ----------------------------------------------------------
    def load(self, name: str) -> tuple[nodes.Template, Module]:
        """Parse a template (once) and evaluate its top-level names."""
        from briefgen.templating.read_model import display_path

        if name not in self.modules:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source, name, filename)
            module = Module(display_path(filename or name), {})
            self.modules[name] = (tree, module)
            outer, self.file = self.file, module.file
            for stmt in tree.body:
                if isinstance(stmt, (nodes.Macro, nodes.Import, nodes.FromImport)):
                    self.stmt(stmt, module.names, frozenset())
            self.file = outer
        return self.modules[name]

    def record(self, key: str, fld: str | None, optional: bool, node: nodes.Node) -> None:
        """Note one read of fact ``key`` (or of its item field ``fld``) at ``node``'s line."""
        read = Read(key, fld, optional, self.file, getattr(node, "lineno", 1) or 1)
        self.touched.append((key, fld))
        if read not in self.seen:
            self.seen.add(read)
            self.out.reads.append(read)

    # ---- statements -------------------------------------------------------
    def body(self, stmts, scope: dict, guards: frozenset) -> None:
        """Walk a list of statements in order."""
        for s in stmts:
            self.stmt(s, scope, guards)

    def stmt(self, s: nodes.Node, scope: dict, guards: frozenset) -> None:
        """Walk one statement: output, if, for, set, macro, call, include, block…"""
        if isinstance(s, nodes.Output):
            for n in s.nodes:
                self.ev(n, scope, guards)
        elif isinstance(s, nodes.If):
            present = self.presence(s.test, scope, guards)
            self.body(s.body, dict(scope), guards | present)
            for elif_ in s.elif_:
                self.stmt(elif_, scope, guards)
            self.body(s.else_, dict(scope), guards)
        elif isinstance(s, nodes.For):
            self.loop(s, scope, guards)
        elif isinstance(s, nodes.Assign):
            value = self.ev(s.node, scope, guards)
            if isinstance(s.target, nodes.Name):
                scope[s.target.name] = value
        elif isinstance(s, nodes.AssignBlock):
            self.body(s.body, scope, guards)
        elif isinstance(s, nodes.Macro):
            scope[s.name] = _V("macro", ref=(s, Module(self.file, scope)))
        elif isinstance(s, nodes.CallBlock):
            self.ev(s.call, scope, guards)
            self.body(s.body, dict(scope), guards)
        elif isinstance(s, nodes.Block):
            self.block(s.name, scope, guards)
        elif isinstance(s, (nodes.Import, nodes.FromImport, nodes.Include)):
            self.link(s, scope, guards)
        elif isinstance(s, nodes.With):
            inner = dict(scope)
            for target, value in zip(s.targets, s.values, strict=False):
                if isinstance(target, nodes.Name):
                    inner[target.name] = self.ev(value, scope, guards)
            self.body(s.body, inner, guards)
        elif isinstance(s, nodes.ExprStmt):
            self.ev(s.node, scope, guards)
        elif isinstance(s, (nodes.Scope, nodes.ScopedEvalContextModifier, nodes.FilterBlock)):
            self.body(s.body, dict(scope), guards)

    def loop(self, s: nodes.For, scope: dict, guards: frozenset) -> None:
        """Walk a for loop: its variable stands for one item of what it iterates."""
        it = self.ev(s.iter, scope, guards)
        if isinstance(s.iter, (nodes.List, nodes.Tuple)) and all(
                isinstance(i, nodes.Const) and isinstance(i.value, str) for i in s.iter.items):
            values = [_V("str", i.value) for i in s.iter.items]
        elif it.kind in ("items", "fact"):
            values = [_V("item", it.key, it.optional)]
        else:
            values = [_V("unknown")]
        for value in values:
            inner = dict(scope)
            if isinstance(s.target, nodes.Name):
                inner[s.target.name] = value
            self.body(s.body, inner, guards)
        self.body(s.else_, dict(scope), guards)

    def link(self, s, scope: dict, guards: frozenset) -> None:
        """Follow an include or import to the template it names (a constant name only)."""
        name = s.template.value if isinstance(s.template, nodes.Const) else None
        if not isinstance(name, str):
            return
        try:
            tree, module = self.load(name)
        except jinja2.TemplateNotFound:
            if not getattr(s, "ignore_missing", False):
                self.out.problems.append(Problem(self.file, s.lineno, f"template '{name}' not "
                                                 "found; check the name", code="BG111"))
            return
        except jinja2.TemplateError:
            return  # reported when the template renders
        if isinstance(s, nodes.Import):
            scope[s.target] = _V("module", ref=module)
        elif isinstance(s, nodes.FromImport):
            for entry in s.names:
                src, alias = (entry, entry) if isinstance(entry, str) else entry
                scope[alias] = module.names.get(src, _V("unknown"))
        elif self.depth < MAX_CALL_DEPTH:  # include: the template runs here, with this context
            self.depth += 1
            outer, self.file = self.file, module.file
            try:
                self.body(tree.body, dict(scope), guards)
            finally:
                self.depth -= 1
                self.file = outer

    def block(self, name: str, scope: dict, guards: frozenset, level: int = 0) -> None:
        """Walk block ``name`` as the override chain resolves it (``super()`` goes one up)."""
        chain = self.blocks.get(name, [])
        if level >= len(chain):
            return
        node, module = chain[level]
        inner = {**scope, **module.names, "__block__": _V("block", name, ref=level)}
        outer, self.file = self.file, module.file
        self.body(node.body, inner, guards)
        self.file = outer

    # ---- expressions ------------------------------------------------------
    def presence(self, test: nodes.Node, scope: dict, guards: frozenset) -> frozenset:
        """Fact keys a test proves present (``"x" in facts``, ``x`` for a fact value)."""
        self.ev(test, scope, guards)
        if isinstance(test, nodes.Compare) and len(test.ops) == 1 and test.ops[0].op == "in":
            key, target = self.ev(test.expr, scope, guards), self.ev(test.ops[0].expr, scope, guards)
            if key.kind == "str" and target.kind == "facts":
                return frozenset({key.key})
        if isinstance(test, nodes.And):
            return self.presence(test.left, scope, guards) | self.presence(test.right, scope, guards)
        if isinstance(test, (nodes.Name, nodes.Getattr, nodes.Filter, nodes.Test)):
            inner = test.node if isinstance(test, (nodes.Filter, nodes.Test)) else test
            value = self.peek(inner, scope)
            if value.kind in ("fact", "items"):
                return frozenset({value.key})
        return frozenset()

    def peek(self, node: nodes.Node, scope: dict) -> _V:
        """Evaluate without recording reads (for tests that only check presence)."""
        saved, self.out.reads = self.out.reads, []
        seen = set(self.seen)
        try:
            return self.ev(node, scope, frozenset())
        finally:
            self.out.reads, self.seen = saved, seen

    def ev(self, node: nodes.Node, scope: dict, guards: frozenset) -> _V:  # noqa: C901
        """The shape an expression evaluates to (facts, a fact, items, an item, a macro…)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return _FACTS if node.name == "facts" else _V("global", node.name)
        if isinstance(node, nodes.Const):
            return _V("str", node.value) if isinstance(node.value, str) else _V("unknown")
        if isinstance(node, nodes.Getattr):
            return self.attr(self.ev(node.node, scope, guards), node.attr, node, guards)
        if isinstance(node, nodes.Getitem):
            base = self.ev(node.node, scope, guards)
            if isinstance(node.arg, nodes.Slice):
                self.generic(node.arg, scope, guards)
                return _V("items", base.key, base.optional) if base.kind == "items" else _V("unknown")
            arg = self.ev(node.arg, scope, guards)
            if base.kind == "items":
                return _V("item", base.key, base.optional)
            if base.kind in ("facts", "item") and arg.kind == "str":
                return self.attr(base, arg.key, node, guards)
            if base.kind == "facts":
                self.out.any_fact = True
            return _V("unknown")
        if isinstance(node, nodes.Call):
            return self.call(node, scope, guards)
        if isinstance(node, nodes.CondExpr):
            start = len(self.touched)
            present = self.presence(node.test, scope, guards)
            a = self.ev(node.expr1, scope, guards | present)
            middle = len(self.touched)
            if node.expr2 is not None:
                self.ev(node.expr2, scope, guards)
            self.either(start, middle)
            return a
        if isinstance(node, nodes.Or):
            start = len(self.touched)
            self.ev(node.left, scope, guards)
            middle = len(self.touched)
            self.ev(node.right, scope, guards)
            self.either(start, middle)
            return _V("unknown")
        if isinstance(node, nodes.And):
            present = self.presence(node.left, scope, guards)
            self.ev(node.right, scope, guards | present)
            return _V("unknown")
        if isinstance(node, nodes.Filter) and node.node is not None:
            base = self.ev(node.node, scope, guards)
            self.generic(node, scope, guards, skip=node.node)
            if node.name in ("first", "last") and base.kind in ("items", "fact"):
                return _V("item", base.key, base.optional)
            if node.name in ("list", "sort", "reverse", "batch", "chronological", *SELECTION_FILTERS) and \
                    base.kind in ("items", "fact"):
                return _V("items", base.key, base.optional)
            return _V("unknown")
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined", "none"):
            value = self.peek(node.node, scope)
            if value.kind == "fact":
                self.record(value.key, None, True, node)
            return _V("unknown")
        if isinstance(node, nodes.Compare):
            key = self.ev(node.expr, scope, guards)
            for op in node.ops:
                target = self.ev(op.expr, scope, guards)
                if op.op in ("in", "notin") and target.kind == "facts" and key.kind == "str":
                    self.record(key.key, None, True, node)
            return _V("unknown")
        self.generic(node, scope, guards)
        return _V("unknown")

    def either(self, start: int, middle: int) -> None:
        """Item fields read in two alternatives (``a if a else b``, ``a or b``) stand in for each other."""
        first = {t for t in self.touched[start:middle] if t[1] is not None}
        second = {t for t in self.touched[middle:] if t[1] is not None}
        for one, other in ((first, second), (second, first)):
            for key, fld in one:
                alts = {f for k, f in other if k == key and f != fld}
                if alts:
                    self.out.alternatives.setdefault((key, fld), set()).update(alts)

    def generic(self, node: nodes.Node, scope: dict, guards: frozenset, skip=None) -> None:
        """Evaluate every child expression of ``node`` (except ``skip``) for its reads."""
        for child in node.iter_child_nodes():
            if child is not skip:
                self.ev(child, scope, guards)

    def attr(self, base: _V, name: str, node: nodes.Node, guards: frozenset) -> _V:
        """``base.name``: a fact of the facts, an item field, or a fact attribute."""
        if name.startswith("_"):
            return _V("unknown")  # the sandbox refuses these; not a fact
        if base.kind == "facts":
            if name in ("get", "keys", "items", "values"):
                return _V("method", name)
            self.record(name, None, base.optional or name in guards, node)
            return _V("fact", name, name in guards)
        if base.kind == "fact":
            if name == "items":
                return _V("items", base.key, base.optional or base.key in guards)
            return _V("unknown")
        if base.kind == "item":
            if name not in ITEM_ATTRS:
                self.record(base.key, name, True, node)
            return _V("unknown")
        if base.kind == "module":
            return base.ref.names.get(name, _V("unknown"))
        return _V("unknown")

    def call(self, node: nodes.Call, scope: dict, guards: frozenset) -> _V:
        """A call: ``facts.get``, a macro (walked with its arguments), or another function."""
        callee = self.ev(node.node, scope, guards)
        args = [self.ev(a, scope, guards) for a in node.args]
        kwargs = {k.key: self.ev(k.value, scope, guards) for k in node.kwargs}
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.ev(extra, scope, guards)
        if callee.kind == "method":
            if callee.key == "get" and args and args[0].kind == "str":
                self.record(args[0].key, None, True, node)
                return _V("fact", args[0].key, True)
            if callee.key == "get":
                self.out.any_fact = True
            elif callee.key in ("keys", "items", "values"):
                self.out.any_fact = True
            return _V("unknown")
        if callee.kind == "macro":
            return self.run_macro(callee, args, kwargs, guards)
        if callee.kind == "global" and callee.key == "membership_timeline":
            for value in args[:2] + [kwargs.get("former", _V("unknown"))]:
                if value.kind in ("fact", "items"):
                    for fld in TIMELINE_FIELDS:
                        self.record(value.key, fld, True, node)
        elif callee.kind == "global" and callee.key == "compare_with":
            spec = kwargs.get("spec")
            self.out.specs.append(spec.key if spec is not None and spec.kind == "str" else None)
        elif callee.kind == "global" and callee.key == "super":
            block = scope.get("__block__")
            if block is not None:
                self.block(block.key, scope, guards, block.ref + 1)
        return _V("unknown")

    def run_macro(self, callee: _V, args: list[_V], kwargs: dict, guards: frozenset) -> _V:
        """Walk a macro's body with its parameters bound to the arguments' shapes (memoised)."""
        macro, module = callee.ref
        memo = (id(macro), tuple((a.kind, a.key, a.optional) for a in args),
                tuple(sorted((k, v.kind, v.key) for k, v in kwargs.items())), guards)
        if self.depth >= MAX_CALL_DEPTH or memo in self.called:
            return _V("unknown")  # a second walk with the same arguments finds nothing new
        self.called.add(memo)
        inner = dict(module.names)
        n_defaults = len(macro.defaults)
        for i, param in enumerate(macro.args):
            if i < len(args):
                inner[param.name] = args[i]
            elif param.name in kwargs:
                inner[param.name] = kwargs[param.name]
            else:
                j = i - (len(macro.args) - n_defaults)
                inner[param.name] = (self.ev(macro.defaults[j], inner, guards)
                                     if j >= 0 else _V("unknown"))
        self.depth += 1
        outer, self.file = self.file, module.file
        try:
            self.body(macro.body, inner, guards)
        finally:
            self.depth -= 1
            self.file = outer
        return _V("unknown")
