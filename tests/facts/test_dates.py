"""Dates are data (issue 26): checked through the CLI on files written for the test."""

from __future__ import annotations

from pathlib import Path

from clirun import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
FORMER = """  former_members:
    label: Former members
    sources: [mta-site]
    items:
      - {name: Deltaland, joined: 1992-05-15}
"""



def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


def test_a_former_member_without_left_is_an_error_at_its_line(tmp_path):
    facts = write(tmp_path, MINI.replace("  defence_clause:\n", FORMER + "  defence_clause:\n", 1))
    result = run("check", facts)
    assert result.exit_code == 1
    assert (f"{facts}:{line_of(facts, 'Deltaland')}: former_members[1] (Deltaland) has no 'left' "
            "date") in result.stderr
    brief = run("brief", facts, "-o", tmp_path / "out")
    assert brief.exit_code == 1 and "has no 'left' date" in brief.stderr
    assert not (tmp_path / "out").exists()
    # with the date it is fine
    fixed = write(tmp_path, facts.read_text("utf-8").replace(
        "{name: Deltaland, joined: 1992-05-15}", "{name: Deltaland, joined: 1992-05-15, left: 1999-04-20}"))
    assert run("check", fixed).exit_code == 0


def test_a_member_without_joined_is_a_warning_and_strict_fails(tmp_path):
    facts = write(tmp_path, MINI.replace("{name: Гаммаland, joined: 2001-01-01}", "{name: Гаммаland}"))
    result = run("check", facts)
    assert result.exit_code == 0
    assert f"{facts}:{line_of(facts, '{name: Гаммаland}')}:" in result.stderr
    assert "members[3] (Гаммаland) has no 'joined' date" in result.stderr
    assert run("check", facts, "--strict").exit_code == 1


def test_an_item_grouping_states_of_different_dates_is_a_warning(tmp_path):
    facts = write(tmp_path, MINI.replace(
        "{name: Гаммаland, joined: 2001-01-01}",
        "{name: 'Гаммаland, Epsilonia', joined: 2001-01-01, note: Epsilonia signed in 2003.}"))
    result = run("check", facts)
    assert result.exit_code == 0, result.stderr
    assert ("members[3] (Гаммаland, Epsilonia) groups several states under one date (2001) while "
            "its text gives 2003") in result.stderr


def test_the_bundled_files_have_their_dates():
    result = run("check", *sorted((ROOT / "facts").glob("*.yaml")), "--strict")
    assert result.exit_code == 0, result.stderr
