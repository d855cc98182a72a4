"""The pipeline for one sheet: facts → template → Markdown → tree → fit → files.

Everything is rendered in memory first; files are written only once every
format has rendered, each atomically, so a failure writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.document.markers import MarkedText
from briefgen.document.model import Document, Heading, Run, SourceRef
from briefgen.document.parse import parse_markdown
from briefgen.facts import Facts, load_facts
from briefgen.outputs import prepare_output_dir, safe_output_name, write_all_atomic
from briefgen.theme import DEFAULT_THEME, PageSetup, Theme


@dataclass
class BuildResult:
    """What one build wrote, at which type scale, and any warnings."""

    paths: list[Path]
    scale: float = 1.0
    pages: int = 1
    warnings: list[str] = field(default_factory=list)


def sources_of(*facts_files: Facts, qualify: bool = False) -> dict[str, SourceRef]:
    """SourceRefs for the writers, keyed by id (``file-id:source-id`` if ``qualify``)."""
    out = {}
    for facts in facts_files:
        for s in facts.model.sources:
            key = f"{facts.id}:{s.id}" if qualify else s.id
            out[key] = SourceRef(key, s.title, s.publisher, s.url, s.accessed)
    return out


def document_from_markdown(marked: MarkedText, *, title: str, sources: dict[str, SourceRef],
                           language: str, as_of, subject: str, header: str,
                           theme: Theme, keywords: tuple[str, ...] = ()) -> Document:
    """Parse marked Markdown and wrap it in a Document with its metadata."""
    blocks = parse_markdown(marked)
    first = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    if first is not None:
        title = "".join(r.text for r in first.inlines if isinstance(r, Run)) or title
    return Document(
        title=title,
        blocks=blocks,
        sources={**sources, **marked.extra_sources},
        author=theme.extra.get("author", "briefgen"),
        subject=subject,
        language=language,
        as_of=as_of,
        header=theme.header_text or header,
        footer=theme.footer_text or "Made with briefgen from curated, sourced facts",
        keywords=keywords,
        warnings=list(marked.warnings),
    )


def brief_document(facts: Facts, template: str = "brief",
                   template_dirs: list[Path] | None = None,
                   theme: Theme = DEFAULT_THEME) -> tuple[Document, str]:
    """Render a brief template over one facts file; returns (document, template stem)."""
    from briefgen.context import template_context
    from briefgen.preflight import check_brief
    from briefgen.templating import render_template, resolve_template, template_stem

    name, search = resolve_template(template, template_dirs)
    slips = check_brief(facts, name, search)  # required facts, misspelt keys, unknown blocks
    marked = render_template(name, search, template_context(facts))
    marked.warnings[:0] = slips
    model = facts.model
    doc = document_from_markdown(
        marked,
        title=model.title,
        sources=sources_of(facts),
        language=model.language,
        as_of=model.as_of,
        subject=f"Briefing sheet: {model.title}",
        header=f"{model.short_title or model.title} · Briefing sheet",
        theme=theme,
        keywords=(model.short_title or model.id, "briefing sheet"),
    )
    return doc, template_stem(name)


def write_document(doc: Document, stem: str, formats: tuple[str, ...], output: Path,
                   setup: PageSetup, theme: Theme) -> BuildResult:
    """Fit the document to its pages, render every format, then write them all."""
    from briefgen.layout import docx_scale, fit
    from briefgen.preflight import refuse_warnings
    from briefgen.writers import render

    safe_output_name(stem)
    warnings: list[str] = list(doc.warnings)
    refuse_warnings(warnings)  # --strict: fail before the (slow) fit
    fitted = fit(doc, setup, theme, warnings=warnings)
    refuse_warnings(warnings)
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf":
            rendered[fmt] = fitted.pdf
        else:  # Word and LibreOffice set text a little looser than reportlab
            rendered[fmt] = render(fmt, doc, setup, theme, docx_scale(fitted, theme))
    prepare_output_dir(output)
    paths = write_all_atomic({output / f"{stem}.{fmt}": data for fmt, data in rendered.items()})
    return BuildResult(paths, fitted.scale, fitted.pages, warnings)


def make_brief(facts_path: Path | str, template: str = "brief",
               formats: tuple[str, ...] = ("pdf", "docx"), output: Path = Path("out"),
               setup: PageSetup | None = None, theme: Theme = DEFAULT_THEME,
               template_dirs: list[Path] | None = None) -> BuildResult:
    """Make one brief from a facts file: ``<output>/<facts id>-<template>.<fmt>``."""
    setup = setup or PageSetup()
    from briefgen.errors import PageOverflowError
    from briefgen.overflow_blame import blame

    facts = load_facts(facts_path)
    doc, stem = brief_document(facts, template, template_dirs, theme)
    try:
        return write_document(doc, f"{facts.id}-{stem}", formats, Path(output), setup, theme)
    except PageOverflowError as exc:  # name the fact to shorten, with its line
        raise blame(exc, [facts]) from None
