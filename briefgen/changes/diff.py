"""Compare two sides fact by fact: what was added, removed or changed, and where.

Organisations are matched by their facts file's ``id``; facts by key; the
entries of a list fact by their identity: the date when every entry has one
(an invocation, a request), else the name (a member state), else the text,
with a reworded text matched to its nearest old wording. Sources are matched
by id; each source change lists the claims citing it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import fields

from briefgen.changes.model import (
    Changes,
    Claim,
    FactChange,
    FieldChange,
    ItemChange,
    OrgChanges,
    SourceChange,
)
from briefgen.changes.sides import Side
from briefgen.facts import Facts
from briefgen.facts.records import ITEM_FIELDS, Fact, FactsFile, Item, Source

HEADER_FIELDS = tuple(f.name for f in fields(FactsFile) if f.name not in ("id", "sources", "facts"))
FACT_FIELDS = tuple(f.name for f in fields(Fact) if f.name != "items")
SOURCE_FIELDS = tuple(f.name for f in fields(Source) if f.name != "id")
"""Every field the records hold is compared, so a field the schema gains is reported too."""
REWORDED = 0.6
"""How alike (difflib ratio) an old and a new text entry must be to count as one reworded."""

def compare_sides(old: Side, new: Side) -> Changes:
    """Every organisation's changes, in the new side's order, then those only in the old."""
    olds = {f.id: f for f in old.files}
    news = {f.id: f for f in new.files}
    orgs = [compare_files(olds.get(i), f) for i, f in news.items()]
    orgs += [compare_files(f, None) for i, f in olds.items() if i not in news]
    notes = tuple(f"{name}: not a facts file (no 'facts:' key); skipped"
                  for name in [*old.skipped, *new.skipped])
    return Changes(old.spec, new.spec, tuple(orgs), notes)

def compare_files(old: Facts | None, new: Facts | None) -> OrgChanges:
    """One organisation's changes; a side that is ``None`` lacks the organisation."""
    either = new or old
    model = either.model
    base = dict(id=model.id, title=model.short_title or model.title, language=model.language,
                old_file=str(old.path) if old else None, new_file=str(new.path) if new else None,
                old_as_of=old.model.as_of if old else None,
                new_as_of=new.model.as_of if new else None)
    if old is None or new is None:
        facts = tuple(_whole_fact("added" if new else "removed", either, k)
                      for k in model.facts)
        return OrgChanges(kind="added" if new else "removed", facts=facts, **base)
    header = tuple(_fields(old.model, new.model, HEADER_FIELDS))
    facts = []
    for key in new.model.facts:
        if key not in old.model.facts:
            facts.append(_whole_fact("added", new, key))
        else:
            change = _compare_fact(old, new, key)
            if change is not None:
                facts.append(change)
    facts += [_whole_fact("removed", old, k) for k in old.model.facts if k not in new.model.facts]
    sources = _compare_sources(old, new)
    kind = "changed" if header or facts or sources else "same"
    return OrgChanges(kind=kind, header=header, facts=tuple(facts), sources=sources, **base)

def _label(key: str, fact: Fact) -> str:
    return fact.label or key.replace("_", " ").capitalize()

def _fields(old, new, names: Iterable[str]) -> list[FieldChange]:
    return [FieldChange(n, getattr(old, n), getattr(new, n)) for n in names
            if getattr(old, n) != getattr(new, n)]

def _whole_fact(kind: str, facts: Facts, key: str) -> FactChange:
    fact = facts.model.facts[key]
    line = facts.line_of("facts", key)
    items = tuple(_whole_item(kind, facts, key, n, identity)
                  for n, identity in enumerate(_identities(fact.items or [], fact.items or [])[0]))
    return FactChange(kind, key, _label(key, fact), items=items, value=fact.value,
                      sources=tuple(fact.sources),
                      old_line=line if kind == "removed" else None,
                      new_line=line if kind == "added" else None,
                      old_as_of=fact.as_of if kind == "removed" else None,
                      new_as_of=fact.as_of if kind == "added" else None)

def _compare_fact(old: Facts, new: Facts, key: str) -> FactChange | None:
    a, b = old.model.facts[key], new.model.facts[key]
    fields = [f for f in _fields(a, b, FACT_FIELDS)]
    items = _compare_items(old, new, key)
    if not fields and not items:
        return None
    return FactChange("changed", key, _label(key, b), tuple(fields), tuple(items),
                      old.line_of("facts", key), new.line_of("facts", key), b.value,
                      tuple(b.sources), a.as_of, b.as_of)

# ---- list items -----------------------------------------------------------

def _identities(old: list[Item], new: list[Item]) -> tuple[list[str], list[str]]:
    """Each entry's identity: its date if every entry has one, else its name, else its text."""
    both = [*old, *new]
    if both and all(i.date for i in both):
        pick = lambda i: i.date.isoformat()  # noqa: E731
    elif both and all(i.name for i in both):
        pick = lambda i: i.name  # noqa: E731
    else:
        pick = lambda i: i.name or (i.date.isoformat() if i.date else None) or _text(i)  # noqa: E731
    return [pick(i) for i in old], [pick(i) for i in new]

def _text(item: Item) -> str:
    return item.text or " ".join(v for v in item.extra.values()) or ""

def _item_fields(item: Item) -> dict:
    return {**{k: item.field(k) for k in ITEM_FIELDS}, **item.extra}

