"""The registry of sheet kinds (briefgen/kinds.py) is what the manifest, batch, the pack and
the slips read: one name per kind, an alias accepted, a kind's own template and heading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.course.manifest import load_manifest
from briefgen.kinds import KINDS, get_kind, kind_names, listed_kind, reads_spec

ROOT = Path(__file__).resolve().parent.parent


def test_one_name_per_kind_and_aliases_resolve():
    assert kind_names() == ("brief", "timeline", "comparison", "changes")
    assert get_kind("compare") is get_kind("comparison")
    assert len({k.name for k in KINDS} | {a for k in KINDS for a in k.aliases}) == len(
        kind_names(aliases=True))
    with pytest.raises(KeyError):
        get_kind("comparisons")


def test_templates_map_to_their_kind():
    assert reads_spec("comparison.md.j2") and reads_spec("/x/comparison-short.md.j2")
    assert not reads_spec("brief.md.j2") and not reads_spec("mysheet.md.j2")
    assert listed_kind("brief", "timeline").name == "timeline"
    assert listed_kind("brief", "/abs/timeline.md.j2").name == "timeline"
    assert listed_kind("comparison", "timeline").name == "comparison"  # builds differently


def test_manifest_kinds_alias_and_defaults(tmp_path):
    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  template: brief\njobs:\n"
        f"  - facts: {ROOT / 'facts' / 'csto.yaml'}\n"
        f"  - kind: timeline\n    facts: {ROOT / 'facts' / 'nato.yaml'}\n"
        f"  - kind: compare\n    facts: [{ROOT / 'facts' / 'csto.yaml'}, {ROOT / 'facts' / 'nato.yaml'}]\n"
        f"  - kind: comparison\n    facts: [{ROOT / 'facts' / 'eu.yaml'}, {ROOT / 'facts' / 'nato.yaml'}]\n",
        encoding="utf-8")
    jobs = load_manifest(tmp_path / "course.yaml").jobs
    assert [(j.kind, j.template, j.name) for j in jobs] == [
        ("brief", "brief", "csto-brief"), ("timeline", "timeline", "nato-timeline"),
        ("comparison", "comparison", "csto-vs-nato"), ("comparison", "comparison", "eu-vs-nato")]


def test_pack_lists_a_timeline_job_under_timelines(tmp_path):
    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  formats: pdf\njobs:\n  - facts: {ROOT / 'facts' / 'csto.yaml'}\n"
        f"  - kind: timeline\n    facts: {ROOT / 'facts' / 'nato.yaml'}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "briefgen", "batch", "course.yaml", "-j", "1",
                          "--pack", "-q"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    pack = next((tmp_path / "out").glob("*-pack.pdf"))
    front = " ".join(p.extract_text() for p in PdfReader(pack).pages[:2])
    assert "Briefing sheets" in front and "Timelines" in front
    assert front.index("Briefing sheets") < front.index("Timelines")


def test_a_brief_without_a_comparison_never_imports_comparison(tmp_path):
    code = ("import sys\nfrom briefgen.sheets.brief import make_brief\n"
            f"make_brief('facts/csto.yaml', formats=('docx',), output={str(tmp_path)!r})\n"
            "print(sorted(m for m in sys.modules if m.startswith('briefgen.comparison')))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_a_comparison_job_without_a_spec_depends_on_the_bundled_specs(tmp_path):
    """A comparison job that names no spec is built with the bundled one, so its state hash
    reads the bundled specs (the old check compared the kind with "compare", a name the
    manifest never keeps, and left them out: an edited spec rebuilt nothing)."""
    from briefgen.course.state import Digests

    (tmp_path / "course.yaml").write_text(
        f"jobs:\n  - kind: compare\n    facts: [{ROOT / 'facts' / 'csto.yaml'}, "
        f"{ROOT / 'facts' / 'nato.yaml'}]\n  - facts: {ROOT / 'facts' / 'csto.yaml'}\n",
        encoding="utf-8")
    comparison, brief = load_manifest(tmp_path / "course.yaml").jobs
    assert comparison.spec is None
    for job, expected in ((comparison, True), (brief, False)):
        digests = Digests()
        digests.job_input(job)
        specs = [f for f in digests._files if Path(f).name.startswith("defence-clause")]
        assert bool(specs) is expected, (job.name, specs)


def test_no_kind_name_compared_outside_the_registry():
    """Code asks the registry (``get_kind(name).reads_spec``, ``.build``, ``.many_facts``)
    instead of comparing a kind's or a template's name with a literal."""
    import ast

    names = set(kind_names(aliases=True))
    allowed: dict[str, set[str]] = {}
    found = []
    for path in sorted((ROOT / "briefgen").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "briefgen/kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            for side in [node.left, *node.comparators]:
                items = side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
                found += [f"{rel}:{node.lineno} {i.value!r}" for i in items
                          if isinstance(i, ast.Constant) and i.value in names
                          and i.value not in allowed.get(rel, ())]
    assert not found, "kind names compared outside briefgen/kinds.py: " + ", ".join(found)
