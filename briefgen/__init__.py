"""briefgen: curated facts + Jinja2 templates → one-page PDF and DOCX briefing sheets."""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "build_brief", "build_comparison", "build_course", "Sheet", "Course",
           "BriefgenError", "PageOverflowError"]

if TYPE_CHECKING:  # the public API (briefgen/api.py), imported on first use: `import briefgen` stays cheap
    from briefgen.api import (
        BriefgenError,
        Course,
        PageOverflowError,
        Sheet,
        build_brief,
        build_comparison,
        build_course,
    )


def __getattr__(name: str):
    """The public API's names (:mod:`briefgen.api`), imported when first asked for."""
    if name in __all__:
        from briefgen import api

        return getattr(api, name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


def _no_reportlab_home_files() -> None:
    """Keep reportlab from executing ``~/.reportlab_mods`` and ``~/.reportlab_settings``.

    reportlab's import runs those files from the home folder: a ``HOME`` that is
    a file or unreadable crashed the import, a FIFO there blocked it, and any
    such file would change the output (bytes must depend on the inputs alone).
    Empty stand-in modules make both imports succeed with no settings.
    """
    import sys
    import types

    for name in ("reportlab_mods", "reportlab_settings"):
        sys.modules.setdefault(name, types.ModuleType(name))


_no_reportlab_home_files()
