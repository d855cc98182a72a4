"""The "What changed" sheet: ``briefgen diff OLD NEW -f pdf -f docx`` through the normal pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "changes"))
from pairs import NEW, OLD  # noqa: E402


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


@pytest.fixture
def pair(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


def test_change_sheet_lists_new_changed_and_removed_claims_with_sources(pair, tmp_path):
    old, new = pair
    out = tmp_path / "out"
    result = run(str(old), str(new), "-f", "pdf", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "ally-changes.pdf"),
                                          str(out / "ally-changes.docx")]
    assert len(PdfReader(str(out / "ally-changes.pdf")).pages) == 1
    for text in (pdf_text(out / "ally-changes.pdf"), docx_text(out / "ally-changes.docx")):
        assert "What changed: TA" in text
        assert ("Since 15 January 2026: the facts as of 1 September 2026 compared with those "
                "as of 15 January 2026.") in text
        assert "Secretary General: Jane Doe (since 1 July 2026)[" in text  # cited
        assert "Members: nine states[" in text and "(before: eight states)" in text
        assert "new: Delta" in text and "removed: Gamma" in text
        assert "Alpha (1992-05-15) — status: participation frozen" in text
        assert "(before: status: member)" in text
        assert "Motto (removed): Together" in text
        assert "Added: New news report" in text
        assert "Removed: A report no longer cited (was cited for Invocations)" in text
        assert "New address: Members page" in text
        assert "Checked again: Charter of the Alliance" in text
        assert "example.org/news-new" in text  # the new source in the sources list
        assert "Geneva" not in text  # an unchanged claim is not on the sheet


def test_one_sheet_for_the_course_and_russian_labels(pair, tmp_path):
    old, new = pair
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder, text in (("a", OLD), ("b", NEW)):
        (tmp_path / folder / "ally.yaml").write_text(text, encoding="utf-8")
        (tmp_path / folder / "zeta.yaml").write_text(
            text.replace("id: ally", "id: zeta").replace("short_title: TA", "short_title: ZA"),
            encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(tmp_path / "a"), str(tmp_path / "b"), "-f", "pdf", "--course",
                 "--lang", "ru", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "course-changes.pdf")]
    text = pdf_text(out / "course-changes.pdf")
    assert text.count("Что изменилось") >= 2  # header and title
    assert "TA" in text and "ZA" in text and "С 15 января 2026 г." in text
    assert "Новое" in text and "Изменилось" in text and "Удалено" in text
    assert "было: eight states" in text


def test_no_changes_no_sheet(pair, tmp_path):
    old, _ = pair
    result = run(str(old), str(old), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no changes in the facts: no change sheet written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_report_and_sheet_together(pair, tmp_path):
    old, new = pair
    result = run(str(old), str(new), "-f", "json", "-f", "pdf", "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().startswith("{")
    assert str(tmp_path / "o" / "ally-changes.pdf") in result.stderr  # paths go to stderr


def test_a_long_list_of_changes_is_compacted_to_one_page_and_says_so(tmp_path):
    long = " ".join(["A sentence of the old wording that goes on."] * 6)
    lines_old, lines_new = [], []
    for n in range(40):
        lines_old.append(f"  f{n}:\n    label: Fact {n}\n    value: {long}\n    sources: [charter]\n")
        lines_new.append(f"  f{n}:\n    label: Fact {n}\n    value: New wording {n}. "
                         f"{long}\n    sources: [charter]\n")
    head = OLD.split("facts:\n")[0] + "facts:\n"
    (tmp_path / "old.yaml").write_text(head + "".join(lines_old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(head + "".join(lines_new), encoding="utf-8")
    result = run(str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "pdf",
                 "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "warning: change sheet of TA:" in result.stderr and "to fit its pages" in result.stderr
    pdf = tmp_path / "out" / "ally-changes.pdf"
    assert len(PdfReader(str(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert all(f"Fact {n}:" in text for n in range(40))  # every changed claim is named


def test_an_overflowing_change_sheet_is_called_a_change_sheet(tmp_path):
    """The overflow message names the kind of sheet its build made, not one guessed from the
    PDF subject (a change sheet was called "the brief")."""
    long = " ".join(f"appointment{i} of the secretariat" for i in range(500))
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW.replace("value: Jane Doe (since 1 July 2026)", f"value: Jane Doe, {long}"),
                   encoding="utf-8")
    result = run(str(old), str(new), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert result.exit_code == 3, result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("briefgen: the change sheet does not fit on 1 page"), message
    assert not (tmp_path / "out").exists()
