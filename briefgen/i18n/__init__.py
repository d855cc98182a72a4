"""Languages: which language a sheet is in, its message catalogue, its dates.

Everything a sheet prints that is not a fact (labels, headings, the header's
"As of", the footer, page numbers, "accessed", the timeline's axis and legend,
the comparison's notes) is an English message looked up in the catalogue of
the sheet's language (:mod:`.catalogues`), through Jinja2's i18n extension in
templates (:mod:`.jinja`) and :func:`translations` in Python. Dates follow
the language's CLDR conventions (Babel): "6 January 2022", "6 января 2022 г.".

The language is the facts file's ``language:``; ``--lang`` overrides it. A
comparison takes the first file's language. Messages on stderr stay English.
See docs/languages.md.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
from typing import Any

from briefgen.i18n.catalogues import DOMAIN, ENV_VAR, has_catalogue, locale_dirs, translations

__all__ = [
    "DOMAIN", "ENV_VAR", "N_", "current_language", "format_date", "has_catalogue",
    "locale_dirs", "resolve_language", "translations", "using_language",
]

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
DATE_LOCALES = {"en": "en_GB"}
"""CLDR locale used for a bare language's dates: English sheets write day, month, year."""

_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("briefgen_language", default="en")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it here (it is looked up later)."""
    return message


def resolve_language(declared: str | None, override: str | None = None) -> str:
    """The sheet's language: ``override`` (``--lang``) if given, else the facts file's, else en."""
    from briefgen.errors import InputError

    lang = (override or declared or "en").strip()
    if not LANGUAGE_TAG.match(lang):
        raise InputError(f"--lang {lang!r}: expected a language tag such as en, ru or pt-BR")
    return lang


def sheet_language(declared: str | None, override: str | None) -> tuple[str, list[str]]:
    """(the sheet's language, warnings): ``--lang`` names a language without a catalogue, the
    labels would print in English, so the sheet keeps the facts file's language and says so.

    A sheet is never tagged French while its words are English.
    """
    from briefgen.i18n.catalogues import catalogue_files

    lang = resolve_language(declared, override)
    if not override or lang.split("-")[0].lower() == "en" or catalogue_files(lang):
        return lang, []
    kept = resolve_language(declared)
    return kept, [f"--lang {override}: briefgen has no catalogue for '{override}', so its labels "
                  f"would print in English; the sheet is made in '{kept}', its facts file's "
                  "language (add a catalogue: docs/languages.md)"]


def current_language() -> str:
    """The language of the sheet being rendered (``en`` outside a render)."""
    return _CURRENT.get()


@contextlib.contextmanager
def using_language(lang: str):
    """Within the block, templates' date filters and figures use ``lang``."""
    token = _CURRENT.set(lang)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def date_locale(lang: str):
    """The Babel locale for ``lang``'s dates (English: en_GB; unknown: en_GB)."""
    from babel import Locale, UnknownLocaleError

    tag = DATE_LOCALES.get(lang, lang).replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def format_date(value: Any, style: str = "long", lang: str | None = None) -> str:
    """A date in ``lang`` (default: the sheet being rendered) in one of these styles.

    ``long`` "6 January 2022" / "6 января 2022 г."; ``medium`` "6 Jan 2022";
    ``month`` "Jan 2022"; ``iso`` "2022-01-06"; ``sheet`` the catalogue's
    pattern for header and "accessed" dates (English: ISO; Russian: 06.01.2022).
    A string that is not an ISO date prints as written.
    """
    from babel import dates

    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.date):
        return str(value)
    lang = lang or current_language()
    if style == "iso":
        return value.isoformat()
    locale = date_locale(lang)
    if style == "sheet":
        pattern = translations(lang).pgettext("date pattern", "yyyy-MM-dd")
        return dates.format_date(value, pattern, locale=locale)
    if style == "month":
        return dates.format_skeleton("yMMM", value, locale=locale)
    if style not in ("long", "medium", "short", "full"):
        style = "long"
    return dates.format_date(value, style, locale=locale)
