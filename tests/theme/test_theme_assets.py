"""A theme's values and files, checked whole at load: XML-safe names, decoded images, parsed fonts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from hardening import MINI, assert_refused, cli
from lxml import etree
from PIL import Image

from briefgen.theme.loader import load_theme

VERA = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"


def png(path: Path, **save) -> Path:
    Image.new("RGB", (120, 60), (200, 30, 30)).save(path, **save)
    return path


def test_a_font_name_with_xml_characters_is_escaped_not_injected(tmp_path):
    theme = tmp_path / "theme.yaml"
    theme.write_text('docx_font: \'A&B <x> "q" w:val="1\'\n', encoding="utf-8")
    out = tmp_path / "out"
    run = cli("brief", MINI, "--theme", theme, "-f", "docx", "-o", out)
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(out / "mini-brief.docx") as z:
        styles = etree.fromstring(z.read("word/styles.xml"))  # strict parse
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    ours = [f for f in styles.findall(".//w:rFonts", ns)
            if f.get(f"{{{ns['w']}}}ascii") == 'A&B <x> "q" w:val="1']
    assert ours, "the theme's font name should be there, verbatim"
    assert all(len(f.attrib) == 4 for f in ours)  # no attribute smuggled in
    assert docx.Document(out / "mini-brief.docx").styles["Normal"] is not None


def test_a_control_character_in_a_theme_text_is_refused_with_its_line(tmp_path):
    theme = tmp_path / "theme.yaml"
    theme.write_text('accent: "#112233"\ndocx_font: "A\\x01B"\nbanner: "x\\x1by"\n',
                     encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out),
                   f"{theme}:2: 'docx_font' holds a control, bidi or invisible character or one XML "
                   "cannot hold (U+0001)",
                   f"{theme}:3: 'banner' holds a control, bidi or invisible character or one XML "
                   "cannot hold (U+001B)", out=out)


def test_a_truncated_png_logo_is_refused_when_the_theme_is_loaded(tmp_path):
    data = png(tmp_path / "full.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(data[: len(data) // 2])
    theme = tmp_path / "theme.yaml"
    theme.write_text("logo: logo.png\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out),
                   f"{theme}:1: logo file 'logo.png': the logo cannot be read as an image",
                   out=out)


def test_a_logo_that_is_not_the_image_its_name_says_is_refused(tmp_path):
    Image.new("RGB", (10, 10)).save(tmp_path / "logo.png", format="GIF")
    theme = tmp_path / "theme.yaml"
    theme.write_text("logo: logo.png\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out),
                   "the logo is GIF; use a PNG or JPEG file", out=out)


def test_an_absurd_png_resolution_is_normalised_and_both_formats_build(tmp_path):
    png(tmp_path / "logo.png", dpi=(0.3, 0.3))  # pHYs rounds to 0 dpi: python-docx divided by 0
    theme_file = tmp_path / "theme.yaml"
    theme_file.write_text("logo: logo.png\n", encoding="utf-8")
    theme, _ = load_theme(theme_file)
    assert Path(theme.logo) != tmp_path / "logo.png"
    with Image.open(theme.logo) as im:
        assert im.size == (120, 60) and "dpi" not in im.info
    out = tmp_path / "out"
    run = cli("brief", MINI, "--theme", theme_file, "-o", out)
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(out / "mini-brief.docx") as z:
        assert any(n.startswith("word/media/") for n in z.namelist())


def test_a_normal_logo_is_read_from_where_it_is(tmp_path):
    png(tmp_path / "logo.png", dpi=(300, 300))
    theme_file = tmp_path / "theme.yaml"
    theme_file.write_text("logo: logo.png\n", encoding="utf-8")
    assert Path(load_theme(theme_file)[0].logo) == (tmp_path / "logo.png").resolve()


def test_a_truncated_font_in_the_font_folder_is_refused_with_its_path(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "X-Regular.ttf").write_bytes(VERA.read_bytes())
    (fonts / "X-Bold.ttf").write_bytes(VERA.read_bytes()[:20000])
    theme = tmp_path / "theme.yaml"
    theme.write_text("pdf_font: fonts\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out),
                   f"{theme}:1: font file {fonts / 'X-Bold.ttf'}: not a usable TrueType font",
                   out=out)


def test_a_character_xml_cannot_hold_in_a_theme_text_is_refused(tmp_path):
    theme = tmp_path / "theme.yaml"
    theme.write_text('docx_font: "\\uffff"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out),
                   f"{theme}:1: 'docx_font' holds a control, bidi or invisible character or one XML "
                   "cannot hold (U+FFFF)", out=out)


def test_font_folder_and_logo_names_longer_than_the_file_system_allows(tmp_path):
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"pdf_font: '{'w' * 3000}'\nlogo: '{'x' * 3000}.png'\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out), f"{theme}:1: unknown font",
                   f"{theme}:2: logo file", out=out)
