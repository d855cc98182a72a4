"""``batch COURSE --since REV``: change sheets in the course output, a line per sheet in the pack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import has
from pypdf import PdfReader

from briefgen.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "changes"))
from pairs import older  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not has("git"), reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    repo = tmp_path_factory.mktemp("course")
    current = (ROOT / "facts" / "csto.yaml").read_text(encoding="utf-8")
    (repo / "facts").mkdir()
    (repo / "facts" / "csto.yaml").write_text(older(current), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "spring term")
    git(repo, "tag", "v2026-spring")
    (repo / "facts" / "csto.yaml").write_text(current, encoding="utf-8")
    (repo / "facts" / "nato.yaml").write_text(
        (ROOT / "facts" / "nato.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "course.yaml").write_text("""title: Alliances, autumn term
defaults:
  output: out
  formats: [pdf]
jobs:
  - facts: [facts/csto.yaml, facts/nato.yaml]
""", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "autumn term")
    return repo


def batch(repo: Path, *args: str):
    return CliRunner().invoke(cli, ["batch", str(repo / "course.yaml"), "-j", "1", *args],
                              catch_exceptions=False)


def text_of(path: Path, pages=None) -> str:
    reader = PdfReader(str(path))
    chosen = reader.pages if pages is None else [reader.pages[i] for i in pages]
    return " ".join(" ".join(p.extract_text().split()) for p in chosen)


def test_change_sheets_and_changed_since_lines(course):
    result = batch(course, "--pack", "--since", "v2026-spring")
    assert result.exit_code == 0, result.stderr
    out = course / "out"
    written = result.stdout.splitlines()
    assert str(out / "csto-changes.pdf") in written and str(out / "nato-changes.pdf") in written
    csto = out / "csto-changes.pdf"
    assert len(PdfReader(str(csto)).pages) == 1
    text = text_of(csto)
    assert "What changed: CSTO" in text
    assert "Since 1 June 2026: the facts as of 1 December 2026" in text
    assert "Headquarters: Moscow, Russia[" in text and "(before: Moscow)" in text
    assert "new: Tajikistan (1992-05-15)" in text
    nato = text_of(out / "nato-changes.pdf")  # not in the spring commit: all new
    assert "New in the facts as of" in nato
    contents = text_of(out / "course-pack.pdf", pages=[1])
    assert "Changed since 1 June 2026: 3 facts, 2 sources" in contents
    assert "What changed" in contents  # the change sheets' own heading in the contents
    assert "What changed: CSTO" in contents and "What changed: NATO" in contents


def test_outloud_finds_nothing_in_the_pack_with_change_lines(course):
    from outloud import check

    if not (course / "out" / "course-pack.pdf").exists():
        assert batch(course, "--pack", "--since", "v2026-spring").exit_code == 0
    result = check(str(course / "out" / "course-pack.pdf"))
    assert result.errors == 0 and result.warnings == 0


def test_a_second_run_is_up_to_date_and_a_moved_revision_rebuilds(course):
    assert batch(course, "--pack", "--since", "v2026-spring").exit_code == 0
    again = batch(course, "--pack", "--since", "v2026-spring")
    assert again.exit_code == 0
    assert "0 to build" in again.stderr
    moved = batch(course, "--since", "HEAD")  # the same files: the change sheets say so
    assert moved.exit_code == 0, moved.stderr
    assert "2 to build" in moved.stderr
    assert "No changes in the facts." in text_of(course / "out" / "csto-changes.pdf")


def test_an_unknown_revision_is_a_clear_error(course):
    result = batch(course, "--since", "v1999")
    assert result.exit_code == 1
    assert "--since v1999: not a revision of the git repository of" in result.stderr
    assert "Traceback" not in result.stderr
