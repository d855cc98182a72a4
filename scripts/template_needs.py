"""Rewrite the generated list of facts each bundled template needs in docs/facts-format.md.

Run from the repository root: ``python scripts/template_needs.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.facts.slips import bundled_reads, needs_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "facts-format.md"
SECTION = re.compile(r"(<!-- template-needs:start -->\n).*?(<!-- template-needs:end -->)", re.S)


def main() -> None:
    """Replace the section between the markers with the list found in the templates."""
    text = DOC.read_text(encoding="utf-8")
    new = SECTION.sub(lambda m: m.group(1) + needs_markdown(bundled_reads()) + m.group(2), text)
    DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
