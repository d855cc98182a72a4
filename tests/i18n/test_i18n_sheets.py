"""A Russian sheet is Russian throughout; a third language needs only a catalogue.

The Russian fixtures (tests/data/ru/) are written wholly in Russian, so any
English word on their sheets came from briefgen: the test lists every English
string the templates and writers can print (the msgids of the catalogue, split
at their placeholders, plus English month names) and looks for each in the
text poppler, pypdf and the DOCX XML give back.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import DATA, has
from pypdf import PdfReader

from briefgen.cli import cli
from briefgen.i18n.catalogues import BUNDLED, ENV_VAR
from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.theme.model import DEFAULT_THEME, PageSetup

RU = DATA / "ru"
MONTHS = ("January February March April May June July August September October November "
          "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()


def english_strings() -> list[str]:
    """Every English text fragment briefgen itself can print on a sheet."""
    with (BUNDLED / "briefgen.pot").open("rb") as fh:
        catalog = read_po(fh)
    out = set()
    for message in catalog:
        if not message.id or message.context == "date pattern":
            continue
        for msgid in (message.id if isinstance(message.id, tuple) else (message.id,)):
            for part in re.split(r"%\(\w+\)[sd]|%[sd]", msgid):
                part = " ".join(part.split()).strip(" ,.:;()'—|=")
                if len(re.sub(r"[^A-Za-z]", "", part)) >= 3:
                    out.add(part)
    return sorted(out)


def _norm(text: str) -> str:
    return " ".join(text.split())


def pdf_texts(pdf: Path) -> list[str]:
    """The PDF's text as pypdf reads it and, where installed, as poppler does."""
    texts = [_norm(" ".join(p.extract_text() for p in PdfReader(pdf).pages))]
    if has("pdftotext"):
        texts.append(_norm(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                          text=True, check=True).stdout))
    return texts


