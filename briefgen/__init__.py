"""briefgen: curated facts + Jinja2 templates → one-page PDF and DOCX briefing sheets."""

__version__ = "0.1.0"


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
