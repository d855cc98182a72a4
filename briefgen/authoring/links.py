"""``briefgen check --links``: the facts files of a check, handed to the link checker.

Files that do not load are left out here: the check itself reports them. Themes,
specs and manifests cite no web pages (a comparison spec's sheet cites the
sources of the facts files it compares, which are checked as facts files).
"""

from __future__ import annotations

from briefgen.errors import BriefgenError, Problem


def links_by_file(paths, options, echo=None) -> dict[str, list[Problem]]:
    """The ``check --links`` problems of the facts files ``paths`` (``options``: a
    :class:`briefgen.sources.links.LinkOptions`), by file as given."""
    from briefgen.facts import load_facts
    from briefgen.sources.links import link_problems

    files = []
    for path in paths:
        try:
            files.append(load_facts(path))
        except BriefgenError:
            continue
    if echo is not None:
        urls = {s.url for f in files for s in f.model.sources}
        echo(f"briefgen: checking {len(urls)} cited URL{'s' if len(urls) != 1 else ''} "
             f"of {len(files)} file{'s' if len(files) != 1 else ''}…", err=True)
    return link_problems(files, options)