def docx_text(path: Path) -> str:
    """Every w:t of the body, header and footer parts, read straight from the XML."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        xml = " ".join(z.read(n).decode("utf-8") for n in parts)
    return _norm(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


@pytest.fixture(scope="module")
def russian_sheets(tmp_path_factory):
    """The Russian brief, timeline and comparison, each as PDF and DOCX."""
    out = tmp_path_factory.mktemp("ru")
    setup = PageSetup()
    make_brief(RU / "mini.ru.yaml", "brief", output=out, setup=setup)
    make_brief(RU / "mini.ru.yaml", "timeline", output=out, setup=setup)
    make_comparison([RU / "mini.ru.yaml", RU / "pact.ru.yaml"], RU / "spec.ru.yaml",
                    output=out, setup=setup)
    return {"brief": out / "mini-ru-brief", "timeline": out / "mini-ru-timeline",
            "comparison": out / "mini-ru-vs-pact-ru"}


SHEETS = ("brief", "timeline", "comparison")


def test_the_english_list_is_real():
    strings = english_strings()
    for expected in ("Key facts", "As of", "accessed", "Sources", "Member",
                     "membership over time", "Shaded rows, marked Δ: the organisations differ in substance"):
        assert expected in strings


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_english_on_a_russian_sheet(russian_sheets, sheet):
    base = russian_sheets[sheet]
    texts = {"docx": docx_text(base.with_suffix(".docx"))}
    for i, text in enumerate(pdf_texts(base.with_suffix(".pdf"))):
        texts[f"pdf{i}"] = text
    for reader, text in texts.items():
        assert "Источники" in text, reader  # the text was read at all
        found = [s for s in english_strings() if s in text]
        found += [m for m in MONTHS if re.search(rf"\b{m}\b", text)]
        assert not found, f"{sheet} ({reader}) prints English: {found}"


def test_dates_read_as_russian(russian_sheets):
    brief = pdf_texts(russian_sheets["brief"].with_suffix(".pdf"))[0]
    assert "6 января 2022 г." in brief and "13 мая 2021 г." in brief
    assert "По состоянию на 01.11.2026" in brief
    assert "дата обращения: 15.10.2026" in brief
    timeline = pdf_texts(russian_sheets["timeline"].with_suffix(".pdf"))[0]
    assert "до 1 ноября 2026 г." in timeline
    assert "с февр. 2024 г." in timeline  # the figure's status label
    docx = docx_text(russian_sheets["brief"].with_suffix(".docx"))
    assert "6 января 2022 г." in docx and "По состоянию на 01.11.2026" in docx


@pytest.mark.parametrize("sheet", SHEETS)
def test_both_formats_declare_russian(russian_sheets, sheet):
    base = russian_sheets[sheet]
    assert PdfReader(base.with_suffix(".pdf")).trailer["/Root"]["/Lang"] == "ru"
    with zipfile.ZipFile(base.with_suffix(".docx")) as z:
        styles = z.read("word/styles.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert '<w:lang w:val="ru"' in styles
    assert "<dc:language>ru</dc:language>" in core
    assert "Справка" in core or "Сравнение" in core or "Хронология" in core  # subject, keywords


@pytest.mark.skipif(not has("pdftotext"), reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("sheet", SHEETS)
def test_russian_lines_stay_inside_the_margins(russian_sheets, sheet, tmp_path):
    """No overfull line: no word poppler finds runs past the right margin."""
    pdf = russian_sheets[sheet].with_suffix(".pdf")
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    margin = DEFAULT_THEME.margin_mm * 72 / 25.4
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', html)
    assert words
    over = [w for _x0, x1, w in words if float(x1) > width - margin + 1.0]
    assert not over, f"{sheet}: text past the margin: {over[:10]}"


def test_russian_pdf_is_hyphenated(russian_sheets):
    """Long Russian words break with a hyphen (pyphen), not only at spaces; in the text
    layer the added hyphen is a soft hyphen (U+00AD), so the word reads whole."""
    text = PdfReader(russian_sheets["brief"].with_suffix(".pdf")).pages[0].extract_text()
    assert re.search("[а-яё]\u00ad\n[а-яё]", text), "no hyphenated line break found"


def test_russian_docx_fits_one_page_in_libreoffice(russian_sheets, libreoffice):
    for sheet in SHEETS:
        base = russian_sheets[sheet]
        pdf = libreoffice(base.with_suffix(".docx").read_bytes(), f"lo-{sheet}")
        assert len(PdfReader(pdf).pages) == 1, sheet


def test_lang_overrides_the_facts_file(tmp_path):
    """--lang ru on an English facts file: Russian labels and metadata."""
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "--lang", "ru",
                                      "-f", "pdf", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "mini-brief-ru.pdf"  # not the file's own language: the name says so
    text = pdf_texts(pdf)[0]
    assert "Основные факты" in text and "Key facts" not in text
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ru"


def test_a_comparison_takes_the_first_files_language(tmp_path):
    make_comparison([RU / "mini.ru.yaml", DATA / "pact.yaml"], RU / "spec.ru.yaml",
                    formats=("pdf",), output=tmp_path)
    assert "Критерий" in pdf_texts(tmp_path / "mini-ru-vs-pact.pdf")[0]
    make_comparison([DATA / "pact.yaml", RU / "mini.ru.yaml"], RU / "spec.ru.yaml",
                    formats=("pdf",), output=tmp_path)
    text = pdf_texts(tmp_path / "pact-vs-mini-ru.pdf")[0]
    assert "Dimension" in text and "Критерий" not in text


def test_a_bad_language_tag_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "--lang", "r u!",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "language tag" in result.output and "Traceback" not in result.output


GERMAN = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Key facts"
msgstr "Wichtige Fakten"

msgid "Sources"
msgstr "Quellen"

msgid "As of %(date)s"
msgstr "Stand: %(date)s"

msgctxt "date pattern"
msgid "yyyy-MM-dd"
msgstr "dd.MM.y"

msgid "Made with briefgen from curated, sourced facts"
msgstr "Erstellt mit briefgen aus geprüften, belegten Fakten"
'''


def test_a_third_language_needs_only_a_catalogue(tmp_path, monkeypatch):
    """A German catalogue made here, found through $BRIEFGEN_LOCALE_PATH: no code changes."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefgen.po").write_text(GERMAN, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "locale"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["brief", str(DATA / "mini.yaml"), "--lang", "de",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = pdf_texts(out / "mini-brief-de.pdf")[0]
    assert "Wichtige Fakten" in text and "Quellen" in text
    assert "Stand: 01.11.2026" in text
    assert "Erstellt mit briefgen aus geprüften, belegten Fakten" in text
    assert "What the clause obliges" in text  # untranslated labels fall back to English
    assert PdfReader(out / "mini-brief-de.pdf").trailer["/Root"]["/Lang"] == "de"
    docx = docx_text(out / "mini-brief-de.docx")
    assert "Wichtige Fakten" in docx and "Stand: 01.11.2026" in docx


def test_english_sheets_keep_their_words(tmp_path):
    """The English catalogue changes nothing: labels, ISO header date, day-month-year dates."""
    make_brief(DATA / "mini.yaml", "brief", formats=("pdf",), output=tmp_path)
    text = pdf_texts(tmp_path / "mini-brief.pdf")[0]
    for expected in ("Key facts", "What the clause obliges", "As of 2026-11-01",
                     "Made with briefgen from curated, sourced facts", "Sources"):
        assert expected in text
    make_brief(RU / "mini.ru.yaml", "brief", formats=("pdf",), output=tmp_path, lang="en")
    text = pdf_texts(tmp_path / "mini-ru-brief-en.pdf")[0]
    assert "6 January 2022" in text and "Record: when the clause was called on" in text


def test_a_translation_is_named_as_its_original_in_a_spec(write_yaml):
    """A spec's names: (and facts:) keyed by the original's id apply to its translation."""
    from briefgen.comparison.spec import load_spec
    from briefgen.comparison.table import spec_for
    from briefgen.facts import load_facts
    from briefgen.sheets.inputs import default_spec_path

    text = (RU / "pact.ru.yaml").read_text(encoding="utf-8")
    ru = load_facts(write_yaml(text.replace("id: pact-ru", "id: csto-ru\ntranslation_of: csto")))
    spec = load_spec(default_spec_path("ru")).spec
    assert default_spec_path("ru").name == "defence-clause.ru.yaml"
    assert spec_for(spec, [ru], "ru").title == "Коллективная оборона в сравнении: ОДКБ, статья 4"


@pytest.mark.parametrize("template", ["brief", "timeline"])
def test_the_bundled_russian_csto_sheets_print_no_english_label(tmp_path, template):
    """facts/csto.ru.yaml: every label, heading and boilerplate in Russian, in both formats.

    The Sources list is left out: a source keeps the title it was published
    under (TASS's English pages, say), as the reader must find it; its heading
    and access dates are checked.
    """
    root = Path(__file__).resolve().parents[2]
    result = make_brief(root / "facts" / "csto.ru.yaml", template, output=tmp_path)
    assert result.pages == 1
    base = tmp_path / f"csto-ru-{template}"
    texts = [docx_text(base.with_suffix(".docx")), *pdf_texts(base.with_suffix(".pdf"))]
    for text in texts:
        assert "Источники" in text
        head, _, sources = text.rpartition("Источники")  # titles of sources stay as published
        assert not [s for s in english_strings() if re.search(rf"\b{re.escape(s)}\b", head)]
        assert sources.lstrip().startswith("(дата обращения")
