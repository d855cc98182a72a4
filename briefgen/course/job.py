"""Building one batch job, in the main process or in a worker of the pool.

:func:`run_job` never raises: a user error (:class:`BriefgenError`) or a bug
becomes a failed :class:`JobOutcome` with a one-line reason, so one bad job
cannot stop the others or print a traceback.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.course.manifest import Job
from briefgen.errors import BriefgenError


@dataclass
class JobOutcome:
    """What became of one job: the files written (name → sha256) or why it failed."""

    name: str
    ok: bool
    paths: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""
    details: list[str] = field(default_factory=list)
    seconds: float = 0.0


def warm_up(in_worker: bool = True, batch_pid: int | None = None) -> None:
    """Import the pipeline and writers and register the default fonts, once per process.

    In a pool worker, Ctrl-C is left to the main process, which lets running
    jobs finish (each takes well under a second) and then stops.
    """
    if in_worker:
        from briefgen.course.signals import exit_when_orphaned, ignore_stop_signals_in_worker

        ignore_stop_signals_in_worker()
        if batch_pid is not None:
            exit_when_orphaned(batch_pid)
    from briefgen.kinds import KINDS

    for kind in KINDS:
        kind.builder()  # imports the sheet modules
    from briefgen.theme.model import DEFAULT_THEME
    from briefgen.writers import BUILTIN

    for fmt in BUILTIN:
        try:
            fmt.warm_up(DEFAULT_THEME)
        except BriefgenError:  # pragma: no cover - reported by the first job instead
            pass


_THEMES: dict[str | None, tuple] = {}


def _theme(path: str | None):
    from briefgen.theme.loader import load_theme

    if path not in _THEMES:
        _THEMES[path] = load_theme(path)
    return _THEMES[path]


def course_theme(path: str | None):
    """The theme at ``path`` (the course's ``defaults.theme``; None: the default), read once."""
    return _theme(path)[0]


def build_job(job: Job) -> tuple[list[Path], list[str]]:
    """Build one job's files (raises on failure); returns (paths written, warnings)."""
    from briefgen.sheets.strictness import strict_mode

    with strict_mode(job.strict):
        return _build_job(job)


def _build_job(job: Job) -> tuple[list[Path], list[str]]:
    from briefgen.kinds import get_kind
    from briefgen.sheets.request import SheetRequest
    from briefgen.theme.model import PageSetup, page_size_for

    theme, theme_size = _theme(job.theme)
    if job.online_url:  # each printed sheet carries a QR code to its page online
        from dataclasses import replace

        theme = replace(theme, online_url=job.online_url)
    setup = PageSetup(size=page_size_for(job.page_size, theme_size), pages=job.pages,
                      allow_overflow=job.allow_overflow)
    output = Path(job.output)
    dirs = [Path(d) for d in job.template_dirs]
    request = SheetRequest(tuple(Path(f) for f in job.facts), job.template, job.formats, output,
                           setup, theme, tuple(dirs), name=job.name,
                           spec=Path(job.spec) if job.spec else None, orientation=job.orientation,
                           since=job.since, default_paper=page_size_for(None, theme_size))
    result = get_kind(job.kind).builder()(request)
    return result.paths, result.warnings


def run_job(job: Job) -> JobOutcome:
    """Build one job and report the outcome; never raises.

    Only for ``batch``, which has removed stale temp files under its lock.
    """
    from briefgen.outputs import stale_temps_already_removed

    start = time.perf_counter()
    try:
        with stale_temps_already_removed():  # batch removed them under its lock
            paths, warnings = build_job(job)
        hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        return JobOutcome(job.name, True, [str(p) for p in paths], hashes, list(warnings),
                          seconds=time.perf_counter() - start)
    except BriefgenError as exc:
        lines = exc.lines()
        details = lines if len(lines) > 1 else []
        return JobOutcome(job.name, False, reason=str(exc), details=details,
                          seconds=time.perf_counter() - start)
    except Exception as exc:  # a bug in one job must not stop the others
        return JobOutcome(job.name, False, reason=f"internal error ({type(exc).__name__}: "
                          f"{exc}); this is a bug, please report it",
                          seconds=time.perf_counter() - start)
