"""Tests of registers kept in spreadsheets: CSV folders and .xlsx workbooks."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import sys
import tempfile
import typing
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings, strategies as st

if typing.TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

from partnership_model import (
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    Leadership,
    Participant,
    Person,
    Register,
    Role,
    assess,
    strategies as pms,
    to_dict,
)
from partnership_model._messages import problem_message
from partnership_model._sheet_layout import layout, spelling
from partnership_model.examples import load_register
from partnership_model.exceptions import ValidationError
from partnership_model.spreadsheet import (
    CellProblem,
    read_register,
    read_register_csv,
    read_register_xlsx,
    register_format,
    write_register,
    write_register_csv,
    write_register_xlsx,
    write_template,
)

EXAMPLE = load_register()
needs_xlsx = pytest.mark.skipif(
    importlib.util.find_spec("openpyxl") is None,
    reason="needs the xlsx extra (openpyxl)",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "register"


def problems(read: typing.Callable[[], object]) -> list[CellProblem]:
    with pytest.raises(ValidationError) as caught:
        read()
    found = list(caught.value.problems)
    assert all(isinstance(p, CellProblem) for p in found), found
    return typing.cast("list[CellProblem]", found)


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def small_register() -> Register:
    return Register.from_engagements(
        [
            Engagement(
                id="e1",
                title="Comité des usagers",
                domain=EngagementDomain.GOVERNANCE,
                level=EngagementLevel.MESO,
                degree=EngagementDegree.PARTNERSHIP,
                leadership=Leadership.CO_LED,
                participants=[
                    Participant(person_id="p1", role=Role.PATIENT_PARTNER),
                    Participant(person_id="p2", role=Role.CLINICIAN),
                ],
                start=dt.date(2021, 1, 15),
            )
        ],
        name="Test",
    )


# -- the layout is derived from the records ---------------------------------------------


def _record_fields(cls: type[typing.Any], seen: set[str]) -> Iterator[str]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        yield f"{cls.__name__}.{field.name}"
        hint = hints[field.name]
        is_list = typing.get_origin(hint) in (tuple, frozenset, list, set)
        item = typing.get_args(hint)[0] if is_list else None
        if isinstance(item, type) and attrs.has(item) and item.__name__ not in seen:
            seen.add(item.__name__)
            yield from _record_fields(item, seen)


def test_every_field_of_every_record_has_a_column_or_a_table() -> None:
    placed: list[str] = []
    for table in layout().tables:
        if table.id != "Register":
            placed.append(table.id)
        if table.record is not None:
            placed += [
                f"{table.record.__name__}.{c.key}"
                for c in table.columns
                if c.key != "schema_version"
            ]
    expected = list(_record_fields(Register, set()))

    assert sorted(placed) == sorted(expected)
    assert len(placed) == len(set(placed))


def test_every_column_and_table_is_named_and_explained_in_both_languages() -> None:
    for table in layout().tables:
        for lang in ("en", "fr"):
            assert table.labels[lang], table.id
            assert table.definitions[lang], table.id
            for column in table.all_columns:
                # A field the data file does not name yet would have no definition.
                assert column.definitions[lang], (table.id, column.key)
                assert len(table.labels[lang]) <= 31  # a sheet name's limit


def test_a_header_names_one_column_of_its_table() -> None:
    for table in layout().tables:
        spellings = [s for c in table.all_columns for s in c.spellings]
        assert len(spellings) == len(set(spellings)), table.id


def test_no_label_of_a_multi_valued_column_contains_the_separator() -> None:
    for table in layout().tables:
        for column in table.columns:
            if column.kind == "vocabularies" and column.vocabulary is not None:
                for member in column.vocabulary:
                    for lang in ("en", "fr", "fr-CA"):
                        assert ";" not in member.label(lang)


# -- round trips ------------------------------------------------------------------------


@needs_xlsx
@pytest.mark.parametrize("lang", ["en", "fr", "fr-CA"])
def test_the_example_register_round_trips_through_csv_and_xlsx(
    tmp_path: Path, lang: str
) -> None:
    csv_files = write_register(EXAMPLE, tmp_path / "csv", lang=lang)  # type: ignore[arg-type]
    workbook = write_register(EXAMPLE, tmp_path / "r.xlsx", lang=lang)  # type: ignore[arg-type]

    assert read_register(tmp_path / "csv") == EXAMPLE
    assert read_register(workbook[0]) == EXAMPLE
    assert len(csv_files) == len(layout().tables)


@settings(max_examples=40)
@given(
    register=pms.registers(),
    lang=st.sampled_from(["en", "fr", "fr-CA"]),
    tokens=st.booleans(),
    delimiter=st.sampled_from([None, ",", ";", "\t"]),
)
def test_any_register_round_trips_through_csv(
    register: Register, lang: str, tokens: bool, delimiter: str | None
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory) / "r"
        write_register_csv(
            register,
            folder,
            lang=lang,  # type: ignore[arg-type]
            tokens=tokens,
            delimiter=delimiter,
        )
        back = read_register_csv(folder)

    assert back == register
    assert to_dict(back) == to_dict(register)


@needs_xlsx
@settings(max_examples=20)
@given(register=pms.registers(), lang=st.sampled_from(["en", "fr"]))
def test_any_register_round_trips_through_xlsx(register: Register, lang: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.xlsx"
        write_register_xlsx(register, path, lang=lang)  # type: ignore[arg-type]
        back = read_register_xlsx(path)

    assert back == register


HOSTILE_TEXTS = [
    '=HYPERLINK("http://x","click")',
    "+33 1 23",
    "-5",
    "@SUM(A1)",
    "'quoted",
    "''twice",
    "\tindented",
    "line\r\nbreak",
    "cr\ronly",
    "_x0041_ literal",
    "bell\x07 and nul\x00",
    "  spaces around  ",
    'a;b,c"d',
]


@needs_xlsx
@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_texts_that_look_like_formulas_or_escapes_round_trip(
    tmp_path: Path, text: str
) -> None:
    register = Register(
        people=[Person(id="p1", note=text, display_name="x" + text)], name=text
    )
    write_register_csv(register, tmp_path / "csv")
    write_register_xlsx(register, tmp_path / "r.xlsx")

    assert read_register(tmp_path / "csv") == register
    assert read_register(tmp_path / "r.xlsx") == register


@needs_xlsx
def test_formula_cells_are_written_as_text(tmp_path: Path) -> None:
    import openpyxl

    register = Register(people=[Person(id="=1+1", note="@cmd")])
    write_register_csv(register, tmp_path / "csv")
    write_register_xlsx(register, tmp_path / "r.xlsx")

    raw = (tmp_path / "csv" / "people.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1,,'@cmd" in raw
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cell = book["People"]["A2"]
    assert cell.value == "=1+1"
    assert cell.data_type == "s"
    assert cell.quotePrefix
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        assert all(b"<f>" not in archive.read(n) for n in archive.namelist())


@needs_xlsx
def test_a_text_too_long_for_a_cell_is_refused_with_its_place(tmp_path: Path) -> None:
    register = Register(people=[Person(id="p1", note="x" * 40_000)])

    with pytest.raises(ValidationError) as caught:
        write_register_xlsx(register, tmp_path / "r.xlsx")

    assert caught.value.problems[0].path == "People:2:Note"
    assert not (tmp_path / "r.xlsx").exists()
    write_register_csv(register, tmp_path / "csv")  # CSV has no such limit
    assert read_register(tmp_path / "csv") == register


# -- what French spreadsheets really contain ----------------------------------------------


FR_ENGAGEMENTS = [
    [
        "Identifiant",
        "Titre",
        "Domaine",
        "Niveau",
        "Degré",
        "Leadership",
        "Date de début",
        "Formation commune",
        "Activités ensemble",
    ],
    [
        "e1",
        "Comité",
        "Gouvernance",
        "méso",
        "PARTENARIAT",
        "co-leadership",
        "15/01/2021",
        "oui",
        "Prévenir ensemble ; Enseigner ensemble",
    ],
    [
        "e2",
        "Cours",
        "research",
        "Micro (soins et services de santé)",
        "collaboration",
        "Porté par les patients",
        "2020-11-03",
        "Faux",
        "",
    ],
]
FR_PARTICIPANTS = [
    [
        "Identifiant de l'engagement",
        "Identifiant de la personne",
        "Rôle",
        "Rôle décisionnel",
    ],
    ["e1", "p1", "patiente partenaire", "VRAI"],
    ["e1", "p2", "Clinicien", "non"],
    ["e2", "p1", "Patient formateur", ""],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [True, False])
def test_french_csv_files_with_any_separator_and_bom(
    folder: Path, delimiter: str, bom: bool
) -> None:
    folder.mkdir()
    write_csv(folder / "engagements.csv", FR_ENGAGEMENTS, delimiter=delimiter)
    write_csv(folder / "participants.csv", FR_PARTICIPANTS, delimiter=delimiter)
    if bom:
        for path in folder.iterdir():
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    register = read_register(folder)

    e1, e2 = register.engagements
    assert e1.degree is EngagementDegree.PARTNERSHIP
    assert e1.level is EngagementLevel.MESO
    assert str(e1.start) == "2021-01-15"
    assert e1.trained_together is True
    assert e2.trained_together is False
    assert e2.domain is EngagementDomain.RESEARCH
    assert {a.value for a in e1.activities} == {
        "preventing_together",
        "teaching_together",
    }
    assert e1.participants[0].decision_role is True
    assert e2.participants[0].decision_role is False
    # Without a People file, the people are those the participants name.
    assert [p.id for p in register.people] == ["p1", "p2"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("31/03/2024", dt.date(2024, 3, 31)),
        ("1/3/2024", dt.date(2024, 3, 1)),
        ("31.03.2024", dt.date(2024, 3, 31)),
        (" 2024-03-31 ", dt.date(2024, 3, 31)),
    ],
)
def test_dates_iso_or_day_month_year(
    folder: Path, cell: str, expected: dt.date
) -> None:
    folder.mkdir()
    rows = [row[:7] for row in FR_ENGAGEMENTS[:2]]
    rows[1][6] = cell
    write_csv(folder / "engagements.csv", rows)

    assert str(read_register(folder).engagements[0].start) == expected.isoformat()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2006", "2006"),
        ("2020-11", "2020-11"),
        ("11/2020", "2020-11"),
        ("1/2021", "2021-01"),
    ],
)
def test_partial_dates_keep_their_precision(
    folder: Path, cell: str, expected: str
) -> None:
    folder.mkdir()
    rows = [row[:7] for row in FR_ENGAGEMENTS[:2]]
    rows[1][6] = cell
    write_csv(folder / "engagements.csv", rows)

    start = read_register(folder).engagements[0].start

    assert start is not None
    assert start.isoformat() == expected


@needs_xlsx
def test_a_workbook_writes_days_as_date_cells_and_years_or_months_as_text(
    tmp_path: Path,
) -> None:
    import openpyxl

    from partnership_model import PartialDate

    first = small_register().engagements[0]
    register = Register.from_engagements(
        [
            first,
            attrs.evolve(
                first,
                id="e2",
                start=PartialDate.fromisoformat("2006"),
                end=PartialDate.fromisoformat("2020-11"),
            ),
        ]
    )
    path = write_register_xlsx(register, tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Engagements"]
    column = {cell.value: index for index, cell in enumerate(sheet[1], 1)}

    day = sheet.cell(2, column["Start date"]).value
    year = sheet.cell(3, column["Start date"]).value
    month = sheet.cell(3, column["End date"]).value

    assert isinstance(day, dt.datetime)
    assert day.date() == dt.date(2021, 1, 15)
    assert (year, month) == ("2006", "2020-11")
    assert read_register(path) == register


def test_research_stages_and_their_degrees_are_a_child_table(folder: Path) -> None:
    from partnership_model import ResearchStage, StageDegree

    first = small_register().engagements[0]
    study = attrs.evolve(
        first,
        domain=EngagementDomain.RESEARCH,
        secondary_domains=frozenset({EngagementDomain.EDUCATION}),
        research_stages=(
            StageDegree(
                stage=ResearchStage.DESIGN, degree=EngagementDegree.PARTNERSHIP
            ),
            StageDegree(
                stage=ResearchStage.DISSEMINATION, degree=EngagementDegree.CONSULTATION
            ),
        ),
    )
    register = Register.from_engagements([study])
    write_register_csv(register, folder, lang="fr")

    text = (folder / "etapes_de_recherche.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines() == [
        "Identifiant de l'engagement;Étape de recherche;Degré à cette étape",
        "e1;Conception de l'étude;Partenariat",
        "e1;Diffusion et transfert des connaissances;Consultation",
    ]
    assert read_register(folder) == register

    # A typo in a stage's degree is located at its cell.
    (folder / "etapes_de_recherche.csv").write_text(
        text.replace(";Partenariat", ";Partenaria"), encoding="utf-8"
    )
    (problem,) = problems(lambda: read_register(folder))
    assert (problem.file, problem.row, problem.column, problem.code) == (
        "etapes_de_recherche.csv",
        2,
        "Degré à cette étape",
        "unknown_term",
    )
    # A stage above the engagement's degree breaks the rule that the engagement's
    # degree is the highest of its stages'.
    (folder / "etapes_de_recherche.csv").write_text(text, encoding="utf-8")
    engagements = (folder / "engagements.csv").read_text(encoding="utf-8-sig")
    (folder / "engagements.csv").write_text(
        engagements.replace(";Partenariat;", ";Collaboration;"), encoding="utf-8"
    )
    (problem,) = problems(lambda: read_register(folder))
    assert (problem.file, problem.row, problem.column) == (
        "engagements.csv",
        2,
        "Degré",
    )
    assert "partnership" in problem.message


def test_the_participant_facets_are_columns_of_several_values(folder: Path) -> None:
    from partnership_model import ContributionSought, KnowledgeType

    first = small_register().engagements[0]
    partner = attrs.evolve(
        first.participants[0],
        contributions_sought=frozenset(
            {ContributionSought.PERSPECTIVE, ContributionSought.DIRECT_EXPERIENCE}
        ),
        knowledge_types=frozenset({KnowledgeType.NAVIGATION}),
    )
    register = Register.from_engagements(
        [attrs.evolve(first, participants=(partner, first.participants[1]))]
    )
    write_register_csv(register, folder, lang="fr")

    rows = list(
        csv.DictReader(
            io.StringIO((folder / "participants.csv").read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )

    assert rows[0]["Types de savoirs"] == "Savoir de navigation"
    assert set(rows[0]["Contributions recherchées"].split("; ")) == {
        "Perspective",
        "Expérience directe",
    }
    assert read_register(folder) == register


@pytest.mark.parametrize("cell", ["31/02/2021", "2021-13-01", "mars 2021", "13/2021"])
def test_an_impossible_date_is_refused_at_its_cell(folder: Path, cell: str) -> None:
    folder.mkdir()
    rows = [row[:7] for row in FR_ENGAGEMENTS[:2]]
    rows[1][6] = cell
    write_csv(folder / "engagements.csv", rows)

    (problem,) = problems(lambda: read_register(folder))

    assert (problem.file, problem.row, problem.column, problem.cell) == (
        "engagements.csv",
        2,
        "Date de début",
        "G2",
    )
    assert "2024-03-31 ou 31/03/2024" in problem.message


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("oui", True),
        ("NON", False),
        ("vrai", True),
        ("Faux", False),
        ("yes", True),
        ("no", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
    ],
)
def test_yes_no_words(folder: Path, word: str, expected: bool) -> None:
    folder.mkdir()
    rows = [row[:8] for row in FR_ENGAGEMENTS[:2]]
    rows[1][7] = word
    write_csv(folder / "engagements.csv", rows)

    assert read_register(folder).engagements[0].trained_together is expected


def test_other_encodings_are_refused_with_how_to_save_as_utf8(folder: Path) -> None:
    folder.mkdir()
    text = "\n".join(";".join(row) for row in FR_ENGAGEMENTS[:2])
    (folder / "engagements.csv").write_bytes(text.encode("cp1252"))
    (folder / "participants.csv").write_bytes(
        "\n".join(",".join(r) for r in FR_PARTICIPANTS).encode("utf-16")
    )

    found = problems(lambda: read_register(folder))

    assert [(p.file, p.code) for p in found] == [
        ("engagements.csv", "not_utf8"),
        ("participants.csv", "not_utf8"),
    ]
    assert found[0].row == 1
    assert all("CSV UTF-8" in p.message and "LibreOffice" in p.message for p in found)
    french = problem_message(found[0], "fr")
    assert "l'octet 0x" in french
    assert "Fichier > Enregistrer sous" in french


# -- hostile and careless input ---------------------------------------------------------


def test_a_column_without_a_header_keeps_its_cells_from_disappearing(
    folder: Path,
) -> None:
    folder.mkdir()
    rows = [[*row[:6], ""] for row in FR_ENGAGEMENTS]
    rows[2][6] = "données perdues ?"
    write_csv(folder / "engagements.csv", rows)

    (problem,) = problems(lambda: read_register(folder))

    assert (problem.code, problem.row, problem.cell) == ("unnamed_column", 1, "G1")
    assert "rows 3" in problem.message


def test_an_empty_column_without_a_header_is_harmless(folder: Path) -> None:
    folder.mkdir()
    write_csv(
        folder / "engagements.csv", [[*row[:6], "", ""] for row in FR_ENGAGEMENTS]
    )

    assert len(read_register(folder)) == 2


def test_a_longer_row_than_the_header_is_refused(folder: Path) -> None:
    folder.mkdir()
    rows = [row[:6] for row in FR_ENGAGEMENTS]
    rows[1].append("extra")
    write_csv(folder / "engagements.csv", rows)

    (problem,) = problems(lambda: read_register(folder))

    assert (problem.code, problem.cell) == ("unnamed_column", "G1")


def test_duplicate_headers_are_refused_even_across_languages(folder: Path) -> None:
    folder.mkdir()
    rows = [[*row[:6], row[4]] for row in FR_ENGAGEMENTS]
    rows[0][6] = "degree"
    write_csv(folder / "engagements.csv", rows)

    (problem,) = problems(lambda: read_register(folder))

    assert (problem.code, problem.cell, problem.column) == (
        "duplicate_column",
        "G1",
        "degree",
    )
    assert "column E" in problem.message


def test_unknown_columns_sheets_and_files_are_refused_unless_ignored(
    folder: Path,
) -> None:
    folder.mkdir()
    write_csv(folder / "engagements.csv", [[*row[:6], "x"] for row in FR_ENGAGEMENTS])
    write_csv(folder / "notes.csv", [["a"], ["b"]])

    found = problems(lambda: read_register(folder))

    assert [(p.file, p.code) for p in found] == [
        ("notes.csv", "unknown_table"),
        ("engagements.csv", "unknown_column"),
    ]
    assert len(read_register_csv(folder, extra="ignore")) == 2


def test_header_spelling_is_lenient_and_invisible_characters_are_dropped(
    folder: Path,
) -> None:
    folder.mkdir()
    rows = [row[:6] for row in FR_ENGAGEMENTS]
    rows[0] = [
        "\ufeffIDENTIFIANT",
        "titre\u200b",
        "domain",
        " niveau ",
        "degre",
        "LEADERSHIP",
    ]
    write_csv(folder / "Engagements.CSV", rows)

    assert len(read_register(folder)) == 2


def test_invisible_characters_in_data_are_kept_or_refused_never_dropped(
    folder: Path,
) -> None:
    folder.mkdir()
    rows = [row[:6] for row in FR_ENGAGEMENTS[:2]]
    rows[1][0] = "e1\u200b"
    rows[1][1] = "Comité\u2060"
    write_csv(folder / "engagements.csv", rows)

    try:
        register = read_register(folder)
    except ValidationError as error:
        assert all(isinstance(p, CellProblem) and p.row == 2 for p in error.problems)
    else:
        assert register.engagements[0].id == "e1\u200b"
        assert register.engagements[0].title == "Comité\u2060"


def test_rows_naming_an_unknown_or_no_engagement_are_refused(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "engagements.csv", [row[:6] for row in FR_ENGAGEMENTS])
    rows = [*FR_PARTICIPANTS, ["e9", "p3", "Clinicien"], ["", "p4", "Clinicien"]]
    write_csv(folder / "participants.csv", rows)

    found = problems(lambda: read_register(folder))

    assert [(p.code, p.cell) for p in found] == [
        ("unknown_parent", "A5"),
        ("missing_parent", "A6"),
    ]
    assert "'e9'" in found[0].message


def test_a_missing_required_column_is_reported_once(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "engagements.csv", [row[:4] for row in FR_ENGAGEMENTS])

    found = problems(lambda: read_register(folder))

    table = layout().table("Register.engagements")
    expected = [c.labels["fr"] for c in table.columns[4:] if c.required]
    assert "Degré" in expected
    assert [(p.code, p.row, p.column) for p in found] == [
        ("missing_column", 1, label) for label in expected
    ]


def test_the_register_sheet_holds_one_row(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "registre.csv", [["Nom"], ["A"], ["B"]])

    (problem,) = problems(lambda: read_register(folder))

    assert (problem.code, problem.row) == ("extra_row", 3)


def test_two_files_for_one_table_are_refused(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "people.csv", [["id"], ["p1"]])
    write_csv(folder / "personnes.csv", [["identifiant"], ["p2"]])

    found = problems(lambda: read_register(folder))

    assert [p.code for p in found] == ["duplicate_table"]


def test_the_size_cap_refuses_a_huge_file_and_can_be_raised(folder: Path) -> None:
    folder.mkdir()
    rows = [row[:6] for row in FR_ENGAGEMENTS[:1]]
    rows += [
        [f"e{i}", "T", "Recherche", "Méso", "Consultation", "co-leadership"]
        for i in range(2000)
    ]
    write_csv(folder / "engagements.csv", rows)

    (problem,) = problems(lambda: read_register_csv(folder, max_bytes=10_000))

    assert problem.code == "too_large"
    assert "PARTNERSHIP_MODEL_MAX_SIZE" in problem.message
    assert problem.path == "engagements.csv"
    assert len(read_register_csv(folder, max_bytes=0)) == 2000
    assert len(read_register_csv(folder, max_bytes=None)) == 2000


def test_the_size_cap_follows_the_environment_variable(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_register_csv(EXAMPLE, folder)
    monkeypatch.setenv("PARTNERSHIP_MODEL_MAX_SIZE", "1k")

    found = problems(lambda: read_register(folder))

    assert {p.code for p in found} == {"too_large"}
    monkeypatch.setenv("PARTNERSHIP_MODEL_MAX_SIZE", "0")
    assert read_register(folder) == EXAMPLE


def test_a_stream_of_zeros_is_refused_by_the_cap(tmp_path: Path) -> None:
    zeros = Path("/dev/zero")
    if not zeros.exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "engagements.csv"
    link.symlink_to(zeros)

    (problem,) = problems(lambda: read_register_csv([link], max_bytes=1_000_000))

    assert problem.code == "too_large"


def test_malformed_csv_is_located(folder: Path) -> None:
    folder.mkdir()
    (folder / "people.csv").write_text(
        'id,note\np1,"unclosed\np2,x\n', encoding="utf-8"
    )

    found = problems(lambda: read_register(folder))

    assert [p.code for p in found] == ["csv_syntax"]


def test_an_empty_folder_is_refused(folder: Path) -> None:
    folder.mkdir()

    (problem,) = problems(lambda: read_register(folder))

    assert problem.code == "no_table"


# -- workbooks --------------------------------------------------------------------------


@needs_xlsx
def test_a_formula_in_a_workbook_is_refused_at_its_cell(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "r.xlsx"
    write_register_xlsx(small_register(), path)
    book = openpyxl.load_workbook(path)
    book["People"]["B2"] = '=CONCAT("a","b")'
    book.save(path)

    (problem,) = problems(lambda: read_register(path))

    assert (problem.sheet, problem.cell, problem.code) == ("People", "B2", "formula")
    assert problem.path == "r.xlsx:People:2:Display name"


@needs_xlsx
def test_an_error_value_in_a_workbook_is_refused_at_its_cell(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "r.xlsx"
    write_register_xlsx(small_register(), path)
    book = openpyxl.load_workbook(path)
    book["People"]["B2"] = "#N/A"
    book["People"]["B2"].data_type = "e"
    book.save(path)

    (problem,) = problems(lambda: read_register(path))

    assert (problem.cell, problem.code) == ("B2", "error_value")


@needs_xlsx
def test_typed_cells_of_a_workbook_are_read(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "r.xlsx"
    write_register_xlsx(small_register(), path)
    book = openpyxl.load_workbook(path)
    sheet = book["Engagements"]
    column = {cell.value: index for index, cell in enumerate(sheet[1], 1)}
    sheet.cell(2, column["Start date"]).value = dt.datetime(2020, 5, 17)  # a date cell
    sheet.cell(2, column["Trained together"]).value = True  # a boolean cell
    sheet["A3"], sheet["B3"], sheet["C3"] = 12, "T", "Recherche"
    sheet["D3"], sheet["E3"], sheet["F3"] = "Méso", "Consultation", "Co-led"
    book.save(path)

    register = read_register(path)

    assert str(register.engagements[0].start) == "2020-05-17"
    assert register.engagements[0].trained_together is True
    assert register.engagements[1].id == "12"


@needs_xlsx
def test_unknown_sheets_are_refused_and_template_sheets_skipped(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "r.xlsx"
    write_register_xlsx(small_register(), path, lang="fr")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Mes notes")["A1"] = "à relire"
    book.save(path)

    (problem,) = problems(lambda: read_register(path))

    assert (problem.sheet, problem.code) == ("Mes notes", "unknown_table")
    assert read_register_xlsx(path, extra="ignore") == small_register()


@needs_xlsx
def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("id,name\n", encoding="utf-8")

    (problem,) = problems(lambda: read_register(path))

    assert problem.code == "not_xlsx"


@needs_xlsx
def test_a_workbook_past_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_register_xlsx(EXAMPLE, path)

    (problem,) = problems(lambda: read_register_xlsx(path, max_bytes=20_000))

    assert problem.code == "too_large"


# -- writing never destroys ----------------------------------------------------------------


@needs_xlsx
def test_writing_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    write_register(EXAMPLE, tmp_path / "r.xlsx")
    write_register(EXAMPLE, tmp_path / "csv")
    before = (tmp_path / "r.xlsx").read_bytes()

    with pytest.raises(FileExistsError):
        write_register(small_register(), tmp_path / "r.xlsx")
    with pytest.raises(FileExistsError):
        write_register(small_register(), tmp_path / "csv")

    assert (tmp_path / "r.xlsx").read_bytes() == before
    assert read_register(tmp_path / "csv") == EXAMPLE
    write_register(small_register(), tmp_path / "csv", overwrite=True)
    assert read_register(tmp_path / "csv") == small_register()


def test_a_register_read_from_a_folder_can_be_written_back_over_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "csv"
    write_register(EXAMPLE, folder, lang="fr")

    write_register(read_register(folder), folder, lang="fr", overwrite=True)

    assert read_register(folder) == EXAMPLE


def test_files_a_new_write_would_not_replace_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    write_register(EXAMPLE, folder, lang="fr")

    with pytest.raises(FileExistsError, match=r"personnes\.csv"):
        write_register(EXAMPLE, folder, lang="en", overwrite=True)


@needs_xlsx
def test_register_format_is_told_by_extension_and_content(tmp_path: Path) -> None:
    write_register(EXAMPLE, tmp_path / "r.xlsx")
    (tmp_path / "r.xlsx").rename(tmp_path / "workbook")
    write_register(EXAMPLE, tmp_path / "r.json")

    assert register_format(tmp_path / "workbook") == "xlsx"
    assert register_format(tmp_path / "r.json") == "json"
    assert register_format(tmp_path) == "csv"
    assert register_format(tmp_path / "engagements.csv") == "csv"
    assert read_register(tmp_path / "workbook") == EXAMPLE
    assert read_register(tmp_path / "r.json") == EXAMPLE


# -- the template ------------------------------------------------------------------------


@needs_xlsx
def test_the_template_explains_every_column_and_offers_drop_downs(
    tmp_path: Path,
) -> None:
    import openpyxl

    path = write_template(tmp_path / "modele.xlsx", lang="fr")[0]
    book = openpyxl.load_workbook(path)
    tables = layout().tables

    assert book.sheetnames[0] == "Lisez-moi"
    assert book["Listes"].sheet_state == "hidden"
    readme = list(book["Lisez-moi"].iter_rows(min_row=2, values_only=True))
    for table in tables:
        sheet = book[table.labels["fr"]]
        header = [c.value for c in sheet[1]]
        assert header == [c.labels["fr"] for c in table.all_columns]
        explained = {
            row[1]: row for row in readme if row[0] == table.labels["fr"] and row[1]
        }
        assert set(explained) == set(header)
        for column in table.all_columns:
            row = explained[column.labels["fr"]]
            assert row[2], row
            assert row[3], row
            assert row[4] == ("oui" if column.required else "non")
    # French typography: a no-break space before the colon.
    assert any("\xa0:" in str(row[2] or "") for row in readme)


@needs_xlsx
def test_the_drop_downs_list_the_labels_of_the_vocabulary(tmp_path: Path) -> None:
    import openpyxl

    path = write_template(tmp_path / "modele.xlsx", lang="fr")[0]
    book = openpyxl.load_workbook(path)
    sheet = book["Engagements"]
    by_column = {
        str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
        for v in sheet.data_validations.dataValidation
    }
    lists = book["Listes"]

    # Degree is column E: its list holds the four degrees' French labels.
    sheet_name, cells = by_column["E"].split("!")
    assert sheet_name == "'Listes'"
    first, last = cells.replace("$", "").split(":")
    values = [c.value for row in lists[first:last] for c in row]
    assert values == [d.label("fr") for d in EngagementDegree]
    assert by_column["N"] == '"oui,non"'
    participants = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in book["Participants"].data_validations.dataValidation
    }
    assert participants["A2"].startswith("'Engagements'!$A$2")
    assert participants["B2"].startswith("'Personnes'!$A$2")


@needs_xlsx
def test_an_empty_template_reads_as_an_empty_register(tmp_path: Path) -> None:
    for lang in ("en", "fr"):
        write_template(tmp_path / f"t-{lang}.xlsx", lang=lang)
        write_template(tmp_path / f"t-{lang}", lang=lang)

        assert read_register(tmp_path / f"t-{lang}.xlsx") == Register()
        assert read_register(tmp_path / f"t-{lang}") == Register()


# -- the acceptance scenario --------------------------------------------------------------


def _append(sheet: Worksheet, values: dict[str, object]) -> None:
    """Append a row, each value under the header that names it."""
    header = [cell.value for cell in sheet[1]]
    row: list[object] = [None] * len(header)
    for label, value in values.items():
        row[header.index(label)] = value
    sheet.append(row)


def _fill(book: Workbook, *, mistakes: bool) -> None:
    """Fill the French template as a team would (one mistake per sheet if asked)."""
    book["Registre"]["A2"] = "Registre de l'équipe"
    people = book["Personnes"]
    _append(people, {"Identifiant": "p1", "Nom affiché": "Marie"})
    _append(people, {"Identifiant": "p2", "Note": "clinicienne"})
    _append(people, {"Identifiant": None if mistakes else "p3", "Nom affiché": "Lou"})
    sphere = "Communautaire" if mistakes else "Membres de la communauté"
    _append(
        book["Organisations"],
        {"Identifiant": "assoc", "Nom": "Association", "Sphère": sphere},
    )
    _append(
        book["Organisations"],
        {
            "Identifiant": "cisss",
            "Nom": "CISSS",
            "Sphère": "Professionnels",
            "Autorité": "Autorité de gestion",
        },
    )
    engagements = book["Engagements"]
    _append(
        engagements,
        {
            "Identifiant": "comite",
            "Titre": "Comité des usagers",
            "Domaine": "Gouvernance",
            "Niveau": "Méso",
            "Degré": "Partenariat",
            "Leadership": "Co-leadership",
            "Date de début": "15/01/2021",
            "Date de fin": "31/12/2021",
            "Activités ensemble": "Prévenir ensemble",
            "Reconnaissance": "Rémunération; Indemnisation",
            "Formation commune": "oui",
            "Évaluation commune": "non",
        },
    )
    cours: dict[str, object] = {
        "Identifiant": "cours",
        "Titre": "Cours",
        "Domaine": "Recherche",
        "Niveau": "Micro",
        "Degré": "Partenaria" if mistakes else "Partenariat",
        "Leadership": "Porté par les patients",
    }
    stages = [
        ("Conception de l'étude", "Partenariat"),
        ("Diffusion et transfert des connaissances", "Collaboration"),
    ]
    if "Étapes de recherche" in book.sheetnames:  # format 1.1: a degree per stage
        for stage, degree in stages:
            _append(
                book["Étapes de recherche"],
                {
                    "Identifiant de l'engagement": "cours",
                    "Étape de recherche": stage,
                    "Degré à cette étape": degree,
                },
            )
    else:
        cours["Étapes de recherche"] = "; ".join(stage for stage, _ in stages)
    _append(engagements, cours)
    participants = book["Participants"]
    key = "Identifiant de l'engagement"
    person = "Identifiant de la personne"
    _append(
        participants,
        {
            key: "comite",
            person: "p1",
            "Rôle": "Patiente partenaire",
            "Rôle décisionnel": "oui",
        },
    )
    _append(participants, {key: "comite", person: "p2", "Rôle": "Clinicienne"})
    role = "Superhéros" if mistakes else "Patient formateur"
    _append(participants, {key: "cours", person: "p3", "Rôle": role})
    links = book["Organisations des engagements"]
    _append(links, {key: "comite", "Identifiant de l'organisation": "assoc"})
    _append(
        links,
        {
            key: "cour" if mistakes else "cours",
            "Identifiant de l'organisation": "cisss",
        },
    )
    source = None if mistakes else "Procès-verbal du 15 janvier 2021"
    _append(book["Sources des engagements"], {key: "comite", "Source": source})


@needs_xlsx
def test_a_french_team_fills_the_template_then_fixes_its_mistakes(
    tmp_path: Path,
) -> None:
    import openpyxl

    template = write_template(tmp_path / "modele.xlsx", lang="fr")[0]
    book = openpyxl.load_workbook(template)
    _fill(book, mistakes=True)
    filled = tmp_path / "registre.xlsx"
    book.save(filled)

    found = problems(lambda: read_register(filled))

    assert [(p.sheet, p.row, p.column, p.code) for p in found] == [
        ("Personnes", 4, "Identifiant", "missing"),
        ("Organisations", 2, "Sphère", "unknown_term"),
        ("Engagements", 3, "Degré", "unknown_term"),
        ("Participants", 4, "Rôle", "unknown_term"),
        (
            "Organisations des engagements",
            3,
            "Identifiant de l'engagement",
            "unknown_parent",
        ),
        ("Sources des engagements", 2, "Source", "empty_cell"),
    ]
    assert all(p.path.startswith(f"registre.xlsx:{p.sheet}:{p.row}:") for p in found)
    assert "did you mean 'Partenariat'" in found[2].message
    # Every problem reads in French too (validate --lang fr).
    assert all(problem_message(p, "fr") != p.message for p in found)
    assert "vouliez-vous dire 'Partenariat'" in problem_message(found[2], "fr")

    fixed = openpyxl.load_workbook(template)
    _fill(fixed, mistakes=False)
    fixed.save(filled)
    register = read_register(filled)

    assert register.name == "Registre de l'équipe"
    assert len(register) == 2
    matrix = EngagementMatrix.from_engagements(register)
    assert (
        matrix.count(level=EngagementLevel.MESO, degree=EngagementDegree.PARTNERSHIP)
        == 1
    )
    assert matrix.total == 2
    assert {f.engagement_id for f in assess(register)} <= {"comite", "cours"}
    comite = register.engagement("comite")
    assert comite.participants[1].role is Role.CLINICIAN
    assert comite.organisations == ("assoc",)
    assert register.engagement("cours").organisations == ("cisss",)


def test_cross_field_rules_are_located_too(folder: Path) -> None:
    folder.mkdir()
    rows = [[*row[:8], "Date de fin"] for row in FR_ENGAGEMENTS[:2]]
    rows[1][8] = "14/01/2021"
    write_csv(folder / "engagements.csv", rows)
    write_csv(
        folder / "participants.csv", [*FR_PARTICIPANTS[:2], ["e1", "p1", "Clinicien"]]
    )

    found = problems(lambda: read_register(folder))

    assert [(p.file, p.row, p.column, p.code) for p in found] == [
        ("engagements.csv", 2, "Date de fin", "date_order"),
        (
            "participants.csv",
            3,
            "Identifiant de la personne",
            "duplicate_participation",
        ),
    ]


def test_cross_record_rules_are_located_too(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "personnes.csv", [["Identifiant"], ["p1"], ["p1"], ["p2"]])
    write_csv(folder / "engagements.csv", [row[:8] for row in FR_ENGAGEMENTS[:2]])
    write_csv(
        folder / "participants.csv", [*FR_PARTICIPANTS[:3], ["e1", "p9", "Clinicien"]]
    )

    found = problems(lambda: read_register(folder))

    assert [(p.file, p.row, p.column, p.code) for p in found] == [
        ("personnes.csv", 3, "Identifiant", "duplicate_id"),
        ("participants.csv", 4, "Identifiant de la personne", "unknown_reference"),
    ]


def test_spelling_folds_what_people_type() -> None:
    assert (
        spelling("Date de début")
        == spelling("date_de_debut")
        == spelling("DATE-DE-DÉBUT")
    )


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)

    with pytest.raises(ImportError, match=r"partnership-model\[xlsx\]"):
        write_register_xlsx(EXAMPLE, tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


@settings(max_examples=60)
@given(
    header=st.lists(st.text(max_size=12), max_size=8),
    rows=st.lists(st.lists(st.text(max_size=12), max_size=9), max_size=5),
    name=st.sampled_from(["engagements", "participants", "people", "registre"]),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_csv_content_reads_or_is_refused_with_located_problems(
    header: list[str], rows: list[list[str]], name: str, delimiter: str
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"{name}.csv"
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows([header, *rows])
        path.write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
        try:
            read_register_csv([path])
        except ValidationError as error:
            assert all(isinstance(p, CellProblem) for p in error.problems)
            assert all(p.path.startswith(f"{name}.csv") for p in error.problems)


_CELLS = (
    st.none()
    | st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=10
    )
    | st.integers(-5, 3000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1))
)


@needs_xlsx
@settings(max_examples=15)
@given(
    rows=st.lists(st.lists(_CELLS, max_size=8), min_size=1, max_size=5),
    name=st.sampled_from(["Engagements", "Participants", "Personnes", "Notes"]),
)
def test_any_workbook_content_reads_or_is_refused_with_located_problems(
    rows: list[list[object]], name: str
) -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = name
        for row in rows:
            sheet.append(row)
        book.save(path)
        try:
            read_register(path)
        except ValidationError as error:
            assert all(isinstance(p, CellProblem) for p in error.problems)
            assert all(p.path.startswith("r.xlsx") for p in error.problems)


def test_paths_never_carry_control_characters_from_the_file(folder: Path) -> None:
    folder.mkdir()
    write_csv(
        folder / "engagements.csv",
        [[*row[:6], "x\x1b[2J\u202e"] for row in FR_ENGAGEMENTS[:2]],
    )

    (problem,) = problems(lambda: read_register(folder))

    assert problem.code == "unknown_column"
    assert problem.path == "engagements.csv:1:x\\x1b[2J\\u202e"
    assert problem.column == "x\x1b[2J\u202e"  # the structured field keeps it as is


def test_a_single_csv_file_is_a_register_of_one_table(folder: Path) -> None:
    folder.mkdir()
    write_csv(folder / "engagements.csv", [row[:6] for row in FR_ENGAGEMENTS])
    write_csv(folder / "notes.csv", [["not", "read"]])

    register = read_register(folder / "engagements.csv")

    assert [e.id for e in register] == ["e1", "e2"]
    assert register.people == ()
