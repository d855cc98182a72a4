"""A course on the web: the pack's ``index.html`` and the Common Cartridge (``.imscc``).

Gathers what the HTML writers need from the course's built files (each sheet's
title and language, read back from its page or PDF, its kind and files) and
writes the results atomically; the markup itself is the writers'
(:mod:`briefgen.writers.html.course`, :mod:`briefgen.writers.html.cartridge`).
"""

from __future__ import annotations

from pathlib import Path

from briefgen.course.manifest import Job, Manifest
from briefgen.errors import InputError
from briefgen.outputs import write_atomic

INDEX = "index.html"


def sheet_kind(job: Job) -> str:
    """The contents group of a job: its kind's name in the registry (brief, timeline, …)."""
    from briefgen.kinds import listed_kind

    return listed_kind(job.kind, job.template).name


def built_files(manifest: Manifest, jobs: list[Job]) -> dict[str, dict[str, Path]]:
    """Job name → {format: path} of the files it wrote that are on disk."""
    from briefgen.writers import get_format

    out = {}
    for job in jobs:
        files = {}
        for fmt in job.formats:
            path = manifest.output / f"{job.name}.{get_format(fmt).suffix}"
            if path.is_file():
                files[fmt] = path
        out[job.name] = files
    return out


def write_index(manifest: Manifest, jobs: list[Job], theme) -> Path:
    """Write the course's ``index.html`` beside its files (title, contents by kind, links), in
    the course's ``theme``."""
    from briefgen.writers.html.course import CourseSheet, course_index, title_and_lang

    sheets = []
    for job in jobs:
        files = built_files(manifest, [job])[job.name]
        title, lang = title_and_lang(files, job.name)
        sheets.append(CourseSheet(job.name, title, sheet_kind(job), lang,
                                  {fmt: p.name for fmt, p in files.items()}))
    lang = sheets[0].lang if sheets else "en"
    return write_atomic(manifest.output / INDEX, course_index(manifest.title, lang, sheets, theme))


def cartridge_name(manifest: Manifest) -> str:
    """``<course>.imscc``: the manifest file's name without its suffix."""
    return f"{Path(manifest.file).stem}.imscc"


def check_cartridge(manifest: Manifest) -> None:
    """Refuse ``--cartridge`` before building when a job does not write its LMS fragment."""
    from briefgen.writers import LMS_FORMAT

    missing = [job for job in manifest.jobs if LMS_FORMAT not in job.formats]
    if missing:
        where = ", ".join(job.where for job in missing[:3]) + (" …" if len(missing) > 3 else "")
        raise InputError(f"{where}: --cartridge needs each sheet's LMS fragment: add lms to "
                         "the job's formats (or to defaults.formats), e.g. "
                         "formats: [pdf, docx, html, lms]")


def write_cartridge(manifest: Manifest, jobs: list[Job]) -> Path:
    """Write ``<course>.imscc``: a web-content page per sheet, its PDF and DOCX as files."""
    from briefgen.writers import LMS_FORMAT
    from briefgen.writers.html.cartridge import CartridgeSheet, cartridge
    from briefgen.writers.html.course import title_and_lang

    sheets = []
    for job in jobs:
        files = built_files(manifest, [job])[job.name]
        if LMS_FORMAT not in files:
            continue
        title, lang = title_and_lang(files, job.name)
        sheets.append(CartridgeSheet(job.name, title, sheet_kind(job), lang,
                                     files[LMS_FORMAT].read_bytes(),
                                     {fmt: (p.name, p.read_bytes()) for fmt, p in files.items()}))
    lang = sheets[0].lang if sheets else "en"
    return write_atomic(manifest.output / cartridge_name(manifest),
                        cartridge(manifest.title, lang, sheets))
