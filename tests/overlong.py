"""A facts file too long for one page: the bundled CSTO file with its criticisms repeated.

The bundled briefs fit their page with nothing left out (issue 26), so the tests of what the
fit does when it must cut (announced cuts, one fewer item a try, the overflow path) build this
file instead: the CSTO facts with ``times`` more copies of each criticism, every copy marked
so the cuts can be told apart.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSTO = ROOT / "facts" / "csto.yaml"


def overlong_csto(folder: Path, times: int = 2) -> Path:
    """Write ``folder/csto.yaml``: the bundled file with each criticism ``times`` more times."""
    text = CSTO.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  criticisms:\n    label: Criticisms\n    items:\n")
    assert sep, "the bundled CSTO file has no criticisms list"
    block = re.match(r"(?:      - .*\n(?:        .*\n)*)+", rest)
    assert block, "the CSTO criticisms list is not where it was"
    items = re.findall(r"      - .*\n(?:        .*\n)*", block.group(0))
    copies = [item.replace("        text: ", f"        text: (copy {n}) ", 1)
              for n in range(1, times + 1) for item in items]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "csto.yaml"
    path.write_text(head + sep + block.group(0) + "".join(copies) + rest[block.end():],
                    encoding="utf-8")
    return path
