"""Tests of the message catalogue: its load-time check, its lookup, and the shipped files."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

from partnership_model import _messages
from partnership_model._data import Problems, data_files, parse_data_json
from partnership_model._i18n import LANGUAGE_TAGS, NBSP, NNBSP, typeset
from partnership_model._messages import (
    MESSAGES_DIRECTORY,
    Catalogue,
    Message,
    build_catalogue,
    catalogue,
    entry,
    message,
    problem,
    problem_message,
)
from partnership_model.exceptions import (
    DataFileError,
    InvalidRecordError,
    Problem,
    RecordTypeError,
    UnknownReferenceError,
    VocabularyError,
)

SOURCE = Path(_messages.__file__).parent


def test_doctests() -> None:
    assert doctest.testmod(_messages).failed == 0


def document(messages: object, domain: str = "test") -> dict[str, Any]:
    return {"domain": domain, "messages": messages}


def problems_of(doc: object, domain: str = "test") -> list[tuple[str, str]]:
    with pytest.raises(DataFileError) as caught:
        build_catalogue(doc, file="messages/test.json", domain=domain)
    assert caught.value.file == "messages/test.json"
    return [(p.path, p.code) for p in caught.value.problems]


# -- the load-time check fails when it should -------------------------------------------


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ({"a": {"en": "x"}}, ("$.messages.a.fr", "missing_text")),
        ({"a": {"fr": "x"}}, ("$.messages.a.en", "missing_text")),
        ({"a": {"en": "x", "fr": "  "}}, ("$.messages.a.fr", "missing_text")),
        ({"a": {"en": "x", "fr": 3}}, ("$.messages.a.fr", "missing_text")),
        (
            {"a": {"en": "x", "fr": "y", "de": "z"}},
            ("$.messages.a.de", "unknown_language"),
        ),
        (
            {"a": {"en": "x", "fr": "y", "fr-FR": "z"}},
            ("$.messages.a['fr-FR']", "unknown_language"),
        ),
        (
            {"a": {"en": "{n}", "fr": "{m}"}},
            ("$.messages.a.fr", "inconsistent_placeholders"),
        ),
        (
            {"a": {"en": "{n}", "fr": "y"}},
            ("$.messages.a.fr", "inconsistent_placeholders"),
        ),
        (
            {"a": {"en": "{n}", "fr": "{n}", "fr-CA": "z"}},
            ("$.messages.a['fr-CA']", "inconsistent_placeholders"),
        ),
        ({"a": {"en": "{}", "fr": "{}"}}, ("$.messages.a.en", "invalid_placeholder")),
        ({"a": {"en": "{0}", "fr": "{0}"}}, ("$.messages.a.en", "invalid_placeholder")),
        (
            {"a": {"en": "{n:>3}", "fr": "{n}"}},
            ("$.messages.a.en", "invalid_placeholder"),
        ),
        (
            {"a": {"en": "{n!r}", "fr": "{n}"}},
            ("$.messages.a.en", "invalid_placeholder"),
        ),
        (
            {"a": {"en": "{n.real}", "fr": "{n}"}},
            ("$.messages.a.en", "invalid_placeholder"),
        ),
        (
            {"a": {"en": "{n[0]}", "fr": "{n}"}},
            ("$.messages.a.en", "invalid_placeholder"),
        ),
        ({"a": {"en": "{n", "fr": "{n}"}}, ("$.messages.a.en", "invalid_placeholder")),
        ({"a": {"en": "x}", "fr": "x"}}, ("$.messages.a.en", "invalid_placeholder")),
        (
            {"a": {"en": {"one": "{count}"}, "fr": "{count}"}},
            ("$.messages.a.en.other", "missing_key"),
        ),
        (
            {
                "a": {
                    "en": {"one": "{count}", "other": "{count}", "few": "x"},
                    "fr": "{count}",
                }
            },
            ("$.messages.a.en.few", "unknown_key"),
        ),
        (
            {"a": {"en": {"one": "one", "other": "{n} more"}, "fr": "{n}"}},
            ("$.messages.a", "missing_count"),
        ),
        ({"A": {"en": "x", "fr": "y"}}, ("$.messages.A", "invalid_name")),
        ({"a-b": {"en": "x", "fr": "y"}}, ("$.messages['a-b']", "invalid_name")),
        ({"a": "x"}, ("$.messages.a", "wrong_type")),
        (
            {"a": {"en": "x", "fr": "y", "note": ""}},
            ("$.messages.a.note", "wrong_type"),
        ),
        ([], ("$.messages", "wrong_type")),
    ],
)
def test_a_bad_message_is_refused_with_its_path(
    messages: object, expected: tuple[str, str]
) -> None:
    assert expected in problems_of(document(messages))


def test_the_file_must_declare_its_domain_and_nothing_else() -> None:
    found = problems_of({"domain": "other", "messages": {}, "extra": 1})
    assert ("$.domain", "wrong_domain") in found
    assert ("$.extra", "unknown_key") in found
    assert ("$.messages", "missing_key") in problems_of({"domain": "test"})
    assert ("$", "wrong_type") in problems_of([])


def test_a_key_written_twice_is_refused() -> None:
    parsed = parse_data_json(
        '{"domain": "test", "messages": {"a": {"en": "x", "fr": "y"}, '
        '"a": {"en": "x", "fr": "z"}}}',
        Problems("messages/test.json"),
    )
    assert ("$.messages.a", "duplicate_key") in problems_of(parsed)


def test_every_problem_is_reported_at_once() -> None:
    found = problems_of(
        document({"a": {"en": "x"}, "b": {"en": "{n}", "fr": "{m}"}, "c": 1})
    )
    assert [code for _, code in found] == [
        "missing_text",
        "inconsistent_placeholders",
        "wrong_type",
    ]


def test_a_good_document_builds() -> None:
    built = build_catalogue(
        document(
            {
                "plain": {"en": "x", "fr": "y", "note": "why"},
                "counted": {
                    "en": {"one": "one thing", "other": "{count} things"},
                    "fr": {"one": "{count} chose", "other": "{count} choses"},
                    "fr-CA": "{count} affaires",
                },
                "braces": {"en": "{{literal}} {n}", "fr": "{{littéral}} {n}"},
            }
        ),
        file="messages/test.json",
        domain="test",
    )
    assert isinstance(built, Catalogue)
    assert built.messages["counted"].placeholders == {"count"}
    assert built.messages["counted"].plural
    assert not built.messages["plain"].plural
    assert built.messages["braces"].placeholders == {"n"}


# -- lookup ---------------------------------------------------------------------------------


@pytest.fixture
def sample_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue 'test' with a regional wording, plural forms and punctuation."""
    built = build_catalogue(
        document(
            {
                "greeting": {
                    "en": "Hello: {name}!",
                    "fr": "Bonjour : {name} !",
                    "fr-CA": "Allô : {name} !",
                },
                "things": {
                    "en": {"one": "{count} thing", "other": "{count} things"},
                    "fr": {"one": "{count} chose", "other": "{count} choses"},
                },
                "nested": {"en": "see{hint}", "fr": "voir{hint}"},
            }
        ),
        file="messages/test.json",
        domain="test",
    )
    monkeypatch.setitem(_messages._CATALOGUES, "test", built)


