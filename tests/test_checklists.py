"""Tests of partnership_model.checklists: the model, the GRIPP2 data, the file format."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, strategies as st

import partnership_model
from partnership_model import strategies as pms
from partnership_model.checklists import (
    BUILTIN_CHECKLISTS,
    CHECKLIST_FORMAT_VERSION,
    AnswerKind,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Citation,
    CoPublication,
    RegisterCoverage,
    VerificationSource,
    builtin_checklist,
    checklist_from_dict,
    checklist_schema,
    checklist_to_dict,
    gripp2,
    load_checklist,
)
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
    SchemaVersionError,
    UnknownReferenceError,
    ValidationError,
    VocabularyError,
)

DATA = Path(partnership_model.__file__).parent / "data" / "checklists"
FIXTURES = Path(__file__).parent / "checklists"

# -- the published GRIPP2 items --------------------------------------------------------
#
# Short form: Staniszewska S, Brett J, Simera I, et al. GRIPP2 reporting checklists.
# Res Involv Engagem 2017;3:13, doi:10.1186/s40900-017-0062-2, Table 2
# (https://researchinvolvement.biomedcentral.com/articles/10.1186/s40900-017-0062-2/tables/2),
# also reproduced in doi:10.1186/s40900-018-0118-y, Table 1. Each row is a section
# number and heading; items 3 and 4 carry the topic "Outcomes".
GRIPP2_SHORT = [
    ("1", "Aim", None),
    ("2", "Methods", None),
    ("3", "Study results", "Outcomes"),
    ("4", "Discussion and conclusions", "Outcomes"),
    ("5", "Reflections/critical perspective", None),
]

# Long form, sections 1 to 6: the long-form table reproduced in BMC Rheumatology 2023,
# doi:10.1186/s41927-023-00327-w, Table 2
# (https://bmcrheumatol.biomedcentral.com/articles/10.1186/s41927-023-00327-w/tables/2);
# items 1a to 4d also in a mirror of the article's own table (PMID 29062538,
# https://www.ai-bt.com/si.php?db=pubmed&id=29062538). Sections as (id, heading).
GRIPP2_LONG_SECTIONS = [
    ("1", "Abstract of paper"),
    ("2", "Background to paper"),
    ("3", "Aims of paper"),
    ("4", "Methods of paper"),
    ("5", "Capture or measurement of PPI impact"),
    ("6", "Economic assessment"),
]
# Items as (id, section, topic).
GRIPP2_LONG_VERIFIED = [
    ("1a", "1", "Aim"),
    ("1b", "1", "Methods"),
    ("1c", "1", "Results"),
    ("1d", "1", "Conclusions"),
    ("1e", "1", "Keywords"),
    ("2a", "2", "Definition"),
    ("2b", "2", "Theoretical underpinnings"),
    ("2c", "2", "Concepts and theory development"),
    ("3", "3", "Aim"),
    ("4a", "4", "Design"),
    ("4b", "4", "People involved"),
    ("4c", "4", "Stages of involvement"),
    ("4d", "4", "Level or nature of involvement"),
    ("5a", "5", "Qualitative evidence of impact"),
    ("5b", "5", "Quantitative evidence of impact"),
    ("5c", "5", "Robustness of measure"),
    ("6", "6", "Economic assessment"),
]
# The abstract of the article announces 34 long-form items.
GRIPP2_LONG_ITEM_COUNT = 34


def test_the_short_form_holds_the_published_ids_and_sections() -> None:
    short = gripp2("short")

    assert [(s.id, s.title) for s in short.sections] == [
        (number, heading) for number, heading, _ in GRIPP2_SHORT
    ]
    assert [(i.id, i.section, i.topic) for i in short.items] == [
        (number, number, topic) for number, _, topic in GRIPP2_SHORT
    ]
    assert short.complete
    assert short.items_to_verify == 0
    assert short.expected_item_count == len(short.items) == 5


def test_the_long_form_holds_the_verified_ids_and_sections_as_published() -> None:
    long = gripp2("long")

    assert [(s.id, s.title) for s in long.sections] == GRIPP2_LONG_SECTIONS
    assert [(i.id, i.section, i.topic) for i in long.items] == GRIPP2_LONG_VERIFIED


def test_the_long_form_counts_the_items_still_to_verify() -> None:
    long = gripp2("long")

    assert long.expected_item_count == GRIPP2_LONG_ITEM_COUNT
    assert long.items_to_verify == GRIPP2_LONG_ITEM_COUNT - len(GRIPP2_LONG_VERIFIED)
    assert long.items_to_verify == 17
    assert not long.complete
    assert "INCOMPLETE" in (long.note_en or "")
    assert "INCOMPLÈTE" in (long.note_fr or "")


@pytest.mark.parametrize("checklist_id", BUILTIN_CHECKLISTS)
def test_every_shipped_item_names_where_it_was_verified(checklist_id: str) -> None:
    checklist = builtin_checklist(checklist_id)
    sources = {source.id: source for source in checklist.verification_sources}

    for item in checklist.items:
        assert item.verified_in
        for source_id in item.verified_in:
            assert sources[source_id].link.startswith("https://")
            assert sources[source_id].locator


def test_the_citation_is_the_gripp2_article_and_its_co_publication() -> None:
    citation = gripp2("long").citation

    assert citation == gripp2("short").citation
    assert citation.doi == "10.1186/s40900-017-0062-2"
    assert citation.year == 2017
    assert len(citation.authors) == 16
    assert citation.authors[0] == "Staniszewska S"
    assert citation.authors[-1] == "Tysall C"
    assert [p.doi for p in citation.also_published] == ["10.1136/bmj.j3453"]
    assert "https://doi.org/10.1136/bmj.j3453" in citation.text()


def test_gripp2_refuses_an_unknown_form() -> None:
    with pytest.raises(VocabularyError) as caught:
        gripp2("medium")  # type: ignore[arg-type]

    assert caught.value.accepted == ("short", "long")
    assert isinstance(caught.value, ValueError)


def test_builtin_checklist_refuses_an_unknown_id() -> None:
    with pytest.raises(UnknownReferenceError, match="gripp3"):
        builtin_checklist("gripp3")


def test_builtin_checklists_are_read_once() -> None:
    assert builtin_checklist("gripp2-lf") is builtin_checklist("gripp2-lf")


# -- our wording, in both languages ------------------------------------------------------

_FR_FIELDS = ("title_fr", "summary_fr", "topic_fr", "note_fr")


def _french_texts(checklist: Checklist) -> list[str]:
    texts = [checklist.title_fr, checklist.note_fr or ""]
    texts += [section.title_fr for section in checklist.sections]
    for item in checklist.items:
        texts += [
            getattr(item, name) or "" for name in _FR_FIELDS if hasattr(item, name)
        ]
    return [text for text in texts if text]


@pytest.mark.parametrize("checklist_id", BUILTIN_CHECKLISTS)
def test_french_texts_follow_french_typography(checklist_id: str) -> None:
    for text in _french_texts(builtin_checklist(checklist_id)):
        assert not re.search(r"[^\u00a0]:", text), text
        assert not re.search(r"[^\u202f][;?!]", text), text
        assert not re.search(r"«[^\u00a0]|[^\u00a0]»", text), text


@pytest.mark.parametrize("checklist_id", BUILTIN_CHECKLISTS)
def test_every_item_has_distinct_english_and_french_summaries(
    checklist_id: str,
) -> None:
    checklist = builtin_checklist(checklist_id)

    for item in checklist.items:
        assert item.summary("en") == item.summary_en
        assert item.summary("fr") == item.summary_fr
        assert item.summary_en != item.summary_fr
        # Our summaries are short sentences, not copies of long published items.
        assert len(item.summary_en) <= 140


def test_the_answer_notes_are_consistent_with_the_coverage() -> None:
    for checklist_id in BUILTIN_CHECKLISTS:
        for item in builtin_checklist(checklist_id).items:
            none = item.register_coverage is RegisterCoverage.NONE
            assert none == (item.register_answers == (AnswerKind.NOT_ANSWERABLE,))
            assert item.answerable is not none


def test_lookups_by_id() -> None:
    long = gripp2("long")

    assert long.item("4d").topic == "Level or nature of involvement"
    assert [i.id for i in long.items_in("5")] == ["5a", "5b", "5c"]
    assert long.section("2").label("fr") == long.section("2").title_fr
    assert long.label("en") == "GRIPP2 long form"
    with pytest.raises(UnknownReferenceError):
        long.item("7a")  # not verified: not in the data
    with pytest.raises(UnknownReferenceError):
        long.items_in("9")


# -- records refuse invalid values ---------------------------------------------------


def _item(**changes: Any) -> ChecklistItem:
    fields: dict[str, Any] = {
        "id": "1",
        "section": "1",
        "summary_en": "Say who took part.",
        "summary_fr": "Dire qui a participé.",
        "register_answers": [AnswerKind.PEOPLE_AND_ROLES],
        "register_coverage": RegisterCoverage.FULL,
        "verified_in": ["s"],
    }
    fields.update(changes)
    return ChecklistItem(**fields)


def test_not_answerable_stands_alone() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        _item(
            register_answers=[AnswerKind.NOT_ANSWERABLE, AnswerKind.LEADERSHIP],
            register_coverage=RegisterCoverage.NONE,
        )
    assert caught.value.code == "not_answerable_combined"


@pytest.mark.parametrize(
    ("answers", "coverage"),
    [
        ([AnswerKind.NOT_ANSWERABLE], RegisterCoverage.FULL),
        ([AnswerKind.LEADERSHIP], RegisterCoverage.NONE),
    ],
)
def test_coverage_matches_the_answer_kinds(
    answers: list[AnswerKind], coverage: RegisterCoverage
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        _item(register_answers=answers, register_coverage=coverage)
    assert caught.value.code == "coverage_mismatch"


@pytest.mark.parametrize(
    "changes",
    [
        {"topic": "Aim"},
        {"topic_fr": "Objectif"},
        {"note_en": "A note."},
        {"note_fr": "Une note."},
    ],
)
def test_a_translation_comes_with_its_original(changes: dict[str, str]) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        _item(**changes)
    assert caught.value.code == "missing_translation"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"register_answers": []}, InvalidRecordError),
        ({"register_answers": ["leadership"]}, RecordTypeError),
        (
            {"register_answers": [AnswerKind.LEADERSHIP, AnswerKind.LEADERSHIP]},
            InvalidRecordError,
        ),
        ({"verified_in": []}, InvalidRecordError),
        ({"summary_en": "  "}, InvalidRecordError),
        ({"id": " 1"}, InvalidRecordError),
        ({"register_coverage": "full"}, RecordTypeError),
    ],
)
def test_items_refuse_invalid_fields(
    changes: dict[str, Any], error: type[PartnershipModelError]
) -> None:
    with pytest.raises(error):
        _item(**changes)


def test_a_verification_source_needs_a_doi_or_a_url() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        VerificationSource(id="s", citation="A paper", locator="Table 1")
    assert caught.value.code == "missing_locator"
    assert VerificationSource(id="s", citation="c", locator="l", doi="10.1/x").link == (
        "https://doi.org/10.1/x"
    )


def test_citations_refuse_a_bad_year_and_no_authors() -> None:
    with pytest.raises(InvalidRecordError):
        Citation(key="k", authors=["A B"], title="T", year=17)
    with pytest.raises(InvalidRecordError):
        Citation(key="k", authors=[], title="T")
    with pytest.raises(InvalidRecordError):
        CoPublication(container="BMJ", year=True)


def _checklist(**changes: Any) -> Checklist:
    fields: dict[str, Any] = {
        "id": "c",
        "guideline": "G",
        "title": "T",
        "title_fr": "T",
        "citation": Citation(key="k", authors=["A B"], title="T"),
        "expected_item_count": 1,
        "items_to_verify": 0,
        "complete": True,
        "verification_sources": [
            VerificationSource(id="s", citation="c", locator="l", url="https://x")
        ],
        "sections": [ChecklistSection(id="1", title="One", title_fr="Un")],
        "items": [_item()],
    }
    fields.update(changes)
    return Checklist(**fields)


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        (
            {"items": [_item(), _item()], "expected_item_count": 2},
            DuplicateIdError,
            "items[1].id",
        ),
        ({"items": [_item(section="2")]}, UnknownReferenceError, "items[0].section"),
        (
            {"items": [_item(verified_in=["t"])]},
            UnknownReferenceError,
            "items[0].verified_in[0]",
        ),
        ({"items_to_verify": 1}, InvalidRecordError, "items_to_verify"),
        ({"complete": False}, InvalidRecordError, "complete"),
        ({"expected_item_count": 0}, InvalidRecordError, "expected_item_count"),
        ({"items": []}, InvalidRecordError, "items"),
        (
            {
                "sections": [
                    ChecklistSection(id="1", title="One", title_fr="Un"),
                    ChecklistSection(id="1", title="Again", title_fr="Encore"),
                ]
            },
            DuplicateIdError,
            "sections[1].id",
        ),
    ],
)
def test_checklists_refuse_inconsistent_fields(
    changes: dict[str, Any], error: type[PartnershipModelError], field: str
) -> None:
    with pytest.raises(error) as caught:
        _checklist(**changes)
    assert caught.value.field == field  # type: ignore[attr-defined]


# -- the file format -------------------------------------------------------------------


def test_a_user_checklist_in_the_same_format_loads() -> None:
    checklist = load_checklist(FIXTURES / "minimal.json")

    assert checklist.id == "team-ppi-checklist"
    assert [item.id for item in checklist.items] == ["A1", "A2"]
    assert checklist.items_to_verify == 1
    assert not checklist.complete


def test_a_broken_file_is_refused_with_every_fault_located() -> None:
    path = FIXTURES / "broken.json"
    with pytest.raises(ValidationError) as caught:
        load_checklist(path)

    located = {(p.path, p.code) for p in caught.value.problems}
    assert located == {
        (f"{path}:$.citation.authors", "invalid"),
        (f"{path}:$.items[0].register_answers[0]", "unknown_term"),
        (f"{path}:$.items[1].comment", "unknown_key"),
    }
    assert "did you mean 'leadership'" in str(caught.value)


def _valid() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "minimal.json").read_text("utf-8"))
    return data


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()

MALFORMED = [
    (("id",), _DELETE, "$.id", "missing"),
    (("title_fr",), 3, "$.title_fr", "wrong_type"),
    (("sections",), {}, "$.sections", "wrong_type"),
    (("items", 0, "section"), "B", "$.items[0].section", "unknown_reference"),
    (
        ("items", 1, "verified_in", 0),
        "nowhere",
        "$.items[1].verified_in[0]",
        "unknown_reference",
    ),
    (("items", 1, "id"), "A1", "$.items[1].id", "duplicate_id"),
    (
        ("items", 0, "register_coverage"),
        "most",
        "$.items[0].register_coverage",
        "unknown_term",
    ),
    (
        ("items", 0, "register_answers"),
        ["period", "period"],
        "$.items[0].register_answers[1]",
        "duplicate_item",
    ),
    (("items", 0, "topic"), "Who", "$.items[0].topic_fr", "missing_translation"),
    (
        ("items", 0, "register_coverage"),
        "none",
        "$.items[0].register_coverage",
        "coverage_mismatch",
    ),
    (("items_to_verify",), 0, "$.items_to_verify", "count_mismatch"),
    (("items_to_verify",), -1, "$.items_to_verify", "invalid"),
    (("complete",), "no", "$.complete", "wrong_type"),
    (("citation", "year"), "2026", "$.citation.year", "wrong_type"),
    (("citation", "extra"), 1, "$.citation.extra", "unknown_key"),
    (
        ("verification_sources", 0, "url"),
        None,
        "$.verification_sources[0].url",
        "missing_locator",
    ),
    (("$schema",), 5, "$['$schema']", "wrong_type"),
]


@pytest.mark.parametrize(
    ("where", "value", "path", "code"),
    MALFORMED,
    ids=[m[2] + " " + m[3] for m in MALFORMED],
)
def test_malformed_files_are_refused_at_the_faulty_path(
    tmp_path: Path, where: tuple[Any, ...], value: Any, path: str, code: str
) -> None:
    data = _valid()
    _set(data, where, value)
    file = tmp_path / "checklist.json"
    file.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValidationError) as caught:
        load_checklist(file)

    assert (f"{file}:{path}", code) in {(p.path, p.code) for p in caught.value.problems}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"schema_version": "1.0",', "syntax"),
        (b"", "empty"),
        (b"\xff\xfe", "encoding"),
        (b"[]", "wrong_type"),
    ],
)
def test_files_that_are_not_checklist_json_are_refused(
    tmp_path: Path, content: bytes, code: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(content)

    with pytest.raises(ValidationError) as caught:
        load_checklist(file)

    assert caught.value.problems[0].path.startswith(str(file))
    assert caught.value.problems[0].code == code


def test_a_missing_file_is_refused_with_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ValidationError) as caught:
        load_checklist(missing)
    assert caught.value.path == str(missing)
    assert caught.value.problems[0].code == "io"


@pytest.mark.parametrize("version", ["2.0", 1, None])
def test_an_unsupported_format_version_is_refused(
    tmp_path: Path, version: object
) -> None:
    data = _valid()
    data["schema_version"] = version
    file = tmp_path / "future.json"
    file.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(SchemaVersionError) as caught:
        load_checklist(file)
    assert caught.value.path == f"{file}:$.schema_version"


def test_a_missing_format_version_is_reported() -> None:
    data = _valid()
    del data["schema_version"]
    with pytest.raises(ValidationError) as caught:
        checklist_from_dict(data)
    assert caught.value.path == "$.schema_version"


@pytest.mark.parametrize("name", BUILTIN_CHECKLISTS)
def test_the_shipped_files_are_written_in_canonical_form(name: str) -> None:
    text = (DATA / f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    expected = {
        "$schema": "checklist.schema.json",
        **checklist_to_dict(builtin_checklist(name)),
    }

    assert data == expected
    assert text == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert data["schema_version"] == CHECKLIST_FORMAT_VERSION


# -- the JSON Schema ------------------------------------------------------------------


@functools.cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = checklist_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", BUILTIN_CHECKLISTS)
def test_the_shipped_files_match_the_schema(name: str) -> None:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))

    assert list(_schema_validator().iter_errors(data)) == []


def test_the_schema_describes_every_field_of_every_record() -> None:
    schema = checklist_schema()
    definitions = schema["$defs"]
    tables = {
        Checklist: schema,
        Citation: definitions["Citation"],
        CoPublication: definitions["CoPublication"],
        VerificationSource: definitions["VerificationSource"],
        ChecklistSection: definitions["Section"],
        ChecklistItem: definitions["Item"],
    }
    for cls, table in tables.items():
        fields = {f.name for f in attrs.fields(cls)}
        properties = set(table["properties"]) - {"$schema", "schema_version"}
        assert properties == fields, cls.__name__
        required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
        assert set(table["required"]) - {"schema_version"} == required, cls.__name__
    assert definitions["AnswerKind"]["enum"] == [kind.value for kind in AnswerKind]
    coverage = definitions["Item"]["properties"]["register_coverage"]["enum"]
    assert set(coverage) == {member.value for member in RegisterCoverage}


def test_the_schema_is_a_fresh_copy() -> None:
    schema = checklist_schema()
    schema["title"] = "changed"
    assert checklist_schema()["title"] != "changed"


@pytest.mark.parametrize(
    ("where", "value", "path", "code"),
    [m for m in MALFORMED if m[3] in {"missing", "wrong_type", "unknown_key"}],
)
def test_the_schema_refuses_structural_faults_too(
    where: tuple[Any, ...], value: Any, path: str, code: str
) -> None:
    data = _valid()
    assert list(_schema_validator().iter_errors(data)) == []
    _set(data, where, value)

    assert list(_schema_validator().iter_errors(data)), (path, code)


# -- properties ------------------------------------------------------------------------


@given(pms.checklists())
def test_dict_round_trip_schema_and_counts(checklist: Checklist) -> None:
    data = checklist_to_dict(checklist)

    assert checklist_from_dict(json.loads(json.dumps(data))) == checklist
    assert list(_schema_validator().iter_errors(data)) == []
    assert len(checklist.items) + checklist.items_to_verify == (
        checklist.expected_item_count
    )
    assert checklist.complete == (checklist.items_to_verify == 0)
    for item in checklist.items:
        assert checklist.item(item.id) is item
        assert item in checklist.items_in(item.section)


@given(pms.checklists(), st.data())
def test_dropping_a_required_key_is_reported_at_its_path(
    checklist: Checklist, data: st.DataObject
) -> None:
    document = checklist_to_dict(checklist)
    index = data.draw(st.integers(0, len(checklist.items) - 1))
    item = document["items"][index]
    key = data.draw(st.sampled_from(["id", "section", "summary_fr", "verified_in"]))
    broken = copy.deepcopy(document)
    del broken["items"][index][key]

    with pytest.raises(ValidationError) as caught:
        checklist_from_dict(broken)

    assert f"$.items[{index}].{key}" in {p.path for p in caught.value.problems}
    assert item[key] == document["items"][index][key]  # the original is untouched


def test_repeated_author_names_are_kept() -> None:
    """Two authors may share a name; only ids and answer kinds must be distinct."""
    data = _valid()
    data["citation"]["authors"] = ["Smith J", "Smith J"]

    assert checklist_from_dict(data).citation.authors == ("Smith J", "Smith J")


# -- the explanation page says what the data says -------------------------------------

EXPLANATION = (
    Path(__file__).resolve().parent.parent
    / "docs"
    / "explanation"
    / "gripp2-register.md"
)
_ROW = re.compile(r"^\| (\S+) \| ([^|]+) \| ([^|]+) \| (none|partial|full) \|", re.M)


def _table(page: str, heading: str) -> dict[str, tuple[str, tuple[str, ...], str]]:
    section = page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return {
        item: (section_title.strip(), tuple(a.strip() for a in answers.split(",")), cov)
        for item, section_title, answers, cov in _ROW.findall(section)
    }


@pytest.mark.parametrize(
    ("form", "heading"), [("short", "The short form"), ("long", "The long form")]
)
def test_the_explanation_tables_match_the_checklist_data(
    form: str, heading: str
) -> None:
    checklist = gripp2(form)  # type: ignore[arg-type]
    table = _table(EXPLANATION.read_text(encoding="utf-8"), heading)

    assert table == {
        item.id: (
            checklist.section(item.section).title,
            tuple(kind.value for kind in item.register_answers),
            item.register_coverage.value,
        )
        for item in checklist.items
    }


def test_the_explanation_counts_the_items_still_to_verify() -> None:
    page = EXPLANATION.read_text(encoding="utf-8")
    long = gripp2("long")
    assert f"**{len(long.items)} are verified and shipped**" in page
    assert f"**{long.items_to_verify} are still to verify**" in page
    assert f"announces {long.expected_item_count} items" in page
