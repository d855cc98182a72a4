"""Layout regression goldens in the style of rst2pdf's harness: never raw bytes.

For each bundled sheet on A4 and Letter, pdfplumber reads the page count and
the text blocks (words grouped into lines, lines into blocks by vertical gaps,
column and type size); a block is its page, position (x0, top, in points), size and its
word count with its first words. The golden
``tests/sheets/goldens/layout/<sheet>-<paper>.txt`` holds them; positions and
sizes may move by ``TOLERANCE_PT``, word counts and first words must match.

A missing golden fails. After a deliberate change of the look run
``pytest --regen-goldens tests/sheets/test_layout.py``, look at the sheets
(``scripts/gallery.py``) and review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from bundled_sheets import PAPERS, SHEETS
from goldens import regenerating

GOLDENS = Path(__file__).parent / "goldens" / "layout"
TOLERANCE_PT = 3.0
LINE_GAP = 1.6  # a gap above a line of more than this many of its heights starts a block


def blocks_of(pdf_path) -> list[dict]:
    """Text blocks of every page: lines of words, split where the vertical gap is large."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(use_text_flow=True, extra_attrs=["size"])
            lines: list[list[dict]] = []
            for w in words:
                if lines and abs(lines[-1][-1]["top"] - w["top"]) < 2 and \
                        w["x0"] - lines[-1][-1]["x1"] < 12:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            current: list[list[dict]] = []
            for line in lines:
                if current:
                    prev = current[-1]
                    height = prev[0]["bottom"] - prev[0]["top"]
                    gap = line[0]["top"] - prev[0]["bottom"]
                    same_column = abs(line[0]["x0"] - current[0][0]["x0"]) < 40
                    new_size = abs(_size(line) - _size(prev)) > 0.5  # a heading, a note
                    if not same_column or new_size or gap > LINE_GAP * height or gap < -2:
                        out.append(_block(n, current))
                        current = []
                current.append(line)
            if current:
                out.append(_block(n, current))
    return out


def _size(line: list[dict]) -> float:
    """The type size most of a line's words are set in."""
    sizes = sorted(round(w["size"], 1) for w in line)
    return sizes[len(sizes) // 2]


def _block(page: int, lines: list[list[dict]]) -> dict:
    words = [w for line in lines for w in line]
    return {"page": page, "x0": min(w["x0"] for w in words), "top": min(w["top"] for w in words),
            "x1": max(w["x1"] for w in words), "bottom": max(w["bottom"] for w in words),
            "words": len(words), "first": " ".join(w["text"] for w in words[:4])}


def render(pages: int, blocks: list[dict]) -> str:
    rows = [f"pages {pages}"]
    for b in blocks:
        rows.append(f"p{b['page']} {b['x0']:.1f} {b['top']:.1f} {b['x1']:.1f} {b['bottom']:.1f} "
                    f"{b['words']} | {b['first']}")
    return "\n".join(rows) + "\n"


def parse(text: str) -> tuple[int, list[dict]]:
    lines = text.splitlines()
    pages = int(lines[0].split()[1])
    blocks = []
    for line in lines[1:]:
        head, first = line.split(" | ", 1)
        page, x0, top, x1, bottom, words = head.split()
        blocks.append({"page": int(page[1:]), "x0": float(x0), "top": float(top),
                       "x1": float(x1), "bottom": float(bottom), "words": int(words),
                       "first": first})
    return pages, blocks


def check_layout(path: Path, pages: int, blocks: list[dict]) -> None:
    """Compare with the golden within TOLERANCE_PT; rewrite it only when regenerating."""
    if regenerating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(pages, blocks), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"missing golden {path}; run pytest --regen-goldens to create it, then review it")
    want_pages, want = parse(path.read_text(encoding="utf-8"))
    assert pages == want_pages, f"{path.name}: {pages} pages, golden {want_pages}"
    assert len(blocks) == len(want), (
        f"{path.name}: {len(blocks)} blocks, golden {len(want)}\n" + render(pages, blocks))
    for got, exp in zip(blocks, want, strict=True):
        where = f"{path.name}: block {exp['first']!r}"
        assert (got["page"], got["words"], got["first"]) == (exp["page"], exp["words"],
                                                            exp["first"]), where
        for key in ("x0", "top", "x1", "bottom"):
            assert abs(got[key] - exp[key]) <= TOLERANCE_PT, f"{where}: {key} {got[key]:.1f}"


@pytest.mark.parametrize(("name", "paper"), [(n, p) for n in SHEETS for p in PAPERS],
                         ids=[f"{n}-{p}" for n in SHEETS for p in PAPERS])
def test_layout_matches_golden(bundled_pdfs, name, paper):
    result = bundled_pdfs[(name, paper)]
    check_layout(GOLDENS / f"{name}-{paper}.txt", result.pages, blocks_of(result.paths[0]))


def test_layout_check_catches_a_moved_block(tmp_path, monkeypatch):
    import goldens

    monkeypatch.setitem(goldens.REGEN, "flag", False)  # this test checks, even in a regen run
    monkeypatch.delenv("BRIEFGEN_REGEN_GOLDENS", raising=False)
    golden = tmp_path / "x.txt"
    block = {"page": 1, "x0": 10.0, "top": 20.0, "x1": 100.0, "bottom": 30.0, "words": 5,
             "first": "Members: Armenia (1992;"}
    golden.write_text(render(1, [block]), encoding="utf-8")
    check_layout(golden, 1, [dict(block, top=22.5)])  # within the tolerance
    with pytest.raises(AssertionError):
        check_layout(golden, 1, [dict(block, top=26.0)])
    with pytest.raises(AssertionError):
        check_layout(golden, 1, [dict(block, words=6)])
    with pytest.raises(AssertionError):
        check_layout(golden, 2, [block])
