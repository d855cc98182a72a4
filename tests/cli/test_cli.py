"""The command line as a user meets it: outputs, stdout/stderr, exit codes, bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import has
from pypdf import PdfReader

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_brief_writes_pdf_and_docx_and_prints_only_paths(tmp_path, mini_facts):
    result = run("brief", str(mini_facts), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    paths = result.stdout.splitlines()
    assert paths == [str(tmp_path / "mini-brief.pdf"), str(tmp_path / "mini-brief.docx")]
    reader = PdfReader(paths[0])
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Малый испытательный союз" in text
    assert "<b>bold?</b>, R&D, **stars**, {{ jinja }}, [^1] and 5 < 6." in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini-brief.docx", "mini-brief.pdf"]


def test_format_option_and_page_size(tmp_path, mini_facts):
    result = run("brief", str(mini_facts), "-o", str(tmp_path), "-f", "pdf", "--page-size", "letter")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "mini-brief-letter.pdf")]
    box = PdfReader(tmp_path / "mini-brief-letter.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_check_reports_every_problem_with_file_and_line(tmp_path, mini_facts):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nas_of: soon\nsources: []\nfacts:\n  a: 1\n", encoding="utf-8")
    result = run("check", str(mini_facts), str(bad))
    assert result.exit_code == 1
    assert f"{mini_facts}: ok" in result.stderr
    assert f"{bad}:3: 'as_of': 'soon' is not a date" in result.stderr
    assert f"{bad}:4: " in result.stderr and f"{bad}:6: " in result.stderr
    assert "Traceback" not in result.stderr
    assert run("check", str(mini_facts)).exit_code == 0


@pytest.mark.parametrize(
    "content, expected",
    [
        ("id: x\ntitle: [unclosed\nas_of: 2026-01-01\n", "bad.yaml:3: not valid YAML"),
        ("- a list\n", "must be a mapping"),
        ("", "is empty"),
    ],
)
def test_bad_facts_file_gives_a_message_and_writes_nothing(tmp_path, content, expected):
    facts = tmp_path / "bad.yaml"
    facts.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = run("brief", str(facts), "-o", str(out))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_unknown_template_name(tmp_path, mini_facts):
    result = run("brief", str(mini_facts), "-t", "nonesuch", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "unknown template 'nonesuch'; known: " in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_template_error_names_template_line_and_leaves_old_output(tmp_path, mini_facts):
    ok = run("brief", str(mini_facts), "-o", str(tmp_path), "-f", "pdf")
    assert ok.exit_code == 0
    before = (tmp_path / "mini-brief.pdf").read_bytes()
    tpl = tmp_path / "brief.md.j2"
    tpl.write_text("# {{ meta.title }}\n\n{{ facts.no_such_fact }}\n", encoding="utf-8")
    result = run("brief", str(mini_facts), "-t", str(tpl), "-o", str(tmp_path), "-f", "pdf")
    assert result.exit_code == 1
    # found before rendering: the facts file, the fact, and the template line that needs it
    assert f"needs a fact 'no_such_fact' ({tpl}:3)" in result.stderr
    assert (tmp_path / "mini-brief.pdf").read_bytes() == before


def test_output_folder_that_is_a_file(tmp_path, mini_facts):
    target = tmp_path / "file"
    target.write_text("x")
    result = run("brief", str(mini_facts), "-o", str(target))
    assert result.exit_code == 1
    assert "output folder is a file" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_folder(tmp_path, mini_facts):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run("brief", str(mini_facts), "-o", str(locked))
    assert result.exit_code == 1
    assert "not writable" in result.stderr


def test_too_long_content_is_refused_with_sizes(tmp_path, mini_facts):
    long = tmp_path / "long.yaml"
    text = mini_facts.read_text(encoding="utf-8")
    filler = " ".join(["This sentence makes the summary far too long for one page."] * 300)
    long.write_text(text.replace("The Mini Test Alliance is a fictional", filler + " The"), "utf-8")
    result = run("brief", str(long), "-o", str(tmp_path / "o"))
    assert result.exit_code == 3
    assert "overflow" in result.stderr.lower() and "mm" in result.stderr
    assert not (tmp_path / "o").exists() or list((tmp_path / "o").iterdir()) == []
    allowed = run("brief", str(long), "-o", str(tmp_path / "o"), "-f", "pdf", "--allow-overflow")
    assert allowed.exit_code == 0
    assert len(PdfReader(tmp_path / "o" / "mini-brief.pdf").pages) > 1


def test_compare_two_and_three_way(tmp_path, mini_facts):
    spec = mini_facts.parent / "spec.yaml"
    pact = mini_facts.parent / "pact.yaml"
    result = run("compare", str(mini_facts), str(pact), "--spec", str(spec), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "mini-vs-pact.pdf"
    assert result.stdout.splitlines() == [str(pdf), str(tmp_path / "mini-vs-pact.docx")]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for value in ["Aggression against a member — «агрессия».", "Consensus of all members.",
                  "An armed attack on a member in the treaty area."]:
        assert value in text
    # a cell no fact covers: a neutral mark and a legend on the page, the reason on stderr
    assert "— not covered by the curated facts" in text and "pact.yaml" not in text
    assert f"row 'Decision rule': {pact} has no fact 'cmp_decision_rule'" in result.stderr
    box = reader.pages[0].mediabox
    assert box.width < box.height  # two organisations, short cells: portrait
    import docx  # python-docx reads the table back: header row marked to repeat

    table = docx.Document(str(tmp_path / "mini-vs-pact.docx")).tables[0]
    header_tr = table.rows[0]._tr
    assert header_tr.xpath("./w:trPr/w:tblHeader"), "header row not marked to repeat"
    assert [c.text for c in table.rows[0].cells] == ["Dimension", "MTA", "EPO"]
    assert "«агрессия»" in table.rows[1].cells[1].text

    third = tmp_path / "third.yaml"
    third.write_text(pact.read_text("utf-8").replace("id: pact", "id: third")
                     .replace("short_title: EPO", "short_title: TRD"), "utf-8")
    result = run("compare", str(mini_facts), str(pact), str(third), "--spec", str(spec),
                 "-o", str(tmp_path), "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    box = PdfReader(tmp_path / "mini-vs-pact-vs-third.pdf").pages[0].mediabox
    assert box.width > box.height  # three organisations: landscape


def test_compare_row_note_prints_as_a_footnote_in_both_formats(tmp_path, mini_facts):
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: 'Compared: {organisations}'\nrows:\n  - label: Trigger\n"
                    "    fact: cmp_trigger\n    note: Both texts say aggression & attack.\n",
                    encoding="utf-8")
    pact = mini_facts.parent / "pact.yaml"
    result = run("compare", str(mini_facts), str(pact), "--spec", str(spec), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = " ".join(PdfReader(tmp_path / "mini-vs-pact.pdf").pages[0].extract_text().split())
    assert "Compared: MTA and EPO" in text
    assert "Trigger: Both texts say aggression & attack." in text
    import docx

    word = docx.Document(str(tmp_path / "mini-vs-pact.docx"))
    assert any("Trigger: Both texts say aggression & attack." in p.text for p in word.paragraphs)


def test_compare_spec_naming_a_missing_fact(tmp_path, mini_facts):
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: T\nrows:\n  - label: A\n    fact: cmp_trigger\n"
                    "  - label: B\n    fact: cmp_no_such\n", encoding="utf-8")
    pact = mini_facts.parent / "pact.yaml"
    result = run("compare", str(mini_facts), str(pact), "--spec", str(spec), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert f"{spec}:5: row 'B' names fact 'cmp_no_such'" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_version_and_help_examples():
    assert run("--version").stdout.startswith("briefgen, version ")
    for command in ("brief", "compare", "check"):
        assert "Example" in run(command, "--help").stdout


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from briefgen.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('reportlab', 'docx', 'markdown_it', 'jinja2', 'pydantic') "
            "if m in sys.modules]\nprint(heavy, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip() == "[]"


def test_a_command_loads_only_its_own_module():
    """``brief`` builds none of the other modules' commands; ``--help`` still lists them all."""
    code = ("import sys; from briefgen.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('briefgen.cli.')), file=sys.stderr)")
    brief = subprocess.run([sys.executable, "-c", code, "brief", "--help"], capture_output=True,
                           text=True, check=True)
    assert brief.stderr.strip() == "['briefgen.cli.errors']"
    listed = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True,
                            check=True)
    commands = listed.stdout.split("Commands:")[1].split()
    for name in ("batch", "brief", "check", "compare", "diff", "init", "new", "preview", "schema",
                 "sources", "templates"):
        assert name in commands
    assert "briefgen.cli.course" in listed.stderr and "briefgen.cli.sources" in listed.stderr


