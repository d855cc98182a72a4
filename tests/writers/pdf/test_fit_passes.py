"""The measuring fit chooses what building every step would choose, in at most two builds.

Every bundled sheet (briefs, timelines, 2- and 3-way comparisons) and a spread
of synthetic briefs (benchmarks/synth.py) is fitted twice: by :func:`briefgen.writers.pdf.fit.fit`
and by the oracle in ``fit_oracle.py``, which builds each step from 1.0 down
until one fits. The scales must be equal; the fit's own counter of full builds
must stay at two or fewer. (Speed itself is measured in benchmarks/run.py.)
"""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from fit_oracle import search_scale
from overlong import overlong_csto
from pypdf import PdfReader

import briefgen.writers.pdf.fit as fitting
from briefgen.errors import PageOverflowError
from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.writers.pdf.document import build_pdf

FACTS = ROOT / "facts"
BRIEFS = ["csto", "nato", "eu", "rio", "anzus", "csto.ru"]


class _Captured(Exception):
    """Raised by the stand-in fit once it has the sheet's document."""


def _documents(tmp: Path) -> list[tuple[str, object, object, object]]:
    """(name, document, page setup, theme) of every bundled sheet and 24 synthetic briefs."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    found: list = []
    uncut: dict = {}  # the first document of a sheet that had to cut items to fit

    def capture(doc, setup, theme, warnings=None, start=None):
        # A brief that overflows with every item shows one fewer at a time (announced cuts)
        # until it fits: the sheet a user gets is the first document the real fit accepts,
        # and the full one it started from is kept as an overflow case.
        try:
            real(doc, setup, theme, start=start)
        except PageOverflowError:
            uncut.setdefault("first", (doc, setup, theme))
            raise
        found.append((doc, setup, theme))
        raise _Captured

    real, fitting.fit = fitting.fit, capture
    names: list[str] = []

    def run(name, make):
        uncut.clear()
        try:
            make()
        except _Captured:
            names.append(name)
            if "first" in uncut:
                names.append(f"{name}-uncut")
                found.append(uncut["first"])

    try:
        for b in BRIEFS:
            run(f"brief-{b}", lambda b=b: make_brief(FACTS / f"{b}.yaml", output=tmp))
            run(f"timeline-{b}", lambda b=b: make_brief(FACTS / f"{b}.yaml", template="timeline",
                                                        output=tmp))
        run("compare-csto-nato", lambda: make_comparison(
            [FACTS / "csto.yaml", FACTS / "nato.yaml"], output=tmp))
        run("compare-csto-nato-rio", lambda: make_comparison(
            [FACTS / "csto.yaml", FACTS / "nato.yaml", FACTS / "rio.yaml"], output=tmp))
        run("compare-ru", lambda: make_comparison(
            [FACTS / "csto.ru.yaml", FACTS / "nato.yaml"], output=tmp, lang="ru"))
        # the bundled briefs fit uncut: a file too long for its page keeps the cutting path tested
        run("brief-overlong", lambda: make_brief(overlong_csto(tmp / "overlong"), output=tmp))
        for path in synth.generate(24, tmp / "synth", seed=11):
            run(path.stem, lambda p=path: make_brief(p, output=tmp))
    finally:
        fitting.fit = real
        sys.path.remove(str(ROOT / "benchmarks"))
    return [(n, *d) for n, d in zip(names, found, strict=True)]


@pytest.fixture(autouse=True)
def fresh_memo(tmp_path, monkeypatch):
    """An empty cache for each test: a remembered scale would skip the measures counted here."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """Every sheet's document, captured where the pipeline hands it to the fit."""
    docs = _documents(tmp_path_factory.mktemp("sheets"))
    cut = [d for d in docs if d[0].endswith("-uncut")]
    assert len(docs) - len(cut) == 6 * 2 + 3 + 1 + 24
    assert cut, "no sheet had to cut items to fit: the overflow path goes untested"
    return docs


