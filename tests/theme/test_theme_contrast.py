"""A theme's colours are checked for contrast when it loads (WCAG 2.x AA, 4.5:1 for text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from briefgen.cli import cli
from briefgen.theme.contrast import PAIRS, contrast_ratio, low_contrast
from briefgen.theme.loader import load_theme
from briefgen.theme.model import DEFAULT_THEME

THEMES = sorted([*ROOT.glob("templates/themes/*.yaml"), *ROOT.glob("docs/**/*.theme.yaml"),
                 *ROOT.glob("examples/**/*theme*.yaml")])


def test_ratios_are_wcag_ratios():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#F76900", "#FFFFFF") == pytest.approx(3.0, abs=0.05)


@pytest.mark.parametrize("path", THEMES, ids=lambda p: p.name)
def test_bundled_and_example_themes_keep_every_pair_above_4_5(path):
    theme, _ = load_theme(path)
    assert theme.warnings == ()


def test_the_default_theme_keeps_every_pair_above_4_5():
    colours = {k: getattr(DEFAULT_THEME, k) for k in ("text", "muted", "accent", "accent_light",
                                                       "mark_fill")}
    assert low_contrast(colours) == [] and len(PAIRS) >= 8


def _theme(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "brand.theme.yaml"
    path.write_text("# a brand colour\n" + text, encoding="utf-8")
    return path


def test_a_brand_orange_warns_with_file_line_key_and_ratio(tmp_path):
    path = _theme(tmp_path, 'accent: "#F76900"\n')
    theme, _ = load_theme(path)
    said = [str(p) for p in theme.warnings]
    assert said and all(s.startswith(f"{path}:2: ") for s in said)
    assert any("accent #F76900 on the white page" in s and "3.0:1" in s for s in said)
    assert any("white #FFFFFF on accent #F76900" in s for s in said)  # the timeline's labels
    assert all(p.code == "BG344" and p.severity == "warning" for p in theme.warnings)


def test_a_dark_light_accent_names_the_key_facts_title(tmp_path):
    path = _theme(tmp_path, 'accent_light: "#1F4E79"\n')
    said = [str(p) for p in load_theme(path)[0].warnings]
    assert any("1.0:1" in s and "key-facts title" in s and "change accent_light" in s
               for s in said)


def test_brief_prints_the_warning_and_strict_refuses(tmp_path):
    path = _theme(tmp_path, 'accent: "#F76900"\n')
    facts = ROOT / "facts" / "csto.yaml"
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(cli, ["brief", str(facts), "--theme", str(path), "-o", str(out),
                               "-f", "docx"])
    assert res.exit_code == 0, res.output
    assert f"{path}:2:" in res.stderr and "3.0:1" in res.stderr
    strict = tmp_path / "strict"
    res = runner.invoke(cli, ["brief", str(facts), "--theme", str(path), "-o", str(strict),
                               "-f", "docx", "--strict"])
    assert res.exit_code == 1 and "3.0:1" in res.stderr
    assert not strict.exists() or not any(strict.iterdir())
