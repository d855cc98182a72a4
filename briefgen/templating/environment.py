"""The Jinja2 environment that turns facts into marked Markdown.

Sandboxed, with ``StrictUndefined``: a misspelt name is an error naming the
template and line. Every ``{{ … }}`` value passes through :func:`_finalize`,
which turns it into a literal marker (see :mod:`briefgen.document.markers`), so
fact text can never become markup. Templates are looked up in the user's
folders first, then in the bundled ``templates/``.

Compiling a template takes 20-50 ms, more than rendering it, so compiled
templates are kept in the disk cache (:mod:`briefgen.cache`) between runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from briefgen.bundled import templates_dir
from briefgen.cache import file_tag, read_cached, write_cached
from briefgen.document.markers import MARK_ROW, MarkedText
from briefgen.errors import InputError
from briefgen.i18n.jinja import configure as configure_i18n
from briefgen.i18n.jinja import template_callables
from briefgen.templating.safeloader import SafeFileSystemLoader

TEMPLATE_SUFFIX = ".md.j2"
MAX_OUTPUT_CHARS = 1_000_000
"""A template that writes more than this is stopped: a page holds ~6,000."""
MAX_STRING = 100_000
"""Longest string ``*`` or ``+`` may build inside a template."""
MAX_RENDER_SECONDS = 10.0
"""A template still rendering after this long is stopped (real ones take milliseconds).

Nested loops that print nothing escape the output cap and the sandbox's range
limit (``range(100000)`` three deep is 10^15 steps), so time is bounded too.
"""


class _RenderTimeout(Exception):
    """Raised inside a template's code when its time is up."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise :class:`_RenderTimeout` in the block after ``seconds`` (main thread only).

    Uses ``SIGALRM`` (a wall-clock timer), which only the main thread can
    receive; elsewhere (threads, Windows) the block runs unbounded in time and
    only the output and string limits apply. An outer timer is restored after.
    """
    usable = (hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise _RenderTimeout()

    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, expire)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:  # someone else's timer was running: give it its remaining time
            left = max(old_delay - (time.monotonic() - start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


class Raw(Markup):
    """Template output that is already marked Markdown (citations, row marks).

    The environment autoescapes with this as the "safe" type: ``finalize``
    turns every plain value into a literal marker and returns ``Raw``, and
    macro or ``{% set %}`` output (also safe) passes through unchanged.
    """


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
        from briefgen.inputs.validation import suggest

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
            finalize=_finalize,
            bytecode_cache=_DiskBytecodeCache(),
        )
        configure_i18n(env)  # {% trans %}, _(), ngettext: see briefgen.i18n.jinja
        env.filters["cite"] = _cite_filter
        env.filters["date"] = format_date
        env.filters["year"] = lambda d: str(d.year) if isinstance(d, dt.date) else str(d)
        env.filters["paragraphs"] = _paragraphs
        _ENVS[key] = env
    return env


def render_template(name: str, search: list[Path], context: dict[str, Any],
                    lang: str = "en") -> MarkedText:
    """Render a template to marked Markdown in language ``lang``; problems become InputError."""
    from briefgen.i18n import using_language

    env = environment(search)
    marked = MarkedText()
    try:
        template = env.get_template(name)
        globals_ = {
            **context,
            MARKED_KEY: marked,
            "mark_row": lambda: Raw(MARK_ROW),
            "membership_timeline": _membership_timeline,
            "today": dt.date.today(),
            **template_callables(lang, _finalize),
        }
        parts, size = [], 0
        with _time_limit(MAX_RENDER_SECONDS), using_language(lang):
            for chunk in template.generate(globals_):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise InputError(
                        f"{_template_file(name, search)}: the template wrote more than "
                        f"{MAX_OUTPUT_CHARS:,} characters; a one-page brief needs a few thousand"
                    )
                parts.append(chunk)
        marked.markdown = "".join(parts)
        return marked
    except _RenderTimeout as exc:
        raise InputError(
            f"{_where(exc, name, search)}: the template ran for more than "
            f"{MAX_RENDER_SECONDS:g} s and was stopped (loops nested too deep?)"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or _template_file(exc.name or name, search)
        raise InputError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"template '{exc.name}' not found (looked in "
                         f"{', '.join(str(d) for d in search)})") from None
    except SecurityError as exc:
        raise InputError(f"{_where(exc, name, search)}: blocked by the template sandbox: {exc}") from None
    except jinja2.UndefinedError as exc:
        from briefgen.inputs.wording import plain_undefined

        raise InputError(f"{_where(exc, name, search)}: {plain_undefined(exc.message)}") from None
    except RecursionError:
        raise InputError(f"{_template_file(name, search)}: the template recurses without end") from None
    except InputError:
        raise
    except Exception as exc:  # an error inside a template expression
        from briefgen.inputs.wording import plain_undefined

        raise InputError(f"{_where(exc, name, search)}: template error: "
                         f"{plain_undefined(str(exc))}") from None


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


@runtime_checkable
class Citable(Protocol):
    """What ``{{ … }}`` prints with a citation: a fact or an item of a list fact."""

    source_ids: tuple[str, ...]

    def display_text(self) -> str:
        """The text the value prints as."""


def _template_file(name: str, search: list[Path]) -> str:
    for d in search:
        if (d / name).is_file():
            return str(d / name)
    return name


def _where(exc: BaseException, name: str, search: list[Path]) -> str:
    """``template-file:line`` of the innermost template frame in a traceback."""
    tb, found = exc.__traceback__, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".jinja"):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found or _template_file(name, search)


# ---- what every {{ … }} prints -------------------------------------------

@jinja2.pass_context
def _finalize(ctx: jinja2.runtime.Context, value: Any) -> str:
    if isinstance(value, Markup):
        return value
    marked = marked_of(ctx)
    if isinstance(value, Citable):
        return Raw(marked.literal(value.display_text()) + marked.cite(value.source_ids))
    if isinstance(value, dt.date):
        return Raw(marked.literal(format_date(value)))
    if value is None:
        return Raw(marked.literal("—"))
    return Raw(marked.literal(str(value)))


@jinja2.pass_context
def _membership_timeline(ctx: jinja2.runtime.Context, members: Any, former: Any = None, caption: str = "", *,
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
def _cite_filter(ctx: jinja2.runtime.Context, value: Any) -> Raw:
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


def _paragraphs(value: Any) -> list[str]:
    """Split a text value into its paragraphs (separated by blank lines)."""
    text = value.display_text() if hasattr(value, "display_text") else str(value)
    return [p.strip() for p in text.split("\n\n") if p.strip()]
