"""briefgen: curated facts + Jinja2 templates → one-page PDF and DOCX briefing sheets."""

__version__ = "0.1.0"
