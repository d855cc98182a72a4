"""What a batch run remembers between runs, and the lock that keeps runs apart.

``.briefgen-state.json`` in the output folder holds, per job output name, the
hash of the job's inputs (facts bytes, template files, spec, theme, options,
briefgen version) and the sha256 of each file it wrote. A job is up to date
when its input hash is unchanged and every output is on disk with its recorded
hash. Every input file is hashed once per run however many jobs use it.

``.briefgen.lock`` in the output folder is held (``fcntl.flock``) for the whole
run, so a second run on the same folder refuses at once instead of racing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from briefgen import __version__
from briefgen.course.manifest import Job
from briefgen.errors import InputError
from briefgen.kinds import get_kind
from briefgen.outputs import write_atomic
from briefgen.sheets.inputs import sheet_inputs, template_files

STATE_FILE = ".briefgen-state.json"
LOCK_FILE = ".briefgen.lock"
STATE_VERSION = 1


def file_sha256(path: Path | str) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:  # a FIFO or device would block or never end: it has no hash
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


class Digests:
    """File hashes for one run: each distinct file is read and hashed once."""

    def __init__(self) -> None:
        self._files: dict[str, str | None] = {}
        self._templates: dict[tuple, list[str]] = {}

    def file(self, path: str) -> str | None:
        """The sha256 of ``path`` (cached for the run)."""
        if path not in self._files:
            self._files[path] = file_sha256(path)
        return self._files[path]

    def template_files(self, template: str, dirs: tuple[str, ...]) -> list[str]:
        """The template's file and every file it includes, extends or imports."""
        key = (template, dirs)
        if key not in self._templates:
            self._templates[key] = template_files(template, list(dirs))
        return self._templates[key]

    def job_input(self, job: Job) -> str:
        """One hash over everything a job's outputs depend on.

        Paths enter relative to the output folder, so a course checked out
        elsewhere (another machine, CI) is still up to date.
        """
        files = sheet_inputs(list(job.facts), job.template, list(job.template_dirs),
                             comparison=get_kind(job.kind).reads_spec, spec=job.spec, theme=job.theme,
                             templates=lambda t, d: self.template_files(t, tuple(d)))
        rel = functools.partial(_relative, start=job.output)
        options = {k: v for k, v in asdict(job).items()
                   if k not in ("where", "line", "output", "facts", "template_dirs", "spec",
                                "theme")}
        if options.get("online_url") is None:  # no QR code: the hash older versions made
            options.pop("online_url", None)
        options["template"] = rel(job.template) if os.path.isabs(job.template) else job.template
        options["template_dirs"] = [rel(d) for d in job.template_dirs]
        record = {"version": __version__, "options": options,
                  "files": [[rel(f), self.file(f)] for f in files]}
        return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _relative(path: str, start: str) -> str:
    try:
        return os.path.relpath(path, start)
    except ValueError:  # another drive (Windows)
        return path


def _entry_shape(entry: object) -> bool:
    """Whether a job's (or the pack's) record is ``{"input": str, "outputs": {str: str}}``.

    A record of another shape (a string, a list, outputs that are not hashes) is
    dropped, so that job is built again: the state file is a cache, never trusted.
    """
    if not isinstance(entry, dict) or not isinstance(entry.get("input"), str):
        return False
    outputs = entry.get("outputs")
    return isinstance(outputs, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in outputs.items())


