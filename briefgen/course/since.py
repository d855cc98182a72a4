"""``batch --since REV``: change sheets for a course, and a "Changed since …" line per sheet.

For every facts file the course's sheets use, one more job of the ``changes``
kind compares it with the same file at git revision ``REV`` (resolved once to
a commit, so a moving name such as ``HEAD~1`` rebuilds the sheets when it
moves), in the formats of the sheets that use it. The pack's contents get,
under each sheet, what changed in its facts since then.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from briefgen.course.manifest import Job, Manifest

CHANGES_KIND = "changes"


def change_jobs(manifest: Manifest, commit: str, since: str) -> list[Job]:
    """One change-sheet job per facts file of the course, after the manifest's own jobs."""
    taken = {job.name for job in manifest.jobs}
    first_use: dict[str, Job] = {}
    formats: dict[str, list[str]] = {}
    for job in manifest.jobs:
        for facts in job.facts:
            first_use.setdefault(facts, job)
            formats.setdefault(facts, [])
            formats[facts] += [f for f in job.formats if f not in formats[facts]]
    jobs = []
    for facts, job in first_use.items():
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(facts).name.rsplit(".", 1)[0]) + "-changes"
        while name in taken:
            name += "-1"
        taken.add(name)
        jobs.append(replace(job, name=name, kind=CHANGES_KIND, facts=(facts,),
                            template=CHANGES_KIND, template_dirs=(), spec=None,
                            formats=tuple(formats[facts]), pages=1, orientation="portrait",
                            allow_overflow=False, where=f"--since {since}", line=0,
                            since=commit))
    return jobs


def change_notes(manifest: Manifest, commit: str) -> dict[str, str]:
    """Job name → the contents line saying what changed in its facts since ``commit``."""
    from briefgen.changes import compare_sides
    from briefgen.changes.sides import read_side, side_at
    from briefgen.errors import InputError
    from briefgen.sheets.changes import change_line

    lines: dict[str, tuple[str, str]] = {}
    for facts in dict.fromkeys(f for job in manifest.jobs for f in job.facts):
        try:
            changes = compare_sides(side_at(commit, Path(facts)), read_side(facts))
        except InputError:  # the sheet's own job reports an unreadable file
            continue
        org = changes.orgs[0]
        lines[facts] = (org.title, change_line(org, org.language))
    notes = {}
    for job in manifest.jobs:
        if job.kind == CHANGES_KIND:
            continue
        found = [lines[f] for f in job.facts if f in lines]
        if len(found) == 1:
            notes[job.name] = found[0][1]
        elif found:
            notes[job.name] = "; ".join(f"{title}: {line}" for title, line in found)
    return notes