@pytest.mark.usefixtures("sample_domain")
def test_regional_wording_and_typography() -> None:
    assert message("test.greeting", "en", name="Ann") == "Hello: Ann!"
    assert message("test.greeting", "fr", name="Ann") == f"Bonjour{NBSP}: Ann{NNBSP}!"
    assert (
        message("test.greeting", "fr-FR", name="Ann") == f"Bonjour{NBSP}: Ann{NNBSP}!"
    )
    assert message("test.greeting", "fr-CA", name="Ann") == f"Allô{NBSP}: Ann!"
    odd_spelling: Any = "FR_ca"
    assert message("test.greeting", odd_spelling, name="Ann") == f"Allô{NBSP}: Ann!"


@pytest.mark.usefixtures("sample_domain")
def test_values_are_kept_as_given() -> None:
    # A register's name or a key is data: typography applies to the message's words.
    assert message("test.greeting", "fr", name="a : b ; c") == (
        f"Bonjour{NBSP}: a : b ; c{NNBSP}!"
    )


@pytest.mark.usefixtures("sample_domain")
@pytest.mark.parametrize(
    ("count", "english", "french"),
    [
        (0, "0 things", "0 chose"),
        (1, "1 thing", "1 chose"),
        (2, "2 things", "2 choses"),
        (4578, "4578 things", f"4{NNBSP}578 choses"),
    ],
)
def test_plural_forms_follow_each_language(
    count: int, english: str, french: str
) -> None:
    assert message("test.things", "en", count=count) == english
    assert message("test.things", "fr", count=count) == french


@pytest.mark.usefixtures("sample_domain")
def test_a_nested_message_is_written_in_the_same_language() -> None:
    hint = Message("problems.did_you_mean", {"suggestion": "'title'"})
    assert message("test.nested", "en", hint=hint) == "see (did you mean 'title'?)"
    assert message("test.nested", "fr", hint=hint) == (
        f"voir (vouliez-vous dire 'title'{NNBSP}?)"
    )
    assert (
        message("test.nested", "fr-CA", hint=hint)
        == "voir (vouliez-vous dire 'title'?)"
    )
    assert message("test.nested", "fr", hint="") == "voir"


