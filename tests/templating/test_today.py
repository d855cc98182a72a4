"""A template's ``today`` is the sheet's date, never the wall clock."""

from __future__ import annotations

import datetime as dt

from briefgen.templating.render import render_template


def _render(tmp_path, **kw) -> str:
    (tmp_path / "t.md.j2").write_text("Dated {{ today.isoformat() }}\n", encoding="utf-8")
    marked = render_template("t.md.j2", [tmp_path], {}, **kw)
    return " ".join(marked.literals)  # what the template printed


def test_today_is_the_facts_as_of_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _render(tmp_path, as_of=dt.date(2024, 5, 15)) == "2024-05-15"
    assert dt.date.today().isoformat() != "2024-05-15"


def test_today_follows_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    assert _render(tmp_path, as_of=dt.date(2024, 5, 15)) == "2023-11-14"
