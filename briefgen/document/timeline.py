"""A membership timeline from list facts: one bar per member, from joining to leaving.

Reads the items of a ``members`` fact and an optional ``former_members`` fact
(see docs/facts-format.md): ``name``, ``joined``, ``left``, ``status`` and two
optional text fields: ``status_since`` (ISO date from which a status other
than "member", e.g. a frozen participation, applies) and ``periods`` (for a
state that left and rejoined: ``1992-05-15/1999-04-20, 2006-08-16/2012-12-19``).
The time axis runs from the earliest date to the facts' as-of date, so the
figure follows the facts when they change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.document.figure import Box, Figure, Line, Text, fit_text, text_width
from briefgen.document.punctuation import flat
from briefgen.i18n import format_date, translations

WIDTH = 170.0  # mm; writers scale the figure to the text width
ROW = 5.0  # row pitch, mm
BAR = 3.4  # bar height, mm
LABEL_PT = 6.8
AXIS_PT = 6.3
GAP = 1.2  # between a bar and a label beside it, mm
PAD = 2.0
ACTIVE = ("member", "members", "active", "full member", "")
"""Statuses that say no more than "member" (the catalogue's "member" in the sheet's language too)."""


@dataclass(frozen=True)
class Row:
    """One member's line on the chart: its name, periods and an optional status change."""

    name: str
    periods: tuple[tuple[dt.date, dt.date | None], ...]
    former: bool
    status: str = ""
    status_since: dt.date | None = None


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _periods(item, former: bool) -> tuple[tuple[dt.date, dt.date | None], ...]:
    text = item.periods
    out = []
    if text:
        for part in str(text).split(","):
            start, _, end = part.strip().partition("/")
            s = _date(start)
            if s is not None:
                out.append((s, _date(end)))
    if not out and item.joined:
        out.append((item.joined, item.left))
    return tuple(out)


def rows_from(members, former=None, lang: str = "en") -> list[Row]:
    """Chart rows from list facts (template views or anything with ``.items``); a status that
    only says "member" (in English or, through the catalogue, in ``lang``: "член") is not drawn."""
    plain = {*ACTIVE, translations(lang).gettext("member").strip().lower()}
    rows: list[Row] = []
    for fact, is_former in ((members, False), (former, True)):
        if fact is None:
            continue
        group = []
        for item in getattr(fact, "items", fact):
            periods = _periods(item, is_former)
            if not periods:
                continue
            status = (item.status or "").strip()
            group.append(Row(item.name or item.text or "?", periods, is_former,
                             "" if status.lower() in plain else status,
                             _date(item.status_since)))
        group.sort(key=lambda r: (r.periods[0][0], r.name))
        rows += group
    return rows


def _source_ids(*facts) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for fact in facts:
        if fact is None:
            continue
        for sid in getattr(fact, "source_ids", ()):
            ids.setdefault(sid, None)
        for item in getattr(fact, "items", ()):
            for sid in getattr(item, "source_ids", ()):
                ids.setdefault(sid, None)
    return tuple(ids)


def _as_of(*facts) -> dt.date | None:
    dates = [f.as_of for f in facts if f is not None and getattr(f, "as_of", None)]
    return max(dates) if dates else None


