"""A fact that names its ``language:`` (a French quotation in an English sheet) is read in
that language in every format: PDF ``/Lang``, DOCX ``w:lang``, HTML ``lang`` (WCAG 3.1.2).

Script detection cannot tell French from English (both Latin), so without the field a
screen reader reads the French clause with English rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.sheets.brief import make_brief

DATA = Path(__file__).resolve().parents[1] / "data"
FRENCH = "Si un membre est attaqué, les autres se consultent sans délai."


def _french_sheet(tmp_path: Path, with_language: bool = True) -> Path:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("""    quote: true
    value: |
      If one member is attacked, the others will consult at once.

      They will help by all means they consider necessary.
""", f"""    quote: true
{"    language: fr" if with_language else ""}
    value: |
      {FRENCH}

      Ils l'aident par tous les moyens qu'ils jugent nécessaires.
""")
    text = text.replace("""    label: Member states
    sources: [mta-site]
""", f"""    label: Member states
    sources: [mta-site]
{"    language: de" if with_language else ""}
""")
    path = tmp_path / "fr.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sheet as PDF, DOCX and HTML: name → path."""
    folder = tmp_path_factory.mktemp("fact-language")
    result = make_brief(_french_sheet(folder), output=folder / "out",
                        formats=("pdf", "docx", "html"))
    return {p.suffix[1:]: p for p in result.paths}


def _pdf_letters(pdf: Path) -> list[tuple[str, str]]:
    """(word, language in force) for every word drawn as tagged content, in structure order."""
    import pdfplumber
    from pdfplumber.structure import PDFStructTree

    with pdfplumber.open(pdf) as doc:
        lang = doc.doc.catalog["Lang"]
        lang = lang.decode() if isinstance(lang, bytes) else str(lang)
        owner = {}

        def visit(el, outer):
            here = el.lang or outer
            for n in el.mcids:
                owner[(el.page_number, n)] = here
            for kid in el.children:
                visit(kid, here)

        for el in PDFStructTree(doc):
            visit(el, lang)
        return [(ch["text"], owner[(page.page_number, ch["mcid"])])
                for page in doc.pages for ch in page.chars
                if ch.get("mcid") is not None and (page.page_number, ch["mcid"]) in owner]


def _language_of(letters: list[tuple[str, str]], phrase: str) -> set[str]:
    text = "".join(ch for ch, _ in letters)
    at = text.find(phrase.replace(" ", ""))
    assert at >= 0, phrase
    return {lang for _, lang in letters[at:at + len(phrase.replace(" ", ""))]}


def test_pdf_reads_the_french_fact_as_french_and_the_rest_as_english(built):
    letters = [(ch, lang) for ch, lang in _pdf_letters(built["pdf"]) if not ch.isspace()]
    assert _language_of(letters, FRENCH) == {"fr"}
    assert _language_of(letters, "Alphaland") == {"de"}  # an item's name: its fact's language
    assert _language_of(letters, "The Mini Test Alliance is a fictional alliance") == {"en"}
    assert _language_of(letters, "participation frozen") == {"en"}  # an item's status is not


def test_docx_runs_of_the_french_fact_say_w_lang_fr(built):
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(built["docx"])).element.body
    langs: dict[str, str | None] = {}
    for r in body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        lang = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        langs[text] = lang.get(qn("w:val")) if lang is not None else None
    french = [t for t in langs if "attaqué" in t]
    assert french and {langs[t] for t in french} == {"fr"}
    assert {langs[t] for t in langs if "Alphaland" in t} == {"de"}
    assert {langs[t] for t in langs if "fictional alliance" in t} == {None}  # the sheet's: en


def test_html_puts_the_french_fact_in_a_lang_fr_element(built):
    html = built["html"].read_text(encoding="utf-8")
    assert re.search(r'<span lang="fr">Si un membre est attaqué', html)
    assert re.search(r'<span lang="de">Alphaland', html)
    assert not re.search(r'lang="fr">[^<]*fictional', html)


def test_without_the_field_the_french_text_is_read_as_english(tmp_path):
    """The script cannot tell French from English: the field is what marks it."""
    pdf = make_brief(_french_sheet(tmp_path, with_language=False), output=tmp_path / "out").paths[0]
    letters = [(ch, lang) for ch, lang in _pdf_letters(pdf) if not ch.isspace()]
    assert _language_of(letters, FRENCH) == {"en"}


def test_outloud_finds_nothing_on_the_sheet_with_a_french_fact(built):
    from outloud import check

    result = check(str(built["pdf"]))
    assert [f.rule for f in result.sorted_findings() if f.severity in ("error", "warning")] == []


def test_a_language_that_is_not_a_tag_is_refused_at_its_line(tmp_path):
    from click.testing import CliRunner

    from briefgen.cli import cli

    path = _french_sheet(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("language: fr", "language: French"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code != 0
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "language: French" in t)
    assert f"fr.yaml:{line}" in result.stderr and "Traceback" not in result.stderr
