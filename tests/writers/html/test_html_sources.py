"""The HTML Sources list: the archived copy linked beside the live URL, and COinS for Zotero.

Read back with lxml (the page and the fragment) and with urllib's ``parse_qs``
(each COinS span's ContextObject), compared with what ``briefgen sources --to
csljson`` exports for the same sheet; the fragment still passes the Canvas
allow-list unchanged (nh3).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from lxml import html as lhtml
from test_html_fragment import sanitize

from briefgen.cli import cli

DATA = Path(__file__).resolve().parents[2] / "data"
FACTS = Path(__file__).resolve().parents[3] / "facts"
LIVE = "https://example.org/mta/treaty"
SNAP = "https://web.archive.org/web/20261101000000/https://example.org/mta/treaty"
TRICK = "https://web.archive.org@evil.example/x"  # a user name hiding the host: never linked
ZOTERO_XPATH = ('//span[contains(@class, " Z3988") or contains(@class, "Z3988 ") '
                'or @class="Z3988"][@title]')
"""The XPath Zotero's COinS translator finds the spans with (COinS.js, detectWeb)."""


def archived_facts(tmp_path: Path, source: Path) -> Path:
    """``source`` (the mini alliance) with an archived copy on the treaty and a refused one on
    the about page."""
    text = source.read_text("utf-8")
    text = text.replace(f"    url: {LIVE}\n", f"    url: {LIVE}\n    archived: {SNAP}\n", 1)
    text = text.replace("    url: https://example.org/mta/about\n",
                        f"    url: https://example.org/mta/about\n    archived: {TRICK}\n", 1)
    assert SNAP in text and TRICK in text
    path = tmp_path / source.name
    path.write_text(text, "utf-8")
    return path


