"""What a handout prints differently from how a facts file writes it: one check for all.

``brief``, ``compare``, ``batch`` and ``check`` all call :func:`printing_problems`,
so ``check --strict`` refuses exactly what ``brief --strict`` refuses:

- ``BG180``: a text (any value, title, publisher, URL, label, note or item
  field) holds characters the one rule for printed strings removes (controls,
  bidi overrides, invisible characters; :mod:`briefgen.printable`);
- ``BG181``: a source URL (``url:`` or ``archived:``) the link allow-list refuses (a user name before the
  host, a backslash …; :func:`briefgen.document.links.check_link`): its address
  prints unlinked;
- ``BG182``: a source URL whose host mixes scripts (``www.nаto.int`` with a
  Cyrillic ``а``): linked and printed in its punycode form.
"""

from __future__ import annotations

from briefgen.document.links import check_link, printable_url
from briefgen.errors import Problem
from briefgen.facts import Facts
from briefgen.printable import unprintable


def printing_problems(facts: Facts) -> list[Problem]:
    """Warnings, each with its line, for what a handout prints differently than written."""
    file = str(facts.path)
    problems = []
    for loc, text in _with_unprintable(facts.doc.data):
        removed = unprintable(text)
        if removed:
            problems.append(Problem(file, facts.line_of(*loc), (
                f"'{_name(loc)}' holds {', '.join(sorted(set(removed)))} (control, bidi or "
                "invisible characters); they are removed from the handout"),
                severity="warning", code="BG180"))
    for n, source in enumerate(facts.model.sources):
        for field in ("url", "archived"):  # every address a source may print or link
            url = getattr(source, field, None)
            verdict = check_link(url) if url else None
            if verdict is None or not verdict.problem:
                continue
            code = "BG182" if verdict.target else "BG181"
            problems.append(Problem(file, facts.line_of("sources", n, field),
                                    f"source '{source.id}' ({field}): {verdict.problem}",
                                    severity="warning", code=code))
    return problems


def _with_unprintable(data) -> list[tuple[tuple, str]]:
    """(location, text) of every string value under ``data``, or none when no text holds a
    character to remove.

    Most files hold none: one search over every text joined by newlines (which are never
    removed) says so, and only a file with some has each text looked at.
    """
    strings: list[tuple[tuple, str]] = []
    _strings(data, (), strings)
    return strings if unprintable("\n".join(text for _, text in strings)) else []


def _strings(data, loc: tuple, out: list[tuple[tuple, str]]) -> None:
    """Add (location, text) of every string value under ``data`` to ``out``, in file order."""
    if isinstance(data, str):
        out.append((loc, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _strings(value, (*loc, key), out)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _strings(value, (*loc, i), out)


def _name(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return printable_url(out)
