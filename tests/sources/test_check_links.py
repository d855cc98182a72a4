"""``briefgen check --links`` against a site on 127.0.0.1: every class, every format."""

from __future__ import annotations

import json
import re

import pytest
from linksite import Answer, line_of, page, run, write

from briefgen import __version__

pytestmark = pytest.mark.usefixtures("link_cache")


def test_a_dead_link_names_file_line_source_and_the_facts_citing_it(tmp_path, site):
    url = site.route("/art4", status=404, body=page("Not here"))
    path = write(tmp_path, [{"id": "nato-art4", "url": url}],
                 {"article4_consultations": {"value": "Eight.", "sources": ["nato-art4"]},
                  "cmp_invocations": {"value": "Once.", "sources": ["nato-art4"]}})
    result = run(str(path), "--links", "--no-archive")
    assert result.exit_code == 0, result.stderr  # a warning without --strict
    line = line_of(path, url)
    assert (f"warning: {path}:{line}: source 'nato-art4' (cited by article4_consultations, "
            f"cmp_invocations) answers 404 Not Found") in result.stderr
    assert "ok with 1 warning" in result.stderr
    strict = run(str(path), "--links", "--no-archive", "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.stderr


@pytest.mark.parametrize("status", [410, 500])
def test_other_dead_statuses(tmp_path, site, status):
    url = site.route("/x", status=status)
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--retries", "0", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["code"] == "BG160" and f"answers {status}" in record["message"]


def test_head_then_get_where_head_is_refused_and_the_user_agent_names_briefgen(tmp_path, site):
    url = site.route("/nohead", status=200, body=page("Treaty"), head=405)
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    methods = [r.method for r in site.hits("/nohead")]
    assert methods[0] == "HEAD" and "GET" in methods
    agents = {r.headers.get("User-Agent") for r in site.requests}
    assert agents == {f"briefgen/{__version__} (source link check)"}


def test_a_permanent_redirect_suggests_the_new_url(tmp_path, site):
    new = site.route("/new-home", body=page("Treaty"))
    url = site.redirect("/old-home", new, 301)
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["code"] == "BG161" and record["suggestion"] == new
    assert record["line"] == line_of(path, url) and "(cited by article4_consultations)" in record["message"]


def test_a_temporary_redirect_is_followed_quietly(tmp_path, site):
    target = site.route("/today", body=page("Treaty"))
    url = site.redirect("/latest", target, 302)
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--format", "json")
    assert json.loads(result.stdout) == [] and site.hits("/today")


@pytest.mark.parametrize("how", ["title", "front-page"])
def test_a_soft_404(tmp_path, site, how):
    if how == "title":
        url = site.route("/gone", body=page("Page not found – Ministry"))
    else:
        site.route("/", body=page("Ministry home"))
        url = site.redirect("/news/2025/article", site.url("/"), 302)
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["code"] == "BG162" and "answers 200" in record["message"]


def test_a_changed_title_is_reported_against_the_cached_result(tmp_path, site):
    url = site.route("/page", body=page("Article 4 consultations"))
    path = write(tmp_path, [{"id": "s", "url": url}])
    assert json.loads(run(str(path), "--links", "--no-archive", "--format", "json").stdout) == []
    site.route("/page", body=page("Cookie policy"))
    cached = json.loads(run(str(path), "--links", "--no-archive", "--format", "json").stdout)
    assert cached == []  # a result younger than a day is not asked again
    fresh = json.loads(run(str(path), "--links", "--no-archive", "--refresh",
                           "--format", "json").stdout)
    [record] = fresh
    assert record["code"] == "BG163"
    assert "'Article 4 consultations' to 'Cookie policy'" in record["message"]


def test_dns_failure_and_timeout_are_dead(tmp_path, site):
    slow = site.route("/slow", body=page("Slow"), delay=3)
    path = write(tmp_path, [{"id": "nowhere", "url": "http://no-such-host.invalid/treaty"},
                            {"id": "slow", "url": slow}],
                 {"claim": {"value": "x", "sources": ["nowhere", "slow"]}})
    result = run(str(path), "--links", "--no-archive", "--timeout", "0.5", "--retries", "1",
                 "--format", "json")
    records = {r["message"].split("'")[1]: r for r in json.loads(result.stdout)}
    assert records["nowhere"]["code"] == "BG160"
    assert ("(cited by claim) names the host 'no-such-host.invalid', which is not found (DNS)"
            in records["nowhere"]["message"])
    assert records["slow"]["code"] == "BG160"
    assert "did not answer within 0.5 s" in records["slow"]["message"]
    assert len(site.hits("/slow", "HEAD")) == 2  # asked again once


def test_retries_with_backoff_after_503(tmp_path, site):
    url = site.route("/busy", Answer(503, headers={"Retry-After": "0"}), Answer(200, page("Fine")))
    path = write(tmp_path, [{"id": "s", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--format", "json")
    assert json.loads(result.stdout) == []
    heads = site.hits("/busy", "HEAD")
    assert len(heads) == 2 and heads[1].at - heads[0].at >= 0.9  # backoff of one second


def test_one_host_gets_at_most_three_requests_a_second(tmp_path, site):
    sources = [{"id": f"s{i}", "url": site.route(f"/p{i}", body=b"x",
                                                 headers={"Content-Type": "application/pdf"})}
               for i in range(7)]
    path = write(tmp_path, sources)
    run(str(path), "--links", "--no-archive")
    times = sorted(r.at for r in site.requests)
    assert len(times) == 7
    # Started a third of a second apart at the least: seven requests span two seconds or
    # more (arrival jitter on a busy machine only moves the two ends a little).
    assert times[-1] - times[0] >= 1.8, times
    assert all(sum(t <= start < t + 1.0 for start in times) <= 4 for t in times), times


def test_each_url_is_asked_once_per_run_even_when_several_files_cite_it(tmp_path, site):
    url = site.route("/shared", status=404)
    one = write(tmp_path, [{"id": "a", "url": url}], name="one.yaml")
    two = write(tmp_path, [{"id": "b", "url": url}], name="two.yaml")
    result = run(str(one), str(two), "--links", "--no-archive", "--retries", "0")
    assert f"{one}:" in result.stderr and f"{two}:" in result.stderr
    assert len(site.hits("/shared", "HEAD")) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_format_carries_the_link_problem(tmp_path, site, fmt):
    url = site.route("/art4", status=404)
    path = write(tmp_path, [{"id": "nato-art4", "url": url}])
    result = run(str(path), "--links", "--no-archive", "--retries", "0", "--format", fmt)
    line = line_of(path, url)
    out = result.stderr if fmt == "text" else result.stdout
    assert "source 'nato-art4' (cited by article4_consultations) answers 404" in out
    if fmt == "github":
        assert re.search(rf"::warning file=[^,]+,line={line},title=BG160::", out)
    elif fmt == "sarif":
        run0 = json.loads(out)["runs"][0]
        assert run0["tool"]["driver"]["rules"][0]["id"] == "BG160"
        assert run0["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    elif fmt == "json":
        assert json.loads(out)[0]["line"] == line


def test_without_links_nothing_is_asked(tmp_path, site):
    url = site.route("/art4", status=404)
    path = write(tmp_path, [{"id": "s", "url": url}])
    assert run(str(path)).exit_code == 0 and site.requests == []
    usage = run(str(path), "--refresh")
    assert usage.exit_code == 2 and "--links" in usage.stderr


def test_a_dead_link_from_the_bibliography_names_the_bibliography_entry(tmp_path, site):
    url = site.route("/gone", status=404)
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([{"id": "dw-art4", "type": "webpage", "title": "Article 4",
                                 "URL": url}], indent=2), "utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text("id: b\ntitle: B\nas_of: 2026-11-22\nbibliography: refs.json\nfacts:\n"
                    "  claim:\n    value: x\n    sources: [dw-art4]\n", "utf-8")
    result = run(str(path), "--links", "--no-archive", "--retries", "0", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["code"] == "BG160" and record["file"] == str(refs)
    assert record["line"] == line_of(refs, '"id": "dw-art4"')
    assert "source 'dw-art4' (cited by claim) answers 404" in record["message"]
