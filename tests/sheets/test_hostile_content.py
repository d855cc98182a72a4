"""Characters that break naive code, from facts and from templates, in both writers.

Fact text reaches the page as literal text (markup, Jinja, XML specials);
control characters and bidi overrides are removed with a warning; a character
the PDF font lacks prints as U+FFFD with a warning while the DOCX keeps it;
very long words and cells wrap or break instead of crashing reportlab.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document as DocxDocument
from lxml import etree
from pypdf import PdfReader

from briefgen.cli import cli

HEAD = """\
id: h
title: Hostile Content
as_of: 2026-11-01
sources:
  - id: s1
    title: A source
    url: https://example.org/s1
facts:
"""
TEMPLATE = """\
# Hostile content

{% for k in facts.keys() %}
{% if k != "cell" %}
{{ facts[k] }}

{% endif %}
{% endfor %}
{% if "cell" in facts %}
| Dimension | Value |
|---|---|
| cell | {{ facts.cell }} |
{% endif %}

::: sources
:::
"""


def facts_file(tmp_path: Path, values: dict[str, str]) -> Path:
    """A facts file whose facts carry ``values``, written by the YAML dumper (escaped)."""
    facts = {"facts": {k: {"value": v, "sources": ["s1"]} for k, v in values.items()}}
    body = yaml.safe_dump(facts, allow_unicode=False, sort_keys=False, width=1_000_000)
    path = tmp_path / "hostile.yaml"
    path.write_text(HEAD.removesuffix("facts:\n") + body, encoding="utf-8")
    return path


def run(tmp_path: Path, values: dict[str, str], template: str = TEMPLATE):
    tpl = tmp_path / "show.md.j2"
    tpl.write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["brief", str(facts_file(tmp_path, values)), "-t", str(tpl),
                                      "-o", str(out)], catch_exceptions=False)
    assert "Traceback" not in result.stderr
    return result, out


def pdf_text(out: Path) -> str:
    reader = PdfReader(out / "h-show.pdf")
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def docx_text(out: Path) -> str:
    doc = DocxDocument(str(out / "h-show.docx"))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


def assert_valid_docx_xml(out: Path) -> None:
    """Every XML part parses with a strict parser (no XML-illegal characters)."""
    with zipfile.ZipFile(out / "h-show.docx") as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name), etree.XMLParser(recover=False))


MARKUP = ("<b>bold?</b> & &amp; \"quoted\" 'single' a<b>c 5 > 4 **stars** _under_ "
          "[link](https://x.org) # not-a-heading | pipe | `code` {{ jinja }} {% if x %} "
          "[^1] \\ backslash ::: keyfacts <!-- c --> <script>x</script>")


def test_markup_xml_and_jinja_in_facts_print_as_themselves(tmp_path):
    result, out = run(tmp_path, {"markup": MARKUP, "cell": "<td>&nbsp;</td> | a | **b**"})
    assert result.exit_code == 0, result.stderr
    assert MARKUP in pdf_text(out)
    assert "<td>&nbsp;</td> | a | **b**" in pdf_text(out)
    text = docx_text(out)
    assert MARKUP in text and "<td>&nbsp;</td> | a | **b**" in text
    assert_valid_docx_xml(out)


def test_control_characters_and_bidi_overrides_in_facts_are_removed_with_a_warning(tmp_path):
    values = {"ctrl": "bell\x07tab\tesc\x1bdel\x7fnul-free", "bidi": "abc\u202edef\u2066ghi"}
    result, out = run(tmp_path, values)
    assert result.exit_code == 0, result.stderr
    # BG180, with the file and line (the same warning `check` gives)
    assert ":10: 'facts.ctrl.value' holds U+0007, U+001B, U+007F" in result.stderr
    assert "'facts.bidi.value' holds U+202E, U+2066" in result.stderr
    for text in (pdf_text(out), docx_text(out)):
        assert "belltab escdelnul-free" in text and "abcdefghi" in text
    assert_valid_docx_xml(out)


def test_zero_width_and_rtl_marks_are_kept(tmp_path):
    value = "Zero\u200bwidth join\u200d and \u200fRLM\u200e and \u2060word-joiner"
    result, out = run(tmp_path, {"marks": value})
    assert result.exit_code == 0, result.stderr
    assert "removed control characters" not in result.stderr and "BG180" not in result.stderr
    assert "holds U+" not in result.stderr
    assert value in docx_text(out)
    assert_valid_docx_xml(out)


def test_emoji_and_cjk_pdf_placeholder_with_warning_docx_keeps_them(tmp_path):
    value = "Emoji 😀🇷🇺 and CJK 中文 and Arabic عربي and Greek Ελλάδα"
    result, out = run(tmp_path, {"scripts": value})
    assert result.exit_code == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "cannot draw" in line]
    assert warning and "'中' (U+4E2D)" in warning[0] and "(U+1F600)" in warning[0], result.stderr
    text = pdf_text(out)
    assert "\ufffd" in text and "Greek Ελλάδα" in text  # never a silently missing glyph
    assert "中" not in text
    assert value in docx_text(out)  # Word picks a fallback font: the text itself is kept


@pytest.mark.parametrize("values", [
    pytest.param({"word": "x" * 5000}, id="5000-char-word"),
    pytest.param({"url": "https://example.org/" + "a/" * 1500}, id="3000-char-url"),
    pytest.param({"short": "fine", "cell": "y" * 2000}, id="2000-char-cell-one-word"),
    pytest.param({"short": "fine", "cell": "words and more " * 134}, id="2000-char-cell"),
])
def test_very_long_words_and_cells_wrap_or_refuse_never_crash(tmp_path, values):
    result, out = run(tmp_path, values)
    assert result.exit_code in (0, 3), result.stderr
    if result.exit_code == 3:  # too long for one page: a clear message, nothing written
        assert "does not fit" in result.stderr or "fit" in result.stderr
        assert not out.exists()
        return
    assert len(PdfReader(out / "h-show.pdf").pages) == 1
    longest = max(values.values(), key=len)
    assert "".join(pdf_text(out).split()).count(longest[:200].replace(" ", "")) >= 1
    assert "".join(longest.split()) in "".join(docx_text(out).split())


CONTROL_TEMPLATE = ("# Written by the template\n\nbell \x07 vt \x0b ff \x0c esc \x1b del \x7f "
                    "nul \x00 end \u202e reversed\n\n| a | b\x01 |\n|---|---|\n| c\x02 | d |\n")


def test_control_characters_written_by_the_template_do_not_break_either_writer(tmp_path):
    """Template text skips the fact cleaner; the DOCX writer must still write valid XML."""
    result, out = run(tmp_path, {"short": "fine"}, CONTROL_TEMPLATE)
    assert result.exit_code == 0, result.stderr
    assert_valid_docx_xml(out)
    assert "bell" in docx_text(out) and "end" in docx_text(out)
    assert "bell" in pdf_text(out) and "end" in pdf_text(out)
