"""``briefgen check --links``: every cited URL asked once, each problem a diagnostic.

All URLs of all files are checked together (a thread pool; each host behind
its own gate, see :mod:`briefgen.sources.fetch`), each result is kept in the
cache (:mod:`briefgen.sources.linkcache`), and each source of each file then
hears what its URL answered, named by the facts that cite it:

- ``BG160`` dead: 4xx/5xx, host not found, no answer in time, refused;
- ``BG161`` moved permanently (301/308): the new URL is the suggestion;
- ``BG162`` soft 404: a 2xx page that says it is not found;
- ``BG163`` the page's title changed since the last check;
- ``BG164`` a ``quote: true`` fact whose words are not on the page (nor its archived copy);
- ``BG165`` no ``archived:`` copy: the snapshot nearest ``accessed`` is the suggestion;
- ``BG166`` the ``archived:`` copy itself does not answer.

All are warnings; ``--strict`` makes them failures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus

from briefgen.errors import Problem
from briefgen.facts import Facts
from briefgen.sources.cited import CitedSource, Quote, cited_sources
from briefgen.sources.fetch import Fetcher, LinkResult, Settings, normalise, printable
from briefgen.sources.linkcache import is_fresh, load_result, load_snapshot, store_result, store_snapshot
from briefgen.sources.wayback import DEFAULT_ARCHIVE_API, lookup, save_url

UNREACHABLE = "\0unreachable"
"""What :meth:`LinkChecker.snapshot` returns when the archive API gave no answer."""

GIVE_UP_AFTER = 3
"""Archive lookups in a row without an answer after which a run stops asking the API."""

MAX_KEYS = 6
"""Fact keys named in a message; more are counted ("and 8 more")."""


@dataclass(frozen=True)
class LinkOptions:
    """How ``check --links`` asks: the archive API (None: no lookups), cache use, politeness."""

    archive_api: str | None = DEFAULT_ARCHIVE_API
    refresh: bool = False
    max_age_hours: float = 24.0
    settings: Settings = field(default_factory=Settings)


class LinkChecker:
    """Checks URLs once each (cache first), and finds archive snapshots."""

    def __init__(self, options: LinkOptions):
        self.options = options
        self.fetcher = Fetcher(options.settings)
        self._unanswered = 0  # archive lookups in a row that got no answer

    def result(self, url: str, want_text: bool = False) -> LinkResult:
        """The URL's result: the cached one while fresh (unless --refresh), else asked now."""
        prev = load_result(url)
        if (prev is not None and not self.options.refresh
                and is_fresh(prev, self.options.max_age_hours)
                and (not want_text or prev.text is not None)):
            return prev
        new = self.fetcher.check(url, want_text)
        if prev is not None:
            before = prev.title or prev.previous_title
            when = prev.checked if prev.title else prev.previous_checked
            if new.title is None and before:
                new.previous_title, new.previous_checked = before, when
            elif before and new.title and normalise(before) != normalise(new.title):
                new.previous_title, new.previous_checked = before, when
        store_result(new)
        return new

    def snapshot(self, url: str, day: dt.date | None) -> str | None:
        """The archived snapshot of ``url`` nearest ``day`` (cached like a link result),
        None when the archive has none, :data:`UNREACHABLE` when its API did not answer."""
        api = self.options.archive_api
        if not api:
            return None
        key = day.isoformat() if day else "latest"
        stored = load_snapshot(api, url, key)
        if stored is not None and not self.options.refresh and is_fresh(
                LinkResult(url=url, checked=stored["checked"]), self.options.max_age_hours):
            return stored["snapshot"]
        if self._unanswered >= GIVE_UP_AFTER:
            return UNREACHABLE  # the API is down or unreachable: stop asking this run
        found, answered = lookup(self.fetcher, api, url, day)
        if not answered:
            self._unanswered += 1
            return UNREACHABLE  # not cached: ask again next time
        self._unanswered = 0
        from briefgen.sources.fetch import now_stamp

        store_snapshot(api, url, key, found, now_stamp())
        return found

    def many(self, jobs: Iterable[tuple[str, bool]]) -> dict[str, LinkResult]:
        """Results of many ``(url, want_text)`` jobs, concurrently."""
        jobs = list(dict(jobs).items())
        with ThreadPoolExecutor(max_workers=self.options.settings.workers) as pool:
            results = pool.map(lambda job: self.result(*job), jobs)
            return {url: res for (url, _), res in zip(jobs, results, strict=True)}

    def close(self) -> None:
        """Close the connections."""
        self.fetcher.close()


def _dead(result: LinkResult) -> str | None:
    """Why a result counts as dead, or None."""
    if result.error:
        return result.error
    if result.status is not None and result.status >= 400:
        try:
            phrase = HTTPStatus(result.status).phrase
        except ValueError:
            phrase = ""
        return f"answers {result.status}{' ' + phrase if phrase else ''}"
    return None


def _via(result: LinkResult) -> str:
    if not result.redirects:
        return ""
    n = len(result.redirects)
    return f" (after {n} redirect{'s' if n > 1 else ''}, at {printable(result.final_url or '')})"


def _problem(cited: CitedSource, message: str, code: str, suggestion: str | None = None,
             line: int | None = None) -> Problem:
    return Problem(cited.file, line or cited.line, message, severity="warning", code=code,
                   suggestion=suggestion)


