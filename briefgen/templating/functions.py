"""What templates call and what every ``{{ … }}`` prints: finalize, filters and functions.

Every function takes the render context (``pass_context``) and finds the
render's marked text there (:func:`marked_of`): no module state, so renders
never share anything. A value that is a fact or an item (:class:`Citable`)
prints as its literal text with its citation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from briefgen.document.markers import MarkedText
from briefgen.errors import InputError


class Raw(Markup):
    """Template output that is already marked Markdown (citations, row marks).

    The environment autoescapes with this as the "safe" type: ``finalize``
    turns every plain value into a literal marker and returns ``Raw``, and
    macro or ``{% set %}`` output (also safe) passes through unchanged.
    """


MARKED_KEY = "__briefgen_marked__"
"""The render context's name for the marked text being written (one per render)."""


def marked_of(ctx: jinja2.runtime.Context) -> MarkedText:
    """The marked text of the render ``ctx`` belongs to (for functions templates call).

    Template functions and filters take the render context (``pass_context``)
    rather than reaching for module state, so renders never share anything.
    """
    marked = ctx.get(MARKED_KEY)
    if marked is None:
        raise InputError(f"{ctx.name}: macros that print facts must be imported "
                         "'with context' ({% from \"x.md.j2\" import m with context %})")
    return marked


class Citable(Protocol):
    """What ``{{ … }}`` prints with a citation: a fact or an item of a list fact."""

    source_ids: tuple[str, ...]

    def display_text(self) -> str:
        """The text the value prints as."""


def _citable(value: Any) -> bool:
    """Whether ``value`` is :class:`Citable`: it has both members, its ``display_text`` not None.

    What ``isinstance`` with a runtime-checkable protocol asks, asked directly: typing
    walks the protocol's bases on every such call (some 70 µs on Python 3.11), and
    :func:`finalize` asks for every value a template prints.
    """
    return getattr(value, "display_text", None) is not None and hasattr(value, "source_ids")


# ---- what every {{ … }} prints -------------------------------------------

@jinja2.pass_context
def finalize(ctx: jinja2.runtime.Context, value: Any) -> str:
    """What every ``{{ … }}`` prints: a literal marker for the value (and its citation).

    Template output that is already marked (``Raw``, macros) passes unchanged; a
    date prints in the sheet's language; ``None`` prints as a dash.
    """
    if isinstance(value, Markup):
        return value
    marked = marked_of(ctx)
    where = getattr(value, "_where", None)  # file:line of a fact (facts/views.py)
    lang = getattr(value, "_lang", None)  # a fact's own language: (facts/views.py)
    lang = lang if isinstance(lang, str) else None
    if _citable(value):
        return Raw(marked.literal(value.display_text(), where, lang) +
                   marked.cite(value.source_ids))
    if isinstance(value, dt.date):
        return Raw(marked.literal(format_date(value)))
    if value is None:
        return Raw(marked.literal("—"))
    return Raw(marked.literal(str(value), where if isinstance(where, str) else None, lang))


@jinja2.pass_context
def membership_timeline(ctx: jinja2.runtime.Context, members: Any, former: Any = None, caption: str = "", *,
                         until: Any = None, width: float = 1.0, alt: str | None = None) -> Raw:
    """``{{ membership_timeline(facts.members, facts.get('former_members'), caption="…") }}``.

    A figure of who joined (and left) when, drawn from the list facts, on a
    paragraph of its own; its caption cites the facts' sources.
    """
    from briefgen.document import model as m
    from briefgen.document.timeline import membership_timeline
    from briefgen.i18n import current_language, translations

    until = until if isinstance(until, dt.date) or until is None else dt.date.fromisoformat(str(until))
    lang = current_language()
    fig, ids = membership_timeline(members, former, until=until, lang=lang)
    caption, alt = _plain(ctx, caption), _plain(ctx, alt) if alt else alt  # a translated caption
    caption_inlines: list = ([m.Run(str(caption).strip() + " ")] if caption
                             else [m.Run(translations(lang).gettext("Sources:") + " ")])
    caption_inlines.append(m.Cite(ids))
    image = m.Image(png=b"", alt=str(alt) if alt else fig.alt, caption=caption_inlines,
                    width_fraction=min(max(float(width), 0.3), 1.0), aspect=fig.aspect,
                    figure=fig)
    return Raw(marked_of(ctx).figure(image))


def _plain(ctx: jinja2.runtime.Context, value: Any) -> str:
    """Template output as plain text: literal markers replaced by their text, citations dropped."""
    from briefgen.document.markers import MARKER_RE

    literals = marked_of(ctx).literals
    return MARKER_RE.sub(lambda mt: literals[int(mt.group(1))] if mt.group(1) else "", str(value))


@jinja2.pass_context
def cite_filter(ctx: jinja2.runtime.Context, value: Any) -> Raw:
    """``{{ fact | cite }}``: only the citation marker of a fact or item."""
    ids = getattr(value, "source_ids", None)
    if ids is None:
        if isinstance(value, str):
            ids = (value,)
        elif isinstance(value, (list, tuple)):
            ids = tuple(value)
        else:
            raise ValueError("cite expects a fact, an item or a source id")
    return Raw(marked_of(ctx).cite(tuple(ids)))


def format_date(value: Any, style: str = "long") -> str:
    """A date in the sheet's language: ``long`` "15 May 1992", ``iso`` "1992-05-15", …

    See :func:`briefgen.i18n.format_date` for the styles.
    """
    from briefgen.i18n import format_date as localized

    return localized(value, style)


class _Part(str):
    """A piece of a fact's text that keeps the fact's place (``_where``) and language."""

    _where: str | None = None
    _lang: str | None = None


def _part_of(value: Any, text: str) -> _Part:
    part = _Part(text)
    part._where, part._lang = getattr(value, "_where", None), getattr(value, "_lang", None)
    return part


def paragraphs(value: Any) -> list[str]:
    """Split a text value into its paragraphs (separated by blank lines); each keeps the
    fact's ``file:line`` and its ``language:``."""
    text = value.display_text() if hasattr(value, "display_text") else str(value)
    return [_part_of(value, p.strip()) for p in text.split("\n\n") if p.strip()]


def keeping_origin(rewrite):
    """A text filter (``rewrite(text, …)``) whose result keeps its input's fact's
    ``file:line`` and ``language:``, as the fact's own text does."""

    def keep(value: Any, *args: Any) -> str:
        return _part_of(value, rewrite(value, *args))

    keep.__name__, keep.__doc__ = rewrite.__name__, rewrite.__doc__
    return keep
