"""Word styles for a brief, built from a :class:`~briefgen.theme.Theme`.

All type, colour and spacing live on named styles (Title, Heading 2, List
Bullet, Quote, Caption, a table style…), never run by run, so a person who
edits the handout in Word gets consistent formatting when they type.

Each style's ``w:pPr``/``w:rPr`` is replaced outright: the python-docx default
template sets theme fonts (``asciiTheme``), which would override our font.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from briefgen.adapters.python_docx import insert_numbering
from briefgen.theme.model import TABLE_SHARE, Theme, mark_size
from briefgen.units import Length
from briefgen.writers.docx.xml import border_xml, hex_color

LINE_1_1 = 264  # line spacing 1.1 in 240ths of a line


@dataclass(frozen=True)
class StyleIds:
    """The style ids the writer applies; a fixed set, so no lookups while writing."""

    title: str = "Title"
    subtitle: str = "Subtitle"
    headings: tuple[str, str, str] = ("Heading1", "Heading2", "Heading3")
    lead: str = "Lead"
    small: str = "Small"
    caption: str = "Caption"
    figure_caption: str = "FigureCaption"
    bullets: tuple[str, str, str] = ("ListBullet", "ListBullet2", "ListBullet3")
    numbers: tuple[str, str, str] = ("ListNumber", "ListNumber2", "ListNumber3")
    list_continue: tuple[str, str, str] = ("ListContinue", "ListContinue2", "ListContinue3")
    quote: str = "Quote"
    attribution: str = "QuoteAttribution"
    box_title: str = "BoxTitle"
    table_text: str = "TableText"
    table_heading: str = "TableHeading"
    source: str = "Source"
    rule: str = "HorizontalRule"
    figure: str = "PictureBlock"  # not "Figure": LibreOffice would take it for its own
    sources_heading: str = "SourcesHeading"
    header: str = "Header"
    footer: str = "Footer"
    hyperlink: str = "Hyperlink"
    citation: str = "CitationNumber"
    code: str = "VerbatimChar"
    table: str = "BriefTable"
    box: str = "BriefBox"
    note: str = "BriefNote"
    layout: str = "BriefLayout"
    banner: str = "Banner"
    as_of: str = "AsOf"


IDS = StyleIds()

# Cell padding of each table style in mm: (left/right, top/bottom). Tables are
# indented by their left padding so their edges line up with the text margins.
TABLE_PADDING_MM = {IDS.table: (1.2, 0.5), IDS.box: (2.5, 1.6), IDS.note: (2.5, 1.2),
                    IDS.layout: (0.0, 0.0)}


def _tw(pt: float) -> int:
    """Points → twentieths of a point (twips), the unit of spacing and indents."""
    return Length.pt(pt).twips


def _hp(pt: float) -> int:
    """Points → half-points, the unit of font sizes (at least 1 pt)."""
    return max(2, Length.pt(pt).half_points)


def _attr(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute (a theme's font name may hold ``&<"``)."""
    from briefgen.writers.escape import escape_attr

    return escape_attr(value)


def _fonts_xml(font: str) -> str:
    """``w:rFonts`` naming ``font`` for every script, its name escaped."""
    f = _attr(font)
    return f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'


