"""Every bundled sheet's page and fragment in a real browser: axe-core, reflow, keyboard.

axe-core runs the WCAG 2.0, 2.1 and 2.2 A and AA rules (in the light and the
dark colour scheme for the page); at 320 CSS px nothing but a table's own
scrolling box is wider than the window (WCAG 1.4.10); Tab reaches every link,
the sources list included, each with a visible focus indicator, and a
citation followed with Enter lands on its source.
"""

from __future__ import annotations

import pytest
from bundled_sheets import SHEETS
from html_browser import AXE, AXE_RUN, FOCUSED, OVERFLOW, WCAG_TAGS, chromium_path, host_page, need_browser

NAMES = sorted(SHEETS)


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (Debian's binary, never a downloaded one)."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def files(html_sheets, tmp_path_factory):
    """Each sheet's page, and its fragment inside an LMS-like page, as files to open."""
    folder = tmp_path_factory.mktemp("browser")
    out = {}
    for name, data in html_sheets.items():
        page = folder / f"{name}.html"
        page.write_bytes(data["html"])
        host = folder / f"{name}.lms-host.html"
        host.write_text(host_page(data["lms"].decode("utf-8"), name), encoding="utf-8")
        out[name] = {"html": page, "lms": host}
    return out


def _open(chromium, path, width=1280, scheme="light"):
    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                   bypass_csp=True)  # the page's CSP would refuse the injected axe
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return context, page, requests


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", NAMES)
def test_page_has_no_axe_violations(chromium, files, name, scheme):
    """Zero WCAG 2.2 A/AA violations on the page, in light and dark mode; it loads nothing else."""
    context, page, requests = _open(chromium, files[name]["html"], scheme=scheme)
    try:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)
        assert violations == [], violations
        assert [u for u in requests if not u.startswith("file:")] == []
    finally:
        context.close()


@pytest.mark.parametrize("name", NAMES)
def test_fragment_has_no_axe_violations(chromium, files, name):
    """Zero violations for the fragment inside an LMS-like page."""
    context, page, _ = _open(chromium, files[name]["lms"])
    try:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN, WCAG_TAGS)
        assert violations == [], violations
    finally:
        context.close()


@pytest.mark.parametrize("flavour", ["html", "lms"])
@pytest.mark.parametrize("name", NAMES)
def test_reflows_at_320_css_px(chromium, files, name, flavour):
    """WCAG 1.4.10: at 320 px no horizontal scrolling but inside a table's own scrolling box."""
    context, page, _ = _open(chromium, files[name][flavour], width=320)
    try:
        result = page.evaluate(OVERFLOW)
        assert result["scrollWidth"] <= result["width"], result
        assert result["bad"] == [], result
    finally:
        context.close()


@pytest.mark.parametrize("name", ["csto-brief", "csto-vs-nato", "csto-timeline", "csto.ru-brief"])
def test_every_link_is_reached_by_tab_with_a_visible_focus(chromium, files, name):
    """Tab walks every link in order (sources and back links too); each shows a focus ring."""
    context, page, _ = _open(chromium, files[name]["html"])
    try:
        links = page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        sources = page.evaluate("() => document.querySelectorAll('ol.sources a').length")
        reached = []
        for _ in range(len(links) + 20):
            page.keyboard.press("Tab")
            info = page.evaluate(FOCUSED)
            if info["tag"] == "BODY":
                break
            assert info["visible"] and (info["outline"] == "auto" or info["width"] >= 2), info
            if info["tag"] == "A":
                reached.append(info["href"])
        assert reached == links
        assert sources >= 2
    finally:
        context.close()


@pytest.mark.parametrize("name", NAMES)
def test_page_prints_on_as_many_pages_as_the_pdf(chromium, files, html_sheets, name):
    """The print style sheet (the fit's paper, margins and type scale) keeps the PDF's page count
    (more when the PDF leaves items out to fit and the page, showing every item, says so)."""
    import io

    from pypdf import PdfReader

    context, page, _ = _open(chromium, files[name]["html"])
    try:
        printed = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    pages = len(PdfReader(io.BytesIO(printed)).pages)
    if html_sheets[name]["runs_past"]:  # the page shows what the PDF leaves out to fit
        assert pages > html_sheets[name]["pages"]
    else:
        assert pages == html_sheets[name]["pages"]


def test_a_citation_followed_by_keyboard_lands_on_its_source_and_back(chromium, files):
    """Enter on the first citation scrolls to source 1; its back link returns to the citation."""
    context, page, _ = _open(chromium, files["csto-brief"]["html"])
    try:
        first = page.locator("a.cite-link").first
        first.focus()
        page.keyboard.press("Enter")
        target = page.evaluate("() => location.hash")
        assert target.endswith("-src1")
        assert page.locator(target).is_visible()
        assert page.evaluate(f"() => {{ const r = document.querySelector('{target}')"
                             ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
        page.locator(f"{target} a.back-link").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash").endswith("-cite1-1")
    finally:
        context.close()


def test_course_index_has_no_axe_violations(chromium, tmp_path):
    """The pack's index.html (a course of three kinds, one sheet in Russian) passes axe too."""
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers.html.course import CourseSheet, course_index

    sheets = [CourseSheet("csto-brief", "CSTO", "brief", "en",
                          {"html": "csto-brief.html", "pdf": "csto-brief.pdf", "docx": "csto-brief.docx"}),
              CourseSheet("csto.ru-brief", "ОДКБ", "brief", "ru", {"pdf": "csto.ru-brief.pdf"}),
              CourseSheet("nato-timeline", "NATO", "timeline", "en", {"html": "nato-timeline.html"}),
              CourseSheet("cmp", "CSTO and NATO", "comparison", "en", {"docx": "cmp.docx"})]
    page = tmp_path / "index.html"
    page.write_bytes(course_index("A course", "en", sheets, DEFAULT_THEME))
    for scheme in ("light", "dark"):
        context, tab, requests = _open(chromium, page, scheme=scheme)
        try:
            tab.add_script_tag(path=str(AXE))
            assert tab.evaluate(AXE_RUN, WCAG_TAGS) == []
            assert [u for u in requests if not u.startswith("file:")] == []
        finally:
            context.close()


@pytest.fixture(scope="module")
def five_way(tmp_path_factory):
    """The five-way comparison (two landscape pages) as a page and, in an LMS-like page, a fragment."""
    from conftest import ROOT

    import briefgen

    folder = tmp_path_factory.mktemp("five-way")
    sheet = briefgen.build_comparison(
        [ROOT / "facts" / f"{o}.yaml" for o in ("csto", "nato", "eu", "rio", "anzus")],
        formats=["html", "lms"], output=folder, pages=2)
    page = next(p for p in sheet.paths if not p.name.endswith(".lms.html"))
    fragment = next(p for p in sheet.paths if p.name.endswith(".lms.html"))
    host = folder / "five.lms-host.html"
    host.write_text(host_page(fragment.read_text(encoding="utf-8"), "Five clauses"), encoding="utf-8")
    return {"html": page, "lms": host}


@pytest.mark.parametrize("flavour", ["html", "lms"])
def test_the_five_way_comparison_passes_axe_and_reflows(chromium, five_way, flavour):
    """The widest sheet (five columns): zero violations at 1280 px, no page scrolling at 320 px."""
    for width in (1280, 320):
        context, page, _ = _open(chromium, five_way[flavour], width=width)
        try:
            page.add_script_tag(path=str(AXE))
            assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
            result = page.evaluate(OVERFLOW)
            assert result["scrollWidth"] <= result["width"] and result["bad"] == [], result
        finally:
            context.close()
