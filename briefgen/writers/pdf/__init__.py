"""The PDF writer (reportlab): the document and page template, block flowables, styles and fonts."""

from briefgen.writers.pdf.lazy_patterns import import_platypus

import_platypus()  # before any module below imports reportlab.platypus
