"""``--watch``: rebuild when a facts file, template or theme changes.

Polls modification times every 0.3 s: no dependency, and it works the same on
every system and on network folders (where file-event APIs often stay silent).
A watched folder is searched for ``*.j2`` files each round, so a new template
counts as a change. One status line per rebuild goes to stderr; Ctrl-C (or
SIGTERM) ends the loop and the command exits 0.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable
from pathlib import Path

INTERVAL = 0.3


def snapshot(files: Iterable[Path], folders: Iterable[Path]) -> dict[str, float]:
    """Modification times of the files and of the templates in the folders (missing: -1)."""
    out: dict[str, float] = {}
    for f in files:
        try:
            out[str(f)] = Path(f).stat().st_mtime_ns
        except OSError:
            out[str(f)] = -1
    for d in folders:
        for p in sorted(Path(d).rglob("*.j2")) if Path(d).is_dir() else ():
            try:
                out[str(p)] = p.stat().st_mtime_ns
            except OSError:
                pass
    return out


def watch(build: Callable[[], str], files: Callable[[], tuple[list[Path], list[Path]]],
          echo: Callable[[str], None], interval: float = INTERVAL) -> None:
    """Run ``build`` now and after every change; ``build`` returns a one-line status.

    ``files`` returns (files, folders) to watch; it is called before each build
    (so a theme that now names a logo adds the logo), and their times are taken
    then, so a file saved while a build runs starts another one. Returns on Ctrl-C / SIGTERM.
    """

    def stop(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            watched = files()
            before = snapshot(*watched)  # taken first: a save during the build counts
            started = time.monotonic()
            echo(f"{time.strftime('%H:%M:%S')} {build()} ({time.monotonic() - started:.2f} s)")
            while True:
                time.sleep(interval)
                now = snapshot(*watched)
                if now != before:
                    changed = sorted(k for k in now.keys() | before.keys()
                                     if now.get(k) != before.get(k))
                    echo(f"{time.strftime('%H:%M:%S')} changed: "
                         + ", ".join(Path(c).name for c in changed[:3])
                         + (" …" if len(changed) > 3 else ""))
                    time.sleep(0.05)  # let an editor finish writing
                    break
    except KeyboardInterrupt:
        echo("stopped watching")
    finally:
        signal.signal(signal.SIGTERM, old)
