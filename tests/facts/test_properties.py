"""Property tests: any VALID facts file gives one-page outputs or a clear BriefgenError.

Facts are generated in many scripts (Latin, Cyrillic, Greek, Arabic, CJK,
emoji, any Unicode), with random list lengths, and written through the real
YAML dumper. Short facts in scripts the PDF font covers must appear verbatim
in the text pypdf extracts.

CI runs a few dozen examples; for a long campaign set BRIEFGEN_FUZZ_EXAMPLES,
e.g. ``BRIEFGEN_FUZZ_EXAMPLES=5000 pytest tests/test_properties.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefgen.errors import BriefgenError, PageOverflowError
from briefgen.sheets.brief import make_brief

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßñçøåłž"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯЁ"
GREEK = "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
CJK = "中文日本語한국어漢字北京东京서울"
EMOJI = "😀🎉🚀🌍👍🏽🇷🇺❤️"

in_font_word = st.sampled_from([LATIN, CYRILLIC, GREEK]).flatmap(
    lambda alphabet: st.text(alphabet, min_size=1, max_size=12))
in_font_text = st.lists(in_font_word, min_size=1, max_size=4).map(" ".join)
any_script_text = st.one_of(
    in_font_text,
    st.text(LATIN + CYRILLIC + GREEK + ARABIC + CJK + EMOJI + " ,.;:–—«»\"'()!?", min_size=1,
            max_size=300),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=120),
).filter(lambda s: s.strip())
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def facts_files(draw) -> tuple[dict, dict[str, str]]:
    """A valid facts mapping, and the short in-font facts that must print verbatim."""
    short = {"name": draw(in_font_text), "headquarters": draw(in_font_text)}

    def fact(value: str, **extra) -> dict:
        return {"value": value, "sources": ["s1"], **extra}

    facts = {
        "name": fact(short["name"]),
        "headquarters": fact(short["headquarters"], label=draw(any_script_text)),
        "summary": fact(draw(any_script_text)),
        "defence_clause": fact(draw(any_script_text), quote=True, label="Article 1"),
        "defence_clause_obligation": fact(draw(any_script_text)),
    }
    items = draw(st.lists(st.fixed_dictionaries(
        {"name": any_script_text, "joined": dates.map(dt.date.isoformat)},
        optional={"status": any_script_text}), max_size=25))
    if items or draw(st.booleans()):
        facts["members"] = {"label": draw(any_script_text), "sources": ["s1"], "items": items}
    data = {
        "id": "gen",
        "title": draw(any_script_text),
        "as_of": draw(dates).isoformat(),
        "sources": [{"id": "s1", "title": draw(any_script_text),
                     "url": "https://example.org/" + draw(st.text("abc/-_%", max_size=30))}],
        "facts": facts,
    }
    return data, short


def squeeze(text: str) -> str:
    return "".join(text.split())


@SETTINGS
@given(facts_files())
def test_valid_facts_give_one_page_outputs_or_a_briefgen_error(case):
    data, short = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out = Path(tmp) / "out"
        try:
            result = make_brief(path, output=out)
        except PageOverflowError as exc:
            assert "fit" in str(exc) and not out.exists()
            return
        except BriefgenError as exc:  # e.g. a control character that is not allowed as text
            assert str(exc).strip()
            assert not out.exists()
            return
        assert sorted(p.name for p in result.paths) == ["gen-brief.docx", "gen-brief.pdf"]
        assert sorted(p.name for p in out.iterdir()) == ["gen-brief.docx", "gen-brief.pdf"]
        assert (out / "gen-brief.docx").stat().st_size > 0
        reader = PdfReader(out / "gen-brief.pdf")
        assert len(reader.pages) == 1
        text = squeeze(reader.pages[0].extract_text())
        for key, value in short.items():
            assert squeeze(value) in text, (key, value)
