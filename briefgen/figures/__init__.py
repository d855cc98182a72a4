"""Figures drawn from facts (e.g. a membership timeline).

A figure is a small, format-neutral model (:mod:`.model`: boxes, lines and
texts in millimetres, colours named by theme role) built from facts
(:mod:`.timeline`) and drawn twice by :mod:`.render`: as a reportlab
``Drawing`` (vector, for the PDF) and as a 300-dpi PNG with Pillow (for the
DOCX), both in the theme's colours and with the same Noto Sans metrics.
Nothing here is imported until a template draws a figure.
"""