def build(tmp_path: Path, *args: str) -> tuple[dict[str, str], str]:
    """``brief ARGS -f html -f lms``: the page and the fragment by format, and stderr."""
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [*args, "-f", "html", "-f", "lms", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    files = {("lms" if p.name.endswith(".lms.html") else "html"): p.read_text("utf-8")
             for p in out.iterdir()}
    return files, result.stderr


def entries(text: str, flavour: str) -> list:
    """The Sources list's items, from the page or the fragment."""
    root = (lhtml.document_fromstring(text) if flavour == "html"
            else lhtml.fragment_fromstring(text))
    items = root.xpath("//ol[li[contains(@id, '-src1')]]/li")
    assert items, "no sources list"
    return items


def entry_of(items, title: str):
    [item] = [li for li in items if li.text_content().startswith(title)]
    return item


@pytest.mark.parametrize("source, word", [(DATA / "mini.yaml", "archived"),
                                          (DATA / "ru" / "mini.ru.yaml", "архив")])
@pytest.mark.parametrize("flavour", ["html", "lms"])
def test_the_archived_copy_is_linked_beside_the_live_url(tmp_path, source, word, flavour):
    files, _ = build(tmp_path, "brief", str(archived_facts(tmp_path, source)))
    items = entries(files[flavour], flavour)
    [treaty] = [li for li in items if li.xpath(f".//a[@href='{LIVE}']")]
    links = [(a.get("href"), a.text_content()) for a in treaty.iter("a")]
    assert links[:2] == [(LIVE, "example.org/mta/treaty"), (SNAP, word)]
    assert f"example.org/mta/treaty ({word})" in " ".join(treaty.text_content().split())


@pytest.mark.parametrize("flavour", ["html", "lms"])
def test_an_archived_copy_the_allow_list_refuses_prints_unlinked_with_a_warning(tmp_path, flavour):
    facts = archived_facts(tmp_path, DATA / "mini.yaml")
    files, stderr = build(tmp_path, "brief", str(facts))
    [about] = [li for li in entries(files[flavour], flavour)
               if li.xpath(".//a[@href='https://example.org/mta/about']")]
    assert "(archived)" in about.text_content()
    assert not [a for a in about.iter("a") if "evil" in a.get("href", "")]
    assert "evil.example" not in files[flavour].replace(TRICK, "")  # nowhere but … nowhere
    assert TRICK not in files[flavour]  # nor in the COinS: a refused link leaves no trace
    assert f"{facts}:" in stderr and "not linked" in stderr


def test_a_fragment_with_archived_links_and_coins_survives_the_canvas_allow_list(tmp_path):
    files, _ = build(tmp_path, "brief", str(archived_facts(tmp_path, DATA / "mini.yaml")))
    fragment = files["lms"]
    assert 'class="Z3988"' in fragment and SNAP in fragment
    assert sanitize(fragment) == fragment


def coins_of(text: str, flavour: str) -> list[dict[str, list[str]]]:
    """Each COinS span Zotero would find, in page order, its title decoded by ``parse_qs``."""
    root = (lhtml.document_fromstring(text) if flavour == "html"
            else lhtml.fragment_fromstring(text))
    spans = root.xpath(ZOTERO_XPATH)
    for span in spans:
        assert span.text_content() == "" and span.get("aria-hidden") == "true"
        assert span.getparent().tag == "li"  # inside its own source's entry
    return [parse_qs(s.get("title"), strict_parsing=True) for s in spans]


def csljson(*args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["sources", *args, "--to", "csljson"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_same_facts(kev: dict[str, list[str]], item: dict) -> None:
    """One ContextObject says what one CSL-JSON item says: title, URL, site, publisher, date,
    language, note; and it is a web page in the Dublin Core format Zotero reads."""
    assert kev["ctx_ver"] == ["Z39.88-2004"]
    assert kev["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"] and kev["rft.type"] == ["webpage"]
    assert kev["rft.title"] == [item["title"]]
    assert kev["rft_id"] == kev["rft.identifier"] == [item["URL"]]
    assert kev.get("rft.source") == ([item["container-title"]] if "container-title" in item
                                     else None)
    assert kev.get("rft.publisher") == ([item["publisher"]] if "publisher" in item else None)
    assert kev.get("rft.language") == [item["language"]]
    assert kev.get("rft.description") == ([item["note"]] if "note" in item else None)
    # The facts give no publication date, so neither does the span; the access date has no
    # key in a ContextObject (it must not pose as a publication date).
    assert "issued" not in item and "rft.date" not in kev


@pytest.mark.parametrize("flavour", ["html", "lms"])
def test_coins_say_what_the_csljson_export_says_for_an_archived_brief(tmp_path, flavour):
    facts = archived_facts(tmp_path, DATA / "ru" / "mini.ru.yaml")
    files, _ = build(tmp_path, "brief", str(facts))
    items = csljson(str(facts), "--cited-by", "brief")
    kevs = coins_of(files[flavour], flavour)
    assert len(kevs) == len(items) == len(entries(files[flavour], flavour)) == 2
    for kev, item in zip(kevs, items, strict=True):
        if "evil" in item.get("note", ""):  # refused on the page: left out of its COinS
            item = {k: v for k, v in item.items() if k != "note"}
        assert_same_facts(kev, item)
    treaty = next(k for k in kevs if k["rft_id"] == [LIVE])
    assert treaty["rft.description"] == [f"Archived copy: {SNAP}"]
    assert treaty["rft.language"] == ["ru"]
    assert any("ОДКБ" in k["rft.title"][0] or "Договор" in k["rft.title"][0] for k in kevs)


@pytest.mark.parametrize("name, args, cited_by", [
    ("csto-brief", [str(FACTS / "csto.yaml")], "brief"),
    ("csto.ru-brief", [str(FACTS / "csto.ru.yaml")], "brief"),
    ("csto-vs-nato", [str(FACTS / "csto.yaml"), str(FACTS / "nato.yaml")], "comparison"),
])
def test_coins_of_bundled_sheets_match_their_cited_sources_export(html_sheets, name, args,
                                                                   cited_by):
    """Every cited source of a bundled sheet is one COinS span, in the order the sheet numbers
    them, saying what ``sources --to csljson --cited-by`` says about it."""
    items = csljson(*args, "--cited-by", cited_by)
    for flavour in ("html", "lms"):
        text = html_sheets[name][flavour].decode("utf-8")
        kevs = coins_of(text, flavour)
        assert len(kevs) == len(items) == len(entries(text, flavour)) > 3
        for kev, item in zip(kevs, items, strict=True):
            assert_same_facts(kev, item)


@pytest.mark.parametrize("fmt", ["html", "lms"])
def test_every_html_link_passes_the_one_allow_list_even_from_an_unchecked_tree(fmt):
    """A tree built without the tree builder's check (a plugin's, a script's): the HTML writer
    holds each link, in the text and in the sources, against the allow-list itself, as the PDF
    and DOCX writers do: a user name before the host or a backslash is never a link, a
    mixed-script host is linked in punycode."""
    import datetime as dt

    from briefgen.document import model as m
    from briefgen.theme.model import DEFAULT_THEME, PageSetup
    from briefgen.writers import render

    hidden, unc, mixed = ("https://nato.int@evil.example/x", "https:\\\\host\\share",
                          "https://www.n\u0430to.int/a")
    refs = {"s": m.SourceRef("s", "Src", None, hidden, dt.date(2026, 1, 1), archived=unc),
            "t": m.SourceRef("t", "Tgt", None, mixed, dt.date(2026, 1, 1))}
    doc = m.Document(title="T", blocks=[m.Heading(1, [m.Run("T")]),
                                        m.Paragraph([m.Run("a", href=hidden), m.Run("b", href=unc),
                                                     m.Run("c", href=mixed),
                                                     m.Cite(("s", "t"))]),
                                        m.SourcesList()],
                     sources=refs, as_of=dt.date(2026, 1, 1))
    out = render(fmt, doc, PageSetup(), DEFAULT_THEME).decode()
    root = lhtml.document_fromstring(out) if fmt == "html" else lhtml.fragment_fromstring(out)
    hrefs = [h for h in root.xpath("//a/@href") if not h.startswith("#")]
    puny = "https://www." + "n\u0430to".encode("idna").decode("ascii") + ".int/a"  # xn--…
    assert hrefs == [puny, puny], hrefs  # the text's link, then source 2's
    kevs = [parse_qs(t) for t in root.xpath(f"{ZOTERO_XPATH}/@title")]
    assert [k.get("rft_id") for k in kevs] == [None, [puny]]
    assert "evil.example" not in "".join(root.xpath("//span[@class='Z3988']/@title"))
