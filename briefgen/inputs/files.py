"""Reading an input file safely: regular files only, and never more bytes than a cap.

A FIFO, a device or a socket given as a facts file, template, theme, logo,
font, spec or manifest would block ``open`` or never end a read; ``st_size``
of such a file (or of a file growing while it is read) says nothing. So every
input is opened without blocking, checked with ``fstat`` on the open
descriptor (no race with a swap of the path), and read up to a cap counted in
bytes actually read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefgen.errors import InputError, input_error

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))

CHUNK = 1 << 16


def kind_of_mode(mode: int) -> str:
    """What a non-regular file is, in words ("a named pipe (FIFO)", "a folder" …)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def not_regular(path: Path | str) -> str | None:
    """Why ``path`` cannot be read as an input ("is a folder" …), or None when it is a file.

    Follows symlinks (an input may be a link to a file); a missing path is
    reported by whoever opens it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else f"is {kind_of_mode(mode)}, not a file"


def read_bytes_capped(path: Path | str, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``; refuses other files and anything over ``max_bytes``.

    Raises :class:`InputError` naming the file: missing, unreadable, not a
    regular file (checked before a byte is read), or larger than the cap
    (counted while reading, so a file that grows cannot slip through).
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise input_error(name, None, "no such file", "BG001") from None
    except IsADirectoryError:
        raise input_error(name, None, "is a folder, expected a file", "BG002") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket
            raise input_error(name, None, f"is a socket, not a file; the {what} must be a "
                              "regular file", "BG002") from None
        raise input_error(name, None, f"cannot read ({exc.strerror})", "BG002") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = kind_of_mode(mode)
            if kind == "a folder":
                raise input_error(name, None, "is a folder, expected a file", "BG002")
            raise input_error(name, None, f"is {kind}, not a file; the {what} must be a "
                              "regular file", "BG002")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise too_big(name, max_bytes, what)
        return b"".join(chunks)
    except InputError:
        raise
    except OSError as exc:
        raise input_error(name, None, f"cannot read ({exc.strerror})", "BG002") from None
    finally:
        os.close(fd)


def too_big(name: str, max_bytes: int, what: str) -> InputError:
    """The refusal of a file over the cap."""
    size = f"{max_bytes / 1e6:.0f} MB" if max_bytes >= 1_000_000 else f"{max_bytes // 1000} kB"
    return input_error(name, None, f"larger than {size}; briefgen reads at most {size} "
                       f"for a {what}", "BG003")


def decode_utf8(raw: bytes, name: str) -> str:
    """``raw`` as UTF-8 text (a BOM dropped); bad bytes are refused naming line and byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise input_error(name, line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                          "save the file as UTF-8", "BG004") from None
