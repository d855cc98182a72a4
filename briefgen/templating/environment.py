"""The sandboxed Jinja2 environment: limits, template lookup and the compiled-template cache.

Sandboxed, with ``StrictUndefined``: a misspelt name is an error naming the
template and line. Every ``{{ … }}`` value passes through the finalize of
:mod:`briefgen.templating.functions`, which turns it into a literal marker
(see :mod:`briefgen.document.markers`), so fact text can never become
markup. Templates are looked up in the user's folders first, then in the
bundled ``templates/``.

Compiling a template takes 20-50 ms, more than rendering it, so compiled
templates are kept in the disk cache (:mod:`briefgen.cache`) between runs.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from briefgen.bundled import templates_dir
from briefgen.cache import file_tag, read_cached, write_cached
from briefgen.document.punctuation import chronological, chronology_key, flat, titled
from briefgen.errors import InputError
from briefgen.i18n.jinja import configure as configure_i18n
from briefgen.templating.functions import (
    cite_filter,
    finalize,
    format_date,
    keeping_origin,
    paragraphs,
)
from briefgen.templating.safeloader import SafeFileSystemLoader
from briefgen.templating.selection import earliest, fitting, head, latest

TEMPLATE_SUFFIX = ".md.j2"
MAX_STRING = 100_000
"""Longest string ``*`` or ``+`` may build inside a template."""


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, plus limits on strings built by ``*`` and ``**``."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            if isinstance(right, int) and abs(right) > 100:
                raise SecurityError("exponent too large in a template")
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    if len(seq) * n > MAX_STRING:
                        raise SecurityError("a template tried to build a huge string or list")
            return operator.mul(left, right)
        result = operator.add(left, right)
        if isinstance(result, (str, list)) and len(result) > MAX_STRING:
            raise SecurityError("a template tried to build a huge string or list")
        return result


def template_search_path(user_dirs: list[Path] | None = None) -> list[Path]:
    """Folders searched for templates: the user's, ``./templates``, then bundled."""
    dirs = [Path(d) for d in user_dirs or []]
    local = Path.cwd() / "templates"
    if local.is_dir() and local.resolve() != templates_dir().resolve():
        dirs.append(local)
    dirs.append(templates_dir())
    return dirs


def resolve_template(name_or_path: str, user_dirs: list[Path] | None = None) -> tuple[str, list[Path]]:
    """Map ``brief`` or ``path/to/x.md.j2`` to (template name, search path)."""
    search = template_search_path(user_dirs)
    if name_or_path.endswith(".j2") or os.sep in name_or_path or "/" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            from briefgen.inputs.files import not_regular

            why = not_regular(path) if path.exists() else None
            raise InputError(f"{name_or_path}: {why or 'no such template file'}")
        return path.name, [path.resolve().parent, *search]
    name = name_or_path + TEMPLATE_SUFFIX
    if not any((d / name).is_file() for d in search):
        known = sorted({p.name.removesuffix(TEMPLATE_SUFFIX) for d in search if d.is_dir()
                        for p in d.glob("*" + TEMPLATE_SUFFIX)
                        if not p.name.startswith("_")})  # _name: macros, not a sheet
        from briefgen.inputs.wording import suggest

        hint = suggest(name_or_path, known, "known")
        raise InputError(
            f"unknown template '{name_or_path}'{hint or '; known: none'} "
            f"(looked in {', '.join(str(d) for d in search)})"
        )
    return name, search


def template_stem(name: str) -> str:
    """The template's short name used in output file names (``brief``)."""
    return Path(name).name.removesuffix(TEMPLATE_SUFFIX).removesuffix(".j2")


class _DiskBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in the disk cache, one file per template file.

    Jinja names each entry after the template's name and path and checks a
    hash of its source on load, so an edited template is compiled afresh. The
    entry's name also carries Jinja's version and this module's file stamp,
    since the environment's options here shape the compiled code.
    """

    def __init__(self) -> None:
        from briefgen.i18n import jinja as i18n_jinja  # its options shape the code too

        self.tag = f"{jinja2.__version__}-{file_tag(__file__)}-{file_tag(i18n_jinja.__file__)}"

    def _name(self, bucket: jinja2.bccache.Bucket) -> str:
        return f"{bucket.key}-{self.tag}.jbc"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the cache; a damaged entry is compiled afresh."""
        data = read_cached("templates", self._name(bucket))
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # noqa: BLE001 - a damaged entry only costs a compile
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store the freshly compiled template."""
        write_cached("templates", self._name(bucket), bucket.bytecode_to_string())


_ENVS: dict[tuple, SandboxedEnvironment] = {}


def environment(search: list[Path]) -> SandboxedEnvironment:
    """One sandboxed environment per search path, cached for the process."""
    key = tuple(str(p) for p in search)
    env = _ENVS.get(key)
    if env is None:
        env = _BoundedSandbox(
            # "bundled/brief.md.j2" is always the bundled one, so a course's own
            # templates/brief.md.j2 can extend the template it replaces.
            loader=jinja2.ChoiceLoader([
                SafeFileSystemLoader([str(p) for p in search]),
                jinja2.PrefixLoader({"bundled": SafeFileSystemLoader(str(templates_dir()))}),
            ]),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,  # an edited template is picked up (watch mode, tests)
            finalize=finalize,
            bytecode_cache=_DiskBytecodeCache(),
        )
        configure_i18n(env)  # {% trans %}, _(), ngettext: see briefgen.i18n.jinja
        env.filters["cite"] = cite_filter
        env.filters["date"] = format_date
        env.filters["year"] = lambda d: str(d.year) if isinstance(d, dt.date) else str(d)
        env.filters["paragraphs"] = paragraphs
        env.filters.update(flat=keeping_origin(flat), titled=keeping_origin(titled),
                           chronological=chronological,
                           chronology_key=chronology_key)
        # explicit selections, each reported when it leaves items out
        env.filters.update(latest=latest, earliest=earliest, head=head, fitting=fitting)
        _ENVS[key] = env
    return env
