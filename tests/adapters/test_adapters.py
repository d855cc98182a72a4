"""Private internals of reportlab, python-docx and pypdf are touched in ``briefgen/adapters/`` only.

The adapters (one module per library) give the rest of the package small,
named, documented functions and base classes; a library upgrade that moves an
internal then breaks one module, not twelve. Read from the source (``ast``),
outside ``briefgen/adapters/`` this test fails on:

- an attribute whose name starts with one underscore on anything but ``self``
  or ``cls`` (``canv._code``, ``paragraph._p``, ``writer._add_object``), and
  ``getattr``/``setattr``/``hasattr`` with such a name as a string;
- inside a class that derives from a class of those libraries (directly, or
  through one of ours): ``self._x`` or an overriding ``def _x`` where ``_x`` is
  a private name the libraries' own source uses (``self._code``, ``_textOut``);
- ``__class__`` swaps, ``__new__`` and ``__dict__`` (an object built or read
  past its constructor), and importing a private name from those libraries.

Our own private attributes on objects that are not ``self`` are listed in
:data:`OWN` (each says why it is ours), as are a few documented names of the
standard library that happen to start with an underscore.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "briefgen"
ADAPTERS = PACKAGE / "adapters"
LIBRARIES = ("reportlab", "docx", "pypdf")
DUNDERS = {"__class__", "__new__", "__dict__"}
REFLECTION = {"getattr", "setattr", "hasattr", "delattr", "__setattr__", "__getattribute__",
              "__delattr__"}

OWN = {
    "_replace": "namedtuple's documented method (urllib's SplitResult)",
    "_getframe": "sys._getframe, the standard library's documented frame access",
    "_exit": "os._exit, the standard library's documented immediate exit",
    "_where": "a fact view's file:line, set by facts/views.py on its own str subclass",
    "_lang": "a fact view's language, set by facts/views.py on its own str subclass",
    "_forkserver": "multiprocessing's module-level helper, stopped on a signal (course/signals.py)",
    "_resource_tracker": "multiprocessing's module-level helper, stopped on a signal",
    "_stop": "the multiprocessing helpers' stop method (course/signals.py)",
}
"""Underscore names outside the three libraries: name → why it is allowed."""


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


@functools.cache
def library_privates() -> frozenset[str]:
    """Every private attribute or method name the libraries' own source uses."""
    names: set[str] = set()
    for lib in LIBRARIES:
        root = Path(importlib.util.find_spec(lib).origin).parent
        for path in root.rglob("*.py"):
            try:
                tree = ast.parse(path.read_bytes())
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and _private(node.attr):
                    names.add(node.attr)
                elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and _private(node.name):
                    names.add(node.name)
    return frozenset(names)


def _from_library(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in LIBRARIES


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _trees(root: Path) -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.py"))
            if root / "adapters" not in p.parents}


def library_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of classes that derive from a library class: imported ones, then ours (fixpoint)."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _from_library(node.module):
                names.update(a.asname or a.name for a in node.names)
    classes = [n for t in trees.values() for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    grown = True
    while grown:
        grown = False
        for cls in classes:
            if cls.name not in names and any(_base_name(b) in names for b in cls.bases):
                names.add(cls.name)
                grown = True
    return names


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def reaches(root: Path = PACKAGE) -> list[str]:
    """Every private access to the libraries outside the adapters, as ``file:line: what``."""
    trees = _trees(root)
    derived = library_classes(trees)
    privates = library_privates()
    found = []
    for path, tree in trees.items():
        where = path.relative_to(root.parent)

        def add(node, what):
            found.append(f"{where}:{node.lineno}: {what}")  # noqa: B023 (used at once)

        inside: set[int] = set()  # ids of nodes within a library-derived class
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef) and cls.name in derived:
                inside.update(id(n) for n in ast.walk(cls))
                for item in cls.body:
                    if isinstance(item, ast.FunctionDef) and item.name in privates:
                        add(item, f"overrides {item.name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                if node.attr in DUNDERS:
                    add(node, node.attr)
                elif _private(node.attr) and not _is_self(node.value) and node.attr not in OWN:
                    add(node, node.attr)
                elif (_private(node.attr) and _is_self(node.value) and id(node) in inside
                      and node.attr in privates):
                    add(node, f"self.{node.attr}")
            elif (isinstance(node, ast.Call) and _base_name(node.func) in REFLECTION
                  and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
                  and isinstance(node.args[1].value, str)):
                name = node.args[1].value
                if name in DUNDERS or (_private(name) and name not in OWN):
                    add(node, f"{_base_name(node.func)}(…, {name!r})")
            elif isinstance(node, ast.ImportFrom) and _from_library(node.module):
                for alias in node.names:
                    if _private(alias.name) or any(_private(p) for p in node.module.split(".")):
                        add(node, f"imports {node.module}.{alias.name}")
    return found


def test_no_private_library_internals_outside_the_adapters():
    found = reaches()
    assert not found, ("private internals outside briefgen/adapters/ (add a named function "
                       "there; for an attribute of our own, an entry in OWN saying why):\n"
                       + "\n".join(found))


def test_at_most_five_adapter_modules_each_documented():
    modules = [p for p in ADAPTERS.glob("*.py") if p.name != "__init__.py"]
    assert 1 <= len(modules) <= 5, [p.name for p in modules]
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name}: no module docstring"


def test_the_rule_sees_each_kind_of_reach(tmp_path):
    """The rule is not blind: each kind of reach in a scratch package is found."""
    pkg = tmp_path / "briefgen"
    (pkg / "adapters").mkdir(parents=True)
    (pkg / "adapters" / "x.py").write_text("def f(c):\n    return c._code\n")
    (pkg / "m.py").write_text(
        "from reportlab.pdfgen.canvas import Canvas\n"
        "from docx.table import _Cell\n"
        "class C(Canvas):\n"
        "    def _textOut(self, t):\n"
        "        return self._code, self._mine\n"
        "class D(C):\n"
        "    def f(self):\n"
        "        return self._pageNumber\n"
        "def g(p, f, T):\n"
        "    object.__setattr__(f, '__class__', T)\n"
        "    return p._p, getattr(f, '_ZEROSIZE', 0), T.__new__(T), f.__dict__\n")
    found = "\n".join(reaches(pkg))
    for what in ("overrides _textOut", "self._code", "self._pageNumber", "imports docx.table._Cell",
                 ": _p", "'_ZEROSIZE'", "__new__", "__dict__", "'__class__'"):
        assert what in found, (what, found)
    assert "_mine" not in found and "adapters" not in found
