"""``brief --watch`` and ``compare --watch``: rebuild a sheet whenever one of its inputs changes."""

from __future__ import annotations

from pathlib import Path

from briefgen.cli.errors import say
from briefgen.errors import BriefgenError


def watch_build(build, facts_files, theme_file, template, template_dirs, spec=None) -> None:
    """Run ``build`` now and on every change of its inputs, until Ctrl-C (exit 0)."""
    from briefgen.authoring.watch import watch
    from briefgen.bundled import find_facts
    from briefgen.sheets.inputs import sheet_inputs
    from briefgen.templating.environment import template_search_path

    def once() -> str:
        try:
            result = build()
        except BriefgenError as exc:
            return "failed: " + " | ".join(exc.lines())[:300] + " (save a fix to retry)"
        for warning in result.warnings:
            say(f"warning: {warning}")
        names = ", ".join(p.name for p in result.paths)
        return f"built {names} ({result.pages} page{'s' if result.pages != 1 else ''}, " \
               f"scale {result.scale:g})"

    def inputs():
        facts = [str(find_facts(Path(f))) for f in facts_files]
        dirs = [str(d) for d in template_dirs]
        files = sheet_inputs(facts, template, dirs, comparison=len(facts) > 1, spec=spec,
                             theme=str(theme_file) if theme_file else None)
        return [Path(f) for f in files], template_search_path(list(template_dirs))

    say("briefgen: watching the facts, templates and theme; Ctrl-C stops")
    watch(once, inputs, lambda line: say(f"briefgen: {line}"))
