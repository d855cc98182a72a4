"""The redline handout: a sheet's DOCX with Word tracked changes from the old facts to the new.

For each organisation found on both sides, the sheet is built from the old
facts and from the new ones through the same template, each as ``briefgen
brief`` builds it (:func:`build_brief`, nothing written), and the new DOCX is marked with
the differences (:mod:`briefgen.writers.docx.redline`): author the new facts
file's ``author:`` (else "briefgen"), date its as-of date. Written to
``<output>/<id>-<template>-redline.docx``; accepting every change gives the
text of ``briefgen brief NEW -t TEMPLATE``'s DOCX.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from briefgen.changes.sides import read_side
from briefgen.errors import InputError, PageOverflowError
from briefgen.sheets.brief import build_brief
from briefgen.sheets.pipeline import BuildResult
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme

REDLINE_FORMAT = "docx"
"""Tracked changes are a Word-processing feature: the one format a redline is written in."""


def make_redlines(old: str, new: str, template: str = "brief", output: Path = Path("out"),
                  template_dirs: list[Path] | None = None, lang: str | None = None,
                  setup: PageSetup | None = None, theme: Theme = DEFAULT_THEME) -> BuildResult:
    """Write one redline DOCX per organisation present on both sides; return what was written."""
    from briefgen.kinds import get_kind, template_kind
    from briefgen.outputs import prepare_output_dir, write_all_atomic
    from briefgen.sheets.request import SheetRequest
    from briefgen.templating.environment import resolve_template, template_stem
    from briefgen.writers.docx.redline import redline_docx

    kind = template_kind(template)
    if kind is not None and kind.build != get_kind("brief").build:  # it redlines a brief's build
        raise InputError(f"--redline -t {template}: a redline is made of a sheet of one "
                         "organisation (brief, timeline or a brief template of your own), "
                         f"not of a {kind.name} sheet")
    setup = setup or PageSetup()
    olds = {f.id: f for f in read_side(old).files}
    pairs = [(olds[f.id], f) for f in read_side(new).files if f.id in olds]
    if not pairs:
        raise InputError(f"no organisation is in both {old} and {new} (facts files are matched "
                         "by their id), so there is nothing to redline")
    outputs: dict[Path, bytes] = {}
    warnings: list[str] = []
    stem = template_stem(resolve_template(template, template_dirs)[0])

    def sheet(facts, page_setup) -> bytes:
        """The sheet's DOCX exactly as ``briefgen brief`` builds it (cuts and fit included)."""
        result = build_brief(SheetRequest((facts,), template, (REDLINE_FORMAT,), Path(output),
                                          page_setup, theme, tuple(template_dirs or ()),
                                          lang=lang, write=False))
        if facts is after:
            warnings.extend(result.warnings)
        return result.data[REDLINE_FORMAT]

    for before, after in pairs:
        new_bytes = sheet(after, setup)
        try:  # the old sheet as the brief made it, cuts and all; else as long as it was
            old_bytes = sheet(before, setup)
        except PageOverflowError:
            old_bytes = sheet(before, replace(setup, allow_overflow=True))
        when = dt.datetime.combine(after.model.as_of, dt.time(), tzinfo=dt.timezone.utc)
        data = redline_docx(old_bytes, new_bytes, after.model.author or "briefgen", when)
        outputs[Path(output) / f"{after.id}-{stem}-redline.{REDLINE_FORMAT}"] = data
    prepare_output_dir(Path(output))
    return BuildResult(write_all_atomic(outputs), warnings=list(dict.fromkeys(warnings)))
