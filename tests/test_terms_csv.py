"""Tests of the terms spreadsheet: export, import back, refusals, the CLI command."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import partnership_model as pm
from partnership_model import terms_csv
from partnership_model._enums import Vocabulary
from partnership_model._files import write_atomically
from partnership_model.cli import main
from partnership_model.exceptions import ValidationError
from partnership_model.skos import vocabularies
from partnership_model.terms_csv import COLUMNS, import_terms_csv, terms_csv_text

SHIPPED = Path(str(resources.files("partnership_model").joinpath("data", "terms")))


@pytest.fixture
def terms_dir(tmp_path: Path) -> Path:
    """A copy of the shipped terms files, to import into."""
    target = tmp_path / "terms"
    shutil.copytree(SHIPPED, target)
    return target


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def as_csv(rows: list[dict[str, str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def problems_of(text: str, terms_dir: Path) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        import_terms_csv(io.StringIO(text), terms_dir=terms_dir)
    assert same_files(SHIPPED, terms_dir)  # nothing written
    return [(p.path, p.code) for p in caught.value.problems]


# -- export ----------------------------------------------------------------------------


def test_one_row_per_term_in_both_languages() -> None:
    rows = rows_of(terms_csv_text())
    assert list(rows[0]) == list(COLUMNS)
    every = [(cls, m) for cls in vocabularies() for m in cls]
    assert len(rows) == len(every)
    for row, (cls, member) in zip(rows, every, strict=True):
        assert isinstance(member, Vocabulary)
        term = member.term
        assert (row["vocabulary"], row["token"], row["iri"]) == (
            cls.__name__,
            member.value,
            term.iri,
        )
        assert (row["label_en"], row["label_fr"]) == (term.label_en, term.label_fr)
        assert row["definition_fr"] == term.definition_fr
        assert row["aliases"].split("; ") == list(term.aliases) or not term.aliases
        assert row["sources"] == "; ".join(term.sources)
        assert row["interpretive"] == ("true" if term.interpretive else "false")


def test_a_file_gets_a_byte_order_mark_and_is_never_replaced_silently(
    tmp_path: Path,
) -> None:
    path = tmp_path / "terms.csv"
    terms_csv.write_terms_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(FileExistsError):
        terms_csv.write_terms_csv(path)
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        terms_csv.write_terms_csv(path, vocabularies=[pm.Sphere])
    assert path.read_text(encoding="utf-8") == "mine"
    terms_csv.write_terms_csv(path, vocabularies=[pm.Sphere], overwrite=True)
    assert len(rows_of(path.read_text(encoding="utf-8-sig"))) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["terms.csv"]  # no temporary left


def test_an_atomic_write_keeps_the_permissions_and_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomically(path, b"new", overwrite=True)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, b"x", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_formula_cells_are_neutralised_and_restored() -> None:
    for cell in ["=1+1", "+33", "-x", "@sum", "'quoted", "plain", "", "'x"]:
        escaped = terms_csv._escape(cell)
        assert not escaped.startswith(("=", "+", "-", "@"))
        assert terms_csv._unescape(escaped) == cell


@given(st.text(max_size=20))
def test_escaping_is_a_round_trip(cell: str) -> None:
    assert terms_csv._unescape(terms_csv._escape(cell)) == cell


# -- the round trip --------------------------------------------------------------------


def test_export_then_import_leaves_every_file_byte_identical(
    tmp_path: Path, terms_dir: Path
) -> None:
    path = tmp_path / "terms.csv"
    terms_csv.write_terms_csv(path)
    done = import_terms_csv(path, terms_dir=terms_dir)
    assert done.rows == sum(len(cls) for cls in vocabularies())
    assert done.changes == ()
    assert done.files == ()
    assert same_files(SHIPPED, terms_dir)


def test_a_semicolon_separated_sheet_reads_the_same(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    done = import_terms_csv(
        io.StringIO(as_csv(rows, delimiter=";")), terms_dir=terms_dir
    )
    assert done.changes == ()


def test_a_corrected_label_lands_in_the_right_file(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    row = next(r for r in rows if r["iri"].endswith("role:citizen"))
    row["label_fr"] = "Citoyenne ou citoyen"
    done = import_terms_csv(io.StringIO(as_csv(rows)), terms_dir=terms_dir)
    assert done.changes == (("terms/role.json", "citizen", "label.fr"),)
    assert done.files == ("terms/role.json",)
    document = json.loads((terms_dir / "role.json").read_text(encoding="utf-8"))
    assert document["terms"]["citizen"]["label"] == {
        "en": "Citizen",
        "fr": "Citoyenne ou citoyen",
    }
    before = (SHIPPED / "role.json").read_text(encoding="utf-8").splitlines()
    after = (terms_dir / "role.json").read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ('        "fr": "Citoyen"', '        "fr": "Citoyenne ou citoyen"')
    ]
    for other in SHIPPED.iterdir():
        if other.name != "role.json":
            assert other.read_bytes() == (terms_dir / other.name).read_bytes()


def test_every_kind_of_correction(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    row = next(r for r in rows if r["iri"].endswith("engagement_degree:consultation"))
    row["label_fr-CA"] = "Consultation publique"
    row["definition_fr-CA"] = "Les professionnels recueillent l'avis des patients."
    row["aliases"] = "consulting; consultative"
    row["sources"] = "Pomey2015"
    row["interpretive"] = "VRAI"
    row["proposed_labels"] = "fr"
    done = import_terms_csv(io.StringIO(as_csv(rows)), terms_dir=terms_dir)
    fields = {field for _, _, field in done.changes}
    assert fields == {
        "label.fr-CA",
        "definition.fr-CA",
        "aliases",
        "sources",
        "interpretive",
        "proposed_labels",
    }
    term = json.loads((terms_dir / "engagement_degree.json").read_text("utf-8"))[
        "terms"
    ]["consultation"]
    assert list(term) == [
        "iri",
        "label",
        "definition",
        "sources",
        "aliases",
        "interpretive",
        "proposed_labels",
    ]
    assert term["label"]["fr-CA"] == "Consultation publique"
    assert term["aliases"] == ["consulting", "consultative"]
    assert term["interpretive"] is True
    # ... and back: emptied cells remove what they added.
    row.update(
        {
            "label_fr-CA": "",
            "definition_fr-CA": "",
            "aliases": "consulting",
            "sources": "Pomey2015; AlteringFrontiers2021",
            "interpretive": "false",
            "proposed_labels": "",
        }
    )
    import_terms_csv(io.StringIO(as_csv(rows)), terms_dir=terms_dir)
    assert same_files(SHIPPED, terms_dir)


def test_rows_left_out_and_optional_columns_change_nothing(terms_dir: Path) -> None:
    rows = [
        {k: v for k, v in row.items() if not k.endswith("fr-CA")}
        for row in rows_of(terms_csv_text())
        if row["vocabulary"] == "Sphere"
    ]
    done = import_terms_csv(io.StringIO(as_csv(rows)), terms_dir=terms_dir)
    assert (done.rows, done.changes) == (2, ())
    assert same_files(SHIPPED, terms_dir)


def test_a_dry_run_reports_and_writes_nothing(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    rows[0]["label_en"] = "Paternalism"
    done = import_terms_csv(
        io.StringIO(as_csv(rows)), terms_dir=terms_dir, dry_run=True
    )
    assert done.changes == (("terms/care_posture.json", "paternalism", "label.en"),)
    assert same_files(SHIPPED, terms_dir)


# -- refusals --------------------------------------------------------------------------


def edited(**changes: str) -> str:
    """The spreadsheet with the row of ``role:citizen`` edited (row 2 + its index)."""
    rows = rows_of(terms_csv_text())
    row = next(r for r in rows if r["iri"].endswith("role:citizen"))
    row.update(changes)
    return as_csv(rows)


CITIZEN_ROW = 1 + next(
    i
    for i, r in enumerate(rows_of(terms_csv_text()), 1)
    if r["iri"].endswith("role:citizen")
)


@pytest.mark.parametrize(
    ("changes", "column", "code"),
    [
        ({"label_fr": ""}, "label_fr", "missing_label"),
        ({"label_en": "  "}, "label_en", "missing_label"),
        ({"definition_fr": ""}, "definition_fr", "missing_definition"),
        (
            {"definition_fr": pm.Role.CITIZEN.term.definition_en},
            "definition_fr",
            "untranslated_definition",
        ),
        ({"label_fr": "Patient partenaire"}, "label_fr", "duplicate_alias"),
        ({"aliases": "citoyenne; patient partenaire"}, "aliases", "duplicate_alias"),
        ({"sources": "Nobody1999"}, "sources", "unknown_source"),
        ({"sources": ""}, "sources", "no_source"),
        ({"proposed_labels": "de"}, "proposed_labels", "invalid_value"),
        ({"interpretive": "maybe"}, "interpretive", "wrong_type"),
        (
            {"iri": "urn:partnership-model:vocabulary:role:citoyen"},
            "iri",
            "changed_iri",
        ),
        ({"token": "citoyen"}, "token", "unknown_member"),
        ({"vocabulary": "Roles"}, "vocabulary", "unknown_vocabulary"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_fault_is_refused_at_its_row_and_column(
    terms_dir: Path, changes: dict[str, str], column: str, code: str
) -> None:
    assert (f"<csv>:{CITIZEN_ROW}:{column}", code) in problems_of(
        edited(**changes), terms_dir
    )


def test_a_repeated_row_is_refused(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    rows.append(dict(rows[0]))
    assert problems_of(as_csv(rows), terms_dir) == [
        (f"<csv>:{len(rows) + 1}:token", "duplicate_row")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [("<csv>:1", "missing")]),
        (
            ",".join(c for c in COLUMNS if c != "sources") + "\n",
            [("<csv>:1:sources", "missing_column")],
        ),
        (
            ",".join((*COLUMNS, "comment")) + "\n",
            [("<csv>:1:comment", "unknown_column")],
        ),
        (
            ",".join((*COLUMNS, "token")) + "\n",
            [("<csv>:1:token", "duplicate_column")],
        ),
        (",".join(COLUMNS) + '\nSphere,"community\n', [("<csv>:2", "csv_syntax")]),
        (",".join(COLUMNS) + "\nSphere,community\n", [("<csv>:2", "extra_cells")]),
    ],
)
def test_a_malformed_sheet_is_refused(
    terms_dir: Path, text: str, expected: list[tuple[str, str]]
) -> None:
    assert problems_of(text, terms_dir) == expected


def test_every_problem_is_reported_at_once(terms_dir: Path) -> None:
    rows = rows_of(terms_csv_text())
    rows[0]["label_fr"] = ""
    rows[-1]["sources"] = "Nobody1999"
    found = problems_of(as_csv(rows), terms_dir)
    assert [code for _, code in found] == ["missing_label", "unknown_source"]
    assert found[0][0] == "<csv>:2:label_fr"
    assert found[1][0] == f"<csv>:{len(rows) + 1}:sources"


def test_a_file_that_is_not_utf8_is_refused_with_its_line(
    tmp_path: Path, terms_dir: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\nCarePosture,caf\xe9\n")
    with pytest.raises(ValidationError) as caught:
        import_terms_csv(path, terms_dir=terms_dir)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("latin1.csv:2", "encoding")
    ]


@settings(max_examples=25, deadline=None)
@given(
    label=st.text(
        st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
    ).filter(str.strip)
)
def test_any_label_round_trips_or_is_refused_at_its_cell(label: str) -> None:
    """Whatever a reviewer types, the import writes it as typed or says where it fails."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch) / "terms"
        directory.mkdir()
        shutil.copy(SHIPPED / "engagement_outcome.json", directory)
        rows = [
            r
            for r in rows_of(terms_csv_text())
            if r["vocabulary"] == "EngagementOutcome"
        ]
        rows[0]["label_fr"] = label
        try:
            import_terms_csv(io.StringIO(as_csv(rows)), terms_dir=directory)
        except ValidationError as error:
            assert all(p.path == "<csv>:2:label_fr" for p in error.problems)
            return
        document = json.loads(
            (directory / "engagement_outcome.json").read_text("utf-8")
        )
        assert document["terms"][rows[0]["token"]]["label"]["fr"] == label


