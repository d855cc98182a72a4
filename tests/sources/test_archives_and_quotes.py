"""``check --links``: archived copies (a fake Wayback availability API) and quotes on the page."""

from __future__ import annotations

import json

import pytest
from linksite import line_of, page, run, write

QUOTE = ("The Parties will consult together whenever, in the opinion of any of them, the "
         "territorial integrity, political independence or security of any of the Parties is "
         "threatened.")
# The page sets it with curly quotes, an em dash, a no-break space and line breaks.
ON_PAGE = ("<p>Article 4</p><p>The Parties will consult together whenever,\n in the opinion of "
           "any of them, the territorial integrity,\u00a0political independence or security of "
           "any of the Parties is threatened.</p>")


pytestmark = pytest.mark.usefixtures("link_cache")


def api(site):
    return site.url("/wayback/available")


def records(result):
    return {r["code"]: r for r in json.loads(result.stdout)}


def test_a_source_without_archived_gets_the_snapshot_nearest_accessed(tmp_path, site):
    url = site.route("/treaty", body=page("Treaty"))
    site.snapshots[url] = "/web/20261122000000/treaty"
    path = write(tmp_path, [{"id": "s", "url": url, "accessed": "2026-11-22"}])
    result = run(str(path), "--links", "--archive-api", api(site), "--format", "json")
    found = records(result)
    assert set(found) == {"BG165"}
    assert found["BG165"]["suggestion"] == site.url("/web/20261122000000/treaty")
    assert "nearest 2026-11-22" in found["BG165"]["message"]
    [ask] = site.hits("/wayback/available")
    assert "timestamp=20261122" in ask.path and "url=" in ask.path


def test_no_snapshot_suggests_archiving_the_page(tmp_path, site):
    url = site.route("/treaty", body=page("Treaty"))
    path = write(tmp_path, [{"id": "s", "url": url}])
    found = records(run(str(path), "--links", "--archive-api", api(site), "--format", "json"))
    assert found["BG165"]["suggestion"] == "https://web.archive.org/save/" + url


def test_a_dead_source_is_pointed_at_its_snapshot(tmp_path, site):
    url = site.route("/gone", status=404)
    site.snapshots[url] = "/web/2026/gone"
    path = write(tmp_path, [{"id": "s", "url": url, "accessed": "2026-11-22"}])
    result = run(str(path), "--links", "--retries", "0", "--archive-api", api(site), "--format",
                 "json")
    found = records(result)
    assert set(found) == {"BG160"}  # the dead link's message carries the snapshot
    assert found["BG160"]["suggestion"] == site.url("/web/2026/gone")
    assert "add archived: " + site.url("/web/2026/gone") in found["BG160"]["message"]


def test_a_source_with_archived_is_not_looked_up_and_its_copy_is_checked(tmp_path, site):
    url = site.route("/treaty", body=page("Treaty"))
    copy = site.route("/web/2026/treaty", status=404)
    path = write(tmp_path, [{"id": "s", "url": url, "archived": copy}])
    found = records(run(str(path), "--links", "--retries", "0", "--archive-api", api(site),
                        "--format", "json"))
    assert set(found) == {"BG166"} and site.hits("/wayback/available") == []
    assert found["BG166"]["line"] == line_of(path, "archived:")


def test_the_archive_lookup_is_cached_too(tmp_path, site):
    url = site.route("/treaty", body=page("Treaty"))
    path = write(tmp_path, [{"id": "s", "url": url}])
    run(str(path), "--links", "--archive-api", api(site))
    run(str(path), "--links", "--archive-api", api(site))
    assert len(site.hits("/wayback/available")) == 1 and len(site.hits("/treaty", "HEAD")) == 1
    run(str(path), "--links", "--archive-api", api(site), "--refresh")
    assert len(site.hits("/wayback/available")) == 2 and len(site.hits("/treaty", "HEAD")) == 2


def _quote_file(tmp_path, url, archived=None, text=QUOTE):
    source = {"id": "nat", "url": url}
    if archived:
        source["archived"] = archived
    return write(tmp_path, [source], {"article4": {"value": text, "sources": ["nat"],
                                                   "quote": "true"}})


