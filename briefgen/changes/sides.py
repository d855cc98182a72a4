"""Read one side of a comparison: a facts file, a folder of them, or a git revision and path.

``HEAD~5:facts/csto.yaml`` and ``v2026-spring:facts/`` are read with
``git cat-file`` and ``git ls-tree`` in the working folder's repository (no
checkout; the path is relative to the repository's top, or to the working
folder when written ``REV:./path``, as git reads it). Problems are reported
by the facts loader as ``HEAD~5:facts/csto.yaml:12: …``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import InputError, Problem, input_error, problems_error
from briefgen.facts import Facts, load_facts
from briefgen.facts.loader import load_facts_text

FACTS_SUFFIXES = (".yaml", ".yml")
GIT_TIMEOUT = 60
"""Seconds one git command may take (a local object read takes milliseconds)."""


@dataclass
class Side:
    """The facts files of one side, in the order read, and the files skipped."""

    spec: str
    files: list[Facts] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_side(spec: str, cwd: Path | None = None) -> Side:
    """The facts files ``spec`` names; every problem in them raised at once, as file:line.

    A path on disk wins over a git revision of the same spelling; git runs in ``cwd``.
    """
    cwd = Path(cwd or ".")
    path = Path(spec)
    if path.exists() or ":" not in spec or spec.startswith(":"):
        texts = _disk_texts(spec, path)
    else:
        texts = _git_texts(spec, cwd)
    side, problems = Side(spec), []
    folder = not (len(texts) == 1 and texts[0][0] == spec)
    for name, text in texts:
        if folder and not _looks_like_facts(name, text):
            side.skipped.append(name)
            continue
        try:
            side.files.append(load_facts(name) if text is None else load_facts_text(text, name))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(name, None, str(exc))])
    if problems:
        raise problems_error(problems, spec)
    if not side.files:
        raise InputError(f"{spec}: no facts files there (a facts file has 'id:', 'title:', "
                         "'sources:' and 'facts:')")
    return side


def _disk_texts(spec: str, path: Path) -> list[tuple[str, str | None]]:
    if not path.exists():
        raise input_error(spec, None, "no such file or folder (for a git revision write "
                          "REV:path, e.g. HEAD~1:facts/csto.yaml)", "BG001")
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir()
                       if p.suffix in FACTS_SUFFIXES and p.is_file())
        return [(str(Path(spec) / n), None) for n in names]
    return [(spec, None)]


def _git_texts(spec: str, cwd: Path) -> list[tuple[str, str | None]]:
    rev, _, where = spec.partition(":")
    kind = _git(["cat-file", "-t", spec], cwd, spec).strip()
    if kind == "blob":
        return [(spec, _git(["cat-file", "blob", spec], cwd, spec))]
    if kind != "tree":
        raise InputError(f"{spec}: git names a {kind}, not a file or a folder")
    listing = _git(["ls-tree", "-z", spec], cwd, spec)
    texts = []
    for entry in sorted(e for e in listing.split("\0") if e):
        meta, _, name = entry.partition("\t")
        if meta.split()[1] == "blob" and name.endswith(FACTS_SUFFIXES):
            inside = f"{rev}:{where.rstrip('/')}/{name}" if where.strip("/") else f"{rev}:{name}"
            texts.append((inside, _git(["cat-file", "blob", inside], cwd, inside)))
    return texts


def _git(args: list[str], cwd: Path, spec: str) -> str:
    """The output of one git command, or an InputError saying what git said."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT,
                              check=False)
    except FileNotFoundError:
        raise InputError(f"{spec}: reading a git revision needs git, which is not installed")\
            from None
    except subprocess.TimeoutExpired:
        raise InputError(f"{spec}: git took over {GIT_TIMEOUT} s to answer") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = said[-1] if said else f"exit {done.returncode}"
        raise InputError(f"{spec}: not a file or folder here, and git cannot read it as "
                         f"REV:path ({_printable(detail)})")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise input_error(spec, done.stdout[:exc.start].count(b"\n") + 1,
                          "not valid UTF-8 text", "BG004") from None


def _looks_like_facts(name: str, text: str | None) -> bool:
    """In a folder, a YAML file is taken as facts when it has a top-level ``facts:`` key."""
    if text is None:
        try:
            with Path(name).open("rb") as stream:
                text = stream.read(2_000_000).decode("utf-8", "replace")
        except OSError:
            return True  # let the loader word the problem
    return any(line.startswith("facts:") for line in text.splitlines())


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:300]


def resolve_revision(rev: str, cwd: Path) -> str:
    """The commit ``rev`` names in the repository of ``cwd`` (so a moving name is pinned)."""
    if rev.startswith("-") or not rev.strip():
        raise InputError(f"--since {rev!r}: expected a git revision such as v2026-spring or HEAD~5")
    try:
        return _git(["rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"], cwd,
                    rev).strip()
    except InputError as exc:
        detail = str(exc).rpartition("(")[2].rstrip(")")
        raise InputError(f"--since {rev}: not a revision of the git repository of {cwd} "
                         f"({detail})") from None


def side_at(rev: str, path: Path) -> Side:
    """The facts file ``path`` as it was at revision ``rev`` of its repository.

    A file the revision does not have yet gives an empty side (the organisation is new).
    """
    path = Path(path)
    spec = f"{rev}:./{path.name}"
    try:
        _git(["cat-file", "-e", spec], path.parent, spec)
    except InputError:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], path.parent, rev)
        return Side(spec)
    return read_side(spec, path.parent)
