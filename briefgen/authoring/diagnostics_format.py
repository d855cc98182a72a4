"""Problems for machines: JSON, GitHub workflow annotations, SARIF 2.1.0.

``briefgen check --format json|github|sarif`` prints one of these on stdout;
the text format (for people) stays in :mod:`briefgen.authoring.check`. Every format
carries the same fields of each :class:`~briefgen.errors.Problem`: file,
line, column, severity, code, message, suggestion (docs/diagnostics.md).

Every text field is made safe for its format first: a file name that is not
UTF-8 (its undecodable bytes arrive as lone surrogates) shows them as
``\\xff`` in JSON and SARIF (which stay valid UTF-8 JSON) and as ``%FF`` in a
SARIF URI; in GitHub annotations newlines are ``%0A`` and other control characters
are escaped (:func:`briefgen.printable.escape_controls`) so no value can start a
workflow command of its own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from briefgen import __version__
from briefgen.errors import Problem
from briefgen.inputs.codes import describe
from briefgen.printable import escape_controls


def _text(value: str | None) -> str | None:
    """``value`` as valid Unicode: lone surrogates (bytes of a non-UTF-8 name) as ``\\udcff``."""
    if value is None:
        return None
    return value.encode("utf-8", "backslashreplace").decode("utf-8")

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")


def problem_record(problem: Problem) -> dict:
    """One problem as a JSON object (the documented ``--format json`` fields)."""
    code = problem.code or "BG000"
    return {
        "file": _text(problem.file),
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "code": code,
        "rule": describe(code)[0],
        "message": _text(problem.message),
        "suggestion": _text(problem.suggestion),
    }


def to_json(problems: list[Problem]) -> str:
    """The problems as a JSON list, one object per problem, in the order given."""
    return json.dumps([problem_record(p) for p in problems], ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    """GitHub's escapes (``%25``, ``%0D``, ``%0A``), then every other control escaped."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)  # no raw ESC, bidi control or lone surrogate either


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for p in problems:
        level = "warning" if p.severity == "warning" else "error"
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
        props.append(f"title={_escape_property(p.code or 'BG000')}")
        message = p.message + (f" (suggestion: {p.suggestion})" if p.suggestion else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def file_uri(file: str) -> str:
    """A SARIF artifact URI: relative paths stay relative (forward slashes), others file://."""
    path = Path(file)
    try:
        raw = os.fsencode(path.as_posix())  # the name's own bytes, UTF-8 or not
    except UnicodeEncodeError:
        raw = path.as_posix().encode("utf-8", "backslashreplace")
    if path.is_absolute():
        return "file://" + quote(raw, safe="/-._~")
    return quote(raw, safe="/-._~")


def to_sarif(problems: list[Problem]) -> str:
    """A SARIF 2.1.0 log with one run of briefgen: a rule per code used, a result per problem."""
    codes = sorted({p.code or "BG000" for p in problems})
    rules = []
    for code in codes:
        name, text = describe(code)
        rules.append({"id": code, "name": name, "shortDescription": {"text": text}})
    results = []
    for p in problems:
        code = p.code or "BG000"
        location: dict = {"artifactLocation": {"uri": file_uri(p.file)}}
        if p.line:
            location["region"] = {"startLine": p.line}
            if p.column:
                location["region"]["startColumn"] = p.column
        result = {"ruleId": code, "ruleIndex": codes.index(code),
                  "level": "warning" if p.severity == "warning" else "error",
                  "message": {"text": _text(p.message)},
                  "locations": [{"physicalLocation": location}]}
        if p.suggestion:
            result["properties"] = {"suggestion": _text(p.suggestion)}
        results.append(result)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "briefgen", "version": __version__,
                                         "rules": rules}},
                     "columnKind": "unicodeCodePoints", "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2)


FORMATTERS = {"json": to_json, "github": to_github, "sarif": to_sarif}
"""Machine formats by name; ``text`` is printed by :func:`briefgen.authoring.check.run_check`."""