# -- the command line ------------------------------------------------------------------


def test_the_command_writes_each_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("rdflib")
    expected = {
        "turtle": "skos:ConceptScheme",
        "jsonld": '"skos": "http://www.w3.org/2004/02/skos/core#"',
        "csv": "\ufeffvocabulary,token,iri",
        "context": '"@context": {',
    }
    for fmt, start in expected.items():
        out = tmp_path / f"vocabulary.{fmt}"
        assert main(["vocabulary", "--format", fmt, "--out", str(out)]) == 0
        assert start in out.read_text(encoding="utf-8"), fmt
        assert capsys.readouterr().out == f"wrote {out}\n"
    assert main(["vocabulary", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("vocabulary,token,iri")


def test_the_command_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "terms.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["vocabulary", "--format", "csv", "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["vocabulary", "--format", "csv", "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("vocabulary,")


def test_the_command_base_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("rdflib")
    base = "https://example.org/v/"
    assert main(["vocabulary", "--format", "context", "--base", base]) == 0
    assert f"{base}engagement_degree:partnership" in capsys.readouterr().out
    assert main(["vocabulary", "--base", "not an iri"]) == 2
    assert "base" in capsys.readouterr().err
    assert main(["vocabulary", "--format", "csv", "--base", base]) == 2
    capsys.readouterr()


def test_the_command_imports_a_corrected_sheet(
    tmp_path: Path, terms_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "corrected.csv"
    sheet.write_text(edited(label_fr="Citoyenne ou citoyen"), encoding="utf-8")
    args = ["vocabulary", "--import", str(sheet), "--terms-dir", str(terms_dir)]
    assert main([*args, "--dry-run"]) == 0
    assert "would change 1 values" in capsys.readouterr().out
    assert same_files(SHIPPED, terms_dir)
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "terms/role.json: citizen: label.fr" in out
    assert "Citoyenne ou citoyen" in (terms_dir / "role.json").read_text("utf-8")
    assert main(args) == 0
    assert "nothing to change" in capsys.readouterr().out


def test_the_command_reports_a_refused_sheet_with_its_places(
    tmp_path: Path, terms_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "corrected.csv"
    sheet.write_text(edited(label_fr="", sources="Nobody1999"), encoding="utf-8")
    code = main(["vocabulary", "--import", str(sheet), "--terms-dir", str(terms_dir)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"corrected.csv:{CITIZEN_ROW}:label_fr: " in err
    assert "[missing_label]" in err
    assert f"corrected.csv:{CITIZEN_ROW}:sources: source 'Nobody1999'" in err
    assert same_files(SHIPPED, terms_dir)


@pytest.mark.parametrize(
    "extra",
    [["--format", "csv"], ["--out", "x"], ["--force"], ["--base", "urn:x:"]],
)
def test_the_command_refuses_mixed_options(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["vocabulary", "--import", "x.csv", *extra]) == 2
    assert "--import" in capsys.readouterr().err


def test_import_options_need_import(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocabulary", "--dry-run"]) == 2
    assert "--import" in capsys.readouterr().err


def test_a_missing_extra_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "rdflib", None)
    assert main(["vocabulary", "--format", "turtle"]) == 2
    assert "partnership-model[rdf]" in capsys.readouterr().err


def test_unreadable_terms_dir_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "corrected.csv"
    sheet.write_text(edited(), encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["vocabulary", "--import", str(sheet), "--terms-dir", str(empty)])
    assert code == 2
    assert "No such file" in capsys.readouterr().err
