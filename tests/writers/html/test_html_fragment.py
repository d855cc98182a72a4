"""The ``lms`` fragment: what Canvas's sanitizer keeps, nothing more, and headings from h2.

The allow-list (:mod:`briefgen.writers.html.canvas`) is the one read from
canvas-lms; ``nh3`` (Rust's ammonia, an HTML5 parser and sanitizer) applies it,
and the fragment must come out byte for byte as it went in.
"""

from __future__ import annotations

import re

import nh3
import pytest
from bundled_sheets import SHEETS
from lxml import html as lhtml

from briefgen.writers.html import canvas

NAMES = sorted(SHEETS)


def sanitize(fragment: str) -> str:
    """``fragment`` through the Canvas allow-list, as an LMS editor would save it."""
    attributes = {tag: set(attrs) for tag, attrs in canvas.ATTRIBUTES.items()}
    attributes["*"] = set(canvas.GLOBAL_ATTRIBUTES)
    return nh3.clean(fragment, tags=set(canvas.ELEMENTS), attributes=attributes,
                     url_schemes=set(canvas.URL_SCHEMES), link_rel=None, strip_comments=True,
                     filter_style_properties=set(canvas.STYLE_PROPERTIES))


def test_the_check_itself_removes_what_canvas_removes():
    """The sanitizer drops a style element, a section, an SVG, a data: image and a font-weight."""
    dirty = ('<section><style>p{}</style><p style="font-weight:bold;color:#000">x</p>'
             '<svg><title>t</title></svg><img src="data:image/png;base64,AA" alt="a"></section>')
    assert sanitize(dirty) == '<p style="color:#000">x</p><img alt="a">'


@pytest.mark.parametrize("name", NAMES)
def test_fragment_survives_the_canvas_allow_list_unchanged(html_sheets, name):
    """Every bundled sheet's fragment is exactly what Canvas would keep."""
    fragment = html_sheets[name]["lms"].decode("utf-8")
    assert sanitize(fragment) == fragment


@pytest.mark.parametrize("name", NAMES)
def test_fragment_headings_start_at_h2_and_never_skip(html_sheets, name):
    """The LMS page's title is its h1: the sheet's title is an h2, and no level is skipped."""
    root = lhtml.fragment_fromstring(html_sheets[name]["lms"].decode("utf-8"))
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 2, levels
    assert 1 not in levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels
    assert root.get("lang") == ("ru" if name.startswith("csto.ru") else "en")



@pytest.mark.parametrize("name", ["csto-timeline", "nato-timeline"])
def test_timeline_fragment_is_a_table(html_sheets, name):
    """The chart's data: one row per state with its years, th scope=row, a caption."""
    fragment = html_sheets[name]["lms"].decode("utf-8")
    assert "<svg" not in fragment and "<img" not in fragment
    root = lhtml.fragment_fromstring(fragment)
    table = root.xpath("//table[.//th[@scope='col'][.='State']]")[0]
    assert table.find("caption").text_content().strip()
    rows = table.xpath("./tbody/tr")
    assert all(r[0].tag == "th" and r[0].get("scope") == "row" for r in rows)
    states = [r[0].text_content() for r in rows]
    assert any(("Russia" if name == "csto-timeline" else "United States") in s for s in states)
    page = html_sheets[name]["html"].decode("utf-8")
    assert page.count("<svg") == 1 and "<desc id=" in page  # the page draws it, and offers the table
    assert re.search(r"<details[^>]*><summary>The chart's data</summary>", page)
