"""The edit–look loop: a ready course folder, the list of templates, page previews.

``init_course`` writes a folder that builds as is (``briefgen batch
course.yaml``); ``list_templates`` says which templates exist and which one
wins; ``preview_pages`` renders each page of a brief to PNG with pypdfium2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.bundled import facts_dir, templates_dir
from briefgen.errors import InputError
from briefgen.templating.environment import TEMPLATE_SUFFIX, template_search_path

COURSE_TEMPLATE = """\
{#- brief: this course's briefing sheet; the bundled brief with the blocks you change.
    Replace any block of the bundled template: title, key_facts, obligation,
    membership, record, criticisms, sources. Delete this file to use the
    bundled brief unchanged. -#}
{% extends "bundled/brief.md.j2" %}
{#- Example: drop the criticisms section from every brief of the course.
{% block criticisms %}{% endblock %}
-#}
"""

MANIFEST = """\
# The course: which sheets to make. Build them all with
#   briefgen batch course.yaml
# Paths are relative to this file. See `briefgen batch --help`.
title: {title}
defaults:
  output: out              # where the PDFs and DOCX files go
  formats: [pdf, docx]
  template: brief          # templates/brief.md.j2 here overrides the bundled one
  templates: [templates]
  theme: theme.yaml        # fonts, colours, logo, banner
jobs:
  - facts: facts/*.yaml    # one brief per facts file
  - kind: comparison       # and one comparison sheet
    facts: [facts/csto.yaml, facts/nato.yaml]
"""

README = """\
# {title}

A briefgen course folder. Build every sheet:

    briefgen batch course.yaml            # out/*.pdf and out/*.docx

Edit and look, one sheet at a time (rebuilds on every save of a facts file,
template or the theme; Ctrl-C stops):

    briefgen brief facts/csto.yaml --theme theme.yaml --templates templates --watch
    briefgen preview facts/csto.yaml --theme theme.yaml --templates templates -o preview

- `facts/` — one YAML file per organisation; every fact names its sources.
  `briefgen check facts/*.yaml` validates them.
- `templates/brief.md.j2` — this course's brief: it extends the bundled one
  and can replace its blocks. `briefgen templates` lists what is available.
- `theme.yaml` — fonts, colours, margins, page size, logo and banner.
- `course.yaml` — which sheets the course needs.
- `schemas/` — JSON Schemas: an editor with the YAML language server completes
  and checks the YAML files (their first line names the schema). `briefgen new
  facts ID -o facts/ID.yaml` starts a new facts file to fill in.
"""


def init_course(folder: Path, title: str | None = None) -> list[Path]:
    """Write a ready course folder; returns the files written. Refuses a non-empty folder."""
    from briefgen.authoring.staging import staged_folder

    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder}: already exists and is not empty; choose a new folder")
    title = title or f"{folder.resolve().name} course"
    with staged_folder(folder) as stage:  # all files, or none (a full or read-only disk)
        _write_course(stage, title)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _write_course(folder: Path, title: str) -> None:
    def write(rel: str, text: str) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    from briefgen.authoring.jsonschemas import KINDS, schema_text, with_schema_line

    for src in sorted(facts_dir().glob("*.yaml")):  # each names its editor schema (schemas/)
        write(f"facts/{src.name}", with_schema_line(src.read_text(encoding="utf-8"),
                                                    "../schemas/facts.schema.json"))
    write("templates/brief.md.j2", COURSE_TEMPLATE)
    theme = (templates_dir() / "themes" / "default.yaml").read_text(encoding="utf-8")
    theme = theme.replace("name: default", f"name: {_yaml_text(title)}", 1)
    write("theme.yaml", with_schema_line(theme, "schemas/theme.schema.json"))
    write("course.yaml", with_schema_line(MANIFEST.format(title=_yaml_text(title)),
                                          "schemas/manifest.schema.json"))
    write("README.md", README.format(title=title))
    for kind in KINDS:
        write(f"schemas/{kind}.schema.json", schema_text(kind))


def _yaml_text(text: str) -> str:
    return text if re.fullmatch(r"[\w .-]+", text) else '"' + text.replace('"', "'") + '"'


@dataclass(frozen=True)
class TemplateInfo:
    """A template someone can ask for by name, where it is, and what it overrides."""

    name: str
    path: Path
    description: str
    origin: str  # "bundled", "local" (./templates) or "--templates"
    shadows: tuple[Path, ...] = ()  # same-named templates later in the search path


def describe_template(path: Path) -> str:
    """The first line of the template's leading ``{#- … -#}`` comment ("" if none)."""
    from briefgen.errors import BriefgenError
    from briefgen.inputs.files import decode_utf8, read_bytes_capped

    try:  # a FIFO or a file that is not UTF-8 has no description (the build refuses it)
        text = decode_utf8(read_bytes_capped(path, 1_000_000, "template"), str(path))
    except BriefgenError:
        return "(cannot be read; the build says why)"
    match = re.match(r"\s*\{#-?\s*(.*?)\s*-?#\}", text, re.S)
    if not match:
        return ""
    first = match.group(1).strip().splitlines()[0].strip() if match.group(1).strip() else ""
    name = path.name.removesuffix(TEMPLATE_SUFFIX)
    return re.sub(rf"^{re.escape(name)}\s*:\s*", "", first)


def list_templates(user_dirs: list[Path] | None = None) -> list[TemplateInfo]:
    """Every template by name, the first one in the search path winning."""
    search = template_search_path(user_dirs)
    bundled = templates_dir().resolve()
    local = (Path.cwd() / "templates").resolve()
    found: dict[str, list[tuple[Path, str]]] = {}
    for folder in search:
        if not folder.is_dir():
            continue
        resolved = folder.resolve()
        origin = ("bundled" if resolved == bundled else "local" if resolved == local
                  else "--templates")
        for path in sorted(folder.glob("[!_]*" + TEMPLATE_SUFFIX)):  # _x: partials
            found.setdefault(path.name.removesuffix(TEMPLATE_SUFFIX), []).append((path, origin))
    out = []
    for name in sorted(found):
        (path, origin), *rest = found[name]
        out.append(TemplateInfo(name, path, describe_template(path), origin,
                                tuple(p for p, _ in rest)))
    return out


def preview_pages(pdf: bytes, output: Path, stem: str, dpi: int = 80) -> list[Path]:
    """Write each page of ``pdf`` as ``<output>/<stem>-<n>.png``; returns the paths."""
    import pypdfium2 as pdfium

    from briefgen.outputs import prepare_output_dir, write_atomic

    prepare_output_dir(output)
    document = pdfium.PdfDocument(pdf)
    paths = []
    try:
        for n in range(len(document)):
            page = document[n]
            image = page.render(scale=dpi / 72).to_pil()
            import io

            buf = io.BytesIO()
            image.save(buf, format="PNG", compress_level=1)
            paths.append(write_atomic(output / f"{stem}-{n + 1}.png", buf.getvalue()))
            page.close()
    finally:
        document.close()
    for old in output.glob(f"{stem}-*.png"):  # pages a longer earlier version had
        if old not in paths and re.fullmatch(rf"{re.escape(stem)}-\d+\.png", old.name):
            old.unlink(missing_ok=True)
    return paths


def preview_brief(facts_path: Path, template: str, template_dirs: list[Path] | None, setup,
                  theme, output: Path, dpi: int = 80,
                  html: bool = False) -> tuple[list[Path], list[str]]:
    """Fit a brief to its pages and write PNGs of its pages (no PDF or DOCX is written).

    The brief is built as ``briefgen brief`` builds it, ``fitting`` cuts included. With
    ``html``, write the sheet's web page instead (``<id>-<stem>.html``), to open in a
    browser and reload after each save.
    """
    from briefgen.facts import load_facts
    from briefgen.sheets.brief import build_brief
    from briefgen.sheets.request import SheetRequest
    from briefgen.templating.environment import resolve_template, template_stem

    facts = load_facts(facts_path)
    stem = template_stem(resolve_template(template, template_dirs)[0])
    from briefgen.writers import LAYOUT_FORMAT, WEB_FORMAT, get_format

    # the pages are the layout format's, as the fit lays them out; --html: the web page
    formats = (LAYOUT_FORMAT, WEB_FORMAT) if html else (LAYOUT_FORMAT,)
    result = build_brief(SheetRequest((facts,), template, formats, Path(output), setup, theme,
                                      tuple(template_dirs or ()), write=False))
    warnings = list(result.warnings)
    if html:
        from briefgen.outputs import prepare_output_dir, write_atomic

        folder = prepare_output_dir(Path(output))
        page = f"{facts.id}-{stem}.{get_format(WEB_FORMAT).suffix}"
        return [write_atomic(folder / page, result.data[WEB_FORMAT])], warnings
    return (preview_pages(result.data[LAYOUT_FORMAT], Path(output), f"{facts.id}-{stem}", dpi),
            warnings)
