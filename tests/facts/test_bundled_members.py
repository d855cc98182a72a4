"""Every former member in a bundled facts file is one state with its own dates.

A timeline draws a member from ``joined`` to ``left``; a former member without
``left`` is drawn as a member to this day, and an entry naming several states
gives them all one pair of dates that is true of at most one of them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from briefgen.facts import load_facts

FACTS = sorted((ROOT / "facts").glob("*.yaml"))


def former_member_problems(path) -> list[str]:
    """Why the former members of one facts file would be drawn wrong, one line each."""
    model = load_facts(path).model
    fact = model.facts.get("former_members")
    problems = []
    for item in (fact.items or []) if fact else []:
        name = item.name or item.text or "?"
        if item.left is None:
            problems.append(f"{path.name}: former member {name} has no 'left' date")
        if item.joined is None:
            problems.append(f"{path.name}: former member {name} has no 'joined' date")
        if item.left and item.joined and item.left <= item.joined:
            problems.append(f"{path.name}: former member {name} left before it joined")
        if item.left and item.left > model.as_of + dt.timedelta(days=1):
            problems.append(f"{path.name}: former member {name} leaves after the file's as_of")
        if "," in name or " and " in name:
            problems.append(f"{path.name}: former member entry {name!r} names several states")
    return problems


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_every_former_member_has_its_own_entry_and_dates(path):
    assert former_member_problems(path) == []


def test_the_check_catches_a_grouped_entry_without_left(tmp_path):
    """The check really fails on the old Rio entry: three states, one pair of dates, no 'left'."""
    text = (ROOT / "facts" / "rio.yaml").read_text(encoding="utf-8")
    start = text.index("      - name: Bolivia\n")
    end = text.index("      - name: Nicaragua\n")
    grouped = ("      - name: Bolivia, Ecuador, Nicaragua\n"
               "        joined: 1947-09-02\n"
               "        status: left 2013-14, announced June 2012\n"
               "        sources: [oas-b29-sigs]\n")
    bad = tmp_path / "rio.yaml"
    bad.write_text(text[:start] + grouped + text[end:], encoding="utf-8")
    # briefgen itself refuses it now (BG151, issue 26), naming the entry's line
    from briefgen.errors import InputError

    with pytest.raises(InputError, match=r"rio\.yaml:\d+: former_members\[2\] \(Bolivia, Ecuador, "
                       r"Nicaragua\) has no 'left' date"):
        load_facts(bad)


def test_rio_former_parties_are_the_five_that_denounced():
    model = load_facts(ROOT / "facts" / "rio.yaml").model
    names = [item.name for item in model.facts["former_members"].items]
    assert sorted(names) == ["Bolivia", "Ecuador", "Mexico", "Nicaragua", "Venezuela"]
    mexico = next(i for i in model.facts["former_members"].items if i.name == "Mexico")
    # Notice deposited 6 Sep 2002; Article 25: out two years after the OAS received it.
    assert mexico.left == dt.date(2004, 9, 6)
