"""A comparison fits the treaties on its page (issue 26), read back with pdftotext and python-docx.

Notes print only when the treaties they speak of are shown; a row is marked (shaded and Δ)
only where the treaties shown differ; the clause texts sit side by side, or the page says
where they are.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from clirun import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")



def lines(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


def test_csto_vs_nato_marks_only_where_they_differ_and_keeps_its_own_notes(tmp_path):
    result = run("compare", "facts/csto.yaml", "facts/nato.yaml", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    text = lines(tmp_path / "csto-vs-nato.pdf")
    page = " ".join(" ".join(text).split())
    # consensus against consensus is not a contrast; the trigger is
    assert any(line.lstrip().startswith("Trigger Δ") for line in text)
    assert not any("Decision rule" in line and "Δ" in line for line in text)
    assert not any(line.lstrip().startswith("UN reporting Δ") for line in text)
    assert "The CSTO and NATO both decide by consensus" in page
    assert "9/11 was an attack from abroad" in page
    assert "The EU clause" not in page  # the EU note is not on a sheet without the EU
    # the clause texts side by side: both on one line of the page
    assert any("If one of the Participating States" in line and "The Parties agree" in line
               for line in text)
    d = docx.Document(str(tmp_path / "csto-vs-nato.docx"))
    quotes = d.tables[-1]
    assert len(quotes.columns) == 2 and "Participating States" in quotes.rows[1].cells[0].text
    assert "The Parties agree" in quotes.rows[1].cells[1].text


def test_rio_nato_anzus_carries_no_csto_note_and_says_where_the_clauses_are(tmp_path):
    result = run("compare", "facts/rio.yaml", "facts/nato.yaml", "facts/anzus.yaml", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    page = " ".join(" ".join(lines(tmp_path / "rio-vs-nato-vs-anzus.pdf")).split())
    assert "Kazakhstan" not in page and "CSTO" not in page
    assert "The EU clause" not in page
    if "the clause texts did not fit" in result.stderr:
        assert "each organisation's brief quotes its clause" in page
    else:
        assert "undertakes to assist" in page


def test_the_eu_note_prints_where_the_eu_is_shown(tmp_path):
    result = run("compare", "facts/nato.yaml", "facts/eu.yaml", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    page = " ".join(" ".join(lines(tmp_path / "nato-vs-eu.pdf")).split())
    assert "The EU clause has no reporting rule of its own" in page
    assert "both decide by consensus" not in page


def test_a_glob_with_a_translation_compares_each_organisation_once_and_says_which(tmp_path):
    files = ["facts/csto.ru.yaml", "facts/csto.yaml", "facts/nato.yaml"]
    result = run("compare", *files, "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    assert ("facts/csto.ru.yaml and facts/csto.yaml are one organisation ('csto'): compared once, "
            "from facts/csto.yaml") in result.stderr
    assert (tmp_path / "csto-vs-nato.pdf").is_file()


def test_an_unknown_language_is_a_warning_and_never_an_english_sheet_tagged_french(tmp_path):
    from pypdf import PdfReader

    result = run("brief", "facts/nato.yaml", "--lang", "fr", "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    assert "--lang fr: briefgen has no catalogue for 'fr'" in result.stderr
    lang = PdfReader(tmp_path / "nato-brief.pdf").trailer["/Root"].get("/Lang")
    assert str(lang).startswith("en")
    strict = run("brief", "facts/nato.yaml", "--lang", "fr", "-o", tmp_path / "s", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s").exists()


def test_an_overflowing_comparison_says_comparison_and_names_a_section(tmp_path):
    result = run("compare", "facts/csto.yaml", "facts/nato.yaml", "facts/eu.yaml", "facts/rio.yaml",
                 "facts/anzus.yaml", "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 3
    assert "the comparison does not fit on 1 page" in result.stderr
    assert "Collective defence compared" not in result.stderr.split("largest part is")[-1]
