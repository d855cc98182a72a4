"""Hostile templates: syntax errors, unknown names, sandbox escapes and runaway loops.

Each is refused through the CLI with ``template-file:line: message`` on stderr,
exit 1, no traceback and no output folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"


def brief_with(tmp_path: Path, template_text: str):
    template = tmp_path / "hostile.md.j2"
    template.write_text(template_text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["brief", str(MINI), "-t", str(template), "-o", str(out)],
                                catch_exceptions=False)
    return result, template, out


def assert_refused(result, out: Path, *expected: str):
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_syntax_error_names_template_and_line(tmp_path):
    result, template, out = brief_with(tmp_path, "# Title\n\nText\n{% for x in %}\n{% endfor %}\n")
    assert_refused(result, out, f"{template}:4: template syntax error")


def test_unclosed_block_names_the_template(tmp_path):
    result, template, out = brief_with(tmp_path, "# Title\n{% if true %}\nnever closed\n")
    assert_refused(result, out, f"{template}:", "template syntax error")


def test_unknown_variable_names_template_and_line(tmp_path):
    result, template, out = brief_with(tmp_path, "# Title\n\n{{ facts.name }}\n{{ nope }}\n")
    assert_refused(result, out, f"{template}:4: 'nope' is undefined")


def test_unknown_fact_names_template_and_line(tmp_path):
    result, template, out = brief_with(tmp_path, "# Title\n\n\n{{ facts.no_such_fact }}\n")
    assert_refused(result, out, f"({template}:4)", "needs a fact 'no_such_fact'")


ESCAPES = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__ }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "template-reference": "{{ self._TemplateReference__context }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'] }}",
    "range-self": "{{ range.__self__ }}",
    "format-attr": "{{ '{0.__class__}'.format(meta) }}",
    "format-map": "{{ '{0.__class__.__mro__}'.format_map({0: meta}) }}",
    "format-filter-attr": "{{ '{0.__globals__}' | format(lipsum) }}",
    "fact-internals": "{{ facts._views }}",
    "fact-model": "{{ facts.name._fact.__class__ }}",
    "item-internals": "{{ facts.members.items[0]._item.__dict__ }}",
    "func-code": "{{ lipsum.__code__.co_consts }}",
    "getattr-filter": "{{ meta | attr('__class__') }}",
    "mutate-list": "{% set l = [] %}{{ l.append.__self__ }}",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_sandbox_escape_is_refused(tmp_path, name):
    """No attempt prints Python internals: each is an error naming the template line."""
    result, template, out = brief_with(tmp_path, "# Title\n\n" + ESCAPES[name] + "\n")
    assert_refused(result, out, f"{template}:3:")
    assert "globals" not in result.stdout and "<class" not in result.stderr


@pytest.mark.parametrize("body, message", [
    ("{{ 'x' * 10000000 }}", "huge string or list"),
    ("{{ 'ab' + 'c' * 99999 + 'd' * 99999 }}", "huge string or list"),
    ("{{ [1] * 10000000 }}", "huge string or list"),
    ("{{ 10 ** 10000000 }}", "exponent too large"),
    ("{{ range(10000000) | list | length }}", "Range too big"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}words words{% endfor %}{% endfor %}",
     "wrote more than 1,000,000 characters"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recurses without end"),
])
def test_runaway_output_is_bounded(tmp_path, body, message):
    result, template, out = brief_with(tmp_path, "# Title\n\n" + body + "\n")
    assert_refused(result, out, str(template), message)


SILENT_LOOPS = ("# Title\n\n{% for a in range(100000) %}{% for b in range(100000) %}"
                "{% for c in range(100000) %}{% endfor %}{% endfor %}{% endfor %}\n")
RUN = """
import sys
import briefgen.templating.render as t
t.MAX_RENDER_SECONDS = 0.5
from briefgen.cli import main
sys.argv = ["briefgen", "brief", sys.argv[1], "-t", sys.argv[2], "-o", sys.argv[3]]
main()
"""


def test_nested_loops_that_print_nothing_are_stopped_by_the_time_limit(tmp_path):
    """10^15 silent loop steps pass the output cap and range limit: the render timer stops them.

    Run in a child process with a 0.5 s limit, so that a missing limit fails
    this test (timeout) instead of hanging the suite.
    """
    template = tmp_path / "spin.md.j2"
    template.write_text(SILENT_LOOPS, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", RUN, str(MINI), str(template), str(out)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert f"{template}:3: the template ran for more than 0.5 s and was stopped" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_time_limit_restores_an_outer_timer(monkeypatch):
    """The render timer gives back SIGALRM and an outer itimer (e.g. a test timeout)."""
    import signal

    from briefgen.templating import render as templating

    def outer(signum, frame):  # pragma: no cover - must not fire during the test
        raise AssertionError("outer timer fired")

    old = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with templating._time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_a_normal_template_finishes_well_inside_the_limit(tmp_path):
    result, _, out = brief_with(tmp_path, "# Title\n\n{% for a in range(1000) %}{% endfor %}ok\n")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mini-hostile.docx", "mini-hostile.pdf"]
