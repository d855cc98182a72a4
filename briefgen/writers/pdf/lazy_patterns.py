"""Compile two of reportlab's costly, rarely used regular expressions on first use, not at import.

``reportlab.platypus.paragraph`` compiles, when it is imported, a case-insensitive
URI pattern whose character classes span U+00A1–U+FFFF. Python's ``re`` folds the
case of every code point in that span, which takes about 50 ms: a tenth of a cold
brief, for a pattern reportlab reads only to split an over-long URL at a line end
(the Russian brief does; the English ones never). ``reportlab.lib.textsplit``
compiles a CJK pattern (about 6 ms) that only its ``cjkwrap`` reads, which we never
call.

While :func:`import_platypus` imports reportlab's paragraph module, ``re.compile``
called by one of those two modules with a pattern that reaches U+FFFF hands back a
:class:`LazyPattern` instead; everything else is compiled as usual. The lazy
pattern compiles the real one the first time any of its attributes is read, so
``uri_pat.match(...)`` answers exactly as the compiled pattern would.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

COMPILED_ON_FIRST_USE = ("reportlab.platypus.paragraph", "reportlab.lib.textsplit")
"""The modules whose wide patterns wait for their first use."""

_WIDE = "\uffff"
"""A pattern whose character class reaches this code point is a costly one to compile."""

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


@contextmanager
def _wide_patterns_deferred() -> Iterator[None]:
    """While open, the listed modules' wide patterns are :class:`LazyPattern`\\ s."""
    active = True

    def compile_or_defer(pattern, flags=0):
        caller = sys._getframe(1).f_globals.get("__name__")
        if active and caller in COMPILED_ON_FIRST_USE and isinstance(pattern, str) and _WIDE in pattern:
            return LazyPattern(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_or_defer
    try:
        yield
    finally:
        active = False  # a module that kept a reference to the wrapper now compiles as usual
        re.compile = _compile


def import_platypus() -> None:
    """Import reportlab's paragraph module (and with it platypus) with its wide patterns deferred.

    Does nothing when the module is already imported: its patterns are compiled by then.
    """
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    with _wide_patterns_deferred():
        import reportlab.platypus.paragraph  # noqa: F401
