"""The redline handout: a sheet's DOCX with Word tracked changes from the old facts to the new.

For each organisation found on both sides, the sheet is built from the old
facts and from the new ones through the same template (:func:`brief_document`),
both rendered at the new sheet's type scale, and the new DOCX is marked with
the differences (:mod:`briefgen.writers.docx.redline`): author the new facts
file's ``author:`` (else "briefgen"), date its as-of date. Written to
``<output>/<id>-<template>-redline.docx``; accepting every change gives the
text of ``briefgen brief NEW -t TEMPLATE``'s DOCX.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.changes.sides import read_side
from briefgen.errors import InputError
from briefgen.sheets.brief import brief_document
from briefgen.sheets.pipeline import BuildResult
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme

REDLINE_FORMAT = "docx"
"""Tracked changes are a Word-processing feature: the one format a redline is written in."""


def make_redlines(old: str, new: str, template: str = "brief", output: Path = Path("out"),
                  template_dirs: list[Path] | None = None, lang: str | None = None,
                  setup: PageSetup | None = None, theme: Theme = DEFAULT_THEME) -> BuildResult:
    """Write one redline DOCX per organisation present on both sides; return what was written."""
    from briefgen.outputs import prepare_output_dir, write_all_atomic
    from briefgen.writers import get_format, render_formats
    from briefgen.writers.docx.redline import redline_docx

    setup = setup or PageSetup()
    olds = {f.id: f for f in read_side(old).files}
    pairs = [(olds[f.id], f) for f in read_side(new).files if f.id in olds]
    if not pairs:
        raise InputError(f"no organisation is in both {old} and {new} (facts files are matched "
                         "by their id), so there is nothing to redline")
    outputs: dict[Path, bytes] = {}
    warnings: list[str] = []
    for before, after in pairs:
        new_doc, stem = brief_document(after, template, template_dirs, theme, lang)
        old_doc, _ = brief_document(before, template, template_dirs, theme, lang)
        warnings += new_doc.warnings
        fmt = get_format(REDLINE_FORMAT)
        rendered = render_formats(new_doc, setup, theme, (REDLINE_FORMAT,), warnings)
        scale = fmt.scale_for(rendered.fitted, theme)  # the old sheet at the new one's scale
        when = dt.datetime.combine(after.model.as_of, dt.time(), tzinfo=dt.timezone.utc)
        data = redline_docx(fmt.render(old_doc, setup, theme, scale), rendered.data[fmt],
                            after.model.author or "briefgen", when)
        outputs[Path(output) / f"{after.id}-{stem}-redline.{REDLINE_FORMAT}"] = data
    prepare_output_dir(Path(output))
    return BuildResult(write_all_atomic(outputs), warnings=list(dict.fromkeys(warnings)))
