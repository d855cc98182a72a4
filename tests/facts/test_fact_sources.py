"""Every bundled facts file cites sources a reader can open, and none is a copy of a copy.

The facts files promise that each fact rests on a page a reader can open. These tests
hold every file in ``facts/`` to that: each cited source id resolves, each source has a
title and an http(s) URL, and no URL points at a staging host, a CDN or mirror copy of
an encyclopedia, a bare IP address or a tag/keyword listing page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

from briefgen.facts import load_facts

FACTS = sorted((ROOT / "facts").glob("*.yaml"))

# Why each pattern is banned. A source must be a page its publisher keeps, so that a
# reader who follows the link finds what the fact says, now and later:
# - staging / preview hosts are unpublished copies that change or vanish;
# - CDN hosts (CloudFront, Akamai, Fastly, Arc, "cdn." names) serve copies of someone
#   else's page under a meaningless name; the publisher's own address is the source;
# - encyclopedia mirrors (Wikiwand, WikiZero, WikiMili, *.wiki sites, en-academic,
#   IPFS and other Wikipedia copies) are stale reprints of an article that is itself
#   secondary; cite what the article cites, or Wikipedia itself if nothing better exists;
# - a bare IP address is a server, not a publisher, and moves without notice;
# - tag, keyword, category and search pages list whatever was published last; they
#   do not say what the fact says, and their content changes every day;
# - blog platforms (Blogspot/Blogger, WordPress.com, Typepad, LiveJournal, Tumblr,
#   Medium, Substack, Wix and Weebly sites) host anyone's page under the platform's
#   name: the author is unknown or unaccountable, the page is edited or deleted at will,
#   and a "copy" of a news story there is not the news agency's. Cite the publisher.
#   (A publisher's own blog section, e.g. atlanticcouncil.org/blogs/..., is its page.)
# - document-sharing sites (issuhub, Scribd, Yumpu, docslib, dokumen, vdocuments,
#   studylib, DocPlayer, pdfcoffee and the like) carry uploads of books and papers
#   without the publisher's licence: an unauthorised copy is not a source a course
#   can send students to, and it disappears on a takedown. Cite the publisher's text
#   or the primary document the book reproduces;
# - feed mirrors (rssing.com) re-serve someone else's RSS items under their own name.
# Each entry: (reason, pattern). Host patterns are matched against the lower-cased host,
# path patterns against the lower-cased path with its query.
HOST_PATTERNS: list[tuple[str, str]] = [
    ("staging or preview host", r"(^|[.-])(staging|preview)([.-]|$)"),
    ("CDN copy", r"(^|\.)(cloudfront\.net|akamaized\.net|akamaihd\.net|fastly\.net|arc-cdn\.net)$"),
    ("CDN copy", r"(^|[.-])cdn([.-]|$)"),
    ("encyclopedia mirror", r"(^|\.)(wikiwand\.com|wikizero\.com|wikimili\.com|wikibrief\.org"
                            r"|en-academic\.com|academic\.ru|wikipedia-on-ipfs\.org|fact-index\.com)$"),
    ("encyclopedia mirror", r"\.wiki$"),
    # "wiki" in any other host than the Wikimedia projects' own is a mirror of them.
    ("encyclopedia mirror",
     r"^(?!(.*\.)?(wikipedia|wikisource|wikimedia|wikidata|wiktionary)\.org$).*wiki"),
    ("bare IP address", r"^\d{1,3}(\.\d{1,3}){3}$"),
    ("blog platform",
     r"(^|\.)(blogspot\.[a-z.]+|blogger\.com|wordpress\.com|typepad\.com|livejournal\.com"
     r"|tumblr\.com|medium\.com|substack\.com|wixsite\.com|weebly\.com|over-blog\.com"
     r"|hatenablog\.com|blog\.jp)$"),
    ("unauthorised copy of a book or document",
     r"(^|\.)(issuhub\.com|scribd\.com|yumpu\.com|docslib\.org|dokumen\.(pub|tips)"
     r"|vdocuments\.[a-z.]+|vdocumento\.com|fdocuments\.[a-z.]+|studylib\.[a-z.]+"
     r"|docplayer\.[a-z.]+|pdfcoffee\.com|ebin\.pub|epdf\.pub|kupdf\.net|idoc\.pub"
     r"|doku\.pub|documents\.pub|pdfslide\.net|datospdf\.com|businessdocbox\.com"
     r"|paperzz\.com|docsbay\.net|kipdf\.com|moam\.info|studmed\.ru|docgo\.net"
     r"|silo\.pub|pdfroom\.com)$"),
    ("feed mirror", r"(^|\.)rssing\.com$"),
]
PATH_PATTERNS: list[tuple[str, str]] = [
    # A listing page: the tag/keyword/category/search segment followed by at most one
    # more segment (the tag's name) and nothing else. An item filed under a keyword,
    # e.g. kremlin.ru/catalog/keywords/18/events/9921, is a page of its own and passes.
    ("tag or keyword listing page",
     r"/(tag|tags|keyword|keywords|category|categories|etiqueta|eticheta|label|search)"
     r"(/[^/?#]*)?/?([?#].*)?$"),
]


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a source, or None when it may."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL with a host"
    host = parts.hostname.lower()
    path = (parts.path + ("?" + parts.query if parts.query else "")).lower()
    for reason, pattern in HOST_PATTERNS:
        if re.search(pattern, host):
            return reason
    for reason, pattern in PATH_PATTERNS:
        if re.search(pattern, path):
            return reason
    return None


def source_problems(path: Path) -> list[str]:
    """Every problem with the sources of one facts file, one line each."""
    model = load_facts(path).model  # raises on an unknown source id, naming file and line
    problems = []
    known = {s.id for s in model.sources}
    for key, fact in model.facts.items():
        cited = set(fact.sources) | {s for item in fact.items or [] for s in item.sources}
        if not cited:
            problems.append(f"fact {key} cites no source")
        for missing in sorted(cited - known):
            problems.append(f"fact {key} cites unknown source {missing}")
    for source in model.sources:
        if not source.title.strip():
            problems.append(f"source {source.id} has no title")
        reason = url_problem(source.url)
        if reason:
            problems.append(f"source {source.id}: {source.url} is not allowed ({reason})")
    return problems


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_every_source_resolves_and_is_a_page_a_reader_can_open(path):
    assert source_problems(path) == []


def test_the_new_treaties_are_among_the_files_checked():
    assert {"csto", "nato", "eu", "rio", "anzus"} <= {p.stem for p in FACTS}


@pytest.mark.parametrize("url, reason", [
    ("https://staging.verfassungsblog.de/en/awakening-dormant-law", "staging or preview host"),
    ("https://public-preview-server.prod.cstreetsandbox.com/north-atlantic-treaty",
     "staging or preview host"),
    ("https://db0nus869y26v.cloudfront.net/en/North_Atlantic_Treaty", "CDN copy"),
    ("https://irishtimes-irishtimes-prod.web.arc-cdn.net/news/alliance", "CDN copy"),
    ("https://cdn.example.org/article.html", "CDN copy"),
    ("https://www.wikiwand.com/en/ANZUS", "encyclopedia mirror"),
    ("https://www.wikizero.com/en/Rio_Treaty", "encyclopedia mirror"),
    ("https://nl.frwiki.wiki/wiki/Article_42", "encyclopedia mirror"),
    ("https://wiki.gubat.org/content/wikipedia_en_all_maxi_2024-01/A/ANZUS_treaty",
     "encyclopedia mirror"),
    ("https://en-academic.com/dic.nsf/enwiki/13419", "encyclopedia mirror"),
    ("http://20.185.176.227/?p=4830", "bare IP address"),
    ("https://worldnews24x7.tv/tag/finland-joins-nato-as-its-31st-member",
     "tag or keyword listing page"),
    ("https://en.mercopress.com/tags/inter-american-treaty-of-reciprocal-assistance",
     "tag or keyword listing page"),
    ("https://newsweek.ro/eticheta/artilerie", "tag or keyword listing page"),
    ("https://www.example-news.org/search?max-results=10",
     "tag or keyword listing page"),
    ("ftp://example.org/file", "not an http(s) URL with a host"),
    ("https://laymansworldaffairs.wordpress.com/2010/11/30/anzus-treaty/", "blog platform"),
    ("http://worldunitednews.blogspot.com/2012/06/4-alba-states-leave-rio-treaty.html",
     "blog platform"),
    ("https://elquijotesiglo21.blogspot.com.es/2014/02/ecuador.html", "blog platform"),
    ("https://someone.substack.com/p/what-is-the-anzus-treaty", "blog platform"),
    ("https://medium.com/@someone/the-rio-treaty-1234", "blog platform"),
    ("https://issuhub.com/view/index/23326?pageIndex=439",
     "unauthorised copy of a book or document"),
    ("https://de.scribd.com/doc/306973948/Tratado-Interamericano",
     "unauthorised copy of a book or document"),
    ("https://docslib.org/doc/13091371/a-37-553", "unauthorised copy of a book or document"),
    ("https://www.yumpu.com/es/document/view/14287571/x", "unauthorised copy of a book or document"),
    ("http://civilnet5.rssing.com/chan-123/latest.php", "feed mirror"),
])
def test_bad_urls_are_caught(url, reason):
    assert url_problem(url) == reason


@pytest.mark.parametrize("url", [
    "https://www.nato.int/cps/en/natohq/topics_49187.htm",
    "http://en.special.kremlin.ru/catalog/keywords/18/events/9921",
    "https://en.wikisource.org/wiki/Page:United_States_Statutes_at_Large_Volume_62_Part_2.djvu/403",
    "https://en.wikipedia.org/wiki/ANZUS",
    "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016M/TXT",
    "https://verfassungsblog.de/awakening-dormant-law-or-the-invocation-of-the-european"
    "-mutual-assistance-clause-after-the-paris-attacks",
    "http://www.oas.org/juridico/english/sigs/b-29.html",
    # A publisher's own blog section is its page, not a blog platform.
    "https://www.atlanticcouncil.org/blogs/natosource/uzbekistan-quits-russiadominated-security-pact-csto/",
    "https://verfassungsblog.de/awakening-dormant-law",
    "https://www.latimes.com/archives/blogs/world-now/story/2012-09-20/panetta",
    # Hosts that merely contain a banned name are not caught.
    "https://www.mediumrarebooks.example/medium.com-review",
    "https://blogspotting.example.org/a",
])
def test_publishers_own_pages_pass(url):
    assert url_problem(url) is None


def test_a_facts_file_with_a_mirror_source_fails(tmp_path, mini_facts):
    """The per-file check really fails: the same file with one URL swapped for a mirror."""
    text = mini_facts.read_text(encoding="utf-8")
    urls = re.findall(r"url: (\S+)", text)
    assert urls and source_problems(mini_facts) == []
    bad = tmp_path / "mini.yaml"
    bad.write_text(text.replace(urls[0], "https://www.wikiwand.com/en/Mini_Test_Alliance", 1),
                   encoding="utf-8")
    problems = source_problems(bad)
    assert len(problems) == 1 and "encyclopedia mirror" in problems[0]
