"""Read a tagged PDF's structure with pypdf (an independent reader), for the accessibility tests."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

PAINT = {b"Tj", b"TJ", b"'", b'"', b"f", b"f*", b"F", b"S", b"s", b"B", b"B*", b"b", b"b*",
         b"Do", b"sh", b"INLINE IMAGE"}


def obj(o):
    """``o`` resolved if it is an indirect reference."""
    return o.get_object() if isinstance(o, IndirectObject) else o


def ref_id(o) -> int | None:
    """The object number of ``o`` (a reference or a resolved indirect object)."""
    if isinstance(o, IndirectObject):
        return o.idnum
    ref = getattr(o, "indirect_reference", None)
    return ref.idnum if ref is not None else None


def kids(el) -> list:
    """An element's ``/K`` as a list of resolved items (elements, MCIDs, MCR/OBJR dicts)."""
    k = el.get("/K")
    if k is None:
        return []
    k = obj(k)
    return [obj(x) for x in k] if isinstance(k, ArrayObject) else [k]


def elements(el) -> list:
    """The structure-element children of ``el``."""
    return [k for k in kids(el) if isinstance(k, DictionaryObject) and "/S" in k]


def walk(el):
    """``el`` and every descendant element in reading order."""
    yield el
    for k in elements(el):
        yield from walk(k)


def role(el) -> str:
    """The structure type without its slash: ``"H1"``."""
    return str(el["/S"])[1:]


def struct_root(reader: PdfReader):
    """The document's top structure element (the single kid of the StructTreeRoot)."""
    tree = obj(reader.trailer["/Root"])["/StructTreeRoot"]
    (doc,) = [k for k in kids(obj(tree))]
    return doc


def tag_tree(reader: PdfReader) -> str:
    """The tree of structure types, indented; runs of identical siblings shown once with ×n.

    ``Span`` (the text around links inside a paragraph) is left out.
    """

    def render(el, depth: int) -> list[str]:
        lines = ["  " * depth + role(el)]
        children = [render(k, depth + 1) for k in elements(el) if role(k) != "Span"]
        i = 0
        while i < len(children):
            j = i
            while j + 1 < len(children) and children[j + 1] == children[i]:
                j += 1
            block = list(children[i])
            if j > i:
                block[0] += f" ×{j - i + 1}"
            lines += block
            i = j + 1
        return lines

    return "\n".join(render(struct_root(reader), 0)) + "\n"


def marked_content(reader: PdfReader, page_index: int) -> tuple[list[int], list[str]]:
    """(MCIDs in paint order, problems) of one page's content stream.

    Problems: a painting operator outside marked content, an MCID inside
    other marked content, unbalanced BDC/EMC.
    """
    page = reader.pages[page_index]
    ops = ContentStream(page.get_contents(), reader).operations
    stack: list[bool] = []
    mcids, problems = [], []
    for operands, op in ops:
        if op in (b"BDC", b"BMC"):
            props = obj(operands[1]) if op == b"BDC" else None
            has_mcid = isinstance(props, DictionaryObject) and "/MCID" in props
            if has_mcid and stack:
                problems.append(f"MCID {props['/MCID']} nested in marked content")
            if has_mcid:
                mcids.append(int(props["/MCID"]))
            stack.append(has_mcid)
        elif op == b"EMC":
            if not stack:
                problems.append("EMC without BDC")
            else:
                stack.pop()
        elif op in PAINT and not stack:
            problems.append(f"unmarked {op.decode()} on page {page_index + 1}")
    if stack:
        problems.append("marked content left open at the end of the page")
    return mcids, problems


def parent_tree(reader: PdfReader) -> dict[int, object]:
    """The ParentTree as {key: value} (a flat /Nums array, as briefgen writes it)."""
    tree = obj(obj(obj(reader.trailer["/Root"])["/StructTreeRoot"])["/ParentTree"])
    assert "/Kids" not in tree, "briefgen writes a flat ParentTree"
    nums = list(obj(tree["/Nums"]))
    return {int(k): obj(v) for k, v in zip(nums[::2], nums[1::2], strict=True)}


def owns_mcid(el, page_id: int, mcid: int) -> bool:
    """Whether element ``el`` lists marked content ``mcid`` of the page with object number ``page_id``."""
    el_page = ref_id(el.get("/Pg")) if "/Pg" in el else None
    for k in kids(el):
        if isinstance(k, int) and not isinstance(k, bool) and k == mcid and el_page == page_id:
            return True
        if isinstance(k, DictionaryObject) and k.get("/Type") == "/MCR" and int(k["/MCID"]) == mcid:
            pg = ref_id(k["/Pg"]) if "/Pg" in k else el_page
            if pg == page_id:
                return True
    return False


def text_of_heading_levels(reader: PdfReader) -> list[int]:
    """The levels of the H1–H6 elements in reading order."""
    return [int(role(e)[1]) for e in walk(struct_root(reader))
            if role(e) in {f"H{i}" for i in range(1, 7)}]


def marking_problems(reader: PdfReader) -> list[str]:
    """What is wrong with the marked content of every page: painting outside marked
    content, nested or repeated MCIDs, a ParentTree entry that does not name the element
    owning each MCID (or is not null for an MCID dropped with an empty sequence)."""
    from pypdf.generic import NullObject

    tree = parent_tree(reader)
    found = []
    for i, page in enumerate(reader.pages):
        mcids, problems = marked_content(reader, i)
        found += problems[:5]
        if len(mcids) != len(set(mcids)):
            found.append(f"page {i + 1}: an MCID used twice")
        owners = tree[int(page["/StructParents"])]
        page_id = ref_id(page.indirect_reference)
        if len(owners) != max(mcids, default=-1) + 1:
            found.append(f"page {i + 1}: {len(owners)} owners for MCIDs up to {max(mcids)}")
        for n, owner in enumerate(owners):
            if n in mcids and not (isinstance(obj(owner), DictionaryObject)
                                   and owns_mcid(obj(owner), page_id, n)):
                found.append(f"page {i + 1} MCID {n}: the ParentTree names another element")
            elif n not in mcids and not isinstance(obj(owner), NullObject):
                found.append(f"page {i + 1} MCID {n}: not drawn but owned")
    return found
