"""``--strict``: a switch for the current build under which every warning is a failure.

A context variable, so a course run's jobs (and threads) each carry their own
setting without passing it through every function.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from briefgen.errors import BriefgenError

_STRICT: ContextVar[bool] = ContextVar("briefgen_strict", default=False)


@contextmanager
def strict_mode(on: bool = True):
    """Within the block, warnings fail the build (``--strict``)."""
    token = _STRICT.set(bool(on))
    try:
        yield
    finally:
        _STRICT.reset(token)


def is_strict() -> bool:
    """Whether warnings are failures in this build."""
    return _STRICT.get()


class StrictFailure(BriefgenError):
    """Warnings under ``--strict``: the build fails and writes nothing (exit 1)."""

    def __init__(self, warnings: list[str]):
        n = len(warnings)
        super().__init__(f"--strict: {n} warning{'s' if n != 1 else ''}, so nothing was written")
        self.warnings = warnings

    def lines(self) -> list[str]:
        """Each warning, then the summary."""
        return [f"warning: {w}" for w in self.warnings] + [str(self)]


def refuse_warnings(warnings: list[str]) -> None:
    """Under ``--strict``, raise :class:`StrictFailure` when there are warnings."""
    if is_strict() and warnings:
        raise StrictFailure(list(dict.fromkeys(warnings)))
