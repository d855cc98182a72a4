"""A course on the web: ``batch --pack`` writes index.html, ``batch --cartridge`` an IMS CC 1.1.

The cartridge's ``imsmanifest.xml`` is validated with lxml against the IMS
Common Cartridge 1.1 schemas (tests/data/imscc, copied from Moodle's tree with
their notice); every file it names must be in the zip, the organisation must
mirror the course's contents, and each page must carry the sheet's LMS fragment.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from lxml import html as lhtml

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT / "tests" / "data" / "imscc" / "ccv1p1_imscp_v1p2_v1p0.xsd"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"

MANIFEST = f"""title: Collective defence — a small course
defaults:
  output: out
  formats: [pdf, docx, html, lms]
jobs:
  - facts: {ROOT}/facts/csto.yaml
  - facts: {ROOT}/facts/csto.ru.yaml
  - facts: {ROOT}/facts/nato.yaml
    template: timeline
  - kind: compare
    facts: [{ROOT}/facts/csto.yaml, {ROOT}/facts/nato.yaml]
    output: csto-vs-nato
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small course built once with --pack and --cartridge; (folder, CLI result)."""
    folder = tmp_path_factory.mktemp("course")
    (folder / "course.yaml").write_text(MANIFEST, encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(folder / "course.yaml"), "--pack",
                                      "--cartridge", "-j", "1", "-q"])
    return folder / "out", result


def test_batch_writes_index_and_cartridge(built):
    """Exit 0; index.html and course.imscc are written and printed with the pack."""
    out, result = built
    assert result.exit_code == 0, result.output
    printed = result.stdout.split()
    assert str(out / "index.html") in printed and str(out / "course.imscc") in printed
    assert (out / "csto-brief.lms.html").is_file() and (out / "nato-timeline.html").is_file()


def test_manifest_validates_against_the_cc_1_1_schemas(built):
    """imsmanifest.xml is valid IMS CC 1.1 (the IMS XSDs, through lxml)."""
    out, _ = built
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    with zipfile.ZipFile(out / "course.imscc") as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
    assert schema.validate(manifest), schema.error_log
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.1.0"


def test_the_check_rejects_a_broken_manifest(built):
    """The schema check can fail: a resource of an unknown type is refused."""
    out, _ = built
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    with zipfile.ZipFile(out / "course.imscc") as z:
        text = z.read("imsmanifest.xml").replace(b'type="webcontent"', b'type="pdf"', 1)
    assert not schema.validate(etree.fromstring(text))


def test_every_referenced_file_is_in_the_zip(built):
    """Each resource's href and file hrefs, and each dependency, point at what the zip holds."""
    out, _ = built
    with zipfile.ZipFile(out / "course.imscc") as z:
        names = set(z.namelist())
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        ids = {r.get("identifier") for r in manifest.iter(f"{CP}resource")}
        hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
        hrefs += [r.get("href") for r in manifest.iter(f"{CP}resource")]
        assert hrefs and all(h in names for h in hrefs), set(hrefs) - names
        assert names - {"imsmanifest.xml"} == set(hrefs)  # nothing unlisted
        for dep in manifest.iter(f"{CP}dependency"):
            assert dep.get("identifierref") in ids
        for item in manifest.iter(f"{CP}item"):
            if item.get("identifierref"):
                assert item.get("identifierref") in ids
        assert z.read("web_resources/csto-brief.pdf") == (out / "csto-brief.pdf").read_bytes()
        assert z.read("web_resources/csto-brief.docx") == (out / "csto-brief.docx").read_bytes()


def test_organisation_mirrors_the_contents(built):
    """A folder per kind, in the pack's order; in it each sheet's page, PDF and Word file."""
    out, _ = built
    with zipfile.ZipFile(out / "course.imscc") as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
    root = manifest.find(f"{CP}organizations/{CP}organization/{CP}item")
    kinds = [(k.findtext(f"{CP}title"), [i.findtext(f"{CP}title") for i in k.findall(f"{CP}item")])
             for k in root.findall(f"{CP}item")]
    assert [k for k, _ in kinds] == ["Briefing sheets", "Timelines", "Comparisons"]
    briefs = kinds[0][1]
    assert briefs[0] == "Collective Security Treaty Organization (CSTO)\u00a0– Russian ОДКБ"
    assert briefs[1:3] == [f"{briefs[0]} (PDF)", f"{briefs[0]} (Word)"]
    assert len(briefs) == 6 and len(kinds[1][1]) == 3 and len(kinds[2][1]) == 3


