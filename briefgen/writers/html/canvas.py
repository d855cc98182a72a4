"""What the LMS fragment may contain: the allow-list of Canvas's HTML sanitizer.

Read from ``gems/canvas_sanitize/lib/canvas_sanitize/canvas_sanitize.rb`` in
instructure/canvas-lms (the ``SANITIZE`` config). Two stored versions of that
file were compared: an older one (elements up to ``audio``, attributes with
``lang`` and ``dir`` for all, CSS ``font-weight`` allowed) and the current one
(adds ``section``, ``aside``, ``details``, ``style`` … but drops
``font-weight`` from the CSS properties). The fragment keeps to what **both**
allow, so it survives an old Canvas as well as a new one, and Moodle's,
Blackboard's and D2L's editors, which allow at least as much: no ``style``
element, no ``main``/``section``/``aside``, no SVG, images only by http(s) URL
(so the timeline falls back to its table), style only as these inline
properties. The tests pass every fragment through this list with ``nh3`` and
require it to come out unchanged.
"""

from __future__ import annotations

ELEMENTS = frozenset({
    "a", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "li", "ol", "p", "pre", "q", "small", "span", "strike", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
"""Elements both versions keep (``font``, ``iframe``, media and MathML left out: briefgen uses none)."""

GLOBAL_ATTRIBUTES = frozenset({
    "style", "class", "id", "title", "role", "lang", "dir",
    "aria-labelledby", "aria-describedby", "aria-hidden", "aria-label", "aria-level",
})
"""Attributes allowed on every element (the ``:all`` list; the ARIA ones briefgen may use)."""

ATTRIBUTES = {
    "a": frozenset({"href", "target", "name"}),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span", "width"}),
    "colgroup": frozenset({"span", "width"}),
    "img": frozenset({"align", "alt", "height", "src", "width"}),
    "ol": frozenset({"start", "type"}),
    "q": frozenset({"cite"}),
    "table": frozenset({"summary", "width", "border", "cellpadding", "cellspacing", "frame", "rules"}),
    "tr": frozenset({"align", "valign", "dir"}),
    "td": frozenset({"abbr", "axis", "colspan", "rowspan", "width", "align", "valign", "dir"}),
    "th": frozenset({"abbr", "axis", "colspan", "rowspan", "width", "align", "valign", "dir",
                     "scope"}),
    "ul": frozenset({"type"}),
}
"""Attributes allowed on particular elements."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes: Canvas keeps ftp, tel and skype too; a handout links only these (and #fragments)."""

STYLE_PROPERTIES = frozenset({
    "background", "background-color", "border", "border-bottom", "border-collapse",
    "border-color", "border-left", "border-right", "border-spacing", "border-style", "border-top",
    "border-width", "clear", "color", "display", "float", "font", "font-family", "font-size",
    "font-style", "font-variant", "height", "line-height", "list-style", "list-style-type",
    "margin", "margin-bottom", "margin-left", "margin-right", "margin-top", "max-width",
    "min-width", "overflow", "overflow-x", "overflow-y", "padding", "padding-bottom",
    "padding-left", "padding-right", "padding-top", "position", "left", "top", "text-align",
    "text-decoration", "text-indent", "vertical-align", "white-space", "width",
})
"""Inline style properties both versions keep (``font-weight`` is not one: use ``strong``)."""
