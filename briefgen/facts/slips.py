"""An author's slips: a facts file held against what the templates of a run read.

:mod:`briefgen.templating.reads` knows which facts and item fields a template
reads; here a loaded facts file is compared with that, and every mismatch is a
:class:`~briefgen.errors.Problem` pointing at its own line:

- a fact a template requires and the file lacks (an error, ``BG103``);
- a fact key no template of the run reads and that looks like a misspelling of
  one that is read or standard (a warning, ``BG101``);
- the same for item fields (``BG102``), and an item lacking a field that most
  of its siblings have and a template reads (``BG108``).

The codes are listed in ``docs/diagnostics.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefgen.errors import Problem
from briefgen.facts import Facts
from briefgen.facts.records import ITEM_FIELDS, Item
from briefgen.templating.reads import TemplateReads, analyse_template

STANDARD_FACTS = (
    "name", "abbreviation", "native_name", "summary", "founding_treaty", "treaty_in_force",
    "charter", "headquarters", "secretary_general", "members", "former_members",
    "defence_clause", "defence_clause_obligation", "defence_clause_scope", "decision_making",
    "forces", "exercises", "invocations", "declined_requests", "criticisms",
)
"""The standard fact keys of ``docs/facts-format.md``: a near miss of one is a likely typo."""


def typo_distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, replace, swap two neighbours) turning ``a`` into ``b``.

    With ``limit``, any distance above it comes back as ``limit + 1``, and only the
    cells within ``limit`` of the table's diagonal are worked out (a cell further
    off needs more edits than that); the search stops as soon as two rows both
    exceed it (a swap looks back two rows): most pairs of words differ in their
    first letters, so a near-miss search over every fact key stops after a few rows each.
    """
    if limit is not None:
        return _within(a, b, limit)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _within(a: str, b: str, limit: int) -> int:
    """:func:`typo_distance` capped at ``limit + 1``, over the band ``|i - j| <= limit``.

    A cell off the band, or one whose count passes ``limit``, holds ``limit + 1``:
    whatever is built on it passes ``limit`` too, so a distance within the limit
    comes out exact and any other as ``limit + 1``.
    """
    over = limit + 1
    if abs(len(a) - len(b)) > limit:
        return over
    # An insert or delete adds or drops at most one letter of the word's set of letters, a
    # replacement two, a swap none: letters that only one word has need half as many edits.
    if len(set(a) ^ set(b)) > 2 * limit:
        return over
    n = len(b)
    prev2: list[int] = []
    prev = [j if j <= limit else over for j in range(n + 1)]
    for i, ca in enumerate(a, 1):
        cur = [over] * (n + 1)
        if i <= limit:
            cur[0] = i
        for j in range(max(1, i - limit), min(n, i + limit) + 1):
            cb = b[j - 1]
            d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                d = min(d, prev2[j - 2] + 1)
            cur[j] = d if d < over else over
        if min(cur) > limit and min(prev) > limit:
            return over
        prev2, prev = prev, cur
    return prev[-1]