def test_each_page_carries_the_fragment_and_links_its_files(built):
    """wiki_content/<sheet>.html wraps the LMS fragment as it is, with links to its PDF and DOCX."""
    out, _ = built
    with zipfile.ZipFile(out / "course.imscc") as z:
        page = z.read("wiki_content/csto-ru-brief.html").decode("utf-8")
        names = set(z.namelist())
    assert (out / "csto-ru-brief.lms.html").read_text(encoding="utf-8") in page
    assert '<html lang="ru">' in page
    for href in re.findall(r'href="\.\./(web_resources/[^"]+)"', page):
        assert href in names
    assert len(re.findall(r'href="\.\./web_resources/', page)) == 2


def test_index_links_every_sheet_by_kind(built):
    """index.html: the course title as h1, a section per kind, every link to a file that exists."""
    out, _ = built
    root = lhtml.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert root.findtext(".//h1") == "Collective defence — a small course"
    assert [h.text_content() for h in root.iter("h2")] == ["Briefing sheets", "Timelines",
                                                             "Comparisons"]
    hrefs = root.xpath("//a/@href")
    assert len(hrefs) == 4 * 3
    assert all((out / h).is_file() for h in hrefs)
    ru = root.xpath("//li/a[@lang='ru']")  # the title's language, on its link
    assert len(ru) == 1 and "Организация" in ru[0].text_content()


def test_same_course_same_cartridge_bytes(built, tmp_path):
    """The cartridge is reproducible: a --force rebuild writes the same bytes."""
    out, _ = built
    first = (out / "course.imscc").read_bytes()
    manifest = out.parent / "course.yaml"
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--cartridge", "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "course.imscc").read_bytes() == first


def test_cartridge_needs_the_lms_format(tmp_path):
    """Without lms in a job's formats --cartridge is refused before anything is built."""
    (tmp_path / "c.yaml").write_text(f"jobs:\n  - facts: {ROOT}/tests/data/mini.yaml\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "c.yaml"), "--cartridge"])
    assert result.exit_code != 0
    assert "c.yaml:2" in result.stderr and "lms" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


def test_index_says_the_language_of_each_title_not_of_the_labels(built):
    """WCAG 3.1.2 in index.html: the Russian sheet's title link is lang=ru (its "PDF, Word"
    labels stay in the index's language), and "ОДКБ" inside an English title is lang=ru."""
    from lxml import html as lhtml

    out, _ = built
    root = lhtml.document_fromstring((out / "index.html").read_text(encoding="utf-8"))

    def language(el):
        return next(e.get("lang") for e in (el, *el.iterancestors()) if e.get("lang"))

    (ru_link,) = root.xpath('//a[@href="csto-ru-brief.html"]')
    assert language(ru_link) == "ru"
    assert language(root.xpath('//a[@href="csto-ru-brief.pdf"]')[0]) == "en"
    (en_link,) = root.xpath('//a[@href="csto-brief.html"]')
    assert language(en_link) == "en"
    (odkb,) = [s for s in en_link.iter("span") if "ОДКБ" in (s.text or "")]
    assert language(odkb) == "ru"


@pytest.mark.slow
def test_the_example_course_builds_every_format_with_pack_and_cartridge(tmp_path):
    """examples/course (pdf, docx, html, lms) with --pack --cartridge: every job built, the
    cartridge's manifest valid IMS CC 1.1, every file it names in the zip, one page per sheet
    in its own index.html."""
    import shutil

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    course = tmp_path / "examples" / "course" / "course.yaml"
    result = CliRunner().invoke(cli, ["batch", str(course), "--pack", "--cartridge", "-j", "2",
                                      "-q"])
    assert result.exit_code == 0, result.output
    out = course.parent / "out"
    pages = sorted(p.name for p in out.glob("*.html") if not p.name.endswith(".lms.html")
                   and p.name != "index.html")
    assert len(pages) == 9 and all((out / p.replace(".html", ".lms.html")).is_file() for p in pages)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    with zipfile.ZipFile(out / "course.imscc") as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        assert schema.validate(manifest), schema.error_log
        hrefs = {f.get("href") for f in manifest.iter(f"{CP}file")}
        assert hrefs and hrefs <= set(z.namelist())
        assert {f"wiki_content/{p}" for p in pages} <= hrefs
    index = lhtml.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(index.xpath("//li/a[1]/@href")) == pages
