"""The type scale a sheet fitted at, remembered on disk for the same layout input.

The fit (:mod:`briefgen.writers.pdf.fit`) measures a sheet at two or three scales before it
builds it once. Its answer is a pure function of the document tree, the page
setup, the theme (with the font and logo files it names) and the layout code
(this package's PDF writer, reportlab, pyphen's dictionaries, the bundled fonts), so the scale is
kept in ``$XDG_CACHE_HOME/briefgen/fit`` (see :mod:`briefgen.cache`) under a
SHA-256 of all of them. Rebuilding an unchanged sheet, the common case when a
template or another file of a course changed, skips the measures: the sheet is
built once at the remembered scale, and its page count still checked (a build
that overflows falls back to the full search).

An entry is one line of text, ``briefgen-fit <scale>``, or for an input that
measured too tall even at the smallest scale ``briefgen-fit over <scale> <used>
<room>`` (the overflow's numbers, in points: a brief that shows one item fewer at
a time meets each of its overflowing tries again on every rebuild, and is then
refused each of them with no measure); anything else is ignored (and replaced by
the next search).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import cache
from pathlib import Path

from briefgen.document import model as m
from briefgen.theme.model import PageSetup, Theme

KIND = "fit"
MAGIC = "briefgen-fit "


OVER = "over "

MAX_ENTRIES = 512
"""Remembered inputs kept at most; the least recently written go first (an entry is ~20 bytes)."""


class Memo:
    """The entry of one layout input: its name (a hash of the whole input) is computed and
    its file read once, however often the fit asks (recall, then overflow, then remember)."""

    def __init__(self, doc: m.Document, setup: PageSetup, theme: Theme) -> None:
        self.name = _entry(doc, setup, theme)
        self._stored: bytes | None = None
        self._read = False

    def recall(self) -> float | None:
        """The scale this exact layout input fitted at before, or None."""
        numbers = self._numbers("")
        return numbers[0] if numbers is not None and len(numbers) == 1 else None

    def recall_overflow(self) -> tuple[float, float, float] | None:
        """(scale, used, room) when this input measured too tall at its smallest scale before."""
        numbers = self._numbers(OVER)
        if numbers is None or len(numbers) != 3 or not numbers[1] > numbers[2] > 0:
            return None
        return numbers[0], numbers[1], numbers[2]

    def remember(self, scale: float) -> None:
        """Keep ``scale`` as the answer for this input (silently skipped when unwritable)."""
        self._store(f"{MAGIC}{scale!r}")

    def remember_overflow(self, scale: float, used: float, room: float) -> None:
        """Keep that this input measured ``used`` points, more than its ``room``, at ``scale``."""
        self._store(f"{MAGIC}{OVER}{scale!r} {used!r} {room!r}")

    def _numbers(self, kind: str) -> tuple[float, ...] | None:
        """The numbers of the entry when it is of ``kind`` ("" a scale, OVER an overflow)."""
        from briefgen.cache import read_cached

        if not self._read:
            self._stored, self._read = read_cached(KIND, self.name), True
        return _parsed(self._stored, kind)

    def _store(self, line: str) -> None:
        from briefgen.cache import write_cached

        write_cached(KIND, self.name, line.encode("ascii"))
        self._stored, self._read = line.encode("ascii"), True
        _prune()


def _parsed(stored: bytes | None, kind: str) -> tuple[float, ...] | None:
    """The numbers of an entry's text when it is of ``kind``, else None (damaged: ignored)."""
    if stored is None:
        return None
    try:
        text = stored.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not text.startswith(MAGIC + kind) or (not kind and text.startswith(MAGIC + OVER)):
        return None
    try:
        numbers = tuple(float(x) for x in text.removeprefix(MAGIC + kind).split())
    except ValueError:
        return None
    if not numbers or not 0.0 < numbers[0] <= 1.0 or any(x != x for x in numbers):
        return None
    return numbers


def _prune() -> None:
    """Keep at most :data:`MAX_ENTRIES` entries, the most recently written.

    The names are counted first (one directory read); only a memo over the limit
    has its entries' dates read, and is cut to seven eighths of it, so a full memo
    is sorted once in :data:`MAX_ENTRIES` / 8 writes, not on every one.
    """
    from briefgen.cache import cache_dir

    folder = cache_dir(KIND)
    try:
        with os.scandir(folder) as found:
            names = [e.name for e in found if e.name.endswith(".fit")]
        if len(names) <= MAX_ENTRIES:
            return
        entries = sorted((os.stat(folder / n).st_mtime_ns, n) for n in names)
        for _, old in entries[:len(entries) - (MAX_ENTRIES - MAX_ENTRIES // 8)]:
            (folder / old).unlink(missing_ok=True)
    except OSError:
        pass


def _entry(doc: m.Document, setup: PageSetup, theme: Theme) -> str:
    """``<input hash>-<code hash>.fit``.

    The first part is the layout input itself (the tree, the page setup, the
    theme and the files it names), so two sheets of one organisation (a brief
    and a timeline, same title and header) keep an entry each; the second is
    the layout code, so an upgrade replaces an entry
    (:func:`briefgen.cache.write_cached` drops the others of that input).
    At most :data:`MAX_ENTRIES` are kept.
    """
    content = hashlib.sha256()
    for part in (repr(doc), repr(setup), repr(theme), *_theme_files(theme)):
        content.update(part.encode("utf-8", "surrogatepass"))
        content.update(b"\0")
    return f"{content.hexdigest()[:40]}-{code_stamp()[:16]}.fit"


def _theme_files(theme: Theme) -> list[str]:
    """Size and modification time of the font and logo files a theme names by path."""
    from briefgen.cache import file_tag

    paths: list[Path] = []
    from briefgen.writers import font_of

    font = font_of("pdf", theme)
    if os.sep in font:
        paths += sorted(Path(font).glob("*.ttf"))
    if theme.logo:
        paths.append(Path(theme.logo))
    tags = []
    for path in paths:
        try:
            tags.append(f"{path}:{file_tag(path)}")
        except OSError:
            tags.append(f"{path}:-")
    return tags


@cache
def code_stamp() -> str:
    """A hash of what a layout depends on besides its input: our fit and PDF writer, reportlab,
    pyphen (its dictionaries) and pymupdf-fonts (the bundled faces)."""
    from briefgen.cache import file_tag

    here = Path(__file__).resolve().parent  # writers/pdf: the fit, this memo and the writer
    digest = hashlib.sha256()
    for path in [here.parent.parent / "theme" / "model.py", here.parent / "fonts.py",
                 here.parent / "facecache.py", *sorted(here.glob("*.py"))]:
        digest.update(path.read_bytes())
    for package in ("reportlab", "pyphen", "pymupdf_fonts"):
        spec = importlib.util.find_spec(package)
        try:
            folder = Path(spec.origin).parent
            digest.update(f"{package}:{file_tag(folder / '__init__.py')}".encode())
        except (AttributeError, TypeError, OSError):
            digest.update(f"{package}:-".encode())
    return digest.hexdigest()
