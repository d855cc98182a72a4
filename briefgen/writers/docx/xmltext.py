"""Text that WordprocessingML can hold: the one rule both the body writer and the a11y helpers use."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (lxml refuses them); facts text is literal,
# so they are dropped rather than crashing the writer.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot store removed (everything else stays literal)."""
    return _XML_ILLEGAL.sub("", text)
