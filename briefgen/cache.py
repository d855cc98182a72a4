"""A small on-disk cache for work every process would otherwise redo.

Unpacked fonts, compiled templates and the slimmed Word template live in
``$XDG_CACHE_HOME/briefgen/<kind>`` (or ``~/.cache/briefgen/<kind>``). Callers
put what the content depends on into the entry's name, so a stale entry is
never read, only left behind. Entries are written atomically; a missing or
unwritable cache only costs time, never an error.

Trust (as Jinja's ``FileSystemBytecodeCache`` does, and more): some entries
are executable forms (compiled templates start with a pickle; validated facts
and template analyses are ``marshal`` data) and every entry changes what a
handout says, while the SHA-256 "seal" of an entry is no secret. So the cache
is used only when its folders (``briefgen`` and ``briefgen/<kind>``) are real
folders owned by the user running briefgen and writable by nobody else (their
parent too, unless it is sticky like ``/tmp``), and an entry is read only when
it is owned by that user and writable by nobody else. Otherwise one warning
goes to stderr and the build goes on without the cache. Folders are created
``0700``. A relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import tempfile
from pathlib import Path

MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read back (the largest real ones, parsed faces, are ~0.2 MB)."""


def cache_root() -> Path:
    """``$XDG_CACHE_HOME`` when it is an absolute path, else ``~/.cache``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # relative: ignored (XDG Base Directory spec)
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base)


def cache_dir(kind: str) -> Path:
    """The folder for one kind of cached data (not created here)."""
    return cache_root() / "briefgen" / kind


_WARNED: set[str] = set()


def _warn(message: str) -> None:
    """One line on stderr, once per process (the build goes on without the cache)."""
    import sys

    from briefgen.printable import escape_controls

    if message in _WARNED:
        return
    _WARNED.add(message)
    try:
        sys.stderr.write(f"warning: {escape_controls(message)}; building without the cache\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed or gone: nothing to tell
        pass


def _unsafe(st: os.stat_result, what: str, path: Path) -> str | None:
    """Why a folder or entry with this stat may not be trusted, or None."""
    if st.st_uid != os.geteuid():
        return f"{what} {path} is owned by another user (uid {st.st_uid})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{what} {path} is writable by others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def untrusted(kind: str) -> str | None:
    """Why the cache folder of ``kind`` may not be used, or None (missing folders are fine).

    The parent of ``briefgen/`` must be the user's or root's and, if others can
    write it, sticky; ``briefgen/`` and ``briefgen/<kind>`` must be real folders
    (not links) of the user, writable by nobody else.
    """
    root = cache_root()
    try:
        st = os.stat(root)
        if st.st_uid not in (os.geteuid(), 0):
            return f"cache folder {root} is owned by another user (uid {st.st_uid})"
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
            return f"cache folder {root} is writable by others and not sticky"
    except OSError:
        return None  # nothing there yet: created 0700 when first written
    for folder in (root / "briefgen", root / "briefgen" / kind):
        try:
            st = os.lstat(folder)
        except OSError:
            return None
        if not stat.S_ISDIR(st.st_mode):
            return f"cache folder {folder} is not a folder (a link?)"
        why = _unsafe(st, "cache folder", folder)
        if why:
            return why
    return None


def trusted(kind: str) -> bool:
    """Whether the cache folder of ``kind`` may be read and written (else one warning)."""
    why = untrusted(kind)
    if why:
        _warn(why)
    return why is None


def read_cached(kind: str, name: str) -> bytes | None:
    """The bytes stored under ``name``, or None when there are none (or cannot be read).

    Only a regular file of at most :data:`MAX_ENTRY_BYTES` is read, never through
    a symbolic link: a FIFO, device or link put in the cache folder is a miss,
    not a hang or a read of some other file. Only a trusted folder is read, and
    only an entry the user owns that nobody else can write (see the module).
    """
    if not trusted(kind):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(cache_dir(kind) / name, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        why = _unsafe(info, "cache entry", cache_dir(kind) / name)
        if why:
            _warn(why)
            return None
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_ENTRY_BYTES + 1)
        return data if len(data) <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def write_cached(kind: str, name: str, data: bytes) -> None:
    """Store ``data`` under ``name``, atomically; silently skipped when the cache is unwritable.

    ``name`` is ``<what>-<stamp>…``: entries for the same ``<what>`` with another
    stamp (an older font package, template or code) are deleted, so the cache
    does not grow with every upgrade.
    """
    folder = cache_dir(kind)
    tmp = None
    try:
        cache_root().mkdir(parents=True, exist_ok=True)
        folder.parent.mkdir(mode=0o700, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        if not trusted(kind):
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
        tmp = None
        what = name.split("-", 1)[0]
        for old in folder.glob(f"{glob.escape(what)}-*"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def file_tag(path: str | os.PathLike) -> str:
    """Size and modification time of ``path`` in hex: changes when the file is replaced."""
    st = os.stat(path)
    return f"{st.st_size:x}-{st.st_mtime_ns:x}"


def sealed(magic: bytes, payload: bytes) -> bytes:
    """An entry: ``magic``, the SHA-256 of ``payload``, then ``payload`` (see :func:`unsealed`)."""
    return magic + hashlib.sha256(payload).digest() + payload


def unsealed(magic: bytes, stored: bytes) -> bytes | None:
    """The payload of a :func:`sealed` entry, or None when it is cut, altered or another kind."""
    head = len(magic) + 32
    payload = stored[head:]
    if stored[:len(magic)] != magic or hashlib.sha256(payload).digest() != stored[len(magic):head]:
        return None
    return payload
