"""The ``briefgen diff`` command: what changed in the facts between two versions.

Only Click is imported at load time; the library (:mod:`briefgen.changes`,
:mod:`briefgen.sheets.changes`) is imported when the command runs. The report
(text or JSON) goes to stdout; written files are listed on stdout when no
report is asked for, else on stderr.
"""

from __future__ import annotations

from pathlib import Path

import click

REPORTS = ("text", "json")


class _Formats(click.Choice):
    """text, json and every sheet format (plugins' read only when an unknown name is given)."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    @property
    def choices(self):
        """The reports and every format's name, computed when used (click reads this)."""
        from briefgen.writers import format_names

        return (*REPORTS, *format_names())

    @choices.setter
    def choices(self, _value) -> None:
        """Ignored: click's ``Choice.__init__`` sets it."""

    def convert(self, value, param, ctx):
        """A report or an in-tree format is taken without reading the plugins."""
        from briefgen.writers import builtin_names

        if isinstance(value, str) and value.lower() in (*REPORTS, *builtin_names()):
            return value.lower()
        return super().convert(value, param, ctx)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT",
              type=_Formats(),
              help="text (default) or json: the report on stdout; a sheet format "
              "(pdf, docx …): a one-page 'What changed' sheet per organisation. Repeatable.")
@click.option("--course", is_flag=True,
              help="With a sheet format: one change sheet for all organisations.")
@click.option("--pages", type=click.IntRange(1, 20), default=1, show_default=True,
              help="Pages a change sheet may take.")
@click.option("--allow-overflow", is_flag=True,
              help="Let a change sheet run onto more pages instead of shortening it.")
@click.option("--redline", is_flag=True,
              help="Write the sheet made with --template as a DOCX with tracked changes "
              "from OLD to NEW (accept all in Word or LibreOffice to get the new sheet).")
@click.option("-t", "--template", default="brief", show_default=True,
              help="With --redline: the template of the sheet to redline.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for redlines (and change sheets).")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched before the bundled one.")
@click.option("--lang", metavar="LANG", help="Language of the report and sheets' labels. "
              "Default: each facts file's language:.")
def diff(old, new, formats, course, pages, allow_overflow, redline, template, output, template_dirs, lang):
    """What changed in the facts from OLD to NEW, as facts, not bytes.

    OLD and NEW are each a facts file, a folder of facts files, or a git
    revision and path read without a checkout (REV:path, as `git show` takes
    it). Organisations are matched by their facts file's id; list entries by
    their identity (a member by name, an invocation by date). Sources added,
    removed, replaced or re-dated are listed with the claims citing them.

    Exit 0 when both sides could be read and compared, whatever changed;
    1 (with file:line on stderr) when a side cannot be read.

    \b
    Examples:
      briefgen diff HEAD~5:facts/csto.yaml facts/csto.yaml
      briefgen diff v2026-spring:facts/ facts/ --format json
      briefgen diff v2026-spring:facts/ facts/ -f pdf -f docx -o handouts
      briefgen diff HEAD~5:facts/csto.yaml facts/csto.yaml --redline -t brief
    """
    from briefgen.changes import compare_sides, read_side

    chosen = [f.lower() for f in dict.fromkeys(formats)] or ([] if redline else ["text"])
    reports = [f for f in chosen if f in REPORTS]
    sheets = tuple(f for f in chosen if f not in REPORTS)
    if len(reports) > 1:
        raise click.UsageError("choose one of --format text or --format json for the report")
    old_side, new_side = read_side(old), read_side(new)
    changes = compare_sides(old_side, new_side)
    for note in changes.notes:
        click.echo(f"briefgen: {note}", err=True)
    written: list[Path] = []
    if redline:
        from briefgen.sheets.redline import make_redlines

        result = make_redlines(old, new, template, output, list(template_dirs), lang)
        for warning in dict.fromkeys(result.warnings):
            click.echo(f"warning: {warning}", err=True)
        written += result.paths
    if sheets:
        from briefgen.sheets.changes import make_change_sheets
        from briefgen.theme.model import PageSetup

        result = make_change_sheets(changes, sheets, output, course=course, lang=lang,
                                    new_files=new_side.files,
                                    setup=PageSetup(pages=pages, allow_overflow=allow_overflow))
        for warning in dict.fromkeys(result.warnings):
            click.echo(f"warning: {warning}", err=True)
        written += result.paths
    if reports:
        from briefgen.changes.report import to_json, to_text

        click.echo(to_json(changes) if reports[0] == "json" else to_text(changes, lang), nl=False)
        click.echo("" if reports[0] == "text" else "\n", nl=False)
    for path in written:
        click.echo(str(path), err=bool(reports))
