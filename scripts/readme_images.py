"""Make the README's pictures from the bundled facts: real briefs, rendered to PNG.

Run from the repository root: ``python scripts/readme_images.py``. Needs
poppler's ``pdftoppm``. Writes the default CSTO brief, the same brief with a
course theme (another accent colour, a logo, a banner), the CSTO-NATO
comparison, the CSTO membership timeline and the example logo itself (drawn
here with Pillow, so every run gives the same bytes).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from briefgen.sheets.brief import make_brief
from briefgen.sheets.comparison import make_comparison
from briefgen.theme.loader import load_theme
from briefgen.theme.model import PageSetup

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
EXAMPLE_THEME = """\
# A course theme: the README's themed example (scripts/readme_images.py).
name: training course
accent: "#7A1F3D"
accent_light: "#F3E3E8"
banner: For training use only
header_text: "Course 101 · Regional security"
logo: example-logo.png
"""


def example_logo(path: Path) -> Path:
    """A made-up course logo: a white diamond on a burgundy tile and two bars."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (600, 240), "#FFFFFF")
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((10, 10, 230, 230), 30, fill="#7A1F3D")
    d.polygon([(120, 40), (200, 120), (120, 200), (40, 120)], fill="#FFFFFF")
    d.rectangle((260, 70, 590, 110), fill="#7A1F3D")
    d.rectangle((260, 130, 520, 160), fill="#B0607A")
    im.save(path, format="PNG", optimize=False, compress_level=9)
    return path


def _png(pdf: Path, name: str) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(IMAGES / name)],
                   check=True)
    return IMAGES / f"{name}.png"


def main() -> None:
    """Render the CSTO brief (default and themed), the comparison and the timeline sheet."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    example_logo(IMAGES / "example-logo.png")
    theme_file = IMAGES / "example.theme.yaml"
    theme_file.write_text(EXAMPLE_THEME, encoding="utf-8")
    theme, size = load_theme(theme_file)
    with tempfile.TemporaryDirectory() as tmp:
        plain = make_brief(ROOT / "facts" / "csto.yaml", formats=("pdf",), output=Path(tmp))
        print(_png(plain.paths[0], "csto-brief"))
        themed = make_brief(ROOT / "facts" / "csto.yaml", formats=("pdf",),
                            output=Path(tmp) / "themed", setup=PageSetup(size=size or "a4"),
                            theme=theme)
        print(_png(themed.paths[0], "themed-brief"))
        compared = make_comparison([ROOT / "facts" / "csto.yaml", ROOT / "facts" / "nato.yaml"],
                                   formats=("pdf",), output=Path(tmp) / "compare")
        print(_png(compared.paths[0], "csto-vs-nato"))
        timeline = make_brief(ROOT / "facts" / "csto.yaml", template="timeline", formats=("pdf",),
                              output=Path(tmp) / "timeline")
        print(_png(timeline.paths[0], "csto-timeline"))


if __name__ == "__main__":
    main()
