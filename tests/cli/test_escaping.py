"""Every text briefgen prints shows control characters escaped (cli.errors.say, printable.py).

A newline in a key, a value or a file name must not start a line of its own on
stderr (GitHub Actions runs ``::error``/``::stop-commands`` workflow commands
it finds there), nor may ESC/OSC sequences or bidi overrides reach a terminal
raw. Checked on ``brief``, ``check`` in every format and ``batch``. Also here:
Ctrl-C in any command is one line and exit 130.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hardening import MINI, ROOT, course, listing
from hostile_cases import MESSAGE_INJECTIONS


def raw_controls(line: str) -> list[str]:
    """Control characters (C0, C1, DEL), bidi controls and line separators in ``line``."""
    return [c for c in line if unicodedata.category(c) == "Cc"
            or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" or c in "\u2028\u2029"]

PREFIXES = ("warning: ", "briefgen: ", "Usage: ", "Try ", "Error: ", "failed: ", "    ")


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], cwd=cwd,
                          capture_output=True, timeout=300)


def lines_of(data: bytes) -> list[str]:
    """The lines a log reader sees: split on every line break Unicode and terminals know."""
    text = data.decode("utf-8", "backslashreplace")
    return text.replace("\r", "\n").replace("\x85", "\n").split("\n")


def assert_clean(data: bytes, prefixes=PREFIXES, allow_path: Path | None = None) -> None:
    """No forged line, no raw control, bidi or invisible character in ``data``."""
    assert b"Traceback" not in data, data
    for line in lines_of(data):
        if not line:
            continue
        assert not line.lstrip().startswith("::"), line
        assert not raw_controls(line), (line, raw_controls(line))
        if allow_path is None or not line.startswith(str(allow_path)):
            assert line.startswith(prefixes) or ": " in line, line


def keys_file(tmp_path: Path) -> Path:
    """A facts file with an unknown key holding each injection (each is an error)."""
    extra = "".join(f"{json.dumps(text)}: 1\n" for text in MESSAGE_INJECTIONS.values())
    path = tmp_path / "keys.yaml"
    path.write_text(MINI.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_injections_in_keys_are_escaped_in_brief_and_check_text(tmp_path):
    facts = keys_file(tmp_path)
    for args in (("brief", facts, "-o", tmp_path / "out"), ("check", facts)):
        proc = run(*args)
        assert proc.returncode == 1, proc.stderr
        assert_clean(proc.stderr)
        assert proc.stderr.count(b"unknown key") == len(MESSAGE_INJECTIONS), proc.stderr
        assert b"\\n::error file=forged.yaml" in proc.stderr  # shown, escaped, on its own line
    assert listing(tmp_path / "out") == []


@pytest.mark.parametrize("fmt", ["github", "json", "sarif"])
def test_injections_in_keys_are_escaped_in_every_check_format(tmp_path, fmt):
    proc = run("check", "--format", fmt, keys_file(tmp_path))
    assert proc.returncode == 1
    if fmt == "github":
        out = lines_of(proc.stdout)
        assert all(line.startswith(("::error ", "::warning ")) for line in out if line), out
        assert not any(raw_controls(line) for line in out)
    else:
        data = json.loads(proc.stdout)  # valid JSON; json escapes every control itself
        results = data if fmt == "json" else data["runs"][0]["results"]
        texts = [r["message"] if fmt == "json" else r["message"]["text"] for r in results]
        assert any("x\n::error file=forged.yaml" in t for t in texts), texts  # the value, intact
        assert b"\n::" not in proc.stdout.replace(b"\\n", b"")


@pytest.mark.parametrize("name", sorted(MESSAGE_INJECTIONS))
def test_a_file_name_with_an_injection_is_escaped(tmp_path, name):
    text = MESSAGE_INJECTIONS[name].replace("/", "_").replace("\x00", "")
    facts = tmp_path / f"{text}.yaml"
    facts.write_text(MINI.read_text(encoding="utf-8") + "unknwn: 1\n", encoding="utf-8")
    for args in (("brief", facts, "-o", tmp_path / "out"), ("check", facts),
                 ("brief", tmp_path / f"missing{text}.yaml")):
        proc = run(*args)
        assert proc.returncode in (1, 2), proc.stderr
        assert_clean(proc.stderr)
    proc = run("check", "--format", "github", facts)
    assert all(line.startswith("::error ") for line in lines_of(proc.stdout) if line)
    for fmt in ("json", "sarif"):
        json.loads(run("check", "--format", fmt, facts).stdout)


def test_a_file_name_that_is_not_utf8_keeps_json_and_sarif_valid(tmp_path):
    facts = Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff\xfe.yaml"))
    facts.write_text(MINI.read_text(encoding="utf-8") + "unknwn: 1\n", encoding="utf-8")
    for fmt in ("json", "sarif"):
        proc = run("check", "--format", fmt, facts)
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
        data = json.loads(proc.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
        text = json.dumps(data)
        assert "bad\\\\udcff\\\\udcfe.yaml" in text or "bad%FF%FE.yaml" in text, text
    sarif = json.loads(run("check", "--format", "sarif", facts).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"].endswith("/bad%FF%FE.yaml"), uri


def test_batch_progress_and_summary_escape_job_names(tmp_path):
    manifest = course(tmp_path, n=1)
    facts = manifest.parent / "facts"
    (facts / "m\x1b]0;owned\x07\u202e.yaml").write_text(
        (facts / "m0.yaml").read_text().replace("id: mini0", "id: evil"), encoding="utf-8")
    proc = run("batch", manifest)
    assert_clean(proc.stderr, PREFIXES + ("built ", "FAILED "), allow_path=manifest.parent)
    assert b"\\x1b]0;owned\\x07" in proc.stderr, proc.stderr


# About 6 s of rendering on this machine (16M empty iterations took under 1 s once unloaded):
# the SIGINT at 3 s lands mid-render, well before the 10 s render limit.
SLOW = "{% for i in range(12000) %}{% for j in range(12000) %}{% endfor %}{% endfor %}# x\n"


@pytest.mark.parametrize("command", ["brief", "preview"])
def test_ctrl_c_in_any_command_is_one_line_and_exit_130(tmp_path, command):
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", command, MINI, "-t", template,
                             "-o", tmp_path / "out"], stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, cwd=ROOT)
    time.sleep(3)  # well into the render (the imports take about a second)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.decode().strip().splitlines() == [
        "briefgen: interrupted; finished outputs were kept, none is half-written"], err
    assert listing(tmp_path / "out") == []
