"""What the console entry point settles about the process before any command runs.

Each is the CLI's choice for its own process (``briefgen.cli.main`` calls them),
never a side effect of importing briefgen: a script using :mod:`briefgen.api`
keeps its environment as it is.
"""

from __future__ import annotations

import os
import stat
import time

from briefgen.cli.errors import say


def no_pydantic_plugins() -> None:
    """Spare pydantic its search for plugins, unless ``PYDANTIC_DISABLE_PLUGINS`` is set.

    The first facts file validated would otherwise read the metadata of every
    installed distribution for ``pydantic`` entry points (importlib.metadata,
    email, csv, zipfile: about 20 M instructions, near 1 % of a cold brief).
    briefgen's models are its own; no plugin is meant to observe them. Setting
    ``PYDANTIC_DISABLE_PLUGINS=`` (empty) keeps pydantic's plugins on.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def usable_tz() -> None:
    """Drop a ``TZ`` naming a file that is not a zoneinfo file (with one warning line).

    babel reads ``TZ`` when it is imported and fails on such a file (a FIFO
    would block it); no output depends on the local zone, only "today" does.
    """
    value = os.environ.get("TZ", "")
    path = value[1:] if value.startswith(":") else value
    if not path or not os.path.exists(path):
        return  # a zone name (or nothing): babel and zoneinfo look it up themselves
    try:
        good = stat.S_ISREG(os.stat(path).st_mode)  # never open a FIFO: it would block
        if good:
            with open(path, "rb") as fh:
                good = fh.read(4) == b"TZif"
    except OSError:
        good = False
    if not good:
        del os.environ["TZ"]
        time.tzset()
        say(f"warning: TZ={value} is not a zoneinfo file; using the system's time zone")
