"""Word tracked changes inside paragraphs: ``w:ins`` and ``w:del`` runs, word by word.

A paragraph's runs are cut into atoms (a word, a space, a punctuation mark, a
tab or a no-break hyphen, each with its run's look and its link), grouped into
the words a reader sees, and compared with difflib; the paragraph is rebuilt
from the kept, inserted and deleted atoms. Used by :mod:`.redline`.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WORDS = re.compile(r"\s+|\w+|[^\w\s]")
Element = etree.ElementBase
"""What the annotations call an lxml element (the parser returns its base class)."""


class Marks:
    """Makes ``w:ins``/``w:del`` elements, numbering them across the document."""

    def __init__(self, author: str, when: dt.datetime):
        self.author = author
        self.date = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 9000

    def make(self, kind: str) -> Element:
        """A new ``w:ins`` or ``w:del`` (``kind``) with the next id, the author and the date."""
        mark = etree.Element(W + kind)
        mark.set(W + "id", str(self.next_id))
        mark.set(W + "author", self.author)
        mark.set(W + "date", self.date)
        self.next_id += 1
        return mark


def mark_whole(p: Element, kind: str, marks: Marks) -> None:
    """Mark a whole paragraph (its runs and its mark) as inserted or deleted."""
    atoms = _atoms(p)
    _rebuild(p, [(kind, atom) for atom in atoms], marks)
    p_pr = p.find(W + "pPr")
    if p_pr is None:
        p_pr = etree.Element(W + "pPr")
        p.insert(0, p_pr)
    if kind == "del":
        for sect in p_pr.findall(W + "sectPr"):  # a gone paragraph ends no section
            p_pr.remove(sect)
    r_pr = p_pr.find(W + "rPr")
    if r_pr is None:
        r_pr = etree.Element(W + "rPr")
        sect = p_pr.find(W + "sectPr")
        if sect is not None:
            sect.addprevious(r_pr)
        else:
            p_pr.append(r_pr)
    r_pr.insert(0, marks.make(kind))



class _Atom:
    """A word, a space or another piece of a run, with the run's look and its link."""

    __slots__ = ("link", "r_pr", "node", "token")

    def __init__(self, link, r_pr, node, token: str):
        self.link = link      # the w:hyperlink it sits in, or None
        self.r_pr = r_pr      # the run's w:rPr, or None
        self.node = node      # None for text, else the run child (tab, hyphen, drawing …)
        self.token = token


def _atoms(p: Element) -> list[_Atom]:
    atoms = []
    for child in p:
        if child.tag == W + "r":
            atoms += _run_atoms(child, None)
        elif child.tag == W + "hyperlink":
            for run in child.findall(W + "r"):
                atoms += _run_atoms(run, child)
    return atoms


def _run_atoms(run: Element, link) -> list[_Atom]:
    r_pr = run.find(W + "rPr")
    out = []
    for node in run:
        if node.tag == W + "rPr":
            continue
        if node.tag in (W + "t", W + "delText"):
            out += [_Atom(link, r_pr, None, w) for w in WORDS.findall(node.text or "")]
        else:
            out.append(_Atom(link, r_pr, node, etree.tostring(node).decode()))
    return out


def mark_words(old: Element, new: Element, marks: Marks) -> None:
    """Mark, in ``new``, the words that differ from ``old`` (paragraphs of runs and links)."""
    a, b = _words(_atoms(old)), _words(_atoms(new))
    matcher = difflib.SequenceMatcher(None, [tuple(x.token for x in w) for w in a],
                                      [tuple(x.token for x in w) for w in b], autojunk=False)
    states: list[tuple[str, _Atom]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            states += [("", x) for w in b[j1:j2] for x in w]
            continue
        states += [("del", x) for w in a[i1:i2] for x in w]
        states += [("ins", x) for w in b[j1:j2] for x in w]
    _rebuild(new, states, marks)


def _words(atoms: list[_Atom]) -> list[list[_Atom]]:
    """Atoms grouped into the words a reader sees: a date or a compound joined by hyphens is one."""
    words: list[list[_Atom]] = []
    for atom in atoms:
        last = words[-1] if words else None
        if last is not None and (
                (_glue(atom) and _alnum(last[-1]))
                or (_alnum(atom) and _glue(last[-1]) and len(last) > 1)):
            last.append(atom)
        else:
            words.append([atom])
    return words


def _glue(atom: _Atom) -> bool:
    return atom.token in ("-", "\u2011") or (atom.node is not None
                                              and atom.node.tag == W + "noBreakHyphen")


def _alnum(atom: _Atom) -> bool:
    return atom.node is None and atom.token[:1].isalnum()


def plain(p: Element) -> bool:
    """Whether a paragraph holds only runs and links (what :func:`mark_words` rebuilds)."""
    return all(c.tag in (W + "pPr", W + "r", W + "hyperlink") for c in p) and all(
        c.tag == W + "r" for link in p.findall(W + "hyperlink") for c in link)


def _rebuild(p: Element, states: list[tuple[str, _Atom]], marks: Marks) -> None:
    """Replace the paragraph's runs by runs built from ``states`` (kept, inserted, deleted)."""
    for child in list(p):
        if child.tag in (W + "r", W + "hyperlink"):
            p.remove(child)
    groups: list[tuple[str, object, list[_Atom], bytes]] = []
    for state, atom in states:
        link = atom.link if state != "del" else None  # a deleted word need not stay a link
        key_rpr = etree.tostring(atom.r_pr) if atom.r_pr is not None else b""
        if groups and groups[-1][0] == state and groups[-1][1] is link and \
                groups[-1][3] == key_rpr:
            groups[-1][2].append(atom)
        else:
            groups.append((state, link, [atom], key_rpr))
    current_link, link_copy = None, None
    for state, link, atoms, _ in groups:
        run = _run(atoms, state == "del")
        holder = p
        if link is not None:
            if link is not current_link:
                link_copy = copy.copy(link)
                for c in list(link_copy):
                    link_copy.remove(c)
                p.append(link_copy)
                current_link = link
            holder = link_copy
        else:
            current_link = None
        if state:
            mark = marks.make(state)
            mark.append(run)
            holder.append(mark)
        else:
            holder.append(run)


def _run(atoms: list[_Atom], deleted: bool) -> Element:
    run = etree.Element(W + "r")
    if atoms[0].r_pr is not None:
        run.append(copy.deepcopy(atoms[0].r_pr))
    text_tag = W + ("delText" if deleted else "t")
    pending: list[str] = []

    def flush() -> None:
        if pending:
            t = etree.SubElement(run, text_tag)
            t.text = "".join(pending)
            t.set(XML_SPACE, "preserve")
            pending.clear()

    for atom in atoms:
        if atom.node is None:
            pending.append(atom.token)
        else:
            flush()
            run.append(copy.deepcopy(atom.node))
    flush()
    return run