def near_miss(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` is most likely a misspelling of, or None.

    Close means one edit for short words, two for words of eight letters or
    more, or the same letters in another case. A word that only adds or drops
    a whole ``_part`` (``defence_clause_ru`` and ``defence_clause``) is a
    different name, not a slip.
    """
    pool = set(choices)
    if word in pool:  # the search ends at the word itself; only its case twin before it counts
        folded = word.lower()
        return next((c for c in sorted(pool) if c < word and c.lower() == folded), None)
    best, best_d = None, 99
    for choice in sorted(pool):
        if choice == word:
            return None
        if word.lower() == choice.lower():
            return choice
        longer, shorter = (word, choice) if len(word) > len(choice) else (choice, word)
        if longer.startswith(shorter + "_") or longer.endswith("_" + shorter):
            continue
        limit = 2 if min(len(word), len(choice)) >= 8 else 1
        if abs(len(word) - len(choice)) > limit:  # the distance is at least that: skip it
            continue
        d = typo_distance(word.lower(), choice.lower(), limit)
        if d <= limit and d < best_d:
            best, best_d = choice, d
    return best


def bundled_reads() -> list[TemplateReads]:
    """What every bundled sheet template reads (``_name`` macro files excluded)."""
    from briefgen.bundled import templates_dir
    from briefgen.templating.environment import TEMPLATE_SUFFIX, template_search_path

    names = sorted(p.name for p in templates_dir().glob("*" + TEMPLATE_SUFFIX)
                   if not p.name.startswith("_"))
    search = [templates_dir()]
    del template_search_path  # the bundled ones only, whatever ./templates holds
    return [analyse_template(n, search) for n in names]


def item_label(key: str, index: int, item: Item) -> str:
    """An item as a person names it: ``members[2] (Belarus)`` (1-based)."""
    name = item.name or item.text or ""
    short = name if len(name) <= 40 else name[:37] + "…"
    return f"{key}[{index + 1}]" + (f" ({short})" if short else "")


def template_label(reads: TemplateReads) -> str:
    """``the brief template`` for a template file ``brief.md.j2``."""
    from briefgen.templating.environment import template_stem

    return f"the {template_stem(reads.name)} template"


def missing_required(facts: Facts, reads: TemplateReads, severity: str = "error") -> list[Problem]:
    """Facts the template cannot build without and the file lacks (``BG103``)."""
    line = facts.line_of("facts")
    return [Problem(str(facts.path), line,
                    f"{template_label(reads)} needs a fact '{key}' ({read.where}); "
                    f"add it to {facts.path.name}", severity=severity, code="BG103")
            for key, read in reads.required().items() if key not in facts.model.facts]


def targets(facts: Facts, reads: TemplateReads) -> bool:
    """Whether the file looks meant for this template: it has half its required facts or more
    (besides ``name``), or three of the facts it uses.

    A file written for comparisons may well carry a ``name`` without being meant
    for a brief; one with half a brief's needs is a brief's file missing the rest.
    """
    required = [k for k in reads.required() if k != "name"] or reads.required()  # every file has a name
    have = sum(k in facts.model.facts for k in required)
    used = sum(k in facts.model.facts for k in reads.used_keys() if k != "name")
    return (have * 2 >= len(required) and (have > 0 or not required)) or used >= 3


def slips(facts: Facts, runs: list[TemplateReads], spec_keys: Iterable[str] = ()) -> list[Problem]:
    """Warnings for keys and item fields that look misspelt or are missing among siblings."""
    used = set(spec_keys)
    fields: dict[str, dict] = {}
    alternatives: dict[tuple[str, str], set[str]] = {}
    any_fact = False
    for reads in runs:
        used |= reads.used_keys()
        any_fact |= reads.any_fact
        for pair, alts in reads.alternatives.items():
            alternatives.setdefault(pair, set()).update(alts)
        for key, found in reads.item_fields().items():
            for fld, read in found.items():
                fields.setdefault(key, {}).setdefault(fld, read)
    from briefgen.facts.dates import date_warnings

    problems = date_warnings(facts)
    if not any_fact:
        problems += _unknown_keys(facts, used)
    for key, fact in facts.model.facts.items():
        if fact.items:
            alts = {f: a for (k, f), a in alternatives.items() if k == key}
            problems += _item_slips(facts, key, fact.items, fields.get(key, {}), alts)
    return problems


def _unknown_keys(facts: Facts, used: set[str]) -> list[Problem]:
    problems = []
    for key in facts.model.facts:
        if key in used:
            continue
        close = near_miss(key, used | set(STANDARD_FACTS))
        if close and close not in facts.model.facts:
            problems.append(Problem(str(facts.path), facts.line_of("facts", key),
                                    f"unknown fact '{key}'; did you mean '{close}'?",
                                    severity="warning", code="BG101", suggestion=close))
    return problems


def _item_slips(facts: Facts, key: str, items: list[Item], read: dict,
                alternatives: dict[str, set[str]]) -> list[Problem]:
    known = set(read) | set(ITEM_FIELDS)
    problems = []
    for n, item in enumerate(items):
        for fld in item.extra:
            close = near_miss(fld, known)
            if fld not in read and close and item.field(close) is None:
                problems.append(Problem(
                    str(facts.path), facts.line_of("facts", key, "items", n, fld),
                    f"{item_label(key, n, item)}: unknown field '{fld}'; did you mean '{close}'?",
                    severity="warning", code="BG102", suggestion=close))
    for fld, where in read.items():
        having = [i for i in items if i.field(fld) is not None]
        if fld in ("name", "text", "note", "comment") or len(having) * 2 <= len(items) \
                or len(having) < 2:  # a note is for the few items that need one
            continue
        for n, item in enumerate(items):
            misspelt = any(near_miss(x, [fld]) for x in item.extra)
            if item.field(fld) is None and not misspelt and not any(
                    item.field(a) is not None for a in alternatives.get(fld, ())):
                problems.append(Problem(
                    str(facts.path), facts.line_of("facts", key, "items", n),
                    f"{item_label(key, n, item)} has no '{fld}', which {len(having)} of the "
                    f"other {len(items) - 1} items have and {where.where} reads",
                    severity="warning", code="BG108"))
    return problems


def needs_markdown(runs: list[TemplateReads]) -> str:
    """The facts each template needs and uses, as the Markdown list ``docs/facts-format.md`` holds."""
    from briefgen.kinds import reads_spec
    from briefgen.templating.environment import template_stem

    lines = []
    for reads in runs:
        required = sorted(reads.required())
        optional = sorted(reads.used_keys() - set(required))
        fields = reads.item_fields()
        parts = [f"- **{template_stem(reads.name)}** needs "
                 + (", ".join(f"`{k}`" for k in required) or "no fact")]
        if optional:
            parts.append("; uses when present: " + ", ".join(f"`{k}`" for k in optional))
        if reads_spec(reads.name):
            parts.append("; the facts it compares are named by the spec's rows")
        lines.append("".join(parts) + ".")
        for key in sorted(fields):
            lines.append(f"  Items of `{key}`: " + ", ".join(f"`{f}`" for f in sorted(fields[key]))
                         + ".")
    return "\n".join(lines) + "\n"
