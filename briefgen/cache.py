"""A small on-disk cache for work every process would otherwise redo.

Unpacked fonts, compiled templates and the slimmed Word template live in
``$XDG_CACHE_HOME/briefgen/<kind>`` (or ``~/.cache/briefgen/<kind>``). Callers
put what the content depends on into the entry's name, so a stale entry is
never read, only left behind. Entries are written atomically; a missing or
unwritable cache only costs time, never an error.
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


def cache_dir(kind: str) -> Path:
    """The folder for one kind of cached data (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefgen" / kind


def read_cached(kind: str, name: str) -> bytes | None:
    """The bytes stored under ``name``, or None when there are none (or cannot be read).

    Only a regular file of at most :data:`MAX_ENTRY_BYTES` is read, never through
    a symbolic link: a FIFO, device or link put in the cache folder is a miss,
    not a hang or a read of some other file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(cache_dir(kind) / name, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
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
        folder.mkdir(parents=True, exist_ok=True)
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
