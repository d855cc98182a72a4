"""Every source of every printed claim is printed: each bundled sheet, PDF (pypdf) and DOCX.

A claim is a fact or a list item a template of the sheet reads whose text is on
the page; its sources are the item's own, else the fact's. Each of them must be
in the printed Sources list (found by its title), so no claim loses a source.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.bundled import templates_dir
from briefgen.comparison.spec import load_spec
from briefgen.facts import load_facts
from briefgen.sheets.comparison import make_comparison
from briefgen.sheets.inputs import default_spec_path
from briefgen.sheets.preflight import spec_keys
from briefgen.templating.reads import analyse_template

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "facts"
TITLES = {"name", "abbreviation"}
"""Printed as the sheet's title (``facts.name.value``): a heading naming the subject, not a claim."""


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def texts(paths: list[Path]) -> dict[str, str]:
    out = {}
    for path in paths:
        if path.suffix == ".pdf":
            out["pdf"] = norm(" ".join(p.extract_text() or "" for p in PdfReader(path).pages))
        else:
            d = docx.Document(str(path))
            parts = [p.text for p in d.paragraphs]
            parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
            out["docx"] = norm(" ".join(parts))
    return out


def on_page(text: str, value: str | None, length: int = 30) -> bool:
    return bool(value) and norm(value)[:length] in text


def printed_claims(facts, keys: set[str], text: str):
    """(claim, source ids) for each fact or item of ``keys`` whose text is on the page."""
    for key in sorted((keys - TITLES) & set(facts.model.facts)):
        fact = facts.model.facts[key]
        if fact.value is not None and on_page(text, fact.value):
            yield key, fact.sources
        for n, item in enumerate(fact.items or []):
            body = item.field("outcome") or item.text
            name_ok = item.name is None or (len(item.name) >= 4 and on_page(text, item.name, 60))
            if name_ok and (body is None or on_page(text, body, 25)) and (item.name or body):
                yield f"{key}[{n + 1}]", item.sources or fact.sources


def assert_sources_printed(files, keys: set[str], paths: list[Path]) -> None:
    for fmt, text in texts(paths).items():
        claims = 0
        for facts in files:
            for claim, ids in printed_claims(facts, keys, text):
                claims += 1
                for sid in ids:
                    title = norm(facts.source(sid).title)[:40]
                    assert title in text, f"{fmt}: {facts.id} {claim} cites {sid}, not printed"
        assert claims >= 3, f"{fmt}: too few claims found on the page to mean anything"


@pytest.mark.parametrize(("name", "template"), [
    ("csto", "brief"), ("rio", "brief"),
    ("nato", "brief"), ("eu", "brief"), ("anzus", "brief"),
    ("csto", "timeline"), ("nato", "timeline"),
])
def test_every_source_of_a_printed_claim_is_printed(tmp_path, name, template):
    from briefgen.sheets.brief import make_brief

    facts = load_facts(FACTS / f"{name}.yaml")
    result = make_brief(facts.path, template, output=tmp_path)
    keys = analyse_template(f"{template}.md.j2", [templates_dir()]).used_keys()
    assert_sources_printed([facts], keys, result.paths)


def test_every_source_of_a_compared_claim_is_printed(tmp_path):
    files = [load_facts(FACTS / f"{n}.yaml") for n in ("csto", "nato", "eu")]
    result = make_comparison([f.path for f in files], output=tmp_path)
    keys = spec_keys(load_spec(default_spec_path()))
    assert_sources_printed(files, keys, result.paths)
