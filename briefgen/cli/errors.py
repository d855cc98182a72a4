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
from briefgen.printable import escape_controls

INTERRUPTED = "briefgen: interrupted; finished outputs were kept, none is half-written"


def say(message: str = "", err: bool = True, **kw) -> None:
    """Print one line (stderr by default) with control characters shown escaped.

    Every message briefgen prints goes through here (or :func:`escape_controls`):
    a newline, ESC/OSC sequence or bidi override in a value, key or file name
    is shown as ``\\n``, ``\\x1b``, ``\\u202e``, so it can neither start a
    line of its own (a forged ``::error`` workflow command) nor reach the
    terminal raw.
    """
    click.echo(escape_controls(str(message)), err=err, **kw)


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
            say(line)


class BriefgenGroup(click.Group):
    """The ``briefgen`` group: every command's BriefgenError becomes a :class:`UserError`."""

    def invoke(self, ctx: click.Context):
        """Run the chosen command; map a BriefgenError to Click's exception, once for all."""
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            raise UserError(exc) from None
        except UserError:
            raise
        except click.ClickException as exc:  # Click's own (usage) messages name paths too
            exc.message = escape_controls(exc.message)
            raise
        except KeyboardInterrupt as exc:  # Ctrl-C in any command: one line, exit 130
            say(INTERRUPTED)
            raise click.exceptions.Exit(getattr(exc, "exit_code", 130)) from None


def check_echo(text: str, err: bool = False) -> None:
    """``check``'s printer: its text lines escaped; machine formats escape their own fields."""
    if err:
        say(text)
    else:
        click.echo(text)
