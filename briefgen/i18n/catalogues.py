"""Message catalogues: where they are found and how they are loaded.

A catalogue is ``<folder>/<lang>/LC_MESSAGES/briefgen.po`` (the source) and,
in an installed package, the ``briefgen.mo`` the package build compiled from
it. Folders searched, first match wins string by string:

1. every folder in ``$BRIEFGEN_LOCALE_PATH`` (``os.pathsep``-separated);
2. ``./locale`` in the working folder (beside ``./templates``);
3. the catalogues bundled with briefgen (``briefgen/locale``).

So a course adds a language, or rewords a label, without touching the code.
Each lookup checks the files afresh (their size and modification time), so an edited
catalogue is read by the next sheet; within :func:`catalogues_held` (one sheet's
build) a language's catalogues are looked up once and kept to the block's end.
Where no ``.mo`` exists, or it is older than its ``.po`` (a source checkout,
an editable install, a catalogue being translated), the ``.po`` is compiled
in memory and the result kept in the disk cache (:mod:`briefgen.cache`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import hashlib
import io
import os
from pathlib import Path

from briefgen.cache import file_tag, read_cached, write_cached

DOMAIN = "briefgen"
ENV_VAR = "BRIEFGEN_LOCALE_PATH"
BUNDLED = Path(__file__).resolve().parent.parent / "locale"
MO_GRACE_SECONDS = 2.0
"""A ``.mo`` at most this much older than its ``.po`` still counts as compiled from it."""


def locale_dirs() -> list[Path]:
    """The folders searched for catalogues, in order (see the module docstring)."""
    dirs = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    local = Path.cwd() / "locale"
    if local.is_dir() and local.resolve() != BUNDLED:
        dirs.append(local)
    dirs.append(BUNDLED)
    return dirs


def locale_candidates(lang: str) -> list[str]:
    """Catalogue folder names to try for a language tag: ``pt-BR`` → ``pt_BR``, ``pt``."""
    parts = lang.replace("-", "_").split("_")
    out = []
    for n in range(len(parts), 0, -1):
        name = "_".join([parts[0].lower(), *parts[1:n]])
        out.append(name)
    return list(dict.fromkeys(out))


def catalogue_files(lang: str) -> list[Path]:
    """The ``.po`` (or lone ``.mo``) files that serve ``lang``, most specific first."""
    found = []
    for folder in locale_dirs():
        for name in locale_candidates(lang):
            base = folder / name / "LC_MESSAGES" / DOMAIN
            for path in (base.with_suffix(".po"), base.with_suffix(".mo")):
                if path.is_file():
                    found.append(path)
                    break
    return found


def has_catalogue(lang: str) -> bool:
    """Whether any folder has a catalogue for ``lang`` (English needs none)."""
    return bool(catalogue_files(lang))


_HELD: contextvars.ContextVar[dict[str, _gettext.NullTranslations] | None] = \
    contextvars.ContextVar("briefgen_catalogues_held", default=None)


@contextlib.contextmanager
def catalogues_held():
    """Within the block, :func:`translations` looks each language's catalogues up once.

    A sheet's build asks for its language's words some twenty times (labels, dates,
    heading, footer, page numbers, in each writer); held, the folders are searched and
    the files stamped on the first ask only, and every word of the sheet comes from the
    same catalogues. The block's end forgets them: the next build looks again. A block
    inside another keeps the outer one's. Also a decorator (``@catalogues_held()``): the
    sheet builds, brief and comparison, each hold their catalogues for their call.
    """
    if _HELD.get() is not None:
        yield
        return
    token = _HELD.set({})
    try:
        yield
    finally:
        _HELD.reset(token)


def translations(lang: str) -> _gettext.NullTranslations:
    """The translations for ``lang``: every matching catalogue, chained as fallbacks.

    With no catalogue the result is a ``NullTranslations``: messages print in
    English, as written in the code and templates.
    """
    held = _HELD.get()
    if held is not None and lang in held:
        return held[lang]
    files = catalogue_files(lang)
    stamp = tuple((str(p), _tag(p)) for p in files)
    found = _load_chain(lang, stamp)
    if held is not None:
        held[lang] = found
    return found


def _tag(path: Path) -> str:
    mo = path.with_suffix(".mo")
    extra = file_tag(mo) if path.suffix == ".po" and mo.is_file() else ""
    return file_tag(path) + extra


@functools.lru_cache(maxsize=32)
def _load_chain(lang: str, stamp: tuple[tuple[str, str], ...]) -> _gettext.NullTranslations:
    from babel.support import NullTranslations, Translations

    chain: _gettext.NullTranslations | None = None
    for path, _stamp in stamp:
        one = Translations(io.BytesIO(mo_bytes(Path(path))), domain=DOMAIN)
        if chain is None:
            chain = one
        else:
            chain.add_fallback(one)
    return chain if chain is not None else NullTranslations()


def mo_bytes(path: Path) -> bytes:
    """Compiled catalogue bytes for a ``.po`` or ``.mo`` file.

    A ``.mo`` beside the ``.po`` and as new (within :data:`MO_GRACE_SECONDS`) is read as is; otherwise
    the ``.po`` is compiled (once: the result is kept in the disk cache).
    """
    if path.suffix == ".mo":
        return path.read_bytes()
    mo = path.with_suffix(".mo")
    # An installed package writes both files within moments; a .po edited since
    # its .mo was compiled (a checkout, a catalogue being translated) is newer.
    if mo.is_file() and mo.stat().st_mtime >= path.stat().st_mtime - MO_GRACE_SECONDS:
        return mo.read_bytes()
    key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    name = f"{key}-{file_tag(path)}.mo"
    data = read_cached("locale", name)
    if data is None:
        data = compile_po(path.read_bytes(), str(path))
        write_cached("locale", name, data)
    return data


def compile_po(po: bytes, where: str = "catalogue") -> bytes:
    """A ``.po`` file's bytes compiled to ``.mo`` bytes (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from briefgen.errors import InputError

    try:
        catalog = read_po(io.BytesIO(po), abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError or ValueError on bad syntax
        raise InputError(f"{where}: not a readable message catalogue ({exc})") from None
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