def test_a_brief_does_not_read_every_installed_distribution(tmp_path):
    """pydantic's plugin search (every distribution's metadata) is skipped unless asked for."""
    import pydantic

    if tuple(int(x) for x in pydantic.VERSION.split(".")[:2]) < (2, 7):
        pytest.skip("PYDANTIC_DISABLE_PLUGINS arrived in pydantic 2.7")
    code = ("import importlib.metadata as md, runpy, sys\n"
            "groups, real = [], md.entry_points\n"
            "def entry_points(**kw):\n    groups.append(kw.get('group'))\n    return real(**kw)\n"
            "md.entry_points = entry_points\nsys.argv[0] = 'briefgen'\n"
            "try:\n    runpy.run_module('briefgen', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(groups, file=sys.stderr)")
    args = [sys.executable, "-c", code, "brief", str(ROOT / "facts/nato.yaml"), "-f", "pdf",
            "-o", str(tmp_path)]
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # nothing validated yet: pydantic runs
    plain = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert plain.stderr.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "nato-brief.pdf").exists()
    kept = subprocess.run(args, capture_output=True, text=True, check=True,
                          env={**env, "PYDANTIC_DISABLE_PLUGINS": "",
                               "XDG_CACHE_HOME": str(tmp_path / "cache2")})
    assert kept.stderr.strip().splitlines()[-1] == "['pydantic']"


