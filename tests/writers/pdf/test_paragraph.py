"""Line breaking once per width: a paragraph wrapped again keeps its words as written.

reportlab's hyphenating line breaker changes a paragraph's fragments as it
runs, so breaking the same paragraph a second time could drop the hyphen of a
compound it had split there ("государстве-члене" printed as "государствечле-не").
Every bundled sheet is read back with poppler's ``pdftotext -raw`` (its default
mode joins hyphenated line ends itself): each hyphenated compound of the facts
that the sheet prints keeps its hyphen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bundled_sheets import PAPERS, SHEETS

from briefgen.writers.pdf.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[3]
COMPOUND = re.compile(r"\b([^\W\d_]{2,})-([^\W\d_]{2,})\b")


URL = re.compile(r"\bhttps?://\S+")


def _compounds() -> set[tuple[str, str]]:
    """Hyphenated words of the facts' text; a URL's words are not printed as such (a sheet
    prints a short address), so "north-atlantic-council" in a link is no compound."""
    found = set()
    for path in (ROOT / "facts").glob("*.yaml"):
        found |= set(COMPOUND.findall(URL.sub(" ", path.read_text(encoding="utf-8"))))
    return found


def _loose(word: str) -> str:
    """``word`` with a line-break hyphen allowed between any two letters."""
    return "-?".join(re.escape(c) for c in word)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("sheet", sorted(SHEETS))
def test_printed_compounds_keep_their_hyphen(bundled_pdfs, sheet, paper):
    pdf = next(p for p in bundled_pdfs[(sheet, paper)].paths if p.suffix == ".pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"-\n", "-", text).replace("\n", " ")
    bare = text.replace("-", "")
    checked = 0
    for left, right in _compounds():
        if not re.search(rf"\b{left}{right}\b", bare):
            continue  # not printed on this sheet (or not as one phrase)
        checked += 1
        assert re.search(rf"\b{_loose(left)}-{_loose(right)}\b", text), \
            f"{left}-{right} lost its hyphen"
    if sheet == "csto.ru-brief":
        assert checked >= 2  # государстве-члене, информационно-правовая …


def test_a_second_wrap_at_the_same_width_reuses_the_line_breaks():
    from reportlab.lib.styles import ParagraphStyle

    p = Paragraph("Государства-члены обязуются " * 20, ParagraphStyle("t", fontSize=10))
    first = p.wrap(200, 1000)
    lines = p.blPara
    assert p.wrap(200, 5) == first and p.blPara is lines  # the height offered changes nothing
    narrower = p.wrap(120, 1000)
    assert narrower[1] > first[1] and p.blPara is not lines


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
@pytest.mark.parametrize("paper", PAPERS)
def test_a_russian_sheet_breaks_its_title_and_headings_between_words(tmp_path, paper):
    """Body text is hyphenated in Russian; a title or heading split mid-word reads badly.

    A logo narrows the title's line: without it the bundled title fits whole anyway.
    """
    from PIL import Image

    from briefgen.sheets.brief import make_brief
    from briefgen.theme.loader import load_theme
    from briefgen.theme.model import PageSetup

    Image.new("RGB", (600, 240), "#7A1F3D").save(tmp_path / "logo.png")
    (tmp_path / "t.theme.yaml").write_text("logo: logo.png\n", encoding="utf-8")
    theme = load_theme(tmp_path / "t.theme.yaml")[0]
    result = make_brief(ROOT / "facts" / "csto.ru.yaml", "brief", output=tmp_path / "out",
                        setup=PageSetup(size=paper), theme=theme)
    pdf = next(p for p in result.paths if p.suffix == ".pdf")
    tree = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    headings = re.findall(r'(?m)^\s*H\d \(block\)\n\s*"(.*)"', tree)
    assert headings and "безопасности" in headings[0]  # the title, whole
    written = (ROOT / "facts" / "csto.ru.yaml").read_text(encoding="utf-8")
    for heading in headings:
        assert "\u00ad" not in heading
        for word in re.findall(r"\w+(?:-\s*\w+)+", heading):  # a hyphen the facts do not have
            assert word in written, f"{heading!r}: {word!r} split at a line end"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
@pytest.mark.parametrize("paper", PAPERS)
def test_a_hyphen_added_at_a_line_end_is_not_text(bundled_pdfs, paper):
    """The breaker's hyphen is drawn as a soft hyphen (U+00AD, ISO 32000-1 14.8.2.2.3), so
    poppler (as a screen reader or a copy would) reads "Об\u00ad" + "ращения", one word, never
    a text hyphen "Об-"; a compound keeps its own hyphen."""
    pdf = next(p for p in bundled_pdfs[("csto.ru-brief", paper)].paths if p.suffix == ".pdf")
    lines = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    written = (ROOT / "facts" / "csto.ru.yaml").read_text(encoding="utf-8")
    joined = hyphen_shown = 0
    for line, following in zip(lines, lines[1:], strict=False):
        head = re.search(r"(\w+)([-\u00ad]?)$", line)
        tail = re.match(r"\w+", following)
        if not head or not tail:
            continue
        whole, compound = head.group(1) + tail.group(0), f"{head.group(1)}-{tail.group(0)}"
        if re.search(rf"\b{whole}\b", written) and not re.search(rf"\b{compound}\b", written):
            assert head.group(2) != "-", f"{line[-20:]!r} / {following[:20]!r}: the added hyphen is text"
            joined += 1
        elif head.group(2) == "-" and re.search(rf"\b{compound}\b", written):
            hyphen_shown += 1  # a compound's own hyphen at a line end stays
    assert joined >= 3
