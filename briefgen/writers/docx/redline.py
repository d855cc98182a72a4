"""Tracked changes between two DOCX files of the same sheet: the redline handout.

Both files come from this writer, so they share styles and structure; only
their text differs. The new file's body, header and footer are walked beside
the old one's: paragraphs and table rows are aligned by their text, and
within a paragraph the words that changed become ``w:del`` (old text, as
``w:delText``) and ``w:ins`` (new text), each with the author and date of the
revision. A paragraph or row that is new or gone is marked so as a whole.
Accepting every change in Word or LibreOffice gives the new file's text.

Only the XML parts are edited (with lxml, as python-docx itself does); the
rest of the new package is kept as written.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import re
import zipfile

from lxml import etree

from briefgen.writers.docx.tracked import Element, Marks, W, mark_whole, mark_words, plain

PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def redline_docx(old: bytes, new: bytes, author: str, when: dt.datetime) -> bytes:
    """The new DOCX with tracked changes from the old one (both from this writer)."""
    from briefgen.reproducible import zip_bytes

    marks = Marks(author, when)
    with zipfile.ZipFile(io.BytesIO(old)) as zold, zipfile.ZipFile(io.BytesIO(new)) as znew:
        old_names = set(zold.namelist())
        entries = []
        for info in znew.infolist():
            data = znew.read(info)
            if PARTS.fullmatch(info.filename) and info.filename in old_names:
                data = _redline_part(zold.read(info.filename), data, marks)
            entries.append((info.filename, data))
    first = dt.datetime(*znew.infolist()[0].date_time, tzinfo=dt.timezone.utc)
    return zip_bytes(entries, first)


def _redline_part(old_xml: bytes, new_xml: bytes, marks: Marks) -> bytes:
    old_root = etree.fromstring(old_xml)
    new_root = etree.fromstring(new_xml)
    old_box = old_root.find(W + "body") if old_root.tag == W + "document" else old_root
    new_box = new_root.find(W + "body") if new_root.tag == W + "document" else new_root
    if old_box is None or new_box is None:
        return new_xml
    _container(old_box, new_box, marks)
    return etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---- aligning blocks ------------------------------------------------------

def _text(el: Element) -> str:
    """An element's visible text (runs' text, tabs and no-break hyphens)."""
    parts = []
    for node in el.iter(W + "t", W + "tab", W + "noBreakHyphen", W + "delText"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "noBreakHyphen":
            parts.append("\u2011")
    return "".join(parts)


def _blocks(box: Element) -> list[Element]:
    return [c for c in box if c.tag in (W + "p", W + "tbl")]


def _container(old_box: Element, new_box: Element, marks: Marks) -> None:
    """Mark the changes from the old container's paragraphs and tables to the new one's."""
    olds, news = _blocks(old_box), _blocks(new_box)
    keys_old = [(b.tag, _text(b)) for b in olds]
    keys_new = [(b.tag, _text(b)) for b in news]
    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        steps = _align(olds[i1:i2], news[j1:j2])
        following = news[j2] if j2 < len(news) else None
        for n, (old, new) in enumerate(steps):
            if old is not None and new is not None:
                if new.tag == W + "p":
                    _paragraph(old, new, marks)
                else:
                    _table(old, new, marks)
            elif new is not None:
                _inserted_block(new, marks)
            else:
                anchor = next((s[1] for s in steps[n + 1:] if s[1] is not None), following)
                _place_deleted(new_box, anchor, _deleted_block(old, marks))


ALIKE = 0.4
"""How alike (difflib ratio) two paragraphs must be to be marked word by word."""


def _align(a: list, b: list) -> list[tuple]:
    """Old and new blocks of a changed stretch in reading order: pairs, and ones gone or new.

    The most alike pair of the same kind is matched first, then the blocks
    before it and after it, as difflib's ndiff does with lines.
    """
    best, where = ALIKE, None
    for i, old in enumerate(a):
        for j, new in enumerate(b):
            if old.tag != new.tag or not _same_shape(old, new):
                continue
            ratio = difflib.SequenceMatcher(None, _text(old), _text(new), autojunk=False).ratio()
            if old.tag != W + "p":
                ratio += 1.0  # a table (a row) of the same shape is the same table (row)
            if ratio > best:
                best, where = ratio, (i, j)
    if where is None:
        return [(old, None) for old in a] + [(None, new) for new in b]
    i, j = where
    return _align(a[:i], b[:j]) + [(a[i], b[j])] + _align(a[i + 1:], b[j + 1:])


def _same_shape(old: Element, new: Element) -> bool:
    """Paragraphs always; tables with as many columns, rows with as many cells."""
    if old.tag == W + "tbl":
        path = W + "tblGrid/" + W + "gridCol"
    elif old.tag == W + "tr":
        path = W + "tc"
    else:
        return True
    return len(old.findall(path)) == len(new.findall(path))


def _place_deleted(box: Element, anchor, element: Element) -> None:
    if anchor is not None:
        anchor.addprevious(element)
        return
    last = box[-1] if len(box) else None
    if last is not None and last.tag == W + "sectPr":  # the body's section stays last
        last.addprevious(element)
    else:
        box.append(element)


def _table(old: Element, new: Element, marks: Marks) -> None:
    rows_old, rows_new = old.findall(W + "tr"), new.findall(W + "tr")
    matcher = difflib.SequenceMatcher(None, [_text(r) for r in rows_old],
                                      [_text(r) for r in rows_new], autojunk=False)
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        steps = _align(rows_old[i1:i2], rows_new[j1:j2])
        following = rows_new[j2] if j2 < len(rows_new) else None
        for n, (old_row, new_row) in enumerate(steps):
            if old_row is not None and new_row is not None:
                for co, cn in zip(old_row.findall(W + "tc"), new_row.findall(W + "tc"),
                                  strict=True):
                    _container(co, cn, marks)
            elif new_row is not None:
                _mark_row(new_row, "ins", marks)
            else:
                anchor = next((s[1] for s in steps[n + 1:] if s[1] is not None), following)
                row = _deleted_row(old_row, marks)
                if anchor is not None:
                    anchor.addprevious(row)
                else:
                    new.append(row)


# ---- whole blocks new or gone ---------------------------------------------

def _inserted_block(block: Element, marks: Marks) -> None:
    if block.tag == W + "tbl":
        for row in block.findall(W + "tr"):
            _mark_row(row, "ins", marks)
        return
    mark_whole(block, "ins", marks)


def _deleted_block(block: Element, marks: Marks) -> Element:
    block = copy.deepcopy(block)
    if block.tag == W + "tbl":
        for row in block.findall(W + "tr"):
            _mark_row(row, "del", marks)
        return block
    mark_whole(block, "del", marks)
    return block


def _deleted_row(row: Element, marks: Marks) -> Element:
    row = copy.deepcopy(row)
    _mark_row(row, "del", marks)
    return row


def _mark_row(row: Element, kind: str, marks: Marks) -> None:
    """Mark a table row and everything in it as inserted or deleted."""
    tr_pr = row.find(W + "trPr")
    if tr_pr is None:  # the schema wants a row property before the mark: the default one
        tr_pr = etree.Element(W + "trPr")
        etree.SubElement(tr_pr, W + "cantSplit").set(W + "val", "off")
        row.insert(_after(row, ("tblPrEx",)), tr_pr)
    tr_pr.append(marks.make(kind))
    for p in row.iter(W + "p"):
        mark_whole(p, kind, marks)


def _after(parent: Element, names: tuple[str, ...]) -> int:
    """The index just after the leading children named ``names``."""
    index = 0
    while index < len(parent) and parent[index].tag in {W + n for n in names}:
        index += 1
    return index


def _paragraph(old: Element, new: Element, marks: Marks) -> None:
    """Mark the words that changed between two versions of a paragraph."""
    if not (plain(old) and plain(new)):  # a field or a bookmark: the paragraph as a whole
        new.addprevious(_deleted_block(old, marks))
        mark_whole(new, "ins", marks)
        return
    mark_words(old, new, marks)
