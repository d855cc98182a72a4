"""Round three of the hostile campaign (issue 27): inputs and environments that crashed.

Each class runs through the real CLI (``python -m briefgen``) and is judged as
docs/robustness.md says: the exit code, one clear stderr line naming the file
(and line), no traceback, nothing written outside the output folder. Cases
live in ``tests/hostile_cases.py``; every case of a table runs in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hardening import MINI, ROOT, assert_refused, cli, course, listing
from hostile_cases import BAD_TZ, MANIFEST_OUTPUTS, STATE_FILES, TEMPLATE_MEMORY, UNPRINTABLE
from pypdf import PdfReader

# ---- 8: the manifest's output pattern ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MANIFEST_OUTPUTS))
def test_an_output_pattern_substitutes_only_the_documented_names(tmp_path, name):
    manifest = course(tmp_path, n=1)
    text = manifest.read_text().replace("output: '{stem}'",
                                        f"output: {json.dumps(MANIFEST_OUTPUTS[name])}")
    manifest.write_text(text)
    run = cli("batch", manifest)
    assert_refused(run, f"{manifest}:5: output '", "use {stem} (facts file name) or {template}",
                   out=manifest.parent / "out")
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_braces_can_still_be_written_and_names_filled(tmp_path):
    from briefgen.course.manifest import fill_placeholders

    assert fill_placeholders("{stem}-{template}", {"stem": "a", "template": "b"}) == "a-b"
    assert fill_placeholders("{{stem}}", {"stem": "a"}) == "{stem}"


# ---- 9: the batch state file ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(STATE_FILES))
def test_a_state_file_of_any_shape_is_ignored_and_replaced(tmp_path, name):
    manifest = course(tmp_path, n=1)
    out = manifest.parent / "out"
    out.mkdir()
    state = out / ".briefgen-state.json"
    if name == "not-utf8":
        state.write_bytes(b"\xff\xfe{")
    else:
        state.write_text(STATE_FILES[name], encoding="utf-8")
    run = cli("batch", manifest)
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "built 1, skipped 0, failed 0" in run.stderr
    data = json.loads(state.read_text(encoding="utf-8"))
    assert set(data["jobs"]) == {"m0"} and data["jobs"]["m0"]["outputs"]["m0.pdf"]


# ---- 11: closed stdout or stderr ------------------------------------------------------------


@pytest.mark.parametrize("closed", [(1,), (2,), (1, 2)], ids=["stdout", "stderr", "both"])
@pytest.mark.parametrize("command", ["batch", "brief", "check"])
def test_a_closed_stdout_or_stderr_is_not_a_crash(tmp_path, closed, command):
    manifest = course(tmp_path, n=1)
    args = {"batch": [manifest], "brief": [MINI, "-o", tmp_path / "b"], "check": [MINI]}[command]

    def close():
        for fd in closed:
            os.close(fd)

    proc = subprocess.run([sys.executable, "-m", "briefgen", command, *map(str, args)],
                          preexec_fn=close, stdin=subprocess.DEVNULL, timeout=300,
                          stdout=subprocess.PIPE if 1 not in closed else None,
                          stderr=subprocess.PIPE if 2 not in closed else None)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in (proc.stderr or b"")
    written = {"batch": manifest.parent / "out" / "m0.pdf", "brief": tmp_path / "b" / "mini-brief.pdf"}
    if command in written:
        assert written[command].is_file()


# ---- 12: logos Pillow accepts and python-docx refuses ----------------------------------------


def _logos(folder: Path) -> dict[str, Path]:
    from PIL import Image

    out = {}
    im = Image.new("CMYK", (60, 30), (0, 255, 255, 0))  # red in CMYK, with an Adobe marker
    im.save(out.setdefault("cmyk-jpeg", folder / "cmyk.jpg"), "JPEG")
    rgb = Image.new("RGB", (60, 30), (200, 0, 0))
    exif = Image.Exif()
    exif[0x011A], exif[0x011B], exif[0x0128] = 0, 0, 2  # X/YResolution 0/0, inches
    rgb.save(out.setdefault("exif-resolution-zero", folder / "exif0.jpg"), "JPEG",
             exif=exif.tobytes())
    Image.new("I;16", (60, 30), 40000).save(out.setdefault("png-16-bit-grey", folder / "g16.png"))
    Image.new("LA", (60, 30), (128, 200)).save(out.setdefault("png-grey-alpha", folder / "la.png"))
    return out


def test_logos_pillow_accepts_are_normalised_once_for_both_writers(tmp_path):
    for name, logo in _logos(tmp_path).items():
        theme = tmp_path / f"{name}.theme.yaml"
        theme.write_text(f"logo: {logo.name}\n", encoding="utf-8")
        out = tmp_path / f"out-{name}"
        run = cli("brief", MINI, "--theme", theme, "-o", out)
        assert run.code == 0, (name, run.stderr)
        assert listing(out) == ["mini-brief.docx", "mini-brief.pdf"], name
        with zipfile.ZipFile(out / "mini-brief.docx") as z:
            media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media, name
        page = PdfReader(out / "mini-brief.pdf").pages[0]
        assert list(page.images), name


# ---- 13: a TZ that is not a zone -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_TZ))
def test_a_tz_naming_a_file_that_is_not_a_zoneinfo_file(tmp_path, name):
    value = BAD_TZ[name]
    if value == "EMPTY":
        value = str(tmp_path / "empty")
        Path(value).write_bytes(b"")
    out = tmp_path / "out"
    run = cli("brief", MINI, "-o", out, "-f", "pdf", env={"TZ": value})
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == (f"warning: TZ={value} is not a zoneinfo file; using the "
                                  "system's time zone")
    assert listing(out) == ["mini-brief.pdf"]


# ---- 15: a template that runs out of memory --------------------------------------------------


@pytest.mark.parametrize("name", sorted(TEMPLATE_MEMORY))
def test_a_template_asking_for_too_much_memory_names_its_line(tmp_path, name):
    template = tmp_path / "greedy.md.j2"
    template.write_text(f"# Title\n\n{TEMPLATE_MEMORY[name]}\n", encoding="utf-8")
    run = cli("brief", MINI, "-t", template, "-o", tmp_path / "out", timeout=120)
    assert_refused(run, f"{template}:3: ", out=tmp_path / "out")
    assert "template error: \n" not in run.stderr and not run.stderr.rstrip().endswith(":")
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


# ---- 16: left from the earlier campaign ------------------------------------------------------


def test_a_20000_character_fact_is_refused_without_reportlab_internals(tmp_path):
    facts = tmp_path / "long.yaml"
    facts.write_text(MINI.read_text().replace("value: Testville", "value: " + "x" * 20_000))
    run = cli("brief", facts, "-o", tmp_path / "out")
    assert_refused(run, "does not fit on 1 page", code=3, out=tmp_path / "out")
    assert "<" not in run.stderr and "object at 0x" not in run.stderr, run.stderr


@pytest.mark.parametrize("url", ["https://example.org/a\\x01b", "https://example.org/a\\x7fb",
                                 "https://example.org/a\\u0085b"])
@pytest.mark.parametrize("command", ["brief", "compare", "check"])
def test_a_control_character_in_a_source_url_is_never_an_internal_error(tmp_path, url, command):
    facts = tmp_path / "c.yaml"
    facts.write_text(MINI.read_text().replace("url: https://example.org/mta/about",
                                              f'url: "{url}"'))
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text().replace("id: mini", "id: other"))
    args = {"brief": [facts, "-o", tmp_path / "out"], "check": [facts],
            "compare": [facts, other, "--spec", ROOT / "tests" / "data" / "spec.yaml", "-o",
                        tmp_path / "out"]}[command]
    run = cli(command, *args)
    assert run.code in (0, 1), run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert f"{facts}:17: " in run.stderr, run.stderr  # the url's line, as a warning or an error


def _manifest_of(folder: Path, n: int) -> Path:
    (folder / "facts").mkdir(parents=True, exist_ok=True)
    (folder / "facts" / "m.yaml").write_text(MINI.read_text())
    manifest = folder / "big.yaml"
    manifest.write_text("jobs:\n" + "".join(f"  - facts: facts/m.yaml\n    output: j{i}\n"
                                            for i in range(n)))
    return manifest


def test_a_manifest_of_2000_jobs_is_read(tmp_path):
    run = cli("check", _manifest_of(tmp_path, 2000))
    assert run.code == 0, run.stderr
    assert "2000 jobs" in run.stderr


@pytest.mark.slow
def test_a_manifest_of_10000_jobs_is_read_in_memory_that_grows_with_the_jobs(tmp_path):
    from briefgen.course.manifest import load_manifest

    peaks = {}
    for n in (1000, 10_000):
        manifest = _manifest_of(tmp_path / str(n), n)
        tracemalloc.start()
        loaded = load_manifest(manifest)
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(loaded.jobs) == n
    assert peaks[10_000] < 200e6, peaks  # measured: about 27 MB
    assert peaks[10_000] < 15 * peaks[1000], peaks  # each job's cost bounded: linear, not worse
    run = cli("check", tmp_path / "10000" / "big.yaml", cwd=ROOT)
    assert run.code == 0 and "10000 jobs" in run.stderr, run.stderr


# ---- also: the facts file's author --------------------------------------------------------


def test_the_facts_author_reaches_pdf_and_docx_metadata(tmp_path):
    facts = tmp_path / "a.yaml"
    facts.write_text(MINI.read_text().replace("language: en\n",
                                              "language: en\nauthor: Jane Q. Curator\n"))
    out = tmp_path / "out"
    run = cli("brief", facts, "-o", out)
    assert run.code == 0, run.stderr
    assert PdfReader(out / "mini-brief.pdf").metadata.author == "Jane Q. Curator"
    from docx import Document

    assert Document(str(out / "mini-brief.docx")).core_properties.author == "Jane Q. Curator"
    pdfinfo = subprocess.run(["pdfinfo", str(out / "mini-brief.pdf")], capture_output=True,
                             text=True)
    if pdfinfo.returncode == 0:
        assert "Jane Q. Curator" in pdfinfo.stdout


def _yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character outside ASCII escaped."""
    out = []
    for c in text:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= code < 0x7f:
            out.append(c)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@pytest.mark.parametrize("name", sorted(UNPRINTABLE))