def _cases(sheets):
    """Each sheet on one page and on two (csto and rio need two until the look work lands)."""
    for name, doc, setup, theme in sheets:
        for pages in (1, 2):
            yield f"{name}/{pages}p", doc, replace(setup, pages=pages), theme


@pytest.mark.slow  # the exhaustive oracle builds every step of every sheet
def test_the_fit_chooses_the_largest_step_that_fits_in_at_most_two_builds(sheets):
    seen_shrunk = seen_overflow = 0
    old_smaller = []
    for name, doc, setup, theme in _cases(sheets):
        best, _ = search_scale(doc, setup, theme, exhaustive=True)
        if best is None:
            with pytest.raises(PageOverflowError):
                fitting.fit(doc, setup, theme)
            seen_overflow += 1
            continue
        fitted = fitting.fit(doc, setup, theme)
        assert fitted.scale == best, name
        assert fitted.builds <= 2, (name, fitted.builds)
        assert fitted.pages <= setup.pages
        assert len(PdfReader(io.BytesIO(fitted.pdf)).pages) == fitted.pages
        seen_shrunk += best < 1.0
        old, _ = search_scale(doc, setup, theme, exhaustive=False)
        assert old is None or old <= fitted.scale, name  # never smaller type than before
        if old is not None and old < fitted.scale:
            old_smaller.append(name)
    # the corpus exercises both paths (most bundled sheets now fit at 1.0; synthetic ones shrink)
    assert seen_shrunk >= 5 and seen_overflow >= 1


def test_most_sheets_take_one_build_and_the_measures_are_counted(sheets):
    builds = []
    for name, doc, setup, theme in _cases(sheets):
        try:
            fitted = fitting.fit(doc, setup, theme)
        except PageOverflowError:
            continue
        builds.append(fitted.builds)
        assert 1 <= fitted.measures <= 5, name
    assert max(builds) <= 2
    assert builds.count(1) >= 0.8 * len(builds)


def test_a_measured_story_builds_the_same_bytes_as_a_fresh_one(sheets):
    for name, doc, setup, theme in sheets[:4] + sheets[-2:]:
        setup = replace(setup, pages=2)
        fitted = fitting.fit(doc, setup, theme)
        assert fitted.measures >= 1
        assert fitted.pdf == build_pdf(doc, setup, theme, fitted.scale).pdf, name


def test_allow_overflow_builds_once_without_measuring(sheets):
    name, doc, setup, theme = sheets[0]
    fitted = fitting.fit(doc, replace(setup, allow_overflow=True), theme)
    assert (fitted.scale, fitted.builds, fitted.measures) == (1.0, 1, 0)
    assert fitted.pages > 1


def test_an_unchanged_sheet_is_built_once_at_the_remembered_scale(sheets):
    for name, doc, setup, theme in _cases(sheets):
        try:
            first = fitting.fit(doc, setup, theme)
        except PageOverflowError:
            continue
        again = fitting.fit(doc, setup, theme)
        assert (again.scale, again.builds, again.measures) == (first.scale, 1, 0), name
        assert again.pdf == first.pdf, name


def test_a_remembered_scale_is_only_a_start_when_the_sheet_no_longer_fits_there(sheets):
    from briefgen.writers.pdf import fitmemo

    name, doc, setup, theme = next(s for s in sheets if s[0] == "brief-nato")
    best, _ = search_scale(doc, setup, theme, exhaustive=True)
    assert best is not None and best < 1.0
    fitmemo.Memo(doc, setup, theme).remember(1.0)  # as if the facts had been shorter
    fitted = fitting.fit(doc, setup, theme)
    assert fitted.scale == best and fitted.pages == setup.pages
    assert fitmemo.Memo(doc, setup, theme).recall() == best  # the entry follows the new answer


@pytest.mark.parametrize("stored", [b"", b"garbage", b"briefgen-fit 7.5", b"briefgen-fit nan",
                                    b"briefgen-fit 0.93", b"\xff\xfe", b"briefgen-fit over 0.8",
                                    b"briefgen-fit over 0.8 10 20", b"briefgen-fit over 0.8 nan 1",
                                    b"briefgen-fit over x 30 20"])
