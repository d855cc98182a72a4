"""The comparison sheet: two or more organisations side by side on the rows of a spec.

The sheet is a template (``comparison.md.j2``) over the same document tree and
writers as a brief: there is no second rendering path. A brief can embed the
same table through ``compare_with`` (:func:`embedded_comparison`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.comparison.spec import check_spec, load_spec
from briefgen.comparison.table import choose_orientation, comparison_context
from briefgen.errors import InputError, PageOverflowError, Problem, problems_error
from briefgen.facts import Facts, load_facts
from briefgen.i18n.catalogues import catalogues_held
from briefgen.kinds import get_kind
from briefgen.sheets.cuts import build_formats
from briefgen.sheets.inputs import default_spec_path
from briefgen.sheets.pipeline import BuildResult, document_from_markdown, sources_of
from briefgen.sheets.request import facts_of
from briefgen.theme.model import DEFAULT_THEME, PageSetup, Theme
from briefgen.writers import DEFAULT_FORMATS

MAX_COMPARED = 12
"""Facts files one comparison may hold: one table column each, beside the labels."""


def embedded_comparison(main: Facts, others: tuple[str, ...], spec: str | Path | None,
                        marked) -> dict[str, Any]:
    """A comparison of ``main`` with other facts files, for a brief template.

    ``others`` are paths (relative to the working folder or to ``main``'s
    folder) or bundled names (``nato``). Their sources are registered with the
    template's ``marked`` text so the brief's source list can print them.
    """
    from briefgen.bundled import find_facts
    from briefgen.sheets.pipeline import sources_of

    files = [main]
    for other in others:
        path = Path(str(other))
        if not path.exists() and (main.path.parent / path).exists():
            path = main.path.parent / path
        files.append(load_facts(find_facts(path)))
    from briefgen.i18n import current_language

    spec_path = Path(str(spec)) if spec else default_spec_path(current_language())
    if not spec_path.exists() and (main.path.parent / spec_path).exists():
        spec_path = main.path.parent / spec_path
    loaded = load_spec(spec_path)
    problems = check_spec(loaded, files)
    if problems:
        raise problems_error(problems, str(loaded.path))
    from briefgen.sheets.preflight import missing_cells

    marked.warnings.extend(missing_cells(loaded, files))
    marked.extra_sources.update(sources_of(*files[1:], qualify=True))
    return comparison_context(loaded, files, qualify_first=False)["comparison"]


def build_comparison(request) -> BuildResult:
    """Build the comparison a :class:`~briefgen.sheets.request.SheetRequest` asks for (the
    registry's build of the comparison kind)."""
    return make_comparison(list(request.facts), request.spec, request.formats,
                           Path(request.output), request.setup, request.orientation,
                           theme=request.theme, template=request.template,
                           template_dirs=list(request.template_dirs), name=request.name,
                           lang=request.lang, write=request.write,
                           default_paper=request.default_paper)


def one_per_organisation(files: list, lang: str | None) -> tuple[list, list[str]]:
    """Each organisation once: of a file and its translation (``translation_of:``), the one in
    the sheet's language (``lang``, else the original's), with a line saying which was taken."""
    groups: dict[str, list] = {}
    for f in files:
        groups.setdefault(f.model.translation_of or f.id, []).append(f)
    kept, said = [], []
    for org, group in groups.items():
        if len(group) == 1:
            kept.append(group[0])
            continue
        original = next((f for f in group if not f.model.translation_of), group[0])
        want = lang or original.model.language
        pick = next((f for f in group if f.model.language == want), original)
        kept.append(pick)
        others = ", ".join(str(f.path) for f in group if f is not pick)
        said.append(f"{others} and {pick.path} are one organisation ('{org}'): compared once, "
                    f"from {pick.path} (the {want} file)")
    order = {id(f): i for i, f in enumerate(files)}
    return sorted(kept, key=lambda f: order[id(f)]), said


@catalogues_held()  # the sheet's words from one look at its catalogues
def make_comparison(facts_paths: list[Path], spec_path: Path | None = None,
                    formats: tuple[str, ...] = DEFAULT_FORMATS, output: Path = Path("out"),
                    setup: PageSetup | None = None, orientation: str = "auto",
                    theme: Theme = DEFAULT_THEME, template: str = "comparison",
                    template_dirs: list[Path] | None = None,
                    name: str | None = None, lang: str | None = None,
                    write: bool = True, default_paper: str | None = None) -> BuildResult:
    """Make a comparison sheet: ``<output>/<id1>-vs-<id2>[-vs-…].<fmt>``.

    ``facts_paths`` are paths or already validated :class:`~briefgen.facts.Facts`;
    with ``write=False`` the bytes are returned instead of written.

    Labels are in ``lang`` if given, else in the first facts file's language; the
    default name says a language and a paper other than the first file's and
    ``default_paper`` (:func:`briefgen.outputs.sheet_name`).
    """
    from dataclasses import replace

    from briefgen.sheets.preflight import check_comparison
    from briefgen.sheets.strictness import is_strict
    from briefgen.templating.environment import resolve_template
    from briefgen.templating.render import render_template

    if len(facts_paths) < 2:
        raise InputError("a comparison needs two or more facts files")
    if len(facts_paths) > MAX_COMPARED:
        raise InputError(f"a comparison of {len(facts_paths)} facts files is refused: at most "
                         f"{MAX_COMPARED} organisations fit side by side on a page; make "
                         "several comparisons")
    from briefgen.i18n import sheet_language
    from briefgen.i18n.sheet import COMPARISON_KIND, text
    from briefgen.outputs import sheet_name

    setup = setup or PageSetup()
    files, problems = [], []
    for path in facts_paths:
        try:
            files.append(facts_of(path))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(str(path), None, str(exc))])
    if problems:
        raise problems_error(problems, "the facts files")
    files, chosen = one_per_organisation(files, lang)
    ids = [f.id for f in files]
    if len(set(ids)) != len(ids):
        raise InputError(f"the same facts file id appears twice: {', '.join(ids)}")
    language, said = sheet_language(files[0].model.language, lang)
    chosen += said
    kind = text(language, COMPARISON_KIND)
    loaded = load_spec(spec_path or default_spec_path(language))
    problems = check_spec(loaded, files)
    if problems:
        raise problems_error(problems, str(loaded.path))
    context = comparison_context(loaded, files, lang=language)
    auto = orientation == "auto"
    if auto:
        orientation = choose_orientation(context)
    setup = replace(setup, orientation=orientation)
    tname, search = resolve_template(template, template_dirs)
    slips = check_comparison(loaded, files, tname, search)  # misspelt keys, missing cells
    stem = name or sheet_name("-vs-".join(ids), language, files[0].model.language or "en",
                              setup.size, default_paper)

    def version(with_quotes: bool):
        ctx = dict(context, quotes=context["quotes"] if with_quotes else [],
                   quotes_left_out=bool(context["quotes"]) and not with_quotes)
        marked = render_template(tname, search, ctx, lang=language,
                                 as_of=max(f.model.as_of for f in files))
        doc = document_from_markdown(
            marked, title=context["spec"].title, sources=sources_of(*files, qualify=True),
            language=language,
            as_of=max(f.model.as_of for f in files),
            subject=f"{kind}: {', '.join(ids)}",
            header=" · ".join(f.model.short_title or f.model.title for f in files)
            + f" · {kind}", theme=theme,
            keywords=(*(f.model.short_title or f.id for f in files), kind.lower()),
            author=authors.pop() if len(authors := {f.model.author for f in files}) == 1 else None)
        doc.warnings[:0] = chosen + slips
        doc.kind = get_kind("comparison").called()
        if not with_quotes:
            hint = " (--pages 2 prints them on a second page)" if setup.pages == 1 else ""
            doc.warnings.append("the clause texts did not fit beside the table and were left "
                                f"out{hint}")
        return doc

    def fitted(setup) -> BuildResult:
        # The clause texts are what gives way first, in the formats whose page needs it
        # (the HTML page keeps them); under --strict or --allow-overflow nothing gives way.
        cuttable = bool(context["quotes"]) and not setup.allow_overflow and not is_strict()
        return build_formats(_QuotesLadder(version, cuttable), stem, formats, output, setup,
                             theme, write=write)
    try:
        return fitted(setup)
    except PageOverflowError:
        if not auto:  # an orientation the user chose is kept: the overflow is the answer
            raise
        other = "portrait" if orientation == "landscape" else "landscape"
        result = fitted(replace(setup, orientation=other))
        result.warnings.append(f"the comparison did not fit in {orientation} orientation and "
                               f"is laid out in {other} (--orientation chooses)")
        return result


class _QuotesLadder:
    """The comparison with its clause texts, then (when ``cuttable``) without them."""

    def __init__(self, version, cuttable: bool) -> None:
        self.version, self.cuttable, self.with_quotes = version, cuttable, True
        self.doc = None

    def document(self):
        """The comparison as this rung shows it (rendered once per rung)."""
        if self.doc is None:
            self.doc = self.version(self.with_quotes)
        return self.doc

    def cut(self) -> bool:
        """Leave the clause texts out; False when they are out already (or may not be)."""
        if not (self.cuttable and self.with_quotes):
            return False
        self.with_quotes, self.doc = False, None
        return True
