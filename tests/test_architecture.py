"""The package's shape: no import circle, nothing imports upward, modules stay readable.

Imports are read from the source (``ast``), function-level ones included, so a
circle cannot hide inside a function. The layers are those of
``docs/architecture.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"

LAYERS = [
    ["cli", "__main__", "api", "__init__"],
    ["sheets", "course", "authoring", "sources"],
    ["comparison", "changes"],
    ["facts"],
    ["templating"],
    ["writers"],
    ["adapters"],
    ["document"],
    ["theme", "i18n"],
    ["inputs", "outputs", "cache", "bundled", "reproducible", "units", "errors", "lazy_patterns", "kinds",
     "printable", "__init__",
     "_build_catalogues"],
]
"""Top to bottom; a module imports its own layer (without a circle) and layers below.

Data runs down this list: the CLI asks a sheet, the sheet loads facts, renders
the template, parses the tree, fits it and hands it to the writers. The tree
(``document``) and the ``theme`` are the vocabulary every stage speaks, so they
sit below the stages that use them, as pandoc's AST types do.
"""

MAX_LINES = 400


def module_name(path: Path) -> str:
    """``briefgen/sheets/brief.py`` → ``briefgen.sheets.brief``."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The briefgen modules ``path`` imports, at any level of the file."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target != "briefgen":
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    """Module → the briefgen modules it imports."""
    mods = modules()
    known = set(mods)
    return {name: imports_of(path, name, known) for name, path in mods.items()}


def layer_of(name: str) -> int:
    """The index in :data:`LAYERS` of the layer a module belongs to."""
    top = name.split(".")[1] if "." in name else "__init__"
    for i, layer in enumerate(LAYERS):
        if top in layer:
            return i
    raise AssertionError(f"{name} is in no layer of LAYERS: add it there and to docs/architecture.md")


def test_no_import_circle():
    g = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(g.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # a package re-exporting its own module is not a circle
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import circle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node)


def test_nothing_imports_upward():
    upward = []
    for name, targets in graph().items():
        for target in targets:
            if layer_of(target) < layer_of(name):
                upward.append(f"{name} imports {target}")
    assert not upward, "\n".join(upward)


def test_modules_are_small_and_say_what_they_hold():
    problems = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_LINES:
            problems.append(f"{name}: {len(text.splitlines())} lines (limit {MAX_LINES})")
        if ast.get_docstring(ast.parse(text)) is None and name != "briefgen.__main__":
            problems.append(f"{name}: no module docstring")
    assert not problems, "\n".join(problems)


def test_every_public_function_and_class_has_a_docstring():
    missing = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if not node.name.startswith("_") and ast.get_docstring(node) is None:
                    missing.append(f"{name}.{node.name}")
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for item in node.body:
                    if (isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                            and not item.name.startswith("_") and ast.get_docstring(item) is None):
                        missing.append(f"{name}.{node.name}.{item.name}")
    assert not missing, "no docstring: " + ", ".join(missing)


def test_knowledge_sits_in_its_layer():
    """The course and the DOCX writer reach the PDF writer only through its public face
    (``briefgen.writers.pdf``'s own functions), and the DOCX writer not at all."""
    g = graph()
    for name, targets in g.items():
        deep = sorted(t for t in targets if t.startswith("briefgen.writers.pdf."))
        if name.startswith("briefgen.course."):
            assert not deep, f"{name} imports {deep}: use briefgen.writers.pdf's public face"
        if name.startswith("briefgen.writers.docx"):
            pdf = sorted(t for t in targets if t.startswith("briefgen.writers.pdf"))
            assert not pdf, f"{name} imports the PDF writer ({pdf}): shared code goes to writers/"


FORMAT_LITERALS = {"pdf", "docx", "lms", ".pdf", ".docx", ".lms.html"}
"""A format's name or suffix as a string in code: what only the format table may hold."""

FORMAT_LITERALS_ALLOWED = {
    # Tracked changes exist in Word only: the redline is one format by what it is, and
    # names it once (it renders through the table like any sheet).
    ("briefgen/sheets/redline.py", "REDLINE_FORMAT"),
}


