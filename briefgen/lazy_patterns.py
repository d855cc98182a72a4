"""Compile a few costly, rarely used regular expressions of our libraries on first use, not at import.

Python's ``re`` spends its compile time on character classes that span much of
Unicode, and some libraries compile such patterns when they are imported:

- ``reportlab.platypus.paragraph``: a case-insensitive URI pattern over
  U+00A1–U+FFFF (about 50 ms: a tenth of a cold brief, every code point's case
  folded), read only to split an over-long URL at a line end (the Russian brief
  does; the English ones never);
- ``reportlab.lib.textsplit``: a CJK pattern (about 6 ms) read only by
  ``cjkwrap``, which we never call;
- ``yaml.reader``: the non-printable check (about 8 ms) of PyYAML's pure-Python
  reader, which the C loader we use does not run.

Nothing happens on import of briefgen: the CLI's entry point chooses it
(:func:`defer_wide_patterns`, called by ``briefgen.cli.main``), which installs an
import hook; from then on, while one of those modules is being imported, ``re.compile``
called from one of the modules of :data:`COMPILED_ON_FIRST_USE` with a *wide*
pattern (one that names a code point from U+FFFD up) hands back a
:class:`LazyPattern`; every other pattern is compiled as usual. The lazy pattern
compiles the real one the first time any of its attributes is read, so
``uri_pat.match(...)`` answers exactly as the compiled pattern would.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

COMPILED_ON_FIRST_USE = {
    "reportlab.platypus.paragraph": ("uri_pat",),
    "reportlab.lib.textsplit": ("rx",),
    "yaml.reader": ("Reader.NON_PRINTABLE",),
}
"""The modules whose wide patterns wait for their first use, and the names they are bound to."""

WIDE_FROM = "\ufffd"
"""A pattern naming a code point from here up spans most of Unicode: costly to compile."""

_compile = re.compile


class LazyPattern:
    """A compiled regular expression that is compiled the first time it is used."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The real pattern, compiled on the first call."""
        if self._compiled is None:
            self._compiled = _compile(self._pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"<LazyPattern {self._pattern[:40]!r}… {state}>"


def is_wide(pattern: object) -> bool:
    """Whether ``pattern`` is a string naming a code point from :data:`WIDE_FROM` up."""
    return isinstance(pattern, str) and bool(pattern) and max(pattern) >= WIDE_FROM


@contextmanager
def _wide_patterns_deferred() -> Iterator[None]:
    """While open, wide patterns compiled by the listed modules are :class:`LazyPattern`\\ s."""
    active = True

    def compile_or_defer(pattern, flags=0):
        caller = sys._getframe(1).f_globals.get("__name__")
        if active and caller in COMPILED_ON_FIRST_USE and is_wide(pattern):
            return LazyPattern(pattern, flags)
        return _compile(pattern, flags)

    previous = re.compile  # an import inside another's (paragraph imports textsplit) nests
    re.compile = compile_or_defer
    try:
        yield
    finally:
        active = False  # a module that kept a reference to the wrapper now compiles as usual
        re.compile = previous


def import_deferring_wide_patterns(name: str) -> ModuleType:
    """Import module ``name`` with the wide patterns of :data:`COMPILED_ON_FIRST_USE` deferred.

    A module imported before is returned as it is: its patterns are compiled by then.
    """
    if name in sys.modules:
        return sys.modules[name]
    with _wide_patterns_deferred():
        return importlib.import_module(name)


class _DeferringFinder:
    """An import hook: the modules of :data:`COMPILED_ON_FIRST_USE` execute with their wide
    patterns deferred, whoever imports them and whenever (reportlab only when a PDF is made)."""

    def find_spec(self, name, path=None, target=None):
        """The usual spec of ``name``, its loader wrapped, for a module of the list."""
        if name not in COMPILED_ON_FIRST_USE:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _DeferringLoader(spec.loader)
        return spec


class _DeferringLoader:
    """A module loader running the wrapped one's ``exec_module`` with wide patterns deferred."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        """As the wrapped loader does."""
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        """Execute ``module`` with its wide patterns deferred."""
        with _wide_patterns_deferred():
            self.loader.exec_module(module)

    def __getattr__(self, name: str):
        return getattr(self.loader, name)


def defer_wide_patterns() -> None:
    """Defer the wide patterns of :data:`COMPILED_ON_FIRST_USE` for the rest of this process.

    An explicit choice of a program's entry point (``briefgen``'s CLI makes it):
    a library importing briefgen keeps Python's import as it is. Idempotent;
    a module imported before keeps its compiled patterns.
    """
    if not any(isinstance(f, _DeferringFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _DeferringFinder())
