"""The course pack's structure tree: every part's tree copied under one ``Document``.

pypdf's ``append`` copies a sheet's pages and annotations but not its structure
tree, and drops the pages' ``/StructParents``. :class:`PackStructure` copies
each part's tree after its pages are appended: the part's top element becomes
a ``Part`` (with the part's ``/Lang``) under the pack's ``Document``; ``/Pg``
and annotation references are mapped to the copies in the pack; the page and
annotation keys are renumbered into one ParentTree. :meth:`PackStructure.finish`
writes the catalogue entries a tagged PDF/UA file needs (``/MarkInfo``,
``/Lang``, ``/ViewerPreferences /DisplayDocTitle``, XMP metadata with
``pdfuaid:part``).
"""

from __future__ import annotations

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from briefgen.adapters.pypdf import add_object, document_catalog
from briefgen.writers.escape import escape_text


class UntaggedPart(Exception):
    """A part of the pack has no structure tree (a PDF made before sheets were tagged)."""


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _idnum(value) -> int | None:
    if isinstance(value, IndirectObject):
        return value.idnum
    ref = getattr(value, "indirect_reference", None)
    return ref.idnum if ref is not None else None


def _elements(ref):
    """``ref`` and every structure element below it, in reading order (as references)."""
    yield ref
    kids = _resolved(ref.get_object().get("/K"))
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject) and "/S" in kid.get_object():
            yield from _elements(kid)


def _number_tree(node) -> dict[int, object]:
    """A number tree (``/Nums`` and ``/Kids``) as a dict."""
    node = _resolved(node)
    found: dict[int, object] = {}
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        found[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids") or []:
        found.update(_number_tree(kid))
    return found


class PackStructure:
    """Collects the parts' structure trees while the pack's pages are appended."""

    def __init__(self, writer, title: str, lang: str) -> None:
        self.writer = writer
        self.title = title
        self.lang = lang
        self.document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                          NameObject("/S"): NameObject("/Document")})
        self.document_ref = add_object(writer, self.document)
        self.parts = ArrayObject()
        self.nums = ArrayObject()
        self.next_key = 0
        self.role_map = DictionaryObject()

    def add(self, reader, pages: list) -> None:
        """Copy ``reader``'s structure tree onto ``pages``, its pages as appended to the pack."""
        catalog = reader.trailer["/Root"]
        tree = _resolved(catalog.get("/StructTreeRoot"))
        if tree is None:
            raise UntaggedPart
        page_map = {}
        annot_map = {}
        for src, new in zip(reader.pages, pages, strict=True):
            page_map[_idnum(src)] = new.indirect_reference
            annot_map.update(self._annotations(src, new))
        copier = _Copier(self.writer, page_map, annot_map)
        lang = catalog.get("/Lang")
        for top in self._top_elements(tree):
            ref = copier.element(top, self.document_ref)
            part = ref.get_object()
            part[NameObject("/S")] = NameObject("/Part")
            if lang and "/Lang" not in part:
                part[NameObject("/Lang")] = TextStringObject(str(lang))
            self.parts.append(ref)
        parents = _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else {}
        for src, new in zip(reader.pages, pages, strict=True):
            key = src.get("/StructParents")
            if key is not None and int(key) in parents:
                owners = _resolved(parents[int(key)])
                self._entry(new, "/StructParents",
                            ArrayObject(copier.reference(o) for o in owners))
            for src_annot in _resolved(src.get("/Annots")) or []:
                src_annot = _resolved(src_annot)
                key = src_annot.get("/StructParent")
                new_annot = annot_map.get(_idnum(src_annot))
                if key is not None and new_annot is not None and int(key) in parents:
                    self._entry(new_annot.get_object(), "/StructParent",
                                copier.reference(parents[int(key)]))
        for role, standard in (_resolved(tree.get("/RoleMap")) or {}).items():
            self.role_map[NameObject(role)] = standard

    def link_contents(self, places: list, targets: list, titles: list[str]) -> None:
        """Link each contents entry (page, rectangle) to its sheet's first page (``targets``).

        The annotation says the sheet's title (``/Contents``) and is wired to the entry's
        ``Link`` element, the front part's Links in reading order.
        """
        links = [e for e in _elements(self.parts[0]) if e.get_object().get("/S") == "/Link"]
        for (page, rect), target, title, link in zip(places, targets, titles, links, strict=True):
            annot = DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(round(v, 2)) for v in rect),
                NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
                NameObject("/F"): NumberObject(4),
                NameObject("/Contents"): TextStringObject(title),
                NameObject("/Dest"): ArrayObject([target.indirect_reference, NameObject("/Fit")]),
            })
            ref = add_object(self.writer, annot)
            if "/Annots" not in page:
                page[NameObject("/Annots")] = ArrayObject()
            _resolved(page["/Annots"]).append(ref)
            element = link.get_object()
            kids = _resolved(element.get("/K"))
            kids = kids if isinstance(kids, ArrayObject) else ArrayObject(
                [kids] if kids is not None else [])
            kids.append(DictionaryObject({NameObject("/Type"): NameObject("/OBJR"),
                                          NameObject("/Pg"): page.indirect_reference,
                                          NameObject("/Obj"): ref}))
            element[NameObject("/K")] = kids
            self._entry(annot, "/StructParent", link)

    def _entry(self, holder, field: str, value) -> None:
        holder[NameObject(field)] = NumberObject(self.next_key)
        self.nums += [NumberObject(self.next_key), value]
        self.next_key += 1

    @staticmethod
    def _top_elements(tree) -> list:
        kids = _resolved(tree.get("/K"))
        kids = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
        return [_resolved(k) for k in kids]

    @staticmethod
    def _annotations(src, new) -> dict[int, IndirectObject]:
        """Each source annotation's copy on the pack page, matched in order by subtype and place."""
        src_list = [_resolved(a) for a in (_resolved(src.get("/Annots")) or [])]
        new_list = list(_resolved(new.get("/Annots")) or [])
        found, start = {}, 0
        for a in src_list:
            for j in range(start, len(new_list)):
                b = _resolved(new_list[j])
                if b.get("/Subtype") == a.get("/Subtype") and list(b.get("/Rect", [])) == list(
                        a.get("/Rect", [])):
                    ref = new_list[j] if isinstance(new_list[j], IndirectObject) else b.indirect_reference
                    found[_idnum(a)] = ref
                    start = j + 1
                    break
        return found

    def finish(self) -> None:
        """Write the structure tree root and the catalogue entries of a tagged PDF/UA file."""
        writer = self.writer
        self.document[NameObject("/K")] = self.parts
        tree = DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): self.document_ref,
            NameObject("/ParentTree"): add_object(writer, DictionaryObject(
                {NameObject("/Nums"): self.nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(self.next_key),
        })
        if self.role_map:
            tree[NameObject("/RoleMap")] = self.role_map
        tree_ref = add_object(writer, tree)
        self.document[NameObject("/P")] = tree_ref
        root = document_catalog(writer)
        root[NameObject("/StructTreeRoot")] = tree_ref
        root[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)})
        root[NameObject("/Lang")] = TextStringObject(self.lang)
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
        from briefgen.writers.pdf.struct import XMP

        meta = DecodedStreamObject()
        meta[NameObject("/Type")] = NameObject("/Metadata")
        meta[NameObject("/Subtype")] = NameObject("/XML")
        meta.set_data(XMP.format(title=escape_text(self.title),
                                 lang=escape_text(self.lang)).encode("utf-8"))
        root[NameObject("/Metadata")] = add_object(writer, meta)


