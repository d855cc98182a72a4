"""Format plugins: a real installed package adds a format through ``briefgen.formats``.

The package is the one docs/architecture.md shows (its two files are read from
there, so the documented example is the tested one), installed as Python finds
installed packages: a folder on ``sys.path`` holding the module and its
``*.dist-info`` (METADATA and entry_points.txt, as ``pip install`` writes
them); one slow test has pip itself build and install the documented project
(``pip install --target``). Every run is a fresh ``briefgen`` process, as a user's would be.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def documented_files() -> dict[str, str]:
    """The example plugin's files, by path, from docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"File `([^`]+)`:\n\n```\w+\n(.*?)```", text, re.S))


def install(site: Path, module: str, entry: str, dist: str = "briefgen-plain") -> Path:
    """Install ``module`` (source text) as an importable package with one ``briefgen.formats``
    entry point ``entry`` (``name = module:attr``) into the folder ``site``."""
    name = entry.split("=")[1].strip().split(":")[0]
    (site / name).mkdir(parents=True, exist_ok=True)
    (site / name / "__init__.py").write_text(module, encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-0.1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[briefgen.formats]\n{entry}\n")
    return site


def briefgen(site: Path | None, *args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``python -m briefgen ARGS`` with ``site`` on the path (the plugin installed)."""
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep)
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    """The documented ``briefgen-plain`` package, installed."""
    files = documented_files()
    entry = re.search(r'\[project\.entry-points\."briefgen\.formats"\]\n(.+)\n',
                      files["pyproject.toml"]).group(1)
    assert entry.startswith("plain = ")
    return install(tmp_path_factory.mktemp("site"), files["briefgen_plain/__init__.py"],
                   entry.replace('"', ""))


def pip_install(project: Path, site: Path) -> Path:
    """``pip install --target site project``: the documented package built by its own backend.

    Offline (no index, no build isolation): the build backend is this environment's
    setuptools, which must be as new as the example's ``requires`` asks (the ``test``
    extra pins it). Outside CI an older one skips the test with the reason.
    """
    import setuptools

    if int(setuptools.__version__.split(".")[0]) < 77 and os.environ.get("CI") != "true":
        pytest.skip(f"setuptools {setuptools.__version__} < 77 (pip install -e '.[test]')")
    run = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                          "--no-build-isolation", "--no-index", "--target", str(site),
                          str(project)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return site


@pytest.mark.slow
def test_pip_installs_the_documented_package_and_briefgen_uses_it(tmp_path):
    project = tmp_path / "briefgen-plain"
    for name, text in documented_files().items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    site = pip_install(project, tmp_path / "site")
    points = (next(site.glob("briefgen_plain-*.dist-info")) / "entry_points.txt").read_text()
    assert "[briefgen.formats]" in points and "plain = briefgen_plain:FORMAT" in points
    assert "[pdf|docx|html|lms|plain]" in briefgen(site, "brief", "--help").stdout
    out = tmp_path / "out"
    run = briefgen(site, "brief", "facts/nato.yaml", "-f", "plain", "-o", out)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in out.iterdir()] == ["nato-brief.txt"]
    assert "North Atlantic Treaty Organization" in (out / "nato-brief.txt").read_text("utf-8")


def test_documented_example_is_complete():
    files = documented_files()
    assert set(files) == {"pyproject.toml", "briefgen_plain/__init__.py"}
    assert 'plain = "briefgen_plain:FORMAT"' in files["pyproject.toml"]


def test_installed_plugin_writes_its_suffix_and_nothing_else(plain_site, tmp_path):
    out = tmp_path / "out"
    run = briefgen(plain_site, "brief", "facts/csto.yaml", "-f", "plain", "-o", out)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(out / "csto-brief.txt")]
    assert sorted(p.name for p in out.iterdir()) == ["csto-brief.txt"]
    text = (out / "csto-brief.txt").read_text(encoding="utf-8")
    assert text.startswith("Collective Security Treaty Organization (CSTO)")
    assert "WHAT THE CLAUSE OBLIGES" in text  # a section heading, as the plugin writes them
    assert "Kazakhstan" in text and "[1] " in text and "https://" in text
    assert "Traceback" not in run.stderr


def test_plugin_beside_the_builtin_formats_and_in_help(plain_site, tmp_path):
    helped = briefgen(plain_site, "brief", "--help")
    assert "[pdf|docx|html|lms|plain]" in helped.stdout
    assert "[pdf|docx|html|lms]" in briefgen(None, "brief", "--help").stdout  # not installed: not listed
    out = tmp_path / "out"
    run = briefgen(plain_site, "compare", "facts/csto.yaml", "facts/nato.yaml", "-f", "pdf",
                   "-f", "plain", "-o", out)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["csto-vs-nato.pdf", "csto-vs-nato.txt"]
    assert len(PdfReader(out / "csto-vs-nato.pdf").pages) == 1
    assert "NATO" in (out / "csto-vs-nato.txt").read_text(encoding="utf-8")


def test_a_course_manifest_accepts_the_plugin_format(plain_site, tmp_path):
    (tmp_path / "course.yaml").write_text(
        f"defaults:\n  formats: [plain, pdf]\n  output: out\njobs:\n"
        f"  - facts: {ROOT / 'facts' / 'nato.yaml'}\n", encoding="utf-8")
    run = briefgen(plain_site, "batch", "course.yaml", "-j", "1", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("nato-*")) == [
        "nato-brief.pdf", "nato-brief.txt"]
    refused = briefgen(None, "batch", "course.yaml", "-j", "1", "--force", cwd=tmp_path)
    assert refused.returncode != 0 and "course.yaml:2" in refused.stderr  # without the plugin
    schema = briefgen(plain_site, "schema", "manifest")
    assert '"plain"' in schema.stdout


BROKEN = {
    "import": ("raise ImportError('needs libfoo')\n", "could not be loaded: ImportError: needs libfoo"),
    "contract": ("class F:\n    name = 'Bad Name'\n    suffix = '.x'\n    paged = 'yes'\nFORMAT = F()\n",
                 "does not follow the format contract"),
    "raises": ("class F:\n    name = 'boom'\n    suffix = 'boom'\n    paged = True\n"
               "    def render(self, doc, setup, theme, scale):\n        raise ValueError('no ink')\n"
               "FORMAT = F()\n", "failed to render"),
    "text": ("class F:\n    name = 'boom'\n    suffix = 'boom'\n    paged = False\n"
             "    def render(self, doc, setup, theme, scale):\n        return 'not bytes'\n"
             "FORMAT = F()\n", "returned str, not bytes"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_plugin_is_one_clear_line_naming_it(case, tmp_path):
    module, says = BROKEN[case]
    site = install(tmp_path / "site", module, "boom = briefgen_boom:FORMAT", dist="briefgen-boom")
    out = tmp_path / "out"
    run = briefgen(site, "brief", "facts/csto.yaml", "-f", "pdf", "-f", "boom", "-o", out)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefgen: format plugin 'boom'")
    assert "package 'briefgen-boom'" in lines[0] and says in lines[0]
    assert not out.exists() or not list(out.iterdir())  # nothing half-written, no PDF either


def test_a_broken_plugin_does_not_stop_builtin_formats(tmp_path):
    site = install(tmp_path / "site", BROKEN["import"][0], "boom = briefgen_boom:FORMAT",
                   dist="briefgen-boom")
    run = briefgen(site, "brief", "facts/csto.yaml", "-f", "docx", "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["csto-brief.docx"]
