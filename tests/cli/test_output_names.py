"""Output names say the language and paper when they are not the facts file's (issue 26).

``--lang ru`` and ``--page-size letter`` never overwrite the sheet in the file's
own language and paper, and ``brief``, ``compare`` and ``batch`` name the same
sheet alike (``facts/csto.ru.yaml``, ``id: csto-ru``, is ``csto-ru-brief`` in all).
Tried through the CLI; the files are read back with pypdf.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
MINI_RU = ROOT / "tests" / "data" / "ru" / "mini.ru.yaml"  # id: mini-ru
PACT = ROOT / "tests" / "data" / "pact.yaml"
SPEC = ROOT / "tests" / "data" / "spec.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def paper_of(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def text_of(pdf: Path) -> str:
    return " ".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_lang_and_paper_each_get_their_own_file(tmp_path):
    out = tmp_path / "out"
    written = {}
    for extra in ([], ["--lang", "ru"], ["--page-size", "letter"],
                  ["--lang", "ru", "--page-size", "letter"], ["--lang", "en", "--page-size", "a4"]):
        result = run("brief", MINI, "-f", "pdf", "-o", out, *extra)
        assert result.exit_code == 0, result.stderr
        written[" ".join(extra)] = Path(result.stdout.strip())
    assert {k: p.name for k, p in written.items()} == {
        "": "mini-brief.pdf",
        "--lang ru": "mini-brief-ru.pdf",
        "--page-size letter": "mini-brief-letter.pdf",
        "--lang ru --page-size letter": "mini-brief-ru-letter.pdf",
        "--lang en --page-size a4": "mini-brief.pdf",  # the file's own: no suffix
    }
    assert sorted(p.name for p in out.iterdir()) == [
        "mini-brief-letter.pdf", "mini-brief-ru-letter.pdf", "mini-brief-ru.pdf", "mini-brief.pdf"]
    assert "Key facts" in text_of(out / "mini-brief.pdf")  # not overwritten by the Russian one
    assert "Основные факты" in text_of(out / "mini-brief-ru.pdf")
    assert paper_of(out / "mini-brief.pdf") == (595, 842)
    assert paper_of(out / "mini-brief-letter.pdf") == (612, 792)
    assert paper_of(out / "mini-brief-ru-letter.pdf") == (612, 792)


def test_the_themes_paper_is_the_default(tmp_path):
    theme = tmp_path / "letter.theme.yaml"
    theme.write_text("page_size: letter\n", encoding="utf-8")
    result = run("brief", MINI, "-f", "pdf", "-o", tmp_path / "a", "--theme", theme)
    assert result.exit_code == 0, result.stderr
    assert Path(result.stdout.strip()).name == "mini-brief.pdf"
    assert paper_of(tmp_path / "a" / "mini-brief.pdf") == (612, 792)
    result = run("brief", MINI, "-f", "pdf", "-o", tmp_path / "a", "--theme", theme,
                 "--page-size", "a4")
    assert result.exit_code == 0, result.stderr
    assert Path(result.stdout.strip()).name == "mini-brief-a4.pdf"


def test_compare_names_the_paper_too(tmp_path):
    result = run("compare", MINI, PACT, "--spec", SPEC, "-f", "pdf", "-o", tmp_path,
                 "--page-size", "letter")
    assert result.exit_code == 0, result.stderr
    assert Path(result.stdout.strip()).name == "mini-vs-pact-letter.pdf"
    assert paper_of(tmp_path / "mini-vs-pact-letter.pdf") == (612, 792)


def test_batch_names_sheets_as_brief_and_compare_do(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text(f"""defaults:
  output: out
  formats: [pdf]
jobs:
  - facts: {MINI_RU}
  - facts: {MINI}
    page_size: letter
  - kind: comparison
    facts: [{MINI}, {PACT}]
    spec: {SPEC}
    page_size: letter
""", encoding="utf-8")
    result = run("batch", course)
    assert result.exit_code == 0, result.stderr
    batch = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    single = tmp_path / "single"
    for args in ([MINI_RU], [MINI, "--page-size", "letter"],
                 ["--spec", SPEC, "--page-size", "letter"]):
        command = "compare" if "--spec" in args else "brief"
        files = [MINI, PACT] if command == "compare" else []
        done = run(command, *files, *args, "-f", "pdf", "-o", single)
        assert done.exit_code == 0, done.stderr
    assert batch == sorted(p.name for p in single.glob("*.pdf")) == [
        "mini-brief-letter.pdf", "mini-ru-brief.pdf", "mini-vs-pact-letter.pdf"]
    assert paper_of(tmp_path / "out" / "mini-brief-letter.pdf") == (612, 792)