def source_problems(cited: CitedSource, result: LinkResult, archived: LinkResult | None,
                    snapshot: str | None, looked_up: bool = True) -> list[Problem]:
    """The problems of one source, given its URL's result, its archived copy's and the
    snapshot the archive API named (``looked_up``: whether it was asked)."""
    src, label, out = cited.source, cited.label(MAX_KEYS), []
    unreachable = snapshot == UNREACHABLE
    snapshot = None if unreachable else snapshot
    has_archived = src.archived
    fallback = has_archived or snapshot
    dead = _dead(result)
    if dead:
        hint = (f"; readers can use its archived copy {has_archived}" if has_archived else
                f"; the archive has a snapshot: add archived: {snapshot}" if snapshot else
                "; the archive's API did not answer" if unreachable else
                "; the archive named no snapshot" if looked_up else "")
        if cited.quotes and not has_archived and not snapshot:
            keys = ", ".join(q.key for q in cited.quotes)
            hint += f"; the quote of fact {keys} is not checked"
        out.append(_problem(cited, f"{label} {dead}{_via(result)}{hint}", "BG160", fallback))
    elif result.permanent_target and result.permanent_target != src.url:
        target = printable(result.permanent_target, 400)
        first = result.redirects[0][0]
        out.append(_problem(cited, f"{label} has moved permanently ({first}) to {target}; "
                            "write the new address as its url", "BG161", target))
    if not dead and result.soft_404:
        what = f"its page says '{result.title}'" if result.title else "it lands on an error page"
        out.append(_problem(cited, f"{label} answers {result.status} but {what}{_via(result)}: "
                            "a page that is not found", "BG162", fallback))
    if (not dead and not result.soft_404 and result.title and result.previous_title
            and normalise(result.title) != normalise(result.previous_title)):
        since = (result.previous_checked or "")[:10]
        out.append(_problem(cited, f"{label}: the page's title changed from "
                            f"'{printable(result.previous_title)}' to '{printable(result.title)}'"
                            f" since {since}; check that it still says what the facts cite",
                            "BG163"))
    if has_archived and archived is not None and (_dead(archived) or archived.soft_404):
        why = _dead(archived) or "lands on a page that is not found"
        out.append(_problem(cited, f"{label}: its archived copy {why}", "BG166",
                            line=cited.archived_line))
    if not has_archived and looked_up and not dead and unreachable:
        out.append(_problem(cited, f"{label} has no archived copy (the archive's API did not "
                            f"answer; to archive the page: {save_url(src.url)})", "BG165",
                            save_url(src.url)))
    elif not has_archived and looked_up and not dead:
        if snapshot:
            near = f" nearest {src.accessed}" if src.accessed else ""
            out.append(_problem(cited, f"{label} has no archived copy; the snapshot{near} is "
                                f"{snapshot}: add it as archived:", "BG165", snapshot))
        else:
            out.append(_problem(cited, f"{label} has no archived copy and the archive has none; "
                                f"archive the page ({save_url(src.url)}) and add archived:",
                                "BG165", save_url(src.url)))
    return out


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


def quote_found(quote: str, page_text: str) -> bool:
    """Whether the quoted words stand on the page (normalised); an ellipsis (``…``)
    marks words left out, so each part must appear, in order."""
    at = 0
    for part in _ELLIPSIS.split(quote):
        words = normalise(part).strip(" \"'")
        if not words:
            continue
        found = page_text.find(words, at)
        if found < 0:
            return False
        at = found + len(words)
    return True


def _quote_problem(cited: CitedSource, quote: Quote, where: str) -> Problem:
    return Problem(cited.owner or cited.file, quote.line, f"fact '{quote.key}' is marked quote: true but its "
                   f"words are not found on the page of source '{cited.source.id}' ({where})",
                   severity="warning", code="BG164")


def link_problems(files: list[Facts], options: LinkOptions | None = None
                  ) -> dict[str, list[Problem]]:
    """Check every source URL (and archived copy) of ``files``; the problems by facts file
    (a problem of a bibliography entry names the bibliography's file and line)."""
    options = options or LinkOptions()
    cited = [c for facts in files for c in cited_sources(facts)]
    jobs: dict[str, bool] = {}
    for c in cited:
        jobs[c.source.url] = jobs.get(c.source.url, False) or bool(c.quotes)
        archived = c.source.archived
        if archived:
            jobs.setdefault(archived, False)
    checker = LinkChecker(options)
    try:
        results = checker.many(jobs.items())
        lookups = sorted({(c.source.url, c.source.accessed) for c in cited
                          if not c.source.archived}, key=str)
        # One API host: as many at once as its gate lets through, so that a run gives up
        # on an API that does not answer after a few tries (GIVE_UP_AFTER).
        with ThreadPoolExecutor(max_workers=max(1, options.settings.per_host)) as pool:
            snaps = dict(zip(lookups, pool.map(lambda job: checker.snapshot(*job), lookups),
                             strict=True))
        problems: dict[str, list[Problem]] = {f"{f.path}": [] for f in files}
        for c in cited:
            archived = c.source.archived
            snapshot = snaps.get((c.source.url, c.source.accessed))
            found = source_problems(c, results[c.source.url],
                                    results.get(archived) if archived else None, snapshot,
                                    bool(options.archive_api))
            if snapshot == UNREACHABLE:
                snapshot = None
            found += _quotes(checker, c, results[c.source.url], archived or snapshot)
            problems[c.owner] += found
        return problems
    finally:
        checker.close()


def _quotes(checker: LinkChecker, cited: CitedSource, result: LinkResult,
            archived: str | None) -> list[Problem]:
    out = []
    for quote in cited.quotes:
        read = result.text is not None
        if read and quote_found(quote.text, result.text):
            continue
        if archived:
            copy = checker.result(archived, want_text=True)
            read = read or copy.text is not None
            if copy.text is not None and quote_found(quote.text, copy.text):
                continue
        if not read:
            continue  # the dead link is reported (BG160/BG166), saying the quote is not checked
        where = printable(cited.source.url, 200) + (" or its archived copy" if archived else "")
        out.append(_quote_problem(cited, quote, where))
    return out
