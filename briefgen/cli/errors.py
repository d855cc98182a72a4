"""The one place where briefgen's errors become Click's: exit codes and what stderr shows.

Commands call the library and let a :class:`~briefgen.errors.BriefgenError`
rise; :class:`BriefgenGroup` turns it into :class:`UserError`, a
``click.ClickException`` that Click prints and exits with, as mkdocs does.
Exit codes (also in the README): 0 done; 1 bad input or an output that cannot
be written (``BriefgenError``); 2 wrong usage (Click's ``UsageError``); 3 the
content does not fit its pages (``PageOverflowError``); 70 a bug in briefgen
(``main`` prints one line, no traceback); 130 interrupted; 143 terminated.
"""

from __future__ import annotations

import click

from briefgen.errors import BriefgenError


def error_lines(exc: BriefgenError) -> list[str]:
    """What stderr shows for ``exc``: one ``file:line: message`` per problem, then a count.

    A message without located problems gets the ``briefgen:`` prefix, as Click's
    own messages get ``Error:``.
    """
    if exc.problems:
        lines = exc.lines()
        return lines + ([f"briefgen: {exc}"] if len(exc.problems) > 1 else [])
    return [f"briefgen: {line}" for line in exc.lines()]


class UserError(click.ClickException):
    """A BriefgenError on its way out: printed to stderr, exit code from the error class."""

    def __init__(self, error: BriefgenError):
        super().__init__(str(error))
        self.error = error
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:
        """Print the error's lines to stderr (Click calls this before exiting)."""
        for line in error_lines(self.error):
            click.echo(line, err=True)


class BriefgenGroup(click.Group):
    """The ``briefgen`` group: every command's BriefgenError becomes a :class:`UserError`."""

    def invoke(self, ctx: click.Context):
        """Run the chosen command; map a BriefgenError to Click's exception, once for all."""
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            raise UserError(exc) from None
