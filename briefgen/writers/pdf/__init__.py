"""The PDF writer (reportlab): the document and page template, block flowables, styles and fonts."""