def _compare_items(old: Facts, new: Facts, key: str) -> list[ItemChange]:
    a = old.model.facts[key].items or []
    b = new.model.facts[key].items or []
    if not a and not b:
        return []
    ids_a, ids_b = _identities(a, b)
    pairs, left_a, left_b = _pair(a, b, ids_a, ids_b)
    changes: list[tuple[int, ItemChange]] = []
    for i, j in pairs:
        fa, fb = _item_fields(a[i]), _item_fields(b[j])
        fields = tuple(FieldChange(k, fa.get(k), fb.get(k)) for k in dict.fromkeys([*fa, *fb])
                       if fa.get(k) != fb.get(k))
        if fields:
            changes.append((j, ItemChange("changed", ids_b[j], fields,
                                          old.line_of("facts", key, "items", i),
                                          new.line_of("facts", key, "items", j),
                                          _display(b[j]), _item_sources(new, key, b[j]))))
    changes += [(j, _whole_item("added", new, key, j, ids_b[j])) for j in left_b]
    ordered = [c for _, c in sorted(changes, key=lambda pair: pair[0])]
    return ordered + [_whole_item("removed", old, key, i, ids_a[i]) for i in left_a]

def _pair(a: list[Item], b: list[Item], ids_a: list[str], ids_b: list[str]):
    """Pairs (old index, new index) of the same entry; the old and new entries left over.

    Entries of the same identity (a state that was a member twice) pair by their
    dates, then in order; text entries left over pair with their nearest rewording.
    """
    pairs: list[tuple[int, int]] = []
    left_a = list(range(len(a)))
    left_b = []
    for j, ident in enumerate(ids_b):
        same = [i for i in left_a if ids_a[i] == ident]
        dated = [i for i in same if _when(a[i]) == _when(b[j])]
        match = (dated or same or [None])[0]
        if match is None:
            left_b.append(j)
        else:
            pairs.append((match, j))
            left_a.remove(match)
    for j in list(left_b):
        if b[j].name or b[j].date:
            continue
        scored = [(difflib.SequenceMatcher(None, _text(a[i]), _text(b[j])).ratio(), i)
                  for i in left_a if not (a[i].name or a[i].date)]
        best = max(scored, default=(0.0, None))
        if best[0] >= REWORDED:
            pairs.append((best[1], j))
            left_a.remove(best[1])
            left_b.remove(j)
    return pairs, left_a, left_b

def _when(item: Item):
    return item.date or item.joined or item.left

def _display(item: Item) -> str:
    """How an entry reads in a change list: name or text, with its dates."""
    what = item.name or _text(item)
    dates = [d.isoformat() for d in (item.joined, item.left) if d]
    return f"{what} ({'–'.join(dates)})" if dates and item.name else what

def _item_sources(facts: Facts, key: str, item: Item) -> tuple[str, ...]:
    return tuple(item.sources or facts.model.facts[key].sources)

def _whole_item(kind: str, facts: Facts, key: str, n: int, identity: str) -> ItemChange:
    item = (facts.model.facts[key].items or [])[n]
    line = facts.line_of("facts", key, "items", n)
    return ItemChange(kind, identity, (), line if kind == "removed" else None,
                      line if kind == "added" else None, _display(item),
                      _item_sources(facts, key, item))

# ---- sources --------------------------------------------------------------

def claims_citing(facts: Facts, source_id: str) -> tuple[Claim, ...]:
    """The facts, and the entries with sources of their own, that cite ``source_id``."""
    claims = []
    for key, fact in facts.model.facts.items():
        label = _label(key, fact)
        if source_id in fact.sources:
            claims.append(Claim(key, label))
        items = fact.items or []
        idents = _identities(items, [])[0]
        claims += [Claim(key, label, ident) for item, ident in zip(items, idents, strict=True)
                   if source_id in item.sources and source_id not in fact.sources]
    return tuple(claims)

def _compare_sources(old: Facts, new: Facts) -> tuple[SourceChange, ...]:
    a = {s.id: (n, s) for n, s in enumerate(old.model.sources)}
    b = {s.id: (n, s) for n, s in enumerate(new.model.sources)}
    added = [sid for sid in b if sid not in a]
    out = []
    for sid, (n, source) in b.items():
        line = new.line_of("sources", n)
        if sid not in a:
            out.append(SourceChange("added", sid, source.title, (), claims_citing(new, sid),
                                    new_line=line))
            continue
        fields = tuple(_fields(a[sid][1], source, SOURCE_FIELDS))
        if fields:
            out.append(SourceChange(_source_kind(fields), sid, source.title, fields,
                                    claims_citing(new, sid), (), old.line_of("sources", a[sid][0]),
                                    line))
    for sid, (n, source) in a.items():
        if sid not in b:
            claims = claims_citing(old, sid)
            out.append(SourceChange("removed", sid, source.title, (), claims,
                                    _replacements(new, claims, added),
                                    old_line=old.line_of("sources", n)))
    return tuple(out)

def _source_kind(fields: tuple[FieldChange, ...]) -> str:
    names = {f.field for f in fields}
    if "url" in names:
        return "replaced"
    return "redated" if names == {"accessed"} else "edited"

def _replacements(new: Facts, claims: tuple[Claim, ...], added: list[str]) -> tuple[str, ...]:
    """Added sources that the claims which cited a removed source cite now."""
    found: dict[str, None] = {}
    for sid in added:
        if any(c.fact == k.fact and c.item == k.item for k in claims_citing(new, sid)
               for c in claims) or any(
                   c.fact in new.model.facts and sid in new.model.facts[c.fact].sources
                   for c in claims):
            found[sid] = None
    return tuple(found)
