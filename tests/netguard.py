"""Tests never reach the internet: every socket may connect to loopback only.

Installed for the whole suite by ``tests/conftest.py``. ``socket.connect`` (and
``connect_ex``) to an address outside 127.0.0.0/8 and ::1 raises before any
packet leaves, and name lookups answer only for loopback names and addresses
(anything else fails as a DNS failure would, with no query sent; a test's
deliberately dead host is named ``*.invalid``). Every other refused attempt is
recorded in :data:`REFUSED`, and the suite fails at its end if any was made by a
test that did not expect it (``pytest_sessionfinish`` in tests/conftest.py).
"""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
REFUSED: list[str] = []
_ORIGINAL = {}


def is_loopback(host) -> bool:
    """Whether ``host`` (a name or an address) is on this machine's loopback."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None:
        return True  # getaddrinfo(None, port): the local wildcard
    host = str(host).split("%", 1)[0].strip("[]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower().rstrip(".") in LOOPBACK_NAMES


def check_address(family, address) -> None:
    """Raise (and record) when ``address`` is a network address off this machine."""
    if family not in (socket.AF_INET, socket.AF_INET6) or not isinstance(address, tuple):
        return  # Unix sockets and the like stay on the machine
    if not is_loopback(address[0]):
        REFUSED.append(f"connect {address[0]}:{address[1]}")
        raise PermissionError(f"tests may connect to loopback only, not {address[0]}")


def _connect(self, address):
    check_address(self.family, address)
    return _ORIGINAL["connect"](self, address)


def _connect_ex(self, address):
    check_address(self.family, address)
    return _ORIGINAL["connect_ex"](self, address)


def _getaddrinfo(host, *args, **kwargs):
    if not is_loopback(host):
        if not str(host).rstrip(".").endswith(".invalid"):  # RFC 6761: a test's own dead name
            REFUSED.append(f"lookup {host}")
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (tests: loopback only)")
    return _ORIGINAL["getaddrinfo"](host, *args, **kwargs)


def install() -> None:
    """Put the guard in place (idempotent)."""
    if _ORIGINAL:
        return
    _ORIGINAL.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
                     getaddrinfo=socket.getaddrinfo)
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.getaddrinfo = _getaddrinfo


def installed() -> bool:
    """Whether the guard is what ``socket`` calls now."""
    return (socket.socket.connect is _connect and socket.socket.connect_ex is _connect_ex
            and socket.getaddrinfo is _getaddrinfo)
