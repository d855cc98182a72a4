"""reportlab's costly wide patterns are compiled on first use and answer as the compiled ones do.

The import is checked in a fresh interpreter: in this one, another test may
have imported reportlab's paragraph module before briefgen's PDF writer.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys

import pytest

from briefgen.writers.pdf.lazy_patterns import COMPILED_ON_FIRST_USE, LazyPattern

DEFERRED_NAMES = {"reportlab.platypus.paragraph": "uri_pat", "reportlab.lib.textsplit": "rx"}

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
]


def test_the_writer_imports_reportlab_with_the_wide_patterns_not_yet_compiled():
    script = (
        "import re, briefgen.writers.pdf.document\n"
        "import reportlab.platypus.paragraph as p, reportlab.lib.textsplit as t\n"
        "from briefgen.writers.pdf.lazy_patterns import LazyPattern\n"
        "assert re.compile.__module__ == 're', re.compile\n"
        "assert type(p.uri_pat) is LazyPattern and p.uri_pat._compiled is None, p.uri_pat\n"
        "assert type(t.rx) is LazyPattern, t.rx\n"
        "assert isinstance(p._hy_letters_pat, re.Pattern), 'a narrow pattern stays compiled'\n"
        "assert isinstance(p._wsc_re_split.__self__, re.Pattern)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("module_name", COMPILED_ON_FIRST_USE)
def test_a_deferred_pattern_matches_as_the_compiled_one(module_name):
    pattern = getattr(importlib.import_module(module_name), DEFERRED_NAMES[module_name])
    source = pattern._pattern if isinstance(pattern, LazyPattern) else pattern.pattern
    flags = pattern._flags if isinstance(pattern, LazyPattern) else pattern.flags
    lazy, real = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy._compiled is None
    for text in SAMPLES:
        got, want = lazy.match(text), real.match(text)
        assert (got and got.groups()) == (want and want.groups()), text
        assert lazy.sub(r"\g<0>", text) == real.sub(r"\g<0>", text)
    assert lazy.pattern == real.pattern and lazy.flags == real.flags


def test_the_uri_split_gives_the_same_pairs_with_the_deferred_pattern(monkeypatch):
    paragraph = importlib.import_module("reportlab.platypus.paragraph")
    pattern = paragraph.uri_pat
    source = pattern._pattern if isinstance(pattern, LazyPattern) else pattern.pattern
    flags = pattern._flags if isinstance(pattern, LazyPattern) else pattern.flags
    answers = {}
    for kind, value in (("real", re.compile(source, flags)), ("lazy", LazyPattern(source, flags))):
        monkeypatch.setattr(paragraph, "uri_pat", value)
        answers[kind] = [paragraph._uri_split_pairs(text) for text in SAMPLES]
    assert answers["lazy"] == answers["real"]
    assert any(answers["real"]), "the samples include URLs reportlab splits"


@pytest.mark.parametrize("module_name", COMPILED_ON_FIRST_USE)
def test_reportlab_only_calls_methods_of_the_deferred_pattern(module_name):
    """A LazyPattern is no ``re.Pattern``: handed to ``re.sub`` or ``isinstance`` it would fail.

    So the module must read the name only as ``name.method``; a reportlab upgrade
    that uses it otherwise fails here, not on a user's page.
    """
    name = DEFERRED_NAMES[module_name]
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name
            and isinstance(n.ctx, ast.Load)]
    assert uses, f"{module_name} no longer reads {name}: drop it from COMPILED_ON_FIRST_USE"
    for use in uses:
        assert isinstance(parents[use], ast.Attribute), f"{module_name}:{use.lineno} reads {name} whole"
