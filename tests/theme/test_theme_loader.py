"""Theme files: clear errors naming file and line, and one theme driving both writers."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from briefgen.errors import InputError, PageOverflowError
from briefgen.sheets.brief import make_brief
from briefgen.theme.loader import load_theme
from briefgen.theme.model import PageSetup


def _logo(path):
    im = Image.new("RGB", (300, 100), "#FFFFFF")
    im.paste((122, 31, 61), (10, 10, 90, 90))
    im.save(path)
    return path


def _theme(tmp_path, text):
    path = tmp_path / "course.theme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, words", [
    ("name: x\nlogo: missing.png\n", 2, "logo file 'missing.png' not found"),
    ("name: x\n\npdf_font: comic-sans\n", 3, "unknown font 'comic-sans'"),
    ("accent: '#1F4E79'\ntext: navy\n", 2, "'navy' is not a colour"),
    ("colour: '#000000'\n", 1, "unknown key 'colour'"),
])
def test_theme_errors_name_the_file_and_line(tmp_path, text, line, words):
    path = _theme(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_theme(path)
    message = "\n".join(info.value.lines())
    assert f"course.theme.yaml:{line}:" in message
    assert words in message


def test_every_theme_problem_is_reported_in_one_run(tmp_path):
    path = _theme(tmp_path, "accent: navy\nlogo: missing.png\npdf_font: comic-sans\nsize: 3\n")
    with pytest.raises(InputError) as info:
        load_theme(path)
    lines = info.value.lines()
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in lines] == ["1", "2", "3", "4"]
    assert "not a colour" in lines[0] and "'missing.png' not found" in lines[1]
    assert "unknown font 'comic-sans'" in lines[2] and "unknown key 'size'" in lines[3]


def test_cli_reports_a_bad_theme_with_exit_1(tmp_path):
    from click.testing import CliRunner

    from briefgen.cli import cli

    path = _theme(tmp_path, "accent: blue\n")
    result = CliRunner().invoke(cli, ["brief", "nato", "--theme", str(path), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "course.theme.yaml:1:" in result.stderr and "not a colour" in result.stderr


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("themed")
    _logo(tmp / "logo.png")
    path = _theme(tmp, "accent: '#7A1F3D'\nbanner: For training use only\nlogo: logo.png\n"
                       "header_text: Course 101\nfooter_text: Made for Course 101\n"
                       "docx_font: Georgia\nmargin_mm: 18\npage_size: letter\n")
    theme, size = load_theme(path)
    result = make_brief("facts/nato.yaml", "brief", ("pdf", "docx"), tmp / "out",
                        PageSetup(size=size), theme)
    return result


def test_themed_pdf_has_logo_banner_top_and_bottom_header_footer_and_page_size(themed):
    page = PdfReader(themed.paths[0]).pages[0]
    assert [round(float(v)) for v in page.mediabox[2:]] == [612, 792]  # letter
    text = page.extract_text()
    assert text.count("FOR TRAINING USE ONLY") == 2
    assert "Course 101" in text and "Made for Course 101" in text
    assert len(list(page.images)) == 1  # the logo
    accent = b".478431 .121569 .239216"  # #7A1F3D as reportlab writes it
    assert accent in page.get_contents().get_data()


def test_themed_docx_has_logo_banner_font_and_margins(themed):
    with zipfile.ZipFile(themed.paths[1]) as z:
        body = z.read("word/document.xml").decode()
        headers = "".join(z.read(n).decode() for n in z.namelist()
                          if n.startswith("word/header") or n.startswith("word/footer"))
        styles = z.read("word/styles.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    # the header and footer of later pages and the first page's footer; the first page's
    # header leaves it to the body, which says it once (docs/accessibility.md)
    assert headers.count("FOR TRAINING USE ONLY") == 3 and body.count("FOR TRAINING USE ONLY") == 1
    assert "Course 101" in headers
    assert len(media) == 1 and 'descr=""' in body and "adec:decorative" in body  # decoration
    assert 'w:ascii="Georgia"' in styles and "7A1F3D" in styles
    assert 'w:left="1020"' in body and 'w:w="12240"' in body  # 18 mm margins, letter width


LONG = """# A sheet of about one and a half pages
{% for i in range(24) %}

Paragraph {{ i }}: {{ facts.summary.value }}
{% endfor %}
"""


def test_pages_n_fits_or_refuses_on_n_pages(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "long.md.j2").write_text(LONG, encoding="utf-8")
    dirs = [tmp_path / "t"]
    with pytest.raises(PageOverflowError, match="does not fit on 1 page"):
        make_brief("facts/nato.yaml", "long", ("pdf",), tmp_path, PageSetup(pages=1),
                   template_dirs=dirs)
    result = make_brief("facts/nato.yaml", "long", ("pdf", "docx"), tmp_path,
                        PageSetup(pages=2), template_dirs=dirs)
    assert result.pages == 2
    assert len(PdfReader(result.paths[0]).pages) == 2
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                        str(tmp_path / "lo"), str(result.paths[1])], check=True,
                       capture_output=True, timeout=120)
        pdf = (tmp_path / "lo" / "nato-long.pdf").read_bytes()
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_accent_alone_brings_a_matching_light_fill(tmp_path):
    theme, _ = load_theme(_theme(tmp_path, "accent: '#7A1F2B'\n"))
    assert theme.accent == "#7A1F2B"
    assert theme.accent_light == "#EBDDDF"  # 15 % of the accent on white, not the default blue
    theme, _ = load_theme(_theme(tmp_path, "accent: '#7A1F2B'\naccent_light: '#FFFFFF'\n"))
    assert theme.accent_light == "#FFFFFF"
