"""Headless Chromium (Debian's, through Playwright) with axe-core injected, for the HTML tests.

Nothing is downloaded: Playwright drives ``/usr/bin/chromium`` (or
``$BRIEFGEN_CHROMIUM``) and axe-core comes from ``tests/browser/node_modules``
(``npm ci --prefix tests/browser``, which ``.ci/run`` does). Outside CI a
missing piece skips the tests with the reason; in CI (``CI=true``) it fails.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def chromium_path() -> str | None:
    """The system Chromium, if there is one."""
    return os.environ.get("BRIEFGEN_CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not chromium_path():
        return "Chromium is not installed (apt-get install chromium)"
    if not AXE.is_file():
        return "axe-core is not installed (npm ci --prefix tests/browser)"
    return None


def need_browser() -> None:
    """Skip (outside CI) or fail (in CI) when the browser tests cannot run."""
    why = missing()
    if why is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {why}")
    pytest.skip(why)


def host_page(fragment: str, title: str) -> str:
    """An LMS-like page around a fragment: the page's own h1 and main, as Canvas and Moodle give."""
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body><main><h1>{title}</h1>{fragment}</main>"
            "</body></html>")


AXE_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      const fits = p.getBoundingClientRect().right <= vw + 1;
      if (['auto', 'scroll'].includes(s.overflowX) && fits) return true; }
    return false; };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && !scrolls(el))
      bad.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: vw, bad: bad.slice(0, 5)};
}"""

FOCUSED = """() => { const el = document.activeElement; const s = getComputedStyle(el);
  return {tag: el.tagName, href: el.getAttribute('href'), id: el.id,
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
          visible: el.matches(':focus-visible')}; }"""
