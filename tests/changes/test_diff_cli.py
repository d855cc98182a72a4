"""``briefgen diff``: the differences between two facts versions as facts, text and JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import has
from pairs import NEW, OLD

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = tmp_path / "old" / "ally.yaml", tmp_path / "new" / "ally.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_text_report_names_every_kind_of_change(pair):
    old, new = pair
    result = run(str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = lines_of(result.stdout)
    assert lines[0] == f"TA ({old} → {new}), as of 2026-01-15 → 2026-09-01"
    # facts added, removed, changed (value and as-of), each at its line
    assert "+ secretary_general “Secretary General” (line 33)" in lines
    assert "Jane Doe (since 1 July 2026)" in lines
    assert "− motto “Motto” (old line 33)" in lines
    assert "~ member_count “Members” (line 28)" in lines
    assert "value: “eight states” → “nine states”" in lines
    assert "as of: 2026-01-10 → 2026-08-30" in lines
    assert not any("headquarters" in line for line in lines)  # unchanged facts are not listed
    # list entries matched by identity: a member by its name, an invocation by its date
    assert "~ Alpha (line 41): status: “member” → “participation frozen”" in lines
    assert "+ Delta (line 47)" in lines
    assert "− Gamma (old line 47)" in lines
    assert "~ 2020-03-01: Alpha (floods) (line 54): name: “Alpha (flood)” → “Alpha (floods)”" \
        in lines
    assert "~ 2021-06-02: Beta (border) (line 57): sources: + news-new, − gone" in lines
    assert "+ 2026-05-05: Delta (attack) (line 61)" in lines
    assert not any(line.startswith("~ Beta") for line in lines)  # an unchanged member
    # sources: re-dated, replaced (moved to a new address), added, removed; the claims they touch
    assert ("~ re-dated charter “Charter of the Alliance” (line 7): accessed: 2026-01-10 → "
            "2026-08-30; cited by Headquarters, Invocations") in lines
    assert ("~ replaced moved “Members page” (line 15): address: “https://example.org/members” → "
            "“https://example.org/states/members”; accessed: 2026-01-10 → 2026-08-30; "
            "cited by Members, Member states") in lines
    assert ("+ added news-new “New news report” (line 19); cited by Secretary General, "
            "Invocations (2021-06-02)") in lines
    assert ("− removed gone “A report no longer cited” (old line 19); was cited by "
            "Invocations (2021-06-02); replaced by news-new") in lines
    assert not any("news-old" in line for line in lines)  # an unchanged source
    groups = [line for line in lines if line in ("Facts added", "Facts removed", "Facts changed",
                                                 "Sources", "File header")]
    assert groups == ["File header", "Facts added", "Facts removed", "Facts changed", "Sources"]


def test_json_report_for_scripts(pair):
    old, new = pair
    result = run(str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == (str(old), str(new))
    (org,) = data["orgs"]
    assert (org["id"], org["kind"], org["old_as_of"], org["new_as_of"]) == \
        ("ally", "changed", "2026-01-15", "2026-09-01")
    facts = {f["key"]: f for f in org["facts"]}
    assert {k: f["kind"] for k, f in facts.items()} == {
        "secretary_general": "added", "motto": "removed", "member_count": "changed",
        "members": "changed", "invocations": "changed"}
    assert facts["member_count"]["fields"] == [
        {"field": "value", "old": "eight states", "new": "nine states"},
        {"field": "as_of", "old": "2026-01-10", "new": "2026-08-30"}]
    members = {i["identity"]: i for i in facts["members"]["items"]}
    assert {k: i["kind"] for k, i in members.items()} == {
        "Alpha": "changed", "Delta": "added", "Gamma": "removed"}
    assert members["Alpha"]["fields"] == [
        {"field": "status", "old": "member", "new": "participation frozen"}]
    invocations = {i["identity"]: i["kind"] for i in facts["invocations"]["items"]}
    assert invocations == {"2020-03-01": "changed", "2021-06-02": "changed",
                           "2026-05-05": "added"}
    sources = {s["id"]: s for s in org["sources"]}
    assert {k: s["kind"] for k, s in sources.items()} == {
        "charter": "redated", "moved": "replaced", "news-new": "added", "gone": "removed"}
    assert sources["gone"]["replaced_by"] == ["news-new"]
    assert sources["gone"]["claims"] == [
        {"fact": "invocations", "label": "Invocations", "item": "2021-06-02"}]
    assert sources["moved"]["claims"] == [
        {"fact": "member_count", "label": "Members", "item": None},
        {"fact": "members", "label": "Member states", "item": None}]


def test_same_facts_say_so_and_exit_zero(pair):
    old, _ = pair
    result = run(str(old), str(old))
    assert result.exit_code == 0
    assert lines_of(result.stdout)[1] == "No changes in the facts."
    assert json.loads(run(str(old), str(old), "-f", "json").stdout)["orgs"][0]["kind"] == "same"


def test_folders_match_organisations_by_id_and_skip_other_yaml(pair, tmp_path):
    old, new = pair
    (tmp_path / "new" / "theme.yaml").write_text("colours: {}\n", encoding="utf-8")
    (tmp_path / "new" / "zz.yaml").write_text(NEW.replace("id: ally", "id: zeta"),
                                               encoding="utf-8")
    result = run(str(old.parent), str(new.parent), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(o["id"], o["kind"]) for o in data["orgs"]] == [("ally", "changed"), ("zeta", "added")]
    assert f"{tmp_path / 'new' / 'theme.yaml'}: not a facts file" in result.stderr
    text = run(str(old.parent), str(new.parent)).stdout
    assert "New organisation: 5 facts." in text


def test_russian_facts_are_reported_in_russian():
    result = run(str(ROOT / "facts" / "csto.ru.yaml"), str(ROOT / "facts" / "csto.ru.yaml"))
    assert result.exit_code == 0
    assert "по состоянию на 01.12.2026 → 01.12.2026" in result.stdout
    assert "Изменений в фактах нет." in result.stdout


def test_russian_labels_of_changes(pair, tmp_path):
    old, new = pair
    result = run(str(old), str(new), "--lang", "ru")
    lines = lines_of(result.stdout)
    assert "Факты добавлены" in lines and "Факты изменены" in lines and "Источники" in lines
    assert "значение: «eight states» → «nine states»" in lines
    assert any(line.startswith("~ дата доступа обновлена charter") for line in lines)


def test_a_side_that_cannot_be_read_is_exit_1_with_file_and_line(pair, tmp_path):
    old, _ = pair
    bad = tmp_path / "bad.yaml"
    bad.write_text(NEW.replace("    value: nine states\n", "    value: [nine\n"), encoding="utf-8")
    result = run(str(old), str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{bad}:31: ")
    assert "Traceback" not in result.stderr
    missing = run(str(old), str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 1
    assert "nope.yaml: no such file or folder" in missing.stderr


@pytest.mark.skipif(not has("git"), reason="git is not installed")
def test_git_revisions_are_read_without_a_checkout(pair, tmp_path):
    old, new = pair
    repo = tmp_path / "course"
    (repo / "facts").mkdir(parents=True)

    def git(*args):
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    (repo / "facts" / "ally.yaml").write_text(OLD, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "spring term")
    git("tag", "v2026-spring")
    (repo / "facts" / "ally.yaml").write_text(NEW, encoding="utf-8")
    (repo / "facts" / "notes.yaml").write_text("todo: []\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "autumn term")
    (repo / "facts" / "ally.yaml").write_text("broken: [\n", encoding="utf-8")  # the work tree

    import os

    here = os.getcwd()
    os.chdir(repo)
    try:
        by_file = run("HEAD~1:facts/ally.yaml", "HEAD:facts/ally.yaml", "-f", "json")
        by_folder = run("v2026-spring:facts/", "HEAD:facts", "-f", "json")
        text = run("v2026-spring:facts/ally.yaml", "HEAD:facts/ally.yaml")
        bad = run("HEAD:facts/ally.yaml", "facts/ally.yaml")
        unknown = run("v1999:facts/ally.yaml", "HEAD:facts/ally.yaml")
    finally:
        os.chdir(here)
    for result in (by_file, by_folder):
        assert result.exit_code == 0, result.stderr
        (org,) = json.loads(result.stdout)["orgs"]
        assert org["kind"] == "changed"
        assert len(org["facts"]) == 5 and len(org["sources"]) == 4
    assert json.loads(by_folder.stdout)["orgs"][0]["new_file"] == "HEAD:facts/ally.yaml"
    assert "HEAD:facts/notes.yaml: not a facts file" in by_folder.stderr
    assert text.stdout.splitlines()[0] == ("TA (v2026-spring:facts/ally.yaml → "
                                           "HEAD:facts/ally.yaml), as of 2026-01-15 → 2026-09-01")
    assert bad.exit_code == 1 and bad.stderr.startswith("facts/ally.yaml:2: ")
    assert git_status_clean(repo)
    assert unknown.exit_code == 1
    assert "v1999:facts/ally.yaml: not a file or folder here, and git cannot read it" \
        in unknown.stderr


def git_status_clean(repo: Path) -> bool:
    """Nothing was checked out: only the test's own edit of the work tree shows."""
    out = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout
    return out.splitlines() == [" M facts/ally.yaml"]
