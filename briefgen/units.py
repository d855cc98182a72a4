"""Lengths in the units the formats speak: millimetres, points, twips, half-points, EMU.

Modelled on python-docx's ``shared.Length``: one integer type counting English
Metric Units (914,400 per inch), with constructors and read-outs for each unit,
so no writer multiplies by a bare factor such as 56.7 or 635.
"""

from __future__ import annotations

EMU_PER_INCH = 914_400
EMU_PER_MM = 36_000
EMU_PER_PT = 12_700
EMU_PER_TWIP = 635


class Length(int):
    """A length in EMU; build it with :meth:`mm`, :meth:`pt` or :meth:`twips`."""

    @classmethod
    def mm(cls, value: float) -> Length:
        """A length of ``value`` millimetres."""
        return cls(round(value * EMU_PER_MM))

    @classmethod
    def pt(cls, value: float) -> Length:
        """A length of ``value`` points (1/72 inch)."""
        return cls(round(value * EMU_PER_PT))

    @classmethod
    def from_twips(cls, value: float) -> Length:
        """A length of ``value`` twips (1/20 point, WordprocessingML's page unit)."""
        return cls(round(value * EMU_PER_TWIP))

    @property
    def emu(self) -> int:
        """The length in EMU (DrawingML's unit)."""
        return int(self)

    @property
    def twips(self) -> int:
        """The length in whole twips, rounded."""
        return round(self / EMU_PER_TWIP)

    @property
    def half_points(self) -> int:
        """The length in whole half-points (WordprocessingML's font-size unit), rounded."""
        return round(2 * self / EMU_PER_PT)
