"""Translated facts files kept in step with the file they translate.

A file that says ``translation_of: csto`` is the same facts as the file whose
``id`` is ``csto``, written in another language. Words differ; structure must
not: the same fact keys, the same number of entries in each list, the same
dates and the same source ids cited by each fact (a source's title or URL may
be the other language's original). ``briefgen check`` reports every
difference as a warning, so a course that edits one file hears that the other
lags behind. The original is looked for among the files checked together,
then as ``<id>.yaml`` beside the translation.

Codes: BG201 fact keys, BG202 list lengths, BG203 dates, BG204 sources,
BG205 original not found.
"""

from __future__ import annotations

from briefgen.errors import BriefgenError, Problem
from briefgen.facts.loader import Facts, load_facts

ITEM_DATE_FIELDS = ("date", "joined", "left", "as_of", "status_since", "periods")
"""Item fields compared between translations: dates, which no language changes."""


def check_translations(files: list[Facts]) -> list[Problem]:
    """Warnings for every file among ``files`` that is out of step with its original."""
    by_id = {f.id: f for f in files}
    problems: list[Problem] = []
    for facts in files:
        original_id = facts.model.translation_of
        if not original_id:
            continue
        original = by_id.get(original_id) or _beside(facts, original_id)
        if original is None:
            problems.append(_warn(facts, ("translation_of",), "BG205",
                                  f"translation_of: '{original_id}', but no facts file with that "
                                  f"id was checked with it or found as {original_id}.yaml beside it"))
            continue
        problems += compare_translation(original, facts)
    return problems


def _beside(facts: Facts, original_id: str) -> Facts | None:
    for name in (f"{original_id}.yaml", f"{original_id}.yml"):
        path = facts.path.parent / name
        if path.is_file() and path.resolve() != facts.path.resolve():
            try:
                found = load_facts(path)
            except BriefgenError:
                return None  # its own problems are reported when it is checked
            return found if found.id == original_id else None
    return None


def _warn(facts: Facts, loc: tuple, code: str, message: str) -> Problem:
    return Problem(str(facts.path), facts.line_of(*loc) or 1, message, severity="warning", code=code)


def compare_translation(original: Facts, translation: Facts) -> list[Problem]:
    """How ``translation`` differs from ``original`` in keys, list lengths, dates and sources."""
    o, t = original.model, translation.model
    name = original.path.name
    out: list[Problem] = []
    if o.as_of != t.as_of:
        out.append(_warn(translation, ("as_of",), "BG203",
                         f"as_of is {t.as_of}, but {name} says {o.as_of}"))
    o_src, t_src = [s.id for s in o.sources], [s.id for s in t.sources]
    if set(o_src) != set(t_src):
        out.append(_warn(translation, ("sources",), "BG204",
                         f"sources differ from {name}: {_diff(set(o_src), set(t_src))}"))
    for key in o.facts.keys() - t.facts.keys():
        out.append(_warn(translation, ("facts",), "BG201",
                         f"fact '{key}' of {name} is missing from this translation"))
    for key in t.facts.keys() - o.facts.keys():
        out.append(_warn(translation, ("facts", key), "BG201",
                         f"fact '{key}' is not in {name}, which this file translates"))
    for key in [k for k in t.facts if k in o.facts]:
        out += _compare_fact(key, o.facts[key], t.facts[key], translation, name)
    return sorted(out, key=lambda p: (p.line or 0, p.code))


def _compare_fact(key, of, tf, translation: Facts, name: str) -> list[Problem]:
    out = []
    here = ("facts", key)
    if of.as_of != tf.as_of:
        out.append(_warn(translation, here, "BG203",
                         f"fact '{key}': as_of {tf.as_of}, but {name} says {of.as_of}"))
    if list(of.sources) != list(tf.sources):
        out.append(_warn(translation, here, "BG204",
                         f"fact '{key}' cites {tf.sources}, but {name} cites {of.sources}"))
    o_items, t_items = of.items or [], tf.items or []
    if (of.items is None) != (tf.items is None) or len(o_items) != len(t_items):
        out.append(_warn(translation, here, "BG202",
                         f"fact '{key}' has {_count(tf.items)}, but {name} has {_count(of.items)}"))
        return out
    for i, (oi, ti) in enumerate(zip(o_items, t_items, strict=True)):
        where = ("facts", key, "items", i)
        for field in ITEM_DATE_FIELDS:
            a, b = oi.field(field), ti.field(field)
            if a != b:
                out.append(_warn(translation, where, "BG203",
                                 f"fact '{key}', entry {i + 1}: {field} is {b}, "
                                 f"but {name} says {a}"))
        if list(oi.sources) != list(ti.sources):
            out.append(_warn(translation, where, "BG204",
                             f"fact '{key}', entry {i + 1} cites {ti.sources}, "
                             f"but {name} cites {oi.sources}"))
    return out


def _count(items) -> str:
    if items is None:
        return "a text value"
    return f"{len(items)} entr{'y' if len(items) == 1 else 'ies'}"


def _diff(a: set[str], b: set[str]) -> str:
    parts = []
    if a - b:
        parts.append("missing " + ", ".join(sorted(a - b)))
    if b - a:
        parts.append("extra " + ", ".join(sorted(b - a)))
    return "; ".join(parts)
