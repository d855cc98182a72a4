"""Mutation fuzz over themes, comparison specs, course manifests and templates.

Whatever the mutation, the result is written outputs or a BriefgenError with
a message; never another exception, and a refused build leaves no output
folder behind (hidden temp files included). See tests/mutations.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from mutations import fuzz_settings, mutated_bytes

from briefgen.errors import BriefgenError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini.yaml"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


THEME = lines_of(ROOT / "templates" / "themes" / "default.yaml")
SPEC = lines_of(DATA / "spec.yaml")
MANIFEST = lines_of(DATA / "course" / "course.yaml")
TEMPLATE = lines_of(ROOT / "templates" / "brief.md.j2")


def outcome(build, out: Path) -> None:
    """Run ``build``: written files, or a BriefgenError leaving ``out`` absent or empty."""
    try:
        result = build()
    except BriefgenError as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)
        assert not out.exists() or not any(out.iterdir()), sorted(out.iterdir())
        return
    for path in getattr(result, "paths", []):
        assert path.is_file() and path.stat().st_size > 0


@fuzz_settings(0.5)
@given(mutated_bytes(THEME))
def test_mutated_theme_builds_or_is_a_briefgen_error(data):
    from briefgen.sheets.brief import make_brief
    from briefgen.theme.loader import load_theme
    from briefgen.theme.model import PageSetup, page_size_for

    with tempfile.TemporaryDirectory() as tmp:
        theme_file = Path(tmp) / "theme.yaml"
        theme_file.write_bytes(data)
        out = Path(tmp) / "out"

        def build():
            theme, size = load_theme(theme_file)
            return make_brief(MINI, output=out, theme=theme, formats=("pdf", "docx"),
                              setup=PageSetup(size=page_size_for(None, size)))

        outcome(build, out)


@fuzz_settings(0.5)
@given(mutated_bytes(SPEC))
def test_mutated_spec_builds_or_is_a_briefgen_error(data):
    from briefgen.sheets.comparison import make_comparison

    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.yaml"
        spec.write_bytes(data)
        out = Path(tmp) / "out"
        outcome(lambda: make_comparison([MINI, DATA / "pact.yaml"], spec, ("pdf",), out), out)


@fuzz_settings()
@given(mutated_bytes(MANIFEST))
def test_mutated_manifest_loads_or_is_a_briefgen_error(data):
    from briefgen.course.manifest import load_manifest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "course"
        (folder / "orgs").mkdir(parents=True)
        (folder / "orgs" / "org01.yaml").write_bytes(MINI.read_bytes())
        (Path(tmp) / "pact.yaml").write_bytes((DATA / "pact.yaml").read_bytes())
        (Path(tmp) / "spec.yaml").write_bytes((DATA / "spec.yaml").read_bytes())
        manifest = folder / "course.yaml"
        manifest.write_bytes(data)
        try:
            loaded = load_manifest(manifest)
        except BriefgenError as exc:
            assert str(exc).strip()
            return
        for job in loaded.jobs:  # every output stays inside the output folder
            for name in job.output_files():
                assert Path(loaded.output, name).resolve().parent == loaded.output.resolve()


@fuzz_settings(0.5)
@given(mutated_bytes(TEMPLATE, snippets=True))
def test_mutated_template_builds_or_is_a_briefgen_error(data):
    from briefgen.sheets.brief import make_brief

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "brief.md.j2"
        template.write_bytes(data)
        out = Path(tmp) / "out"
        outcome(lambda: make_brief(MINI, str(template), output=out, formats=("pdf", "docx")),
                out)
