"""The words the HTML writers print or announce themselves, through the sheet's catalogue."""

from __future__ import annotations

from briefgen.i18n import N_
from briefgen.i18n.sheet import text

SOURCE_N = N_("Source %(n)s")
BACK_TO_TEXT = N_("Back to where source %(n)s is first cited")
CHART_DATA = N_("The chart's data")


def say(ctx, message: str, **values) -> str:
    """``message`` in the language of the document being written."""
    return text(ctx.doc.language, message, **values)
