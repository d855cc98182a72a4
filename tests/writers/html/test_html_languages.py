"""Language of parts in the ``html`` page and the ``lms`` fragment (WCAG 3.1.2), read with lxml.

Every run the document tree marks with a language is in an element with that
``lang``: a source's ``language:`` (its title: the CSTO's Italian and French
sources), a fact's ``language:`` (a French clause), and words in the other
script (the same rule as the PDF and the DOCX, ``document/language.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import html as lhtml

from briefgen.sheets.brief import make_brief

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"


def _root(data: bytes):
    return lhtml.fragment_fromstring(data.decode("utf-8"), create_parent="div") \
        if not data.startswith(b"<!DOCTYPE") else lhtml.document_fromstring(data.decode("utf-8"))


def language_of(root, phrase: str) -> str:
    """The language in force where ``phrase`` is written: the nearest ``lang`` around its text."""
    for el in root.iter():
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if text and phrase in text and owner is not None:
                return next(e.get("lang") for e in (owner, *owner.iterancestors()) if e.get("lang"))
    raise AssertionError(f"{phrase!r} is not in the page")


def _declared_sources() -> list[tuple[str, str, str]]:
    """(facts file, source title, language:) of every bundled source that names its language."""
    out = []
    for path in sorted((ROOT / "facts").glob("*.yaml")):
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))
        for src in facts.get("sources", []):
            if src.get("language") and src["language"] != facts.get("language", "en"):
                out.append((path.stem, src["title"], src["language"]))
    return out


DECLARED = _declared_sources()


def test_the_bundled_facts_have_sources_in_french_and_italian():
    assert {lang for _, _, lang in DECLARED} >= {"fr", "it"}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Each facts file with a declared source, as page and fragment: stem → format → bytes."""
    out = {}
    for stem in sorted({s for s, _, _ in DECLARED}):
        folder = tmp_path_factory.mktemp(stem)
        result = make_brief(ROOT / "facts" / f"{stem}.yaml", formats=("html", "lms"),
                            output=folder)
        out[stem] = {("lms" if p.name.endswith(".lms.html") else "html"): p.read_bytes()
                     for p in result.paths}
    return out


@pytest.mark.parametrize("fmt", ["html", "lms"])
@pytest.mark.parametrize("stem, title, lang", DECLARED, ids=[f"{s}-{t[:24]}" for s, t, _ in DECLARED])
def test_a_source_title_in_another_language_is_marked_with_it(sheets, fmt, stem, title, lang):
    root = _root(sheets[stem][fmt])
    # the first words of the title as printed (a title may be cut by a line-keeping dash)
    words = " ".join(title.split()[:3])
    shown = [li for li in root.iter("li") if words in li.text_content()]
    if not shown:
        pytest.skip(f"{stem}: the sheet does not cite '{title[:40]}'")
    assert language_of(root, words) == lang


def test_the_sheets_own_language_is_not_repeated(sheets):
    page = sheets["csto"]["html"].decode("utf-8")
    assert 'lang="en"' not in page.split("<body", 1)[1]  # only the page's own <html lang="en">


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> dict[str, bytes]:
    """A sheet whose quoted clause is a French fact naming ``language: fr`` and holding a
    Russian word, as page and fragment."""
    folder = tmp_path_factory.mktemp("french")
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("""    quote: true
    value: |
      If one member is attacked, the others will consult at once.
""", """    quote: true
    language: fr
    value: |
      Si un membre est attaqué, les autres (l'ОДКБ aussi) se consultent sans délai.
""")
    assert "language: fr" in text
    (folder / "fr.yaml").write_text(text, encoding="utf-8")
    result = make_brief(folder / "fr.yaml", formats=("html", "lms"), output=folder / "out")
    return {("lms" if p.name.endswith(".lms.html") else "html"): p.read_bytes()
            for p in result.paths}


@pytest.mark.parametrize("fmt", ["html", "lms"])
def test_a_fact_in_french_is_french_and_a_russian_word_in_it_russian(french, fmt):
    root = _root(french[fmt])
    assert language_of(root, "Si un membre est attaqué") == "fr"
    assert language_of(root, "se consultent sans délai") == "fr"
    assert language_of(root, "ОДКБ") == "ru"
    assert language_of(root, "fictional alliance") == "en"