def test_one_rule_removes_unprintable_characters_from_every_printed_string(tmp_path, name):
    text, printed = UNPRINTABLE[name]
    value = _yaml_quoted(f"Alpha {text} omega")
    facts = tmp_path / "u.yaml"
    facts.write_text(MINI.read_text(encoding="utf-8")
                     .replace("title: About the MTA", f"title: {value}")
                     .replace("value: Testville", f"value: {value}")
                     .replace("{name: Alphaland, joined: 1992-05-15}",
                              f"{{name: {value}, joined: 1992-05-15}}"), encoding="utf-8")
    out = tmp_path / "out"
    run = cli("brief", facts, "-o", out)
    assert run.code == 0, run.stderr
    for line in (15, 41, 48):  # the source title, the fact value, the item's name
        assert f"warning: {facts}:{line}: " in run.stderr, (line, run.stderr)
    assert run.stderr.count("(control, bidi or invisible characters)") == 3, run.stderr
    pdf = "".join(page.extract_text() for page in PdfReader(out / "mini-brief.pdf").pages)
    from docx import Document

    docx = "\n".join(p.text for p in Document(str(out / "mini-brief.docx")).paragraphs)
    for where in (pdf, docx):
        assert f"Alpha {printed} omega" in where.replace("\n", " "), where
        assert not (set(text) - set(printed)) & set(where)
    check = cli("check", "--format", "json", facts)
    assert [p["line"] for p in json.loads(check.stdout) if p["code"] == "BG180"] == [15, 41, 48]
    assert cli("check", "--strict", facts).code == 1
    assert cli("brief", facts, "--strict", "-o", tmp_path / "strict").code == 1
