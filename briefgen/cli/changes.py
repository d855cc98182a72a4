"""The ``briefgen diff`` command: what changed in the facts between two versions.

Only Click is imported at load time; the library (:mod:`briefgen.changes`,
:mod:`briefgen.sheets.changes`) is imported when the command runs. The report
(text or JSON) goes to stdout; written files are listed on stdout when no
report is asked for, else on stderr.
"""

from __future__ import annotations

import click

REPORTS = ("text", "json")


def _format_choices() -> list[str]:
    return list(REPORTS)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT",
              type=click.Choice(_format_choices(), case_sensitive=False),
              help="text (default) or json: the report on stdout.")
@click.option("--lang", metavar="LANG", help="Language of the report and sheets' labels. "
              "Default: each facts file's language:.")
def diff(old, new, formats, lang):
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
    """
    from briefgen.changes import compare_sides, read_side

    chosen = [f.lower() for f in dict.fromkeys(formats)] or ["text"]
    reports = [f for f in chosen if f in REPORTS]
    if len(reports) > 1:
        raise click.UsageError("choose one of --format text or --format json for the report")
    changes = compare_sides(read_side(old), read_side(new))
    for note in changes.notes:
        click.echo(f"briefgen: {note}", err=True)
    if reports:
        from briefgen.changes.report import to_json, to_text

        click.echo(to_json(changes) if reports[0] == "json" else to_text(changes, lang), nl=False)
        click.echo("" if reports[0] == "text" else "\n", nl=False)
