"""The pipeline every sheet shares: marked Markdown → tree → fit → every writer → files.

Everything is rendered in memory first; files are written only once every
format has rendered, each atomically, so a failure writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.document.a11y import outline_levels, say_marked_rows
from briefgen.document.links import printed_url
from briefgen.document.markers import MarkedText
from briefgen.document.model import Document, Heading, Run, SourceRef, cited_sources
from briefgen.document.parse import parse_markdown
from briefgen.errors import PageOverflowError
from briefgen.facts import Facts
from briefgen.i18n.sheet import FOOTER, ROW_DIFFERS
from briefgen.i18n.sheet import text as sheet_text
from briefgen.outputs import prepare_output_dir, safe_output_name, write_all_atomic
from briefgen.printable import clean_text
from briefgen.theme.model import PageSetup, Theme


@dataclass
class BuildResult:
    """What one build wrote, at which type scale, and any warnings."""

    paths: list[Path]
    scale: float = 1.0
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    data: dict[str, bytes] = field(default_factory=dict)
    """Each format's bytes by format name, when the build was asked not to write files."""
    cited: list[SourceRef] = field(default_factory=list)
    """The sources the built sheet cites, in the order it numbers them."""


def sources_of(*facts_files: Facts, qualify: bool = False) -> dict[str, SourceRef]:
    """SourceRefs for the writers, keyed by id (``file-id:source-id`` if ``qualify``)."""
    out = {}
    for facts in facts_files:
        for s in facts.model.sources:
            key = f"{facts.id}:{s.id}" if qualify else s.id
            out[key] = SourceRef(key, printed(s.title), s.publisher and printed(s.publisher),
                                 printed_url(s.url), s.accessed,
                                 s.archived and printed_url(s.archived), language=s.language,
                                 note=s.note and printed(s.note))
    return out


def printed(text: str) -> str:
    """``text`` by the one rule for printed strings (the facts checks warned with its line)."""
    return clean_text(text)[0]


def document_from_markdown(marked: MarkedText, *, title: str, sources: dict[str, SourceRef],
                           language: str, as_of, subject: str, header: str,
                           theme: Theme, keywords: tuple[str, ...] = (),
                           author: str | None = None) -> Document:
    """Parse marked Markdown and wrap it in a Document with its metadata.

    ``author`` (a facts file's ``author:``) is the PDF and DOCX author; else the
    theme's, else "briefgen". Every text here passes the one rule for printed strings.
    """
    try:
        blocks = parse_markdown(marked)
    except RecursionError:  # e.g. 5,000 nested '*': bounded, like every other limit
        from briefgen.errors import InputError

        raise InputError("the template's output nests emphasis, links or blocks thousands "
                         "deep; a sheet cannot show that") from None
    say_marked_rows(blocks, sheet_text(language, ROW_DIFFERS))
    outline_levels(blocks)
    first = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    if first is not None:
        title = "".join(r.text for r in first.inlines if isinstance(r, Run)) or title
    return Document(
        title=printed(title),
        blocks=blocks,
        sources={**sources, **marked.extra_sources},
        author=printed(author or theme.extra.get("author", "briefgen")),
        subject=printed(subject),
        language=language,
        as_of=as_of,
        header=printed(theme.header_text or header),
        footer=printed(theme.footer_text or sheet_text(language, FOOTER)),
        keywords=tuple(printed(k) for k in keywords),
        warnings=list(marked.warnings),
    )


def write_document(doc: Document, stem: str, formats: tuple[str, ...], output: Path,
                   setup: PageSetup, theme: Theme, write: bool = True,
                   start_scale: float | None = None,
                   explain_overflow: bool = True) -> BuildResult:
    """Fit the document to its pages, render every format, then write them all.

    With ``write=False`` nothing is written: the bytes are returned in ``data``.
    Every format shows the same document (a sheet that leaves items out to fit builds
    each format from its own version: :func:`briefgen.sheets.cuts.build_formats`).
    ``start_scale``: where the fit measures first (a sheet retrying after an overflow
    passes the ``scale`` of that overflow). ``explain_overflow=False`` raises the
    layout's bare overflow, for a caller that may still retry (it words the last one
    with :func:`briefgen.sheets.overflow.explain`).
    """
    from briefgen.document.limits import check_document_limits
    from briefgen.sheets.strictness import refuse_warnings
    from briefgen.writers import render_formats

    safe_output_name(stem)
    if theme.online_url:  # printed sheets carry a QR code to their page online
        from briefgen.document.online import online_address
        from briefgen.writers import web_page_name

        doc.online_url = online_address(theme.online_url, web_page_name(stem))
    check_document_limits(doc)  # bounded work: a table of 300 columns is refused, not laid out
    warnings: list[str] = [*map(str, theme.warnings), *doc.warnings]
    refuse_warnings(warnings)  # --strict: fail before the (slow) fit
    try:
        rendered = render_formats(doc, setup, theme, formats, warnings, start_scale)
    except PageOverflowError as exc:  # the layout's numbers, in the sheet's words
        if not explain_overflow:
            raise
        from briefgen.sheets.overflow import explain

        raise explain(exc, doc, setup, theme) from None
    refuse_warnings(warnings)
    fitted = rendered.fitted
    result = BuildResult([], fitted.scale if fitted else 1.0, fitted.pages if fitted else 1,
                         warnings, cited=cited_sources(doc))
    if not write:
        result.data = {fmt.name: data for fmt, data in rendered.data.items()}
        return result
    prepare_output_dir(output)
    result.paths = write_all_atomic({output / f"{stem}.{fmt.suffix}": data
                                     for fmt, data in rendered.data.items()})
    return result