class State:
    """The state file of one output folder: per job, input hash and output hashes."""

    def __init__(self, folder: Path, jobs: dict[str, dict] | None = None,
                 pack: dict | None = None):
        self.path = folder / STATE_FILE
        self.jobs: dict[str, dict] = jobs or {}
        self.pack: dict | None = pack

    @classmethod
    def load(cls, folder: Path) -> State:
        """Read the state file; a missing or unreadable one means "build everything"."""
        from briefgen.errors import BriefgenError
        from briefgen.inputs.files import read_bytes_capped

        try:
            data = json.loads(read_bytes_capped(folder / STATE_FILE, 50_000_000, "state file"))
            if data.get("version") != STATE_VERSION or not isinstance(data.get("jobs"), dict):
                raise ValueError("other version")
        except (OSError, ValueError, AttributeError, RecursionError, BriefgenError):
            return cls(folder)  # cut, nested 100,000 deep, another version: build everything
        jobs = {k: v for k, v in data["jobs"].items() if _entry_shape(v)}
        pack = data.get("pack")
        return cls(folder, jobs, pack if _entry_shape(pack) else None)

    def is_current(self, job: Job, input_hash: str) -> bool:
        """Whether the job's outputs on disk are those its unchanged inputs made."""
        entry = self.jobs.get(job.name)
        if not entry or entry.get("input") != input_hash:
            return False
        outputs = entry.get("outputs", {})
        folder = self.path.parent
        return all(outputs.get(f) is not None and file_sha256(folder / f) == outputs[f]
                   for f in job.output_files())

    def record(self, name: str, input_hash: str, outputs: dict[str, str]) -> None:
        """Remember a job that has just written its outputs."""
        self.jobs[name] = {"input": input_hash, "outputs": outputs}

    def save(self, keep: set[str] | None = None) -> None:
        """Write the state atomically; ``keep`` drops jobs no longer in the manifest."""
        jobs = self.jobs if keep is None else {k: v for k, v in self.jobs.items() if k in keep}
        data = {"version": STATE_VERSION, "briefgen": __version__, "jobs": jobs}
        if self.pack:
            data["pack"] = self.pack
        text = json.dumps(data, indent=1, sort_keys=True) + "\n"
        write_atomic(self.path, text.encode("utf-8"))


class RunLock:
    """An exclusive lock on an output folder for one batch run (context manager)."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK_FILE
        self._fd: int | None = None
        self._exclusive_file = False

    def __enter__(self) -> RunLock:
        try:
            import fcntl
        except ImportError:  # Windows: create the file exclusively, remove it at the end
            self._create_exclusive()
            return self
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise self._busy(other) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def _open(self) -> int:
        """Open (or create) the lock file itself: never through a link, only a regular file.

        A link planted at ``.briefgen.lock`` would otherwise make the run
        truncate and write into whatever file it points at.
        """
        import errno
        import stat

        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            st = os.lstat(self.path)
            if not stat.S_ISREG(st.st_mode):
                raise self._not_a_file(st.st_mode)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise InputError(f"{self.path}: cannot open the lock file ({exc.strerror})") from None
        try:
            fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise self._not_a_file(stat.S_IFLNK) from None
            raise InputError(f"{self.path}: cannot open the lock file ({exc.strerror})") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:  # a hard link: another file's name
            os.close(fd)
            if stat.S_ISREG(st.st_mode):
                raise InputError(f"{self.path}: the lock file has other names (hard links); "
                                 "briefgen never writes through it. Delete it and run again")
            raise self._not_a_file(st.st_mode)
        return fd

    def _not_a_file(self, mode: int) -> InputError:
        import stat

        from briefgen.inputs.files import kind_of_mode

        kind = "a symbolic link" if stat.S_ISLNK(mode) else kind_of_mode(mode)
        return InputError(f"{self.path}: the lock file is {kind}; briefgen never writes "
                          "through it. Delete it and run again")

    def _create_exclusive(self) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            other = self.path.read_text(errors="replace").strip() or "unknown"
            raise self._busy(other, stale_hint=True) from None
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        self._exclusive_file = True

    def _busy(self, pid: str, stale_hint: bool = False) -> InputError:
        hint = (" If no such process is running, delete the lock file." if stale_hint else "")
        return InputError(f"{self.path}: another briefgen batch run (pid {pid}) is writing to "
                          f"{self.path.parent}; wait for it to finish or use another output "
                          f"folder.{hint}")

    def __exit__(self, *exc) -> None:
        # The flock file stays: removing it would let a third run lock a new file
        # while a second one still waits on the old one.
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._exclusive_file:
            try:
                self.path.unlink()
            except OSError:
                pass
