"""Write the structure tree of a tagged PDF with reportlab's own PDF objects.

Called by :class:`~briefgen.writers.pdf.tagcanvas.TaggingCanvas` just before
reportlab writes the file: the StructTreeRoot with its ParentTree and RoleMap,
``/MarkInfo``, ``/ViewerPreferences /DisplayDocTitle``, the XMP metadata
(``dc:title``, ``dc:language``, ``pdfuaid:part 1``), ``/StructParent`` and the
Print flag on link annotations, ``/StructParents`` and ``/Tabs /S`` on pages,
and, for a sheet over several pages, an outline from its headings.

Why not a post-pass with pypdf or pikepdf: reportlab already holds every object
(pages, annotations) by reference, so adding the tree before it writes costs
no second parse and no new dependency, and the file keeps reportlab's
reproducible bytes (object order, trailer ID derived from the dates).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
)

from briefgen.adapters.reportlab import pdf_document
from briefgen.writers.escape import escape_text
from briefgen.writers.pdf.tags import StructElem

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


def page_entries(page: PDFPage, index: int) -> None:
    """``/StructParents`` (its key in the ParentTree) and ``/Tabs /S`` on one page."""
    page.__NoDefault__ = _PAGE_KEYS
    page.StructParents = index
    page.Tabs = PDFName("S")


class _PlainStream(PDFStream):
    """A stream written without filters (XMP must stay readable as plain text)."""

    def format(self, document):
        """The stream as PDF bytes, its content as it is (reportlab's API)."""
        from reportlab.pdfbase.pdfdoc import format as pdf_format

        content = self.content.encode("utf-8") if isinstance(self.content, str) else self.content
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(content)
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"\nendstream\n"


class _Dict(PDFDictionary):
    """A dictionary of the structure tree, formatted as reportlab formats a ``PDFDictionary``
    (keys sorted, a line break after every six entries), with names, whole numbers,
    object references and arrays of them written directly; any other value goes through
    reportlab's own ``format``. A sheet has a hundred or more of these: reportlab's
    general formatter spent ~3 ms a page on them."""

    def format(self, document, IND=b"\n "):  # noqa: N803 (reportlab's signature)
        """The dictionary as PDF bytes (reportlab's API)."""
        items = [_name(k) + b" " + _bytes(self.dict[k], document) for k in sorted(self.dict)]
        for i in reversed(range(6, len(items), 6)):
            items.insert(i, b"\n ")
        return b"<<\n" + b" ".join(items) + b"\n>>"


class _Array(PDFArray):
    """An array of the structure tree, formatted as reportlab formats a ``PDFArray``
    (a line break after every ten elements), its elements as :class:`_Dict`'s values."""

    def format(self, document, IND=b"\n "):  # noqa: N803 (reportlab's signature)
        """The array as PDF bytes (reportlab's API)."""
        items = [_bytes(e, document) for e in self.sequence]
        if len(items) > 10:
            for i in reversed(range(10, len(items), 10)):
                items.insert(i, b"\n ")
        return b"[ " + b" ".join(items) + b" ]"


_NAMES: dict[str, bytes] = {}
_NUMBERS: dict[int, bytes] = {}


def _name(text: str) -> bytes:
    """``/text`` as reportlab's ``PDFName`` writes it (kept: a sheet uses a few dozen)."""
    try:
        return _NAMES[text]
    except KeyError:
        from reportlab.pdfbase.pdfdoc import pdfdocEnc

        name = _NAMES[text] = pdfdocEnc(PDFName(text))
        return name


def _bytes(v, document) -> bytes:
    """One value as reportlab's ``format`` writes it."""
    if type(v) is PDFObjectReference:
        return b"%d %d R" % document.idToObjectNumberAndVersion[v.name]
    if type(v) is int:
        if v not in _NUMBERS:
            from reportlab.lib.rl_accel import fp_str

            _NUMBERS[v] = fp_str(v).encode("ascii")
        return _NUMBERS[v]
    if type(v) is str and v.startswith("/") and v.isascii() and v[1:].isalnum():
        return v.encode("ascii")  # a PDFName
    if isinstance(v, _Dict | _Array):
        return v.format(document)
    from reportlab.pdfbase.pdfdoc import format as pdf_format

    return pdf_format(v, document)


def _value(v):
    if isinstance(v, str):
        return PDFName(v)
    if isinstance(v, list):
        return PDFArray([_value(x) for x in v])
    return v


def write_structure(canv, total: int) -> None:
    """Add the structure tree and the PDF/UA catalogue entries to ``canv``'s document."""
    tags = canv.tags
    doc = pdf_document(canv)
    elems = list(tags.root.walk())
    dicts = {id(se): _Dict({"Type": PDFName("StructElem"), "S": PDFName(se.role)})
             for se in elems}
    refs = {k: doc.Reference(d) for k, d in dicts.items()}
    tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = doc.Reference(tree)

    def page_ref(i: int) -> PDFObjectReference:
        return PDFObjectReference(f"Page{i + 1}")

    for se in elems:
        d = dicts[id(se)]
        d["P"] = tree_ref if se.parent is None else refs[id(se.parent)]
        _content(se, d, doc, refs, page_ref)
        if se.alt:
            d["Alt"] = PDFString(se.alt)
        if se.lang:
            d["Lang"] = PDFString(se.lang)
        if se.attrs:
            d["A"] = PDFDictionary({k: _value(v) for k, v in se.attrs.items()})
    nums: list = []
    for i in range(total):
        owners = list(tags.mcids.get(i, []))
        while owners and owners[-1] is None:  # a dropped empty sequence at the end
            owners.pop()
        nums += [i, _Array([refs[id(se)] if se is not None else "null" for se in owners])]
    key = total
    for _page, annot, se in tags.annots:
        if isinstance(annot, PDFDictionary):
            annot["StructParent"] = key
        else:  # a LinkAnnotation checks its keys against a fixed list
            annot.permitted = (*annot.permitted, "StructParent")
            annot.otherkw["StructParent"] = key
        nums += [key, refs[id(se)]]
        key += 1
    tree["K"] = PDFArray([refs[id(tags.root)]])
    tree["ParentTree"] = doc.Reference(_Dict({"Nums": _Array(nums)}))
    tree["ParentTreeNextKey"] = key
    role_map = tags.role_map()
    if role_map:
        tree["RoleMap"] = PDFDictionary({k: PDFName(v) for k, v in role_map.items()})
    cat = doc.Catalog
    cat.StructTreeRoot = tree
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    canv.setViewerPreference("DisplayDocTitle", "true")
    xmp = XMP.format(title=escape_text(tags.title), lang=escape_text(tags.lang))
    meta = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                        xmp)
    cat.Metadata = meta
    if total > 1 and tags.headings:
        _outline(canv)


