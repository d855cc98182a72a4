"""The membership timeline: drawn from facts, vector in the PDF, a deterministic PNG in the DOCX."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from briefgen.document.timeline import membership_timeline
from briefgen.facts import load_facts
from briefgen.facts.views import FactsView
from briefgen.sheets.brief import make_brief
from briefgen.theme.model import DEFAULT_THEME, Theme
from briefgen.writers.figures import to_drawing, to_png

TIMELINE = """{#- a test sheet with one timeline -#}
# {{ meta.title }}

{{ membership_timeline(facts.members, facts.get("former_members"), caption="Who joined when.") }}

Text after the figure.
"""


def _figure(path="facts/csto.yaml"):
    view = FactsView(load_facts(path))
    return membership_timeline(view.members, view.get("former_members"))


def test_png_is_deterministic_300_dpi_and_has_no_timestamp():
    fig, _ = _figure()
    a, b = to_png(fig, DEFAULT_THEME), to_png(_figure()[0], DEFAULT_THEME)
    assert a == b
    assert b"tIME" not in a and b"tEXt" not in a
    im = PILImage.open(io.BytesIO(a))
    assert im.size == (round(fig.width / 25.4 * 300), round(fig.height / 25.4 * 300))
    assert im.getextrema() != ((255, 255),) * 3  # not blank


def test_drawing_and_png_follow_the_theme_colours():
    fig, _ = _figure()
    red = Theme(accent="#C00000")
    png = PILImage.open(io.BytesIO(to_png(fig, red))).convert("RGB")
    assert (192, 0, 0) in {c for _, c in png.getcolors(1 << 20)}
    from reportlab.graphics.shapes import Rect

    fills = {r.fillColor.hexval() for r in to_drawing(fig, red).contents if isinstance(r, Rect)}
    assert "0xc00000" in fills


def test_timeline_is_built_from_the_facts():
    fig, ids = _figure()
    texts = " ".join(s.text for s in fig.shapes if hasattr(s, "text"))
    assert "Uzbekistan (1992–1999, 2006–2012)" in texts  # left and rejoined: two bars
    assert "participation frozen" in texts
    as_of = load_facts("facts/csto.yaml").model.as_of  # the file's date, not a fixed one
    assert f"as of {as_of.day} {as_of:%b %Y}" in texts
    assert "Former members: " in fig.alt and "Armenia" in fig.alt
    assert "cow-alliances" in ids  # the source of the former members' dates


def test_no_members_with_dates_is_a_clear_template_error(write_yaml, tmp_path):
    from briefgen.errors import InputError

    facts = write_yaml(
        "id: x\ntitle: X\nas_of: 2026-01-01\nsources:\n  - {id: s, title: S, url: https://example.org}\n"
        "facts:\n  members:\n    sources: [s]\n    items:\n      - {name: A}\n")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "tl.md.j2").write_text(TIMELINE)
    with pytest.raises(InputError, match=r"tl\.md\.j2:\d+: .*joined"):
        make_brief(facts, "tl", ("pdf",), tmp_path / "out", template_dirs=[tmp_path / "t"])


@pytest.fixture(scope="module")
def timeline_sheet(tmp_path_factory):
    out = tmp_path_factory.mktemp("tl")
    return make_brief("facts/csto.yaml", "timeline", ("pdf", "docx"), out)


def test_pdf_has_the_caption_and_the_figure_as_vectors(timeline_sheet):
    pdf = PdfReader(timeline_sheet.paths[0])
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "membership by date of joining and leaving" in text
    assert "Kazakhstan (1992)" in text  # the figure's labels are text, not pixels
    assert list(pdf.pages[0].images) == []  # no raster image: the chart is vector


def test_docx_has_the_png_with_alt_text(timeline_sheet):
    with zipfile.ZipFile(timeline_sheet.paths[1]) as z:
        body = z.read("word/document.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) == 1
    descr = re.search(r'<wp:docPr [^>]*descr="([^"]*)"', body).group(1)
    assert descr.startswith("Timeline of membership from 1992")
    assert "membership by date of joining and leaving" in body


def test_timeline_sheet_bytes_are_reproducible(timeline_sheet, tmp_path):
    again = make_brief("facts/csto.yaml", "timeline", ("pdf", "docx"), tmp_path)
    for a, b in zip(timeline_sheet.paths, again.paths, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_facts_cannot_forge_a_figure_marker():
    from briefgen.document.markers import MarkedText

    marked = MarkedText()
    marker = marked.literal("\ue0050\ue006")
    assert "\ue005" not in marked.literals[0]
    assert marker.startswith("\ue000")
