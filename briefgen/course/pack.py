"""The course pack: every job's PDF merged into one (a bookmark per job) and a zip.

The PDF is the PDF writer's (:func:`briefgen.writers.pdf.pack_pdf`: cover,
contents, page numbers and the merged structure tree, in the course theme);
this module gathers the files and writes both. The zip holds every output of
every job plus ``index.csv`` (job, file, sha256). Both files are built in
memory and written atomically, with fixed timestamps (``SOURCE_DATE_EPOCH`` if
set), so the same outputs give the same pack bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefgen.outputs import write_atomic
from briefgen.reproducible import document_timestamp, zip_bytes
from briefgen.theme.model import DEFAULT_THEME, Theme


def pack_zip(files: list[tuple[str, Path, str]]) -> bytes:
    """A zip of ``(job, path, sha256)`` files plus ``index.csv`` listing them."""
    index = io.StringIO()
    out = csv.writer(index, lineterminator="\n")
    out.writerow(["job", "file", "sha256"])
    entries = []
    for job, path, digest in files:
        out.writerow([job, path.name, digest])
        entries.append((path.name, path.read_bytes()))
    entries.append(("index.csv", index.getvalue().encode("utf-8")))
    # SOURCE_DATE_EPOCH if set, else 1980-01-01: never the clock.
    return zip_bytes(entries, document_timestamp())


def pack_names(name: str) -> tuple[str, str]:
    """The pack's two files: ``<name>.pdf`` (its suffix the layout format's, whose writer
    draws the pack: :data:`briefgen.writers.LAYOUT_FORMAT`) and ``<name>.zip``."""
    return f"{name}.{_merged_suffix()}", f"{name}.zip"


def _merged_suffix() -> str:
    from briefgen.writers import LAYOUT_FORMAT, get_format

    return get_format(LAYOUT_FORMAT).suffix


def merged_into_pack(path: Path) -> bool:
    """Whether ``path`` is a file the pack merges (a sheet's PDF) or the merged pack itself."""
    return path.name.endswith("." + _merged_suffix())


def write_pack(folder: Path, name: str, title: str,
               files: list[tuple[str, Path, str]], kinds: dict[str, str] | None = None,
               theme: Theme = DEFAULT_THEME, notes: dict[str, str] | None = None) -> list[Path]:
    """Write ``<name>.pdf`` (PDF outputs merged, front pages in ``theme``; ``notes``: job ->
    a line under its contents entry) and ``<name>.zip``; returns both paths."""
    from briefgen.writers.pdf import pack_pdf

    pdfs = [(job, path) for job, path, _ in files if merged_into_pack(path)]
    merged, zipped = pack_names(name)
    written = []
    if pdfs:
        written.append(write_atomic(folder / merged, pack_pdf(pdfs, title, kinds, theme, notes)))
    written.append(write_atomic(folder / zipped, pack_zip(files)))
    return written


def pack_is_tagged(path: Path) -> bool:
    """Whether the pack at ``path`` carries a structure tree (every sheet in it was tagged)."""
    from briefgen.writers.pdf import pack_is_tagged as tagged

    return tagged(path)
