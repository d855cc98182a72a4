"""Templates: literal fact text, citations, strict names, the sandbox and its limits."""

from __future__ import annotations

import pytest

from briefgen.document.dump import dump_blocks
from briefgen.document.parse import parse_markdown
from briefgen.errors import InputError
from briefgen.facts import load_facts
from briefgen.sheets.brief import template_context
from briefgen.templating.environment import resolve_template
from briefgen.templating.render import render_template


def render(tmp_path, source: str, facts_path) -> list[str]:
    path = tmp_path / "t.md.j2"
    path.write_text(source, encoding="utf-8")
    name, search = resolve_template(str(path))
    marked = render_template(name, search, template_context(load_facts(facts_path)))
    return dump_blocks(parse_markdown(marked))


def test_fact_text_is_literal_and_cited(tmp_path, mini_facts):
    lines = render(tmp_path, "{{ facts.summary }}\n", mini_facts)
    assert len(lines) == 1
    assert "<b>bold?</b>, R&D, **stars**, {{ jinja }}, [^1] and 5 < 6." in lines[0]
    assert lines[0].endswith("[cite:mta-site]")


def test_value_alone_has_no_citation_and_items_cite_their_fact(tmp_path, mini_facts):
    src = (
        "{{ facts.headquarters.value }}\n\n"
        "{% for m in facts.members %}- {{ m }} {{ m.joined | date }}\n{% endfor %}"
    )
    lines = render(tmp_path, src, mini_facts)
    assert lines[0] == "para: Testville"
    assert "  - item" in lines
    assert "    para: Alphaland[cite:mta-site] 15 May 1992" in lines
    assert "    para: Гаммаland[cite:mta-site] 1 January 2001" in lines


def test_template_markdown_still_works_around_facts(tmp_path, mini_facts):
    src = "## HQ\n\n**{{ facts.headquarters.label }}:** {{ facts.headquarters }}\n"
    lines = render(tmp_path, src, mini_facts)
    assert lines == ["heading2: HQ", "para: **Headquarters:** Testville[cite:mta-site]"]


def test_misspelt_name_names_template_and_line(tmp_path, mini_facts):
    with pytest.raises(InputError, match=r"t\.md\.j2:3: .*headquaters"):
        render(tmp_path, "# Title\n\n{{ facts.headquaters }}\n", mini_facts)


def test_syntax_error_names_template_and_line(tmp_path, mini_facts):
    with pytest.raises(InputError, match=r"t\.md\.j2:2: template syntax error"):
        render(tmp_path, "ok\n{% for x in %}\n", mini_facts)


@pytest.mark.parametrize(
    "expr",
    [
        "''.__class__.__mro__",
        "cycler.__init__.__globals__",
        "self._TemplateReference__context",
        "facts._views",
    ],
)
def test_sandbox_blocks_python_internals(tmp_path, mini_facts, expr):
    with pytest.raises(InputError):
        render(tmp_path, "{{ " + expr + " }}\n", mini_facts)


def test_huge_strings_and_loops_are_bounded(tmp_path, mini_facts):
    with pytest.raises(InputError, match="huge string"):
        render(tmp_path, "{{ 'a' * 10**8 }}\n", mini_facts)
    with pytest.raises(InputError):
        render(tmp_path, "{% for i in range(10**9) %}x{% endfor %}\n", mini_facts)
    with pytest.raises(InputError, match="wrote more than 1,000,000 characters"):
        render(tmp_path, "{% for i in range(90000) %}{{ i }}xxxxxxxxxxxx{% endfor %}\n", mini_facts)


def test_unknown_template_name_lists_the_known_ones():
    with pytest.raises(InputError, match=r"unknown template 'nope'; known: brief, changes, comparison, "
                       r"timeline \(looked in"):
        resolve_template("nope")


def test_user_folder_overrides_bundled(tmp_path, mini_facts):
    (tmp_path / "brief.md.j2").write_text("# Mine {{ meta.title }}\n", encoding="utf-8")
    name, search = resolve_template("brief", [tmp_path])
    marked = render_template(name, search, template_context(load_facts(mini_facts)))
    assert dump_blocks(parse_markdown(marked)) == ["heading1: Mine Mini Test Alliance"]


