"""A pair of facts files (old term, new term) holding every kind of change the diff reports."""

OLD = """\
id: ally
title: Treaty Alliance
short_title: TA
language: en
as_of: 2026-01-15
sources:
  - id: charter
    title: Charter of the Alliance
    url: https://example.org/charter
    accessed: 2026-01-10
  - id: news-old
    title: Old news report
    url: https://example.org/news-old
    accessed: 2026-01-10
  - id: moved
    title: Members page
    url: https://example.org/members
    accessed: 2026-01-10
  - id: gone
    title: A report no longer cited
    url: https://example.org/gone
    accessed: 2026-01-10
facts:
  headquarters:
    label: Headquarters
    value: Geneva
    sources: [charter]
  member_count:
    label: Members
    value: eight states
    sources: [moved]
    as_of: 2026-01-10
  motto:
    label: Motto
    value: Together
    sources: [charter]
  members:
    label: Member states
    sources: [moved]
    items:
      - name: Alpha
        joined: 1992-05-15
        status: member
      - name: Beta
        joined: 1993-01-01
        status: member
      - name: Gamma
        joined: 1994-04-20
        status: member
  invocations:
    label: Invocations
    sources: [charter]
    items:
      - date: 2020-03-01
        name: Alpha (flood)
        outcome: Troops sent.
      - date: 2021-06-02
        name: Beta (border)
        outcome: No action.
        sources: [gone]
"""

NEW = """\
id: ally
title: Treaty Alliance
short_title: TA
language: en
as_of: 2026-09-01
sources:
  - id: charter
    title: Charter of the Alliance
    url: https://example.org/charter
    accessed: 2026-08-30
  - id: news-old
    title: Old news report
    url: https://example.org/news-old
    accessed: 2026-01-10
  - id: moved
    title: Members page
    url: https://example.org/states/members
    accessed: 2026-08-30
  - id: news-new
    title: New news report
    url: https://example.org/news-new
    accessed: 2026-08-30
facts:
  headquarters:
    label: Headquarters
    value: Geneva
    sources: [charter]
  member_count:
    label: Members
    value: nine states
    sources: [moved]
    as_of: 2026-08-30
  secretary_general:
    label: Secretary General
    value: Jane Doe (since 1 July 2026)
    sources: [news-new]
  members:
    label: Member states
    sources: [moved]
    items:
      - name: Alpha
        joined: 1992-05-15
        status: participation frozen
      - name: Beta
        joined: 1993-01-01
        status: member
      - name: Delta
        joined: 2026-07-01
        status: member
  invocations:
    label: Invocations
    sources: [charter]
    items:
      - date: 2020-03-01
        name: Alpha (floods)
        outcome: Troops sent.
      - date: 2021-06-02
        name: Beta (border)
        outcome: No action.
        sources: [news-new]
      - date: 2026-05-05
        name: Delta (attack)
        outcome: Assessment mission.
"""


def older(text: str) -> str:
    """The CSTO file as it might have read a term ago: fewer members, older dates."""
    edits = [
        ("as_of: 2026-12-01\n", "as_of: 2026-06-01\n"),
        ("    value: Moscow, Russia\n", "    value: Moscow\n"),
        ("      - name: Tajikistan\n        joined: 1992-05-15\n        status: member\n", ""),
        ("    url: http://tass.com/defense/992939\n", "    url: http://tass.com/defense/99\n"),
        ("Lavrov thanks outgoing CSTO Secretary General", "Lavrov thanks CSTO Secretary General"),
        ("military included, against armed attack",
         "including military help, against any armed attack"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text
