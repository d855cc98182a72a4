"""The one-page fit: scale 1.0 when it fits, smaller type when it must, a clear error past the floor."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from briefgen.document.model import (
    Box,
    Cell,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    SourcesList,
    Table,
)
from briefgen.errors import PageOverflowError
from briefgen.sheets import overflow as layout
from briefgen.sheets.overflow import explain, measure_parts
from briefgen.theme.model import PageSetup, Theme
from briefgen.writers import get_format
from briefgen.writers.pdf.fit import Fitted, fit, scale_steps

WORDS = ("The organisation's council decides by consensus and members may request "
         "collective help under the treaty's fourth article. ")


def para(text: str) -> Paragraph:
    """A plain paragraph."""
    return Paragraph([Run(text)])


def section(title: str, paragraphs: int, sentences: int = 4) -> list:
    """A level-2 heading followed by ``paragraphs`` paragraphs of filler."""
    return [Heading(2, [Run(title)])] + [para(WORDS * sentences) for _ in range(paragraphs)]


def make_doc(blocks: list) -> Document:
    """A brief with a title and the given body."""
    return Document(title="Fit test", blocks=blocks, sources={}, as_of=dt.date(2026, 11, 22),
                    header="Header", footer="Footer")


def pages_of(pdf: bytes) -> int:
    """Page count as pypdf reads it."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


SHORT = section("Overview", 2)
MEDIUM = section("Overview", 6) + section("Membership", 5) + section("Record", 4)
HUGE = section("Overview", 4) + section("Membership", 30) + section("Record", 5)


def test_short_doc_fits_at_full_size_with_one_build(monkeypatch):
    from briefgen.writers.pdf import document as pdf

    calls = []
    real = pdf.build_pdf

    def counting(*args, **kw):
        calls.append(args[3] if len(args) > 3 else kw.get("scale", 1.0))
        return real(*args, **kw)

    monkeypatch.setattr(pdf, "build_pdf", counting)
    fitted = fit(make_doc(SHORT), PageSetup(), Theme())
    assert fitted.scale == 1.0 and fitted.pages == 1 and pages_of(fitted.pdf) == 1
    assert calls == [1.0]
    assert 0.1 < fitted.fill < 0.6


def test_medium_doc_shrinks_to_one_page():
    doc = make_doc(MEDIUM)
    theme = Theme()
    warnings: list[str] = []
    fitted = fit(doc, PageSetup(), theme, warnings)
    assert theme.min_scale <= fitted.scale < 1.0
    assert fitted.pages == 1 and pages_of(fitted.pdf) == 1
    assert warnings == []
    # the largest fitting step was chosen: one step up does not fit
    steps = [1.0, *scale_steps(theme)]
    bigger = steps[steps.index(fitted.scale) - 1]
    from briefgen.writers.pdf.document import build_pdf

    assert build_pdf(doc, PageSetup(), theme, bigger).pages > 1


def test_huge_doc_raises_naming_largest_section():
    with pytest.raises(PageOverflowError) as info:
        fit(make_doc(HUGE), PageSetup(), Theme())
    bare = info.value  # the layout's numbers; the sheet words them
    assert bare.scale == 0.8 and bare.used > bare.capacity > 0 and "section" not in str(bare)
    explained = explain(bare, make_doc(HUGE), PageSetup(), Theme())
    msg = str(explained)
    assert explained.exit_code == 3 and explained.builds == bare.builds
    assert 'the section "Membership"' in msg
    assert " mm (" in msg and "% of the page" in msg


def test_allow_overflow_keeps_full_size():
    fitted = fit(make_doc(HUGE), PageSetup(allow_overflow=True), Theme())
    assert fitted.scale == 1.0 and fitted.pages > 1 and pages_of(fitted.pdf) == fitted.pages


def test_two_pages_allowed():
    fitted = fit(make_doc(MEDIUM), PageSetup(pages=2), Theme())
    assert fitted.scale == 1.0 and fitted.pages == 2


def test_scale_steps_and_headroom():
    assert scale_steps(Theme()) == [0.95, 0.9, 0.85, 0.8]
    assert scale_steps(Theme(min_scale=0.88)) == [0.95, 0.9, 0.88]
    assert scale_steps(Theme(min_scale=1.0)) == []
    docx_scale = get_format("docx").scale_for
    assert docx_scale(Fitted(1.0, b"", 1, fill=0.7), Theme()) == 1.0
    docx_scale = get_format("docx").scale_for
    assert docx_scale(Fitted(1.0, b"", 1, fill=0.97), Theme()) == pytest.approx(0.96)
    assert docx_scale(Fitted(0.9, b"", 1, fill=0.95), Theme()) == pytest.approx(0.86)
    assert docx_scale(Fitted(0.8, b"", 1, fill=0.99), Theme()) == 0.8


def test_parts_name_boxes_and_tables():
    blocks = [
        Box("keyfacts", [Run("Key facts")], [para("x")]),
        Table([[Cell([Run("Year")]), Cell([Run("Event")])]], [[Cell([Run("1")]), Cell([])]]),
        ListBlock([[para("item")]]),
        *section("Membership", 2),
        SourcesList(),
    ]
    labels = [label for label, _ in measure_parts(make_doc(blocks), PageSetup(), Theme())]
    assert labels == ['the key-facts box "Key facts"', 'the table "Year | Event"', "a list",
                      'the section "Membership"', "the sources list"]
    assert layout.describe(Box("note", None, [])) == "the note box"
