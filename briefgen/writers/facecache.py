"""Parsed TrueType faces from the disk cache: reportlab's TTF parsing, once per font file.

``reportlab.pdfbase.ttfonts.TTFont`` parses a face in pure Python (tables,
metrics, the character map, glyph positions for subsetting): about 35 ms for
the four Noto Sans faces on every process. What the parse leaves
on the font object is plain data, so it is kept in ``$XDG_CACHE_HOME/briefgen/faces``
(see :mod:`briefgen.cache`) as a ``marshal`` of builtin types, named after the
font file's SHA-256, the reportlab version and :data:`FORMAT`. The TTF bytes
themselves are not stored again: the caller has them (to hash them) and the
face reads its subsetting tables from them.

An entry starts with :data:`MAGIC` and the SHA-256 of the rest; an entry that
is cut short, altered, not of the expected shape or made for another font name
is never used: the face is parsed again and the entry rewritten. Anything in a font object this module
does not know how to store means no cache for it (parsed every time, as before).
"""

from __future__ import annotations

import hashlib
import io
import marshal
from pathlib import Path

from briefgen.cache import sealed, unsealed

MAGIC = b"briefgen-face\n"
FORMAT = 1
"""Raised when what is stored changes shape."""

_NAMES = "TTFNameBytes"


def load_ttfont(name: str, source: Path | io.BytesIO):
    """A reportlab ``TTFont`` called ``name`` for the TTF at ``source``, parsed or from the cache.

    Raises what ``TTFont`` raises for a file that is not a usable TrueType font
    (such a file is never cached).
    """
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    from briefgen.cache import read_cached, write_cached

    data = source.read_bytes() if isinstance(source, Path) else source.getvalue()
    entry = f"{hashlib.sha256(data).hexdigest()[:32]}-rl{Version}-v{FORMAT}.face"
    stored = read_cached("faces", entry)
    if stored is not None:
        font = _restore(stored, name, source, data)
        if font is not None:
            return font
    font = TTFont(name, source if isinstance(source, Path) else io.BytesIO(data))
    blob = _store(font)
    if blob is not None:
        write_cached("faces", entry, blob)
    return font


def _store(font) -> bytes | None:
    """The entry for a freshly parsed ``font``, or None when it holds something unknown."""
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes

    if type(font.encoding) is not TTEncoding:
        return None
    from briefgen.adapters.reportlab import ttfont_fields

    outer, fields = ttfont_fields(font)
    face = {key: (_NAMES, bytes(value)) if isinstance(value, TTFNameBytes) else value
            for key, value in fields.items()}
    try:
        payload = marshal.dumps({"font": outer, "face": face})
    except ValueError:  # an object marshal cannot store: no cache for this font
        return None
    return sealed(MAGIC, payload)


def _restore(stored: bytes, name: str, source, data: bytes):
    """The font from an entry, or None when the entry is damaged or not of the expected shape."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    from briefgen.adapters.reportlab import ttfont_from_fields

    payload = unsealed(MAGIC, stored)
    if payload is None:
        return None
    try:
        state = marshal.loads(payload)
        outer, fields = state["font"], state["face"]
        if outer.get("fontName") != name or len(fields["glyphPos"]) != fields["numGlyphs"] + 1:
            return None  # another name: what TTFont derives from it (shapable) may differ
    except (EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None
    # UTF-8 bytes: the same text back
    fields = {key: TTFNameBytes(value[1]) if (isinstance(value, tuple) and len(value) == 2
                                              and value[0] == _NAMES) else value
              for key, value in fields.items()}
    filename = source if isinstance(source, Path) else getattr(source, "name", "(ttf)")
    return ttfont_from_fields(outer, fields, data, filename)
