"""The disk cache is used only when nobody but the user can write it (briefgen/cache.py).

A compiled-template entry starts with a pickle (Jinja's bytecode format): planted
by another user it runs code; a validated-facts entry planted by another user
changes the handout (its SHA-256 seal is no secret). Each test plants such an
entry in a folder someone else could write (or owns) and runs the real CLI:
the entry is not loaded, one warning names the folder, the handout is right.
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest
from hardening import MINI, cli
from pypdf import PdfReader

MARKER_CODE = "open({marker!r}, 'w').write('pwned')"


class _Payload:
    """Unpickling this runs ``exec(code)``: what a planted compiled-template entry can do."""

    def __init__(self, code: str):
        self.code = code

    def __reduce__(self):
        return (exec, (self.code,))


def warm_cache(tmp_path: Path) -> dict:
    """A private cache filled by one brief; the environment that uses it."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = cli("brief", MINI, "-o", tmp_path / "warm", env=env)
    assert run.code == 0, run.stderr
    return env


def plant_templates(tmp_path: Path, marker: Path) -> list[Path]:
    """Replace every compiled template in the cache by one whose pickle runs code."""
    import jinja2.bccache

    entries = sorted((tmp_path / "cache" / "briefgen" / "templates").glob("*.jbc"))
    assert entries
    evil = jinja2.bccache.bc_magic + pickle.dumps(_Payload(MARKER_CODE.format(marker=str(marker))))
    for entry in entries:
        entry.write_bytes(evil)
    return entries


@pytest.mark.parametrize("loose", ["templates", "briefgen"])
def test_a_compiled_template_in_a_folder_others_can_write_is_never_loaded(tmp_path, loose):
    env = warm_cache(tmp_path)
    marker = tmp_path / "pwned"
    plant_templates(tmp_path, marker)
    folder = tmp_path / "cache" / "briefgen" / ("templates" if loose == "templates" else "")
    folder.chmod(0o777 if loose == "templates" else 0o757)
    out = tmp_path / "out"
    run = cli("brief", MINI, "-o", out, env=env)
    assert run.code == 0, run.stderr
    assert not marker.exists(), "a planted compiled template ran code"
    assert f"warning: cache folder {folder} is writable by others" in run.stderr
    assert "writable by others" in run.stderr and "building without the cache" in run.stderr
    assert run.stderr.count("building without the cache") == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "Mini Test Alliance" in PdfReader(out / "mini-brief.pdf").pages[0].extract_text()
    assert sorted(p.name for p in out.iterdir()) == ["mini-brief.docx", "mini-brief.pdf"]


def test_a_planted_validated_facts_entry_does_not_change_the_handout(tmp_path):
    import marshal

    from briefgen.cache import sealed, unsealed
    from briefgen.facts.validated import MAGIC

    env = warm_cache(tmp_path)
    folder = tmp_path / "cache" / "briefgen" / "facts"
    for entry in folder.glob("*.facts"):
        plain = marshal.loads(unsealed(MAGIC, entry.read_bytes()))
        plain["facts"]["name"]["value"] = "FORGED BY ANOTHER USER"
        plain["title"] = "FORGED BY ANOTHER USER"
        entry.write_bytes(sealed(MAGIC, marshal.dumps(plain)))  # the seal is no secret
        entry.chmod(0o666)  # writable by anyone: as a planted file would be
    out = tmp_path / "out"
    run = cli("brief", MINI, "-o", out, env=env)
    assert run.code == 0, run.stderr
    text = PdfReader(out / "mini-brief.pdf").pages[0].extract_text()
    assert "FORGED" not in text and "Mini Test Alliance" in text
    assert "cache entry" in run.stderr and "writable by others" in run.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_as_root_a_cache_folder_owned_by_another_user_is_not_used(tmp_path):
    env = warm_cache(tmp_path)
    marker = tmp_path / "pwned"
    plant_templates(tmp_path, marker)
    for path in [tmp_path / "cache" / "briefgen", *(tmp_path / "cache" / "briefgen").rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    run = cli("brief", MINI, "-o", tmp_path / "out", env=env)
    assert run.code == 0, run.stderr
    assert not marker.exists()
    assert "is owned by another user (uid 65534)" in run.stderr


def test_a_relative_xdg_cache_home_is_ignored(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run = cli("brief", MINI, "-o", tmp_path / "out", cwd=tmp_path,
              env={"XDG_CACHE_HOME": "relative-cache", "HOME": str(home)})
    assert run.code == 0, run.stderr
    assert not (tmp_path / "relative-cache").exists()
    assert (home / ".cache" / "briefgen").is_dir()


def test_cache_folders_are_created_private(tmp_path):
    warm_cache(tmp_path)
    root = tmp_path / "cache" / "briefgen"
    for folder in [root, *(p for p in root.iterdir() if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
