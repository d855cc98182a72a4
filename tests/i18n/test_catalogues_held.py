"""One brief's build looks its catalogues up once; the next build reads an edited catalogue."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from briefgen.i18n import catalogues
from briefgen.i18n.catalogues import catalogues_held, translations
from briefgen.sheets.brief import make_brief

ROOT = Path(__file__).resolve().parents[2]


def _counting(monkeypatch) -> Counter:
    asked: Counter = Counter()
    search = catalogues.catalogue_files

    def counted(lang: str):
        asked[lang] += 1
        return search(lang)

    monkeypatch.setattr(catalogues, "catalogue_files", counted)
    return asked


def test_a_brief_searches_its_catalogues_once(tmp_path, monkeypatch):
    """Labels, dates, heading, footer and page numbers in PDF and DOCX: one search, not twenty."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    asked = _counting(monkeypatch)
    result = make_brief(ROOT / "facts" / "csto.yaml", formats=("pdf", "docx"),
                        output=tmp_path / "out")
    assert all(p.is_file() for p in result.paths)
    assert asked == Counter({"en": 1})


def test_a_block_inside_another_keeps_the_outer_ones(monkeypatch):
    asked = _counting(monkeypatch)
    with catalogues_held():
        translations("ru")
        with catalogues_held():
            translations("ru")
        translations("ru")
    assert asked == Counter({"ru": 1})


def _catalogue(folder: Path, sources: str) -> None:
    po = folder / "en" / "LC_MESSAGES" / "briefgen.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "Sources"\nmsgstr "{sources}"\n', encoding="utf-8")


def test_a_catalogue_edited_between_builds_is_read_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(catalogues.ENV_VAR, str(tmp_path / "locale"))
    _catalogue(tmp_path / "locale", "References")
    with catalogues_held():
        assert translations("en").gettext("Sources") == "References"
        _catalogue(tmp_path / "locale", "Works cited")
        assert translations("en").gettext("Sources") == "References"  # held for the build
    po = tmp_path / "locale" / "en" / "LC_MESSAGES" / "briefgen.po"
    later = po.stat().st_mtime_ns + 5_000_000_000  # a later edit, whatever the clock's grain
    os.utime(po, ns=(later, later))
    with catalogues_held():
        assert translations("en").gettext("Sources") == "Works cited"
    assert translations("en").gettext("Sources") == "Works cited"


def test_a_comparison_searches_its_catalogues_once(tmp_path, monkeypatch):
    """The comparison's build holds its catalogues as the brief's does (both sheet builds)."""
    from briefgen.sheets.comparison import make_comparison

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    asked = _counting(monkeypatch)
    result = make_comparison([ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml"],
                             formats=("pdf", "docx"), output=tmp_path / "out")
    assert all(p.is_file() for p in result.paths)
    assert asked == Counter({"en": 1})
