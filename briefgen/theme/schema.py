"""The theme-file schema: what a theme file may set (pydantic).

Read by :func:`briefgen.theme.loader.load_theme` only when a theme file is
given, so a brief in the default look never imports pydantic for it. Described
for people in ``docs/themes.md``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.inputs.validation import COLOUR
from briefgen.theme.model import PAGE_SIZES_MM

FONT_FOLDER_KEYS = ("pdf_font",)
"""The ``<format>_font`` keys naming a font the writer embeds: a bundled family's name
(``BUNDLED_FONTS`` in :mod:`briefgen.theme.loader`) or a folder of .ttf files beside the
theme file. Other ``_font`` keys name a font the reader's program has (Word's)."""


class ThemeFile(BaseModel):
    """What a theme file may set. Sizes in points, margins in millimetres."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, description="the theme's name")
    description: str | None = Field(default=None, description="one line: what the theme looks like")
    pdf_font: str | None = Field(default=None, description="notosans, firago, ubuntu, or a folder "
                                 "of .ttf files (Regular, Bold, Italic, BoldItalic)")
    docx_font: str | None = Field(default=None, description="a font Word and LibreOffice have")
    base_size: float | None = Field(default=None, ge=7, le=14, description="body text, points")
    min_scale: float | None = Field(default=None, ge=0.6, le=1.0,
                                    description="smallest type scale the one-page fit may use")
    title_size: float | None = Field(default=None, ge=10, le=40, description="title, points")
    h2_size: float | None = Field(default=None, ge=8, le=24, description="section heads, points")
    h3_size: float | None = Field(default=None, ge=7, le=20, description="sub-heads, points")
    small_size: float | None = Field(default=None, ge=5, le=12,
                                     description="sources and notes, points")
    margin_mm: float | None = Field(default=None, ge=5, le=40, description="page margin, mm")
    accent: str | None = Field(default=None, pattern=COLOUR,
                               description="headings and rules, #RRGGBB (quote it in YAML)")
    accent_light: str | None = Field(default=None, pattern=COLOUR,
                                     description="table header and key-facts fill, #RRGGBB")
    mark_fill: str | None = Field(default=None, pattern=COLOUR,
                                  description="rows marked as differing, #RRGGBB")
    text: str | None = Field(default=None, pattern=COLOUR, description="body text, #RRGGBB")
    muted: str | None = Field(default=None, pattern=COLOUR,
                              description="header, footer and notes, #RRGGBB")
    header_text: str | None = Field(default=None, description="text at the top of each page")
    footer_text: str | None = Field(default=None, description="text at the foot of each page")
    banner: str | None = Field(default=None, description="a band above the title, e.g. a "
                               "classification or course name")
    logo: str | None = Field(default=None, description="a PNG or JPEG file, relative to the theme")
    page_size: str | None = Field(default=None, description="a4 or letter")
    author: str | None = Field(default=None, description="document author in PDF/DOCX metadata")

    @field_validator("page_size")
    @classmethod
    def _known_size(cls, v: str | None) -> str | None:
        if v is not None and v.lower() not in PAGE_SIZES_MM:
            raise ValueError(f"page_size must be one of {', '.join(PAGE_SIZES_MM)}")
        return v.lower() if v else v
