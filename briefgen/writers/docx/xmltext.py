"""Text that WordprocessingML can hold: the one rule both the body writer and the a11y helpers use."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (lxml refuses them); facts text is literal,
# so they are dropped rather than crashing the writer.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot store removed (everything else stays literal)."""
    return _XML_ILLEGAL.sub("", text)


def add_text_run(paragraph, text: str):
    """Append a run holding ``text`` (XML-safe, as :func:`xml_text`) to ``paragraph``; return it.

    The same XML as ``paragraph.add_run(xml_text(text))``: python-docx's ``Run.text`` walks
    the text a character at a time to turn tabs and line breaks into ``w:tab``/``w:br``;
    a text without them (nearly every run) goes straight into one ``w:t``.
    """
    from briefgen.adapters.python_docx import run_element

    text = xml_text(text)
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run_element(run).add_t(text)
    return run
