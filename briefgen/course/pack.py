"""The course pack: every job's PDF merged into one (a bookmark per job) and a zip.

The zip holds every output of every job plus ``index.csv`` (job, file, sha256).
Both files are built in memory and written atomically, with fixed timestamps
(``SOURCE_DATE_EPOCH`` if set), so the same outputs give the same pack bytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from briefgen.outputs import write_atomic
from briefgen.writers import EARLIEST, document_timestamp


def _zip_time() -> tuple[int, int, int, int, int, int]:
    """The date of every zip entry: ``SOURCE_DATE_EPOCH`` if set, else 1980-01-01."""
    return max(document_timestamp(), EARLIEST).timetuple()[:6]


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
    stamp = _zip_time()
    index = io.StringIO()
    out = csv.writer(index, lineterminator="\n")
    out.writerow(["job", "file", "sha256"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for job, path, digest in files:
            out.writerow([job, path.name, digest])
            _add(zf, path.name, path.read_bytes(), stamp)
        _add(zf, "index.csv", index.getvalue().encode("utf-8"), stamp)
    return buf.getvalue()


def _add(zf: zipfile.ZipFile, name: str, data: bytes, stamp) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def write_pack(folder: Path, name: str, title: str,
               files: list[tuple[str, Path, str]]) -> list[Path]:
    """Write ``<name>.pdf`` (PDF outputs merged) and ``<name>.zip``; returns both paths."""
    pdfs = [(job, path) for job, path, _ in files if path.suffix == ".pdf"]
    written = []
    if pdfs:
        written.append(write_atomic(folder / f"{name}.pdf", merged_pdf(pdfs, title)))
    written.append(write_atomic(folder / f"{name}.zip", pack_zip(files)))
    return written
