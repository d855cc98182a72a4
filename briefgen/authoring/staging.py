"""Writing a whole folder at once: built beside its place, renamed into it when complete.

``briefgen init`` writes a dozen files. Written in place, a full or read-only
disk left a half-made course (a truncated facts file) and an internal error.
Here the files go to a hidden sibling folder first; only when every one is
written is that folder renamed onto the target (an absent or empty folder),
and on any failure it is removed: the target is then as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from briefgen.errors import OutputError
from briefgen.outputs import mode_for


@contextlib.contextmanager
def staged_folder(target: Path):
    """Yield a fresh hidden folder beside ``target``; rename it onto ``target`` at the end."""
    target = Path(target)
    parent = target.absolute().parent
    stage = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
        yield stage
        os.chmod(stage, mode_for(target, folder=True))  # mkdtemp made it 0700: the umask's
        os.replace(stage, target)  # onto an empty folder or none: atomic
        stage = None
    except OSError as exc:
        reason = "disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise OutputError(f"{target}: cannot write ({reason}); nothing was written") from None
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
