"""Tests of the command line: every command, on the example and on broken documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from partnership_model import (
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    PartialDate,
    Register,
    assess,
    read_json,
    to_dict,
    write_json,
)
from partnership_model.cli import KEY_ENVIRONMENT_VARIABLE, main
from partnership_model.ecology import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.metrics import relation_counts, unlinked_to_public_authority
from partnership_model.policy import DEFAULT_POLICY


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "register.json"
    write_json(load_register(), path)
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    data = to_dict(load_register())
    data["engagements"][2]["degree"] = "partenariat"
    data["engagements"][4]["tilte"] = "typo"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- report -----------------------------------------------------------------------


def test_report_prints_the_real_matrix_and_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "report")
    assert code == 0
    assert err == ""
    register = load_register()
    matrix = EngagementMatrix.from_engagements(register)
    assert matrix.to_text("en") in out
    meso = next(line for line in out.splitlines() if line.startswith("Meso ("))
    expected = [
        matrix.count(level=EngagementLevel.MESO, degree=d) for d in EngagementDegree
    ]
    assert [int(n) for n in meso.split()[-5:-1]] == expected
    findings = assess(register)
    assert f"Assessment findings ({len(findings)})" in out
    for finding in findings:
        assert finding.engagement_id in out
    counts = relation_counts(EcologyGraph.from_engagements(register))
    for kind, count in counts.items():
        assert f"{kind.label('en')}: {count} (" in out


def test_report_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "--lang", "fr")
    assert code == 0
    assert "Matrice du modèle de Montréal" in out
    assert "Partenariat" in out
    assert "Constats de l'évaluation" in out


def test_report_as_json_and_markdown(
    capsys: pytest.CaptureFixture[str], register_file: Path
) -> None:
    code, out, _ = run(capsys, "report", str(register_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["register"]["engagements"] == len(load_register())
    matrix = EngagementMatrix.from_engagements(load_register())
    assert data["matrix"]["counts"] == to_dict(matrix)["counts"]
    # Matrices carry their row and column labels (issue 14).
    assert data["matrix"]["rows"] == ["micro", "meso", "macro"]
    assert data["matrix"]["column_labels"][-1] == "Partnership"
    assert len(data["findings"]) == len(assess(load_register()))
    # The report says which classification policy typed the relations (issue 11).
    assert data["ecology"]["policy"] == DEFAULT_POLICY.to_attributes()
    graph = EcologyGraph.from_engagements(load_register())
    assert data["ecology"]["unlinked_to_public_authority"] == len(
        unlinked_to_public_authority(graph)
    )
    code, out, _ = run(capsys, "report", str(register_file), "--format", "markdown")
    assert code == 0
    assert out.startswith("# Partnership report")
    assert "| Level | Information |" in out
    assert r"- classification policy: default (min\_authority\_gap=1" in out
    code, out, _ = run(capsys, "report", "--lang", "fr")
    line = next(x for x in out.splitlines() if "politique de classement" in x)
    assert line.endswith(
        "default (min_authority_gap=1, linking_within_sphere=True, "
        "organisation_authority=none, precedence=linking>bridging>bonding)"
    )


def test_report_on_a_broken_file_exits_1_with_paths(
    capsys: pytest.CaptureFixture[str], broken_file: Path
) -> None:
    code, out, err = run(capsys, "report", str(broken_file))
    assert code == 1
    assert out == ""
    assert "$.engagements[2].degree" in err
    assert "did you mean 'title'" in err
    assert "Traceback" not in err


def test_report_by_domain_and_period(
    capsys: pytest.CaptureFixture[str], register_file: Path
) -> None:
    register = load_register()
    research = [e for e in register if e.domain is EngagementDomain.RESEARCH]
    code, out, _ = run(
        capsys,
        "report",
        str(register_file),
        "--domain",
        "Recherche",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["scope"]["domain"] == "research"
    assert data["scope"]["selected"] == data["matrix"]["total"] == len(research)
    assert data["scope"]["outside"] == len(register) - len(research)
    # A period keeps the engagements whose dates overlap it and counts the
    # undated ones apart (the one window rule of partnership_model.timeline).
    window = (
        PartialDate.fromisoformat("2020").earliest,
        PartialDate.fromisoformat("2024-06").latest,
    )
    inside = [
        e
        for e in register
        if (e.start or e.end) is not None
        and (e.start is None or e.start.earliest <= window[1])
        and (e.end is None or e.end.latest >= window[0])
    ]
    undated = [e for e in register if e.start is None and e.end is None]
    assert inside
    assert undated
    code, out, _ = run(capsys, "report", "--since", "2020", "--until", "2024-06")
    assert code == 0
    assert "period: from 2020-01-01 to 2024-06-30" in out
    assert f"engagements in this report: {len(inside)} of {len(register)}" in out
    assert (
        f"({len(undated)} undated engagements (no start or end date) left out, "
        "counted apart)" in out
    )
    code, out, _ = run(capsys, "report", "--until", "2024", "--format", "json")
    assert json.loads(out)["scope"]["undated"] == len(undated)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--domain", "gardening"], "accepted values"),
        (["--since", "2020-13"], "YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--since", "2022", "--until", "2021"], "ends before it starts"),
    ],
)
def test_report_refuses_a_bad_scope_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    code, out, err = run(capsys, "report", *argv)
    assert code == 2
    assert out == ""
    assert says in err


def test_report_on_an_ecology_says_what_to_do(
    capsys: pytest.CaptureFixture[str], register_file: Path, tmp_path: Path
) -> None:
    ecology = tmp_path / "ecology.json"
    graphml = tmp_path / "ecology.graphml"
    for target, path in (("node-link", ecology), ("graphml", graphml)):
        code, _, _ = run(
            capsys, "convert", str(register_file), "--to", target, "--out", str(path)
        )
        assert code == 0
    for path in (ecology, graphml):
        code, out, err = run(capsys, "report", str(path))
        assert code == 2
        assert out == ""
        assert f"{path} is an ecology (actors and relations), not a register" in err
        assert f"partnership-model convert {path} --to csv" in err
        assert "unknown key" not in err
    code, _, err = run(capsys, "report", str(ecology), "--lang", "fr")
    assert code == 2
    assert f"{ecology} est une écologie" in err


def test_report_of_an_ecology_without_relations_has_no_nan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lonely = Register.from_engagements(
        [
            attrs.evolve(
                load_register().engagements[0], participants=[], organisations=[]
            )
        ]
    )
    path = tmp_path / "lonely.json"
    write_json(lonely, path)
    code, out, _ = run(capsys, "report", str(path), "--format", "json")
    assert code == 0
    assert "NaN" not in out
    assert json.loads(out)["ecology"]["ei_index"] is None
    code, out, _ = run(capsys, "report", str(path), "--lang", "fr-CA")
    assert code == 0
    assert "s.o. (aucune relation)" in out


# -- validate ---------------------------------------------------------------------


def test_validate(
    capsys: pytest.CaptureFixture[str], register_file: Path, broken_file: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(register_file))
    assert code == 0
    assert f"valid register ({len(load_register())} engagements" in out
    code, out, err = run(capsys, "validate", str(register_file), str(broken_file))
    assert code == 1
    assert "valid register" in out
    assert f"{broken_file}: invalid (2 problems)" in err
    assert "$.engagements[4].tilte" in err


def test_validate_in_french(
    capsys: pytest.CaptureFixture[str], register_file: Path, broken_file: Path
) -> None:
    code, out, err = run(
        capsys, "validate", str(register_file), str(broken_file), "--lang", "fr"
    )
    assert code == 1
    assert out == (
        f"{register_file}\u00a0: registre valide ({len(load_register())} engagements\u202f; "
        "vérifications\u00a0: règles du modèle)\n"
    )
    assert f"{broken_file}\u00a0: non valide (2 problèmes)" in err
    assert (
        "'partenariat' n'est pas une valeur connue de EngagementDegree\u202f; "
        "valeurs acceptées\u00a0: information" in err
    )
    assert (
        "clé inconnue 'tilte' dans Engagement (vouliez-vous dire 'title'\u202f?)" in err
    )
    # Codes and paths do not change with the language.
    assert "[unknown_term]" in err
    assert f"{broken_file}:$.engagements[4].tilte\u00a0: " in err
    code, out, err = run(capsys, "validate", str(broken_file), "--lang", "fr-CA")
    assert "(vouliez-vous dire 'title'?)" in err
    assert "\u202f" not in err


def test_validate_in_french_keeps_untranslated_problems_in_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = to_dict(load_register())
    data["engagements"][0]["start"] = "2020-01-01"
    data["engagements"][0]["end"] = "1900-01-01"
    path = tmp_path / "dates.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path), "--lang", "fr")
    assert code == 1
    assert "non valide (1 problème)" in err
    # The cross-field rules' messages are not in the catalogue yet: English.
    assert "the end date is before the start date 2020-01-01 [date_order]" in err
    code, _, err = run(capsys, "report", str(path), "--lang", "fr")
    assert code == 1
    assert err.startswith("partnership-model\u00a0: données non valides (1 problème)")


def test_validate_with_the_reference_schema_validator(
    capsys: pytest.CaptureFixture[str], register_file: Path, broken_file: Path
) -> None:
    code, out, _ = run(capsys, "validate", "--schema", str(register_file))
    assert code == 0
    assert "model rules and JSON Schema" in out
    code, _, err = run(capsys, "validate", "--schema", str(broken_file))
    assert code == 1
    assert "degree" in err


def test_validate_missing_file_and_bad_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.json"))
    assert code == 2  # a file that cannot be read is a usage error (issue 14)
    assert "cannot read the file" in err
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{\xff")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert "not UTF-8" in err


# -- schema -----------------------------------------------------------------------


def test_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["$id"].endswith(":register:1.1")
    code, out, _ = run(capsys, "schema", "--out", str(tmp_path / "schemas"))
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert names == ["ecology.schema.json", "fr", "register.schema.json"]
    names = sorted(p.name for p in (tmp_path / "schemas" / "fr").iterdir())
    assert names == ["ecology.schema.json", "register.schema.json"]
    code, out, _ = run(capsys, "schema", "--type", "ecology", "--lang", "fr")
    assert code == 0
    assert json.loads(out)["$id"].endswith(":ecology:1.1:fr")


# -- convert ----------------------------------------------------------------------


@pytest.mark.parametrize("target", ["graphml", "gexf", "node-link", "kumu"])
def test_convert_to_each_format(
    capsys: pytest.CaptureFixture[str], register_file: Path, tmp_path: Path, target: str
) -> None:
    out_path = tmp_path / f"out.{target}"
    code, out, err = run(
        capsys, "convert", str(register_file), "--to", target, "--out", str(out_path)
    )
    assert code == 0, err
    assert out_path.stat().st_size > 1000
    assert str(out_path) in out


def test_convert_node_link_to_stdout_reads_back(
    capsys: pytest.CaptureFixture[str], register_file: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "convert", str(register_file), "--to", "node-link")
    assert code == 0
    path = tmp_path / "ecology.json"
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    graph = EcologyGraph.from_engagements(load_register())
    assert (
        f"{graph.number_of_actors} actors, {graph.number_of_relations} relations" in out
    )


def test_convert_to_csv(
    capsys: pytest.CaptureFixture[str], register_file: Path, tmp_path: Path
) -> None:
    code, _, _ = run(
        capsys,
        "convert",
        str(register_file),
        "--to",
        "csv",
        "--out",
        str(tmp_path / "csv"),
    )
    assert code == 0
    assert (
        (tmp_path / "csv" / "actors.csv").read_text(encoding="utf-8").startswith("id,")
    )


def test_convert_to_spreadsheet_safe_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    register = load_register()
    engagement = register.engagements[0]
    first = engagement.participants[0]
    renamed = attrs.evolve(first, display_name="=cmd|' /C calc'!A0")
    changed = attrs.evolve(
        engagement, participants=[renamed, *engagement.participants[1:]]
    )
    path = tmp_path / "crafted.json"
    write_json(
        Register.from_engagements(
            [changed, *register.engagements[1:]], organisations=register.organisations
        ),
        path,
    )
    code, _, _ = run(
        capsys,
        "convert",
        str(path),
        "--to",
        "csv",
        "--spreadsheet-safe",
        "--out",
        str(tmp_path),
    )
    assert code == 0
    text = (tmp_path / "actors.csv").read_text(encoding="utf-8")
    assert "'=cmd" in text
    assert ",=cmd" not in text


def test_convert_broken_file_exits_1(
    capsys: pytest.CaptureFixture[str], broken_file: Path
) -> None:
    code, _, err = run(capsys, "convert", str(broken_file), "--to", "gexf")
    assert code == 1
    assert "$.engagements[2].degree" in err


def test_convert_pseudonymize_needs_a_key_from_env_or_file(
    capsys: pytest.CaptureFixture[str],
    register_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    code, _, err = run(
        capsys, "convert", str(register_file), "--to", "register", "--pseudonymize"
    )
    assert code == 2
    assert KEY_ENVIRONMENT_VARIABLE in err
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "short")
    code, _, err = run(
        capsys, "convert", str(register_file), "--to", "register", "--pseudonymize"
    )
    assert code == 2
    assert "16 bytes" in err
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "an environment key of some length")
    out_path = tmp_path / "shared.json"
    code, _, _ = run(
        capsys,
        "convert",
        str(register_file),
        "--to",
        "register",
        "--pseudonymize",
        "--out",
        str(out_path),
    )
    assert code == 0
    shared = read_json(out_path, Register)
    original_ids = {p.id for p in load_register().people}
    assert not original_ids & {p.id for p in shared.people}
    key_file = tmp_path / "key"
    key_file.write_bytes(b"a key kept in a file, not in history\n")
    code, _, _ = run(
        capsys,
        "convert",
        str(register_file),
        "--to",
        "gexf",
        "--pseudonymize",
        "--key-file",
        str(key_file),
        "--out",
        str(tmp_path / "shared.gexf"),
    )
    assert code == 0
    text = (tmp_path / "shared.gexf").read_text(encoding="utf-8")
    assert not any(person_id in text for person_id in original_ids), "an id leaked"


def test_no_key_option_exists() -> None:
    """A key given on the command line would stay in shell history."""
    with pytest.raises(SystemExit) as caught:
        main(["convert", "x.json", "--to", "gexf", "--key", "secret"])
    assert caught.value.code == 2


# -- plot, usage, module entry point ----------------------------------------------


def test_plot(
    capsys: pytest.CaptureFixture[str], register_file: Path, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    code, _, err = run(
        capsys, "plot", str(register_file), "--out", str(tmp_path / "eco.png")
    )
    assert code == 0, err
    assert (tmp_path / "eco.png").read_bytes().startswith(b"\x89PNG")
    code, _, _ = run(capsys, "plot", "--matrix", "--out", str(tmp_path / "matrix.svg"))
    assert code == 0
    assert b"<svg" in (tmp_path / "matrix.svg").read_bytes()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["report", "--lang", "de"],
        ["convert", "f.json"],
        ["report", "--format", "pdf"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


@pytest.mark.parametrize("command", ["report", "schema", "validate", "convert", "plot"])
def test_every_command_has_help(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert "usage: partnership-model" in capsys.readouterr().out


def test_a_closed_pipe_ends_quietly() -> None:
    """``partnership-model report | head -1`` prints no error and no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "partnership_model", "report"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    code = process.wait()
    assert first.startswith(b"Partnership report")
    assert error == b""
    assert code == 0


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_model", "report", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    engagements = len(load_register())
    assert json.loads(result.stdout)["register"]["engagements"] == engagements