def test_a_quote_found_on_the_page_in_other_typography(tmp_path, site):
    url = site.route("/nat", body=page("Treaty", ON_PAGE))
    path = _quote_file(tmp_path, url, text=QUOTE.replace("The Parties", "“The Parties")
                       .replace("threatened.", "threatened.”"))
    assert records(run(str(path), "--links", "--no-archive", "--format", "json")) == {}


def test_a_quote_with_an_ellipsis_needs_each_part_in_order(tmp_path, site):
    url = site.route("/nat", body=page("Treaty", ON_PAGE))
    path = _quote_file(tmp_path, url, text="The Parties will consult together … is threatened.")
    assert records(run(str(path), "--links", "--no-archive", "--format", "json")) == {}
    path = _quote_file(tmp_path, url, text="is threatened … The Parties will consult")
    assert "BG164" in records(run(str(path), "--links", "--no-archive", "--format", "json"))


def test_a_quote_not_on_the_page_is_a_warning_at_the_fact(tmp_path, site):
    url = site.route("/nat", body=page("Treaty", ON_PAGE.replace("consult", "meet")))
    path = _quote_file(tmp_path, url)
    found = records(run(str(path), "--links", "--no-archive", "--format", "json"))
    assert set(found) == {"BG164"}
    assert found["BG164"]["line"] == line_of(path, "value:")
    assert "fact 'article4' is marked quote: true" in found["BG164"]["message"]


def test_words_only_in_a_script_do_not_count(tmp_path, site):
    url = site.route("/nat", body=page("Treaty", f"<script>'{QUOTE}'</script>"))
    path = _quote_file(tmp_path, url)
    assert "BG164" in records(run(str(path), "--links", "--no-archive", "--format", "json"))


def test_a_quote_gone_from_the_live_page_but_on_its_archived_copy_passes(tmp_path, site):
    url = site.route("/nat", body=page("Treaty", "Rewritten."))
    copy = site.route("/web/2026/nat", body=page("Treaty", ON_PAGE))
    path = _quote_file(tmp_path, url, archived=copy)
    assert records(run(str(path), "--links", "--no-archive", "--format", "json")) == {}
    assert site.hits("/web/2026/nat", "GET")


def test_an_archive_api_that_does_not_answer_is_said_so_and_asked_again(tmp_path, site):
    url = site.route("/treaty", body=page("Treaty"))
    down = site.route("/down/available", status=503)
    path = write(tmp_path, [{"id": "s", "url": url}])
    found = records(run(str(path), "--links", "--retries", "0", "--archive-api", down,
                        "--format", "json"))
    assert "the archive's API did not answer" in found["BG165"]["message"]
    run(str(path), "--links", "--retries", "0", "--archive-api", down)
    assert len(site.hits("/down/available")) == 2  # an unanswered lookup is not cached


def test_a_quote_on_a_dead_page_is_not_checked_and_the_dead_link_says_so(tmp_path, site):
    url = site.route("/nat", status=404)
    path = _quote_file(tmp_path, url)
    found = records(run(str(path), "--links", "--retries", "0", "--no-archive",
                        "--format", "json"))
    assert set(found) == {"BG160"}
    assert "the quote of fact article4 is not checked" in found["BG160"]["message"]


def test_a_long_list_of_citing_facts_is_cut(tmp_path, site):
    url = site.route("/x", status=404)
    facts = {f"fact_{n}": {"value": "x", "sources": ["s"]} for n in range(9)}
    path = write(tmp_path, [{"id": "s", "url": url}], facts)
    [record] = json.loads(run(str(path), "--links", "--retries", "0", "--no-archive",
                              "--format", "json").stdout)
    assert "(cited by fact_0, fact_1, fact_2, fact_3, fact_4, fact_5, 3 more)" in record["message"]


def test_a_run_stops_asking_an_archive_api_that_keeps_failing(tmp_path, site):
    sources = [{"id": f"s{n}", "url": site.route(f"/p{n}", body=b"x",
                                                 headers={"Content-Type": "application/pdf"})}
               for n in range(10)]
    down = site.route("/down/available", status=500)
    path = write(tmp_path, sources)
    found = json.loads(run(str(path), "--links", "--retries", "0", "--archive-api", down,
                           "--format", "json").stdout)
    assert len([r for r in found if "API did not answer" in r["message"]]) == 10
    assert 3 <= len(site.hits("/down/available")) <= 4  # three in a row, one more in flight
