"""Tests of the ``partnership-model gripp2`` command, and of its how-to's commands."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import attrs
import jsonschema
import pytest

from html_page import Page
from partnership_model import EcologyGraph
from partnership_model.checklists import gripp2
from partnership_model.cli import main
from partnership_model.draft_output import draft_schema, draft_to_markdown
from partnership_model.drafting import draft_checklist
from partnership_model.examples import load_register
from partnership_model.serialization import to_dict, write_json

DOCS = Path(__file__).resolve().parent.parent / "docs"
RESEARCH = ["oncopole-committee", "eclair-clara"]


@pytest.fixture
def register_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "register.json"
    write_json(load_register(), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["gripp2", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_markdown_to_stdout_is_the_library_s_draft(
    register_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(register_file), "--engagement", RESEARCH[0])
    assert code == 0
    assert out == draft_to_markdown(draft_checklist(load_register(), RESEARCH[0]))
    code, out, _ = run(
        capsys, str(register_file), "--engagement", RESEARCH[1], "--lang", "fr-CA"
    )
    assert code == 0
    assert out == draft_to_markdown(draft_checklist(load_register(), RESEARCH[1]), "fr")


def test_every_format_and_form_to_a_file(
    register_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    both = ["--engagement", RESEARCH[0], "--engagement", RESEARCH[1]]
    out = tmp_path / "draft.json"
    code, printed, _ = run(
        capsys, str(register_file), *both, "--form", "long", "--format", "json",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0
    assert printed == f"wrote {out}\n"
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(draft_schema()).validate(document)
    assert document["checklist"]["id"] == gripp2("long").id
    assert [e["id"] for e in document["engagements"]] == RESEARCH
    page_file = tmp_path / "draft.html"
    code, _, _ = run(
        capsys, str(register_file), *both, "--format", "html", "--lang", "fr",
        "--out", str(page_file),
    )  # fmt: skip
    assert code == 0
    page = Page(page_file.read_text(encoding="utf-8"))
    assert page.one("html").attributes["lang"] == "fr"
    assert page.one("h1").text.startswith("GRIPP2, version courte")
    assert len(page.all("h3")) == len(gripp2("short").items)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["nope"], "--engagement 'nope': register.json has no engagement with this id"),
        (["covid-triage-protocol"], "is in the governance domain"),
        ([RESEARCH[0], "nope"], "'nope'"),
        ([RESEARCH[0], RESEARCH[0]], "is given twice"),
    ],
)
def test_an_id_that_is_not_a_research_engagement_is_a_usage_error(
    ids: list[str],
    expected: str,
    register_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 2, and the message names the register's research engagements."""
    argv = [part for each in ids for part in ("--engagement", each)]
    code, out, err = run(capsys, register_file.name, *argv, "--out", "x.md")
    assert code == 2
    assert out == ""
    assert expected in err
    if "twice" not in expected:
        assert err.rstrip().endswith(
            "its research engagements: oncopole-committee, eclair-clara"
        )
    assert not Path("x.md").exists()


def test_a_register_without_research_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    register = load_register()
    others = [e for e in register.engagements if e.domain.value != "research"]
    write_json(attrs.evolve(register, engagements=others), "care.json")
    code, _, err = run(capsys, "care.json", "--engagement", others[0].id)
    assert code == 2
    assert "GRIPP2 reports research; it has no research engagement" in err


def test_an_ecology_or_invalid_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    ecology = tmp_path / "ecology.json"
    ecology.write_text(
        json.dumps(to_dict(EcologyGraph.from_engagements(load_register()))),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "ecology.json", "--engagement", RESEARCH[0])
    assert code == 2
    assert "gripp2 needs a register of engagements" in err
    broken = to_dict(load_register())
    broken["engagements"][0]["degree"] = "partenariat"
    Path("broken.json").write_text(json.dumps(broken), encoding="utf-8")
    code, _, err = run(capsys, "broken.json", "--engagement", RESEARCH[0])
    assert code == 1
    assert "$.engagements[0].degree" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["register.json"],  # --engagement is required
        ["register.json", "--engagement", "x", "--form", "medium"],
        ["register.json", "--engagement", "x", "--format", "pdf"],
        ["register.json", "--engagement", "x", "--lang", "de"],
    ],
)
def test_bad_options_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["gripp2", *argv])
    assert caught.value.code == 2


def _how_to_commands() -> list[list[str]]:
    text = (DOCS / "how-to" / "gripp2.md").read_text(encoding="utf-8")
    section = text.split("## From the command line", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    return [
        shlex.split(line.removeprefix("$ partnership-model "))
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ partnership-model ")
    ]


def test_the_how_to_commands_run_as_written(
    register_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command of the how-to's command-line section, in a folder with register.json."""
    commands = _how_to_commands()
    assert len(commands) >= 3
    assert all(argv[0] == "gripp2" for argv in commands)
    for argv in commands:
        assert main(argv) == 0, argv
        out = capsys.readouterr().out
        if "--out" in argv:
            written = Path(argv[argv.index("--out") + 1])
            assert out == f"wrote {written}\n"
            assert written.stat().st_size > 1000
        else:
            assert out.startswith("# GRIPP2")