def test_control_and_bidi_override_characters_are_removed_with_a_warning(tmp_path, write_yaml):
    from briefgen.sheets.brief import brief_document

    facts = write_yaml(
        "id: t\ntitle: T\nas_of: 2026-01-01\nsources:\n  - id: s\n    title: S\n"
        "    url: https://example.org\nfacts:\n  name:\n    value: \"Bell\\a and \\u202eevil\\u202c"
        " \\u200bzero-width kept\"\n    sources: [s]\n"
    )
    (tmp_path / "t.md.j2").write_text("# {{ facts.name }}\n", encoding="utf-8")
    doc, _ = brief_document(load_facts(facts), str(tmp_path / "t.md.j2"))
    assert doc.title == "Bell and evil \u200bzero-width kept"
    assert any("U+0007" in w and "U+202E" in w for w in doc.warnings)


def test_a_brief_can_carry_the_comparison_table(tmp_path, mini_facts):
    from briefgen.document.model import Table, cited_sources
    from briefgen.sheets.brief import brief_document

    tpl = tmp_path / "with-table.md.j2"
    tpl.write_text(
        '{% from "_comparison_table.md.j2" import comparison_table, comparison_notes with context %}'
        "\n# {{ meta.title }}\n\n{{ facts.summary }}\n\n"
        '{% set c = compare_with("pact.yaml", spec="spec.yaml") %}\n'
        "{{ comparison_table(c) }}\n{{ comparison_notes(c) }}\n\n::: sources\n:::\n",
        encoding="utf-8",
    )
    doc, _ = brief_document(load_facts(mini_facts), str(tpl))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    lines = dump_blocks([table])
    assert lines[1] == "  th | Dimension | MTA | EPO"
    assert "[cite:pact:epo-treaty]" in lines[2] and "[cite:mta-treaty]" in lines[2]
    assert table.marked_rows == {0}
    titles = {s.title for s in cited_sources(doc)}
    assert {"Example Pact", "Treaty of the Mini Test Alliance", "About the MTA"} <= titles


def test_compiled_templates_are_reused_from_the_disk_cache(tmp_path, mini_facts, monkeypatch):
    """A new process loads the compiled template; an edit or a damaged entry recompiles."""
    from briefgen.templating import environment as templating

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    compiled = []
    real_compile = templating._BoundedSandbox.compile
    monkeypatch.setattr(templating._BoundedSandbox, "compile",
                        lambda self, *a, **k: compiled.append(1) or real_compile(self, *a, **k))

    def render_fresh(source: str) -> list[str]:
        monkeypatch.setattr(templating, "_ENVS", {})  # as a new process would start
        return render(tmp_path, source, mini_facts)

    assert render_fresh("# {{ meta.title }}\n") == ["heading1: Mini Test Alliance"]
    entries = list((tmp_path / "cache/briefgen/templates").glob("*.jbc"))
    assert len(entries) == 1 and len(compiled) == 1
    assert render_fresh("# {{ meta.title }}\n") == ["heading1: Mini Test Alliance"]
    assert len(compiled) == 1  # loaded, not compiled again
    assert render_fresh("## {{ meta.title }}\n") == ["heading2: Mini Test Alliance"]
    assert len(compiled) == 2  # the edit is seen
    entries[0].write_bytes(b"not a compiled template")
    assert render_fresh("## {{ meta.title }}\n") == ["heading2: Mini Test Alliance"]
    (tmp_path / "cache").rename(tmp_path / "gone")
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert render_fresh("### {{ meta.title }}\n") == ["heading3: Mini Test Alliance"]


def test_footnotes_print_above_the_sources_with_letters_in_reading_order(tmp_path, mini_facts):
    lines = render(tmp_path, "# T\n\nFirst[^x] and second[^w].\n\n::: sources Sources\n:::\n\n"
                   "[^w]: Note on second.\n[^x]: Note on first.\n", mini_facts)
    assert lines == ["heading1: T", "para: First[a] and second[b].",
                     "para[small]: [a] Note on first.", "para[small]: [b] Note on second.",
                     "sources: Sources"]
