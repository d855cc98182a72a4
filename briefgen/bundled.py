"""Where the bundled templates, facts and themes live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def _bundled(package: str, repo_folder: str) -> Path:
    """The folder of a data package; in a source checkout, the repository folder."""
    try:
        from importlib.util import find_spec

        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return _REPO / repo_folder


def templates_dir() -> Path:
    """The bundled templates folder."""
    return _bundled("briefgen._templates", "templates")


def facts_dir() -> Path:
    """The bundled sample facts folder."""
    return _bundled("briefgen._facts", "facts")


def find_facts(path: Path) -> Path:
    """``path`` if it exists, else the bundled facts file it names.

    So ``briefgen brief facts/csto.yaml`` (or just ``csto``) works from any
    folder after ``pip install``: the sample facts ship inside the package.
    """
    if path.exists():
        return path
    bundled = facts_dir()
    for candidate in (bundled / path.name, bundled / f"{path.name}.yaml"):
        if candidate.is_file() and (len(path.parts) == 1 or path.parent.name == "facts"):
            return candidate
    return path


def bundled_font(prefix: str, face: str) -> bytes:
    """The TTF bytes of one bundled face (pymupdf-fonts), from the disk cache when it is there.

    Both the figure model (text measuring) and the writers (drawing) use these
    bytes, so they live here, below both.
    """
    from importlib.util import find_spec

    from briefgen.cache import file_tag, read_cached, write_cached
    from briefgen.errors import InputError

    module = f"pymupdf_fonts.{prefix}_{face}"
    spec = find_spec(module)
    if spec is None or not spec.origin:
        raise InputError(f"the font module {module} is missing: reinstall pymupdf-fonts")
    # The name changes whenever pymupdf-fonts is upgraded (size or mtime of its module).
    name = f"{prefix}_{face}-{file_tag(spec.origin)}.ttf"
    data = read_cached("fonts", name)
    if data is None or not whole_ttf(data):  # a damaged entry is rebuilt, never used
        import importlib

        data = bytes(importlib.import_module(module).fontbuffer)
        write_cached("fonts", name, data)
    return data


def whole_ttf(data: bytes) -> bool:
    """Whether ``data`` is a TrueType font with every table of its directory present.

    A truncated cache entry fails here (microseconds, not the 40 ms of
    unpacking) and is rebuilt instead of failing every later run. Damage
    inside a table is for the font's user to catch (see docs/robustness.md).
    """
    import struct

    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        return False
    (count,) = struct.unpack(">H", data[4:6])
    if count == 0 or len(data) < 12 + 16 * count:
        return False
    for i in range(count):
        _, _, offset, length = struct.unpack(">4sLLL", data[12 + 16 * i: 28 + 16 * i])
        if offset + length > len(data):
            return False
    return True
