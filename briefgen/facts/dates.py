"""Dates are data: membership dates checked on the raw file, with their lines.

- A ``former_members`` item without ``left`` (and without ``periods``) is an
  error (BG151): the timeline would otherwise draw the state as a member to this
  day, and the brief would print "Mexico, 1947–".
- A ``members`` item without ``joined`` is a warning (BG152): it prints with no
  year (never as empty brackets) and has no bar on the timeline.
- An item that names several states under one date, while its own note gives
  another year, is a warning (BG153): each state needs its own item for
  its own dates ("Bolivia, Ecuador, Nicaragua (1947)" when Ecuador signed in 1949).
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.errors import Problem

MEMBER_LISTS = ("members", "former_members")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_GROUP = re.compile(r",|\band\b|\bи\b")


def _label(key: str, n: int, item: dict) -> str:
    name = item.get("name") or item.get("text")
    return f"{key}[{n + 1}]" + (f" ({name})" if isinstance(name, str) else "")


def _items(data: Any, key: str) -> list:
    facts = data.get("facts") if isinstance(data, dict) else None
    fact = facts.get(key) if isinstance(facts, dict) else None
    items = fact.get("items") if isinstance(fact, dict) else None
    return items if isinstance(items, list) else []


def former_without_left(doc) -> list[Problem]:
    """Errors for former members with no ``left`` date (nor ``periods``), each at its line."""
    problems = []
    for n, item in enumerate(_items(doc.data, "former_members")):
        if isinstance(item, dict) and not item.get("left") and not item.get("periods"):
            problems.append(doc.problem(
                ("facts", "former_members", "items", n),
                f"{_label('former_members', n, item)} has no 'left' date; a former member needs "
                "the day it left (left: YYYY-MM-DD), else it would be drawn as a member to this day",
                "BG151"))
    return problems


def date_warnings(facts) -> list[Problem]:
    """Warnings for members without ``joined`` and for items grouping states of different dates."""
    data = facts.doc.data if getattr(facts, "doc", None) is not None else None
    problems = []
    for key in MEMBER_LISTS:
        for n, item in enumerate(_items(data, key)):
            if not isinstance(item, dict):
                continue
            line = facts.line_of("facts", key, "items", n)
            if key == "members" and not item.get("joined") and not item.get("periods"):
                problems.append(Problem(
                    str(facts.path), line,
                    f"{_label(key, n, item)} has no 'joined' date; it prints without a year "
                    "and has no bar on the timeline", severity="warning", code="BG152"))
            name, joined = item.get("name"), str(item.get("joined") or "")
            if not isinstance(name, str) or not _GROUP.search(name) or not joined[:4].isdigit():
                continue
            said = str(item.get("note") or "")
            others = sorted({y for y in _YEAR.findall(said) if y != joined[:4]})
            if others:
                problems.append(Problem(
                    str(facts.path), line,
                    f"{_label(key, n, item)} groups several states under one date ({joined[:4]}) "
                    f"while its text gives {', '.join(others)}; list each state as its own item "
                    "with its own dates", severity="warning", code="BG153"))
    return problems
