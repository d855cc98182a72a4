"""Make the README's pictures from the bundled facts: real briefs, rendered to PNG.

Run from the repository root: ``python scripts/readme_images.py``. Needs
poppler's ``pdftoppm``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from briefgen.build import make_brief

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


def main() -> None:
    """Render page 1 of the CSTO brief to docs/images/csto-brief.png."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        result = make_brief(ROOT / "facts" / "csto.yaml", formats=("pdf",), output=Path(tmp))
        pdf = result.paths[0]
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(IMAGES / "csto-brief")], check=True)
    print(IMAGES / "csto-brief.png")


if __name__ == "__main__":
    main()
