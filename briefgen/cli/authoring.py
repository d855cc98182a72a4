"""Authoring commands: ``briefgen init``, ``briefgen templates``, ``briefgen preview``.

Only Click and the error types are imported here; each command imports its
library module (:mod:`briefgen.authoring.catalogue`) when it runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.cli.errors import say
from briefgen.theme.model import PAGE_SIZES, page_size_for


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("course"))
@click.option("--title", help="The course title (default: from the folder name).")
def init(folder, title):
    """Make a ready course folder FOLDER (default: ./course) that builds as is.

    It holds the sample facts, a templates/brief.md.j2 that extends the
    bundled brief, a theme file to change colours, fonts, logo and banner, a
    course manifest and a README. Prints each file written on stdout.

    \b
    Example:
      briefgen init mycourse && cd mycourse && briefgen batch course.yaml
    """
    from briefgen.authoring.catalogue import init_course

    paths = init_course(folder, title)
    for path in paths:
        say(str(path), err=False)
    say(f"briefgen: course ready; next: cd {folder} && briefgen batch course.yaml")


@click.command()
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched first (as in brief and compare).")
def templates(template_dirs):
    """List the templates a brief can use, with a one-line description each.

    Templates are found in --templates folders, then ./templates, then the
    bundled ones; the first with a name wins ("overrides" says which it hides).

    \b
    Example:
      briefgen templates --templates course/templates
    """
    from briefgen.authoring.catalogue import list_templates

    found = list_templates(list(template_dirs))
    width = max((len(t.name) for t in found), default=0)
    for t in found:
        say(f"{t.name:<{width}}  {t.description or '(no description)'}", err=False)
        note = f"{'':<{width}}  {t.origin}: {t.path}"
        for hidden in t.shadows:
            note += f"; overrides {hidden}"
        say(note, err=False)


@click.command()
@click.argument("facts_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-t", "--template", default="brief", show_default=True,
              help="Template name or .md.j2 path.")
@click.option("--theme", "theme_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Theme file (YAML).")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Extra template folder, searched before the bundled one.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("preview"), show_default=True, help="Folder for the PNGs.")
@click.option("--page-size", type=click.Choice(PAGE_SIZES, case_sensitive=False),
              help="a4 or letter. Default: the theme's, else a4.")
@click.option("--pages", type=click.IntRange(1, 20), default=1, show_default=True,
              help="Pages the sheet may take.")
@click.option("--allow-overflow", is_flag=True, help="Preview an overflowing sheet anyway.")
@click.option("--dpi", type=click.IntRange(30, 300), default=80, show_default=True,
              help="Resolution of the PNGs.")
@click.option("--html", is_flag=True,
              help="Write the sheet's web page (<id>-<template>.html) instead of PNGs; open it "
              "in a browser and reload after each save.")
def preview(facts_file, template, theme_file, template_dirs, output, page_size, pages,
            allow_overflow, dpi, html):
    """Render each page of a brief to PNG (no PDF or DOCX is written).

    Prints the path of each page's PNG on stdout, one per line: open it in an
    image viewer that reloads, and pair it with `briefgen brief … --watch`
    or run it again after each save.

    \b
    Example:
      briefgen preview facts/csto.yaml --theme theme.yaml -o preview
      briefgen preview facts/csto.yaml --html     # preview/csto-brief.html
    """
    from briefgen.authoring.catalogue import preview_brief
    from briefgen.bundled import find_facts
    from briefgen.theme.loader import load_theme
    from briefgen.theme.model import PageSetup

    theme, theme_size = load_theme(theme_file)
    setup = PageSetup(size=page_size_for(page_size, theme_size), pages=pages,
                      allow_overflow=allow_overflow)
    paths, warnings = preview_brief(find_facts(facts_file), template, list(template_dirs),
                                    setup, theme, output, dpi, html=html)
    for warning in warnings:
        say(f"warning: {warning}")
    for path in paths:
        say(str(path), err=False)
