"""A theme's logo and font files, checked whole when the theme is loaded.

A truncated PNG passes a header check and fails deep inside a writer; a PNG
whose resolution (``pHYs``) rounds to 0 dpi makes python-docx divide by zero;
a damaged TTF fails the PDF build with reportlab's own exception. Here each
image is decoded completely and each font parsed, so any of them is refused
as ``theme-file:line: message`` before a build starts, and a logo with an
absurd resolution, in CMYK or another mode, or one python-docx cannot parse
although Pillow can, is re-encoded once as an RGB PNG with no resolution
(read as 72 dpi), which both writers read.
"""

from __future__ import annotations

import atexit
import io
import os
import tempfile
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.inputs.files import read_bytes_capped

MAX_LOGO_BYTES = 5_000_000
"""Largest logo file read."""
MAX_LOGO_PIXELS = 16_000_000
"""Most pixels a logo may have (a 4000 × 4000 image); a decompression bomb has billions."""
DPI_RANGE = (10, 10_000)
"""Resolutions kept as they are; others are normalised (re-encoded without one)."""
MAX_FONT_BYTES = 50_000_000
"""Largest font file read."""


def check_logo(path: Path) -> tuple[str | None, Path]:
    """(the problem with the logo or None, the path the writers should read).

    The image is decoded in full (a truncated file fails here); its size is
    checked before decoding, so a decompression bomb is not expanded.
    """
    try:
        data = read_bytes_capped(path, MAX_LOGO_BYTES, "logo")
    except BriefgenError as exc:
        return str(exc).split(": ", 1)[-1], path
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format not in ("PNG", "JPEG"):
                return f"the logo is {im.format or 'not an image'}; use a PNG or JPEG file", path
            w, h = im.size
            if w < 1 or h < 1 or w * h > MAX_LOGO_PIXELS:
                return (f"the logo is {w} × {h} pixels; use one of at most "
                        f"{MAX_LOGO_PIXELS:,} pixels"), path
            im.load()  # decode every byte: a truncated file fails here
            dpi = im.info.get("dpi")
            if (dpi is None or all(DPI_RANGE[0] <= float(d) <= DPI_RANGE[1] for d in dpi)) \
                    and im.mode in _PLAIN_MODES and _docx_reads(data):
                return None, path
            return None, _normalised(im)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as exc:
        return f"the logo cannot be read as an image ({exc}); re-save it as PNG or JPEG", path


_PLAIN_MODES = ("1", "L", "LA", "P", "RGB", "RGBA")
"""Image modes both writers draw as they are (a CMYK JPEG's Adobe-inverted inks are not)."""


def _docx_reads(data: bytes) -> bool:
    """Whether python-docx reads the image's header with a sane resolution.

    It parses headers itself, stricter than Pillow (a CMYK JPEG with an Adobe
    marker is "unrecognized"; a resolution of 0 divides by zero): such a logo is
    normalised once here rather than failing in the DOCX writer.
    """
    try:
        from docx.image.image import Image as DocxImage

        image = DocxImage.from_blob(data)
        return image.px_width > 0 and image.px_height > 0 and all(
            DPI_RANGE[0] <= d <= DPI_RANGE[1] for d in (image.horz_dpi, image.vert_dpi))
    except Exception:  # noqa: BLE001 - python-docx raises its own and anything else on odd headers
        return False


_NORMALISED: list[str] = []


def _normalised(im) -> Path:
    """The image re-encoded as PNG with no resolution.

    Kept in the disk cache under its content hash (pool workers reuse it and
    exit without cleanup); when the cache cannot be written, in a private
    temp file removed at exit.
    """
    import hashlib

    from briefgen.cache import cache_dir, trusted, write_cached

    if im.mode not in _PLAIN_MODES:  # CMYK, YCbCr, I;16 …: to RGB once, for both writers
        im = im.convert("RGBA" if "A" in im.mode else "RGB")
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    data = buf.getvalue()
    name = f"logo{hashlib.sha256(data).hexdigest()[:24]}.png"  # no "-": never swept as stale
    write_cached("logos", name, data)
    cached = cache_dir("logos") / name
    try:  # the writers read it later: only from a folder nobody else can write
        if trusted("logos") and cached.read_bytes() == data:
            return cached
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix="briefgen-logo-", suffix=".png")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    if not _NORMALISED:
        atexit.register(_remove_normalised)
    _NORMALISED.append(tmp)
    return Path(tmp)


def _remove_normalised() -> None:
    for name in _NORMALISED:
        try:
            os.unlink(name)
        except OSError:
            pass


def font_problems(folder: Path) -> list[str]:
    """Each ``.ttf`` file of a font folder that cannot be used, as "file: why"."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    problems = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".ttf":
            continue
        try:
            data = read_bytes_capped(path, MAX_FONT_BYTES, "font file")
            TTFontFile(io.BytesIO(data), validate=0)
        except BriefgenError as exc:
            problems.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - reportlab's parser raises anything on bad bytes
            problems.append(f"{path}: not a usable TrueType font "
                            f"({type(exc).__name__}: {str(exc)[:100]})")
    return problems
