"""A sheet whose sources carry archived copies, in a real browser: axe-core, reflow, keyboard.

The bundled facts have no ``archived:`` yet, so the bundled pages' browser tests
(test_html_browser.py) never meet the "(archived)" links: this sheet does, with
its COinS spans, as a page (light and dark) and as a fragment in an LMS-like page.
"""

from __future__ import annotations

import pytest
from html_browser import AXE, AXE_RUN, FOCUSED, OVERFLOW, WCAG_TAGS, host_page
from test_html_browser import _open, chromium  # noqa: F401  (the module's browser fixture)
from test_html_sources import DATA, LIVE, SNAP, archived_facts, build


@pytest.fixture(scope="module")
def archived_files(tmp_path_factory):
    """The archived mini sheet (English and Russian) as a page and as a fragment in a host page."""
    out = {}
    for source in (DATA / "mini.yaml", DATA / "ru" / "mini.ru.yaml"):
        folder = tmp_path_factory.mktemp(source.stem.replace(".", "-"))
        files, _ = build(folder, "brief", str(archived_facts(folder, source)))
        page = folder / "page.html"
        page.write_text(files["html"], "utf-8")
        host = folder / "host.html"
        host.write_text(host_page(files["lms"], source.stem), "utf-8")
        out[source.stem] = {"html": page, "lms": host}
    return out


@pytest.mark.parametrize("flavour, scheme", [("html", "light"), ("html", "dark"), ("lms", "light")])
@pytest.mark.parametrize("name", ["mini", "mini.ru"])
def test_archived_sheet_has_no_axe_violations_and_reflows(chromium, archived_files, name,  # noqa: F811
                                                          flavour, scheme):
    context, page, requests = _open(chromium, archived_files[name][flavour], scheme=scheme)
    try:
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
        assert [u for u in requests if not u.startswith("file:")] == []
    finally:
        context.close()
    context, page, _ = _open(chromium, archived_files[name][flavour], width=320)
    try:
        result = page.evaluate(OVERFLOW)
        assert result["scrollWidth"] <= result["width"] and result["bad"] == [], result
    finally:
        context.close()


def test_tab_reaches_the_archived_link_right_after_its_live_url(chromium, archived_files):  # noqa: F811
    context, page, _ = _open(chromium, archived_files["mini"]["html"])
    try:
        reached = []
        for _ in range(200):
            page.keyboard.press("Tab")
            info = page.evaluate(FOCUSED)
            if info["tag"] == "BODY":
                break
            assert info["visible"] and (info["outline"] == "auto" or info["width"] >= 2), info
            reached.append(info["href"])
        assert SNAP in reached and reached[reached.index(SNAP) - 1] == LIVE
        # The COinS spans are data: nothing a reader sees or a screen reader announces.
        box = page.evaluate("() => [...document.querySelectorAll('span.Z3988')].map(s => "
                            "[s.getBoundingClientRect().width, s.getAttribute('aria-hidden')])")
        assert len(box) == 2 and all(w == 0 and hidden == "true" for w, hidden in box)
    finally:
        context.close()
