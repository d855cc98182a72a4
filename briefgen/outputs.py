"""Writing outputs safely: checked names, atomic replace, clear errors.

Every file is written to a temporary file in the target folder and renamed
into place, so a failed or killed run leaves either the complete new file or
the previous one — never a truncated file.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import glob
import os
import re
import secrets
import stat
import tempfile
import time
from pathlib import Path

from briefgen.errors import InputError, OutputError

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_SAFE_NAME = re.compile(r"^[\w.\- ]+$", re.UNICODE)
MAX_NAME_BYTES = 200
"""Longest output name (UTF-8 bytes) before its extension: 255 less ``.docx``, the temp
file's dots and random part (14 bytes) and room for ``.<ext>`` of any format."""


def sheet_name(base: str, language: str | None = None, declared: str | None = None,
               paper: str | None = None, default_paper: str | None = None) -> str:
    """The default output name of a sheet: ``base`` (``csto-brief``, ``csto-vs-nato``), then
    ``-<language>`` when the sheet's language is not the facts file's ``declared`` one, then
    ``-<paper>`` when the paper is not the ``default_paper`` (the theme's, else A4).

    ``brief``, ``compare`` and ``batch`` name their files by this one rule, so
    ``--lang ru`` (``csto-brief-ru``) and ``--page-size letter`` (``csto-brief-letter``)
    never overwrite the sheet in the file's own language and paper.
    """
    parts = [base]
    if language and declared and language.lower() != declared.lower():
        parts.append(language)
    if paper and default_paper and paper.lower() != default_paper.lower():
        parts.append(paper.lower())
    return "-".join(parts)


def safe_output_name(name: str, where: str = "output name") -> str:
    """Check that ``name`` is a plain file name that stays inside the output folder."""
    if not name or name in (".", ".."):
        raise InputError(f"{where}: empty output name")
    if "/" in name or "\\" in name or os.path.isabs(name) or ".." in Path(name).parts:
        raise InputError(f"{where}: '{name}' must be a plain file name, not a path "
                         "(outputs stay inside the output folder)")
    if not _SAFE_NAME.match(name) or name.startswith(".") or name.endswith((" ", ".")):
        raise InputError(f"{where}: '{name}' has characters not allowed in a file name; "
                         "use letters, digits, '-', '_' and '.'")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InputError(f"{where}: '{name[:40]}…' is {len(name.encode('utf-8'))} bytes long; "
                         f"output names may have at most {MAX_NAME_BYTES} (file systems allow "
                         "255 with the extension and the temp file's 14)")
    if name.split(".")[0].lower() in _RESERVED:
        raise InputError(f"{where}: '{name}' is a reserved device name on Windows")
    return name


def prepare_output_dir(path: Path) -> Path:
    """Create the output folder if needed; a clear error if it cannot be used."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: output folder is a file; choose another --output")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create output folder ({exc.strerror})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: output folder is not writable")
    return path


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    return write_all_atomic({path: data})[0]


def write_all_atomic(files: dict[Path, bytes]) -> list[Path]:
    """Write several files so that a failure leaves every previous file unchanged.

    Every target is checked first (a folder in the way is refused before any
    write); each file then goes to a temporary file in its folder; only when
    all of them are on disk are they renamed into place. Should a rename still
    fail, the files already renamed are put back (from hard links kept of the
    previous files), so the message "the previous files are unchanged" is true;
    when that is impossible the message names the files that are new.
    Temp files are created exclusively (never through a link) and removed.
    """
    check_targets(files)
    staged: dict[Path, str] = {}
    current = None
    if _SWEEP_STALE_TEMPS.get():
        for path in files:
            remove_stale_temps(path)
    renamer = Renamer()
    try:
        for path, data in files.items():
            current = path
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
            staged[path] = tmp_name
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, mode_for(path))
        renamer.keep_previous(list(staged))
        for path, tmp_name in list(staged.items()):
            current = path
            renamer.replace(tmp_name, path)
            del staged[path]
    except OSError as exc:
        reason = "disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise OutputError(f"{current}: cannot write ({reason}); {renamer.roll_back()}") from None
    finally:
        renamer.discard()
        for tmp_name in staged.values():
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return list(files)


def current_umask() -> int:
    """The process's umask (read from ``/proc`` where it can be, so no thread sees it change)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def mode_for(path: Path, folder: bool = False) -> int:
    """The permissions ``path`` is written with: the replaced file's, else what the umask gives.

    A file that replaces another keeps that file's permissions (a handout kept
    private stays private); a new one gets ``0666`` (``0777`` for a folder) less
    the umask, as any program's new file does. Special bits are never copied.
    """
    try:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode) and not folder:
            return stat.S_IMODE(st.st_mode) & 0o777
    except OSError:
        pass
    return (0o777 if folder else 0o666) & ~current_umask()


