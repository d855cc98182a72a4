"""The one allow-list every link on a handout passes: http, https and mailto.

A link reaches a PDF ``/URI`` action or a DOCX hyperlink relationship from a
template (``[x](…)``), from a fact value pasted into a link, from a source's
``url:``, from a theme or a manifest. Whatever the path, it goes through
:func:`check_link` (the tree builder, the facts loader) and again through
:func:`allowed_link` in each writer, just before it is written. So a
``javascript:``, ``file:``, ``data:``, ``vbscript:`` link, a relative one, a
Windows UNC path (``\\\\host\\share``: clicking it in Word sends the reader's
Windows credentials to that host) or a link hiding its host behind a user name
is never clickable: it prints as text, and the caller warns naming the file
and line. A host mixing scripts (``www.nаto.int`` with a Cyrillic ``а``) is
linked and printed in its punycode form (``xn--…``), with a warning.

Writers of new formats (HTML …) and new paths of links (``archived:`` source
URLs …) call :func:`allowed_link`; nothing else decides what may be linked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
"""The only schemes a handout links to."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Controls, spaces, line separators, bidi controls and invisible format characters:
# percent-encoded in a target (they are invalid there, and would reorder or hide text).
_URL_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f"
                         "\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
                         "\ufff9-\ufffb\U000e0000-\U000e007f]")


@dataclass(frozen=True)
class LinkCheck:
    """What :func:`check_link` decided.

    ``target`` is what a writer may link to (``None``: print the text, unlinked);
    ``problem`` says why it is not linked, or warns about a linked one (a host
    that mixes scripts), in words for a ``file:line: …`` message.
    """

    target: str | None
    problem: str | None = None


def check_link(url: str) -> LinkCheck:
    """Hold ``url`` against the allow-list (http, https, mailto).

    Refused, with the reason: any other scheme (``javascript:``, ``file:``,
    ``data:`` …), a relative or scheme-less target, a backslash anywhere (Windows
    UNC paths), an http(s) link without a host or with a user name before its host
    (``https://nato.int@evil.example``). Accepted targets have control, bidi
    and invisible characters percent-encoded, and a host that mixes scripts is
    given in its punycode (IDNA) form, with a warning.
    """
    shown = printable_url(url)
    url = url.strip(" \t\n\r\f\v")
    if "\\" in url:
        return LinkCheck(None, f"link target '{shown}' has a backslash (a Windows path, "
                               "which sends the reader's credentials when clicked); printed "
                               "as text, not linked")
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ALLOWED_SCHEMES:
        what = f"'{scheme}:'" if scheme else "relative"
        return LinkCheck(None, f"link target '{shown}' is a {what} link; only http, https "
                               "and mailto links are allowed on a handout: printed as text, "
                               "not linked")
    target = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    if scheme == "mailto":
        if len(target) <= len("mailto:"):
            return LinkCheck(None, f"link target '{shown}' has no address; printed as text")
        return LinkCheck(target)
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return LinkCheck(None, f"link target '{shown}' is not a valid address; printed as text")
    if not target[len(scheme) + 1:].startswith("//") or not host:
        return LinkCheck(None, f"link target '{shown}' has no host; printed as text, not linked")
    if "@" in parts.netloc:
        return LinkCheck(None, f"link target '{shown}' hides its host behind a user name "
                               f"(it goes to '{host}'); printed as text, not linked")
    if not host.isascii():  # a /URI is 7-bit ASCII: the host in its IDNA form
        scripts = host_scripts(host)
        puny = _punycode(host)
        if puny is None:
            return LinkCheck(None, f"link target '{shown}' has a host that is not a valid "
                                   "international name; printed as text, not linked")
        netloc = puny + (f":{parts.port}" if parts.port is not None else "")
        target = urlunsplit(parts._replace(netloc=netloc))
        if len(scripts) > 1:
            return LinkCheck(target, f"the host of '{shown}' mixes scripts "
                                     f"({', '.join(s.title() for s in scripts)}): a look-alike "
                                     f"address; printed as {puny}")
    return LinkCheck(target)


def allowed_link(url: str | None) -> str | None:
    """The target a writer may link ``url`` to, or ``None`` to print the text unlinked.

    The one allow-list (http, https, mailto) of :func:`check_link`; every writer
    calls this just before it writes a link, whatever path the link came by.
    """
    if not url:
        return None
    return check_link(url).target


def printed_url(url: str) -> str:
    """``url`` as a handout prints it: the one rule for printed strings applied, and a
    host that mixes scripts in its punycode form (the link goes where the text says)."""
    from briefgen.printable import clean_text

    url = clean_text(url)[0]
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url
    if host.isascii() or len(host_scripts(host)) < 2 or "@" in parts.netloc:
        return url
    puny = _punycode(host)
    if puny is None:
        return url
    return urlunsplit(parts._replace(netloc=puny + (f":{port}" if port is not None else "")))


def host_scripts(host: str) -> list[str]:
    """The scripts the letters of ``host`` are written in (``['CYRILLIC', 'LATIN']``)."""
    found = set()
    for ch in host:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            found.add(name.split(" ")[0] if name else "UNKNOWN")
    return sorted(found)


def _punycode(host: str) -> str | None:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def printable_url(url: str, limit: int = 80) -> str:
    """``url`` for a message: control and invisible characters escaped, cut at ``limit``."""
    text = url if len(url) <= limit else url[:limit] + "…"
    return _URL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii")
                           if m.group() != " " else " ", text)