class _Copier:
    """Copies one part's structure elements into the pack, mapping pages and annotations."""

    def __init__(self, writer, page_map: dict, annot_map: dict) -> None:
        self.writer = writer
        self.page_map = page_map
        self.annot_map = annot_map
        self.copied: dict[int, IndirectObject] = {}

    def reference(self, src):
        """The pack's reference for a source element (``null`` stays ``null``)."""
        src = _resolved(src)
        if src is None or isinstance(src, NullObject):
            return NullObject()
        return self.copied.get(_idnum(src), NullObject())

    def page(self, src):
        return self.page_map.get(_idnum(src), NullObject())

    def element(self, src, parent_ref) -> IndirectObject:
        """Copy element ``src`` and everything below it; its ``/P`` is ``parent_ref``."""
        new = DictionaryObject()
        ref = add_object(self.writer, new)
        key = _idnum(src)
        if key is not None:
            self.copied[key] = ref
        for name, value in src.items():
            if name == "/P":
                new[NameObject("/P")] = parent_ref
            elif name == "/Pg":
                new[NameObject("/Pg")] = self.page(value)
            elif name == "/K":
                new[NameObject("/K")] = self.kids(value, ref)
            else:
                new[NameObject(name)] = value.clone(self.writer)
        return ref

    def kids(self, value, parent_ref):
        """A ``/K``: elements, MCIDs, marked-content and object references."""
        value = _resolved(value)
        if isinstance(value, ArrayObject):
            return ArrayObject(self.kid(k, parent_ref) for k in value)
        return self.kid(value, parent_ref)

    def kid(self, item, parent_ref):
        resolved = _resolved(item)
        if isinstance(resolved, DictionaryObject):
            kind = resolved.get("/Type")
            if kind == "/MCR" or (kind is None and "/MCID" in resolved and "/S" not in resolved):
                out = DictionaryObject({NameObject(k): v.clone(self.writer)
                                        for k, v in resolved.items() if k != "/Pg"})
                if "/Pg" in resolved:
                    out[NameObject("/Pg")] = self.page(resolved["/Pg"])
                return out
            if kind == "/OBJR":
                out = DictionaryObject({NameObject("/Type"): NameObject("/OBJR")})
                if "/Pg" in resolved:
                    out[NameObject("/Pg")] = self.page(resolved["/Pg"])
                out[NameObject("/Obj")] = self.annot_map.get(_idnum(resolved["/Obj"]), NullObject())
                return out
            return self.element(resolved, parent_ref)
        return resolved.clone(self.writer)
