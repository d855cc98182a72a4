"""The PDF writer (reportlab): the document and page template, block flowables, styles and fonts."""

from briefgen.lazy_patterns import import_deferring_wide_patterns

import_deferring_wide_patterns("reportlab.platypus.paragraph")  # before any module below imports it
