"""Tests of the concept identifiers: written in the data files, checked at load time."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, strategies as st

import partnership_model as pm
from partnership_model import _datacheck, _termfiles
from partnership_model._data import read_data_json
from partnership_model._enums import Vocabulary
from partnership_model._iri import (
    DEFAULT_BASE,
    check_base,
    concept_iri_of,
    rebase,
    scheme_name,
)
from partnership_model._termfiles import build_table, terms_file
from partnership_model.exceptions import DataFileError, InvalidRecordError

VOCABULARIES = tuple(v for v in _datacheck.vocabularies() if issubclass(v, Vocabulary))
SOURCES = frozenset({"Boivin2022"})
SCHEME = "urn:partnership-model:vocabulary:hue"


class Hue(Vocabulary):
    """A vocabulary for the identifier checks."""

    WARM = "warm"
    COLD = "cold"


def hue_document() -> dict[str, Any]:
    def term(token: str, en: str, fr: str) -> dict[str, Any]:
        return {
            "iri": f"{SCHEME}:{token}",
            "label": {"en": en, "fr": fr},
            "definition": {"en": f"A {en} hue.", "fr": f"Une teinte {fr}."},
            "sources": ["Boivin2022"],
        }

    return {
        "vocabulary": "Hue",
        "module": __name__,
        "iri": SCHEME,
        "terms": {
            "warm": term("warm", "warm", "chaude"),
            "cold": term("cold", "cold", "froide"),
        },
    }


def problems_of(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(DataFileError) as caught:
        build_table(Hue, document, file="terms/hue.json", sources=SOURCES)
    return [(p.path, p.code) for p in caught.value.problems]


def test_a_document_with_its_identifiers_builds() -> None:
    table = build_table(Hue, hue_document(), file="terms/hue.json", sources=SOURCES)
    assert table.iri == SCHEME
    assert table.terms[Hue.COLD].iri == f"{SCHEME}:cold"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.pop("iri"), ("$.iri", "missing_iri")),
        (lambda d: d.update(iri="urn:other:hue"), ("$.iri", "invalid_iri")),
        (lambda d: d.update(iri=SCHEME + ":"), ("$.iri", "invalid_iri")),
        (lambda d: d.update(iri=SCHEME.upper()), ("$.iri", "invalid_iri")),
        (lambda d: d.update(iri=["x"]), ("$.iri", "invalid_iri")),
        (lambda d: d["terms"]["warm"].pop("iri"), ("$.terms.warm.iri", "missing_iri")),
        (
            lambda d: d["terms"]["warm"].update(iri=f"{SCHEME}:cold"),
            ("$.terms.warm.iri", "inconsistent_iri"),
        ),
        (
            lambda d: d["terms"]["warm"].update(
                iri="urn:partnership-model:vocabulary:other:warm"
            ),
            ("$.terms.warm.iri", "inconsistent_iri"),
        ),
        (
            lambda d: d["terms"]["cold"].update(iri=f"{SCHEME}:cold "),
            ("$.terms.cold.iri", "inconsistent_iri"),
        ),
    ],
    ids=lambda value: value[1] if isinstance(value, tuple) else "",
)
def test_the_check_refuses_each_identifier_fault(
    edit: Callable[[dict[str, Any]], object], expected: tuple[str, str]
) -> None:
    document = hue_document()
    edit(document)
    assert expected in problems_of(document)


def test_a_missing_identifier_is_given_in_the_message() -> None:
    document = hue_document()
    document.pop("iri")
    document["terms"]["cold"].pop("iri")
    with pytest.raises(DataFileError) as caught:
        build_table(Hue, document, file="terms/hue.json", sources=SOURCES)
    messages = [p.message for p in caught.value.problems]
    assert any(f'"iri": "{SCHEME}"' in m for m in messages)
    assert any(f'"iri": "{SCHEME}:cold"' in m for m in messages)


def test_two_loaded_vocabularies_cannot_share_an_identifier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second vocabulary loaded with a taken identifier is refused."""
    monkeypatch.setattr(_termfiles, "_TABLES", {})
    monkeypatch.setattr(_termfiles, "_SCHEMES", {})

    def renamed(file: str, problems: Any) -> Any:
        document = read_data_json(file, problems)
        if file == terms_file(pm.Leadership):
            taken = "urn:partnership-model:vocabulary:sphere"
            document["iri"] = taken
            for token, term in document["terms"].items():
                term["iri"] = f"{taken}:{token}"
        return document

    monkeypatch.setattr(_termfiles, "read_data_json", renamed)
    _termfiles.table(pm.Sphere)
    with pytest.raises(DataFileError) as caught:
        _termfiles.table(pm.Leadership)
    assert caught.value.file == "terms/leadership.json"
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$.iri", "duplicate_iri")
    ]
    assert "Sphere" in caught.value.problems[0].message


