"""One mapping from briefgen's errors to Click's: the lines on stderr and the exit codes."""

from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.cli.errors import error_lines
from briefgen.errors import InputError, PageOverflowError, Problem, problems_error

CLI = Path(__file__).resolve().parents[2] / "briefgen" / "cli"


def test_located_problems_print_one_line_each_then_a_count():
    exc = problems_error([Problem("a.yaml", 3, "bad key"), Problem("a.yaml", 9, "bad date")],
                         "a.yaml")
    assert error_lines(exc) == ["a.yaml:3: bad key", "a.yaml:9: bad date",
                                "briefgen: 2 problems in a.yaml"]


def test_a_plain_message_gets_the_briefgen_prefix():
    assert error_lines(InputError("no such file")) == ["briefgen: no such file"]


def test_exit_codes_follow_the_error_class(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["brief", str(tmp_path / "nope.yaml"), "-o", str(tmp_path)])
    assert missing.exit_code == 1 and missing.stderr == f"{tmp_path / 'nope.yaml'}: no such file\n"
    usage = runner.invoke(cli, ["compare", "facts/nato.yaml"])
    assert usage.exit_code == 2
    assert PageOverflowError("x").exit_code == 3


def test_only_main_calls_sys_exit_and_no_command_prints_errors_itself():
    """Commands raise; the group maps (cli/errors.py); only main() exits on a bug or Ctrl-C."""
    for path in CLI.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "_fail":
                raise AssertionError(f"{path.name} has its own error printer _fail")
        exits = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and ast.unparse(n.func) == "sys.exit"]
        if path.name != "__init__.py":
            assert not exits, f"{path.name} calls sys.exit; raise or use ctx.exit"
