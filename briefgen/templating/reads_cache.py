"""What a template reads, remembered on disk while none of its files changes.

:func:`briefgen.templating.reads.analyse_template` parses a template and every
template it extends, imports or includes, then walks their syntax trees: about
15 ms of each cold build. Its answer depends only on those files, on where
they were found and on the working folder (paths are shown relative to it), so
it is kept in ``$XDG_CACHE_HOME/briefgen/reads`` (see :mod:`briefgen.cache`)
with the name, the file the loader found and the SHA-256 of the source of every
template the analysis asked for (a template it did not find is listed too).
Before an entry is used, each of those names is looked up again: a changed
file, a file found elsewhere on the search path, or a missing one that now
exists means the template is analysed afresh.

An entry starts with :data:`MAGIC` and the SHA-256 of the rest (a ``marshal``
of builtin types); a damaged entry or one of another shape is never used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import astuple
from functools import cache
from pathlib import Path

import jinja2

from briefgen.errors import Problem
from briefgen.templating.read_model import Read, TemplateReads

MAGIC = b"briefgen-reads\n"
KIND = "reads"

Loaded = list[tuple[str, str | None, str | None]]
"""(template name, file found or None, SHA-256 of its source or None), per lookup."""


class RecordingLoader(jinja2.BaseLoader):
    """A loader that passes lookups to ``inner`` and notes what each one found."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner
        self.loaded: Loaded = []

    def get_source(self, environment, template):
        """The inner loader's answer, noted (a template not found is noted and re-raised)."""
        try:
            source, filename, uptodate = self.inner.get_source(environment, template)
        except jinja2.TemplateNotFound:
            self.loaded.append((template, None, None))
            raise
        self.loaded.append((template, filename, _digest(source)))
        return source, filename, uptodate


def recall(env: jinja2.Environment, name: str, search: list[Path]) -> TemplateReads | None:
    """The stored analysis of ``name`` if every template it read is still as it was."""
    from briefgen.cache import read_cached, unsealed

    stored = read_cached(KIND, _entry(name, search))
    body = None if stored is None else unsealed(MAGIC, stored)
    if body is None:
        return None
    try:
        loaded, plain = marshal.loads(body)
        if not all(_unchanged(env, *entry) for entry in loaded):
            return None
        return _restore(plain)
    except (ValueError, TypeError, KeyError, EOFError):
        return None


def remember(name: str, search: list[Path], loaded: Loaded, reads: TemplateReads) -> None:
    """Store ``reads`` with the lookups that produced it (silently skipped when unwritable)."""
    from briefgen.cache import sealed, write_cached

    write_cached(KIND, _entry(name, search), sealed(MAGIC, marshal.dumps((loaded, _plain(reads)))))


def _unchanged(env: jinja2.Environment, name: str, filename: str | None,
               digest: str | None) -> bool:
    try:
        source, found, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return filename is None
    return found == filename and _digest(source) == digest


def _entry(name: str, search: list[Path]) -> str:
    """``<template, search path and folder hash>-<code hash>.reads``."""
    where = hashlib.sha256("\0".join([name, os.getcwd(), *map(str, search)]).encode(
        "utf-8", "surrogatepass"))
    return f"{where.hexdigest()[:32]}-{code_stamp()[:16]}.reads"


@cache
def code_stamp() -> str:
    """A hash of the analysis code (this package's reads, walk and read model) and Jinja's version."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(jinja2.__version__.encode())
    for path in [*(here / m for m in ("reads.py", "reads_cache.py", "read_model.py", "walk.py",
                                      "environment.py")), here.parent / "errors.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(reads: TemplateReads) -> tuple:
    return (reads.name, reads.file, [astuple(r) for r in reads.reads], reads.any_fact,
            reads.blocks, reads.specs, reads.alternatives, [astuple(p) for p in reads.problems])


def _restore(plain: tuple) -> TemplateReads:
    name, file, reads, any_fact, blocks, specs, alternatives, problems = plain
    return TemplateReads(name, file, [Read(*r) for r in reads], any_fact, dict(blocks),
                         list(specs), dict(alternatives), [Problem(*p) for p in problems])
