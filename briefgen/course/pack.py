"""The course pack: every job's PDF merged into one (a bookmark per job) and a zip.

The zip holds every output of every job plus ``index.csv`` (job, file, sha256).
Both files are built in memory and written atomically, with fixed timestamps
(``SOURCE_DATE_EPOCH`` if set), so the same outputs give the same pack bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefgen.outputs import write_atomic
from briefgen.reproducible import document_timestamp, zip_bytes


def merged_pdf(pdfs: list[tuple[str, Path]], title: str) -> bytes:
    """One PDF of ``pdfs`` in order, each starting with a bookmark: its title, else the job name."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for job, path in pdfs:
        reader = PdfReader(path)
        meta = reader.metadata
        label = (meta.title if meta and meta.title else "") or job
        writer.append(reader, outline_item=label)
    writer.add_metadata({"/Title": title, "/Producer": "briefgen (pypdf)"})
    writer.page_mode = "/UseOutlines"
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


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


def write_pack(folder: Path, name: str, title: str,
               files: list[tuple[str, Path, str]]) -> list[Path]:
    """Write ``<name>.pdf`` (PDF outputs merged) and ``<name>.zip``; returns both paths."""
    pdfs = [(job, path) for job, path, _ in files if path.suffix == ".pdf"]
    written = []
    if pdfs:
        written.append(write_atomic(folder / f"{name}.pdf", merged_pdf(pdfs, title)))
    written.append(write_atomic(folder / f"{name}.zip", pack_zip(files)))
    return written
