"""The bundled facts, briefs and comparison, checked as a course would use them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, has
from pypdf import PdfReader

from briefgen.comparison.spec import load_spec
from briefgen.document.punctuation import titled
from briefgen.facts import load_facts
from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison

FACTS = sorted((ROOT / "facts").glob("*.yaml"))
SPEC = ROOT / "facts" / "comparisons" / "defence-clause.yaml"


def page_text(pdf: Path) -> str:
    return " ".join(PdfReader(pdf).pages[0].extract_text().split())


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_every_fact_has_a_resolvable_source_and_every_source_a_title_and_url(path):
    facts = load_facts(path)  # raises on unknown source ids
    model = facts.model
    for source in model.sources:
        assert source.title.strip() and source.url.startswith(("http://", "https://"))
    for key, fact in model.facts.items():
        cited = set(fact.sources) | {s for item in fact.items or [] for s in item.sources}
        assert cited, f"{path.name}: fact {key} cites nothing"
        for item in fact.items or []:
            assert item.sources or fact.sources, f"{path.name}: an item of {key} has no source"


def test_the_spec_names_facts_both_files_have():
    spec = load_spec(SPEC).spec
    csto, nato = load_facts(ROOT / "facts" / "csto.yaml"), load_facts(ROOT / "facts" / "nato.yaml")
    for row in spec.rows:
        assert row.fact in csto.model.facts and row.fact in nato.model.facts, row.label


@pytest.mark.parametrize("name", ["csto", "nato", "eu", "rio", "anzus"])
def test_bundled_brief_is_one_page_in_pdf_and_in_libreoffice(tmp_path, name, libreoffice):
    result = make_brief(ROOT / "facts" / f"{name}.yaml", output=tmp_path)
    pdf, docx = result.paths
    assert len(PdfReader(pdf).pages) == 1
    facts = load_facts(ROOT / "facts" / f"{name}.yaml").model.facts
    text = page_text(pdf)
    abbr = facts["abbreviation"].value if "abbreviation" in facts else None
    assert titled(facts["name"].value, abbr) in text  # the punctuation rule's title
    if "native_name" in facts:
        assert facts["native_name"].value in text  # Cyrillic end to end
    lo_pdf = libreoffice(docx.read_bytes(), f"{name}-brief")
    assert len(PdfReader(lo_pdf).pages) == 1, f"{name}: the DOCX is not one page in LibreOffice"


def test_csto_vs_nato_comparison_holds_every_cell(tmp_path, libreoffice):
    result = make_comparison([ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml"],
                             output=tmp_path)
    pdf, docx = result.paths
    assert pdf.name == "csto-vs-nato.pdf"
    assert len(PdfReader(pdf).pages) == 1
    assert PdfReader(pdf).metadata.title == (
        "Collective defence compared: CSTO Article 4 and NATO Article 5")
    text = page_text(pdf)
    spec = load_spec(SPEC).spec
    for row in spec.rows:
        assert row.label in text, f"row label {row.label!r} missing or broken mid-word"
        for org in ("csto", "nato"):
            value = load_facts(ROOT / "facts" / f"{org}.yaml").model.facts[row.fact].value
            assert " ".join(value.split()) in text, f"{org} {row.label}"
    assert len(PdfReader(libreoffice(docx.read_bytes(), "csto-vs-nato")).pages) == 1


def test_comparison_title_names_every_organisation_compared(tmp_path):
    """The bundled spec's title and lead fit three organisations as well as two."""
    from briefgen.comparison.table import spec_for

    paths = [ROOT / "facts" / f"{org}.yaml" for org in ("csto", "nato", "eu")]
    pdf = make_comparison(paths, formats=("pdf",), output=tmp_path).paths[0]
    title = "Collective defence compared: CSTO Article 4, NATO Article 5 and EU Article 42(7)"
    assert PdfReader(pdf).metadata.title == title
    assert title in page_text(pdf)
    assert "Both" not in page_text(pdf).split("Dimension")[0]  # the lead fits any number
    mini = load_facts(ROOT / "tests" / "data" / "mini.yaml")
    pact = load_facts(ROOT / "tests" / "data" / "pact.yaml")
    spec = spec_for(load_spec(SPEC).spec, [load_facts(paths[0]), mini, pact])
    assert spec.title == "Collective defence compared: CSTO Article 4, MTA and EPO"


@pytest.mark.skipif(not has("pdffonts"), reason="poppler-utils not installed")
def test_bundled_brief_embeds_every_font(tmp_path):
    pdf = make_brief(ROOT / "facts" / "csto.yaml", formats=("pdf",), output=tmp_path).paths[0]
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines)
