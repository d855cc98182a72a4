"""Bounded work for sheets that are refused: limits checked up front, layout stopped early."""

from __future__ import annotations

import pytest
from hardening import DATA, MINI, assert_refused, cli

from briefgen.errors import PageOverflowError
from briefgen.sheets.brief import make_brief
from briefgen.theme.model import PageSetup
from briefgen.writers.pdf import document as pdf_document
from briefgen.writers.pdf.bounds import MAX_PAGES, PAGE_FACTOR


def template(tmp_path, body: str, name: str = "t.md.j2"):
    path = tmp_path / name
    path.write_text("# {{ facts.name }}\n\n" + body, encoding="utf-8")
    return path


MANY_PARAGRAPHS = ("{% for i in range(3000) %}\nParagraph {{ i }} with words enough to fill "
                   "most of a line of the page.\n\n{% endfor %}\n")


@pytest.fixture
def pages_begun(monkeypatch):
    """Count the pages every PDF build starts (the work done), whatever the clock says."""
    count = {"pages": 0, "builds": 0}
    real = pdf_document._BriefTemplate.handle_pageBegin

    def counting(self):
        count["pages"] += 1
        return real(self)

    real_build = pdf_document.build_pdf

    def counting_build(*args, **kw):
        count["builds"] += 1
        return real_build(*args, **kw)

    monkeypatch.setattr(pdf_document._BriefTemplate, "handle_pageBegin", counting)
    monkeypatch.setattr(pdf_document, "build_pdf", counting_build)
    return count


@pytest.mark.parametrize("pages", [1, 3])
def test_a_sheet_far_too_long_stops_laying_out_after_a_few_pages(tmp_path, pages_begun, pages):
    tpl = template(tmp_path, MANY_PARAGRAPHS)
    with pytest.raises(PageOverflowError, match=f"does not fit on {pages} page.* even at the "
                       "smallest type"):
        make_brief(MINI, str(tpl), output=tmp_path / "out", setup=PageSetup(pages=pages))
    # refused by the measure at the smallest type: a story that measures too tall is never built
    assert pages_begun["builds"] == 0
    assert pages_begun["pages"] == 0
    assert not (tmp_path / "out").exists()


def test_allow_overflow_lays_out_at_most_max_pages(tmp_path, pages_begun):
    tpl = template(tmp_path, MANY_PARAGRAPHS.replace("3000", "9000"))
    with pytest.raises(PageOverflowError, match=f"runs past {MAX_PAGES} pages"):
        make_brief(MINI, str(tpl), output=tmp_path / "out",
                   setup=PageSetup(allow_overflow=True))
    assert pages_begun["pages"] <= MAX_PAGES + 1


def test_a_long_sheet_within_the_limit_still_builds_with_allow_overflow(tmp_path):
    tpl = template(tmp_path, MANY_PARAGRAPHS.replace("3000", "400"))
    result = make_brief(MINI, str(tpl), output=tmp_path / "out", formats=("pdf",),
                        setup=PageSetup(allow_overflow=True))
    assert result.pages > PAGE_FACTOR


def test_a_table_of_300_columns_is_refused_before_layout(tmp_path):
    cols = 300
    body = ("| " + " | ".join(f"c{i}" for i in range(cols)) + " |\n|" + "---|" * cols + "\n| "
            + " | ".join("x" for _ in range(cols)) + " |\n")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "-t", template(tmp_path, body), "-o", out),
                   "has a table of 300 columns; at most 16 fit a page", out=out)


def test_columns_nested_fifty_deep_are_refused(tmp_path):
    lines, colons = [], 3 + 2 * 50
    for _ in range(50):
        lines += [":" * colons + " columns", ":" * (colons - 1) + " column", "left",
                  ":" * (colons - 1), ":" * (colons - 1) + " column"]
        colons -= 2
    lines.append("deep")
    for _ in range(50):
        colons += 2
        lines += [":" * (colons - 1), ":" * colons]
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "-t", template(tmp_path, "\n".join(lines) + "\n"),
                       "-o", out), "nests columns, boxes, quotes or lists more than 6 deep",
                   out=out)


