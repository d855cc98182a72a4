"""Schema validation of a facts file, remembered on disk for content seen before.

Validating a facts file needs pydantic: importing it, building the models and
their validators costs about 0.1 s, more than the rest of reading the file, on
every cold ``briefgen brief``. Validation is a pure function of the parsed
data, so once a file's content has passed, its validated form (the JSON-mode
dump of the model, read back by :func:`briefgen.facts.records.from_plain`) is
kept in ``$XDG_CACHE_HOME/briefgen/facts`` (see :mod:`briefgen.cache`) and the
next run with the same content skips pydantic altogether.

An entry is named after the file's path (one entry per file: an edit replaces
it) and stamped with the SHA-256 of the parsed data and of what validation
depends on (this module, the schema and the records; the installed pydantic
and pydantic-core). Only a file that passed is stored, so every problem is
still found and worded by the schema. An entry starts with :data:`MAGIC` and
the SHA-256 of the rest; one that is cut short, altered or of another shape
is never used: the file is validated again and the entry rewritten.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
from functools import cache
from pathlib import Path

from briefgen.errors import Problem
from briefgen.facts.records import FactsFile, from_plain
from briefgen.inputs.yamlfile import YamlDocument

MAGIC = b"briefgen-facts\n"
KIND = "facts"


def validate_facts(doc: YamlDocument, also: list[Problem]) -> FactsFile:
    """``doc`` validated as a facts file, from the cache when this content passed before.

    ``also`` holds problems found on the raw data; with any of them the file is
    validated afresh, so they are reported with the schema's in one run.
    """
    from briefgen.cache import read_cached, write_cached

    entry = _entry_name(doc)
    if not also:
        stored = read_cached(KIND, entry)
        if stored is not None:
            records = _restore(stored)
            if records is not None:
                return records
    from briefgen.facts.schema import FactsFile as Schema
    from briefgen.inputs.validation import validate

    model = validate(Schema, doc, "facts file", "id:, title:, sources:, facts:", also=also)
    plain = model.model_dump(mode="json")
    records = from_plain(plain)
    write_cached(KIND, entry, _store(plain))
    return records


def _entry_name(doc: YamlDocument) -> str:
    """``<path hash>-<content and code hash>.facts``: what the stored answer depends on."""
    where = hashlib.sha256(os.path.abspath(doc.file).encode("utf-8", "surrogatepass"))
    what = hashlib.sha256(repr(doc.data).encode("utf-8", "surrogatepass"))
    what.update(code_stamp().encode())
    return f"{where.hexdigest()[:16]}-{what.hexdigest()[:32]}.facts"


@cache
def code_stamp() -> str:
    """A hash of what validation depends on: our schema code and the pydantic installed.

    pydantic is located, not imported (its package folder's ``version.py`` and
    pydantic-core's ``__init__.py``: size and modification time).
    """
    from briefgen.cache import file_tag

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in (Path(__file__), here / "schema.py", here / "records.py",
                 here.parent / "inputs" / "validation.py"):
        digest.update(path.read_bytes())
    for package, file in (("pydantic", "version.py"), ("pydantic_core", "__init__.py")):
        spec = importlib.util.find_spec(package)
        try:
            digest.update(file_tag(Path(spec.origin).parent / file).encode())
        except (AttributeError, TypeError, OSError):  # not found: nothing to stamp
            digest.update(b"-")
    return digest.hexdigest()


def _store(plain: dict) -> bytes:
    from briefgen.cache import sealed

    return sealed(MAGIC, marshal.dumps(plain))


def _restore(stored: bytes) -> FactsFile | None:
    """The records in an entry, or None when it is damaged or not of the expected shape."""
    from briefgen.cache import unsealed

    body = unsealed(MAGIC, stored)
    if body is None:
        return None
    try:
        return from_plain(marshal.loads(body))
    except (ValueError, TypeError, KeyError, AttributeError, EOFError):
        return None
