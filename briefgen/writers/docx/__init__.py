"""The DOCX writer (python-docx): the document body, styles and the raw WordprocessingML helpers."""