def test_a_plain_brief_loads_no_chart_or_bibliography_module(tmp_path):
    """A brief with no chart and no ``bibliography:`` builds neither module's classes."""
    code = ("import sys; from briefgen.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('briefgen.document.figure', 'briefgen.facts.bibliography') "
            "if m in sys.modules], file=sys.stderr)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # the facts are validated
    proc = subprocess.run([sys.executable, "-c", code, "brief", str(ROOT / "facts/nato.yaml"),
                           "-o", str(tmp_path)], capture_output=True, text=True, env=env,
                          check=True)
    assert proc.stderr.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "nato-brief.docx").exists()


def test_check_and_a_pdf_only_brief_import_only_what_they_need(tmp_path):
    """``check`` needs neither writer library; a PDF-only brief does not import python-docx."""
    code = ("import sys; from briefgen.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('reportlab', 'docx') if m in sys.modules], file=sys.stderr)")
    check = subprocess.run([sys.executable, "-c", code, "check", str(ROOT / "facts/nato.yaml")],
                           capture_output=True, text=True, check=True)
    assert check.stderr.strip().splitlines()[-1] == "[]"
    pdf = subprocess.run([sys.executable, "-c", code, "brief", str(ROOT / "facts/nato.yaml"),
                          "-f", "pdf", "-o", str(tmp_path)], capture_output=True, text=True,
                         check=True)
    assert pdf.stderr.strip().splitlines()[-1] == "['reportlab']"
    assert (tmp_path / "nato-brief.pdf").exists()


@pytest.mark.slow  # one fresh interpreter per module
def test_every_module_imports_on_its_own():
    """Modules are imported lazily, in any order: none may depend on another being loaded first."""
    import briefgen

    root = Path(briefgen.__file__).parent
    modules = sorted(
        ".".join(("briefgen", *p.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for p in root.rglob("*.py") if p.name != "__main__.py")
    procs = {m: subprocess.Popen([sys.executable, "-c", f"import {m}"], stderr=subprocess.PIPE,
                                 text=True) for m in modules}
    failed = {m: p.communicate()[1].strip().splitlines()[-1:] for m, p in procs.items()
              if p.wait() != 0}
    assert len(modules) > 20 and failed == {}


def test_console_script_runs_from_another_folder(tmp_path, mini_facts):
    exe = Path(sys.executable).with_name("briefgen")
    if not exe.exists():
        pytest.skip("briefgen console script not installed in this environment")
    proc = subprocess.run([str(exe), "brief", str(mini_facts), "-f", "pdf"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "mini-brief.pdf").exists()


@pytest.mark.skipif(not has("pdffonts"), reason="poppler-utils not installed")
def test_every_font_is_embedded(tmp_path, mini_facts):
    run("brief", str(mini_facts), "-o", str(tmp_path), "-f", "pdf")
    out = subprocess.run(["pdffonts", str(tmp_path / "mini-brief.pdf")], capture_output=True,
                         text=True, check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:  # columns: name type encoding emb sub uni object-id
        assert line.split()[-5] == "yes", line
