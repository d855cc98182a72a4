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

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """The run was asked to stop by a signal; ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
        self.name = signal.Signals(signum).name


@contextlib.contextmanager
def stop_signals_interrupt():
    """Within the block, SIGTERM/SIGHUP raise :class:`Terminated` (main thread only).

    Only the first signal raises: a second one while the run is stopping is
    ignored, so the cleanup itself is never interrupted.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised = False

    def handler(signum, frame):
        nonlocal raised
        if not raised:
            raised = True
            raise Terminated(signum)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def ignore_stop_signals_in_worker() -> None:
    """Pool workers leave SIGINT and SIGHUP to the main process, which stops the pool.

    SIGTERM keeps its default in a worker: a worker terminated on its own is a
    failed job, and the pool itself uses SIGTERM to end workers.
    """
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def stop_helper_processes() -> None:
    """Stop the fork server and the resource tracker a process pool started."""
    from multiprocessing import forkserver, resource_tracker

    for helper in (getattr(forkserver, "_forkserver", None),
                   getattr(resource_tracker, "_resource_tracker", None)):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            try:
                stop()
            except Exception:  # noqa: BLE001 - already gone, or never started
                pass