def _step(span_years: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if span_years / step <= 9:
            return step
    return 100


def _year(d: dt.date) -> float:
    start = dt.date(d.year, 1, 1)
    return d.year + (d - start).days / 365.25


def _short_status(status: str) -> str:
    return status.split("(")[0].strip() or status


def timeline_figure(rows: list[Row], until: dt.date, title: str = "", lang: str = "en") -> Figure:
    """Lay out the rows as a figure: bars on a year axis, labels, legend (in ``lang``)."""
    tr = translations(lang)
    if not rows:
        raise ValueError("a membership timeline needs at least one item with a 'joined' date")
    first = min(p[0] for r in rows for p in r.periods)
    until = max([until, *(p[1] for r in rows for p in r.periods if p[1])])
    span = _year(until) - first.year
    step = _step(span)
    y0 = first.year - first.year % step
    y1 = _year(until)
    left, right = PAD, WIDTH - PAD - 3.0

    def x(d: dt.date | float) -> float:
        v = _year(d) if isinstance(d, dt.date) else d
        return left + (v - y0) / (y1 - y0) * (right - left)

    shapes: list = []
    top = 1.5
    y = top
    former_started = False
    for r in rows:
        if r.former and not former_started:
            former_started = True
            if y > top:
                y += 1.2
                shapes.append(Line(left, y - 0.6 - (ROW - BAR) / 2, right, y - 0.6 - (ROW - BAR) / 2,
                                   "grid", 0.15, (0.8, 0.6)))
        by = y + (ROW - BAR) / 2
        fill = "muted" if r.former else "accent"
        ends: list[float] = []
        dark_end = None
        for start, end in r.periods:
            xs, xe = x(start), x(end or until)
            xe = max(xe, xs + 0.6)
            split = r.status_since if (r.status and r.status_since and not end) else None
            if split and start < split < until:
                xm = x(split)
                dark_end = xm  # white labels stay on the dark part (contrast rule)
                shapes.append(Box(xs, by, xm - xs, BAR, fill))
                shapes.append(Box(xm, by, xe - xm, BAR, "accent_light", "accent", 0.25))
            else:
                shapes.append(Box(xs, by, xe - xs, BAR, fill))
            if end:
                shapes.append(Line(xe, by - 0.5, xe, by + BAR + 0.5, "text", 0.3))
            ends.append(xe)
        shapes += _row_label(r, by, x(r.periods[0][0]), max(ends), left, right, lang, dark_end)
        y += ROW
    chart_bottom = y + 0.6
    # axis: baseline, ticks and year labels, light grid lines behind the bars
    shapes.insert(0, Line(left, chart_bottom, right, chart_bottom, "muted", 0.25))
    year = y0
    grid = []
    while year <= y1 + 1e-9:
        xt = x(float(year))
        grid.append(Line(xt, top - 0.5, xt, chart_bottom, "grid", 0.15))
        shapes.append(Line(xt, chart_bottom, xt, chart_bottom + 1.0, "muted", 0.25))
        shapes.append(Text(xt, chart_bottom + 3.6, str(year), AXIS_PT, "muted", anchor="middle"))
        year += step
    xa = x(until)
    grid.append(Line(xa, top - 0.5, xa, chart_bottom + 1.0, "accent", 0.25, (0.7, 0.5)))
    label = tr.gettext("as of %(date)s") % {"date": format_date(until, "medium", lang)}
    shapes.append(Text(xa, chart_bottom + 6.6, label, AXIS_PT, "accent", anchor="end"))
    shapes = grid + shapes
    # legend
    ly = chart_bottom + 10.5
    legend = [("accent", None, tr.gettext("Member"))]
    if any(r.status and r.status_since for r in rows if not r.former):
        statuses = {_short_status(r.status) for r in rows if r.status and r.status_since}
        text = "; ".join(sorted(statuses))  # as written in the facts: "US …" keeps its capitals
        legend.append(("accent_light", "accent", text[:1].upper() + text[1:]))
    if any(r.former for r in rows):
        legend.append(("muted", None, tr.gettext("Former member (| = left)")))
    lx = left
    for fill, stroke, text in legend:
        shapes.append(Box(lx, ly - 2.3, 4.0, 2.6, fill, stroke, 0.25 if stroke else 0.2))
        shapes.append(Text(lx + 5.2, ly, text, AXIS_PT, "text"))
        lx += 5.2 + text_width(text, AXIS_PT) + 6.0
    return Figure(WIDTH, ly + 1.8, tuple(shapes), _alt(rows, first, until, title, lang),
                  _data(rows, lang))


def _row_label(r: Row, by: float, xs: float, xe: float, left: float, right: float,
               lang: str = "en", dark_end: float | None = None) -> list:
    """The row's name: inside its bar if it fits, else beside it (left, then right), else
    inside a former member's bar too, so its dates are never cut off; shortened only when
    it fits nowhere whole.

    White text goes only on the bar's dark part (up to ``dark_end`` when its end is
    drawn light); the status then sits in the accent colour on the light part.
    """
    base = by + BAR / 2 + LABEL_PT * 0.352 * 0.36  # vertically centred on the bar
    years = ", ".join(f"{s.year}–{e.year}" if e else f"{s.year}" for s, e in r.periods)
    status = f" · {_short_status(r.status)}" if r.status else ""
    if r.status and r.status_since:
        status += " " + translations(lang).gettext("since %(date)s") % {
            "date": format_date(r.status_since, "month", lang)}
    inside = (dark_end if dark_end is not None else xe) - xs - 2 * GAP
    name = _short_list(r.name, max(inside, xs - GAP - left, right - xe - GAP), years, lang)
    full = name + status
    if not r.former and len(r.periods) == 1 and text_width(full, LABEL_PT, True) <= inside:
        return [Text(xs + GAP, base, full, LABEL_PT, "white", bold=True)]
    light = xe - (dark_end if dark_end is not None else xe) - 2 * GAP
    status_fits = not status or (dark_end is not None and text_width(
        status.removeprefix(" · "), LABEL_PT) <= light)  # dark text on the light part only
    if (not r.former and len(r.periods) == 1 and status_fits
            and text_width(name, LABEL_PT, True) <= inside):
        out = [Text(xs + GAP, base, name, LABEL_PT, "white", bold=True)]
        if status:
            out.append(Text(xe - GAP, base, status.removeprefix(" · "), LABEL_PT, "accent",
                            anchor="end"))
        return out
    room_left = xs - GAP - left
    if text_width(full, LABEL_PT) <= room_left:
        return [Text(xs - GAP, base, full, LABEL_PT, "text", anchor="end")]
    room_right = right - xe - GAP
    if text_width(full, LABEL_PT) <= room_right:
        return [Text(xe + GAP, base, full, LABEL_PT, "text")]
    if text_width(full, LABEL_PT, True) <= inside or (r.former and inside > max(room_right,
                                                                                 room_left)):
        # white on a former member's bar is a checked pair too; cut, the status gives way first
        return [Text(xs + GAP, base, fit_text(full, LABEL_PT, inside, True), LABEL_PT, "white",
                     bold=True)]
    if room_right >= room_left and room_right > 8:
        return [Text(xe + GAP, base, fit_text(full, LABEL_PT, room_right), LABEL_PT, "text")]
    if inside > room_left and not r.former:
        return [Text(xs + GAP, base, fit_text(full, LABEL_PT, inside, True), LABEL_PT, "white",
                     bold=True)]
    return [Text(xs - GAP, base, fit_text(full, LABEL_PT, room_left), LABEL_PT, "text",
                 anchor="end")]


def _short_list(name: str, room: float, years: str, lang: str = "en") -> str:
    """``Name (1992)``; a long list of names is cut to fit as ``A, B, … (12 states, 1949)``."""
    full = f"{flat(name)} ({years})"  # no bracket straight after another
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if len(parts) < 3 or text_width(full, LABEL_PT, True) <= room:
        return full
    n = len(parts)
    more = translations(lang).ngettext("%(num)d state, %(years)s", "%(num)d states, %(years)s", n)
    more = more % {"num": n, "years": years}
    for keep in range(len(parts) - 1, 0, -1):
        text = f"{', '.join(parts[:keep])}, … ({more})"
        if text_width(text, LABEL_PT, True) <= room:
            return text
    return f"{parts[0]}, … ({more})"


def _years(r: Row, tr) -> str:
    """"1992–1999 and 2006–2012", "since 1992": the years a row's state was a member."""
    parts = []
    for s, e in r.periods:
        parts.append(f"{s.year}–{e.year}" if e else tr.gettext("since %(year)s") % {"year": s.year})
    return tr.gettext(" and ").join(parts)


def _status(r: Row, tr, lang: str = "en") -> str:
    """"participation frozen since 23 February 2024", or "" for a plain member (dates as the
    sheet prints them)."""
    if not r.status:
        return ""
    if r.status_since:
        return f"{r.status} " + tr.gettext("since %(date)s") % {
            "date": format_date(r.status_since, "long", lang)}
    return r.status


def _data(rows: list[Row], lang: str = "en") -> tuple[tuple[str, ...], ...]:
    """The figure's data as a table: state, years of membership, status (header row first)."""
    tr = translations(lang)
    head = (tr.gettext("State"), tr.gettext("Years of membership"), tr.gettext("Status"))
    return (head, *((r.name, _years(r, tr), _status(r, tr, lang)) for r in rows))


def _alt(rows: list[Row], first: dt.date, until: dt.date, title: str, lang: str = "en") -> str:
    """The figure's description; dates as the sheet prints them ("1 December 2026")."""
    tr = translations(lang)

    def when(r: Row) -> str:
        text = _years(r, tr)
        if r.status:
            text += f", {_status(r, tr, lang)}"
        return f"{r.name} ({text})"

    current = [when(r) for r in rows if not r.former]
    former = [when(r) for r in rows if r.former]
    end = format_date(until, "long", lang).rstrip(".")  # the sentence's full stop ends "г."
    span = {"title": title, "start": first.year, "end": end}
    if title:
        out = tr.gettext("%(title)s: timeline of membership from %(start)s to %(end)s.") % span
    else:
        out = tr.gettext("Timeline of membership from %(start)s to %(end)s.") % span
    if current:
        out += " " + tr.gettext("Members: %(list)s.") % {"list": "; ".join(current)}
    if former:
        out += " " + tr.gettext("Former members: %(list)s.") % {"list": "; ".join(former)}
    return out


def membership_timeline(members, former=None, *, until: dt.date | None = None,
                        title: str = "", lang: str = "en") -> tuple[Figure, tuple[str, ...]]:
    """The timeline figure of list facts (labels in ``lang``), and the source ids it draws on."""
    rows = rows_from(members, former, lang)
    until = until or _as_of(members, former) or max(
        (p[1] or p[0]) for r in rows for p in r.periods)
    return timeline_figure(rows, until, title, lang), _source_ids(members, former)