def _rpr(font: str, size: float | None = None, *, color: str | None = None, bold: bool = False,
         italic: bool = False, superscript: bool = False, underline: bool = False) -> str:
    parts = []
    if font:
        parts.append(_fonts_xml(font))
    parts.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    parts.append("<w:i/><w:iCs/>" if italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if color:
        parts.append(f'<w:color w:val="{hex_color(color)}"/>')
    if size:
        parts.append(f'<w:sz w:val="{_hp(size)}"/><w:szCs w:val="{_hp(size)}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    if superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    return f'<w:rPr {nsdecls("w")}>{"".join(parts)}</w:rPr>'


def _ppr(*, before: float = 0, after: float = 0, line: int = LINE_1_1, keep_next: bool = False,
         left_mm: float = 0, hanging_mm: float = 0, borders: str = "", align: str = "",
         tabs: str = "", num_pr: str = "", outline: int | None = None) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/><w:keepLines/>")
    parts.append(num_pr)
    if borders:
        parts.append(f"<w:pBdr>{borders}</w:pBdr>")
    if tabs:
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    parts.append(
        f'<w:spacing w:before="{_tw(before)}" w:after="{_tw(after)}" '
        f'w:line="{line}" w:lineRule="auto"/>'
    )
    left, hanging = Length.mm(left_mm).twips, Length.mm(hanging_mm).twips
    if left or hanging:
        parts.append(f'<w:ind w:left="{left}" w:hanging="{hanging}"/>')
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    if outline is not None:  # what navigation panes and tagged-PDF exporters read
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f'<w:pPr {nsdecls("w")}>{"".join(parts)}</w:pPr>'


def _style_el(styles_el, by_id: dict, kind: str, style_id: str, name: str, based_on: str | None):
    """The ``w:style`` element for ``style_id``, created if the template lacks it."""
    el = by_id.get(style_id)
    if el is None:
        based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        el = parse_xml(
            f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="1" '
            f'w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
            f'<w:uiPriority w:val="20"/><w:qFormat/></w:style>'
        )
        styles_el.append(el)
        by_id[style_id] = el
    for tag in ("w:semiHidden", "w:hidden"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    el.find(qn("w:name")).set(qn("w:val"), name)  # the template's own may differ ("Quote")
    return el


def _restyle(el, ppr: str | None, rpr: str | None, extra: str = "") -> None:
    """Replace a style's paragraph and run properties (keeping its list numbering)."""
    num_pr = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    if ppr is not None:
        p = parse_xml(ppr)
        if num_pr is not None:
            insert_numbering(p, num_pr)  # at its schema place: after keepNext/keepLines
        el.append(p)
    if rpr is not None:
        el.append(parse_xml(rpr))
    if extra:
        el.append(parse_xml(extra))


def apply_theme(document, theme: Theme, *, language: str, text_width_twips: int) -> StyleIds:
    """Configure every style the writer uses on ``document`` from an already scaled theme.

    Returns the style ids to apply. ``text_width_twips`` places the header and
    footer tab stops at the centre and right edge of the text block.
    """
    styles_el = document.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in styles_el.findall(qn("w:style"))}
    from briefgen.writers import font_of

    font, t = font_of("docx", theme), theme
    base, small = t.base_size, t.small_size

    # document defaults: font for every script, language, compact spacing
    lang = language.replace("_", "-")
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        styles_el.remove(defaults)
    styles_el.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{_fonts_xml(font)}'
        f'<w:sz w:val="{_hp(base)}"/><w:szCs w:val="{_hp(base)}"/>'
        f'<w:lang w:val="{_attr(lang)}" w:eastAsia="{_attr(lang)}" w:bidi="ar-SA"/>'
        f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        f'<w:spacing w:after="0" w:line="{LINE_1_1}" w:lineRule="auto"/>'
        f'</w:pPr></w:pPrDefault></w:docDefaults>'
    ))

    def para(style_id, name, ppr, rpr, based_on="Normal"):
        el = _style_el(styles_el, by_id, "paragraph", style_id, name, based_on)
        _restyle(el, ppr, rpr)

    def char(style_id, name, rpr):
        el = _style_el(styles_el, by_id, "character", style_id, name, "DefaultParagraphFont")
        _restyle(el, None, rpr)

    after = 3.0 * base / 10  # ~3 pt at 10 pt body text
    accent, muted, text = t.accent, t.muted, t.text
    para("Normal", "Normal", _ppr(after=after), _rpr(font, base, color=text), None)
    para(IDS.title, "Title", _ppr(after=4, line=240, keep_next=True, outline=0,  # rule as in the PDF
                                  borders=border_xml("bottom", t.accent, 12, 2)),
         _rpr(font, t.title_size, color=accent, bold=True))
    para(IDS.subtitle, "Subtitle", _ppr(after=after + 1, line=240, keep_next=True),
         _rpr(font, (base + t.h2_size) / 2, color=muted))
    h1, h2, h3 = IDS.headings
    para(h1, "heading 1", _ppr(before=7, after=2, line=240, keep_next=True, outline=0),
         _rpr(font, t.h2_size * 1.15, color=accent, bold=True))
    para(h2, "heading 2",
         _ppr(before=6, after=2, line=240, keep_next=True, outline=1),  # no rule, as in the PDF
         _rpr(font, t.h2_size, color=accent, bold=True))
    para(h3, "heading 3", _ppr(before=4, after=1, line=240, keep_next=True, outline=2),
         _rpr(font, t.h3_size, color=accent, bold=True))
    # the Sources and a box's title ("Key facts") are level-2 headings, set smaller: styles
    # based on Heading 2, which pandoc (as Word's navigation pane and LibreOffice) reads
    # as a heading; on Normal it read them as body text
    para(IDS.sources_heading, "Sources Heading",
         _ppr(before=4, after=1, line=240, keep_next=True, outline=1),
         _rpr(font, t.h3_size, color=accent, bold=True), based_on=h2)
    para(IDS.lead, "Lead", _ppr(after=after + 1), _rpr(font, base * 1.1, color=text))
    para(IDS.small, "Small", _ppr(after=after / 2), _rpr(font, small, color=muted))
    para(IDS.caption, "caption", _ppr(before=1, after=after + 1, line=240),
         _rpr(font, small, color=muted, italic=True))
    para(IDS.figure_caption, "Figure Caption",
         _ppr(before=1, after=after + 1, line=240, align="center"),
         _rpr(font, small, color=muted, italic=True), based_on=IDS.caption)
    for level, (bullet, number, cont) in enumerate(
        zip(IDS.bullets, IDS.numbers, IDS.list_continue, strict=True), start=1
    ):
        left = 5.0 * level
        item = _ppr(after=1, left_mm=left, hanging_mm=4.5)
        para(bullet, "List Bullet" + (f" {level}" if level > 1 else ""), item, _rpr(font))
        para(number, "List Number" + (f" {level}" if level > 1 else ""), item, _rpr(font))
        para(cont, "List Continue" + (f" {level}" if level > 1 else ""),
             _ppr(after=1, left_mm=left), _rpr(font))
    bar = border_xml("left", accent, 18, 6)
    # "Quotations": LibreOffice's own name for a block quote, which its tagged PDF exports as
    # BlockQuote; a style named "Quote" it role-maps the standard type Quote to P (an error)
    para(IDS.quote, "Quotations", _ppr(before=1, after=1, left_mm=4.5, borders=bar),
         _rpr(font, base, color=text, italic=True))
    para(IDS.attribution, "Quote Attribution",
         _ppr(after=after + 1, left_mm=4.5, borders=bar), _rpr(font, small, color=muted),
         based_on=IDS.quote)
    para(IDS.box_title, "Box Title", _ppr(after=1.5, line=240, keep_next=True, outline=1),
         _rpr(font, base * 1.05, color=accent, bold=True), based_on=h2)
    para(IDS.table_text, "Table Text", _ppr(line=240), _rpr(font, base * TABLE_SHARE, color=text))
    para(IDS.table_heading, "Table Heading", _ppr(line=240, keep_next=True),
         _rpr(font, base * TABLE_SHARE, color=accent, bold=True), based_on=IDS.table_text)
    para(IDS.source, "Source", _ppr(after=0.5, line=240, left_mm=4, hanging_mm=4),
         _rpr(font, small, color=muted))
    para(IDS.rule, "Horizontal Rule",
         _ppr(before=1, after=4, line=240, borders=border_xml("bottom", accent, 6, 1)),
         _rpr(font, 2))
    para(IDS.figure, "Picture Block", _ppr(before=2, after=1, line=240, align="center", keep_next=True),
         _rpr(font))
    width = text_width_twips
    tabs = f'<w:tab w:val="center" w:pos="{width // 2}"/><w:tab w:val="right" w:pos="{width}"/>'
    for sid, name in ((IDS.header, "header"), (IDS.footer, "footer")):
        para(sid, name, _ppr(line=240, tabs=tabs), _rpr(font, small, color=muted))
    para(IDS.banner, "Banner", _ppr(line=240, align="center", before=1, after=1),
         _rpr(font, small * 1.05, color=accent, bold=True))
    # the as-of date under the title, in the body (the header repeats it from page 2 on)
    para(IDS.as_of, "As Of", _ppr(line=240, align="right", after=after),
         _rpr(font, small, color=muted))

    char(IDS.hyperlink, "Hyperlink", _rpr("", color=accent, underline=True))
    # the PDF's size, on the line: LibreOffice draws a raised run (w:position, or a
    # superscript) at 58 % of it, which put marks at 3.8 pt
    char(IDS.citation, "Citation Number", _rpr("", mark_size(base), color=accent))
    char(IDS.code, "Verbatim Char", _rpr("Courier New", base * 0.92))

    grey = "BFBFBF"
    grid = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{grey}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    pad = TABLE_PADDING_MM
    _table_style(styles_el, by_id, IDS.table, "Brief Table", grid, pad[IDS.table])
    _table_style(styles_el, by_id, IDS.box, "Brief Key Facts", "", pad[IDS.box])
    _table_style(styles_el, by_id, IDS.note, "Brief Note", border_xml("left", accent, 18, 0),
                 pad[IDS.note])
    _table_style(styles_el, by_id, IDS.layout, "Brief Columns", "", pad[IDS.layout],
                 right_mm=4.0)
    return IDS


def _table_style(styles_el, by_id, style_id: str, name: str, borders: str,
                 margins_mm: tuple[float, float], right_mm: float | None = None) -> None:
    """A table style with the given borders and cell padding (left/right, top/bottom)."""
    el = _style_el(styles_el, by_id, "table", style_id, name, "TableNormal")
    side, vert = (Length.mm(m).twips for m in margins_mm)
    right = side if right_mm is None else Length.mm(right_mm).twips
    tbl_pr = (
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>'
        f'<w:top w:w="{vert}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
        f'<w:bottom w:w="{vert}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr>"
    )
    _restyle(el, _ppr(line=240), None, tbl_pr)
