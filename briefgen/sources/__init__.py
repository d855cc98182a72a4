"""Sources that last: check cited links, find archived copies, move sources in and out.

- :mod:`~briefgen.sources.cited`: every source of a facts file with its line and the
  fact keys that cite it.
- :mod:`~briefgen.sources.fetch`: the HTTP side (httpx, imported only when a link is
  checked): per-host limits, retries, HEAD then GET, redirects recorded.
- :mod:`~briefgen.sources.linkcache`: each URL's last result, as plain JSON in the cache.
- :mod:`~briefgen.sources.wayback`: the snapshot nearest a date, from a Wayback
  availability API.
- :mod:`~briefgen.sources.links`: ``briefgen check --links``: results as diagnostics.
- :mod:`~briefgen.sources.export`: CSL-JSON, BibTeX and RIS out.
"""
