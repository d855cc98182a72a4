"""Editor and scaffold commands: ``briefgen schema`` and ``briefgen new facts|theme|spec``.

Only Click and the error types are imported here; each command imports its
library module (:mod:`briefgen.authoring.jsonschemas`, :mod:`briefgen.authoring.scaffold`) when it runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.cli.errors import say

KIND_CHOICE = click.Choice(["facts", "theme", "spec", "manifest"])


@click.command()
@click.argument("kind", type=KIND_CHOICE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (default: stdout).")
def schema(kind, output):
    """Print the JSON Schema of a facts file, theme, comparison spec or course manifest.

    Editors with the YAML language server use it for completion, hover help and
    inline errors; see docs/editors.md. The schema is generated from the same
    models `briefgen check` validates with.

    \b
    Examples:
      briefgen schema facts -o schemas/facts.schema.json
      briefgen schema manifest > manifest.schema.json
    """
    from briefgen.authoring.jsonschemas import schema_text

    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    from briefgen.outputs import prepare_output_dir, write_atomic

    prepare_output_dir(output.parent if str(output.parent) else Path("."))
    say(str(write_atomic(output, text.encode("utf-8"))), err=False)


@click.group()
def new():
    """Write a new facts file, theme or comparison spec to fill in (TODO markers).

    Each field has a short comment saying what belongs there; `briefgen check`
    lists every TODO not filled in yet, one line each. An existing file is
    never overwritten.
    """


def _report(paths: list[Path], name: str) -> None:
    for path in paths:
        say(str(path), err=False)
    say(f"briefgen: fill in the TODOs, then: briefgen check {paths[0]}")


@new.command("facts")
@click.argument("fact_id", metavar="ID")
@click.option("-t", "--template", default="brief", show_default=True,
              help="The template the facts are for: its facts become the file's fields.")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched before the bundled one.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write. Default: ID.yaml in the current folder.")
@click.option("--spec", type=click.Path(dir_okay=False, path_type=Path),
              help="Also ask for every fact this comparison spec reads (one per row, and its "
              "quote). The comparison template uses the bundled spec by default.")
def new_facts(fact_id, template, template_dirs, output, spec):
    """Write ID.yaml: the facts TEMPLATE needs, each with a comment and TODO markers.

    \b
    Examples:
      briefgen new facts rio-2 --template brief && briefgen check rio-2.yaml
      briefgen new facts sco --spec facts/comparisons/defence-clause.yaml
    """
    from briefgen.authoring.scaffold import new_facts as write

    paths = write(fact_id, template, output, list(template_dirs), spec)
    _report(paths, fact_id)


@new.command("theme")
@click.argument("name")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write. Default: NAME.theme.yaml in the current folder.")
def new_theme(name, output):
    """Write NAME.theme.yaml: every theme key with its default and a comment.

    \b
    Example:
      briefgen new theme course && briefgen brief csto --theme course.theme.yaml
    """
    from briefgen.authoring.scaffold import new_theme as write

    paths = write(name, output)
    _report(paths, name)


@new.command("spec")
@click.argument("first", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("second", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write. Default: <a>-vs-<b>.spec.yaml in the current folder.")
def new_spec(first, second, output):
    """Write a comparison spec for two facts files: one row per fact they share.

    FIRST and SECOND are facts files (or bundled names: csto, nato, eu).

    \b
    Example:
      briefgen new spec facts/csto.yaml facts/nato.yaml -o compare.yaml
    """
    from briefgen.authoring.scaffold import new_spec as write

    paths = write(first, second, output)
    _report(paths, "spec")
