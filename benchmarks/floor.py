"""The FLOOR: the least code that writes the same brief straight with reportlab and python-docx.

No templates, no Markdown, no document tree, no atomic writes: read the
facts YAML, build a flat list of blocks (heading, paragraph, bullets, quote,
sources) and hand them to reportlab platypus (the same embedded Noto Sans TTF
family, its TTF bytes from briefgen's cache, parsed by reportlab's ``TTFont``
as a straight script would; ``--briefgen-fonts`` registers them through
briefgen instead, parsed faces from its cache) and to python-docx.

Like the sheet it is compared with, the floor writes ONE A4 page in both
formats: the PDF's story goes into reportlab's own one-page fit,
``KeepInFrame(mode="shrink")`` (it wraps the story, and when it is too tall
wraps it again narrower and draws it scaled down), and the DOCX is set at that
same scale (less a little headroom, as briefgen's DOCX: LibreOffice and Word set
text a little looser than reportlab), in compact styles (8.5 pt Arial, tight
spacing, 16/18 mm margins) instead of python-docx's roomy default template,
so LibreOffice lays it out on one page (``tests/benchmarks`` checks both page
counts). The same blocks are also
written as Markdown (for pandoc) and HTML (for WeasyPrint), so every peer in
the benchmark sets the same content. ``--deferred-patterns`` imports PyYAML and
reportlab as briefgen does, their costly wide patterns compiled on first use
(:mod:`briefgen.lazy_patterns`): the benchmark's info row of what that is worth.

    python benchmarks/floor.py FACTS.yaml [...] -o OUT [-j 2] [--list FILES.txt]
"""

from __future__ import annotations

import argparse
import html
import io
import sys
from pathlib import Path
from xml.sax.saxutils import escape

if "--deferred-patterns" in sys.argv:  # before PyYAML and reportlab are first imported
    from briefgen.lazy_patterns import import_deferring_wide_patterns

    for _library in ("yaml", "reportlab.platypus.paragraph"):
        import_deferring_wide_patterns(_library)

import yaml  # noqa: E402

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------- content


def blocks_of(data: dict) -> list[tuple[str, object]]:
    """The brief's content as (kind, payload) blocks, in the order the brief template prints it."""
    facts = data["facts"]
    cited: list[str] = []

    def cite(fact: dict) -> str:
        nums = []
        for sid in fact.get("sources") or ():
            if sid not in cited:
                cited.append(sid)
            nums.append(cited.index(sid) + 1)
        return f" [{', '.join(map(str, nums))}]" if nums else ""

    def val(key: str) -> str:
        f = facts[key]
        return f"{' '.join(str(f['value']).split())}{cite(f)}"

    out: list[tuple[str, object]] = []
    name = facts["name"]["value"]
    if "abbreviation" in facts:
        name += f" ({facts['abbreviation']['value']})"
    out.append(("h1", name))
    if data.get("subtitle"):
        out.append(("lead", data["subtitle"]))
    out.append(("p", val("summary")))
    keyfacts = []
    for key in ("native_name", "founding_treaty", "treaty_in_force", "charter", "headquarters",
                "secretary_general"):
        if key in facts:
            keyfacts.append((facts[key].get("label") or key, val(key)))
    if "members" in facts:
        m = facts["members"]
        keyfacts.append((m.get("label") or "Members", f"{len(m['items'])}{cite(m)}"))
    out.append(("h3", "Key facts"))
    out.append(("ul", [f"{k}: {v}" for k, v in keyfacts]))
    if "defence_clause" in facts:
        dc = facts["defence_clause"]
        for para in str(dc["value"]).split("\n\n"):
            if para.strip():
                out.append(("quote", " ".join(para.split())))
        out.append(("quote", f"— {dc.get('label', '')}{cite(dc)}"))
    if "defence_clause_obligation" in facts:
        out.append(("h2", "What the clause obliges"))
        out.append(("p", val("defence_clause_obligation")))
    if "members" in facts:
        out.append(("h2", "Membership"))
        for key, title in (("members", "Members"), ("former_members", "Former members")):
            if key in facts:
                items = facts[key]["items"]
                names = ", ".join(f"{i.get('name')} ({str(i.get('joined', ''))[:4]})" for i in items)
                out.append(("p", f"{title}: {names}{cite(facts[key])}"))
    if "decision_making" in facts:
        out.append(("h2", "How decisions are taken"))
        out.append(("p", val("decision_making")))
        for key in ("forces", "exercises"):
            if key in facts:
                f = facts[key]
                text = "; ".join(f"{i.get('name')}: {i.get('text', '')}" for i in f["items"])
                out.append(("p", f"{f.get('label', key)}: {text}{cite(f)}"))
    for key in ("invocations", "criticisms"):
        if key in facts:
            f = facts[key]
            out.append(("h2", f.get("label") or key))
            out.append(("ul", [f"{i.get('date') or i.get('name')}: "
                               f"{i.get('text') or i.get('outcome') or i.get('name')}"
                               f"{cite(i) or cite(f)}" for i in f["items"]]))
    sources = {s["id"]: s for s in data["sources"]}
    out.append(("h3", "Sources"))
    out.append(("ol", [f"{sources[s]['title']}. {sources[s].get('publisher') or ''}. {sources[s]['url']}"
                       for s in cited if s in sources]))
    return out