def _content(se: StructElem, d: PDFDictionary, doc, refs: dict, page_ref) -> None:
    """``/K`` (kids, marked-content references, annotation references) and ``/Pg`` of ``se``."""
    pg = next((k[1] for k in se.kids if isinstance(k, tuple)), None)
    if pg is not None:
        d["Pg"] = page_ref(pg)
    kids = []
    for k in se.kids:
        if isinstance(k, StructElem):
            kids.append(refs[id(k)])
        elif k[0] == "mcid":
            kids.append(k[2] if k[1] == pg else _Dict(
                {"Type": PDFName("MCR"), "Pg": page_ref(k[1]), "MCID": k[2]}))
        else:
            kids.append(_Dict({"Type": PDFName("OBJR"), "Pg": page_ref(k[1]),
                               "Obj": doc.Reference(k[2])}))
    if kids:
        d["K"] = _Array(kids)


def _outline(canv) -> None:
    """Bookmarks from the headings (their destinations were set page by page)."""
    for _page, key, _top, level, text in canv.tags.headings:
        canv.addOutlineEntry(text or "", key, level=level)
    canv.showOutline()


def heading_destinations(canv, page: int) -> None:
    """Set the destinations of the headings drawn on ``page`` (while it is the current page)."""
    for pg, key, top, _level, _text in canv.tags.headings:
        if pg == page:
            canv.bookmarkHorizontalAbsolute(key, top)
