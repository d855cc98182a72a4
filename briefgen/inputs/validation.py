"""Validate parsed YAML against a pydantic model; every problem as ``file:line: message``.

Facts files, comparison specs, themes and course manifests all go through
:func:`validate`, so they word their problems alike: a missing key, an unknown
key (with a did-you-mean hint), a value of the wrong kind, a date or address
that is not one.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefgen.errors import Problem, input_error, problems_error
from briefgen.inputs.codes import schema_code
from briefgen.inputs.todo import only_todo_on_its_line
from briefgen.inputs.wording import close_match, suggest

if TYPE_CHECKING:  # importing briefgen.facts here would be circular
    from briefgen.inputs.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

SLUG = r"^[a-z0-9][a-z0-9_.-]*$"
URL = r"^https?://\S+$"
COLOUR = r"^#[0-9A-Fa-f]{6}$"

PATTERN_HINTS = {
    SLUG: "must be lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
    URL: "is not a web address (http:// or https://)",
    COLOUR: "is not a colour; write #RRGGBB, e.g. #1F4E79",
}


def validate(model: type[M], doc: YamlDocument, what: str, shape: str,
             also: list[Problem] | None = None) -> M:
    """``doc.data`` as ``model``, or one InputError listing every problem with its line.

    ``what`` names the kind of file ("facts file"); ``shape`` hints at its top
    level when it is not a mapping ("id:, title:, sources:, facts:"). ``also``
    holds problems found outside the schema (on the raw data): they are
    reported in the same run, in line order with the schema's.
    """
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "plain text"
        raise input_error(doc.file, 1, f"a {what} must be a mapping ({shape}), not {kind}", "BG011")
    problems = list(also or [])
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        problems = sorted(explain(exc, doc, model, what) + problems, key=lambda p: p.line or 0)
    problems = only_todo_on_its_line(problems)
    if problems:
        raise problems_error(problems, doc.file) from None
    return result


def explain(exc: ValidationError, doc: YamlDocument, model: type[BaseModel],
            what: str = "") -> list[Problem]:
    """Pydantic's errors as located, readable, coded problems (duplicates dropped).

    ``what`` (e.g. "facts file") picks the code range: BG1xx facts, BG3xx
    theme, BG4xx spec, BG5xx manifest (see :mod:`briefgen.inputs.codes`).
    """
    problems = []
    for err in exc.errors(include_url=False):
        loc = _user_loc(err["loc"], doc.data)
        suffix, message, hint = _message(err, loc, model, doc.data)
        problems.append(doc.problem(loc, message, schema_code(what, suffix), hint))
    return list(dict.fromkeys(problems))


def _message(err: dict, loc: tuple, model: type[BaseModel],
             data: Any = None) -> tuple[int, str, str | None]:
    """(code suffix, message, suggestion): the suffixes are listed in :mod:`briefgen.inputs.codes`."""
    from briefgen.inputs.wording import place

    kind, value = err["type"], err.get("input")
    field = place(loc, data)
    ctx = err.get("ctx") or {}
    if kind == "too_short":
        return 28, f"'{field}' is empty; list at least one", None
    if kind == "literal_error":
        return 29, f"'{field}': '{value}' is not one of {ctx.get('expected', 'the allowed values')}", None
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        word = {"greater_than_equal": "at least", "less_than_equal": "at most",
                "greater_than": "more than", "less_than": "less than"}[kind]
        return 28, f"'{field}': {value} must be {word} {bound}", None
    if kind == "missing":
        return 20, f"'{field}' is missing", None
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1])
        return (21, f"unknown key '{loc[-1]}'" + suggest(str(loc[-1]), allowed),
                close_match(str(loc[-1]), allowed))
    if kind.startswith("date"):
        return 22, f"'{field}': '{value}' is not a date; write YYYY-MM-DD", None
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        hint = PATTERN_HINTS.get(pattern, f"does not match {pattern}")
        return 23, f"'{field}': '{value}' {hint}", None
    if kind == "string_type":
        return 24, f"'{field}' must be text, not {_kind_of(value)}", None
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        want = "a list" if kind == "list_type" else "a mapping"
        return 25, f"'{field}' must be {want}, not {_kind_of(value)}", None
    if kind in ("bool_parsing", "bool_type"):
        return 26, f"'{field}': '{value}' is not true or false", None
    if kind.startswith(("float", "int")):
        return 27, f"'{field}': '{value}' is not a number", None
    suffix = 29 if kind in ("literal_error", "enum") else 28 if kind in _LIMITS else 30
    return suffix, f"'{field}': {err['msg'].removeprefix('Value error, ')}", None


_LIMITS = {"too_short", "too_long", "string_too_short", "string_too_long", "greater_than",
           "greater_than_equal", "less_than", "less_than_equal"}


def allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model`` ([] if none)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _step(tp: Any, part: Any) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(tp: Any) -> Any:
    """The model, list or dict type inside an Optional or union annotation."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = _unwrap(arg)
            if (isinstance(inner, type) and issubclass(inner, BaseModel)) or typing.get_origin(
                    inner) in (list, dict):
                return inner
    return tp


def _user_loc(loc: tuple, data: Any) -> tuple:
    """``loc`` without the union members pydantic names in it (``facts.str``, ``list[str]``).

    Decided against the data, not by the name: a user's own key called ``str``,
    ``int`` or holding a ``[`` is a key of the data at that point, so it stays.
    """
    out: list = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif _is_type_tag(part):
            continue
        else:
            current = None
        out.append(part)
    return tuple(out)


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool"})


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
