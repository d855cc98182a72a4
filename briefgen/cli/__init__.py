"""The ``briefgen`` command line: parse options, call the library, map errors.

Only Click lives here. Each command imports its library module inside the
function, so ``briefgen --help`` stays fast (no reportlab, python-docx or
markdown import). Exit codes: 0 done; 1 bad input or an output that cannot be
written; 2 wrong usage (Click); 3 the content does not fit its pages; 70 a bug.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from pathlib import Path

import click

from briefgen import __version__
from briefgen.cli.errors import INTERRUPTED, BriefgenGroup, check_echo, say
from briefgen.errors import BriefgenError
from briefgen.theme.model import PAGE_SIZES
from briefgen.writers import default_formats


class FormatChoice(click.Choice):
    """The ``--format`` choices: every format of the table, plugins' included, read when used."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    @property
    def choices(self):
        """Every format's name (click reads this attribute), computed when first used."""
        from briefgen.writers import format_names

        return format_names()

    @choices.setter
    def choices(self, _value) -> None:
        """Ignored: click's ``Choice.__init__`` sets it; the table is the list."""

    def convert(self, value, param, ctx):
        """An in-tree format is taken without reading the plugins (a broken one stays out)."""
        from briefgen.writers import builtin_names

        if isinstance(value, str) and value.lower() in builtin_names():
            return value.lower()
        return super().convert(value, param, ctx)


FORMAT_CHOICE = FormatChoice()
PAGE_SIZE_CHOICE = click.Choice(PAGE_SIZES, case_sensitive=False)


def _report(result) -> None:
    for warning in dict.fromkeys(result.warnings):  # once each
        say(f"warning: {warning}")
    for path in result.paths:
        say(str(path), err=False)


ELSEWHERE = {
    "batch": "briefgen.cli.course:batch",
    "diff": "briefgen.cli.changes:diff",
    "init": "briefgen.cli.authoring:init",
    "new": "briefgen.cli.scaffold:new",
    "preview": "briefgen.cli.authoring:preview",
    "schema": "briefgen.cli.scaffold:schema",
    "sources": "briefgen.cli.sources:sources",
    "templates": "briefgen.cli.authoring:templates",
}
"""The commands that live in modules of their own (``module:command``)."""


