"""Rendering a template to marked Markdown, within limits, with errors a person can act on.

A render gets its own :class:`~briefgen.document.markers.MarkedText` (in the
render context, see :mod:`briefgen.templating.functions`), is stopped when it
writes too much or runs too long, and turns every Jinja or template error into
an :class:`~briefgen.errors.InputError` naming the template file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from briefgen.document.markers import MARK_ROW, MarkedText
from briefgen.errors import InputError
from briefgen.i18n.jinja import template_callables
from briefgen.templating.environment import environment
from briefgen.templating.functions import MARKED_KEY, Raw, finalize, membership_timeline

MAX_OUTPUT_CHARS = 1_000_000
"""A template that writes more than this is stopped: a page holds ~6,000."""

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


def render_template(name: str, search: list[Path], context: dict[str, Any],
                    lang: str = "en", as_of: dt.date | None = None) -> MarkedText:
    """Render a template to marked Markdown in language ``lang``; problems become InputError.

    ``today`` in the template is the sheet's date, never the wall clock: the
    date its documents are stamped with (``SOURCE_DATE_EPOCH`` if set, else
    ``as_of``, the facts' as-of date), so the same input renders the same text.
    """
    from briefgen.i18n import using_language
    from briefgen.reproducible import document_timestamp

    env = environment(search)
    marked = MarkedText()
    try:
        template = env.get_template(name)
        marked.template = template.filename or name
        globals_ = {
            **context,
            MARKED_KEY: marked,
            "mark_row": lambda: Raw(MARK_ROW),
            "membership_timeline": membership_timeline,
            "today": document_timestamp(as_of).date(),
            **template_callables(lang, finalize),
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
    except (MemoryError, OverflowError) as exc:  # "x"|center(10**12), a count past C's ints
        if isinstance(exc, OverflowError) and "Range too big" in str(exc):  # the sandbox's cap
            raise InputError(f"{_where(exc, name, search)}: template error: {exc}") from None
        raise InputError(f"{_where(exc, name, search)}: the template asked for more memory than "
                         "there is (a filter such as center, indent or wordwrap given a huge "
                         "width, or a number too large); a sheet needs a few thousand "
                         "characters") from None
    except Exception as exc:  # an error inside a template expression
        from briefgen.inputs.wording import plain_undefined

        detail = plain_undefined(str(exc)) or f"{type(exc).__name__} (no message)"
        raise InputError(f"{_where(exc, name, search)}: template error: {detail}") from None


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
