"""Template files read like every other input: regular files only, capped, UTF-8 checked.

Jinja's ``FileSystemLoader`` opens whatever has the name (a FIFO blocks it
for ever) and lets a ``UnicodeDecodeError`` escape. This loader refuses both
with ``template-file:line: message``; the error is an :class:`InputError`
(the build prints it) and a ``TemplateError`` (dependency scans skip it).
"""

from __future__ import annotations

import os
import posixpath

import jinja2
from jinja2.loaders import split_template_path

from briefgen.errors import InputError

MAX_TEMPLATE_BYTES = 1_000_000
"""Largest template file read; the bundled ones are a few kB."""


class TemplateFileError(InputError, jinja2.TemplateError):
    """A template file that cannot be read: not a file, too big, not UTF-8."""


class SafeFileSystemLoader(jinja2.FileSystemLoader):
    """``FileSystemLoader`` that reads through :func:`briefgen.inputs.files.read_bytes_capped`."""

    def get_source(self, environment, template):
        """Source, file name and an up-to-date check, as Jinja expects."""
        from briefgen.inputs.files import decode_utf8, not_regular, read_bytes_capped

        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.exists(filename) and not os.path.isdir(filename):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        why = not_regular(filename)
        try:
            if why:
                raise InputError(f"{filename}: {why}; a template must be a regular file")
            contents = decode_utf8(read_bytes_capped(filename, MAX_TEMPLATE_BYTES, "template"),
                                   filename)
        except InputError as exc:
            raise TemplateFileError(str(exc), exc.problems) from None
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), uptodate
