"""Shared fixtures: paths to test data and the bundled facts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def loopback_only():
    """No test reaches the internet: sockets connect to loopback only (tests/netguard.py)."""
    import netguard

    netguard.install()
    yield


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Unpacked fonts and compiled templates go to a folder of this test run, not ~/.cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()


@pytest.fixture
def site():
    """A web site on 127.0.0.1 (tests/linksite.py) for the link checker, shut down after the test."""
    from linksite import Site, serve

    s = Site()
    server = serve(s)
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture
def link_cache(tmp_path, monkeypatch):
    """An empty cache of this test's own (link results live in it); no proxy is used."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return folder / "briefgen" / "links"


@pytest.fixture
def mini_facts() -> Path:
    """A small valid facts file of a made-up organisation."""
    return DATA / "mini.yaml"


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML text to a temp file and return its path."""

    def _write(text: str, name: str = "facts.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def has(tool: str) -> bool:
    """Whether a command-line tool is installed."""
    return shutil.which(tool) is not None


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """Convert DOCX bytes → PDF with LibreOffice, using a fresh profile for this test session."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(data: bytes, name: str) -> Path:
        folder = tmp_path_factory.mktemp("lo-out")
        src = folder / f"{name}.docx"
        src.write_bytes(data)
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), str(src)],
            check=True, capture_output=True, timeout=180,
        )
        return folder / f"{name}.pdf"

    return convert


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when any test tried to reach an address off this machine (tests/netguard.py)."""
    import netguard

    if netguard.REFUSED:
        print("\nnetwork guard: tests tried to leave the machine: " + ", ".join(netguard.REFUSED[:10]))
        session.exitstatus = 1


def pytest_addoption(parser):
    """``--regen-goldens`` rewrites golden files after a deliberate change (see tests/goldens.py)."""
    parser.addoption("--regen-goldens", action="store_true",
                     help="rewrite golden files instead of comparing (review the diff after)")


def pytest_configure(config):
    """Pass --regen-goldens to the golden helper and declare the markers."""
    from goldens import REGEN

    REGEN["flag"] = bool(config.getoption("--regen-goldens", default=False))
    config.addinivalue_line("markers", "slow: a slow test (the benchmark smoke run, the exhaustive "
                            "fit oracle, each module imported alone, the long-contents pack, the "
                            "signal fuzz); CI runs it")


@pytest.fixture(scope="session")
def bundled_pdfs(tmp_path_factory):
    """Every bundled sheet built once per session on A4 and Letter (tests/bundled_sheets.py)."""
    from bundled_sheets import build_all

    return build_all(tmp_path_factory)


@pytest.fixture(scope="session")
def html_sheets(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Every bundled sheet as an HTML page and an LMS fragment (A4), built once per session.

    Sheet name → ``{"html": page bytes, "lms": fragment bytes, "pages": the fit's page count,
    "runs_past": the whole sheet did not fit, so the page (every item) prints on more}``
    (tests/writers/html).
    """
    from bundled_sheets import SHEETS

    out = {}
    for name, make in SHEETS.items():
        result = make(tmp_path_factory.mktemp(f"html-{name}"), "a4", formats=("html", "lms"))
        page = next(p for p in result.paths if not p.name.endswith(".lms.html"))
        fragment = next(p for p in result.paths if p.name.endswith(".lms.html"))
        out[name] = {"html": page.read_bytes(), "lms": fragment.read_bytes(), "pages": result.pages,
                     "runs_past": any("page shows everything" in w for w in result.warnings)}
    return out
