"""Tests of the example register of real cases and of its coding notes."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from partnership_model import (
    EngagementDegree,
    Leadership,
    Register,
    Severity,
    Sphere,
    assess,
)
from partnership_model._data import Problems, parse_data_json, read_data_json
from partnership_model.bibliography import BIBLIOGRAPHY
from partnership_model.examples import (
    CODING_NOTES_FILE,
    REGISTER_FILE,
    CodingNote,
    build_coding_notes,
    build_register,
    coding_notes,
    load_register,
)
from partnership_model.exceptions import DataFileError, Problem, VocabularyError
from partnership_model.schema import check_against_schema

Document = dict[str, Any]


def _shipped(file: str) -> Document:
    problems = Problems(file)
    document = read_data_json(file, problems)
    assert not problems.items
    copied: Document = json.loads(json.dumps(document))  # plain dicts, a copy
    return copied


@pytest.fixture
def register_document() -> Document:
    return _shipped(REGISTER_FILE)


@pytest.fixture
def notes_document() -> Document:
    return _shipped(CODING_NOTES_FILE)


# -- the shipped files ---------------------------------------------------------------


def test_the_register_file_loads_and_is_cached() -> None:
    register = load_register()
    assert isinstance(register, Register)
    assert load_register() is register
    assert hash(register)
    assert len(register) >= 15


def test_the_register_file_passes_the_reference_json_schema(
    register_document: Document,
) -> None:
    check_against_schema(register_document, Register)


def test_every_case_cites_the_bibliography_and_is_described() -> None:
    for engagement in load_register():
        assert engagement.sources, engagement.id
        assert all(key in BIBLIOGRAPHY for key in engagement.sources), engagement.id
        assert engagement.description


def test_people_are_anonymised() -> None:
    register = load_register()
    assert all(person.display_name is None for person in register.people)
    for engagement in register:
        assert all(p.display_name is None for p in engagement.participants)


def test_every_engagement_engages_the_community() -> None:
    for engagement in load_register():
        assert any(p.sphere is Sphere.COMMUNITY for p in engagement.participants)


def test_the_covid_case_counts_the_four_patients_of_its_source() -> None:
    covid = load_register().engagement("covid-triage-protocol")
    assert "Four patients" in (covid.description or "")
    assert len(covid.community_participants) == 4


# -- the coding notes ----------------------------------------------------------------


def test_every_engagement_has_one_note_in_both_languages() -> None:
    register = load_register()
    notes = coding_notes()
    assert list(notes) == [e.id for e in register]
    for engagement in register:
        note = notes[engagement.id]
        assert note.engagement_id == engagement.id
        assert note.text("en").strip()
        assert note.text("fr").strip()
        assert note.text("en") != note.text("fr")


def test_notes_cite_their_engagements_sources() -> None:
    notes = coding_notes()
    for engagement in load_register():
        for lang in ("en", "fr"):
            text = notes[engagement.id].text(lang)
            assert any(key in text for key in engagement.sources), (engagement.id, lang)


def test_notes_give_the_reason_of_each_date_and_unrecorded_leadership() -> None:
    notes = coding_notes()
    for engagement in load_register():
        english = notes[engagement.id].text("en")
        for date in (engagement.start, engagement.end):
            if date is not None:
                assert str(date.year) in english, engagement.id
        if engagement.start is None and engagement.end is None:
            assert "Undated" in english, engagement.id
        if engagement.leadership is None:
            assert "unrecorded" in english, engagement.id


def test_french_notes_are_set_in_french_typography() -> None:
    note = coding_notes()["eclair-clara"]
    assert " :" in note.fr
    assert " ;" in note.fr
    france, quebec = note.text("fr"), note.text("fr-CA")
    assert " :" not in france
    assert "\u00a0:" in france
    assert " ;" not in france
    assert "\u202f;" in france
    assert "\u00a0:" in quebec
    assert " ;" not in quebec
    assert "\u202f;" not in quebec
    with pytest.raises(VocabularyError):
        note.text("de")  # type: ignore[arg-type]


# -- what the recoding guarantees, read from the data -----------------------------------


def test_no_instrumentalisation_alert_on_real_programmes() -> None:
    """A case coded partnership records the community decision role its source gives."""
    register = load_register()
    alerts = [f for f in assess(register) if f.severity is Severity.ALERT]
    assert alerts == []
    for engagement in register:
        if engagement.degree is EngagementDegree.PARTNERSHIP:
            assert any(p.decision_role for p in engagement.community_participants)


def test_no_missing_tiers_finding_where_the_register_records_a_tiers() -> None:
    register = load_register()
    tiers = {
        o.id
        for o in register.organisations
        if o.role is not None and o.role.value == "third_party"
    }
    assert tiers
    flagged = {
        f.engagement_id for f in assess(register) if f.code == "no_tiers_support"
    }
    for engagement in register:
        if tiers.intersection(engagement.organisations):
            assert engagement.id not in flagged, engagement.id


def test_partnership_is_never_recorded_as_professional_led() -> None:
    for engagement in load_register():
        if engagement.degree is EngagementDegree.PARTNERSHIP:
            assert engagement.leadership is not Leadership.PROFESSIONAL_LED


def test_stage_degrees_differ_where_the_source_distinguishes_them() -> None:
    staged = [e for e in load_register() if len(e.research_stages) > 1]
    assert staged
    assert any(len({item.degree for item in e.research_stages}) > 1 for e in staged)


def test_the_register_records_dates_as_partial_dates() -> None:
    dated = [e for e in load_register() if e.start is not None]
    assert dated
    assert all(e.start is not None and e.start.precision for e in dated)


# -- a file edited into an invalid state is refused at load time ---------------------


def _first_engagement(document: Document) -> Document:
    engagement: Document = document["engagements"][0]
    return engagement


REGISTER_FAULTS: dict[str, tuple[Callable[[Document], None], str, str]] = {
    "unknown_degree": (
        lambda d: _first_engagement(d).update(degree="partenariat"),
        "$.engagements[0].degree",
        "",
    ),
    "day_that_does_not_exist": (
        lambda d: _first_engagement(d).update(start="2021-02-30"),
        "$.engagements[0].start",
        "",
    ),
    "unknown_key": (
        lambda d: _first_engagement(d).update(coding_note="why"),
        "$.engagements[0].coding_note",
        "",
    ),
    "unknown_person": (
        lambda d: d["people"].pop(0),
        "$.engagements[0].participants[0].person_id",
        "",
    ),
    "old_format": (
        lambda d: d.update(schema_version="1.0"),
        "$.schema_version",
        "schema_version",
    ),
    "unknown_source": (
        lambda d: _first_engagement(d)["sources"].append("Nobody2099"),
        "$.engagements[0].sources[3]",
        "unknown_source",
    ),
    "no_source": (
        lambda d: _first_engagement(d).update(sources=[]),
        "$.engagements[0].sources",
        "no_source",
    ),
    "no_description": (
        lambda d: _first_engagement(d).pop("description"),
        "$.engagements[0].description",
        "no_description",
    ),
    "display_name": (
        lambda d: d["people"][0].update(display_name="A. Patient"),
        "$.people[0].display_name",
        "not_anonymised",
    ),
    "participant_display_name": (
        lambda d: _first_engagement(d)["participants"][0].update(display_name="A."),
        "$.engagements[0].participants[0].display_name",
        "not_anonymised",
    ),
    "unused_organisation": (
        lambda d: d["organisations"].append(
            {"id": "nobody", "name": "Nobody", "sphere": "community"}
        ),
        "$.organisations[",
        "unused_organisation",
    ),
}


@pytest.mark.parametrize("fault", sorted(REGISTER_FAULTS))
def test_an_invalid_register_file_is_refused_with_its_path(
    register_document: Document, fault: str
) -> None:
    edit, path, code = REGISTER_FAULTS[fault]
    document = copy.deepcopy(register_document)
    assert build_register(document) == load_register()  # the copy is valid
    edit(document)
    with pytest.raises(DataFileError) as caught:
        build_register(document)
    assert caught.value.file == REGISTER_FILE
    assert any(path in p.path for p in caught.value.problems), caught.value
    if code:
        assert code in {p.code for p in caught.value.problems}


def test_a_key_spelled_twice_in_the_register_file_is_refused() -> None:
    problems = Problems(REGISTER_FILE)
    document = parse_data_json(
        '{"schema_version": "1.1", "name": "a", "name": "b"}', problems
    )
    with pytest.raises(DataFileError) as caught:
        build_register(document)
    assert [p.code for p in caught.value.problems] == ["duplicate_key"]


@pytest.mark.parametrize("document", [None, [], "register", 1.1])
def test_a_register_file_that_is_not_a_register_is_refused(document: Any) -> None:
    with pytest.raises(DataFileError):
        build_register(document)


NOTE_FAULTS: dict[str, tuple[Callable[[Document], None], str, str]] = {
    "missing_note": (
        lambda d: d["notes"].pop("eclair-clara"),
        "$.notes['eclair-clara']",
        "missing_note",
    ),
    "unknown_engagement": (
        lambda d: d["notes"].update(nowhere={"en": "Pomey2015", "fr": "Pomey2015"}),
        "$.notes.nowhere",
        "unknown_engagement",
    ),
    "blank_french": (
        lambda d: d["notes"]["eclair-clara"].update(fr="  "),
        "$.notes['eclair-clara'].fr",
        "wrong_type",
    ),
    "missing_english": (
        lambda d: d["notes"]["eclair-clara"].pop("en"),
        "$.notes['eclair-clara'].en",
        "missing_key",
    ),
    "unknown_language": (
        lambda d: d["notes"]["eclair-clara"].update(de="Biaudet2024"),
        "$.notes['eclair-clara'].de",
        "unknown_key",
    ),
    "cites_no_source": (
        lambda d: d["notes"]["eclair-clara"].update(en="Our reading."),
        "$.notes['eclair-clara'].en",
        "note_cites_no_source",
    ),
    "note_not_an_object": (
        lambda d: d["notes"].update({"eclair-clara": "Biaudet2024"}),
        "$.notes['eclair-clara']",
        "wrong_type",
    ),
    "notes_not_an_object": (
        lambda d: d.update(notes=[]),
        "$.notes",
        "wrong_type",
    ),
    "extra_top_level_key": (
        lambda d: d.update(version=1),
        "$.version",
        "unknown_key",
    ),
}


@pytest.mark.parametrize("fault", sorted(NOTE_FAULTS))
def test_an_invalid_notes_file_is_refused_with_its_path(
    notes_document: Document, fault: str
) -> None:
    edit, path, code = NOTE_FAULTS[fault]
    document = copy.deepcopy(notes_document)
    register = load_register()
    assert build_coding_notes(document, register) == dict(coding_notes())
    edit(document)
    with pytest.raises(DataFileError) as caught:
        build_coding_notes(document, register)
    assert caught.value.file == CODING_NOTES_FILE
    found = {(p.path, p.code) for p in caught.value.problems}
    assert (path, code) in found, found


def test_the_data_check_command_checks_the_example_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from partnership_model import _datacheck, examples

    report = _datacheck.check_all()
    assert report.errors == ()
    assert report.examples == len(load_register())

    def broken(document: Any, register: Register, **_: Any) -> Any:
        raise DataFileError(CODING_NOTES_FILE, [Problem("$", "broken", "test")])

    monkeypatch.setattr(examples, "build_coding_notes", broken)
    report = _datacheck.check_all()
    assert [error.file for error in report.errors] == [CODING_NOTES_FILE]
    assert report.examples == 0


def test_a_coding_note_is_a_validated_record() -> None:
    with pytest.raises(ValueError, match="en"):
        CodingNote(engagement_id="e1", en=" ", fr="Texte.")
