"""Tests of registers kept in spreadsheets on the command line (template, convert...)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from partnership_model import to_dict
from partnership_model.cli import main
from partnership_model.examples import load_register
from partnership_model.serialization import read_json, write_json
from partnership_model.spreadsheet import (
    read_register,
    write_register_csv,
    write_register_xlsx,
    write_template,
)

EXAMPLE = load_register()
needs_xlsx = pytest.mark.skipif(
    importlib.util.find_spec("openpyxl") is None,
    reason="needs the xlsx extra (openpyxl)",
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _french_folder_with_mistakes(folder: Path) -> None:
    """The example in French CSV files, with one mistake in three of its tables."""
    write_register_csv(EXAMPLE, folder, lang="fr")
    for name, old, new in (
        ("engagements.csv", ";Partenariat;", ";Partenaria;"),
        ("participants.csv", ";Patient partenaire;", ";Superhéros;"),
        ("etapes_de_recherche.csv", ";Partenariat", ";Partenaria"),
    ):
        path = folder / name
        text = path.read_text(encoding="utf-8-sig")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- validate ------------------------------------------------------------------------


def test_validate_reads_csv_folders_and_workbooks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_register_csv(EXAMPLE, tmp_path / "registre", lang="fr")
    paths = [str(tmp_path / "registre")]
    if importlib.util.find_spec("openpyxl") is not None:
        write_register_xlsx(EXAMPLE, tmp_path / "register.xlsx")
        paths.append(str(tmp_path / "register.xlsx"))

    code, out, err = run(capsys, "validate", *paths)

    assert code == 0, err
    assert out.count(f"valid register ({len(EXAMPLE)} engagements") == len(paths)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["is not a", "did you mean 'Partenariat'"]),
        ("fr", ["n'est pas", "vouliez-vous dire 'Partenariat'"]),
    ],
)
def test_validate_locates_every_mistake_of_a_spreadsheet_in_either_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: list[str]
) -> None:
    folder = tmp_path / "registre"
    _french_folder_with_mistakes(folder)

    code, _, err = run(capsys, "validate", str(folder), "--lang", lang)

    assert code == 1
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert len(lines) == 3, err
    assert lines[0].startswith("engagements.csv:")
    assert ":Degré" in lines[0]
    assert lines[1].startswith("participants.csv:")
    assert ":Rôle" in lines[1]
    assert lines[2].startswith("etapes_de_recherche.csv:")
    assert ":Degré à cette étape" in lines[2]
    for word in words:
        assert word in err
    assert "3" in err.splitlines()[0]


def test_validate_schema_checks_a_spreadsheet_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("jsonschema")
    write_register_csv(EXAMPLE, tmp_path / "r")

    code, out, _ = run(capsys, "validate", str(tmp_path / "r"), "--schema")

    assert code == 0
    assert "JSON Schema" in out or "schema" in out.lower()


def test_the_size_cap_applies_to_spreadsheets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_register_csv(EXAMPLE, tmp_path / "r")

    code, _, err = run(capsys, "validate", str(tmp_path / "r"), "--max-size", "1k")

    assert code == 1
    assert "too_large" in err
    assert "--max-size" in err
    assert run(capsys, "validate", str(tmp_path / "r"), "--max-size", "0")[0] == 0


def test_an_unreadable_spreadsheet_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fake = tmp_path / "r.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")

    code, _, err = run(capsys, "validate", str(fake))

    assert code == 1
    assert "not_xlsx" in err


# -- report --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_report_of_a_spreadsheet_is_the_report_of_its_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    if kind == "xlsx":
        pytest.importorskip("openpyxl")
        sheet = write_register_xlsx(EXAMPLE, tmp_path / "r.xlsx", lang="fr")
    else:
        sheet = write_register_csv(EXAMPLE, tmp_path / "r", lang="fr")[0].parent
    write_json(EXAMPLE, tmp_path / "r.json")

    from_sheet = run(capsys, "report", str(sheet), "--format", "json")
    from_json = run(capsys, "report", str(tmp_path / "r.json"), "--format", "json")

    assert from_sheet[0] == 0, from_sheet[2]
    assert json.loads(from_sheet[1]) == json.loads(from_json[1])


def test_report_of_a_broken_spreadsheet_exits_1_with_its_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "registre"
    _french_folder_with_mistakes(folder)

    code, out, err = run(capsys, "report", str(folder), "--lang", "fr")

    assert code == 1
    assert out == ""
    assert "engagements.csv:" in err
    assert "unknown_term" in err


# -- convert -------------------------------------------------------------------------


@needs_xlsx
def test_convert_between_json_and_spreadsheets_keeps_everything(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_json(EXAMPLE, tmp_path / "register.json")

    assert run(capsys, "convert", "register.json", "--to", "register-xlsx")[0] == 0
    assert run(capsys, "convert", "register.json", "--to", "register-csv")[0] == 0
    code, out, _ = run(
        capsys,
        "convert",
        "register.xlsx",
        "--to",
        "register-csv",
        "--out",
        "fr",
        "--lang",
        "fr",
    )
    assert code == 0
    assert "wrote fr/engagements.csv" in out
    assert (
        run(capsys, "convert", "fr", "--to", "register", "--out", "back.json")[0] == 0
    )

    assert read_register(tmp_path / "register.xlsx") == EXAMPLE
    assert read_register(tmp_path / "register") == EXAMPLE
    assert to_dict(read_json(tmp_path / "back.json", type(EXAMPLE))) == to_dict(EXAMPLE)


def test_convert_never_writes_over_its_input_nor_an_existing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = write_register_csv(EXAMPLE, tmp_path / "register")
    before = {path: path.read_bytes() for path in files}

    for force in ([], ["--force"]):
        argv = ["convert", "register", "--to", "register-csv", "--out", "register"]
        code, _, err = run(capsys, *argv, *force)
        assert code == 2
        assert "input" in err
    write_json(EXAMPLE, tmp_path / "r.json")
    assert (
        run(capsys, "convert", "r.json", "--to", "register-csv", "--out", "o")[0] == 0
    )
    code, _, err = run(
        capsys, "convert", "r.json", "--to", "register-csv", "--out", "o"
    )
    assert code == 2
    assert "--force" in err
    code, _, _ = run(
        capsys, "convert", "r.json", "--to", "register-csv", "--out", "o", "--force"
    )
    assert code == 0

    assert {path: path.read_bytes() for path in files} == before


def test_convert_to_a_workbook_needs_an_xlsx_name_and_a_register(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_json(EXAMPLE, tmp_path / "r.json")
    out = str(tmp_path / "r.csv")

    code, _, err = run(
        capsys,
        "convert",
        str(tmp_path / "r.json"),
        "--to",
        "register-xlsx",
        "--out",
        out,
    )

    assert code == 2
    assert ".xlsx" in err
    assert not (tmp_path / "r.csv").exists()
    from partnership_model.ecology import EcologyGraph

    write_json(EcologyGraph.from_engagements(EXAMPLE), tmp_path / "eco.json")
    code, _, err = run(
        capsys, "convert", str(tmp_path / "eco.json"), "--to", "register-csv"
    )
    assert code == 2
    assert "only a register" in err


# -- template ------------------------------------------------------------------------


@needs_xlsx
def test_template_writes_a_workbook_in_the_language_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.chdir(tmp_path)

    code, out, _ = run(capsys, "template", "--lang", "fr")

    assert code == 0
    assert out.strip() == "wrote modele-registre.xlsx"
    book = openpyxl.load_workbook(tmp_path / "modele-registre.xlsx")
    assert "Étapes de recherche" in book.sheetnames
    stages = book["Étapes de recherche"]
    header = [cell.value for cell in stages[1]]
    assert header == [
        "Identifiant de l'engagement",
        "Étape de recherche",
        "Degré à cette étape",
    ]
    # The stage and its degree are chosen from drop-down lists.
    lists = {
        str(v.sqref).split(":")[0][:1] for v in stages.data_validations.dataValidation
    }
    assert {"B", "C"} <= lists
    assert read_register(tmp_path / "modele-registre.xlsx") == type(EXAMPLE)()

    code, _, err = run(capsys, "template", "--lang", "fr")
    assert code == 2
    assert "--force" in err
    assert run(capsys, "template", "--lang", "fr", "--force")[0] == 0
    assert run(capsys, "template")[1].strip() == "wrote register-template.xlsx"


def test_template_as_a_folder_of_csv_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "modele"

    code, out, _ = run(capsys, "template", "--out", str(folder), "--lang", "fr")

    assert code == 0
    assert len(out.splitlines()) == len(list(folder.iterdir()))
    header = (folder / "etapes_de_recherche.csv").read_text(encoding="utf-8-sig")
    assert header.strip() == (
        "Identifiant de l'engagement;Étape de recherche;Degré à cette étape"
    )
    assert run(capsys, "validate", str(folder))[0] == 0


@needs_xlsx
def test_a_team_fills_the_template_and_validate_locates_each_mistake(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl

    from test_spreadsheet import _fill

    template = write_template(tmp_path / "modele.xlsx", lang="fr")[0]
    book = openpyxl.load_workbook(template)
    _fill(book, mistakes=True)
    filled = tmp_path / "registre.xlsx"
    book.save(filled)

    code, _, err = run(capsys, "validate", str(filled), "--lang", "fr")

    assert code == 1
    sheets = [
        "Personnes",
        "Organisations",
        "Engagements",
        "Participants",
        "Organisations des engagements",
        "Sources des engagements",
    ]
    lines = err.splitlines()
    assert "6 problèmes" in lines[0]
    for line, sheet in zip(lines[1:], sheets, strict=True):
        assert line.strip().startswith(f"registre.xlsx:{sheet}:")

    fixed = openpyxl.load_workbook(template)
    _fill(fixed, mistakes=False)
    fixed.save(filled)
    code, out, _ = run(capsys, "report", str(filled), "--lang", "fr")
    assert code == 0
    assert "2 engagements" in out


@needs_xlsx
def test_a_workbook_is_never_converted_over_itself(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_register_xlsx(EXAMPLE, tmp_path / "r.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(path)
    before = path.read_bytes()

    for out in (path, link):
        code, _, err = run(
            capsys,
            "convert",
            str(path),
            "--to",
            "register-xlsx",
            "--lang",
            "fr",
            "--out",
            str(out),
            "--force",
        )
        assert code == 2
        assert "refus d'écrire" in err

    assert path.read_bytes() == before
