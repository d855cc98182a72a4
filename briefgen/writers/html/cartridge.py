"""A course as an IMS Common Cartridge 1.1 (``.imscc``) for Canvas, Moodle, Blackboard and D2L.

One web-content page per sheet (its LMS fragment in a small HTML document,
with links to its PDF and DOCX), the PDF and DOCX themselves as files under
``web_resources/``, and an organisation that mirrors the course contents: a
folder per kind of sheet, in it each sheet's page, PDF and Word file.
``imsmanifest.xml`` follows the CC 1.1 profile of IMS Content Packaging 1.2
(validated in the tests against the IMS XSDs). The zip's bytes are
reproducible (entries in a fixed order, every date fixed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from briefgen.i18n.sheet import text as say
from briefgen.reproducible import document_timestamp, zip_bytes
from briefgen.writers.escape import escape_attr as xml_attr
from briefgen.writers.escape import escape_text as xml_text
from briefgen.writers.html import markup as mk
from briefgen.writers.html.course import FILE_LABELS, KINDS

NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
SCHEMA_LOCATIONS = (
    f"{NS} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd "
    f"{LOMR} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd")


@dataclass(frozen=True)
class CartridgeSheet:
    """One sheet: job name, title, kind, language, its LMS fragment and its built files.

    ``files`` maps a format to (file name, bytes); the PDF and the DOCX are attached.
    """

    name: str
    title: str
    kind: str
    lang: str
    fragment: bytes
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def attached(self) -> list[tuple[str, str, bytes]]:
        """(label, file name, bytes) of the files a page offers: PDF, then Word."""
        return [(label, *self.files[fmt]) for fmt, label in FILE_LABELS if fmt in self.files]


def _id(prefix: str, *parts: str) -> str:
    """An XML identifier (an NCName) from a stable hash of ``parts``."""
    return prefix + hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def wrapped_page(sheet: CartridgeSheet) -> bytes:
    """The sheet's web-content page: the fragment in an HTML document, with its files linked."""
    links = [f'<a href="../web_resources/{mk.attr(name)}">{label}</a>'
             for label, name, _ in sheet.attached]
    files = f"\n<p>{' · '.join(links)}</p>" if links else ""
    return (f'<!DOCTYPE html>\n<html lang="{mk.attr(sheet.lang)}">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            f"<title>{mk.text(sheet.title)}</title>\n</head>\n<body>\n"
            f"{sheet.fragment.decode('utf-8')}{files}\n</body>\n</html>\n").encode()


def manifest_xml(title: str, lang: str, sheets: list[CartridgeSheet]) -> bytes:
    """``imsmanifest.xml``: metadata, the organisation by kind, and one resource per file."""
    items, resources = [], []
    for kind, heading in KINDS:
        group = [s for s in sheets if s.kind == kind]
        if not group:
            continue
        children = []
        for s in group:
            page_id = _id("R", s.name, "page")
            page_href = f"wiki_content/{s.name}.html"
            deps = []
            children.append(f'<item identifier="{_id("I", s.name, "page")}" '
                            f'identifierref="{page_id}"><title>{xml_text(s.title)}</title></item>')
            for label, name, _ in s.attached:
                fid = _id("R", s.name, name)
                deps.append(f'<dependency identifierref="{fid}"/>')
                children.append(f'<item identifier="{_id("I", s.name, name)}" identifierref="{fid}">'
                                f"<title>{xml_text(s.title)} ({label})</title></item>")
                resources.append(f'<resource identifier="{fid}" type="webcontent" '
                                 f'href="web_resources/{xml_attr(name)}">'
                                 f'<file href="web_resources/{xml_attr(name)}"/></resource>')
            resources.append(f'<resource identifier="{page_id}" type="webcontent" '
                             f'href="{xml_attr(page_href)}"><file href="{xml_attr(page_href)}"/>'
                             f"{''.join(deps)}</resource>")
        items.append(f'<item identifier="{_id("I", kind)}"><title>{xml_text(say(lang, heading))}'
                     f"</title>{''.join(children)}</item>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            f'<manifest identifier="{_id("M", title)}" xmlns="{NS}" xmlns:lomimscc="{LOMM}" '
            f'xmlns:lom="{LOMR}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{SCHEMA_LOCATIONS}">\n'
            "<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>"
            "<lomimscc:lom><lomimscc:general><lomimscc:title>"
            f'<lomimscc:string language="{xml_attr(lang)}">{xml_text(title)}</lomimscc:string>'
            "</lomimscc:title><lomimscc:language>"
            f"{xml_text(lang)}</lomimscc:language></lomimscc:general></lomimscc:lom></metadata>\n"
            '<organizations><organization identifier="ORG" structure="rooted-hierarchy">'
            f'<item identifier="ROOT">{"".join(items)}</item></organization></organizations>\n'
            f"<resources>{''.join(resources)}</resources>\n</manifest>\n").encode()


def cartridge(title: str, lang: str, sheets: list[CartridgeSheet]) -> bytes:
    """The ``.imscc`` bytes: ``imsmanifest.xml``, one page per sheet, its files."""
    entries = [("imsmanifest.xml", manifest_xml(title, lang, sheets))]
    for s in sheets:
        entries.append((f"wiki_content/{s.name}.html", wrapped_page(s)))
    for s in sheets:
        entries.extend((f"web_resources/{name}", data) for _, name, data in s.attached)
    return zip_bytes(entries, document_timestamp())
