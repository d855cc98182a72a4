"""Package build hook: compile the message catalogues (``.po`` → ``.mo``) into the wheel.

Used only by setuptools (``[tool.setuptools.cmdclass]`` in pyproject.toml);
compiled ``.mo`` files are never committed. A source checkout or editable
install without them compiles the ``.po`` in memory at first use instead
(:mod:`briefgen.i18n.catalogues`).
"""

from __future__ import annotations

from pathlib import Path

from setuptools.command.build_py import build_py


def compile_catalogues(root: Path) -> list[Path]:
    """Compile every ``*/LC_MESSAGES/*.po`` under ``root`` to a ``.mo`` beside it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class BuildPyWithCatalogues(build_py):
    """``build_py`` that also compiles the copied catalogues in the build folder."""

    def run(self) -> None:
        """Copy the package as usual, then compile its ``locale/*/LC_MESSAGES/*.po``."""
        super().run()
        locale = Path(self.build_lib) / "briefgen" / "locale"
        if locale.is_dir():
            for mo in compile_catalogues(locale):
                self.announce(f"compiled {mo}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """The usual outputs plus the compiled catalogues (so they land in the wheel's RECORD)."""
        outputs = list(super().get_outputs(include_bytecode))
        locale = Path(self.build_lib) / "briefgen" / "locale"
        outputs += [str(p.with_suffix(".mo")) for p in locale.glob("*/LC_MESSAGES/*.po")]
        return list(dict.fromkeys(outputs))
