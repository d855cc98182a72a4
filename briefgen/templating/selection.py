"""Explicit selections: a template that shows fewer items than the facts hold says so.

``{% for i in facts.invocations | latest(3) %}`` shows the three most recent
invocations (oldest first); ``earliest(n)`` the first ``n`` by date and
``head(n)`` the first ``n`` in file order. Each returns a :class:`Selection`:
the items shown, plus ``left_out`` (how many were not) and ``omitted`` (which),
so the page can say "2 more in the facts file". Every selection that leaves
items out is reported as a warning naming the template line, the fact and the
items (``--strict`` fails the build). Without a filter a template shows every
item: nothing is cut silently.

``facts.criticisms | fitting`` shows every item unless the page cannot hold
them all even at the smallest type: the build then leaves out the notes first,
then one item per list in turn (see :class:`Room`), and reports the rest the
same way. ``fitting(mentioned_in=facts.summary)`` never leaves out an item the
given text mentions (its year and a word of its name), so a sheet never drops
what its own summary speaks of.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import jinja2

from briefgen.document.punctuation import chronological
from briefgen.templating.functions import marked_of

SELECTION_FILTERS = ("latest", "earliest", "head", "fitting")
"""The filter names that select items (``templating/walk.py`` treats them as item lists)."""


ROOM_KEY = "__briefgen_room__"
"""The render context's name for the :class:`Room` of a build (absent: show everything)."""


class Room:
    """How many items each ``fitting`` list may show in one build (none cut at first).

    A render records each ``fitting`` list it met (``seen``: how many of its items
    may be left out) and its ``order``; when the sheet does not fit, :meth:`shrink`
    leaves out one more note while any shows (notes are order 0), then one item of
    each list in turn (the list cut least so far; the lower ``order``, then the
    longer list, among equals; a list's last item only when every list is down to
    one), and the build renders again.
    """

    def __init__(self) -> None:
        self.limits: dict[str, int] = {}
        self.seen: dict[str, int] = {}
        self.order: dict[str, int] = {}
        self.notes_met = 0

    def begin(self) -> None:
        """Start a render: no note met yet."""
        self.notes_met = 0

    def shrink(self) -> bool:
        """Show one item fewer in the longest ``fitting`` list; False when nothing is left to cut."""
        shown = {k: self.limits.get(k, n) for k, n in self.seen.items()}
        candidates = [k for k, n in shown.items() if n > 0]
        if not candidates:
            return False
        def turn(k: str) -> tuple:
            order = self.order.get(k, 1)
            return (order != 0, shown[k] == 1, self.seen[k] - shown[k], order, -shown[k])

        key = min(candidates, key=turn)
        self.limits[key] = shown[key] - 1
        return True


class Selection(list):
    """The items a selection shows, with what it left out."""

    def __init__(self, shown: list, omitted: list, fact_key: str | None):
        super().__init__(shown)
        self.omitted = list(omitted)
        self.left_out = len(omitted)
        self.fact_key = fact_key


def _items_and_key(value: Any) -> tuple[list, str | None]:
    items = getattr(value, "items", None)
    if items is not None and not callable(items):  # a FactView: its items and its key
        return list(items), getattr(value, "key", None)
    if isinstance(value, Selection):
        return list(value), value.fact_key
    items = list(value)
    return items, getattr(value, "key", None)


def _template_line() -> str:
    """``template-file:line`` of the template code running this filter."""
    from briefgen.templating.read_model import display_path

    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            return f"{display_path(template.filename)}:{template.get_corresponding_lineno(frame.f_lineno)}"
        frame = frame.f_back
    return "template"


def _label(item: Any) -> str:
    name = item.display_text() if hasattr(item, "display_text") else str(item)
    name = " ".join(name.split())
    if len(name) > 60:
        name = name[:57].rstrip() + "…"
    when = getattr(item, "date", None) or getattr(item, "joined", None)
    return f"{name} ({when.year})" if hasattr(when, "year") else name


def _select(ctx: jinja2.runtime.Context, value: Any, n: Any, shown_of, how: str,
            why: str = "") -> Selection:
    items, key = _items_and_key(value)
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise ValueError(f"{how}(n) needs a whole number, not {n!r}") from None
    if n < 0:
        raise ValueError(f"{how}(n) needs a number of items, 0 or more, not {n}")
    shown, omitted = shown_of(items, n)
    selection = Selection(shown, omitted, key)
    if omitted:
        what = f"'{key}'" if key else "a list"
        marked_of(ctx).warnings.append(
            f"{_template_line()}: {why}{how}({n}) shows {len(shown)} of {len(items)} items of {what}; "
            f"left out: {'; '.join(_label(i) for i in omitted)}")
    return selection


