"""The input files a sheet depends on: facts, templates (with what they include), spec, theme, logo.

One answer for everyone who asks: ``--watch`` rebuilds when one of them
changes, and a course run hashes them to decide whether a job is up to date.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.bundled import facts_dir
from briefgen.errors import BriefgenError
from briefgen.i18n.catalogues import locale_candidates


def default_spec_path(lang: str = "en") -> Path:
    """The bundled comparison spec (the collective-defence clauses compared) for ``lang``.

    ``defence-clause.<lang>.yaml`` when there is one for the sheet's language
    (its row labels translated), else ``defence-clause.yaml``.
    """
    folder = facts_dir() / "comparisons"
    for name in locale_candidates(lang):
        if (folder / f"defence-clause.{name}.yaml").is_file():
            return folder / f"defence-clause.{name}.yaml"
    return folder / "defence-clause.yaml"


def template_files(template: str, dirs: list[str]) -> list[str]:
    """Files of a template and those it extends, includes or imports.

    A template that names another with a computed expression depends on every
    template of its search path. An unknown template gives no files: the build
    itself reports it.
    """
    from jinja2 import TemplateError, meta

    from briefgen.templating.environment import environment, resolve_template

    try:
        name, search = resolve_template(template, [Path(d) for d in dirs])
    except BriefgenError:
        return []
    env = environment(search)
    found: dict[str, None] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        try:
            source, filename, _ = env.loader.get_source(env, current)
            refs = list(meta.find_referenced_templates(env.parse(source)))
        except TemplateError:
            continue  # the build reports it
        if filename in found:
            continue
        found[filename] = None
        if any(r is None for r in refs):  # a computed name: depend on every template
            for d in search:
                found.update(dict.fromkeys(str(p) for p in sorted(Path(d).glob("**/*.j2"))))
        todo.extend(r for r in refs if r)
    return list(found)


def theme_files(theme: str | None) -> list[str]:
    """The theme file and the logo it names, if any (the logo's bytes go into the page)."""
    if not theme:
        return []
    try:
        from briefgen.theme.loader import load_theme

        logo = load_theme(theme)[0].logo
    except BriefgenError:
        return [theme]  # the build reports the broken theme
    return [theme, logo] if logo else [theme]


def sheet_inputs(facts: list[str], template: str, template_dirs: list[str], *,
                 comparison: bool = False, spec: str | None = None,
                 theme: str | None = None, templates=template_files) -> list[str]:
    """Every file a sheet's outputs depend on, in a stable order.

    ``templates`` lets a caller that asks many times (a course run) cache the
    template lookup; by default it is :func:`template_files`.
    """
    files = [*facts, *templates(template, template_dirs)]
    if spec:
        files.append(spec)
    elif comparison:  # which bundled spec depends on the language: all of them count
        files.extend(str(p) for p in sorted(default_spec_path().parent.glob("defence-clause*.yaml")))
    files.extend(theme_files(theme))
    return files
