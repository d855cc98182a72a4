"""HTML writers: a self-contained accessible web page (``html``) and an LMS-safe fragment (``lms``).

Both walk the same document tree with the same handlers (:mod:`.blocks`,
:mod:`.inlines`); the flavour decides what the markup may use:

- the **page** (:mod:`.page`) is a whole HTML5 document with landmarks,
  sections, an inline style sheet from the theme (with a print and a dark
  colour scheme), the timeline as inline SVG, no script and no external request;
- the **fragment** (:mod:`.fragment`) is what a learning management system's
  editor keeps: only the elements, attributes and inline style properties of
  Canvas's sanitizer (:mod:`.canvas`), headings from ``h2`` and the timeline as
  its data table.

The bytes are reproducible: nothing depends on the clock or the machine.
"""
