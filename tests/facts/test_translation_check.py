"""briefgen check warns when a translated facts file (translation_of:) drifts from its original."""

from __future__ import annotations

from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.facts import load_facts
from briefgen.facts.translation import check_translations

ORIGINAL = """\
id: pact
title: Example Pact
language: en
as_of: 2026-11-01
sources:
  - {id: treaty, title: The pact, url: https://example.org/pact}
  - {id: news, title: News, url: https://example.org/news}
facts:
  name: {value: Example Pact, sources: [treaty]}
  members:
    sources: [treaty]
    items:
      - {name: Alphaland, joined: 1992-05-15}
      - {name: Betaland, joined: 1993-06-01}
  record: {value: Never invoked., sources: [news]}
"""

IN_STEP = """\
id: pact-ru
title: Примерный пакт
language: ru
translation_of: pact
as_of: 2026-11-01
sources:
  - {id: treaty, title: Пакт (русский текст), url: https://example.org/pact/ru}
  - {id: news, title: Новости, url: https://example.org/news/ru}
facts:
  name: {value: Примерный пакт, sources: [treaty]}
  members:
    sources: [treaty]
    items:
      - {name: Альфания, joined: 1992-05-15}
      - {name: Беттания, joined: 1993-06-01}
  record: {value: Ни разу не применялся., sources: [news]}
"""

DRIFTED = """\
id: pact-ru
title: Примерный пакт
language: ru
translation_of: pact
as_of: 2026-11-02
sources:
  - {id: treaty, title: Пакт, url: https://example.org/pact/ru}
facts:
  name: {value: Примерный пакт, sources: [treaty]}
  members:
    sources: [treaty]
    items:
      - {name: Альфания, joined: 1992-05-16}
      - {name: Беттания, joined: 1993-06-01}
      - {name: Гаммания, joined: 2001-01-01}
  extra: {value: Лишний факт., sources: [treaty]}
"""


def test_files_in_step_give_no_warning(write_yaml):
    files = [load_facts(write_yaml(ORIGINAL, "pact.yaml")), load_facts(write_yaml(IN_STEP, "pact.ru.yaml"))]
    assert check_translations(files) == []


def test_every_kind_of_drift_is_a_located_warning(write_yaml):
    files = [load_facts(write_yaml(ORIGINAL, "pact.yaml")), load_facts(write_yaml(DRIFTED, "pact.ru.yaml"))]
    problems = check_translations(files)
    assert all(p.severity == "warning" and p.file.endswith("pact.ru.yaml") and p.line
               for p in problems)
    codes = {p.code for p in problems}
    assert codes == {"BG201", "BG202", "BG203", "BG204"}
    text = "\n".join(str(p) for p in problems)
    assert "fact 'record' of pact.yaml is missing" in text
    assert "fact 'extra' is not in pact.yaml" in text
    assert "fact 'members' has 3 entries, but pact.yaml has 2 entries" in text
    assert "as_of is 2026-11-02, but pact.yaml says 2026-11-01" in text
    assert "missing news" in text


def test_an_entry_date_that_differs_is_named(write_yaml):
    drifted = IN_STEP.replace("joined: 1993-06-01", "joined: 1993-07-01")
    files = [load_facts(write_yaml(ORIGINAL, "pact.yaml")), load_facts(write_yaml(drifted, "pact.ru.yaml"))]
    [problem] = check_translations(files)
    assert problem.code == "BG203" and "entry 2: joined is 1993-07-01" in problem.message
    assert problem.line == 15  # the line of that entry


def test_check_finds_the_original_beside_the_translation(write_yaml):
    write_yaml(ORIGINAL, "pact.yaml")
    ru = write_yaml(DRIFTED, "pact.ru.yaml")
    result = CliRunner().invoke(cli, ["check", str(ru)])
    assert result.exit_code == 0  # warnings do not fail a check
    assert "warning:" in result.output and "BG" not in result.stdout
    assert "fact 'extra' is not in pact.yaml" in result.output


def test_a_missing_original_is_reported(write_yaml):
    ru = write_yaml(IN_STEP, "pact.ru.yaml")
    result = CliRunner().invoke(cli, ["check", str(ru)])
    assert result.exit_code == 0
    assert "translation_of: 'pact', but no facts file with that id" in result.output
