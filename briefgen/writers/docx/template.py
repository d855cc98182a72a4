"""The Word template every DOCX starts from: python-docx's default, slimmed, from the disk cache.

python-docx's bundled template carries styles and parts a handout never uses;
the slimmed copy is built once and kept in the disk cache (:mod:`briefgen.cache`),
named after what it depends on, so a damaged or stale entry is rebuilt.
"""

from __future__ import annotations

import functools
import io
import os

import docx
from docx.oxml.ns import qn

from briefgen.adapters.python_docx import set_part_blob
from briefgen.cache import file_tag, read_cached, write_cached

_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Template>Normal.dotm</Template><Pages>1</Pages>'
    b"<Application>briefgen</Application><DocSecurity>0</DocSecurity></Properties>"
)


@functools.lru_cache(maxsize=1)
def template_bytes() -> bytes:
    """python-docx's default template, slimmed; from the disk cache after the first run.

    Dropped: its thumbnail (an empty page), the Word 2010 ``stylesWithEffects``
    copy of the styles, and ~100 unused built-in table styles (340 kB of XML
    that every render would otherwise parse and compress; Word re-creates a
    built-in style when someone applies it).
    """
    path = os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")
    # The name changes with python-docx's template and with this module's code.
    name = f"default-{file_tag(path)}-{file_tag(__file__)}.docx"
    data = read_cached("docx", name)
    if data is None or not _is_whole_zip(data):
        data = _slim_template(path)
        write_cached("docx", name, data)
    return data


def _is_whole_zip(data: bytes) -> bool:
    """Whether ``data`` is a zip archive whose every member reads back intact."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def _slim_template(path: str) -> bytes:
    """The Word template at ``path`` without what a brief never uses (see above)."""
    word = docx.Document(path)
    package = word.part.package
    for rels in (package.rels, word.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                rels.pop(r_id)
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):  # not "Microsoft Macintosh Word"
            set_part_blob(rel.target_part, _APP_XML)
    styles = word.styles.element
    keep = {"TableNormal", "TableGrid"}
    for el in styles.findall(qn("w:style")):
        if el.get(qn("w:type")) == "table" and el.get(qn("w:styleId")) not in keep:
            styles.remove(el)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
