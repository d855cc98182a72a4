"""Reading tracked changes as Word's "Accept all" / "Reject all" would, from the XML alone.

Independent of the redline writer: a deleted run (``w:del``) goes, an inserted
one (``w:ins``) stays unwrapped; a paragraph whose mark is deleted merges into
the next one; a row marked deleted goes. Rejecting swaps the roles.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def resolve(xml: bytes, accept: bool = True) -> etree._Element:
    """The part's XML with every change accepted (or rejected)."""
    root = etree.fromstring(xml)
    gone, kept = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
    for row in list(root.iter(W + "tr")):
        marks = row.find(W + "trPr")
        if marks is not None and marks.find(gone) is not None:
            row.getparent().remove(row)
    for p in list(root.iter(W + "p")):
        mark = p.find(f"{W}pPr/{W}rPr/{gone}")
        if mark is not None:
            following = p.getnext()
            content = [c for c in p if c.tag != W + "pPr"]
            if following is not None and following.tag == W + "p":
                anchor = following.find(W + "pPr")
                for c in reversed(content):
                    if anchor is not None:
                        anchor.addnext(c)
                    else:
                        following.insert(0, c)
            p.getparent().remove(p)
    for el in list(root.iter(gone)):
        el.getparent().remove(el)
    for el in list(root.iter(kept)):
        parent = el.getparent()
        if parent.tag in (W + "rPr", W + "trPr"):
            parent.remove(el)
            continue
        index = parent.index(el)
        for c in reversed(list(el)):
            parent.insert(index, c)
        parent.remove(el)
    if not accept:
        for t in list(root.iter(W + "delText")):
            t.tag = W + "t"
    return root


def text_of(el: etree._Element) -> str:
    """The visible text under ``el``: text, deleted text, tabs and no-break hyphens."""
    parts = []
    for node in el.iter(W + "t", W + "tab", W + "noBreakHyphen", W + "delText"):
        parts.append({W + "tab": "\t", W + "noBreakHyphen": "\u2011"}.get(node.tag, node.text or ""))
    return "".join(parts)


def paragraphs(root: etree._Element) -> list[str]:
    """Every paragraph's text in document order (runs, links, fields; tabs as \\t)."""
    out = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter(W + "t", W + "tab", W + "noBreakHyphen", W + "delText"):
            parts.append({W + "t": node.text or "", W + "tab": "\t",
                          W + "noBreakHyphen": "\u2011"}.get(node.tag, node.text or ""))
        out.append("".join(parts))
    return out


def part_texts(docx: bytes, accept: bool | None = True) -> dict[str, list[str]]:
    """Paragraph texts of the body, headers and footers; changes resolved unless ``None``."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.rsplit("/", 1)[-1].startswith(
                    ("document", "header", "footer")) and name.endswith(".xml"):
                xml = z.read(name)
                root = etree.fromstring(xml) if accept is None else resolve(xml, accept)
                out[name] = paragraphs(root)
    return out