def format_literals(source: str, path: str) -> list[str]:
    """Where ``source`` holds "pdf", "docx", ".pdf" or ".docx" as a string of its own (in a
    comparison, a subscript, a call, a tuple, an f-string's text …), docstrings aside."""
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                    ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr)
                  and isinstance(n.body[0].value, ast.Constant)}
    allowed = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
               for t in n.targets if isinstance(t, ast.Name)
               and (path, t.id) in FORMAT_LITERALS_ALLOWED}
    return [f"{path}:{n.lineno} {n.value!r}" for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and n.value.lower() in FORMAT_LITERALS and id(n) not in docstrings | allowed]


def test_no_format_name_decides_behaviour_outside_writers():
    """No "pdf", "docx" or "lms" (nor ".pdf", ".docx") as a string in code outside ``writers/``:
    the format table (``briefgen/writers/__init__.py``) decides what a format does, and the
    rest asks it (``LAYOUT_FORMAT``, ``WEB_FORMAT``, ``LMS_FORMAT``, ``get_format(name).suffix``).
    ("html" is left out: markdown-it's option and a web page's content type say it too.)"""
    found = []
    for name, path in modules().items():
        if name.startswith("briefgen.writers"):
            continue
        rel = path.relative_to(PACKAGE.parent).as_posix()
        found += format_literals(path.read_text(encoding="utf-8"), rel)
    assert not found, "format names outside writers/: " + ", ".join(found)


@pytest.mark.parametrize("code", [
    'if fmt == "pdf": pass',
    'scale = 0.9 if name in ("docx", "odt") else 1.0',
    'data = result.data["pdf"]',
    'build(formats=("pdf",))',
    'fonts["docx"] = x',
    'name = f"{stem}.pdf"',
    'ok = path.suffix == ".pdf"',
    'if "lms" not in job.formats: pass',
])
def test_the_format_literal_check_finds_each_kind_of_use(code):
    """The check above is not blind: each way a format's name can decide something is found."""
    assert format_literals(code, "x.py"), code


def test_the_format_literal_check_passes_docstrings_and_the_named_exception():
    assert not format_literals('def f():\n    """Writes the pdf."""\n    return 1\n', "x.py")
    assert not format_literals("\"pdf\"\n", "x.py")  # a module docstring
    redline = 'REDLINE_FORMAT = "docx"\n'
    assert not format_literals(redline, "briefgen/sheets/redline.py")
    assert format_literals(redline, "briefgen/sheets/brief.py")


def test_tests_mirror_the_package():
    """A folder of ``tests/`` holding tests is the same folder of ``briefgen/`` (the tests of
    ``briefgen/writers/pdf/`` are in ``tests/writers/pdf/``; ``tests/benchmarks/`` tests the
    ``benchmarks/`` beside the package), and a test named for one writer (``test_pdf_…``,
    ``test_docx_…``, ``test_html_…``) is in that writer's folder."""
    tests = PACKAGE.parent / "tests"
    wrong = []
    for path in sorted(tests.rglob("test_*.py")):
        rel = path.parent.relative_to(tests)
        if rel.parts[:1] == ("benchmarks",):
            if not (PACKAGE.parent / "benchmarks").is_dir():
                wrong.append(f"{path.relative_to(tests)}: no benchmarks/")
        elif not (PACKAGE / rel).is_dir():
            wrong.append(f"{path.relative_to(tests)}: no briefgen/{rel.as_posix()}/")
        for fmt in ("pdf", "docx", "html"):
            if fmt in path.stem.split("_")[1:2] and rel.as_posix() != f"writers/{fmt}":
                wrong.append(f"{path.relative_to(tests)}: belongs in tests/writers/{fmt}/")
    assert not wrong, "tests out of the package's shape: " + "; ".join(wrong)


def documented_layers() -> dict[int, set[str]]:
    """Layer number → the packages and modules docs/architecture.md's layer table names."""
    import re

    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    layers: dict[int, set[str]] = {}
    for number, packages in re.findall(r"^\| (\d+) \| ([^|]+) \|", text, re.M):
        names = {n.removesuffix("/").removesuffix(".py") for n in re.findall(r"`([^`]+)`", packages)}
        layers.setdefault(int(number), set()).update(names)
    return layers


def test_the_documented_layer_table_is_the_tested_one():
    """docs/architecture.md's table of layers names the same folders and modules, in the same
    layers, as LAYERS (the private ``__main__`` and ``_build_catalogues`` and the package
    root aside), so the picture a new maintainer reads is the one this test enforces."""
    private = {"__main__", "__init__", "_build_catalogues"}
    tested = {i + 1: set(layer) - private for i, layer in enumerate(LAYERS)}
    assert documented_layers() == tested
