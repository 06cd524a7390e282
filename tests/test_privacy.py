"""Tests of pseudonymisation: nothing personal survives, structure is kept."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

from partnership_model import (
    Actor,
    Authority,
    EngagementMatrix,
    InvalidRecordError,
    Person,
    RecordTypeError,
    Register,
    ResearchEngagementMatrix,
    Role,
    Sphere,
    assess,
    pseudonymize,
    strategies as pms,
    to_json,
)
from partnership_model.ecology import EcologyGraph
from partnership_model.examples import load_register
from partnership_model.exchange import (
    to_kumu,
    to_node_link,
    write_csv,
    write_gexf,
    write_graphml,
)
from partnership_model.metrics import (
    actor_relation_counts,
    ei_index,
    relation_counts,
    silos,
)
from partnership_model.privacy import (
    KEY_ENVIRONMENT_VARIABLE,
    MIN_KEY_LENGTH,
    pseudonym,
    read_key,
)

KEY = b"0123456789abcdef-test-key"
OTHER_KEY = b"fedcba9876543210-other-key"


def named_register() -> Register:
    """The example register, with display names and notes that must not leak."""
    register = load_register()
    people = [
        attrs.evolve(
            person, display_name=f"Zoé Q{index}x", note=f"lives at {index} rue Ùnique"
        )
        for index, person in enumerate(register.people)
    ]
    engagements = [
        attrs.evolve(
            engagement,
            participants=[
                attrs.evolve(p, display_name=f"Zoé Q{i}x")
                for i, p in enumerate(engagement.participants)
            ],
        )
        for engagement in register.engagements
    ]
    return Register(
        name=register.name,
        people=people,
        organisations=register.organisations,
        engagements=engagements,
    )


def every_export(register: Register, tmp_path: Path) -> str:
    """Everything written by every export format, as one text."""
    graph = EcologyGraph.from_engagements(register)
    parts = [
        to_json(register),
        json.dumps(to_node_link(graph), ensure_ascii=False),
        json.dumps(to_kumu(graph), ensure_ascii=False),
    ]
    write_graphml(graph, tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf")
    actors, relations = io.StringIO(), io.StringIO()
    write_csv(graph, actors, relations)
    parts += [
        (tmp_path / "g.graphml").read_text(encoding="utf-8"),
        (tmp_path / "g.gexf").read_text(encoding="utf-8"),
        actors.getvalue(),
        relations.getvalue(),
    ]
    return "\n".join(parts)


def test_no_original_id_name_or_note_survives_in_any_export(tmp_path: Path) -> None:
    original = named_register()
    shared = pseudonymize(original, key=KEY)
    text = every_export(shared, tmp_path)
    for person in original.people:
        assert re.search(rf"(?<![\w-]){re.escape(person.id)}(?![\w-])", text) is None, (
            person.id
        )
        assert person.display_name is not None
        assert person.display_name not in text
        assert "rue Ùnique" not in text
    for engagement in original.engagements:
        assert engagement.title not in text
        if engagement.description:
            assert engagement.description not in text


def test_structure_matrices_metrics_and_findings_are_identical() -> None:
    original = named_register()
    shared = pseudonymize(original, key=KEY)
    assert EngagementMatrix.from_engagements(
        shared
    ) == EngagementMatrix.from_engagements(original)
    assert ResearchEngagementMatrix.from_engagements(
        shared
    ) == ResearchEngagementMatrix.from_engagements(original)
    assert assess(shared) == assess(original)
    before, after = (
        EcologyGraph.from_engagements(original),
        EcologyGraph.from_engagements(shared),
    )
    assert relation_counts(before) == relation_counts(after)
    assert ei_index(before) == ei_index(after)
    assert len(silos(before)) == len(silos(after))
    alias = {p.id: pseudonym(p.id, key=KEY) for p in original.people}
    per_actor_before = actor_relation_counts(before)
    per_actor_after = actor_relation_counts(after)
    for actor_id, counts in per_actor_before.items():
        assert per_actor_after[alias.get(actor_id, actor_id)] == counts
    for old, new in zip(original.engagements, shared.engagements, strict=True):
        assert [
            (p.role, p.sphere, p.authority, p.decision_role) for p in old.participants
        ] == [
            (p.role, p.sphere, p.authority, p.decision_role) for p in new.participants
        ]
        assert (old.domain, old.level, old.degree, old.leadership, old.start) == (
            new.domain,
            new.level,
            new.degree,
            new.leadership,
            new.start,
        )


def test_same_key_same_pseudonyms_other_key_other_pseudonyms() -> None:
    original = load_register()
    first = pseudonymize(original, key=KEY)
    assert first == pseudonymize(original, key=KEY)
    other = pseudonymize(original, key=OTHER_KEY)
    assert {p.id for p in first.people}.isdisjoint({p.id for p in other.people})


def test_the_graph_is_pseudonymised_the_same_way_as_the_register() -> None:
    register = load_register()
    via_register = EcologyGraph.from_engagements(pseudonymize(register, key=KEY))
    via_graph = pseudonymize(EcologyGraph.from_engagements(register), key=KEY)
    assert via_register == via_graph


def test_keep_text_keeps_free_text_but_not_names() -> None:
    original = named_register()
    kept = pseudonymize(original, key=KEY, keep_text=True)
    assert [e.title for e in kept.engagements] == [
        e.title for e in original.engagements
    ]
    assert kept.people[0].note == original.people[0].note
    assert kept.people[0].display_name != original.people[0].display_name


@given(pms.registers())
def test_pseudonymised_registers_stay_valid_and_keep_their_findings(
    register: Register,
) -> None:
    shared = pseudonymize(register, key=KEY)
    assert assess(shared) == assess(register)
    assert len(shared.people) == len(register.people)
    assert not {p.id for p in register.people} & {p.id for p in shared.people}


@given(st.text(min_size=1, max_size=30))
def test_pseudonyms_are_stable_and_shaped(person_id: str) -> None:
    alias = pseudonym(person_id, key=KEY)
    assert alias == pseudonym(person_id, key=KEY)
    assert re.fullmatch(r"person-[0-9a-f]{16}", alias)


@pytest.mark.parametrize("key", [b"", b"short", b"x" * 15])
def test_short_keys_are_refused_without_echoing_them(key: bytes) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        pseudonymize(load_register(), key=key)
    assert caught.value.field == "key"
    if key:
        assert key.decode() not in str(caught.value)


def test_wrong_types_are_refused() -> None:
    with pytest.raises(RecordTypeError):
        pseudonymize(load_register(), key="a text key of enough length")  # type: ignore[call-overload]
    with pytest.raises(RecordTypeError):
        pseudonymize([Person(id="p")], key=KEY)  # type: ignore[call-overload]


def test_a_pseudonymised_graph_keeps_its_classification_policy() -> None:
    """The policy that classified the relations travels with the graph."""
    from partnership_model.policy import CAPTION_READING_POLICY

    graph = EcologyGraph.from_engagements(
        load_register(), policy=CAPTION_READING_POLICY
    )
    shared = pseudonymize(graph, key=KEY)
    assert shared.policy is CAPTION_READING_POLICY
    assert relation_counts(shared) == relation_counts(graph)


def test_a_persona_id_of_another_shape_is_pseudonymised_whole() -> None:
    """No part of a persona id survives unless it is the library's own suffix.

    Issue 14: ``m-Marie Tremblay (diabète)`` used to keep its tail after the
    person id, and two personas of one person whose ids did not start with the
    person id were merged into one actor.
    """
    actors = [
        Actor(
            id="m-Marie Tremblay (diabète)",
            sphere=Sphere.COMMUNITY,
            authority=Authority.MEMBER,
            person_id="m",
        ),
        Actor(
            id="Marie (infirmière)",
            sphere=Sphere.PROFESSIONAL,
            authority=Authority.MEMBER,
            person_id="m",
        ),
        Actor(
            id="m@community:managerial",
            sphere=Sphere.COMMUNITY,
            authority=Authority.MANAGERIAL,
            person_id="m",
        ),
        Actor.from_role("c", Role.CLINICIAN),
    ]
    graph = EcologyGraph(
        actors=actors,
        relations=[(a.id, "c") for a in actors[:3]],
    )
    shared = pseudonymize(graph, key=KEY)

    ids = [actor.id for actor in shared.actors()]
    assert len(set(ids)) == 4
    assert not any("Marie" in i or "diab" in i or "infirm" in i for i in ids)
    alias = pseudonym("m", key=KEY)
    assert f"{alias}@community:managerial" in ids
    assert {a.person_id for a in shared.actors() if a.person_id} == {alias}
    assert shared.number_of_relations == graph.number_of_relations


# -- the key, read exactly (issue 14) -------------------------------------------------


@given(st.binary(min_size=MIN_KEY_LENGTH, max_size=200))
def test_read_key_keeps_every_byte_of_the_file(key: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "key"
        path.write_bytes(key)
        assert read_key(path) == key
        assert read_key(str(path)) == key


@pytest.mark.skipif(not os.supports_bytes_environ, reason="the environment is text")
@given(
    st.binary(min_size=MIN_KEY_LENGTH, max_size=100).filter(
        lambda key: b"\0" not in key
    )
)
def test_read_key_keeps_every_byte_of_the_environment(key: bytes) -> None:
    name = KEY_ENVIRONMENT_VARIABLE.encode()
    saved = os.environb.get(name)
    os.environb[name] = key
    try:
        assert read_key() == key
    finally:
        if saved is None:
            del os.environb[name]
        else:
            os.environb[name] = saved


def test_read_key_refuses_without_showing_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    with pytest.raises(InvalidRecordError) as caught:
        read_key()
    assert caught.value.code == "missing_key"
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "short secret")
    with pytest.raises(InvalidRecordError) as caught:
        read_key()
    assert "short secret" not in str(caught.value)
    big = tmp_path / "big"
    big.write_bytes(b"k" * 70_000)
    with pytest.raises(InvalidRecordError) as caught:
        read_key(big)
    assert "kkkk" not in str(caught.value)
    with pytest.raises(FileNotFoundError):
        read_key(tmp_path / "missing")
