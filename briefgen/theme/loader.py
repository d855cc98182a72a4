"""Theme files: one YAML file drives the look of both writers.

Every key is optional and overrides the bundled default (see
``templates/themes/default.yaml`` and docs/themes.md). Problems are reported
as ``theme-file:line: message``: an unknown font, a colour that is not a
colour, a logo file that is missing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from briefgen.errors import Problem
from briefgen.inputs.todo import unfilled
from briefgen.inputs.yamlfile import YamlDocument, load_yaml
from briefgen.printable import REMOVED
from briefgen.theme.model import DEFAULT_THEME, Theme

BUNDLED_FONTS = ("notosans", "firago", "ubuntu")


def load_theme(path: Path | str | None) -> tuple[Theme, str | None]:
    """Read a theme file into a :class:`Theme`; returns (theme, page size it asks for).

    Every problem is reported in one run: the schema's (a colour that is not a
    colour, an unknown key) with the files the theme names (font folder, logo).
    """
    if path is None:
        return DEFAULT_THEME, None
    from briefgen.inputs.validation import validate
    from briefgen.theme.contrast import contrast_problems
    from briefgen.theme.schema import FONT_FOLDER_KEYS, ThemeFile

    doc = load_yaml(path, "theme file")
    base = Path(doc.file).resolve().parent
    assets: dict[str, Path] = {}
    model = validate(ThemeFile, doc, "theme file", "accent:, base_size:, logo: …",
                     also=_file_problems(doc, base, assets) + unfilled(doc))
    values = model.model_dump(exclude_none=True, exclude={"name", "description", "page_size",
                                                          "author"})
    fonts = {key.removesuffix("_font"): values.pop(key) for key in list(values)
             if key.endswith("_font")}  # the theme key <format>_font: that format's font
    for key in FONT_FOLDER_KEYS:  # a font the writer embeds: bundled, else a folder of .ttf files
        fmt = key.removesuffix("_font")
        if fonts.get(fmt) and fonts[fmt] not in BUNDLED_FONTS:
            fonts[fmt] = str((base / fonts[fmt]).resolve())
    if model.logo:
        values["logo"] = str(assets.get("logo") or (base / model.logo).resolve())
    if model.accent and not model.accent_light:
        values["accent_light"] = tint(model.accent)
    extra = dict(DEFAULT_THEME.extra)
    if model.author:
        extra["author"] = model.author
    theme = dataclasses.replace(DEFAULT_THEME, **values, fonts=fonts, extra=extra)
    colours = {k: getattr(theme, k) for k in ("text", "muted", "accent", "accent_light", "mark_fill")}
    lines = {k: doc.line_of((k,)) if k in doc.data else None for k in colours}
    found = contrast_problems(colours, doc.file, lines)
    theme = dataclasses.replace(theme, warnings=tuple(found))
    return theme, model.page_size


_CONTROL = re.compile(REMOVED.pattern[:-1] + "\ud800-\udfff\ufffe\uffff]")
"""What the one rule for printed strings removes (:mod:`briefgen.printable`: controls, bidi
overrides, invisible characters) and what XML 1.0 cannot hold (surrogates, U+FFFE, U+FFFF)."""


def _file_problems(doc: YamlDocument, base: Path, assets: dict[str, Path]) -> list[Problem]:
    """A font folder or logo the theme names that is not there or cannot be used.

    Checked on the raw data; the logo is decoded whole and every font of the
    folder parsed (:mod:`briefgen.theme.assets`); ``assets["logo"]`` is set
    to the file the writers should read (re-encoded if its resolution was absurd).
    """
    from briefgen.theme.assets import check_logo, font_problems
    from briefgen.theme.schema import FONT_FOLDER_KEYS

    data = doc.data if isinstance(doc.data, dict) else {}
    problems = [doc.problem((key,), f"'{key}' holds a control, bidi or invisible character or "
                            f"one XML cannot hold (U+{ord(bad):04X}); "
                            "a theme's texts and names must be plain text", "BG343")
                for key, value in data.items() if isinstance(value, str)
                for bad in _CONTROL.findall(value)[:1]]
    for key in FONT_FOLDER_KEYS:
        font = data.get(key)
        if not isinstance(font, str) or font in BUNDLED_FONTS:
            continue
        folder = (base / font).resolve()
        if not os.path.isdir(folder) or not any(folder.glob("*.ttf")):  # never raises
            problems.append(doc.problem((key,), f"unknown font '{font}': use one of "
                                        f"{', '.join(BUNDLED_FONTS)} or a folder of .ttf files "
                                        "(Regular, Bold, Italic, BoldItalic)", "BG340"))
        else:
            problems.extend(doc.problem((key,), f"font file {why}", "BG340")
                            for why in font_problems(folder))
    logo = data.get("logo")
    if isinstance(logo, str) and logo:
        path = (base / logo).resolve()
        if not os.path.isfile(path):  # a name too long, a loop …: "not found", never a crash
            from briefgen.inputs.files import not_regular

            why = not_regular(path) if os.path.exists(path) else None
            problems.append(doc.problem(("logo",), f"logo file '{logo}' {why}" if why else
                                        f"logo file '{logo}' not found (looked in {base})",
                                        "BG341"))
        elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            problems.append(doc.problem(("logo",), "the logo must be a PNG or JPEG file",
                                        "BG342"))
        else:
            why, assets["logo"] = check_logo(path)
            if why:
                problems.append(doc.problem(("logo",), f"logo file '{logo}': {why}", "BG342"))
    return problems


def tint(colour: str, share: float = 0.15) -> str:
    """``colour`` mixed with white (``share`` of the colour): the light fill that goes with it.

    A theme that sets only ``accent`` gets a matching ``accent_light`` for table
    headers and the key-facts panel, instead of the default blue beside it.
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)
