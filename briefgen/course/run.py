"""Batch export: build every sheet a course manifest lists, in parallel and incrementally.

:func:`run_batch` reads the manifest (:mod:`briefgen.course.manifest`), locks
the output folder, skips jobs whose inputs and outputs are unchanged
(:mod:`briefgen.course.state`), builds the rest in a process pool
(:mod:`briefgen.course.job`), records each finished job as it arrives, and
optionally writes the course pack (:mod:`briefgen.course.pack`). A failed job
never stops the others; the summary lists it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.course.job import JobOutcome, run_job, warm_up
from briefgen.course.manifest import Job, Manifest, load_manifest
from briefgen.course.signals import deferred_stop, stop_helper_processes, stop_signals_interrupt
from briefgen.course.state import Digests, RunLock, State, file_sha256
from briefgen.outputs import prepare_output_dir, stale_temps_already_removed

SAVE_EVERY_SECONDS = 0.5
"""How often the state file is rewritten while jobs finish (and always at the end)."""

MAX_WORKERS = 61
"""Most worker processes, whatever -j says (-j 100000 must not start 1000 processes;
61 is also Windows' limit for a process pool)."""

POOL_FROM_JOBS = 3
"""Fewer jobs to build than this run in-process: starting workers would cost more."""

def preload_modules() -> list[str]:
    """What the fork server imports once for every worker: each kind's build and each
    in-tree format's writer, as the registries name them."""
    from briefgen.kinds import KINDS
    from briefgen.writers import BUILTIN

    modules = [k.build.split(":")[0] for k in KINDS]
    modules += [f.writer.split(":")[0] for f in BUILTIN if isinstance(f.writer, str)]
    return list(dict.fromkeys(modules))


@dataclass
class BatchSummary:
    """What a run did: jobs built, skipped as up to date, failed; pack files written."""

    manifest: Manifest
    built: list[JobOutcome] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[JobOutcome] = field(default_factory=list)
    pack: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no job failed."""
        return not self.failed


class Reporter:
    """Hooks a front end implements to show progress; the defaults do nothing."""

    def planned(self, total: int, to_build: list[Job], workers: int) -> None:
        """Called once before building: how many jobs, which will be built."""

    def finished(self, job: Job, outcome: JobOutcome) -> None:
        """Called as each job finishes (in completion order)."""

    def packed(self, paths: list[Path]) -> None:
        """Called after the course pack is written (empty if it was up to date)."""


def default_workers() -> int:
    """The cores this process may use."""
    count = getattr(os, "process_cpu_count", None)
    return (count() if count else None) or os.cpu_count() or 1


def run_batch(manifest_path: Path | str, *, workers: int | None = None, force: bool = False,
              pack: bool = False, output: Path | None = None,
              reporter: Reporter | None = None, strict: bool = False,
              since: str | None = None, cartridge: bool = False) -> BatchSummary:
    """Build a course: every job of the manifest that is not up to date.

    ``pack`` also writes the course pack and ``index.html``; ``cartridge`` the
    course as an IMS Common Cartridge (``<course>.imscc``, :mod:`briefgen.course.web`).

    Raises :class:`~briefgen.errors.InputError` for a bad manifest or a busy
    output folder (another run holds the lock); job failures are in the summary.
    """
    start = time.perf_counter()
    reporter = reporter or Reporter()
    manifest = load_manifest(manifest_path, output)
    if strict:  # --strict: every job's warnings fail it, whatever the manifest says
        from dataclasses import replace

        manifest.jobs = [replace(job, strict=True) for job in manifest.jobs]
    if cartridge:
        from briefgen.course.web import check_cartridge

        check_cartridge(manifest)  # before anything is built
    notes: dict[str, str] = {}
    if since:  # --since REV: a change sheet per facts file, a line per sheet in the pack
        from briefgen.changes.sides import resolve_revision
        from briefgen.course.since import change_jobs, change_notes

        facts = [Path(f) for job in manifest.jobs for f in job.facts]
        commit = resolve_revision(since, facts[0].parent if facts else manifest.file.parent)
        notes = change_notes(manifest, commit) if pack else {}
        manifest.jobs += change_jobs(manifest, commit, since)
    folder = prepare_output_dir(manifest.output)
    summary = BatchSummary(manifest)
    with RunLock(folder), stale_temps_already_removed(), stop_signals_interrupt():
        remove_stale_temps(manifest)  # once for the folder; no write looks again
        state = State.load(folder)
        digests = Digests()
        hashes = {job.name: digests.job_input(job) for job in manifest.jobs}
        todo = [job for job in manifest.jobs
                if force or not state.is_current(job, hashes[job.name])]
        building = {job.name for job in todo}
        summary.skipped = [job for job in manifest.jobs if job.name not in building]
        n_workers = max(1, min(workers or default_workers(), len(todo), MAX_WORKERS))
        if len(todo) < POOL_FROM_JOBS:
            n_workers = 1
        reporter.planned(len(manifest.jobs), todo, n_workers)
        keep = {job.name for job in manifest.jobs}
        last_save = time.monotonic()

        def done(job: Job, outcome: JobOutcome) -> None:
            nonlocal last_save
            if outcome.ok:
                state.record(job.name, hashes[job.name], outcome.hashes)
                summary.built.append(outcome)
            else:
                summary.failed.append(outcome)
            if time.monotonic() - last_save >= SAVE_EVERY_SECONDS:
                state.save(keep)
                last_save = time.monotonic()
            reporter.finished(job, outcome)

        try:
            execute(todo, n_workers, done)
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: keep what is done, clean up
            stop_helper_processes()
            remove_stale_temps(manifest)
            raise
        finally:
            state.save(keep)
        if pack:
            summary.pack = _pack(manifest, state, summary, force, notes)
            state.save(keep)
            reporter.packed(summary.pack)
        if cartridge:
            from briefgen.course.web import write_cartridge

            failed = {o.name for o in summary.failed}
            path = write_cartridge(manifest, [j for j in manifest.jobs if j.name not in failed])
            summary.pack.append(path)
            reporter.packed([path])
    summary.seconds = time.perf_counter() - start
    return summary


def remove_stale_temps(manifest: Manifest) -> list[Path]:
    """Delete temporary files a killed run left for this manifest's outputs.

    Only called under the lock, and only for files this manifest writes
    (``write_atomic`` names them ``.<file>.<random>.tmp``).
    """
    from briefgen.course.pack import pack_names
    from briefgen.course.state import STATE_FILE
    from briefgen.course.web import INDEX, cartridge_name

    names = {STATE_FILE, *pack_names(manifest.pack_name), INDEX, cartridge_name(manifest)}
    names.update(name for job in manifest.jobs for name in job.output_files())
    removed = []
    for path in manifest.output.glob(".*.tmp"):
        stem = path.name[1:].removesuffix(".tmp").rpartition(".")[0]
        if stem in names:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def execute(jobs: list[Job], workers: int, done: Callable[[Job, JobOutcome], None]) -> None:
    """Run ``jobs`` (in-process for one worker, else in a process pool), calling ``done`` for each.

    On Ctrl-C, queued jobs are cancelled, running ones finish and are reported,
    then the interrupt propagates.
    """
    if workers <= 1:
        for job in jobs:  # a stop signal waits for the job to end: raised inside library
            with deferred_stop():  # code (reportlab's bare excepts) it became another error
                done(job, run_job(job))
        return
    pool = None
    futures: dict[Future, Job] = {}
    reported: set[Future] = set()
    try:
        with deferred_stop():  # a SIGTERM while workers start is raised once they have
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(),
                                       initializer=warm_up, initargs=(True, os.getpid()))
            futures.update((pool.submit(run_job, job), job) for job in jobs)
        for future in as_completed(futures):
            reported.add(future)
            done(futures[future], _result(future, futures[future]))
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            for future, job in futures.items():
                if future not in reported and future.done() and not future.cancelled():
                    done(job, _result(future, job))
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _result(future: Future, job: Job) -> JobOutcome:
    try:
        return future.result()
    except Exception as exc:  # the worker died (killed, out of memory): that job failed
        return JobOutcome(job.name, False, reason=f"worker process failed ({type(exc).__name__}: "
                          f"{exc})")


def pool_context():
    """How workers start: ``forkserver`` on Linux, ``spawn`` elsewhere.

    Plain ``fork`` would copy this process while the pool's manager thread
    runs (unsafe, deprecated since Python 3.12). A fork server is one clean
    single-threaded process that imports the pipeline and writers once
    (:func:`preload_modules`); each worker forks from it already warm.
    """
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload_modules())
        return ctx
    return multiprocessing.get_context("spawn")


def _pack(manifest: Manifest, state: State, summary: BatchSummary, force: bool,
          notes: dict[str, str] | None = None) -> list[Path]:
    """Write the course pack unless it is up to date with the outputs it holds."""
    from briefgen.course.pack import pack_names, write_pack
    from briefgen.course.web import INDEX

    failed = {o.name for o in summary.failed}
    folder = manifest.output
    files = []
    for job in manifest.jobs:
        entry = state.jobs.get(job.name)
        if job.name in failed or not entry:
            continue
        for name in job.output_files():
            if name in entry["outputs"]:
                files.append((job.name, folder / name, entry["outputs"][name]))
    key = file_key(manifest, files, notes)
    names = [*pack_names(manifest.pack_name), INDEX]
    if (not force and state.pack and state.pack.get("input") == key
            and all(file_sha256(folder / n) == state.pack["outputs"].get(n) for n in names
                    if n in state.pack["outputs"])):
        return []
    from briefgen.course.web import write_index
    from briefgen.kinds import listed_kind

    kinds = {j.name: listed_kind(j.kind, j.template).name for j in manifest.jobs}
    from briefgen.course.job import course_theme

    paths = write_pack(folder, manifest.pack_name, manifest.title, files, kinds,
                       course_theme(manifest.theme), notes)
    paths.append(write_index(manifest, [j for j in manifest.jobs if j.name not in failed],
                             course_theme(manifest.theme)))
    state.pack = {"input": key, "outputs": {p.name: file_sha256(p) for p in paths}}
    return paths


def file_key(manifest: Manifest, files: list[tuple[str, Path, str]],
             notes: dict[str, str] | None = None) -> str:
    """One hash over the pack's title, member files (job, name, sha256) and contents notes."""
    import hashlib
    import json

    from briefgen import __version__

    record = [__version__, manifest.title, [[j, p.name, h] for j, p, h in files]]
    if notes:
        record.append(sorted(notes.items()))
    return hashlib.sha256(json.dumps(record).encode()).hexdigest()
