"""JSON Schemas of the four input files, generated from the pydantic models that validate them.

Editors with the YAML language server (VS Code, JetBrains, Neovim, Helix) use
them for completion, hover text (the models' field descriptions) and inline
errors; see docs/editors.md. The schemas are JSON Schema draft-07, which every
YAML language server reads.

briefgen's own reader reads every YAML scalar as text and lets the model type
it, while the language server sees YAML 1.2 types: ``5`` is a number, ``true``
a boolean, ``2024-01-01`` a string. So a free-text field here accepts numbers
and booleans too, a boolean field accepts the words pydantic reads as one
(``yes``, ``off``…), and the cross-field rules of the models (exactly one of
``value``/``items``…) are written out, so that the schema and ``briefgen
check`` agree on every schema-level problem (tests/test_schemas.py).

The shipped files (``schemas/*.schema.json``, in the wheel as
``briefgen/schemas/``) are regenerated with ``python -m briefgen.authoring.jsonschemas``.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from briefgen.bundled import _bundled
from briefgen.theme.model import PAGE_SIZES

KINDS = ("facts", "theme", "spec", "manifest")
DRAFT = "http://json-schema.org/draft-07/schema#"
BOOL_WORDS = r"^([yY]([eE][sS])?|[nN]([oO])?|[oO]([nN]|[fF][fF])|[tT]([rR][uU][eE])?" \
             r"|[fF]([aA][lL][sS][eE])?|[01])$"
"""The words pydantic reads as true or false (any case), as YAML 1.2 leaves them text."""
DATE_SHAPE = r"^\d{4}-\d{2}-\d{2}$"
SCALAR_TYPES = ["string", "number", "boolean"]
CASE_INSENSITIVE = {"page_size", "formats", "orientation"}
"""Fields whose choices briefgen lower-cases before checking (A4 is a4)."""


def _models() -> dict[str, tuple[type, str]]:
    from briefgen.comparison.spec import ComparisonSpec
    from briefgen.course.manifest import ManifestFile
    from briefgen.facts.schema import FactsFile
    from briefgen.theme.schema import ThemeFile

    return {"facts": (FactsFile, "briefgen facts file"),
            "theme": (ThemeFile, "briefgen theme file"),
            "spec": (ComparisonSpec, "briefgen comparison spec"),
            "manifest": (ManifestFile, "briefgen course manifest")}


def schema_dir() -> Path:
    """The folder of the shipped schema files (``schemas/`` in a checkout)."""
    return _bundled("briefgen.schemas", "schemas")


def schema_file_name(kind: str) -> str:
    """``facts`` -> ``facts.schema.json``."""
    return f"{kind}.schema.json"


def _ci(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_SAME_FIELD = ("anyOf", "items", "additionalProperties")
"""Keys below which a schema still describes the same field (its name is passed down)."""


def _loosen(node: Any, name: str = "") -> Any:
    """Accept what the YAML language server sees where briefgen reads text (see module doc).

    ``name`` is the field the node describes, for the few rules that depend on it.
    """
    if isinstance(node, list):
        return [_loosen(n, name) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "properties":
            out[key] = {field: _loosen(schema, field) for field, schema in value.items()}
            for field, schema in out[key].items():  # "As Of" over as_of is noise in hover text
                if isinstance(schema, dict) and schema.get("title", "").lower().replace(
                        " ", "_") == field:
                    schema.pop("title")
        else:
            out[key] = _loosen(value, name if key in _SAME_FIELD else key)
    kind = out.get("type")
    if "enum" in out and name in CASE_INSENSITIVE:
        words = [w for w in out["enum"] if isinstance(w, str)]
        out = {"anyOf": [{"enum": out["enum"]},
                         {"type": "string", "pattern": "^(" + "|".join(map(_ci, words)) + ")$"}]}
    elif kind == "string" and "enum" not in out and "const" not in out:
        if out.get("format") == "date":
            out["pattern"] = DATE_SHAPE  # YAML 1.2 keeps 2024-05-15 as text; the shape is checked
        elif "pattern" in out:
            if re.search(out["pattern"], "1"):  # an id may be all digits: the editor sees a number
                out["type"] = ["string", "number"]
        else:
            out["type"] = list(SCALAR_TYPES)  # free text: 5 or true are text to briefgen
    elif kind == "boolean":
        extra = {k: v for k, v in out.items() if k != "type"}
        out = {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]},
                         {"type": "string", "pattern": BOOL_WORDS}], **extra}
    if name in ("formats", "templates") and "anyOf" in out:  # Options._one_or_many: x or [x]
        arrays = [b for b in out["anyOf"] if isinstance(b, dict) and b.get("type") == "array"]
        out["anyOf"] = out["anyOf"] + [copy.deepcopy(a["items"]) for a in arrays]
    return out


_TRUE_WORDS = r"^([yY]([eE][sS])?|[oO][nN]|[tT]([rR][uU][eE])?|1)$"
_TRUTHY = {"anyOf": [{"const": True}, {"const": 1}, {"type": "string", "pattern": _TRUE_WORDS}]}
NOT_NULL = {"not": {"type": "null"}}

RULES: dict[str, dict] = {
    # Fact._value_or_items: exactly one of value and items; sources, unless every item has its
    # own; quote only with a text value. Fact._value_not_blank: the value has a visible character.
    "Fact": {"allOf": [
        {"oneOf": [{"required": ["value"], "properties": {"value": NOT_NULL}},
                   {"required": ["items"], "properties": {"items": {"type": "array"}}}]},
        {"anyOf": [{"required": ["sources"], "properties": {"sources": {"minItems": 1}}},
                   {"required": ["items"], "properties": {"items": {
                       "type": "array", "minItems": 1,
                       "items": {"required": ["sources"],
                                 "properties": {"sources": {"minItems": 1}}}}}}]},
        {"if": {"required": ["quote"], "properties": {"quote": _TRUTHY}},
         "then": {"properties": {"items": {"type": "null"}}}},
        {"properties": {"value": {"pattern": r"\S"}}}]},
    # Item._extra_fields_are_text: any further field is plain text.
    "Item": {"additionalProperties": {"type": SCALAR_TYPES,
                                      "description": "free text, reaches templates as written"}},
    # FactsFile._keys_are_names: fact keys are lower_case names.
    "FactsFile": {"properties": {"facts": {"propertyNames": {"pattern": r"^[a-z][a-z0-9_]*$"}}}},
    # ThemeFile._known_size: a4 or letter, any case.
    "ThemeFile": {"properties": {"page_size": {"anyOf": [
        {"enum": list(PAGE_SIZES)},
        {"type": "string", "pattern": f"^({'|'.join(_ci(size) for size in PAGE_SIZES)})$"},
        {"type": "null"}]}}},
    # load_spec: a row names fact: or facts:.
    "SpecRow": {"anyOf": [{"required": ["fact"], "properties": {"fact": NOT_NULL}},
                          {"required": ["facts"], "properties": {"facts": NOT_NULL}}]},
}


def _add_rules(schema: dict, model_name: str) -> None:
    """Write the model's validator rules (RULES) into its schema.

    A rule's ``properties`` entry is merged into that property's schema; one
    with ``anyOf`` replaces the property's own ``anyOf`` (its choices).
    """
    rule = copy.deepcopy(RULES.get(model_name, {}))
    for key, extra in rule.pop("properties", {}).items():
        target = schema["properties"][key]
        if "anyOf" in extra:
            target.pop("anyOf", None)
        target.update(extra)
    schema.update(rule)


def known_fact_keys() -> dict[str, dict]:
    """The facts the bundled brief reads, so an editor completes their keys with a hint.

    Any other lower_case key is still a fact (``additionalProperties``).
    """
    from briefgen.authoring.scaffold_reads import HINTS, template_fact_reads
    from briefgen.bundled import templates_dir

    keys = {}
    for read in template_fact_reads("brief.md.j2", [templates_dir()]):
        need = "needed by the brief template" if read.required else "optional in the brief template"
        what = HINTS.get(read.key, read.key.replace("_", " "))
        shape = " (a list: items)" if read.items else ""
        keys[read.key] = {"description": f"{what}{shape}; {need}",
                          "allOf": [{"$ref": "#/definitions/Fact"}]}
    return keys


def build_schema(kind: str) -> dict:
    """The JSON Schema (draft-07) of one file kind: facts, theme, spec or manifest."""
    if kind not in KINDS:
        raise ValueError(f"unknown schema kind {kind!r}; one of {', '.join(KINDS)}")
    model, title = _models()[kind]
    raw = model.model_json_schema()
    text = json.dumps(raw).replace('"#/$defs/', '"#/definitions/')
    schema = _loosen(json.loads(text))
    defs = schema.pop("$defs", {})
    for name, sub in defs.items():
        _add_rules(sub, name)
    _add_rules(schema, model.__name__)
    schema["definitions"] = defs
    if kind == "facts":
        schema["properties"]["facts"]["properties"] = known_fact_keys()
    ordered = {"$schema": DRAFT, "title": title, "description": schema.pop("description", ""),
               "x-generated-by": "python -m briefgen.authoring.jsonschemas (from the pydantic models)"}
    schema.pop("title", None)
    ordered.update(schema)
    if not ordered["definitions"]:
        ordered.pop("definitions")
    return ordered


def schema_text(kind: str) -> str:
    """The schema as the shipped file holds it: JSON indented by two, with a final newline."""
    return json.dumps(build_schema(kind), indent=2, ensure_ascii=False) + "\n"


SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:.*\n?")


def with_schema_line(text: str, ref: str) -> str:
    """``text`` (YAML) starting with ``# yaml-language-server: $schema=<ref>`` (replacing one)."""
    return f"# yaml-language-server: $schema={ref}\n" + SCHEMA_LINE.sub("", text, count=1)


def write_shipped(folder: Path | None = None) -> list[Path]:
    """Regenerate the shipped schema files (``schemas/`` of the checkout); returns the paths."""
    folder = Path(folder) if folder else Path(__file__).resolve().parents[2] / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = folder / schema_file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m briefgen.authoring.jsonschemas: regenerate schemas/*.schema.json
    for written in write_shipped():
        print(written)
