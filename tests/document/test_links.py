"""The one link allow-list (http, https, mailto), whatever path a link takes to a handout.

Paths: a fact value pasted into a template's link, a link the template writes
itself, a source's ``url:``. What a handout carries is read back from the PDF
(pypdf: every ``/URI`` action) and the DOCX (every external relationship), and
each refused link is a warning on stderr naming the facts file and line (or the
template). Cases live in ``tests/hostile_cases.py``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hardening import cli, listing
from hostile_cases import LINK_TARGETS, SOURCE_URLS, TEMPLATE_LINKS
from lxml import etree
from pypdf import PdfReader

HEAD = """\
id: links
title: Links
as_of: 2026-11-01
sources:
  - id: s1
    title: A source
    url: https://example.org/s1
"""


def pdf_uris(path: Path) -> list[str]:
    """Every ``/URI`` of every link annotation in the PDF."""
    out = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                out.append(str(action["/URI"]))
    return out


def docx_targets(path: Path) -> list[str]:
    """Every external relationship target (hyperlinks) of the DOCX."""
    with zipfile.ZipFile(path) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    return [r.get("Target") for r in rels if r.get("TargetMode") == "External"]


def course_of(tmp_path: Path, targets: dict, template_links: dict, sources: dict):
    """(facts file, template, {case: facts line}) holding every case given."""
    lines = HEAD.rstrip("\n").split("\n")
    for i, (name, (url, *_)) in enumerate(sources.items()):
        lines += [f"  - id: src{i}", f"    title: {name}", f"    url: {json.dumps(url)}"]
    lines.append("facts:")
    where = {}
    cited = ", ".join(["s1", *(f"src{i}" for i in range(len(sources)))])
    lines += ["  cite_all:", "    value: Cited.", f"    sources: [{cited}]"]
    for i, (name, (value, _)) in enumerate(targets.items()):
        lines += [f"  l{i}:", f"    value: {json.dumps(value)}", "    sources: [s1]"]
        where[name] = len(lines) - 1
    facts = tmp_path / "links.yaml"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = "".join(f"[fact link {i}]({{{{ facts.l{i}.value }}}})\n\n" for i in range(len(targets)))
    body += "".join(f"[template link {i}]({t})\n\n"
                    for i, (t, _) in enumerate(template_links.values()))
    template = tmp_path / "links.md.j2"
    template.write_text("# Links\n\n{{ facts.cite_all }}\n\n" + body + "::: sources\n:::\n",
                        encoding="utf-8")
    return facts, template, where


def build(tmp_path, targets=LINK_TARGETS, template_links=TEMPLATE_LINKS, sources=SOURCE_URLS,
          *extra):
    facts, template, where = course_of(tmp_path, targets, template_links, sources)
    out = tmp_path / "out"
    run = cli("brief", facts, "-t", template, "-o", out, "--allow-overflow", *extra)
    return run, facts, template, where, out


def test_every_path_of_a_link_passes_one_allow_list(tmp_path):
    run, facts, template, where, out = build(tmp_path)
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert listing(out) == ["links-links.docx", "links-links.pdf"]
    allowed = {u for _, u in LINK_TARGETS.values() if u} | {u for _, u in TEMPLATE_LINKS.values() if u}
    allowed |= {u for _, u, _ in SOURCE_URLS.values() if u} | {"https://example.org/s1"}
    for uris in (pdf_uris(out / "links-links.pdf"), docx_targets(out / "links-links.docx")):
        assert set(uris) == allowed, set(uris) ^ allowed
        assert all(u.split(":", 1)[0].lower() in ("http", "https", "mailto") for u in uris)
    for name, (_, uri) in LINK_TARGETS.items():
        if uri is None or name == "mixed-script-host":  # refused, or a look-alike: file:line
            assert f"warning: {facts}:{where[name]}: " in run.stderr, (name, run.stderr)
    for _ in TEMPLATE_LINKS:
        assert f"warning: {template}: link target" in run.stderr
    for name, (_, _, code) in SOURCE_URLS.items():
        assert f"source 'src{list(SOURCE_URLS).index(name)}'" in run.stderr or code == "BG180"
    assert "sources[2].url' holds U+202E" in run.stderr or "sources[4].url' holds U+202E" in run.stderr
    for line in run.stderr.splitlines():  # one line per warning, nothing raw
        assert line.startswith(("warning: ", "briefgen: ")), line
        assert "\x1b" not in line and "\u202e" not in line


def test_strict_refuses_a_handout_with_a_refused_link_and_writes_nothing(tmp_path):
    run, *_, out = build(tmp_path, {"javascript": LINK_TARGETS["javascript"]}, {}, {}, "--strict")
    assert run.code == 1, run.stderr
    assert "javascript:" in run.stderr and "Traceback" not in run.stderr
    assert listing(out) == []


def test_check_and_brief_report_the_same_source_url_warnings(tmp_path):
    facts, _, _ = course_of(tmp_path, {}, {}, SOURCE_URLS)
    check = cli("check", "--format", "json", facts)
    codes = sorted(p["code"] for p in json.loads(check.stdout) if p["code"] in ("BG180", "BG181", "BG182"))
    assert codes == ["BG180", "BG181", "BG182"], check.stdout
    assert cli("check", "--strict", facts).code == 1


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LINK_TARGETS))
def test_each_link_target_alone(tmp_path, name):
    run, facts, _, where, out = build(tmp_path, {name: LINK_TARGETS[name]}, {}, {})
    expected = LINK_TARGETS[name][1]
    assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
    wanted = {"https://example.org/s1"} | ({expected} if expected else set())
    assert set(pdf_uris(out / "links-links.pdf")) == wanted
    assert set(docx_targets(out / "links-links.docx")) == wanted
    if expected is None:
        assert f"{facts}:{where[name]}: link target" in run.stderr


@pytest.mark.parametrize("name", sorted(LINK_TARGETS))
def test_the_allow_list_decides_each_case(name):
    from briefgen.document.links import allowed_link, check_link
    from briefgen.printable import clean_text

    value, expected = LINK_TARGETS[name]
    value = clean_text(value)[0]  # as a fact value reaches the tree
    assert allowed_link(value) == expected
    verdict = check_link(value)
    assert (verdict.problem is None) == (expected is not None and name != "mixed-script-host")
