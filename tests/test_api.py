"""The public Python API (briefgen/api.py, re-exported at the package root)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import briefgen
from briefgen import api

ROOT = Path(__file__).resolve().parent.parent
CSTO = ROOT / "facts" / "csto.yaml"


def test_root_reexports_the_api_without_importing_it_eagerly():
    assert briefgen.build_brief is api.build_brief and briefgen.Sheet is api.Sheet
    assert (Path(briefgen.__file__).parent / "py.typed").is_file()
    run = subprocess.run([sys.executable, "-c", "import sys, briefgen; "
                          "print('briefgen.api' in sys.modules, 'reportlab' in sys.modules)"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.split() == ["False", "False"], run.stderr
    with pytest.raises(AttributeError):
        briefgen.no_such_name  # noqa: B018


def test_build_brief_from_a_path_writes_and_returns_the_paths(tmp_path):
    sheet = briefgen.build_brief(CSTO, formats=["pdf"], output=tmp_path)
    assert sheet.paths == [tmp_path / "csto-brief.pdf"] and sheet.data == {}
    assert len(PdfReader(sheet.paths[0]).pages) == 1 and sheet.pages == 1
    assert 0.7 <= sheet.scale <= 1.0


def test_build_brief_from_data_returns_the_same_bytes_and_writes_nothing(tmp_path):
    written = briefgen.build_brief(CSTO, formats=["pdf", "docx"], output=tmp_path / "a")
    data = yaml.safe_load(CSTO.read_text(encoding="utf-8"))
    sheet = briefgen.build_brief(data, formats=["pdf", "docx"], output=tmp_path / "b",
                                 write=False)
    assert sheet.paths == [] and not (tmp_path / "b").exists()
    assert sorted(sheet.data) == ["docx", "pdf"]
    assert sheet.data["pdf"] == written.paths[0].read_bytes()
    assert sheet.data["docx"] == written.paths[1].read_bytes()


def test_bad_data_is_a_briefgen_error_naming_the_field_and_line():
    data = yaml.safe_load(CSTO.read_text(encoding="utf-8"))
    data["as_of"] = "soon"
    with pytest.raises(briefgen.BriefgenError) as caught:
        briefgen.build_brief(data, write=False)
    text = "\n".join(caught.value.lines())
    assert "<csto.yaml>:" in text and "as_of" in text


def test_strict_turns_warnings_into_an_error(tmp_path):
    data = yaml.safe_load(CSTO.read_text(encoding="utf-8"))
    data["facts"]["headquarter"] = data["facts"].pop("headquarters")  # misspelt: never read
    loose = briefgen.build_brief(data, formats=["pdf"], write=False)
    assert loose.warnings  # a key that looks misspelt, never read by the template
    with pytest.raises(briefgen.BriefgenError):
        briefgen.build_brief(data, formats=["pdf"], write=False, strict=True)


def test_build_comparison_of_bundled_names(tmp_path):
    sheet = briefgen.build_comparison(["csto", "nato"], formats=["pdf"], output=tmp_path,
                                      name="pair")
    assert sheet.paths == [tmp_path / "pair.pdf"]
    text = PdfReader(sheet.paths[0]).pages[0].extract_text()
    assert "CSTO" in text and "NATO" in text


def test_build_course(tmp_path):
    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  formats: pdf\njobs:\n  - facts: {CSTO}\n"
        f"  - facts: {tmp_path / 'missing.yaml'}\n", encoding="utf-8")
    with pytest.raises(briefgen.BriefgenError):  # a manifest naming a missing file: refused
        briefgen.build_course(tmp_path / "course.yaml")
    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  formats: pdf\njobs:\n  - facts: {CSTO}\n", encoding="utf-8")
    course = briefgen.build_course(tmp_path / "course.yaml", pack=True)
    assert course.ok and course.built == ["csto-brief"]
    assert (tmp_path / "out" / "csto-brief.pdf") in course.paths
    assert any(p.suffix == ".pdf" and p.name.endswith("-pack.pdf") for p in course.pack)
    again = briefgen.build_course(tmp_path / "course.yaml")
    assert again.skipped == ["csto-brief"] and again.built == []


def test_an_unknown_format_is_a_briefgen_error_naming_the_formats():
    """Through the API (the CLI's --format choices never let it through) an unknown format is a
    BriefgenError (exit 2 as usage) naming the formats there are, not an ImportError."""
    import briefgen
    from briefgen.errors import UsageError

    with pytest.raises(UsageError) as caught:
        briefgen.build_brief("nato", formats=["xyz"], write=False)
    assert "unknown output format 'xyz'" in str(caught.value) and "pdf" in str(caught.value)
    assert caught.value.exit_code == 2


def readme_example() -> str:
    """The README's "From Python" example, as printed there."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"## From Python\n.*?```python\n(.*?)```", readme, re.S).group(1)


@pytest.mark.slow
def test_the_readme_python_example_runs_as_written(tmp_path):
    """The notebook-sized example runs unchanged in a fresh interpreter, in a folder holding
    copies of facts/ and examples/, and prints what its comments say it prints."""
    import re
    import shutil

    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "example.py").write_text(readme_example(), encoding="utf-8")
    run = subprocess.run([sys.executable, "-W", "ignore", "example.py"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert re.fullmatch(r"\[PosixPath\('handouts/csto-brief\.pdf'\)\] (1\.0|0\.\d+)", lines[0])
    assert len(PdfReader(tmp_path / "handouts" / "csto-brief.pdf").pages) == 1
    course = next(line for line in lines if line.startswith("['"))
    cuts = lines[1:lines.index(course)]  # the brief's warnings: items cut to fit, if any
    assert all("brief.md.j2:" in line and "to fit the page" in line for line in cuts), cuts
    assert "'csto-brief'" in course and "'csto-vs-nato-defence-clause'" in course
    assert course.endswith(" {}")  # no job failed
    assert (tmp_path / "examples" / "course" / "out" / "course-pack.pdf").is_file()
    errors = lines[lines.index(course) + 1:]
    assert errors and all(line.startswith("<x.yaml>:1: ") for line in errors), errors
    assert "'facts' is missing" in " ".join(errors)
