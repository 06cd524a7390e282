"""The README's examples and commands are real."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

from partnership_model.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples_run() -> None:
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_opens_with_the_two_set_up_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```console\n(.*?)```", text, re.S)
    assert first_block is not None
    commands = [
        line
        for line in first_block.group(1).splitlines()
        if line and not line.startswith("#")
    ]
    assert commands == [
        "pip install . && partnership-model report",
        'pip install -e ".[test]" && pytest',
    ]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_commands_exist_in_the_cli() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^partnership-model (\w+)", text, re.M))
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    available = set(actions[0].choices or ())
    assert documented <= available
    assert documented == available
