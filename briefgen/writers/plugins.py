"""Formats from other packages: the ``briefgen.formats`` entry point group.

A package adds a format by naming, in its metadata, an object with

- ``name`` (str): the ``--format`` value, lower case;
- ``suffix`` (str, no dot): the file suffix (``out/csto-brief.SUFFIX``);
- ``paged`` (bool): whether it is laid out on the fit's pages (then it is
  rendered at the fit's type scale; otherwise at 1.0);
- ``render(doc, setup, theme, scale) -> bytes``: ``doc`` is the document tree
  (:class:`briefgen.document.model.Document`, with ``doc.title``).

for example in ``pyproject.toml``::

    [project.entry-points."briefgen.formats"]
    plain = "briefgen_plain:FORMAT"

The group is read once per process, and only when a format is looked up that
is not in-tree (``--help`` of a command taking ``--format`` or a manifest).
A plugin that cannot be imported, or whose object lacks the contract, or whose
``render`` raises, is a :class:`~briefgen.errors.BriefgenError` naming the
plugin: never a traceback. See docs/architecture.md for a complete package.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.errors import BriefgenError

GROUP = "briefgen.formats"
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,19}$")
SUFFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$")


class PluginError(BriefgenError):
    """A format plugin that cannot be loaded or failed while rendering."""


def _where(ep) -> str:
    dist = getattr(ep, "dist", None)
    package = f" from package '{dist.name}'" if dist is not None else ""
    return f"format plugin '{ep.name}' ({ep.value}){package}"


@cache
def plugin_formats() -> tuple:
    """The :class:`~briefgen.writers.Format` rows of every installed plugin, by entry point name.

    Raises :class:`PluginError` naming the first plugin that cannot be loaded.
    """
    from importlib.metadata import entry_points


    rows = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        where = _where(ep)
        try:
            obj = ep.load()
        except Exception as exc:  # any failure of someone else's import is theirs to fix
            raise PluginError(f"{where} could not be loaded: {type(exc).__name__}: {exc}; "
                              "fix or uninstall that package") from None
        rows.append(_row(obj, where))
    return tuple(rows)


def _row(obj, where: str):
    from briefgen.writers import Format

    name, suffix = getattr(obj, "name", None), getattr(obj, "suffix", None)
    paged, render = getattr(obj, "paged", None), getattr(obj, "render", None)
    problems = []
    if not isinstance(name, str) or not NAME.match(name):
        problems.append("'name' must be a lower-case word (a-z, 0-9, - and _, at most 20)")
    if not isinstance(suffix, str) or not SUFFIX.match(suffix):
        problems.append("'suffix' must be a file suffix without the dot")
    if not isinstance(paged, bool):
        problems.append("'paged' must be true or false")
    if not callable(render):
        problems.append("'render(doc, setup, theme, scale)' must be a function")
    if problems:
        raise PluginError(f"{where} does not follow the format contract: " + "; ".join(problems))
    return Format(name, suffix, paged=paged, writer=render, origin=where,
                  help=str(getattr(obj, "help", "") or ""))


def plugin_render(fmt, doc, setup, theme, scale: float) -> bytes:
    """``fmt.render(...)`` for a plugin's row: any failure or a non-bytes result is a PluginError."""
    try:
        data = fmt.render(doc, setup, theme, scale)
    except BriefgenError:
        raise
    except Exception as exc:
        raise PluginError(f"{fmt.origin} failed to render '{doc.title}': "
                          f"{type(exc).__name__}: {exc}") from None
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise PluginError(f"{fmt.origin} returned {type(data).__name__}, not bytes")
    return data
