"""The README opens with the two commands, CI runs the test command verbatim, the
README's table of commands names every command and only options that exist, and its
example query shows what the query gives on graphs/kzgraph.ttl."""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kzgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "```", "README.md must open with a code block of two commands"
    end = lines.index("```", 1)
    return lines[1:end]


def test_docs_readme_opens_with_two_one_line_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install -e . && kzgraph build")
    assert "[test]" in commands[1] and "pytest" in commands[1]


def test_docs_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def readme_command_rows() -> dict[str, str]:
    """Command name -> its "main options" cell, for each row of README's table of commands."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| `kzgraph (\w+)[^`]*` \|.*\| (.*) \|$", line)
        if found:
            rows[found[1]] = found[2]
    return rows


def test_docs_readme_table_names_every_command_and_only_real_ones():
    assert set(readme_command_rows()) == set(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_readme_options_of_a_command_exist(name):
    cell = readme_command_rows().get(name, "")
    named = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", cell))
    options = {opt for param in cli.commands[name].params for opt in (*param.opts, *param.secondary_opts)}
    assert named, f"README gives no options for `kzgraph {name}`"
    assert named <= options, f"`kzgraph {name}` has no {sorted(named - options)}"


def readme_example() -> tuple[list[str], str]:
    """The arguments of the `$ kzgraph query ...` example in README and the output shown under it."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("$ kzgraph query "))
    end = lines.index("```", start)
    return shlex.split(lines[start][len("$ kzgraph "):]), "\n".join(lines[start + 1:end]) + "\n"


def test_docs_readme_example_query_output_is_current():
    sample = ROOT / "graphs" / "kzgraph.ttl"
    if not sample.is_file():
        pytest.fail("graphs/kzgraph.ttl is missing: build it with `kzgraph build` first")
    args, shown = readme_example()
    result = CliRunner().invoke(cli, [*args, "--graph", str(sample)])
    assert result.exit_code == 0, result.output
    assert result.output == shown, f"README's example is stale: paste the output of `kzgraph {shlex.join(args)}`"
