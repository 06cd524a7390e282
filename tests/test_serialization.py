"""Tests of the JSON round trip, loading checks and error reporting."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

from partnership_model import (
    Authority,
    Engagement,
    EngagementDegree,
    EngagementMatrix,
    MigrationWarning,
    Organisation,
    Participant,
    Person,
    Register,
    ResearchEngagementMatrix,
    SchemaVersionError,
    ValidationError,
    assess,
    from_dict,
    from_json,
    read_json,
    strategies as pms,
    to_dict,
    to_json,
    validate,
    write_json,
)
from partnership_model._messages import problem_message
from partnership_model.dates import PartialDate
from partnership_model.examples import load_register
from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
)
from partnership_model.serialization import converter


def example_dict() -> dict[str, Any]:
    return to_dict(load_register())


def problems_of(data: object, cls: type[Any] = Register) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        from_dict(data, cls)
    return [(p.path, p.code) for p in caught.value.problems]


# -- round trips --------------------------------------------------------------------

RECORD_STRATEGIES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Person, pms.people()),
    (Organisation, pms.organisations()),
    (Participant, pms.participants()),
    (Engagement, pms.engagements()),
    (Register, pms.registers()),
]


@pytest.mark.parametrize(
    ("cls", "strategy"), RECORD_STRATEGIES, ids=lambda x: getattr(x, "__name__", "")
)
@given(data=st.data())
def test_json_round_trip_of_every_record(
    cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    record = data.draw(strategy)
    text = to_json(record)
    assert from_json(text, cls) == record
    assert from_json(to_json(record, indent=2), cls) == record
    assert from_dict(to_dict(record), cls) == record


@given(pms.registers())
def test_output_is_deterministic_and_equals_json_dumps(register: Register) -> None:
    text = to_json(register)
    assert text == to_json(register)
    assert text == json.dumps(
        to_dict(register), ensure_ascii=False, separators=(",", ":")
    )
    rebuilt = from_json(text, Register)
    assert to_json(rebuilt) == text


@given(pms.registers())
def test_loading_then_dumping_is_stable(register: Register) -> None:
    once = to_dict(from_dict(to_dict(register), Register))
    assert once == to_dict(register)


def test_matrices_and_findings_round_trip() -> None:
    register = load_register()
    for value in (
        EngagementMatrix.from_engagements(register),
        ResearchEngagementMatrix.from_engagements(register),
        *assess(register)[:3],
    ):
        assert from_json(to_json(value), type(value)) == value


def test_format_of_values() -> None:
    engagement = load_register().engagement("oncopole-committee")
    data = to_dict(attrs.evolve(engagement, start=dt.date(2023, 1, 31)))
    assert data["degree"] == engagement.degree.value
    assert data["start"] == "2023-01-31"
    assert data["research_stages"] == [
        {"stage": item.stage.value, "degree": item.degree.value}
        for item in engagement.research_stages
    ]
    first = engagement.participants[0]
    expected = {
        "person_id": first.person_id,
        "role": first.role.value,
        "sphere": first.sphere.value,
        "authority": first.authority.value,
        "decision_role": first.decision_role,  # a boolean is always written
    }
    assert data["participants"][0] == expected
    assert "description" in data
    assert "end" not in data  # None is omitted
    assert "recognition" not in data  # so is an empty set


def test_sets_are_written_in_declaration_order() -> None:
    from partnership_model import TogetherActivity

    engagement = attrs.evolve(
        load_register().engagement("oncopole-committee"),
        activities=frozenset(TogetherActivity),
    )
    assert to_dict(engagement)["activities"] == [a.value for a in TogetherActivity]


def test_dates_are_written_as_precisely_as_they_are_known() -> None:
    """A year stays a year, a month a month: nothing is padded with invented days."""
    engagement = attrs.evolve(
        load_register().engagement("oncopole-committee"),
        start=PartialDate(2006),
        end=PartialDate(2020, 11),
    )
    data = to_dict(engagement)
    assert (data["start"], data["end"]) == ("2006", "2020-11")
    assert from_dict(data, Engagement) == engagement


@pytest.mark.parametrize(
    "value", [" 2024-01-02 ", "2024-01-02 ", "2024-1-2", "2024-13", "0000", "20240102"]
)
def test_a_date_that_is_not_iso_text_exactly_is_refused(value: str) -> None:
    """Regression (issue 13): padded dates were read by the node-link reader only."""
    data = example_dict()
    data["engagements"][0]["start"] = value
    assert problems_of(data) == [("$.engagements[0].start", "invalid")]


def test_a_json_ld_context_is_accepted_ignored_and_not_written() -> None:
    from partnership_model.jsonld import register_context

    document = {**register_context(), **example_dict()}
    assert from_dict(document, Register) == load_register()
    assert "@context" not in to_dict(load_register())
    document["@context"] = 42
    assert problems_of(document) == [("$['@context']", "wrong_type")]


def test_register_document_carries_the_schema_version_first() -> None:
    data = example_dict()
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == Register.schema_version


def test_null_is_accepted_for_optional_fields() -> None:
    data = example_dict()
    data["name"] = None
    data["engagements"][0]["start"] = None
    data["engagements"][0]["partners_joined_at"] = None
    register = from_dict(data, Register)
    assert register.name is None


def test_files(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    write_json(load_register(), path)
    assert path.read_text(encoding="utf-8").endswith("\n")
    assert read_json(path, Register) == load_register()
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_json(path, Register)
    assert caught.value.path.startswith(str(path))
    with pytest.raises(ValidationError) as caught:
        read_json(tmp_path / "missing.json", Register)
    assert caught.value.problems[0].code == "io"


# -- strictness ------------------------------------------------------------------


def test_unknown_keys_are_refused_with_a_hint() -> None:
    data = example_dict()
    data["engagements"][3]["tilte"] = "typo"
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Register)
    (problem,) = caught.value.problems
    assert problem.path == "$.engagements[3].tilte"
    assert problem.code == "unknown_key"
    assert "did you mean 'title'" in problem.message


def test_every_problem_is_reported_not_just_the_first() -> None:
    data = example_dict()
    data["engagements"][0]["degree"] = "partenariat"
    data["engagements"][2]["participants"][1]["role"] = 3
    data["engagements"][5]["start"] = "2024-02-30"
    del data["engagements"][7]["title"]
    data["people"][0]["id"] = " padded"
    found = problems_of(data)
    assert ("$.engagements[0].degree", "unknown_term") in found
    assert ("$.engagements[2].participants[1].role", "wrong_type") in found
    assert ("$.engagements[5].start", "invalid") in found
    assert ("$.engagements[7].title", "missing") in found
    assert ("$.people[0].id", "invalid") in found


def test_unknown_vocabulary_lists_the_accepted_values() -> None:
    data = example_dict()
    data["engagements"][0]["degree"] = "partnershp"
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Register)
    message = caught.value.problems[0].message
    assert "did you mean 'partnership'" in message
    for value in EngagementDegree.values():
        assert value in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 5),
        ("title", ""),
        ("title", "   "),
        ("degree", "Partnership"),
        ("degree", None),
        ("start", "2024-1-5"),
        ("start", "20240105"),
        ("start", 20240105),
        ("trained_together", "true"),
        ("trained_together", 1),
        ("participants", {}),
        ("participants", ["p1"]),
        ("research_stages", "design"),
        ("research_stages", ["design", "design"]),
        ("organisations", ["msss", "msss"]),
        ("sources", [""]),
        ("id", "a\u0000b"),
        ("description", "bad \ud800 surrogate"),
    ],
)
def test_wrong_values_are_refused_with_their_path(field: str, value: object) -> None:
    data = example_dict()
    data["engagements"][0][field] = value
    paths = [path for path, _ in problems_of(data)]
    assert any(path.startswith(f"$.engagements[0].{field}") for path in paths), paths


def test_cross_field_rules_have_their_own_codes() -> None:
    data = example_dict()
    data["engagements"][0]["start"] = "2024-05-02"
    data["engagements"][0]["end"] = "2024-05-01"
    data["engagements"][1]["participants"].append(
        data["engagements"][1]["participants"][0]
    )
    assert set(problems_of(data)) == {
        ("$.engagements[0].end", "date_order"),
        ("$.engagements[1].participants[2].person_id", "duplicate_participation"),
    }
    data = example_dict()
    data["people"].append(data["people"][0])
    data["engagements"][0]["participants"][0]["person_id"] = "nobody"
    found = problems_of(data)
    assert (f"$.people[{len(data['people']) - 1}].id", "duplicate_id") in found
    assert ("$.engagements[0].participants[0].person_id", "unknown_reference") in found


# -- schema versions ---------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.0", "10.0"])
def test_newer_versions_are_refused_clearly(version: str) -> None:
    data = example_dict()
    data["schema_version"] = version
    with pytest.raises(SchemaVersionError) as caught:
        from_dict(data, Register)
    assert caught.value.found == version
    assert caught.value.path == "$.schema_version"
    assert "upgrade" in str(caught.value)


def _as_format_1_0(data: dict[str, Any]) -> dict[str, Any]:
    """The example register as release 1.0 wrote it (authority as a level, bare stages)."""
    level_of = {"member": "micro", "managerial": "meso", "public_authority": "macro"}
    old = copy.deepcopy(data)
    old["schema_version"] = "1.0"
    for organisation in old["organisations"]:
        organisation["level"] = level_of[organisation.pop("authority", "managerial")]
    for engagement in old["engagements"]:
        for participant in engagement["participants"]:
            participant["level"] = level_of[participant.pop("authority")]
        if "research_stages" in engagement:
            engagement["research_stages"] = [
                item["stage"] for item in engagement["research_stages"]
            ]
    return old


def test_a_format_1_0_register_is_migrated_and_reported() -> None:
    """Every 1.0 level becomes an authority through the documented table."""
    old = _as_format_1_0(example_dict())
    with pytest.warns(MigrationWarning, match="format 1.0 document") as record:
        register = from_dict(old, Register)
    (warning,) = [w.message for w in record]
    assert isinstance(warning, MigrationWarning)
    assert warning.found_version == "1.0"
    changes = {c.path: c.message for c in warning.changes}
    participants = sum(len(e["participants"]) for e in old["engagements"])
    staged = sum("research_stages" in e for e in old["engagements"])
    assert staged == 3
    assert len(changes) == participants + len(old["organisations"]) + staged
    assert (
        "'macro' read as authority 'public_authority'"
        in changes["$.organisations[0].level"]
    )
    assert {c.code for c in warning.changes} == {"migrated_level", "migrated_stages"}
    # Release 1.0 recorded no degree per stage: each stage gets the
    # engagement's degree, whatever the current register says per stage.
    current = load_register().engagement("eclair-clara")
    assert [
        (item.stage, item.degree)
        for item in register.engagement("eclair-clara").research_stages
    ] == [(item.stage, current.degree) for item in current.research_stages]
    # Release 1.0 required an organisation's level: each migrated one states
    # an authority, so its ties are compared on it (as 1.0 did).
    assert {o.authority for o in register.organisations} == {
        Authority.PUBLIC_AUTHORITY,
        Authority.MANAGERIAL,
    }
    assert [e.participants for e in register.engagements] == [
        e.participants for e in load_register().engagements
    ]
    # Writing produces format 1.1, which reads back without a warning.
    assert to_dict(register)["schema_version"] == "1.1"
    assert from_dict(to_dict(register), Register) == register


def test_format_1_0_migration_problems_are_located() -> None:
    """An unknown level, or a level next to an authority, is refused."""
    old = _as_format_1_0(example_dict())
    old["organisations"][1]["level"] = "mezzo"
    old["engagements"][0]["participants"][0]["authority"] = "member"
    with pytest.raises(ValidationError) as caught:
        from_dict(old, Register)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {
        ("$.organisations[1].level", "unknown_term"),
        ("$.engagements[0].participants[0].level", "ambiguous"),
    }
    new = example_dict()
    new["organisations"][0]["level"] = "macro"
    assert ("$.organisations[0].level", "unknown_key") in set(problems_of(new))


@pytest.mark.parametrize("version", [None, 1.0, "1", "v1.0", ""])
def test_malformed_versions_are_refused(version: object) -> None:
    data = example_dict()
    data["schema_version"] = version
    assert problems_of(data)[0][0] == "$.schema_version"


def test_missing_version_is_refused() -> None:
    data = example_dict()
    del data["schema_version"]
    assert problems_of(data) == [("$.schema_version", "missing")]


# -- parsing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("{", "syntax"),
        ('{"schema_version": "1.0",}', "syntax"),
        ("[" * 100_000 + "]" * 100_000, "too_deep"),
        (b"\xff\xfe{}", "encoding"),
    ],
)
def test_unparseable_text_raises_validation_error(text: str | bytes, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_json(text, Register)
    assert caught.value.problems[0].code == code
    assert caught.value.path == "$"


@pytest.mark.parametrize(
    ("text", "path", "code", "line", "column"),
    [
        ('{"schema_version": NaN}', "$.schema_version", "non_finite", 1, 20),
        ('{"a": [1,\n  -Infinity]}', "$.a[1]", "non_finite", 2, 3),
        ('{"a": {"b": Infinity}}', "$.a.b", "non_finite", 1, 13),
        ('{"a": 1,\n "a": 2}', "$.a", "duplicate_key", 2, 2),
        (
            '{"p": [{"id": "x"},\n {"id": 1, "id": 2}]}',
            "$.p[1].id",
            "duplicate_key",
            2,
            12,
        ),
        ('{"a\\u0062": 1, "ab": 2}', "$.ab", "duplicate_key", 1, 16),
        ('{"é t": 1, "é t": 2}', "$['é t']", "duplicate_key", 1, 12),
        ("1" * 5000, "$", "number_too_long", 1, 1),
        ('{"a": [0, 1.5, -' + "7" * 4301 + "]}", "$.a[2]", "number_too_long", 1, 16),
    ],
)
def test_strictness_refusals_are_located(
    text: str, path: str, code: str, line: int, column: int
) -> None:
    """Duplicate keys, NaN and 4,301-digit integers: JSON path, line and column (issue 14)."""
    with pytest.raises(ValidationError) as caught:
        from_json(text, Register)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == (path, code)
    assert f"line {line} column {column}" in problem.message
    assert problem.params is not None
    assert (problem.params["line"], problem.params["column"]) == (
        str(line),
        str(column),
    )
    assert f"ligne {line}, colonne {column}" in problem_message(problem, "fr")


def test_a_long_float_is_not_an_over_long_integer() -> None:
    """Only an integer has the 4,300-digit limit; the duplicate key is what is refused."""
    text = '{"a": ' + "1" * 5000 + '.5, "a": 1}'
    with pytest.raises(ValidationError) as caught:
        from_json(text, Register)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$.a", "duplicate_key")
    ]


def test_read_json_names_the_file_and_the_place(tmp_path: Path) -> None:
    file = tmp_path / "register.json"
    file.write_text('{"schema_version": "1.1",\n "name": "a", "name": "b"}', "utf-8")
    with pytest.raises(ValidationError) as caught:
        read_json(file, Register)
    (problem,) = caught.value.problems
    assert problem.path == f"{file}:$.name"
    assert "line 2 column 15" in problem.message


def test_utf8_bytes_and_bom_are_accepted() -> None:
    text = to_json(load_register())
    assert from_json(text.encode(), Register) == load_register()
    assert from_json(b"\xef\xbb\xbf" + text.encode(), Register) == load_register()
    assert from_json("\ufeff" + text, Register) == load_register()


@pytest.mark.parametrize("document", [[], "text", 3, None, True])
def test_a_document_must_be_an_object(document: object) -> None:
    assert problems_of(document) == [("$", "wrong_type")]


# -- API contract -----------------------------------------------------------------


def test_validate_returns_none_or_raises() -> None:
    validate(example_dict(), Register)
    data = example_dict()
    data["engagements"][0]["level"] = "mega"
    with pytest.raises(ValidationError):
        validate(data, Register)


def test_validation_error_is_a_value_error_of_ours() -> None:
    with pytest.raises(ValueError, match="problem"):
        from_json("{}", Register)
    with pytest.raises(PartnershipModelError):
        from_json("{}", Register)


def test_unsupported_types_are_refused() -> None:
    with pytest.raises(RecordTypeError):
        to_dict(42)
    with pytest.raises(RecordTypeError):
        from_dict({}, dict)


def test_the_converter_embeds_our_records_in_user_classes() -> None:
    @attrs.frozen
    class Report:
        title: str
        engagements: list[Engagement]

    engagement = load_register().engagements[0]
    report = Report(title="Q1", engagements=[engagement])
    data = converter.unstructure(report)
    assert data["engagements"][0]["id"] == engagement.id
    assert converter.structure(data, Report) == report
    bad = copy.deepcopy(data)
    bad["engagements"][0]["degree"] = "nope"
    with pytest.raises(Exception) as caught:  # noqa: PT011 - cattrs wraps errors in groups
        converter.structure(bad, Report)
    assert "nope" in repr(caught.value.exceptions)  # type: ignore[attr-defined]


# -- differential: the fast loader agrees with the constructors ------------------


def _reference(data: Any, cls: type[Any]) -> Any:
    """Build *cls* from JSON data through its constructor (the slow, obvious way)."""
    if type(data) is not dict:
        raise TypeError
    hints = typing.get_type_hints(cls)
    known = {field.name for field in attrs.fields(cls)}
    if set(data) - known:
        raise TypeError
    kwargs = {name: _convert(value, hints[name]) for name, value in data.items()}
    return cls(**kwargs)


def _convert(value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _convert(value, inner)
    if origin in (tuple, frozenset):
        if type(value) is not list:
            return value  # let the constructor refuse it
        items = [_convert(item, args[0]) for item in value]
        if origin is frozenset and len(set(items)) != len(items):
            raise ValueError  # a set given twice the same member
        return items
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is PartialDate:
        return PartialDate.fromisoformat(value)
    if attrs.has(hint):
        return _reference(value, hint)
    return value


def _reference_accepts(data: Any) -> bool:
    try:
        _reference_register(data)
    except (PartnershipModelError, TypeError, ValueError):
        return False
    return True


def _reference_register(data: Any) -> Register:
    body = {k: v for k, v in data.items() if k != "schema_version"}
    return typing.cast("Register", _reference(body, Register))


def _mutations(
    draw: Callable[[st.SearchStrategy[Any]], Any], data: dict[str, Any]
) -> dict[str, Any]:
    mutated = copy.deepcopy(data)
    engagements = mutated.get("engagements", [])
    if not engagements:
        return mutated
    target = draw(st.sampled_from(engagements))
    key = draw(st.sampled_from(sorted(target)))
    action = draw(st.sampled_from(["drop", "retype", "rename", "duplicate", "null"]))
    if action == "drop":
        del target[key]
    elif action == "retype":
        target[key] = draw(
            st.sampled_from([0, 1.5, True, "", "x", [], {}, ["x"], None])
        )
    elif action == "rename":
        target[key + "_"] = target.pop(key)
    elif action == "duplicate" and isinstance(target[key], list) and target[key]:
        target[key].append(target[key][0])
    elif action == "null":
        target[key] = None
    return mutated


@given(st.data())
def test_fast_loader_agrees_with_the_constructors(data: st.DataObject) -> None:
    register = data.draw(pms.registers(max_engagements=4))
    document = _mutations(data.draw, to_dict(register))
    try:
        loaded = from_dict(document, Register)
    except ValidationError:
        loaded = None
    if loaded is None:
        assert not _reference_accepts(document)
    else:
        assert _reference_register(document) == loaded


# -- format 1.0 files, identifiers, imports ----------------------------------------

FORMAT_1_0 = Path(__file__).parent / "fixtures" / "register-1.0.json"


def test_a_format_1_0_register_file_reads_as_format_1_1() -> None:
    """A file release 1.0 wrote: authority levels and bare stages, migrated and reported."""
    with pytest.warns(MigrationWarning) as record:
        register = read_json(FORMAT_1_0, Register)
    (warning,) = [w.message for w in record]
    assert isinstance(warning, MigrationWarning)
    codes = [change.code for change in warning.changes]
    assert codes.count("migrated_stages") == 3
    assert "research stages read at their engagement's degree" in str(warning)
    for engagement in register.engagements:
        assert all(
            item.degree is engagement.degree for item in engagement.research_stages
        )
    saved = to_dict(register)
    assert saved["schema_version"] == "1.1"
    assert all(
        isinstance(item, dict)
        for e in saved["engagements"]
        for item in e.get("research_stages", [])
    )
    assert from_dict(saved, Register) == register


def test_a_format_1_0_stage_list_with_a_bad_degree_is_refused_for_the_degree() -> None:
    old = json.loads(FORMAT_1_0.read_text(encoding="utf-8"))
    index = next(i for i, e in enumerate(old["engagements"]) if "research_stages" in e)
    old["engagements"][index]["degree"] = "partenariat"
    assert problems_of(old) == [(f"$.engagements[{index}].degree", "unknown_term")]


@pytest.mark.parametrize(
    "character",
    [
        "\u200b",
        "\ufeff",
        "\u2060",
        "\u202e",
        "\u2066",
        "\x85",
        "\x9f",
        "\u00ad",
        "\U000e0041",
    ],
)
def test_invisible_and_format_characters_are_refused_in_identifiers(
    character: str,
) -> None:
    """Issue 14: ``p1`` and ``p1`` + U+200B would be two people."""
    data = example_dict()
    data["people"][0]["id"] += character
    assert ("$.people[0].id", "invalid") in set(problems_of(data))
    with pytest.raises(InvalidRecordError):
        Person(id="p1" + character)
    data = example_dict()
    data["engagements"][0]["title"] += character  # free text may hold them
    from_dict(data, Register)


def test_identifiers_are_kept_in_nfc_so_one_name_is_one_id() -> None:
    """The same name typed in NFD and in NFC is one person (issue 14)."""
    nfc, nfd = "\u00e9milie", "e\u0301milie"
    assert Person(id=nfd).id == nfc
    data = example_dict()
    data["people"][0]["id"] = nfd
    data["people"].append({"id": nfc})
    found = problems_of(data)
    assert (f"$.people[{len(data['people']) - 1}].id", "duplicate_id") in found
    data = example_dict()
    person = data["people"][0]["id"]
    data["people"][0]["id"] = nfc
    for engagement in data["engagements"]:
        for participant in engagement["participants"]:
            if participant["person_id"] == person:
                participant["person_id"] = nfd
    register = from_dict(data, Register)
    assert register.person(nfc).id == nfc
    assert to_dict(register)["people"][0]["id"] == nfc


def test_reading_a_register_loads_neither_networkx_nor_the_ecology() -> None:
    """serialization imports no exchange and no networkx (issue 13)."""
    import subprocess
    import sys

    code = (
        "import sys; from partnership_model import Register, from_json, to_json; "
        "from partnership_model.examples import load_register; "
        "r = from_json(to_json(load_register()), Register); "
        "print(sorted(m for m in ('networkx', 'partnership_model.ecology', "
        "'partnership_model.exchange', 'jsonschema') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
