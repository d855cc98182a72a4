"""An author's slips, tried through the CLI: exit code, the stderr line with file:line,
and no diagnostic text on the handout (PDF read by pypdf, DOCX by python-docx)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from clirun import run_cli as run
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")
DIAGNOSTIC = re.compile(r"\.ya?ml|\.j2|cmp_|warning|did you mean|has no fact|briefgen\.|object'")



def handout_text(folder: Path) -> str:
    """All text of every PDF and DOCX in ``folder``, as independent readers see it."""
    texts = []
    for pdf in folder.glob("*.pdf"):
        texts += [p.extract_text() or "" for p in PdfReader(pdf).pages]
    for path in folder.glob("*.docx"):
        d = docx.Document(str(path))
        texts += [p.text for p in d.paragraphs]
        texts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(texts)


def facts_with(tmp_path: Path, old: str, new: str, name: str = "x.yaml") -> Path:
    assert old in MINI, old
    path = tmp_path / name
    path.write_text(MINI.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in line and not line.lstrip().startswith("#"))


def test_misspelt_fact_key_warns_with_its_line_and_the_handout_stays_clean(tmp_path):
    facts = facts_with(tmp_path, "  headquarters:\n", "  headquarter:\n")
    out = tmp_path / "out"
    result = run("brief", facts, "-o", out)
    assert result.exit_code == 0, result.stderr
    line = line_of(facts, "headquarter:")
    assert f"{facts}:{line}: unknown fact 'headquarter'; did you mean 'headquarters'?" \
        in result.stderr
    assert result.stderr.count("unknown fact 'headquarter'") == 1
    assert len(list(out.iterdir())) == 2
    assert not DIAGNOSTIC.search(handout_text(out))


def test_strict_turns_the_warning_into_a_failure_and_writes_nothing(tmp_path):
    facts = facts_with(tmp_path, "  headquarters:\n", "  headquarter:\n")
    out = tmp_path / "out"
    result = run("brief", facts, "-o", out, "--strict")
    assert result.exit_code == 1
    assert "unknown fact 'headquarter'" in result.stderr
    assert "--strict: 1 warning, so nothing was written" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_misspelt_item_field_names_the_item_1_based(tmp_path):
    facts = facts_with(tmp_path, "{name: Гаммаland, joined: 2001-01-01}",
                       "{name: Гаммаland, joinde: 2001-01-01}")
    out = tmp_path / "out"
    result = run("brief", facts, "-o", out)
    assert result.exit_code == 0
    line = line_of(facts, "joinde")
    assert (f"{facts}:{line}: members[3] (Гаммаland): unknown field 'joinde'; "
            "did you mean 'joined'?") in result.stderr
    assert not DIAGNOSTIC.search(handout_text(out))
    assert run("brief", facts, "-o", tmp_path / "o2", "--strict").exit_code == 1


def test_item_lacking_a_field_its_siblings_have(tmp_path):
    facts = facts_with(tmp_path, "{name: Гаммаland, joined: 2001-01-01}", "{name: Гаммаland}")
    result = run("check", facts)
    line = line_of(facts, "{name: Гаммаland}")
    assert f"{facts}:{line}: members[3] (Гаммаland) has no 'joined', which 2 of the other " \
        "2 items have" in result.stderr
    assert result.exit_code == 0
    assert run("check", facts, "--strict").exit_code == 1


def test_missing_required_fact_names_file_template_and_line(tmp_path):
    facts = facts_with(tmp_path, "  summary:\n    value: >-", "  overview:\n    value: >-")
    out = tmp_path / "out"
    result = run("brief", facts, "-o", out)
    assert result.exit_code == 1
    tline = line_of(ROOT / "templates/brief.md.j2", "{{ facts.summary }}")
    assert (f"the brief template needs a fact 'summary' (templates/brief.md.j2:{tline}); "
            "add it to x.yaml") in result.stderr
    assert f"{facts}:{line_of(facts, 'facts:')}:" in result.stderr
    assert "FactsView" not in result.stderr and "briefgen." not in result.stderr
    assert not out.exists()
    # check says so too, instead of "ok"
    checked = run("check", facts)
    assert checked.exit_code == 1 and "needs a fact 'summary'" in checked.stderr


def test_override_with_an_unknown_block(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(
        '{% extends "bundled/brief.md.j2" %}\n\n{% block critcisms %}{% endblock %}\n',
        encoding="utf-8")
    out = tmp_path / "out"
    result = run("brief", DATA / "mini.yaml", "--templates", folder, "-o", out)
    assert result.exit_code == 1
    assert re.search(r"templates/brief\.md\.j2:3: block 'critcisms' is not a block of "
                     r"templates/brief\.md\.j2.*did you mean 'criticisms'\?", result.stderr)
    assert not out.exists()


def test_unknown_template_name_gets_did_you_mean(tmp_path):
    result = run("brief", DATA / "mini.yaml", "-t", "breif", "-o", tmp_path)
    assert result.exit_code == 1
    assert "unknown template 'breif'; did you mean 'brief'?" in result.stderr


def test_compare_with_one_file_is_a_usage_error(tmp_path):
    result = run("compare", DATA / "mini.yaml", "-o", tmp_path)
    assert result.exit_code == 2
    assert "two or more facts files" in result.stderr


def test_missing_comparison_cell_is_a_neutral_mark_and_a_warning(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: T\nrows:\n  - label: Trigger\n    fact: cmp_trigger\n"
                    "  - label: Rule\n    fact: cmp_decision_rule\n", encoding="utf-8")
    facts = DATA / "mini.yaml"  # pact.yaml has no cmp_decision_rule
    out = tmp_path / "out"
    result = run("compare", facts, DATA / "pact.yaml", "--spec", spec, "-o", out)
    assert result.exit_code == 0, result.stderr
    pact = DATA / "pact.yaml"
    assert (f"warning: {spec}:5: row 'Rule': {pact} has no fact 'cmp_decision_rule'"
            in result.stderr)
    text = handout_text(out)
    assert "— not covered by the curated facts" in text
    assert not DIAGNOSTIC.search(text), DIAGNOSTIC.search(text)
    strict = run("compare", facts, DATA / "pact.yaml", "--spec", spec, "-o", tmp_path / "s",
                 "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s").exists()


def test_spec_row_typo_is_an_error_with_the_spec_line(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: T\nrows:\n  - label: Trigger\n    fact: cmp_triger\n",
                    encoding="utf-8")
    result = run("compare", DATA / "mini.yaml", DATA / "pact.yaml", "--spec", spec,
                 "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{spec}:3: row 'Trigger' names fact 'cmp_triger'" in result.stderr
    assert "did you mean 'cmp_trigger'?" in result.stderr


def test_source_defined_and_never_cited(tmp_path):
    facts = facts_with(tmp_path, "facts:\n", "  - id: unused-report\n    title: A report\n"
                       "    url: https://example.org/report\nfacts:\n")
    result = run("check", facts)
    line = line_of(facts, "id: unused-report")
    assert f"warning: {facts}:{line}: source 'unused-report' is never cited" in result.stderr
    assert result.exit_code == 0
    assert run("check", facts, "--strict").exit_code == 1


def test_claim_cited_only_to_a_mirror_of_a_listed_primary(tmp_path):
    facts = facts_with(tmp_path, "facts:\n", "  - id: mta-site-copy\n    title: About the MTA\n"
                       "    url: https://web.archive.org/web/2024/https://example.org/mta/about\n"
                       "facts:\n")
    facts.write_text(facts.read_text("utf-8").replace(
        "value: Testville\n    sources: [mta-site]", "value: Testville\n    sources: [mta-site-copy]"),
        encoding="utf-8")
    result = run("check", facts)
    assert re.search(rf"{re.escape(str(facts))}:\d+: fact 'headquarters' cites only mirror or "
                     r"staging copies \(mta-site-copy\); cite the primary source 'mta-site'",
                     result.stderr)


def test_upper_case_key_is_reported_at_its_own_line(tmp_path):
    facts = facts_with(tmp_path, "  headquarters:\n", "  Headquarters:\n")
    result = run("check", facts)
    assert result.exit_code == 1
    assert f"{facts}:{line_of(facts, 'Headquarters:')}: fact key 'Headquarters' must be " \
        in result.stderr


def test_empty_list_and_positions_in_schema_errors(tmp_path):
    facts = facts_with(tmp_path, "{name: Betaland, joined: 1992-05-15,",
                       "{name: Betaland, joined: 15.05.1992,")
    result = run("check", facts)
    assert result.exit_code == 1
    assert "'facts.members[2] (Betaland).joined': '15.05.1992' is not a date" in result.stderr
    empty = tmp_path / "empty.yaml"
    empty.write_text("id: e\ntitle: E\nas_of: 2026-01-01\nsources: []\nfacts:\n  name:\n"
                     "    value: E\n    sources: [s]\n", encoding="utf-8")
    result = run("check", empty)
    assert f"{empty}:4: 'sources' is empty; list at least one" in result.stderr
    assert "List should have" not in result.stderr


def test_check_plurals_and_template_option(tmp_path):
    result = run("check", ROOT / "docs/../tests/data/pact.yaml")
    assert " sources)" in result.stderr or " source)" in result.stderr
    assert "1 sources" not in result.stderr and "1 facts" not in result.stderr
    template = tmp_path / "short.md.j2"
    template.write_text("# {{ facts.name.value }}\n\n{{ facts.motto }}\n", encoding="utf-8")
    result = run("check", DATA / "mini.yaml", "--template", template)
    assert result.exit_code == 1
    assert "the short template needs a fact 'motto' (" in result.stderr
    assert "short.md.j2:3)" in result.stderr


def test_batch_strict_from_the_manifest(tmp_path):
    facts_with(tmp_path, "  headquarters:\n", "  headquarter:\n")
    manifest = tmp_path / "course.yaml"
    manifest.write_text("strict: true\ndefaults:\n  formats: [pdf]\njobs:\n  - facts: x.yaml\n",
                        encoding="utf-8")
    result = run("batch", manifest, "-j", "1")
    assert result.exit_code == 1
    assert "unknown fact 'headquarter'" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))
    manifest.write_text(manifest.read_text().replace("strict: true\n", ""), encoding="utf-8")
    result = run("batch", manifest, "-j", "1")
    assert result.exit_code == 0
    assert result.stderr.count("unknown fact 'headquarter'") == 1
    assert run("batch", manifest, "-j", "1", "--strict", "--force").exit_code == 1


@pytest.mark.parametrize("name", ["nato", "eu", "csto", "csto.ru", "rio", "anzus"])
def test_bundled_facts_check_clean_under_strict(name):
    result = run("check", ROOT / f"facts/{name}.yaml", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


def test_overflow_names_the_fact_and_its_line(tmp_path):
    long = "Long words about the alliance and its history. " * 200
    facts = facts_with(tmp_path, "code: <b>bold?</b>, R&D, **stars**, {{ jinja }}, [^1] and 5 < 6.",
                       "code. " + long)
    result = run("brief", facts, "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert f"mostly the fact 'summary' ({facts}:{line_of(facts, 'summary:')}," in result.stderr


def test_the_complete_example_of_the_facts_doc_builds_a_brief(tmp_path):
    doc = (ROOT / "docs/facts-format.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete small example\n\n```yaml\n(.*?)```", doc, re.S).group(1)
    facts = tmp_path / "example.yaml"
    facts.write_text(example, encoding="utf-8")
    checked = run("check", facts, "--strict")
    assert checked.exit_code == 0, checked.stderr
    assert "warning" not in checked.stderr
    out = tmp_path / "out"
    result = run("brief", facts, "-o", out, "--strict")
    assert result.exit_code == 0, result.stderr
    assert "Testville" in handout_text(out)


def test_a_file_written_for_comparisons_need_not_carry_a_brief(tmp_path):
    facts = tmp_path / "cmp.yaml"
    facts.write_text("id: c\ntitle: C\nas_of: 2026-01-01\nsources:\n  - id: s\n    title: S\n"
                     "    url: https://example.org/s\nfacts:\n  name:\n    value: C\n"
                     "    sources: [s]\n  cmp_trigger:\n    value: An attack.\n"
                     "    sources: [s]\n", encoding="utf-8")
    result = run("check", facts, "--strict")
    assert result.exit_code == 0, result.stderr
    # asked for the brief, it is told what the brief needs
    result = run("check", facts, "-t", "brief")
    assert result.exit_code == 1
    assert "the brief template needs a fact 'summary'" in result.stderr


def test_check_an_override_with_an_unknown_block(tmp_path):
    template = tmp_path / "mine.md.j2"
    template.write_text('{% extends "bundled/brief.md.j2" %}\n{% block titel %}{% endblock %}\n',
                        encoding="utf-8")
    result = run("check", DATA / "mini.yaml", "--template", template)
    assert result.exit_code == 1
    assert f"{template}:2: block 'titel' is not a block of " in result.stderr
    assert "did you mean 'title'?" in result.stderr
