"""``briefgen new``: a facts file, theme or comparison spec to fill in, instead of a copy.

Each scaffold starts with the ``# yaml-language-server: $schema=…`` line (so an
editor completes and checks it), gives every field a short comment, and puts
``TODO`` where the author must write something; ``briefgen check`` reports
each one as "not filled in yet" (:mod:`briefgen.inputs.todo`). Files are written
atomically and an existing file is never overwritten.

The facts a template needs come from :func:`template_fact_reads`, which reads
the template's Jinja AST. It is a small stand-in for the full template
analysis and is meant to be replaced by it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from briefgen.authoring.scaffold_reads import HINTS, FactRead, template_fact_reads
from briefgen.errors import InputError
from briefgen.outputs import mode_for

__all__ = ["HINTS", "FactRead", "template_fact_reads", "new_facts", "new_theme", "new_spec"]

ITEM_TODO_FIELDS = ("name", "text", "date", "joined")
"""Item fields a scaffold asks for; any other field the template reads is offered as a comment."""
DATE_FIELDS = ("date", "joined", "left", "as_of", "accessed")


def _yaml(value: object) -> str:
    """A scalar as YAML text: plain when safe, else JSON-quoted (valid YAML)."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9][\w .,()/-]*", text) and text.lower() not in (
            "yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _line(indent: int, key: str, value: str, comment: str = "") -> str:
    text = f"{' ' * indent}{key}: {value}"
    return f"{text:<34} # {comment}" if comment else text


def schema_ref(target: Path, kind: str) -> tuple[str, Path | None]:
    """The relative ``$schema`` path for ``target``, and a schema file to write if none is found.

    The nearest ``schemas/<kind>.schema.json`` in the target's folder or above
    is used (a course made by ``briefgen init`` has one); otherwise one is
    written to ``schemas/`` beside the target.
    """
    from briefgen.authoring.jsonschemas import schema_file_name

    folder = target.resolve().parent
    name = schema_file_name(kind)
    for parent in (folder, *folder.parents):
        candidate = parent / "schemas" / name
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix(), None
    return f"schemas/{name}", folder / "schemas" / name


def schema_line(ref: str) -> str:
    """The first line that ties a YAML file to its JSON Schema in editors."""
    return f"# yaml-language-server: $schema={ref}\n"


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically; refuse if ``path`` already exists."""
    path = Path(path)
    if path.exists():
        raise InputError(f"{path}: already exists; briefgen new never overwrites a file "
                         "(choose another name with -o)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode_for(path))  # mkstemp made it 0600: the umask decides, as for any file
        try:
            os.link(tmp, path)  # fails if the file appeared meanwhile: no overwrite, ever
        finally:
            os.unlink(tmp)
    except FileExistsError:
        raise InputError(f"{path}: already exists; briefgen new never overwrites a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    return path


def _write_with_schema(path: Path, kind: str, body: str) -> list[Path]:
    ref, schema_path = schema_ref(path, kind)
    written = [write_new(path, schema_line(ref) + body)]
    if schema_path is not None and not schema_path.exists():
        from briefgen.authoring.jsonschemas import schema_text

        written.append(write_new(schema_path, schema_text(kind)))
    return written


def _key(indent: int, key: str, comment: str) -> str:
    return f"{' ' * indent + key + ':':<34} # {comment}"


LABEL_PRINTED = {"founding_treaty", "headquarters", "native_name", "members", "defence_clause",
                 "former_members"}
"""Facts whose ``label`` the bundled sheets print (key facts, the members line, the quote's
attribution, the timeline's lists); other labels name the fact in the file only."""


def _fact_block(read: FactRead, optional: bool, hint: str | None = None,
                label: str | None = None) -> list[str]:
    hint = hint or HINTS.get(read.key, f"what the template prints as {read.key.replace('_', ' ')}")
    printed = read.key in LABEL_PRINTED or read.key.startswith("cmp_")
    lines = [_key(2, read.key, ("optional: " if optional else "") + hint),
             _line(4, "label", _yaml(label or read.key.replace("_", " ").capitalize()),
                   "how the fact is named on the page" if printed
                   else "the fact's name in the file; the bundled sheets do not print it")]
    if read.items:
        lines.append(_key(4, "items", "a list: one entry per member, event…"))
        asked = [f for f in read.fields if f in ITEM_TODO_FIELDS] or ["name"]
        for n, field in enumerate(asked):
            note = "YYYY-MM-DD" if field in DATE_FIELDS else f"the entry's {field}"
            lines.append(_line(6, ("- " if n == 0 else "  ") + field, "TODO", note))
        lines += [f"        # {field}: …  (optional: the template reads it)"
                  for field in read.fields if field not in asked]
    else:
        lines.append(_line(4, "value", "TODO", "the fact itself, as text"))
    lines.append(_line(4, "sources", "[TODO]", "ids from the sources list above"))
    if optional:
        lines = ["  # " + line[2:] for line in lines]
    return lines


def new_facts(fact_id: str, template: str = "brief", output: Path | None = None,
              template_dirs: list[Path] | None = None, spec: Path | None = None) -> list[Path]:
    """Write ``<id>.yaml`` with the facts ``template`` reads; returns the files written.

    With ``spec`` (or for the comparison template, which reads its facts through a
    spec: the bundled one by default), every fact the spec's rows and quote need is
    asked for too, each with its row's name, so the new organisation compares cell
    for cell.
    """
    from briefgen.inputs.validation import SLUG
    from briefgen.templating.environment import resolve_template, template_stem

    if not re.match(SLUG, fact_id):
        raise InputError(f"'{fact_id}' cannot be a facts id: use lower-case letters, digits, "
                         "'-', '_' or '.' (it names the output files)")
    name, search = resolve_template(template, template_dirs)
    reads = template_fact_reads(name, search)
    lines = [
        f"# Facts for '{fact_id}', for the '{template_stem(name)}' template.",
        "# Replace every TODO; `briefgen check` lists those left, one line each.",
        "# Every fact cites sources by id; see docs/facts-format.md.",
        _line(0, "id", _yaml(fact_id), "names the output files: <id>-<template>.pdf"),
        _line(0, "title", "TODO", "the organisation's full name"),
        _line(0, "short_title", "TODO", "short name for headers, e.g. NATO"),
        "# subtitle: …                      # optional: a line under the title",
        _line(0, "language", "en", "document language (BCP 47): en, ru, fr…"),
        _line(0, "as_of", "TODO", "date these facts were last checked, YYYY-MM-DD"),
        "sources:                           # every document the facts cite, listed once",
        _line(2, "- id", "TODO", "short lower-case id that facts cite, e.g. rio-treaty"),
        _line(4, "title", "TODO", "the document's title"),
        _line(4, "publisher", "TODO", "who published it"),
        _line(4, "url", "TODO", "an address a reader can open: https://…"),
        _line(4, "accessed", "TODO", "when you read it, YYYY-MM-DD"),
        "facts:                             # key -> fact; the template reads these keys",
    ]
    for read in (r for r in reads if r.required):
        lines += _fact_block(read, optional=False)
    lines += _spec_blocks(template_stem(name), spec, {r.key for r in reads if r.required})
    reads = [r for r in reads if r.key not in _spec_fact_keys(template_stem(name), spec)]
    optional = [r for r in reads if not r.required]
    if optional:
        lines.append("  # Optional: the template prints these when present. Uncomment and fill.")
        for read in optional:
            lines += _fact_block(read, optional=True)
    return _write_with_schema(Path(output or f"{fact_id}.yaml"), "facts", "\n".join(lines) + "\n")


def _spec_path(stem: str, spec: Path | None) -> Path | None:
    from briefgen.kinds import reads_spec
    from briefgen.sheets.inputs import default_spec_path

    if spec is not None:
        return Path(spec)
    return default_spec_path() if reads_spec(stem) else None


def _spec_fact_keys(stem: str, spec: Path | None) -> set[str]:
    path = _spec_path(stem, spec)
    if path is None:
        return set()
    from briefgen.comparison.spec import load_spec
    from briefgen.sheets.preflight import spec_keys

    return spec_keys(load_spec(path))


def _spec_blocks(stem: str, spec: Path | None, done: set[str]) -> list[str]:
    """Fact blocks for every key a comparison spec reads (its rows' facts and its quote)."""
    path = _spec_path(stem, spec)
    if path is None:
        return []
    from briefgen.comparison.spec import load_spec

    loaded = load_spec(path)
    lines = [f"  # For the comparison spec {path.as_posix()}: one fact per row (and the quote)."]
    seen = set(done)
    for row in loaded.spec.rows:
        key = row.fact or next(iter((row.facts or {}).values()), None)
        if not key or key in seen:
            continue
        seen.add(key)
        lines += _fact_block(FactRead(key, True, False, []), optional=False,
                             hint=f"the cell of row '{row.label}', in a line or two",
                             label=row.label)
    quote = loaded.spec.quote_fact
    if quote and quote not in seen:
        block = _fact_block(FactRead(quote, True, False, []), optional=False,
                            hint="the treaty's own words, quoted under the table")
        lines += [*block[:2], _line(4, "quote", "true", "the value is the treaty's own words"),
                  *block[2:]]
    return lines


def new_theme(name: str, output: Path | None = None) -> list[Path]:
    """Write ``<name>.theme.yaml``: every theme key with its default value and what it does."""
    from briefgen.theme.model import DEFAULT_THEME, PAGE_SIZES
    from briefgen.theme.schema import ThemeFile

    lines = ["# A briefgen theme: the look of both the PDF and the DOCX. Every key is optional;",
             "# delete a line to keep the default. Use it with --theme or `theme:` in a manifest.",
             _line(0, "name", _yaml(name), ThemeFile.model_fields["name"].description or ""),
             _line(0, "description", "TODO", "one line: what the theme looks like")]
    for key, info in ThemeFile.model_fields.items():
        if key in ("name", "description"):
            continue
        value = getattr(DEFAULT_THEME, key, None)
        if key == "page_size":
            value = PAGE_SIZES[0]
        comment = info.description or ""
        if value in (None, ""):
            lines.append(f"# {key}: …".ljust(34) + f" # {comment}")
        else:
            shown = f"{value:g}" if isinstance(value, float) else _yaml(value)
            lines.append(_line(0, key, shown, comment))
    return _write_with_schema(Path(output or f"{name}.theme.yaml"), "theme", "\n".join(lines) + "\n")


def new_spec(first: Path, second: Path, output: Path | None = None) -> list[Path]:
    """Write a comparison spec for two facts files: one row per fact key they share."""
    from briefgen.bundled import find_facts
    from briefgen.facts import load_facts

    a, b = load_facts(find_facts(Path(first))), load_facts(find_facts(Path(second)))
    shared = [k for k in a.model.facts if k in b.model.facts]
    lines = [f"# Compare {a.id} and {b.id}: one row per fact both files have.",
             "# Delete the rows you do not need; `briefgen compare A B --spec THIS` builds it.",
             _line(0, "title", "TODO", "the sheet's title; {organisations} names the files"),
             _line(0, "lead", "TODO", "a paragraph under the title"),
             "names:                             # how the title names each file (by id)",
             _line(2, a.id, _yaml(a.model.short_title or a.model.title)),
             _line(2, b.id, _yaml(b.model.short_title or b.model.title)),
             "# quote_fact: defence_clause       # a fact quoted under the table, per file",
             "rows:                              # the dimensions compared, in order"]
    for key in shared:
        label = a.model.facts[key].label or key.replace("_", " ").capitalize()
        lines += [_line(2, "- label", _yaml(label), "the row's name"),
                  _line(4, "fact", key, "the fact key in both files"),
                  _line(4, "contrast", "false", "true: mark the row as where they differ")]
    if not shared:
        lines += [_line(2, "- label", "TODO", "the row's name"),
                  _line(4, "fact", "TODO", "the fact key to show"),
                  _line(4, "facts", "", "or, where the keys differ:").replace(": ", ":", 1),
                  _line(6, a.id, "TODO"), _line(6, b.id, "TODO")]
    target = Path(output or f"{a.id}-vs-{b.id}.spec.yaml")
    return _write_with_schema(target, "spec", "\n".join(lines) + "\n")
