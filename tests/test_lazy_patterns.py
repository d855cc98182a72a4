"""Our libraries' costly wide patterns are compiled on first use and answer as the compiled ones do.

The imports are checked in a fresh interpreter: in this one, another test may
have imported reportlab or PyYAML before briefgen did.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys

import pytest

from briefgen.lazy_patterns import COMPILED_ON_FIRST_USE, LazyPattern, is_wide

SAMPLES = [
    "https://www.nato.int/cps/en/natohq/official_texts_17120.htm",
    "http://en.odkb-csto.org/documents/",
    "tass.com/defense/992939",
    "HTTPS://EXAMPLE.ORG/Path?q=1#frag",
    "https://президент.рф/acts/news",
    "ftp://user:pw@192.168.0.1:2121/dir/file",
    "http://[2001:db8::1]/x",
    "localhost",
    "государстве-члене",
    "Amendments",
    "force",
    "a.b",
    "",
    "日本語のテキスト",
    "tab\there\x07bell\x1b and \ufffe, \U0001f600",
]

DEFERRED = [(module, name) for module, names in COMPILED_ON_FIRST_USE.items() for name in names]


def _bound(module_name: str, dotted: str):
    value = importlib.import_module(module_name)
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _source_and_flags(pattern) -> tuple[str, int]:
    if isinstance(pattern, LazyPattern):
        return pattern._pattern, pattern._flags
    return pattern.pattern, pattern.flags


def test_briefgen_imports_its_libraries_with_exactly_the_wide_patterns_deferred():
    script = f"""
import re, types
from briefgen.lazy_patterns import defer_wide_patterns
defer_wide_patterns()  # what the CLI's entry point does
import briefgen.inputs.yamlfile, briefgen.writers.pdf.document
from briefgen.lazy_patterns import LazyPattern
assert re.compile.__module__ == 're', re.compile
expected = {DEFERRED!r}
deferred = []
for module_name in {sorted(COMPILED_ON_FIRST_USE)!r}:
    module = __import__(module_name, fromlist=['_'])
    places = [(n, v) for n, v in vars(module).items()]
    places += [(n + '.' + a, w) for n, v in vars(module).items() if isinstance(v, type)
               and v.__module__ == module_name for a, w in vars(v).items()]
    for name, value in places:
        if type(value) is LazyPattern:
            assert value._compiled is None, (module_name, name)
            deferred.append((module_name, name))
assert sorted(deferred) == sorted(expected), deferred
import reportlab.platypus.paragraph as p
assert isinstance(p._hy_letters_pat, re.Pattern), 'a narrow pattern is compiled as usual'
assert isinstance(p._wsc_re_split.__self__, re.Pattern)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("module_name", "name"), DEFERRED)
def test_a_deferred_pattern_is_wide_and_matches_as_the_compiled_one(module_name, name):
    source, flags = _source_and_flags(_bound(module_name, name))
    assert is_wide(source)
    lazy, real = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy._compiled is None
    for text in SAMPLES:
        got, want = lazy.match(text), real.match(text)
        assert (got and got.groups()) == (want and want.groups()), text
        got, want = lazy.search(text), real.search(text)
        assert (got and got.span()) == (want and want.span()), text
        assert lazy.sub(r"\g<0>", text) == real.sub(r"\g<0>", text)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (real.pattern, real.flags, real.groups)


def test_reportlab_splits_urls_alike_with_the_deferred_pattern(monkeypatch):
    paragraph = importlib.import_module("reportlab.platypus.paragraph")
    source, flags = _source_and_flags(paragraph.uri_pat)
    answers = {}
    for kind, value in (("real", re.compile(source, flags)), ("lazy", LazyPattern(source, flags))):
        monkeypatch.setattr(paragraph, "uri_pat", value)
        answers[kind] = [paragraph._uri_split_pairs(text) for text in SAMPLES]
    assert answers["lazy"] == answers["real"]
    assert any(answers["real"]), "the samples include URLs reportlab splits"


def test_pyyaml_finds_a_non_printable_character_alike_with_the_deferred_pattern():
    reader = importlib.import_module("yaml.reader")
    with pytest.raises(reader.ReaderError, match="#x0007"):
        reader.Reader("fine\x07bell")
    reader.Reader("Организация, 日本, \U0001f600")  # printable: no error


@pytest.mark.parametrize(("module_name", "name"), DEFERRED)
def test_the_library_only_calls_methods_of_the_deferred_pattern(module_name, name):
    """A LazyPattern is no ``re.Pattern``: handed to ``re.sub`` or ``isinstance`` it would fail.

    So the module must read the name only as ``name.method``; an upgrade that
    uses it otherwise fails here, not on a user's page.
    """
    last = name.rpartition(".")[2]
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = [n for n in ast.walk(tree) if isinstance(n.__dict__.get("ctx"), ast.Load)
            and (getattr(n, "id", None) == last or getattr(n, "attr", None) == last)]
    assert uses, f"{module_name} no longer reads {name}: drop it from COMPILED_ON_FIRST_USE"
    for use in uses:
        parent = parents[use]
        assert isinstance(parent, ast.Attribute) and parent.value is use, (
            f"{module_name}:{use.lineno} reads {name} whole")


def test_importing_briefgen_as_a_library_changes_nothing_of_python():
    """Deferring is the CLI's explicit choice (briefgen.cli.main), not a side effect of an import."""
    script = """
import re, sys
import briefgen.api, briefgen.inputs.yamlfile, briefgen.writers.pdf.document
import reportlab.platypus.paragraph as p
assert type(p.uri_pat) is re.Pattern, type(p.uri_pat)
assert not [f for f in sys.meta_path if 'lazy_patterns' in type(f).__module__], sys.meta_path
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