def test_the_data_check_refuses_a_shared_identifier(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def copied(file: str, problems: Any) -> Any:
        document = read_data_json(file, problems)
        if file == terms_file(pm.Sphere):
            taken = "urn:partnership-model:vocabulary:actor_kind"
            document["iri"] = taken
            for token, term in document["terms"].items():
                term["iri"] = f"{taken}:{token}"
        return document

    monkeypatch.setattr(_datacheck, "read_data_json", copied)
    report = _datacheck.check_all()
    assert [(e.file, [p.code for p in e.problems]) for e in report.errors] == [
        ("terms/sphere.json", ["duplicate_iri"])
    ]
    assert _datacheck.main() == 1
    assert "terms/sphere.json: $.iri:" in capsys.readouterr().out


def test_every_shipped_identifier_is_well_formed_and_unique() -> None:
    schemes = [_termfiles.table(cls).iri for cls in VOCABULARIES]
    assert len(set(schemes)) == len(schemes) == len(VOCABULARIES)
    concepts: set[str] = set()
    for cls in VOCABULARIES:
        scheme = _termfiles.table(cls).iri
        assert scheme is not None
        assert scheme_name(scheme) is not None
        for member in cls:
            iri = member.term.iri
            assert iri == concept_iri_of(scheme, member.value)
            concepts.add(iri)
    assert len(concepts) == sum(len(cls) for cls in VOCABULARIES)


def test_the_shipped_identifiers_are_the_published_ones() -> None:
    """Once published, an identifier never changes: these are pinned."""
    assert pm.EngagementDegree.PARTNERSHIP.term.iri == (
        "urn:partnership-model:vocabulary:engagement_degree:partnership"
    )
    assert pm.Role.PATIENT_PARTNER.term.iri == (
        "urn:partnership-model:vocabulary:role:patient_partner"
    )
    assert _termfiles.table(pm.EngagementLevel).iri == (
        "urn:partnership-model:vocabulary:engagement_level"
    )


def test_the_schema_states_the_identifier_rules() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = resources.files("partnership_model").joinpath("data")
    schema = json.loads(data.joinpath("terms.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    document = hue_document()
    document["module"] = "partnership_model.hue"
    assert list(validator.iter_errors(document)) == []
    broken = copy.deepcopy(document)
    broken["terms"]["warm"]["iri"] = "warm"
    assert list(validator.iter_errors(broken))
    del document["iri"]
    assert list(validator.iter_errors(document))


# -- bases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "base",
    [
        "https://example.org/vocabulary/",
        "https://example.org/vocabulary#",
        "urn:example:pm:",
        "http://localhost:8000/a/b/",
    ],
)
def test_a_base_may_replace_the_default(base: str) -> None:
    iri = pm.Sphere.COMMUNITY.term.iri
    assert iri is not None
    assert check_base(base) == base
    moved = rebase(iri, base)
    assert moved == base + "sphere:community"
    assert rebase(iri, None) == iri
    assert rebase(iri, DEFAULT_BASE) == iri
    assert rebase("https://doi.org/10.1/x", base) == "https://doi.org/10.1/x"


@pytest.mark.parametrize(
    "base",
    [
        "example.org/",
        "https://example.org/vocabulary",
        "https://example.org/a b/",
        "https://example.org/#a#",
        "",
        None,
        3,
        "https://example.org/<x>/",
    ],
)
def test_a_bad_base_is_refused(base: object) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        check_base(base)
    assert caught.value.code == "invalid_iri"
    assert caught.value.field == "base"
    assert isinstance(caught.value, ValueError)


@given(st.text(min_size=1, max_size=30))
def test_check_base_accepts_only_what_it_documents(text: str) -> None:
    try:
        checked = check_base(text)
    except InvalidRecordError:
        return
    assert checked == text
    assert checked[-1] in ":/#"
    assert ":" in checked
    assert not any(c.isspace() for c in checked)
