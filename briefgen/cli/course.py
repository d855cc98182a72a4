"""The ``briefgen batch`` command: build a whole course from a manifest.

Only Click and the error types are imported here; the library
(:mod:`briefgen.course.run`) is imported when the command runs. stdout gets each
written path, one per line; progress and the summary go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefgen.cli.errors import say

MAX_DETAILS = 5
"""Problem lines shown per failed job in the summary."""


def _isatty(stream) -> bool:
    """Whether ``stream`` is a terminal; False when it is closed or missing (``None``)."""
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):
        return False


class _Progress:
    """Progress on stderr: a bar on a terminal, else one line per job built or failed."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.tty = _isatty(sys.stderr)  # None when briefgen was started with stderr closed
        # Paths written to a terminal while the bar is drawn there would break
        # its line: they are printed when it is gone. To a pipe, at once.
        self.hold_paths = _isatty(sys.stdout)
        self.held_paths: list[str] = []
        self.held: list[str] = []  # warnings shown once the bar is gone
        self.warned: set[str] = set()  # each warning once, though several jobs share a file

    def planned(self, total, to_build, workers):
        up_to_date = total - len(to_build)
        if not self.quiet:
            say(f"briefgen: {total} jobs: {len(to_build)} to build"
                + (f" on {workers} worker{'s' if workers != 1 else ''}" if to_build else "")
                + f", {up_to_date} up to date")
        if self.tty and not self.quiet and to_build:
            self.bar = click.progressbar(length=len(to_build), label="Building", file=sys.stderr,
                                         show_pos=True, item_show_func=lambda n: n)
            self.bar.__enter__()

    def finished(self, job, outcome):
        if self.bar is not None and self.hold_paths:
            self.held_paths.extend(outcome.paths)
        else:
            for path in outcome.paths:
                say(path, err=False)
        if self.bar is not None:
            self.bar.update(1, outcome.name)
            if not outcome.ok:  # keep failures visible above the bar
                click.echo(err=True)  # below the bar
                say(f"FAILED {outcome.name} (see the summary)")
            self.held.extend(f"warning: {outcome.name}: {w}" for w in self._new(outcome.warnings))
            return
        if not outcome.ok:
            say(f"FAILED {outcome.name} (see the summary)")
        elif not self.quiet:
            say(f"built {outcome.name} ({outcome.seconds:.2f} s)")
        if not self.quiet:
            for warning in self._new(outcome.warnings):
                say(f"warning: {outcome.name}: {warning}")

    def _new(self, warnings):
        fresh = [w for w in dict.fromkeys(warnings) if w not in self.warned]
        self.warned.update(fresh)
        return fresh

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        for path in self.held_paths:
            say(path, err=False)
        self.held_paths = []
        for line in self.held:
            say(line)
        self.held = []

    def packed(self, paths):
        self.close()
        for path in paths:
            say(str(path), err=False)
        if not paths and not self.quiet:
            say("briefgen: course pack up to date")
        from briefgen.course.pack import merged_into_pack, pack_is_tagged

        for path in paths:
            if merged_into_pack(path) and not pack_is_tagged(path):
                say(f"briefgen: warning: {path.name} is not tagged (not PDF/UA): a sheet "
                           "in it was made before sheets were tagged; rebuild with --force")


@click.command()
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), metavar="N",
              help="Build N jobs at once. Default: one per CPU core; 1 builds in this process.")
@click.option("--force", is_flag=True, help="Rebuild every job, even those up to date.")
@click.option("--pack", is_flag=True,
              help="Also write <pack>.pdf (all PDFs, a bookmark per job, tagged), <pack>.zip "
              "(all outputs and index.csv) and index.html (the course's contents, linked).")
@click.option("--cartridge", is_flag=True,
              help="Also write <course>.imscc, an IMS Common Cartridge to import into Canvas, "
              "Moodle, Blackboard or D2L (needs the lms format; see docs/batch.md).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder. Default: the manifest's defaults.output.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
@click.option("--strict", is_flag=True,
              help="Treat every warning as a failure of its job (as 'strict: true' does).")
@click.option("--since", metavar="REV",
              help="Also write a 'What changed' sheet per facts file against git revision REV "
              "(e.g. v2026-spring); with --pack, a 'Changed since …' line per sheet.")
def batch(manifest, workers, force, pack, cartridge, output, quiet, strict, since):
    """Build every brief and comparison a course MANIFEST lists.

    Jobs run in parallel; a job whose inputs and outputs have not changed
    since the last run is skipped. A failed job does not stop the others:
    the summary lists each failure and the exit code is 1. See docs/batch.md
    for the manifest format.

    \b
    Examples:
      briefgen batch examples/course/course.yaml
      briefgen batch course.yaml --force -j 1
      briefgen batch course.yaml --pack --quiet
      briefgen batch course.yaml --pack --since v2026-spring
      briefgen batch course.yaml --cartridge      # course.imscc
    """
    from briefgen.course.run import run_batch

    progress = _Progress(quiet)
    try:
        summary = run_batch(manifest, workers=workers, force=force, pack=pack, output=output,
                            reporter=progress, strict=strict, since=since,
                            cartridge=cartridge)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP (course.signals.Terminated)
        progress.close()
        why = f"stopped by {exc.name}" if hasattr(exc, "name") else "interrupted"
        say(f"briefgen: {why}; finished jobs were kept and recorded, none is "
                   "half-written; run the same command again to finish")
        raise click.exceptions.Exit(getattr(exc, "exit_code", 130)) from None
    finally:
        progress.close()  # before any error is printed, so it never lands inside the bar
    _summarise(summary)
    click.get_current_context().exit(0 if summary.ok else 1)


def _summarise(summary) -> None:
    for outcome in summary.failed:
        say(f"failed: {outcome.name}: {outcome.reason}")
        for line in outcome.details[:MAX_DETAILS]:
            say(f"    {line}")
        if len(outcome.details) > MAX_DETAILS:
            say(f"    … and {len(outcome.details) - MAX_DETAILS} more")
    say(f"briefgen: built {len(summary.built)}, skipped {len(summary.skipped)}, "
               f"failed {len(summary.failed)} in {summary.seconds:.1f} s "
               f"(output: {summary.manifest.output})")
