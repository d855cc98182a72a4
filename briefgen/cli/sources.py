"""``briefgen sources``: the sources of facts files as CSL-JSON, BibTeX or RIS.

Only Click is imported here; the command imports :mod:`briefgen.sources.export`
when it runs.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("sources")
@click.argument("facts_files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "fmt", type=click.Choice(["csljson", "bibtex", "ris"]), required=True,
              help="csljson (CSL-JSON, as Zotero and pandoc read it), bibtex or ris.")
@click.option("--cited-by", metavar="TEMPLATE",
              help="Only the sources the sheet built with TEMPLATE cites, in its order: a "
              "brief of each file, or one comparison of them all (-s, or a comparison template).")
@click.option("-s", "--spec", type=click.Path(dir_okay=False, path_type=Path),
              help="With --cited-by: the comparison's spec (YAML). Default: the bundled "
              "defence-clause spec.")
@click.option("--lang", metavar="LANG",
              help="With --cited-by: the sheet's language, as brief/compare --lang.")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched before the bundled one.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (whole or not at all) instead of stdout.")
def sources(facts_files, fmt, cited_by, spec, lang, template_dirs, output):
    """Print the sources of FACTS_FILES for a reference manager (Zotero, …).

    Each source becomes a web-page entry with its title, publisher, URL, access
    date, note and archived copy; keys are source ids (FILE-ID:SOURCE-ID when
    several files are given). See docs/sources.md.

    \b
    Examples:
      briefgen sources facts/nato.yaml --to csljson > nato.json
      briefgen sources facts/*.yaml --to bibtex -o course.bib
      briefgen sources facts/csto.yaml --to ris --cited-by brief
      briefgen sources facts/csto.yaml facts/nato.yaml --to csljson --cited-by comparison
    """
    from briefgen.sources.export import export_sources

    if (spec or lang) and not cited_by:
        raise click.UsageError("--spec and --lang choose the sheet of --cited-by; give "
                               "--cited-by TEMPLATE too")
    text = export_sources(facts_files, fmt, cited_by, list(template_dirs), spec=spec, lang=lang)
    if output is None:
        click.echo(text, nl=False)
        return
    from briefgen.outputs import write_atomic

    write_atomic(Path(output), text.encode("utf-8"))
    click.echo(str(output))
