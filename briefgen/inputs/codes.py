"""Stable codes for every problem briefgen reports (listed in docs/diagnostics.md).

A code names a kind of problem, not its wording: CI filters, SARIF rules and
editor quick-fixes key on it, so a code never changes meaning. Ranges:

- BG0xx reading a file: the file itself, YAML syntax, TODO blanks.
- BG1xx facts files; BG101–BG111 hold a facts file against what the
  templates read (:mod:`briefgen.facts.slips`) and its sources; BG160–BG166
  are what ``check --links`` finds on the web (:mod:`briefgen.sources.links`);
  BG180–BG182 what a handout prints differently from the file (:mod:`briefgen.facts.printing`).
- BG2xx translations kept in step with their original (:mod:`briefgen.facts.translation`).
- BG3xx theme files, BG4xx comparison specs, BG5xx course manifests.

Schema problems share their last two digits across file kinds: ``x21`` is an
unknown key in a facts file (BG121), a theme (BG321), a spec (BG421) or a
manifest (BG521).
"""

from __future__ import annotations

import re

SCHEMA_BASE = {"facts file": 100, "theme file": 300, "comparison spec": 400,
               "course manifest": 500}
"""The code range of each kind of file, by the name :func:`briefgen.inputs.validation.validate` uses."""

SCHEMA_SUFFIXES = {
    20: ("missing-key", "a required key is missing"),
    21: ("unknown-key", "a key the file kind does not have (with the likely intended key)"),
    22: ("not-a-date", "a value that must be a date (YYYY-MM-DD) is not one"),
    23: ("bad-format", "an id, web address, colour or language code is not written as one"),
    24: ("not-text", "a value that must be text is a list or mapping"),
    25: ("wrong-shape", "a value that must be a list or a mapping is not one"),
    26: ("not-a-boolean", "a value that must be true or false is not"),
    27: ("not-a-number", "a value that must be a number is not one"),
    28: ("out-of-range", "a number, text or list is too small, too large, too short or empty"),
    29: ("not-a-choice", "a value is not one of the allowed choices"),
    30: ("rule-broken", "a rule of the file kind is broken (e.g. a fact has both value and items)"),
}

