"""Inputs that are not regular files (FIFOs, devices, sockets) are refused before reading."""

from __future__ import annotations

import os
import socket

import pytest
from hardening import DATA, MINI, assert_refused, cli

from briefgen.errors import InputError
from briefgen.inputs.files import read_bytes_capped


def fifo(path):
    os.mkfifo(path)
    return path


def unix_socket(path):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    return sock


def test_read_is_capped_by_bytes_read_not_by_stat(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a" * 1001)
    with pytest.raises(InputError, match="larger than 1 kB"):
        read_bytes_capped(path, 1000)
    assert read_bytes_capped(path, 1001) == b"a" * 1001


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_facts_that_are_not_a_regular_file_are_refused_at_once(tmp_path, kind):
    target = {"fifo": lambda: fifo(tmp_path / "f.yaml"), "device": lambda: "/dev/zero",
              "socket": lambda: unix_socket(tmp_path / "s.yaml") and tmp_path / "s.yaml"}[kind]()
    out = tmp_path / "out"
    for command in (["brief", target, "-o", out], ["check", target]):
        run = cli(*command, timeout=30)
        assert run.code == 1, run.stderr
        assert str(target) in run.stderr and "Traceback" not in run.stderr
        assert "not a file; the facts file must be a regular file" in run.stderr, run.stderr
    assert not out.exists()


def test_a_fifo_template_theme_spec_or_manifest_is_refused_without_blocking(tmp_path):
    out = tmp_path / "out"
    pipe = fifo(tmp_path / "pipe.md.j2")
    assert_refused(cli("brief", MINI, "-t", pipe, "-o", out, timeout=30),
                   "pipe.md.j2: is a named pipe (FIFO), not a file", out=out)
    theme = fifo(tmp_path / "theme.yaml")
    assert_refused(cli("brief", MINI, "--theme", theme, "-o", out, timeout=30),
                   "theme.yaml: is a named pipe (FIFO)", out=out)
    spec = fifo(tmp_path / "spec.yaml")
    assert_refused(cli("compare", MINI, DATA / "pact.yaml", "--spec", spec, "-o", out,
                       timeout=30), "spec.yaml: is a named pipe (FIFO)", out=out)
    manifest = fifo(tmp_path / "course.yaml")
    assert_refused(cli("batch", manifest, timeout=30), "course.yaml: is a named pipe (FIFO)")


def test_a_fifo_logo_or_font_is_refused_naming_the_theme_line(tmp_path):
    out = tmp_path / "out"
    fifo(tmp_path / "logo.png")
    (tmp_path / "fonts").mkdir()
    fifo(tmp_path / "fonts" / "X-Regular.ttf")
    theme = tmp_path / "theme.yaml"
    theme.write_text("accent: '#112233'\nlogo: logo.png\npdf_font: fonts\n", encoding="utf-8")
    run = cli("brief", MINI, "--theme", theme, "-o", out, timeout=30)
    assert_refused(run, f"{theme}:2: logo file 'logo.png' is a named pipe",
                   f"{theme}:3: font file {tmp_path / 'fonts' / 'X-Regular.ttf'}: is a named pipe",
                   out=out)


def test_a_fifo_in_the_template_folder_is_listed_not_read(tmp_path):
    fifo(tmp_path / "x.md.j2")
    run = cli("templates", "--templates", tmp_path, timeout=30)
    assert run.code == 0 and "x " in run.stdout, run.stderr