def test_too_wide_columns_are_an_overflow_not_a_crash(tmp_path):
    cols = 16  # within the limit, but too many for a portrait page with padding
    body = ("| " + " | ".join("Header text " * 3 for _ in range(cols)) + " |\n|" + "---|" * cols
            + "\n| " + " | ".join("cell" for _ in range(cols)) + " |\n")
    body = ("::::: columns\n" + "".join(":::: column\n" + body + "::::\n" for _ in range(8))
            + ":::::\n")
    out = tmp_path / "out"
    run = cli("brief", MINI, "-t", template(tmp_path, body), "-o", out)
    assert run.code in (0, 3), run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr


def mini_copies(tmp_path, n: int) -> list:
    """``n`` copies of the mini facts file, each its own organisation (ids m0, m1, …)."""
    files = []
    for i in range(n):
        path = tmp_path / f"m{i}.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", f"id: m{i}"),
                        encoding="utf-8")
        files.append(path)
    return files


def test_compare_with_20_facts_files_is_refused_with_the_limit(tmp_path):
    files = mini_copies(tmp_path, 20)
    out = tmp_path / "out"
    assert_refused(cli("compare", *files, "--spec", DATA / "spec.yaml", "-o", out),
                   "a comparison of 20 facts files is refused: at most 12", out=out)


def test_compare_with_12_facts_files_builds(tmp_path):
    files = mini_copies(tmp_path, 12)
    run = cli("compare", *files, "--spec", DATA / "spec.yaml", "-o", tmp_path / "out")
    assert run.code == 0, run.stderr


@pytest.mark.parametrize("what, text, message", [
    ("list", "".join(f"      - {{name: L{i}, joined: 1992-05-15}}\n" for i in range(1001)),
     "a list of 1,00"),
    ("value", "      " + "word " * 4100 + "\n", "characters; at most 20,000 are read"),
])
def test_facts_past_the_item_and_length_limits_are_refused_with_the_line(tmp_path, what, text,
                                                                       message):
    base = MINI.read_text(encoding="utf-8")
    if what == "list":
        facts = base.replace("      - {name: Alphaland, joined: 1992-05-15}\n", text)
    else:
        facts = base.replace("      The Mini Test Alliance is a fictional alliance of three "
                             "states that\n", text)
    assert facts != base
    path = tmp_path / "f.yaml"
    path.write_text(facts, encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", path, "-o", out), f"{path}:", message, out=out)


def test_reportlabs_negative_width_error_becomes_an_overflow_the_fallback_can_catch():
    from briefgen.sheets.overflow import explain
    from briefgen.writers.pdf.bounds import layout_errors

    with pytest.raises(PageOverflowError) as caught:
        with layout_errors(PageSetup(), 1.0):
            raise ValueError("<Table> flowable given negative availWidth=-1.4 width=12")
    assert caught.value.reason == "width"  # the writer names the bound; the sheet words it
    worded = explain(caught.value, None, PageSetup(), None)
    assert "negative width" in str(worded) and "compare fewer organisations" in str(worded)
    with pytest.raises(ValueError, match="something else"):
        with layout_errors(PageSetup(), 1.0):
            raise ValueError("something else")


@pytest.mark.parametrize("body", ["*" * 5000 + "x" + "*" * 5000, "> " * 2000 + "deep",
                                  "".join("  " * i + "- item\n" for i in range(300))])
def test_markup_nested_thousands_deep_is_refused_not_a_recursion_crash(tmp_path, body):
    out = tmp_path / "out"
    run = cli("brief", MINI, "-t", template(tmp_path, body + "\n"), "-o", out)
    assert_refused(run, out=out)
    assert "deep" in run.stderr


def test_a_table_of_201_rows_is_refused_before_layout(tmp_path):
    body = "| a | b |\n|---|---|\n" + "| x | y |\n" * 201
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "-t", template(tmp_path, body), "-o", out),
                   "has a table of 201 rows; at most 200 are laid out", out=out)