def test_a_damaged_entry_is_ignored(sheets, stored):
    from briefgen.cache import cache_dir
    from briefgen.writers.pdf import fitmemo

    name, doc, setup, theme = next(s for s in sheets if s[0] == "brief-nato")
    first = fitting.fit(doc, setup, theme)
    (entry,) = cache_dir("fit").iterdir()
    entry.write_bytes(stored)
    again = fitting.fit(doc, setup, theme)
    assert again.scale == first.scale and again.measures >= 1, stored
    assert fitmemo.Memo(doc, setup, theme).recall() == first.scale


def test_two_sheets_with_one_title_keep_a_remembered_scale_each(sheets, monkeypatch):
    from briefgen.cache import cache_dir
    from briefgen.writers.pdf import fitmemo

    name, doc, setup, theme = next(s for s in sheets if s[0] == "brief-nato")
    fitting.fit(doc, setup, theme)
    shorter = replace(doc, blocks=doc.blocks[: len(doc.blocks) // 2])  # same title and header
    fitted = fitting.fit(shorter, setup, theme)
    assert fitted.measures >= 1  # new content: searched, not taken from the other entry
    assert fitting.fit(doc, setup, theme).measures == 0  # neither evicted the other
    assert fitting.fit(shorter, setup, theme).measures == 0
    assert len(list(cache_dir("fit").iterdir())) == 2
    monkeypatch.setattr(fitmemo, "MAX_ENTRIES", 1)  # the cache stays bounded
    fitting.fit(replace(doc, blocks=doc.blocks[:3]), setup, theme)
    assert len(list(cache_dir("fit").iterdir())) == 1


def test_a_new_input_is_hashed_and_its_entry_read_once(sheets, monkeypatch):
    # recall, the overflow's recall and remember all name one entry: its SHA-256 over the
    # whole tree is taken once per fit, and the file read once
    from briefgen import cache
    from briefgen.writers.pdf import fitmemo

    name, doc, setup, theme = next(s for s in sheets if s[0] == "brief-nato")
    calls = {"hash": 0, "read": 0}
    entry, read = fitmemo._entry, cache.read_cached

    def counted_entry(*args):
        calls["hash"] += 1
        return entry(*args)

    def counted_read(*args):
        calls["read"] += 1
        return read(*args)

    monkeypatch.setattr(fitmemo, "_entry", counted_entry)
    monkeypatch.setattr(cache, "read_cached", counted_read)
    fitted = fitting.fit(doc, setup, theme)
    assert fitted.measures >= 1 and calls == {"hash": 1, "read": 1}
    assert fitmemo.Memo(doc, setup, theme).recall() == fitted.scale


def test_a_full_memo_is_cut_to_seven_eighths_keeping_the_newest(sheets, monkeypatch):
    import os

    from briefgen.cache import cache_dir
    from briefgen.writers.pdf import fitmemo

    name, doc, setup, theme = next(s for s in sheets if s[0] == "brief-nato")
    monkeypatch.setattr(fitmemo, "MAX_ENTRIES", 16)
    fitting.fit(doc, setup, theme)  # creates the folder
    folder = cache_dir("fit")
    for n in range(16):  # older than anything written next
        old = folder / f"{n:040d}-0.fit"
        old.write_bytes(b"briefgen-fit 0.9")
        os.utime(old, ns=(n, n))
    shorter = replace(doc, blocks=doc.blocks[:3])
    fitting.fit(shorter, setup, theme)  # 18 entries: over the limit
    kept = {p.name for p in folder.iterdir()}
    assert len(kept) == 14  # 16 - 16 // 8
    assert fitmemo.Memo(shorter, setup, theme).name in kept
    assert fitmemo.Memo(doc, setup, theme).name in kept
    assert {f"{n:040d}-0.fit" for n in range(4, 16)} <= kept  # the oldest four went
    fitting.fit(replace(doc, blocks=doc.blocks[:2]), setup, theme)
    assert len(list(folder.iterdir())) == 15  # under the limit: nothing read or removed