def load(path: Path | str) -> list[tuple[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return blocks_of(yaml.load(fh, Loader=_Loader))


# ---------------------------------------------------------------- PDF (reportlab)

_STYLES = None


BRIEFGEN_FONTS = False
"""With ``--briefgen-fonts``: register through briefgen (its disk cache of parsed faces)."""


def _register_fonts():
    """The Noto Sans family: parsed by reportlab's TTFont, as a straight script does.

    The TTF bytes come unpacked from briefgen's cache (as any script would keep
    an unpacked TTF on disk); the parse is reportlab's, every process. With
    ``BRIEFGEN_FONTS`` the family is registered by briefgen, parsed faces from its cache.
    """
    from briefgen.writers.fonts import register_family

    if BRIEFGEN_FONTS:
        return register_family("notosans")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from briefgen.bundled import bundled_font
    from briefgen.writers.fonts import FontFamily

    names = {}
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        names[face] = f"floor-{face}"
        pdfmetrics.registerFont(TTFont(names[face], io.BytesIO(bundled_font("NotoSans", face))))
    fam = FontFamily("floor", names["Regular"], names["Bold"], names["Italic"], names["BoldItalic"])
    pdfmetrics.registerFontFamily(fam.name, normal=fam.regular, bold=fam.bold, italic=fam.italic,
                                  boldItalic=fam.bold_italic)
    return fam


def _styles():
    global _STYLES
    if _STYLES is None:
        from reportlab.lib.styles import ParagraphStyle

        fam = _register_fonts()
        base = ParagraphStyle("body", fontName=fam.regular, fontSize=8.5, leading=11, spaceAfter=3)
        _STYLES = {
            "p": base,
            "lead": ParagraphStyle("lead", base, fontName=fam.italic, fontSize=11, leading=14),
            "h1": ParagraphStyle("h1", base, fontName=fam.bold, fontSize=15, leading=18, spaceAfter=5),
            "h2": ParagraphStyle("h2", base, fontName=fam.bold, fontSize=11, leading=14, spaceBefore=5),
            "h3": ParagraphStyle("h3", base, fontName=fam.bold, fontSize=10.5, leading=13),
            "quote": ParagraphStyle("quote", base, fontName=fam.italic, leftIndent=14),
            "li": ParagraphStyle("li", base, spaceAfter=1),
            "src": ParagraphStyle("src", base, fontSize=7, leading=8.5, spaceAfter=0.5),
        }
    return _STYLES


PAGE_MM = (210, 297)
MARGINS_MM = (18, 16)  # left and right, top and bottom
HEADROOM = 0.04
"""How much smaller the DOCX's type is than the PDF's when the PDF had to shrink."""


def pdf_bytes(blocks) -> bytes:
    """The one-page PDF of ``blocks``."""
    return pdf_and_scale(blocks)[0]


def pdf_and_scale(blocks) -> tuple[bytes, float]:
    """The one-page PDF of ``blocks`` and the scale its story was drawn at (1.0 or less)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    st = _styles()
    story = []
    for kind, payload in blocks:
        if kind in ("ul", "ol"):
            style = st["src"] if kind == "ol" else st["li"]
            story.append(ListFlowable(
                [ListItem(Paragraph(escape(t), style)) for t in payload],
                bulletType="1" if kind == "ol" else "bullet", start=None if kind == "ol" else "•",
                bulletFontName=style.fontName, bulletFontSize=style.fontSize, leftIndent=12))
        else:
            story.append(Paragraph(escape(payload), st[kind]))
    buf = io.BytesIO()
    side, top = MARGINS_MM[0] * mm, MARGINS_MM[1] * mm
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=side, rightMargin=side,
                            topMargin=top, bottomMargin=top, title=str(blocks[0][1]))
    # The frame's padding (6 pt each side) is taken from the room, as the frame does.
    width, height = doc.width - 12, doc.height - 12
    page = KeepInFrame(width, height, story, mode="shrink")
    doc.build([page])
    return buf.getvalue(), _drawn_scale(story, width, height)


def _drawn_scale(story, width: float, height: float) -> float:
    """The scale KeepInFrame drew ``story`` at: the ratio of the room to what it took.

    After the build each flowable keeps its last wrap (at the width divided by the
    scale); their stacked height over the frame's height is the scale, as in
    ``KeepInFrame.wrap`` (read from the public wrap results, not its private state).
    """
    taken_w = max((getattr(f, "width", 0) or 0) for f in story) or width
    used = sum(getattr(f, "height", 0) + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    return min(1.0, width / max(taken_w, width), height / used if used else 1.0)


# ---------------------------------------------------------------- DOCX (python-docx)


# (style, size pt, line pt, space before pt, space after pt): the PDF's sizes, per DOCX style
DOCX_STYLES = (("Normal", 8.5, 11, 0, 3), ("Title", 15, 18, 0, 5), ("Heading 1", 11, 14, 5, 3),
               ("Heading 2", 10.5, 13, 0, 3), ("List Bullet", 8.5, 11, 0, 1),
               ("List Number", 7, 8.5, 0, 0.5), ("Quote", 8.5, 11, 0, 3))


def docx_bytes(blocks, scale: float | None = None) -> bytes:
    """The DOCX of ``blocks`` on one page: compact styles at ``scale`` (default: the PDF's)."""
    import docx
    from docx.shared import Mm, Pt

    if scale is None:
        scale = pdf_and_scale(blocks)[1]
    if scale < 1.0:
        scale -= HEADROOM
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    sec.left_margin = sec.right_margin = Mm(MARGINS_MM[0])
    sec.top_margin = sec.bottom_margin = Mm(MARGINS_MM[1])
    for name, size, line, before, after in DOCX_STYLES:
        style = d.styles[name]
        style.font.name, style.font.size = "Arial", Pt(size * scale)
        fmt = style.paragraph_format
        fmt.line_spacing, fmt.space_before, fmt.space_after = (
            Pt(line * scale), Pt(before * scale), Pt(after * scale))
    d.styles["Quote"].paragraph_format.left_indent = Pt(14)
    for kind, payload in blocks:
        if kind == "h1":
            d.add_heading(payload, level=0)
        elif kind in ("h2", "h3"):
            d.add_heading(payload, level=int(kind[1]) - 1)
        elif kind in ("ul", "ol"):
            for t in payload:
                d.add_paragraph(t, style="List Bullet" if kind == "ul" else "List Number")
        elif kind == "quote":
            d.add_paragraph(payload, style="Quote")
        elif kind == "lead":
            d.add_paragraph().add_run(payload).italic = True
        else:
            d.add_paragraph(payload)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- Markdown and HTML (peers)


def markdown_text(blocks) -> str:
    out = []
    for kind, payload in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append("#" * int(kind[1]) + " " + payload)
        elif kind == "ul":
            out.append("\n".join(f"- {t}" for t in payload))
        elif kind == "ol":
            out.append("\n".join(f"{n}. {t}" for n, t in enumerate(payload, 1)))
        elif kind == "quote":
            out.append(f"> {payload}")
        else:
            out.append(payload)
    return "\n\n".join(out) + "\n"


def html_text(blocks) -> str:
    body = []
    for kind, payload in blocks:
        if kind in ("ul", "ol"):
            body.append(f"<{kind}>" + "".join(f"<li>{html.escape(t)}</li>" for t in payload)
                        + f"</{kind}>")
        elif kind == "quote":
            body.append(f"<blockquote>{html.escape(payload)}</blockquote>")
        elif kind == "lead":
            body.append(f"<p class=lead>{html.escape(payload)}</p>")
        else:
            tag = kind if kind.startswith("h") else "p"
            body.append(f"<{tag}>{html.escape(payload)}</{tag}>")
    css = ("@page{size:A4;margin:16mm 18mm}body{font-family:'Noto Sans',sans-serif;font-size:9.5pt;"
           "line-height:1.3}h1{font-size:17pt}h2{font-size:12pt}h3{font-size:10.5pt}"
           ".lead{font-style:italic;font-size:11pt}ol{font-size:7.5pt}")
    return (f"<!doctype html><html lang=en><meta charset=utf-8><style>{css}</style>"
            f"<body>{''.join(body)}</body></html>")


# ---------------------------------------------------------------- one pair, many pairs


def write_pair(path: str | Path, out: str | Path) -> None:
    """Write ``out/<stem>.pdf`` and ``.docx`` for one facts file."""
    blocks = load(path)
    stem = Path(path).stem
    pdf, scale = pdf_and_scale(blocks)
    Path(out, f"{stem}.pdf").write_bytes(pdf)
    Path(out, f"{stem}.docx").write_bytes(docx_bytes(blocks, scale))


def _job(args: tuple[str, str]) -> None:
    write_pair(*args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("facts", nargs="*")
    ap.add_argument("-o", "--output", default="out")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--list", help="a file naming one facts file per line")
    ap.add_argument("--briefgen-fonts", action="store_true",
                    help="register the fonts through briefgen (its cache of parsed faces)")
    ap.add_argument("--deferred-patterns", action="store_true",
                    help="import PyYAML and reportlab with their wide patterns deferred, as briefgen does")
    a = ap.parse_args(argv)
    global BRIEFGEN_FONTS
    BRIEFGEN_FONTS = a.briefgen_fonts
    files = list(a.facts)
    if a.list:
        files += [ln.strip() for ln in Path(a.list).read_text().splitlines() if ln.strip()]
    Path(a.output).mkdir(parents=True, exist_ok=True)
    jobs = [(f, a.output) for f in files]
    if a.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(a.jobs) as pool:
            for _ in pool.imap_unordered(_job, jobs, chunksize=8):
                pass
    else:
        for job in jobs:
            _job(job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
