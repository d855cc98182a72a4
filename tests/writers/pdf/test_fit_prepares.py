"""What the one-page fit prepares, measures and builds for a facts file it has never seen.

Counted from outside, by wrapping the PDF writer's functions (no clock): a
*prepare* is :func:`briefgen.writers.pdf.document.prepare` (styles and the
story's flowables), a *measure* is :func:`briefgen.writers.pdf.measure.story_height`
(the story wrapped, not drawn), a *build* is
:func:`briefgen.writers.pdf.document.build_pdf` (laid out, drawn and written),
and *parts* is the block-heights pass an overflow message measures.
Each test starts from an empty cache, so nothing is remembered.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import ROOT
from overlong import overlong_csto

from briefgen.sheets.brief import make_brief
from briefgen.writers.pdf import document as pdf_document
from briefgen.writers.pdf import measure as pdf_measure


@pytest.fixture
def passes(tmp_path, monkeypatch):
    """Counters of the fit's passes; the scales each story was prepared at; an empty cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    count: Counter = Counter()
    count.prepared_at = []
    count.built_from_measured = 0
    real_prepare, real_build = pdf_document.prepare, pdf_document.build_pdf
    real_height, real_parts = pdf_measure.story_height, pdf_document.measure

    def prepare(doc, setup, theme, scale=1.0):
        count["prepare"] += 1
        count.prepared_at.append(scale)
        return real_prepare(doc, setup, theme, scale)

    def build_pdf(doc, setup, theme, scale=1.0, warnings=None, prepared=None):
        count["build"] += 1
        count.built_from_measured += prepared is not None
        return real_build(doc, setup, theme, scale, warnings, prepared)

    def story_height(prepared):
        count["measure"] += 1
        return real_height(prepared)

    def parts(*args, **kw):
        count["parts"] += 1
        return real_parts(*args, **kw)

    monkeypatch.setattr(pdf_document, "prepare", prepare)
    monkeypatch.setattr(pdf_document, "build_pdf", build_pdf)
    monkeypatch.setattr(pdf_measure, "story_height", story_height)
    monkeypatch.setattr(pdf_document, "measure", parts)
    return count


def _synthetic(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth

        return synth.generate(6, tmp_path / "synth", seed=5)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_a_new_sheet_that_fits_is_prepared_once_measured_once_built_once(tmp_path, passes):
    files = _synthetic(tmp_path)
    make_brief(files[0], output=tmp_path / "warm")  # imports, fonts, templates: not counted
    passes.clear()
    passes.prepared_at.clear()
    passes.built_from_measured = 0
    result = make_brief(files[3], output=tmp_path / "out")  # never built before
    assert result.scale == 1.0
    assert (passes["prepare"], passes["measure"], passes["build"]) == (1, 1, 1)
    assert passes.built_from_measured == 1  # the build took the measured story, not a new one
    assert passes["parts"] == 0


def test_a_new_sheet_that_shrinks_prepares_each_measured_scale_once(tmp_path, passes):
    result = make_brief(ROOT / "facts" / "nato.yaml", output=tmp_path / "out")
    assert result.scale < 1.0
    # 1.0, the step its height points to, and the step above that (to know it is the largest)
    assert passes["measure"] <= 3
    assert passes["prepare"] == passes["measure"]  # the build prepared nothing of its own
    assert len(set(passes.prepared_at)) == len(passes.prepared_at)  # no scale prepared twice
    assert (passes["build"], passes.built_from_measured) == (1, 1)


def test_a_brief_that_cuts_items_measures_each_try_once_and_builds_only_what_fits(tmp_path,
                                                                               passes):
    """A brief too long for its page (the CSTO facts with their criticisms repeated,
    tests/overlong.py) overflows with every item and shows one fewer at a time.

    Each try that still overflows is one prepare and one measure at the scale the last try
    overflowed at: never built, never measured part by part for a message nobody reads.
    """
    tries = []
    import briefgen.writers.pdf.fit as fitting

    real_fit = fitting.fit

    def fit(doc, setup, theme, warnings=None, start=None):
        before = Counter(passes)
        try:
            more = {} if start is None else {"start": start}
            return real_fit(doc, setup, theme, warnings=warnings, **more)
        finally:
            tries.append(Counter(passes) - before)

    fitting.fit = fit
    try:
        result = make_brief(overlong_csto(tmp_path / "facts"), output=tmp_path / "out")
    finally:
        fitting.fit = real_fit
    assert any("to fit the page" in w for w in result.warnings), result.warnings
    assert len(tries) >= 3, "the overlong CSTO file no longer cuts: make it longer"
    overflowing = [t for t in tries[1:] if not t["build"]]
    assert overflowing, tries
    for t in overflowing:  # a retry that overflows: one prepare, one measure, nothing else
        assert (t["prepare"], t["measure"], t["build"], t["parts"]) == (1, 1, 0, 0), t
    assert tries[0]["build"] == 0 and tries[0]["measure"] <= 3  # the uncut first try
    assert passes["parts"] == 0  # it fitted in the end: no overflow message was worded
    assert passes["prepare"] == passes["measure"]
    assert passes["build"] == passes.built_from_measured

    # Made again unchanged: every try is remembered, the overflowing ones as overflowing,
    # so nothing is measured; only the tries that fit are built (at their remembered scale).
    passes.clear()
    again = make_brief(tmp_path / "facts" / "csto.yaml", output=tmp_path / "again")
    assert again.scale == result.scale and again.warnings == result.warnings
    assert (tmp_path / "again" / "csto-brief.pdf").read_bytes() == (
        tmp_path / "out" / "csto-brief.pdf").read_bytes()
    assert passes["measure"] == 0 and passes["parts"] == 0
    assert passes["build"] == sum(1 for t in tries if t["build"]) == passes["prepare"]