@jinja2.pass_context
def latest(ctx: jinja2.runtime.Context, value: Any, n: Any, by: str = "date") -> Selection:
    """``facts.invocations | latest(3)``: the ``n`` most recent items, oldest first; reports the rest."""
    def pick(items, k):
        ordered = chronological(items, by)
        cut = max(len(ordered) - k, 0)
        return ordered[cut:], ordered[:cut]
    return _select(ctx, value, n, pick, "latest")


@jinja2.pass_context
def earliest(ctx: jinja2.runtime.Context, value: Any, n: Any, by: str = "date") -> Selection:
    """``facts.members | earliest(5, by="joined")``: the ``n`` oldest items; reports the rest."""
    def pick(items, k):
        ordered = chronological(items, by)
        return ordered[:k], ordered[k:]
    return _select(ctx, value, n, pick, "earliest")


@jinja2.pass_context
def head(ctx: jinja2.runtime.Context, value: Any, n: Any) -> Selection:
    """``facts.criticisms | head(2)``: the first ``n`` items in file order; reports the rest."""
    return _select(ctx, value, n, lambda items, k: (items[:k], items[k:]), "head")


_WORD = re.compile(r"[^\W\d_]{4,}")


def mentioned(item: Any, text: Any) -> bool:
    """Whether ``text`` speaks of ``item``: it names the item's year and a word of its name.

    "the 1982 Falklands war" mentions "Falklands/Malvinas war, at Argentina's request"
    of 1982; a text without the year, or an item without a date, mentions nothing.
    """
    when = getattr(item, "date", None) or getattr(item, "joined", None)
    if not hasattr(when, "year") or text is None:
        return False
    said = str(text.display_text() if hasattr(text, "display_text") else text).casefold()
    if not re.search(rf"(?<!\d){when.year}(?!\d)", said):
        return False
    name = str(getattr(item, "name", None) or getattr(item, "text", None) or "")
    # a word's stem, so "Armenia's" and "Армении" speak of "Armenia" and "Армения"
    return any(w.casefold()[:max(4, len(w) - 2)] in said for w in _WORD.findall(name))


@jinja2.pass_context
def fitting(ctx: jinja2.runtime.Context, value: Any, keep: str = "first", by: str = "date",
            order: int = 1, mentioned_in: Any = None) -> Selection:
    """``facts.criticisms | fitting``: every item, unless the page cannot hold them all.

    The build then shows fewer and reports the rest (see :class:`Room`): the first
    items in file order, or with ``keep="latest"`` the most recent by ``by`` (oldest
    first on the page). An item that ``mentioned_in`` (say ``facts.summary``)
    speaks of (:func:`mentioned`) is always shown.
    """
    items, key = _items_and_key(value)
    room = ctx.get(ROOM_KEY)
    name = key or "list"
    if room is None:
        return Selection(items, [], key)
    kept = [i for i in items if mentioned(i, mentioned_in)]
    optional = [i for i in items if not any(i is k for k in kept)]
    room.seen[name] = max(room.seen.get(name, 0), len(optional))
    room.order[name] = int(order)
    limit = room.limits.get(name)
    if limit is None or limit >= len(optional):
        return Selection(items, [], key)

    def pick(its, k):
        pool = chronological(its, by) if keep == "latest" else list(its)
        free = [i for i in pool if not mentioned(i, mentioned_in)]
        k = max(k - (len(pool) - len(free)), 0)
        dropped = free[:len(free) - k] if keep == "latest" else free[k:]
        return ([i for i in pool if not any(i is d for d in dropped)], dropped)
    return _select(ctx, value, len(kept) + limit, pick, "fitting", why="to fit the page, ")


NOTES = "notes"
"""The :class:`Room` key of the notes a sheet prints (``note_fits``), cut last first."""


@jinja2.pass_context
def note_fits(ctx: jinja2.runtime.Context, fact: Any) -> bool:
    """``{% if fact.note and note_fits(fact) %}``: whether the page has room for this note.

    Notes are printed unless the page cannot hold them even at the smallest type;
    the build then leaves out the last notes first, each one a warning.
    """
    room = ctx.get(ROOM_KEY)
    if room is None:
        return True
    room.notes_met += 1
    room.seen[NOTES] = max(room.seen.get(NOTES, 0), room.notes_met)
    room.order[NOTES] = 0
    limit = room.limits.get(NOTES)
    if limit is None or room.notes_met <= limit:
        return True
    key = getattr(fact, "key", None)
    what = f"'{key}'" if key else _label(fact)
    marked_of(ctx).warnings.append(
        f"{_template_line()}: to fit the page, the note of {what} is left out "
        f"(it stays in the facts file): {_label_text(_note_text(fact))}")
    return False


def _note_text(fact: Any) -> str:
    """The note a fact prints: its own, else its items' notes."""
    own = getattr(fact, "note", None)
    if own:
        return str(own)
    items = getattr(fact, "items", None)
    notes = [str(i.note) for i in items if getattr(i, "note", None)] if isinstance(items, list) else []
    return "; ".join(notes)


def _label_text(text: Any) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= 60 else text[:57].rstrip() + "…"
