"""The fonts both writers share: full-Unicode TrueType families, registered once.

Neither writer owns this module: the PDF writer draws with these families, and
the DOCX writer measures words with them (a column at least as wide as its
longest word) without importing the PDF writer.

reportlab's built-in fonts (and the Vera it bundles) have no Cyrillic, so every
style uses a TrueType family registered here. ``theme.pdf_font`` names either a
family bundled in the ``pymupdf-fonts`` package (default ``"notosans"``) or a
folder holding ``*Regular.ttf``, ``*Bold.ttf``, ``*Italic.ttf`` and
``*BoldItalic.ttf`` files.

The bundled fonts ship LZMA-compressed inside Python modules; unpacking all four
faces costs about 40 ms, so the unpacked TTFs are cached on disk in
``$XDG_CACHE_HOME/briefgen/fonts`` (or ``~/.cache/briefgen/fonts``), and so is
what reportlab's parser makes of each face (:mod:`briefgen.writers.facecache`).
An unwritable cache is silently skipped. Registration happens once per process.
"""

from __future__ import annotations

import functools
import io
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from briefgen.bundled import bundled_font
from briefgen.errors import InputError

PLACEHOLDER = "\ufffd"
"""What a character the font cannot draw is replaced with (NotoSans has U+FFFD)."""

FACES = ("Regular", "Bold", "Italic", "BoldItalic")

# theme.pdf_font key -> (module prefix in pymupdf_fonts, faces available there)
BUNDLED = {
    "notosans": ("NotoSans", FACES),
    "firago": ("FiraGO", FACES),
    "ubuntu": ("Ubuntu", FACES),
}
METRICS_FAMILY = "notosans"
"""The bundled family whose widths stand for a sheet's words where the real font's are not
known (the DOCX writer's column widths: Word sets Arial, LibreOffice Liberation Sans)."""
MONO = ("CascadiaMono", FACES)
"""The family used for ``code`` runs; registered only when a document needs it."""


@dataclass(frozen=True)
class FontFamily:
    """reportlab font names of one registered family; ``name`` maps <b>/<i> to the faces."""

    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def _folder_faces(folder: Path) -> dict[str, Path]:
    """Map face name → TTF file in a user's font folder, by file-name suffix."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".ttf")
    found: dict[str, Path] = {}
    for p in files:
        stem = p.stem.lower().replace("-", "").replace("_", "").replace(" ", "")
        for face in ("BoldItalic", "Bold", "Italic", "Regular"):
            if stem.endswith(face.lower()) and face not in found:
                found[face] = p
                break
    if "Regular" not in found:
        raise InputError(
            f"{folder}: no *Regular.ttf font in this folder (theme pdf_font); "
            "put Regular, Bold, Italic and BoldItalic .ttf files there"
        )
    return found


def _register(name: str, source: object) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from briefgen.writers.facecache import load_ttfont

    where = source if isinstance(source, Path) else name
    try:
        pdfmetrics.registerFont(load_ttfont(name, source))
    except (TTFError, OSError) as exc:
        raise InputError(f"cannot use the font {where}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - damage deep inside a font's tables
        raise InputError(f"cannot use the font {where}: it is damaged "
                         f"({type(exc).__name__}); use another copy of it") from exc
    return name


def _register_family(key: str, faces: dict[str, object]) -> FontFamily:
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    names = {}
    for face in FACES:
        src = faces.get(face)
        if src is None:  # a missing face falls back: BoldItalic→Bold→Regular
            fallback = {"BoldItalic": "Bold", "Bold": "Regular", "Italic": "Regular"}[face]
            names[face] = names[fallback]
            continue
        if isinstance(src, bytes):
            src = io.BytesIO(src)
        names[face] = _register(f"bg-{key}-{face}", src)
    fam = FontFamily(f"bg-{key}", names["Regular"], names["Bold"], names["Italic"],
                     names["BoldItalic"])
    registerFontFamily(fam.name, normal=fam.regular, bold=fam.bold, italic=fam.italic,
                       boldItalic=fam.bold_italic)
    return fam


@functools.cache
def register_family(spec: str = "notosans") -> FontFamily:
    """Register the family ``spec`` (a bundled key or a folder of TTFs) once; return its names.

    Raises :class:`~briefgen.errors.InputError` when ``spec`` is neither.
    """
    key = spec.strip().lower()
    if key in BUNDLED:
        prefix, faces = BUNDLED[key]
        return _register_family(key, {f: bundled_font(prefix, f) for f in faces})
    folder = Path(spec).expanduser()
    if folder.is_dir():
        found = _folder_faces(folder)
        key = f"dir{zlib.crc32(str(folder.resolve()).encode()):08x}"  # stable across runs
        return _register_family(key, dict(found))
    raise InputError(
        f"unknown PDF font {spec!r} (theme pdf_font): use one of "
        f"{', '.join(sorted(BUNDLED))} or a folder with Regular/Bold/Italic/BoldItalic .ttf files"
    )


@functools.cache
def register_mono() -> FontFamily:
    """Register the monospaced family used for code runs (once) and return its names."""
    prefix, faces = MONO
    return _register_family("mono", {f: bundled_font(prefix, f) for f in faces})


@functools.lru_cache(maxsize=16)
def _charset(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def missing_glyphs(text: str, spec: str = "notosans", face: str = "Regular") -> set[str]:
    """The characters of ``text`` the family ``spec`` cannot draw (spaces and controls ignored)."""
    fam = register_family(spec)
    name = {"Regular": fam.regular, "Bold": fam.bold, "Italic": fam.italic,
            "BoldItalic": fam.bold_italic}[face]
    have = _charset(name)
    return {ch for ch in set(text) if ord(ch) not in have and not _invisible(ch)}


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cc"


def replace_missing(text: str, spec: str = "notosans", face: str = "Regular"
                    ) -> tuple[str, set[str]]:
    """``text`` with undrawable characters replaced by :data:`PLACEHOLDER`, and those characters.

    Invisible format characters (zero-width space, joiners) are dropped rather
    than replaced, since they print nothing anyway.
    """
    missing = missing_glyphs(text, spec, face)
    if not missing:
        return text, missing
    out = "".join(
        ("" if unicodedata.category(ch) == "Cf" else PLACEHOLDER) if ch in missing else ch
        for ch in text
    )
    return out, missing
