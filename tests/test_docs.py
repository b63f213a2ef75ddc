"""The README opens with the two commands, and CI runs the test command verbatim."""

from pathlib import Path

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
