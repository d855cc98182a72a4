"""The structure tree's own dictionary and array formatting writes reportlab's bytes.

``briefgen.writers.pdf.struct`` formats the tree's dictionaries and arrays itself
(reportlab's general formatter was most of the tree's cost); every value kind the
tree uses, and the ones it hands back to reportlab, must come out exactly as
reportlab's ``PDFDictionary``/``PDFArray`` write them.
"""

from __future__ import annotations

import random

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFString,
)

from briefgen.writers.pdf.struct import _Array, _Dict


def _random_value(rng, doc, refs, depth=0, fast=True):
    kind = rng.randrange(8 if depth < 2 else 5)
    if kind == 0:
        return rng.choice([0, 1, 7, 42, 1234, 10**7])
    if kind == 1:
        return rng.choice(refs)
    if kind == 2:
        return PDFName(rng.choice(["P", "Span", "H1", "StructElem", "MCR", "Link", "Table"]))
    if kind == 3:
        return rng.choice(["null", "true"])
    if kind == 4:
        return PDFString(rng.choice(["en", "ru", "Figure: a map", "Карта"]))
    if kind == 5:
        n = rng.randint(0, 25)
        items = [_random_value(rng, doc, refs, depth + 1, fast) for _ in range(n)]
        return (_Array if fast else PDFArray)(items)
    keys = rng.sample(["Type", "S", "P", "Pg", "K", "Alt", "Lang", "A", "MCID", "Obj", "Nums",
                       "Zeta", "Alpha"], rng.randint(0, 9))
    values = {k: _random_value(rng, doc, refs, depth + 1, fast) for k in keys}
    return (_Dict if fast else PDFDictionary)(values)


def test_same_bytes_as_reportlab():
    doc = PDFDocument(invariant=1)
    refs = [doc.Reference(PDFDictionary({"N": i})) for i in range(30)]
    for seed in range(400):
        fast = _random_value(random.Random(seed), doc, refs, fast=True)
        plain = _random_value(random.Random(seed), doc, refs, fast=False)
        from reportlab.pdfbase.pdfdoc import format as pdf_format

        assert pdf_format(fast, doc) == pdf_format(plain, doc), seed


def test_long_dictionaries_and_arrays_break_lines_as_reportlab_does():
    doc = PDFDocument(invariant=1)
    d = {k: i for i, k in enumerate("ABCDEFGHIJKLMN")}
    assert _Dict(d).format(doc) == PDFDictionary(d).format(doc)
    assert b"\n " in _Dict(d).format(doc)
    seq = list(range(37))
    assert _Array(seq).format(doc) == PDFArray(seq).format(doc)