class CommandGroup(BriefgenGroup):
    """The ``briefgen`` group: a command of :data:`ELSEWHERE` is imported when it is named
    (``--help`` names them all), so ``briefgen brief`` builds none of the others' options."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted, whether its module is loaded yet or not."""
        return sorted({*self.commands, *ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported on first use."""
        if cmd_name not in self.commands and cmd_name in ELSEWHERE:
            module, name = ELSEWHERE[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Turn curated facts (YAML) into one-page PDF and DOCX briefing sheets.

    \b
    Examples:
      briefgen brief facts/csto.yaml          # out/csto-brief.pdf and .docx
      briefgen compare facts/csto.yaml facts/nato.yaml
      briefgen check facts/*.yaml
    """


def output_options(default_template: str):
    """Options shared by ``brief`` and ``compare``: formats, folder, page, theme, templates."""

    def decorate(func):
        options = [
            click.option("-t", "--template", default=default_template, show_default=True,
                         help="Template name (looked up in --templates, ./templates, bundled) "
                         "or a .md.j2 path."),
            click.option("-f", "--format", "formats", type=FORMAT_CHOICE, multiple=True,
                         help="Output format; repeat for several. Default: "
                         + " and ".join(default_formats()) + "."),
            click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out"),
                         show_default=True, help="Folder to write into."),
            click.option("--page-size", type=PAGE_SIZE_CHOICE,
                         help="a4 or letter. Default: the theme's, else a4."),
            click.option("--pages", type=click.IntRange(1, 20), default=1, show_default=True,
                         help="Pages the sheet may take (the fit-or-refuse rule applies to N)."),
            click.option("--theme", "theme_file", type=click.Path(dir_okay=False, path_type=Path),
                         help="Theme file (YAML): fonts, colours, margins, logo, banner."),
            click.option("--templates", "template_dirs", multiple=True,
                         type=click.Path(file_okay=False, path_type=Path),
                         help="Extra template folder, searched before the bundled one."),
            click.option("--lang", metavar="LANG",
                         help="Language of the sheet's labels and dates (en, ru, …). "
                         "Default: the facts file's language: (a comparison: the first file's)."),
            click.option("--online-url", metavar="URL", callback=_online_url,
                         help="https folder the HTML pages are published in: the PDF and DOCX "
                         "get a QR code to the sheet's page there (<URL>/<name>.html)."),
            click.option("--allow-overflow", is_flag=True,
                         help="Let the content run onto more pages instead of refusing."),
            click.option("--strict", is_flag=True,
                         help="Treat every warning as a failure: exit 1 and write nothing."),
            click.option("--watch", is_flag=True,
                         help="Rebuild whenever a facts file, template or the theme changes "
                         "(one status line per build on stderr; Ctrl-C stops)."),
        ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def _online_url(ctx, param, value):
    """``--online-url`` checked at once: a refused address is a usage error (exit 2)."""
    from briefgen.api import online_base

    try:
        return online_base(value)
    except BriefgenError as exc:
        raise click.BadParameter(str(exc).removeprefix("online_url "), ctx, param) from None


@cli.command()
@click.argument("facts_file", type=click.Path(dir_okay=False, path_type=Path))
@output_options("brief")
def brief(facts_file, template, formats, output, page_size, pages, theme_file, template_dirs,
          lang, online_url, allow_overflow, strict, watch):
    """Make a one-page brief from FACTS_FILE.

    Writes OUTPUT/<facts id>-<template>.pdf and .docx (with -<lang> and
    -<paper> when --lang or --page-size differ from the file's and the theme's)
    and prints each path on
    stdout (messages go to stderr). If the content does not fit one page even
    at the smallest readable type, nothing is written and the exit code is 3.

    FACTS_FILE is a path, or the name of a bundled sample (csto, nato).

    \b
    Examples:
      briefgen brief facts/csto.yaml --format pdf --output handouts
      briefgen brief facts/nato.yaml --theme course.theme.yaml --page-size letter
    """
    from briefgen.api import build_brief

    def build():
        return build_brief(facts_file, template=template, formats=formats, output=output,
                           page_size=page_size, pages=pages, allow_overflow=allow_overflow,
                           theme=theme_file, templates=template_dirs, lang=lang, strict=strict,
                           online_url=online_url)

    _build_once_or_watch(build, watch, [facts_file], theme_file, template,
                         template_dirs)


def _build_once_or_watch(build, watch: bool, facts_files, theme_file, template, template_dirs,
                         spec=None) -> None:
    """Run ``build`` and print what it wrote (or fail cleanly); with ``watch``, keep rebuilding."""
    if watch:
        from briefgen.cli.watching import watch_build

        watch_build(build, facts_files, theme_file, template, template_dirs, spec)
        return
    _report(build())


@cli.command()
@click.argument("facts_files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-s", "--spec", type=click.Path(dir_okay=False, path_type=Path),
              help="Comparison spec (YAML). Default: the bundled defence-clause spec.")
@click.option("--orientation", type=click.Choice(["auto", "portrait", "landscape"]),
              default="auto", show_default=True,
              help="auto: landscape for 3+ organisations or long cells.")
@click.option("--name", help="Output file name without extension. Default: <id1>-vs-<id2> "
              "(-<lang>, -<paper> when not the first file's and the theme's).")
@output_options("comparison")
def compare(facts_files, spec, orientation, name, template, formats, output, page_size, pages,
            theme_file, template_dirs, lang, online_url, allow_overflow, strict, watch):
    """Compare two or more organisations side by side on one page.

    The spec names the rows (dimensions) and the fact holding each value.
    A value missing from a file shows as "—" (explained on the page as not
    covered by the curated facts); a warning on stderr names the file and fact.

    \b
    Examples:
      briefgen compare facts/csto.yaml facts/nato.yaml     # out/csto-vs-nato.pdf, .docx
      briefgen compare facts/*.yaml --spec facts/comparisons/defence-clause.yaml -f docx
    """
    from briefgen.api import build_comparison

    if len(facts_files) < 2:
        raise click.UsageError("compare needs two or more facts files, e.g. "
                               "briefgen compare facts/csto.yaml facts/nato.yaml")

    def build():
        if name is not None:
            from briefgen.outputs import safe_output_name

            safe_output_name(name, "--name")
        return build_comparison(facts_files, spec=spec, orientation=orientation, name=name,
                                template=template, formats=formats, output=output,
                                page_size=page_size, pages=pages,
                                allow_overflow=allow_overflow, theme=theme_file,
                                templates=template_dirs, lang=lang, strict=strict,
                                online_url=online_url)

    _build_once_or_watch(build, watch, list(facts_files), theme_file, template,
                         template_dirs, spec)




@cli.command()
@click.argument("facts_files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--max-age", type=click.IntRange(min=0), metavar="DAYS",
              help="Also warn about facts whose as_of date is older than DAYS.")
@click.option("-t", "--template", "templates", multiple=True, metavar="NAME|PATH",
              help="Check against this template (repeatable). Default: the bundled ones.")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched before the bundled one.")
@click.option("--strict", is_flag=True, help="Treat every warning as a failure (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True,
              help="text: file:line: message on stderr. json, github (workflow annotations), "
              "sarif (SARIF 2.1.0): on stdout; see docs/diagnostics.md.")
@click.option("--links", is_flag=True,
              help="Also ask the web: every source URL (dead, moved, soft 404, changed title, "
              "quotes, archived copies); see docs/sources.md.")
@click.option("--refresh", is_flag=True,
              help="With --links: ask again even when a result younger than a day is cached.")
@click.option("--archive-api", metavar="URL", default=None,
              help="With --links: a Wayback availability API to ask for snapshots "
              "(default: the Internet Archive's wayback/available).")
@click.option("--no-archive", is_flag=True, help="With --links: do not look up archived snapshots.")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=10.0, show_default=True,
              metavar="SECONDS", help="With --links: how long to wait for one answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="With --links: how often to ask again after a timeout, 429 or 5xx.")
@click.option("--spec", "specs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also hold each facts file against this comparison spec: a cell it would "
              "print as — is a warning naming the spec row's line (repeatable).")
def check(facts_files, max_age, templates, template_dirs, strict, fmt, links, refresh, archive_api,
          no_archive, timeout, retries, specs):
    """Validate facts files and hold them against the templates.

    Prints each problem as file:line: message. Besides the schema, it finds
    facts a template needs and the file lacks, keys and item fields that look
    misspelt, sources never cited and claims cited only to mirror copies
    (see docs/diagnostics.md). Exits 0 when no file has an error (warnings
    too with --strict), 1 otherwise.

    A TODO left by `briefgen new` is reported as "not filled in yet". Themes,
    comparison specs and course manifests are checked too when their first
    line names their schema (as `briefgen new` and `briefgen init` write it).

    \b
    Examples:
      briefgen check facts/*.yaml --max-age 365
      briefgen check course/*.yaml --template course/templates/brief.md.j2 --strict
      briefgen check facts/*.yaml --format sarif > briefgen.sarif
      briefgen check facts/*.yaml --links --format github
      briefgen check sco.yaml --spec facts/comparisons/defence-clause.yaml --strict
    """
    from briefgen.authoring.check import run_check

    options = None
    if links:
        from briefgen.sources.links import LinkOptions, Settings
        from briefgen.sources.wayback import DEFAULT_ARCHIVE_API

        options = LinkOptions(archive_api=None if no_archive else archive_api or DEFAULT_ARCHIVE_API,
                              refresh=refresh, settings=Settings(timeout=timeout, retries=retries))
    elif refresh or archive_api or no_archive:
        raise click.UsageError("--refresh, --archive-api and --no-archive go with --links")
    code = run_check(facts_files, templates, list(template_dirs), max_age, strict, fmt, check_echo,
                     links=options, specs=tuple(specs))
    click.get_current_context().exit(code)


def main() -> None:
    """Console entry point: run the CLI; a bug prints one line, not a traceback."""
    from briefgen.cli.process import no_pydantic_plugins, usable_tz
    from briefgen.lazy_patterns import defer_wide_patterns

    defer_wide_patterns()  # the CLI's choice: reportlab's and PyYAML's wide patterns on first use
    no_pydantic_plugins()
    usable_tz()
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        say(INTERRUPTED)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly
        if isinstance(exc, OSError) and _stdout_unwritable(exc):  # e.g. > /dev/full
            say(f"briefgen: cannot write to standard output ({exc.strerror or exc}); "
                       "outputs already written are complete")
            sys.exit(1)
        if isinstance(exc, OSError) and exc.filename and exc.errno in _PATH_ERRNOS:
            # a path the file system refuses (too long, a link loop, no permission …)
            say(f"briefgen: {exc.filename}: {exc.strerror}")
            sys.exit(1)
        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        say(f"briefgen: internal error ({type(exc).__name__}: {exc}). "
                   "This is a bug; run with BRIEFGEN_DEBUG=1 for details and report it.")
        sys.exit(70)


_PATH_ERRNOS = {getattr(errno, name) for name in (
    "ENAMETOOLONG", "ELOOP", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR",
    "EISDIR", "ENOENT", "EEXIST", "ENXIO", "ETXTBSY") if hasattr(errno, name)}
"""File-system refusals of a path the user gave: exit 1 naming it, not an internal error."""


def _stdout_unwritable(exc: BaseException) -> bool:
    """True when ``exc`` came from writing to stdout (``click.echo`` without ``err``).

    Then stdout is pointed at /dev/null, so the interpreter's last flush at
    exit cannot fail again.
    """
    tb, from_stdout = exc.__traceback__, False
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "echo" and "click" in code.co_filename:
            from_stdout = not tb.tb_frame.f_locals.get("err")
        tb = tb.tb_next
    if from_stdout:
        try:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, sys.stdout.fileno())
            os.close(fd)
        except (OSError, ValueError, AttributeError):
            pass
    return from_stdout