CODES: dict[str, tuple[str, str]] = {
    "BG000": ("unclassified", "a problem without a more specific code"),
    "BG001": ("file-not-found", "the file does not exist"),
    "BG002": ("cannot-read", "the file cannot be read (permissions, a folder)"),
    "BG003": ("file-too-large", "the file is larger than briefgen reads"),
    "BG004": ("not-utf8", "the file is not UTF-8 text"),
    "BG005": ("empty-file", "the file holds nothing"),
    "BG006": ("yaml-syntax", "the file is not valid YAML"),
    "BG007": ("yaml-refused", "too many values (alias bomb) or nesting too deep"),
    "BG008": ("duplicate-key", "the same key twice in one mapping"),
    "BG009": ("yaml-unsupported", "a YAML feature briefgen does not read (merge keys, complex keys)"),
    "BG010": ("not-filled-in", "a TODO left by `briefgen new` is not filled in yet"),
    "BG011": ("not-a-mapping", "the top level of the file is not a mapping"),
    "BG101": ("unknown-fact", "a fact key that looks like a misspelling of one a template reads (warning)"),
    "BG102": ("unknown-item-field", "an item field that looks like a misspelling (warning)"),
    "BG103": ("missing-required-fact", "a fact the template needs is missing"),
    "BG104": ("unknown-block", "an override defines a block its parent does not have"),
    "BG105": ("source-never-cited", "a source listed under sources: is never cited (warning)"),
    "BG106": ("mirror-only", "a claim cites only mirror copies while the file lists the primary (warning)"),
    "BG107": ("missing-cell", "a comparison cell no fact covers; printed as a neutral mark (warning)"),
    "BG108": ("item-lacks-field", "an item lacks a field its siblings have and the template reads (warning)"),
    "BG111": ("missing-include", "a template imports or includes a template that does not exist"),
    "BG201": ("translation-keys", "a translation's fact keys differ from its original's (warning)"),
    "BG202": ("translation-lists", "a translation's list lengths or item fields differ (warning)"),
    "BG203": ("translation-dates", "a translation's dates differ from its original's (warning)"),
    "BG204": ("translation-sources", "a translation's sources differ from its original's (warning)"),
    "BG205": ("translation-original-missing", "the original a translation names is not found (warning)"),
    "BG140": ("duplicate-source-id", "two sources share one id"),
    "BG141": ("unknown-source", "a fact cites a source id not listed under sources:"),
    "BG150": ("stale-fact", "a fact's as_of date is older than --max-age (warning)"),
    "BG151": ("former-member-no-left", "a former member has no 'left' date"),
    "BG152": ("member-no-joined", "a member has no 'joined' date (warning)"),
    "BG153": ("grouped-dates", "an item groups states whose dates differ (warning)"),
    "BG160": ("link-dead", "a source's URL answers 4xx/5xx, its host is not "
              "found, or it does not answer (check --links, warning)"),
    "BG161": ("link-moved", "a source's URL has moved permanently (301/308); "
              "the new URL is the suggestion (warning)"),
    "BG162": ("link-soft-404", "a source's URL answers 2xx with a page that says it is not found (warning)"),
    "BG163": ("page-changed", "a source's page title changed since the last check --links (warning)"),
    "BG164": ("quote-not-on-page", "a quote: true fact's words are not on "
              "its source's page nor its archived copy (warning)"),
    "BG165": ("not-archived", "a source has no archived: copy; "
              "the nearest snapshot is the suggestion (warning)"),
    "BG166": ("archive-dead", "a source's archived: copy does not answer (warning)"),
    "BG170": ("bibliography-unreadable", "the bibliography: file is missing, unreadable, or "
              "not CSL-JSON or BibTeX"),
    "BG171": ("bibliography-entry-unusable", "a cited bibliography entry has no title or "
              "http(s) URL, or its key cannot be a source id"),
    "BG180": ("unprintable-character", "a text holds control, bidi or invisible characters, removed "
              "from the handout (warning)"),
    "BG181": ("link-refused", "a source URL the link allow-list refuses prints unlinked (warning)"),
    "BG182": ("look-alike-host", "a source URL's host mixes scripts; printed as punycode (warning)"),
    "BG340": ("unknown-font", "pdf_font is neither a bundled font nor a folder of .ttf files"),
    "BG341": ("logo-not-found", "the logo file is not there"),
    "BG342": ("logo-format", "the logo is not a PNG or JPEG file, or cannot be decoded"),
    "BG343": ("theme-control-character", "a theme text or name holds a control character"),
    "BG344": ("low-contrast", "a theme's text/background pair is under 4.5:1 (WCAG 2.x AA; warning)"),
    "BG440": ("row-without-fact", "a spec row names neither fact: nor facts:"),
    "BG441": ("row-fact-missing", "a spec row names a fact no compared file has"),
    "BG442": ("quote-fact-missing", "quote_fact is in none of the compared files"),
    "BG540": ("glob-matches-nothing", "a facts pattern matches no file"),
    "BG541": ("facts-not-found", "a facts file a job names is not there"),
    "BG542": ("job-without-facts", "a job's facts: lists no file"),
    "BG543": ("compare-needs-two", "a comparison job has fewer than two facts files"),
    "BG544": ("output-placeholder", "an output name uses an unknown {placeholder}"),
    "BG545": ("output-name-unsafe", "an output name is empty or escapes the output folder"),
    "BG546": ("pack-name-unsafe", "the pack name is empty or escapes the output folder"),
    "BG547": ("output-twice", "two jobs would write the same file"),
    "BG548": ("output-is-pack", "a job's output has the course pack's name, or is the pack's `index.html`"),
    "BG549": ("online-url-refused", "the course's online_url is not an https folder address a "
              "printed QR code may lead to"),
}
for _kind, _base in SCHEMA_BASE.items():
    for _suffix, (_name, _text) in SCHEMA_SUFFIXES.items():
        CODES[f"BG{_base + _suffix}"] = (_name, f"{_text} ({_kind})")

RESERVED = [(109, 110, "unused (a stale fact is BG150; a spec row naming no fact is BG441)"),
            (112, 119, "template reads, for growth"), (206, 219, "translations, for growth")]
"""Codes not in use: kept free so a code never changes meaning."""


ALSO_IN_SCHEMA = {"BG011", "BG440"}
"""Checks made outside pydantic that the JSON Schemas express too (top level, spec rows)."""


def schema_code(what: str, suffix: int) -> str:
    """The code of a schema problem ``suffix`` (see SCHEMA_SUFFIXES) in a ``what`` file."""
    base = SCHEMA_BASE.get(what)
    return f"BG{base + suffix}" if base is not None else "BG000"


def is_schema_level(code: str) -> bool:
    """Whether a JSON Schema can see this problem too (the editor's schema reports it)."""
    match = re.fullmatch(r"BG([1345])(\d\d)", code)
    return code in ALSO_IN_SCHEMA or bool(match and int(match.group(2)) in SCHEMA_SUFFIXES)


def describe(code: str) -> tuple[str, str]:
    """(short name, one-line description) of ``code``; unknown codes are "unclassified"."""
    return CODES.get(code, CODES["BG000"])