def check_targets(files: dict[Path, bytes] | list[Path]) -> None:
    """Refuse, before anything is written, a target name taken by a folder (or unreadable)."""
    for path in files:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror}); nothing was written") from None
        if stat.S_ISDIR(mode):
            raise OutputError(f"{path}: a folder has this name; move it away or choose another "
                              "--output (nothing was written)")


class Renamer:
    """Renames staged files into place and can put the previous files back.

    Before the first rename, each existing target gets a hard link under a
    hidden temp name (``.<name>.<random>.tmp``, so a killed run's leftovers
    are swept like any temp file). A link to a symlink is the symlink itself:
    nothing is ever read or written through a link.
    """

    def __init__(self) -> None:
        self.backups: dict[Path, str | None] = {}
        self.done: list[Path] = []
        self.unsafe: list[Path] = []  # had a previous file that could not be kept

    def keep_previous(self, paths: list[Path]) -> None:
        """Hard-link every existing target aside (no data is copied)."""
        for path in paths:
            try:
                os.lstat(path)
            except FileNotFoundError:
                self.backups[path] = None
                continue
            backup = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
            try:
                os.link(path, backup, follow_symlinks=False)
                self.backups[path] = backup
            except OSError:  # no hard links here: this file cannot be put back
                self.unsafe.append(path)

    def replace(self, tmp_name: str, path: Path) -> None:
        """Rename ``tmp_name`` onto ``path`` (the link, never its target)."""
        os.replace(tmp_name, path)
        self.done.append(path)

    def roll_back(self) -> str:
        """Undo the renames done so far; returns the truth to tell the user."""
        new = []
        for path in reversed(self.done):
            try:
                backup = self.backups.get(path)
                if backup is not None:
                    os.replace(backup, path)
                    self.backups[path] = None
                elif path in self.unsafe:
                    new.append(path.name)
                else:
                    os.unlink(path)
            except OSError:
                new.append(path.name)
        self.done = []
        if new:
            return (f"already replaced by the new version: {', '.join(new)}; "
                    "the other previous files are unchanged")
        return "the previous files are unchanged"

    def discard(self) -> None:
        """Remove the backup links left (the run succeeded or was rolled back)."""
        for backup in self.backups.values():
            if backup is not None:
                try:
                    os.unlink(backup)
                except OSError:
                    pass
        self.backups = {}


STALE_AFTER_SECONDS = 600
"""A temp file this old belongs to a run that was killed, not one still writing."""

_SWEEP_STALE_TEMPS = contextvars.ContextVar("sweep_stale_temps", default=True)


@contextlib.contextmanager
def stale_temps_already_removed():
    """Within this block, writes skip looking for a killed run's temp files.

    For callers that removed them already for the whole folder, under a lock
    (``batch``): otherwise every write lists the folder again, which for a
    course of 1000 jobs costs seconds.
    """
    token = _SWEEP_STALE_TEMPS.set(False)
    try:
        yield
    finally:
        _SWEEP_STALE_TEMPS.reset(token)


def remove_stale_temps(path: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Delete ``.<name>.<random>.tmp`` files a killed run left beside ``path``.

    Only temp files of this very output, and only old ones: a run writing the
    same file right now (seconds old) is left alone.
    """
    removed = []
    now = time.time()
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    return removed
