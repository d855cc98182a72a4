"""What a brief shows is decided in the open (issue 26), tried through the CLI.

Every item is shown by default; a template that selects says so with a filter
(``latest(n)``, ``earliest(n)``, ``head(n)``) and the build warns naming the fact
and the items (``--strict`` fails); a fact's ``note`` and ``label`` reach the
page; an invocation keeps its ``text`` beside its ``outcome``; a member without
``joined`` prints no empty brackets; a file without a defence clause builds.
Page text is read with pdftotext (poppler) and python-docx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from clirun import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

SIX = """  invocations:
    label: Calls on Article 4
    note: Counted by the Test Ministry.
    sources: [mta-site]
    items:
      - {date: 1995-01-01, name: First call, outcome: Help came., text: Alphaland asked.}
      - {date: 1998-01-01, name: Second call, outcome: Help came.}
      - {date: 2001-01-01, name: Third call, outcome: Help came.}
      - {date: 2005-01-01, name: Fourth call, outcome: Help came.}
      - {date: 2010-01-01, name: Fifth call, outcome: Help came.}
      - {date: 2019-01-01, name: Sixth call, outcome: Help came.}
"""


def write(tmp_path: Path, text: str, name: str = "six.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def page_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    return " ".join(" ".join(p.text for p in d.paragraphs).split())


def six_file(tmp_path: Path) -> Path:
    return write(tmp_path, MINI.replace("  cmp_trigger:", SIX + "  cmp_trigger:", 1))


def test_the_brief_shows_all_six_invocations_with_text_and_outcome(tmp_path):
    facts = six_file(tmp_path)
    result = run("brief", facts, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.stderr
    pdf = page_text(tmp_path / "out" / "mini-brief.pdf")
    word = docx_text(tmp_path / "out" / "mini-brief.docx")
    for text in (pdf, word):
        for n in ("First", "Second", "Third", "Fourth", "Fifth", "Sixth"):
            assert f"{n} call" in text
        assert "Alphaland asked. Help came." in text  # text kept beside outcome
        assert "Note: Counted by the Test Ministry." in text  # the fact's note, under the list
        assert "Member states: Alphaland (1992)" in text  # the file's label, not "Members:"


def test_a_template_that_selects_says_so_and_the_build_names_what_it_left_out(tmp_path):
    facts = six_file(tmp_path)
    template = write(tmp_path, '{% extends "bundled/brief.md.j2" %}\n{% block record %}\n'
                     '{% set shown = facts.invocations | latest(2) %}\n'
                     '{% for i in shown %}\n- {{ i.name }}\n{% endfor %}\n'
                     '{{ ngettext("%(num)s more in the facts file.", "%(num)s more in the facts file.",'
                     ' shown.left_out) }}\n{% endblock %}\n', "sel.md.j2")
    result = run("brief", facts, "-t", template, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"warning: .*sel\.md\.j2:3: latest\(2\) shows 2 of 6 items of 'invocations'; "
                     r"left out: First call \(1995\); Second call \(1998\); Third call \(2001\); "
                     r"Fourth call \(2005\)", result.stderr), result.stderr
    text = page_text(tmp_path / "out" / "mini-sel.pdf")
    assert "Fifth call" in text and "Sixth call" in text and "First call" not in text
    assert "4 more in the facts file." in text
    strict = run("brief", facts, "-t", template, "-o", tmp_path / "o2", "--strict")
    assert strict.exit_code == 1 and "latest(2) shows 2 of 6" in strict.stderr
    assert not (tmp_path / "o2").exists() or not list((tmp_path / "o2").iterdir())


def test_a_member_without_joined_prints_no_empty_brackets(tmp_path):
    facts = write(tmp_path, MINI.replace("{name: Гаммаland, joined: 2001-01-01}",
                                         "{name: Гаммаland}"), "nojoin.yaml")
    result = run("brief", facts, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    text = page_text(tmp_path / "out" / "mini-brief.pdf")
    assert "Гаммаland" in text and "()" not in text


def test_a_file_without_a_defence_clause_builds_a_brief_without_that_section(tmp_path):
    text = MINI
    for key in ("defence_clause", "defence_clause_obligation"):
        text = re.sub(rf"\n  {key}:\n(    .*\n|      .*\n|\n)*?(?=  \w)", "\n", text, count=1)
    assert "defence_clause" not in text
    facts = write(tmp_path, text, "sco.yaml")
    result = run("brief", facts, "-o", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.stderr
    page = page_text(tmp_path / "out" / "mini-brief.pdf")
    assert "Key facts" in page and "Testville" in page
    assert "What the clause obliges" not in page and "—" not in page.split("Key facts")[0]


def test_no_empty_key_facts_box(tmp_path):
    text = MINI
    for key in ("native_name", "founding_treaty", "headquarters"):
        text = re.sub(rf"\n  {key}:\n(    .*\n)*?(?=  \w)", "\n", text, count=1)
    facts = write(tmp_path, text, "nokey.yaml")
    result = run("brief", facts, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    page = page_text(tmp_path / "out" / "mini-brief.pdf")
    assert "Key facts" not in page and "If one member is attacked" in page


def test_bundled_rio_brief_shows_its_venezuela_case_and_the_parties_label(tmp_path):
    result = run("brief", "facts/rio.yaml", "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    text = page_text(tmp_path / "rio-brief.pdf")
    assert "Crisis in Venezuela" in text  # its summary mentions 2019
    assert "States parties (year of signature):" in text and "Members:" not in text
    # anything left out to fit the page is said on stderr, never silently
    if "more in the facts file" in text:
        assert "to fit the page" in result.stderr


def test_bundled_anzus_prints_parties(tmp_path):
    result = run("brief", "facts/anzus.yaml", "-o", tmp_path, "-f", "pdf")
    assert result.exit_code == 0, result.stderr
    assert "Parties:" in page_text(tmp_path / "anzus-brief.pdf")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_bundled_briefs_keep_every_case_their_summary_mentions(tmp_path, paper):
    """What is cut to fit is announced, and never a case the sheet's own summary names.

    The Rio summary names the 1982 Falklands war and the 2019 Venezuela case; the
    CSTO summary Kazakhstan (2022) and Armenia's appeals of 2021 and 2022.
    """
    wanted = {"rio": ("Falklands/Malvinas war", "Crisis in Venezuela"),
              "csto": ("Kazakhstan:", "Armenia (border incursion)", "Armenia (Azerbaijani attack)")}
    for name, cases in wanted.items():
        out = tmp_path / name
        result = run("brief", f"facts/{name}.yaml", "-o", out, "--page-size", paper)
        assert result.exit_code == 0, result.stderr
        stem = f"{name}-brief" + ("-letter" if paper == "letter" else "")  # its own name
        pdf, word = page_text(out / f"{stem}.pdf"), docx_text(out / f"{stem}.docx")
        for text in (pdf, word):
            for case in cases:
                assert case in text, (name, paper, case)
        cut = re.findall(r"fitting\(\d+\) shows (\d+) of (\d+) items of '(\w+)'; left out: (.*)",
                         result.stderr)
        for _shown, _total, _key, left in cut:
            for case in cases:
                assert case.rstrip(":") not in left, (name, case, left)
        more = sum(int(t) - int(s) for s, t, _k, _l in cut)
        if more:  # the page says how many more, and stderr named them
            assert re.search(r"\d+ more in the facts file\.", pdf), pdf


def test_fitting_cuts_notes_first_then_one_item_of_each_list_in_turn():
    from briefgen.templating.selection import NOTES, Room

    room = Room()
    room.seen = {NOTES: 2, "criticisms": 3, "invocations": 4}
    room.order = {NOTES: 0, "criticisms": 1, "invocations": 2}
    steps, limits = [], {}
    while room.shrink():
        steps.append(next(k for k in room.limits if room.limits[k] != limits.get(k, room.seen[k])))
        limits = dict(room.limits)
    assert steps[:2] == [NOTES, NOTES]  # notes out first
    # then one item per list in turn, each list's last item only when all are down to one
    assert steps[2:7] == ["criticisms", "invocations", "criticisms", "invocations", "invocations"]
    assert steps[7:] == ["criticisms", "invocations"]


def test_an_item_is_mentioned_by_its_year_and_a_word_of_its_name():
    import datetime as dt
    from types import SimpleNamespace

    from briefgen.templating.selection import mentioned

    falklands = SimpleNamespace(name="Falklands/Malvinas war, at Argentina's request",
                                date=dt.date(1982, 4, 26))
    assert mentioned(falklands, "it brought Argentina no help in the 1982 Falklands war")
    assert not mentioned(falklands, "the Falklands war")  # no year
    assert not mentioned(falklands, "in 1982 Mexico")  # the year, but none of its words
    armenia = SimpleNamespace(name="Армения (нападение Азербайджана)", date=dt.date(2022, 9, 13))
    assert mentioned(armenia, "обращения Армении 2021 и 2022 годов")  # a word's stem
    assert not mentioned(SimpleNamespace(name="x", date=None), "1982 x")
