"""The one exception family briefgen raises for problems a user can fix.

Every error carries a message meant for a person: it names the file and line
when there is one, says what is wrong and, where it can, what to do. The CLI
prints it to stderr and exits with the error's ``exit_code``; anything else
escaping the library is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as ``file:line``.

    ``severity`` is ``"error"`` (the run fails) or ``"warning"`` (printed to
    stderr; a failure under ``--strict``). ``code`` is a stable identifier such
    as ``BG101`` (listed in ``docs/diagnostics.md``) for machine-readable
    output; ``suggestion`` is the did-you-mean or fix, when there is one.
    """

    file: str
    line: int | None
    message: str
    severity: str = "error"
    code: str = ""
    column: int | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class BriefgenError(Exception):
    """Root of every error a user can act on. Exit code 1 (bad input or data)."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def lines(self) -> list[str]:
        """The message as lines to print: one per problem when there are several."""
        if self.problems:
            return [str(p) for p in self.problems]
        return [str(self)]


class InputError(BriefgenError):
    """A facts file, template, spec, theme or manifest is wrong (exit 1)."""


class UsageError(BriefgenError):
    """A call asks for something that does not exist, e.g. an unknown output format (exit 2,
    as Click's usage errors)."""

    exit_code = 2


class OutputError(BriefgenError):
    """An output cannot be written: folder is a file, unwritable, disk full (exit 1)."""


class PageOverflowError(BriefgenError):
    """The content does not fit the page count even at the smallest type (exit 3).

    A separate code lets scripts tell "my facts are too long" from "my facts are
    wrong": the first is fixed by shortening or ``--allow-overflow``.
    """

    exit_code = 3


def input_error(file: str, line: int | None, message: str, code: str,
                column: int | None = None) -> InputError:
    """An InputError holding one located, coded Problem (its text is ``file:line: message``)."""
    problem = Problem(file, line, message, code=code, column=column)
    return InputError(str(problem), [problem])


def problems_error(problems: list[Problem], what: str = "input") -> InputError:
    """Bundle several problems into one error whose summary counts them."""
    n = len(problems)
    if n == 1:
        return InputError(str(problems[0]), problems)
    summary = f"{n} problem{'s' if n != 1 else ''} in {what}"
    return InputError(summary, problems)