@pytest.mark.usefixtures("sample_domain")
def test_wrong_lookups_are_refused() -> None:
    for key in ("test.nothing", "nowhere.greeting", "greeting", "", "Test.greeting"):
        with pytest.raises(UnknownReferenceError):
            message(key, "en")
    with pytest.raises(InvalidRecordError) as caught:
        message("test.greeting", "en")
    assert caught.value.code == "message_params"
    with pytest.raises(InvalidRecordError):
        message("test.greeting", "en", name="x", extra="y")
    with pytest.raises(RecordTypeError):
        message("test.greeting", "en", name=0.5)
    with pytest.raises(RecordTypeError):
        message("test.greeting", "en", name=None)
    with pytest.raises(RecordTypeError):
        message("test.things", "en", count="2")
    with pytest.raises(VocabularyError):
        message("test.greeting", "de", name="x")  # type: ignore[arg-type]


def test_problems_read_in_french_when_they_carry_their_parameters() -> None:
    made = problem(
        "$.engagements[0].tilte",
        "unknown_key",
        key="'tilte'",
        record="Engagement",
        hint=Message("problems.did_you_mean", {"suggestion": "'title'"}),
        allowed="id, title",
    )
    assert made.message == (
        "unknown key 'tilte' in Engagement (did you mean 'title'?); "
        "allowed keys: id, title"
    )
    assert problem_message(made, "en") == made.message
    assert problem_message(made, "fr") == (
        f"clé inconnue 'tilte' dans Engagement (vouliez-vous dire 'title'{NNBSP}?)"
        f"{NNBSP}; clés permises{NBSP}: id, title"
    )
    # Equal to the same problem without its parameters: they are not part of equality.
    assert made == Problem(made.path, made.message, made.code)


def test_problems_fall_back_to_their_english_message() -> None:
    bare = Problem("$.x", "something is wrong: here", "unknown_key")
    assert problem_message(bare, "fr") == bare.message
    unknown_code = Problem("$.x", "odd", "no_such_code", params={"a": "b"})
    assert problem_message(unknown_code, "fr") == "odd"
    misfit = Problem("$.x", "missing key", "missing", params={"key": "'x'"})
    assert problem_message(misfit, "fr") == "missing key"


# -- the shipped files ----------------------------------------------------------------


def shipped_domains() -> list[str]:
    return [name.removesuffix(".json") for name in data_files(MESSAGES_DIRECTORY)]


def test_every_shipped_file_loads_and_follows_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = resources.files("partnership_model").joinpath("data")
    schema = json.loads(data.joinpath("messages.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    domains = shipped_domains()
    assert {
        "report",
        "matrix",
        "plotting",
        "assessment",
        "cli",
        "problems",
        "draft",
    } <= (set(domains))
    for domain in domains:
        text = data.joinpath(MESSAGES_DIRECTORY, f"{domain}.json").read_text("utf-8")
        assert list(validator.iter_errors(json.loads(text))) == [], domain
        assert catalogue(domain).messages


def _keys_in_source() -> set[str]:
    domains = "|".join(shipped_domains())
    pattern = re.compile(rf'"((?:{domains})\.[a-z][a-z0-9_]*)"')
    found: set[str] = set()
    for path in SOURCE.glob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_code_names_exists() -> None:
    keys = _keys_in_source()
    assert len(keys) > 50
    for key in sorted(keys):
        entry(key)


def _placeholder_values(key: str) -> dict[str, object]:
    return {
        name: 2 if name == "count" else "x" for name in sorted(entry(key).placeholders)
    }


def _every_key() -> list[str]:
    return [
        f"{domain}.{name}"
        for domain in shipped_domains()
        for name in catalogue(domain).messages
    ]


@given(st.sampled_from(_every_key()), st.sampled_from(LANGUAGE_TAGS))
def test_every_message_renders_in_every_language_typeset(key: str, lang: str) -> None:
    text = message(key, lang, **_placeholder_values(key))  # type: ignore[arg-type]
    assert text.strip()
    assert typeset(text, lang) == text  # type: ignore[arg-type]
    if lang != "en":
        assert text == typeset(text, lang)  # type: ignore[arg-type]
        assert " :" not in text


def test_french_is_french() -> None:
    """Every message has a French text of its own, unless the words are shared."""
    same = {
        key
        for key in _every_key()
        if message(key, "en", **_placeholder_values(key))
        == message(key, "fr", **_placeholder_values(key))
    }
    # Words both languages spell alike (Total, Engagements...) and layouts.
    assert len(same) <= 20, sorted(same)


def test_importing_reads_no_message_file() -> None:
    code = (
        "import partnership_model.cli, partnership_model.report, "
        "partnership_model.assessment, partnership_model.matrix, "
        "partnership_model._messages as m; print(len(m._CATALOGUES))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"
