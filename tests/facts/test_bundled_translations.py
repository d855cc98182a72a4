"""Every bundled translation holds the same facts as its original, item by item.

A translated facts file (``translation_of:``) is printed to readers as the same brief in
another language, so it may not drop a fact, add one, drop a field of a list entry (a
member's status, an invocation's note) or lose a number (a date, a count) that the
original states. Wording is checked by people (facts/REVIEW.md); these checks catch the
omissions a reviewer found by hand: a charter fact that lost its date and place, member
entries that lost their status.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import ROOT

from briefgen.facts import load_facts

FACTS = {p.stem: p for p in sorted((ROOT / "facts").glob("*.yaml"))}
TRANSLATIONS = [p for p in FACTS.values() if load_facts(p).model.translation_of]
# Fields whose text is prose in the file's language; their numbers must survive translation.
TEXT_FIELDS = ("value", "note", "text", "outcome", "status", "by", "name")


def numbers(text: str) -> set[str]:
    """The numbers a text states: 2,000 and 2 000 are 2000; 2021-2022 is 2021 and 2022."""
    text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", text or "")
    return set(re.findall(r"\d+", text))


def item_fields(item) -> dict:
    """An entry's fields that are set, declared and extra alike."""
    declared = {f.name: getattr(item, f.name) for f in dataclasses.fields(item) if f.name != "extra"}
    fields = {k: v for k, v in declared.items() if v not in (None, [], ())}
    return fields | dict(item.extra)


def original_of(path):
    model = load_facts(path).model
    return next(p for p in FACTS.values() if load_facts(p).model.id == model.translation_of)


def translation_problems(original_path, translation_path) -> list[str]:
    """How the translation differs in content from its original, one line each."""
    orig = load_facts(original_path).model
    tran = load_facts(translation_path).model
    problems = [f"fact {k} is missing" for k in orig.facts if k not in tran.facts]
    problems += [f"fact {k} is not in the original" for k in tran.facts if k not in orig.facts]
    if orig.subtitle and numbers(orig.subtitle) - numbers(tran.subtitle or ""):
        problems.append("subtitle lost numbers " + str(sorted(numbers(orig.subtitle))))
    for key, fact in orig.facts.items():
        other = tran.facts.get(key)
        if other is None:
            continue
        for field in ("value", "note"):
            lost = numbers(getattr(fact, field) or "") - numbers(getattr(other, field) or "")
            if lost:
                problems.append(f"fact {key} {field} lost {sorted(lost)}")
        if fact.as_of != other.as_of:
            problems.append(f"fact {key} as_of differs")
        items, others = fact.items or [], other.items or []
        if len(items) != len(others):
            problems.append(f"fact {key} has {len(others)} entries, original {len(items)}")
            continue
        for i, (a, b) in enumerate(zip(items, others, strict=True)):
            da, db = item_fields(a), item_fields(b)
            for field in sorted(set(da) - set(db)):
                problems.append(f"fact {key}[{i}] lacks field {field!r}")
            for field in sorted(set(db) - set(da)):
                problems.append(f"fact {key}[{i}] has field {field!r} the original lacks")
            for field in ("date", "joined", "left", "sources"):
                if da.get(field) != db.get(field):
                    problems.append(f"fact {key}[{i}] {field} differs")
            for field in TEXT_FIELDS:
                lost = numbers(str(da.get(field, ""))) - numbers(str(db.get(field, "")))
                if lost:
                    problems.append(f"fact {key}[{i}] {field} lost {sorted(lost)}")
    return problems


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.stem)
def test_translation_has_every_fact_entry_field_and_number_of_its_original(path):
    assert translation_problems(original_of(path), path) == []


def test_there_is_a_bundled_translation_to_check():
    assert [p.stem for p in TRANSLATIONS] == ["csto.ru"]


def test_the_check_catches_the_omissions_the_review_found(tmp_path):
    """The check fails on the kinds of drift the review found by hand, one at a time."""
    path = FACTS["csto.ru"]
    text = path.read_text(encoding="utf-8")
    cases = {
        "dropped date and place": (
            "      14 мая 2002 года Совет коллективной безопасности Договора на сессии в Москве решил\n"
            "      преобразовать Договор в региональную организацию. Её Устав подписан в Кишинёве 7\n"
            "      октября 2002 года и вступил в силу 18 сентября 2003 года.\n",
            "      Устав подписан в Кишинёве, в силе с 2003 года.\n", "charter value lost"),
        "dropped status": ('      - name: "Казахстан"\n        joined: 1992-05-15\n        status: "член"\n',
                           '      - name: "Казахстан"\n        joined: 1992-05-15\n',
                           "lacks field 'status'"),
    }
    for label, (old, new, expected) in cases.items():
        assert old in text, label
        bad = tmp_path / "csto.ru.yaml"
        bad.write_text(text.replace(old, new, 1), encoding="utf-8")
        problems = translation_problems(FACTS["csto"], bad)
        assert any(expected in p for p in problems), (label, problems)


def test_numbers_are_read_as_a_reader_would():
    assert numbers("About 2,000 troops in 2021-2022") == {"2000", "2021", "2022"}
    assert numbers("Около 2 000 военных") == {"2000"}
