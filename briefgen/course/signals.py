"""SIGTERM and SIGHUP stop a batch the way Ctrl-C does.

A service manager, a CI runner or a closed terminal stops ``briefgen batch``
with SIGTERM or SIGHUP. By default that kills the main process at once: its
pool's workers, the fork server and the resource tracker live on, still
building queued jobs for nobody. Here both signals raise :class:`Terminated`
(a ``KeyboardInterrupt``) in the main thread, so the same path as Ctrl-C
runs: queued jobs are cancelled, running ones finish and are recorded, temp
files are removed, the helper processes are stopped, and the CLI exits with
128 + the signal number (143 for SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
import threading

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                     if hasattr(signal, name))
"""SIGINT is here too, so that Ctrl-C is also held back while a pool starts."""


class Terminated(KeyboardInterrupt):
    """The run was asked to stop by a signal; ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
        self.name = signal.Signals(signum).name


class _Stop:
    """Whether a stop signal may raise now (``armed``), and one that waits (``pending``)."""

    armed = True
    pending: int | None = None
    raised = False


@contextlib.contextmanager
def stop_signals_interrupt():
    """Within the block, SIGTERM/SIGHUP raise :class:`Terminated` (main thread only).

    Only the first signal raises: a second one while the run is stopping is
    ignored, so the cleanup itself is never interrupted. Inside
    :func:`deferred_stop` the signal waits for the end of that block.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _Stop.raised, _Stop.pending, _Stop.armed = False, None, True

    def handler(signum, frame):
        if _Stop.raised:
            return
        if not _Stop.armed:
            _Stop.pending = signum
            return
        _Stop.raised = True
        raise _stop_exception(signum)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def deferred_stop():
    """A stop signal during the block is raised at its end, never inside it.

    For code that holds locks or half-starts processes (creating a process
    pool, submitting to it): an exception raised in the middle could leave a
    worker the pool does not know about, and the run would never end.
    """
    before = _Stop.armed
    _Stop.armed = False
    try:
        yield
    finally:
        _Stop.armed = before
        if before and _Stop.pending is not None and not _Stop.raised:
            signum, _Stop.pending, _Stop.raised = _Stop.pending, None, True
            raise _stop_exception(signum)


def _stop_exception(signum: int) -> KeyboardInterrupt:
    """Ctrl-C stays a plain ``KeyboardInterrupt`` (exit 130); others are :class:`Terminated`."""
    if signum == getattr(signal, "SIGINT", None):
        return KeyboardInterrupt()
    return Terminated(signum)


def ignore_stop_signals_in_worker() -> None:
    """Pool workers leave SIGINT and SIGHUP to the main process, which stops the pool.

    SIGTERM keeps its default in a worker: a worker terminated on its own is a
    failed job, and the pool itself uses SIGTERM to end workers.
    """
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def exit_when_orphaned(batch_pid: int, interval: float = 1.0) -> None:
    """In a pool worker: exit as soon as the batch process ``batch_pid`` is gone.

    Killed outright (SIGKILL), the batch process cannot stop its pool. Its
    workers would wait for work for ever (each holds its queue's pipe itself)
    and keep the fork server and the resource tracker alive (they hold their
    pipes too; and the stderr they share keeps a caller waiting for its end).
    Checking the batch process every second ends all of them.
    """
    import os
    import time

    def gone() -> bool:
        try:  # Linux: a zombie (dead, not yet reaped by its parent) is gone too
            with open(f"/proc/{batch_pid}/stat", "rb") as fh:
                return fh.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
        except FileNotFoundError:
            return True
        except (OSError, IndexError):
            pass
        try:
            os.kill(batch_pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # exists, owned by someone else: still there
            pass
        return False

    def watch() -> None:
        while True:
            time.sleep(interval)
            if gone():
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="briefgen-orphan-watch").start()


def stop_helper_processes(grace: float = 5.0) -> None:
    """End what a process pool left: worker processes first, then the fork server and
    the resource tracker (which wait for every worker to let go of their pipes)."""
    import multiprocessing
    from multiprocessing import forkserver, resource_tracker

    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(grace)
        if child.is_alive():
            child.kill()
            child.join(grace)
    for helper in (getattr(forkserver, "_forkserver", None),
                   getattr(resource_tracker, "_resource_tracker", None)):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            try:
                stop()
            except Exception:  # noqa: BLE001 - already gone, or never started
                pass
