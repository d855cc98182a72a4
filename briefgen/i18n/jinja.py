"""Jinja2's i18n extension, wired to the sheet's catalogue for each render.

The environment loads ``jinja2.ext.i18n`` once (new-style gettext, trimmed
``{% trans %}`` blocks); the callables below are passed in each render's
context, so one cached environment serves every language at once. Templates
use the usual forms::

    ## {{ _("Membership") }}
    {% trans org=meta.short_title %}Who joined {{ org }} when{% endtrans %}
    {% trans count=n %}{{ count }} state{% pluralize %}{{ count }} states{% endtrans %}

A translated message is template text (it may hold Markdown such as
``**Members:**``); the values put into it are facts, printed literally with
their citations, exactly like ``{{ … }}`` elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.utils import pass_context
from markupsafe import Markup

from briefgen.i18n.catalogues import translations


def configure(env: jinja2.Environment) -> None:
    """Add the i18n extension to ``env`` with the options our catalogue extraction uses."""
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True


def template_callables(lang: str, literal: Callable[[Any, Any], Markup]) -> dict[str, Any]:
    """``gettext``, ``ngettext``, ``pgettext``, ``npgettext`` for a render in ``lang``.

    ``literal(ctx, value)`` turns a value put into a message into safe template
    output (the templating module's finalize, which takes the render context),
    so facts stay data inside messages.
    """
    tr = translations(lang)

    def fill(ctx, text: str, values: dict[str, Any]) -> Markup:
        return Markup(text) % {k: literal(ctx, v) for k, v in values.items()}

    @pass_context
    def gettext(ctx, message: str, **values: Any) -> Markup:
        return fill(ctx, tr.gettext(message), values)

    @pass_context
    def ngettext(ctx, singular: str, plural: str, num: int, **values: Any) -> Markup:
        values.setdefault("num", num)
        return fill(ctx, tr.ngettext(singular, plural, num), values)

    @pass_context
    def pgettext(ctx, context: str, message: str, **values: Any) -> Markup:
        return fill(ctx, tr.pgettext(context, message), values)

    @pass_context
    def npgettext(ctx, context: str, singular: str, plural: str, num: int,
                  **values: Any) -> Markup:
        values.setdefault("num", num)
        return fill(ctx, tr.npgettext(context, singular, plural, num), values)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext,
            "npgettext": npgettext}
