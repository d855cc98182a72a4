"""The suite's network guard is in place and refuses every address off this machine."""

from __future__ import annotations

import socket

import netguard
import pytest


def test_the_guard_is_installed_for_the_whole_suite():
    assert netguard.installed()


@pytest.mark.parametrize("host", ["192.0.2.1", "10.0.0.1", "2001:db8::1", "example.org"])
def test_addresses_off_the_machine_are_refused_before_a_packet_leaves(host):
    assert netguard.installed()  # so the call below cannot reach a real connect
    before = len(netguard.REFUSED)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(OSError):
        sock.connect((host, 80))
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo(host, 80)
    assert len(netguard.REFUSED) == before + 2
    del netguard.REFUSED[before:]  # expected here; the suite's end checks for any other


def test_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert netguard.is_loopback("::1") and netguard.is_loopback("localhost")
