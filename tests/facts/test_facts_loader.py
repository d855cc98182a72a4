"""The facts schema and its messages: every problem, with its line, in one run."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.errors import InputError
from briefgen.facts import check_age, load_facts

VALID_HEAD = """\
id: t
title: T
as_of: 2026-01-01
sources:
  - id: s1
    title: Source one
    url: https://example.org/1
facts:
"""


def test_valid_file_types_dates_and_items(mini_facts):
    facts = load_facts(mini_facts)
    model = facts.model
    assert model.as_of == dt.date(2026, 11, 1)
    members = model.facts["members"].items
    assert members[0].joined == dt.date(1992, 5, 15)
    assert members[1].field("status") == "participation frozen"
    assert "Малый" in model.facts["native_name"].value


def test_all_problems_are_reported_with_lines(write_yaml):
    path = write_yaml(
        "id: Bad Id\n"  # 1
        "title: T\n"  # 2
        "as_of: 2026-13-01\n"  # 3
        "sources:\n"  # 4
        "  - id: s1\n"  # 5
        "    title: S\n"  # 6
        "    url: ftp://x\n"  # 7
        "    soruce: 1\n"  # 8
        "facts:\n"  # 9
        "  hq:\n"  # 10
        "    value: Moscow\n"  # 11
    )
    with pytest.raises(InputError) as info:
        load_facts(path)
    lines = info.value.lines()
    assert any(line.startswith(f"{path}:1: 'id'") for line in lines)
    assert any(line.startswith(f"{path}:3: 'as_of': '2026-13-01' is not a date") for line in lines)
    assert any(line.startswith(f"{path}:7: ") and "web address" in line for line in lines)
    assert any(line.startswith(f"{path}:8: unknown key 'soruce'") for line in lines)
    assert any(line.startswith(f"{path}:10: ") and "sources" in line for line in lines)
    assert len(lines) == 5


def test_unknown_source_id_suggests_the_close_one(write_yaml):
    path = write_yaml(VALID_HEAD + "  hq:\n    value: X\n    sources: [s2]\n")
    with pytest.raises(InputError) as info:
        load_facts(path)
    assert info.value.lines() == [
        f"{path}:11: source 's2' is not listed under 'sources:'; known ids: s1"
    ]


def test_misspelt_fact_key_suggests_the_field(write_yaml):
    path = write_yaml(VALID_HEAD + "  hq:\n    valeu: X\n    sources: [s1]\n")
    with pytest.raises(InputError) as info:
        load_facts(path)
    assert f"{path}:10: unknown key 'valeu'; did you mean 'value'?" in info.value.lines()


def test_number_where_a_list_is_expected(write_yaml):
    path = write_yaml(VALID_HEAD + "  hq:\n    value: X\n    sources: 3\n")
    with pytest.raises(InputError) as info:
        load_facts(path)
    assert info.value.lines() == [f"{path}:11: 'facts.hq.sources' must be a list, not '3'"]


def test_yaml_no_is_text_where_the_schema_wants_text(write_yaml):
    path = write_yaml(VALID_HEAD + "  country:\n    value: no\n    sources: [s1]\n")
    assert load_facts(path).model.facts["country"].value == "no"


def test_not_a_mapping(write_yaml):
    with pytest.raises(InputError, match="must be a mapping"):
        load_facts(write_yaml("- a\n- b\n"))


def test_value_and_items_are_exclusive(write_yaml):
    path = write_yaml(VALID_HEAD + "  m:\n    value: X\n    items: [{name: a}]\n    sources: [s1]\n")
    with pytest.raises(InputError, match="exactly one of 'value'"):
        load_facts(path)


def test_check_age_flags_old_facts(mini_facts):
    facts = load_facts(mini_facts)
    assert check_age(facts, 365, today=dt.date(2026, 11, 22)) == []
    stale = check_age(facts, 10, today=dt.date(2026, 11, 22))
    assert stale and "21 days old" in str(stale[0])


def test_unknown_source_ids_are_reported_with_schema_problems_in_one_run(write_yaml):
    path = write_yaml(VALID_HEAD + "  hq:\n    value: X\n    sources: [nope]\n"
                      "  founded:\n    value: 1992\n    as_of: not-a-date\n    sources: [s1]\n")
    with pytest.raises(InputError) as info:
        load_facts(path)
    assert info.value.lines() == [
        f"{path}:11: source 'nope' is not listed under 'sources:'; known ids: s1",
        f"{path}:14: 'facts.founded.as_of': 'not-a-date' is not a date; write YYYY-MM-DD",
    ]
