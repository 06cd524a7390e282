"""Nothing lost (issue 8): files, stable re-dumps, immutable records, independent copies.

``tests/test_serialization.py`` and ``tests/test_exchange.py`` already cover
the round trips of generated values through JSON text and in-memory streams.
This module adds what they leave out:

* every format through real files in a temporary directory, with graphs whose
  actors and relations carry *every* attribute, and labels with accents,
  emoji, tabs and line breaks (CR included, which XML normalises);
* "loading then dumping a valid document gives a document that loads to an
  equal value", for hand-written (non-canonical) register documents and for
  every ecology format, the second dump being identical to the first;
* records are frozen, hold only immutable values, and hash;
* graphs handed out by ``to_networkx()`` and ``copy()`` share nothing mutable
  with the original.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import json
import re
import tempfile
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given, strategies as st

from partnership_model import (
    ActorKind,
    Authority,
    EngagementDegree,
    Person,
    Register,
    Role,
    Sphere,
    exchange,
    from_dict,
    from_json,
    read_json,
    strategies as pms,
    to_dict,
    to_json,
    write_json,
)
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.exceptions import Problem

# -- strategies ---------------------------------------------------------------------------

#: Labels: accents, emoji and other scripts from the public strategy, plus tabs
#: and line breaks (XML keeps them only if written as character references).
LABELS = (
    st.lists(
        pms.texts(max_size=8)
        | st.sampled_from(
            ["\t", "\n", "\r", "\r\n", " ", "é", "🌱", "«", "»", "&", "<"]
        ),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(str.strip)
)


@st.composite
def full_actors(draw: st.DrawFn, actor_id: str) -> Actor:
    """An actor with every optional attribute set."""
    return Actor(
        id=actor_id,
        sphere=draw(pms.members(Sphere)),
        authority=draw(pms.members(Authority)),
        kind=draw(pms.members(ActorKind)),
        role=draw(pms.members(Role)),
        label=draw(LABELS),
        person_id=draw(pms.identifiers()),
    )


@st.composite
def full_relations(draw: st.DrawFn, ids: list[str]) -> Relation:
    """A relation between two of *ids* with every optional attribute set."""
    source, target = draw(st.permutations(ids))[:2]
    first, second = sorted((draw(pms.dates()), draw(pms.dates())))
    return Relation(
        source=source,
        target=target,
        engagement_id=draw(pms.identifiers()),
        degree=draw(pms.members(EngagementDegree)),
        start=first,
        end=second,
    )


@st.composite
def full_graphs(draw: st.DrawFn) -> EcologyGraph:
    """Graphs whose actors and relations all carry every attribute.

    Parallel relations (same two actors) and identical relations occur.
    """
    ids = draw(st.lists(pms.identifiers(), min_size=2, max_size=6, unique=True))
    actors = [draw(full_actors(actor_id)) for actor_id in ids]
    relations = draw(st.lists(full_relations(ids), min_size=1, max_size=10))
    if draw(st.booleans()):
        relations.append(relations[0])  # an exact duplicate: a multiset
    policy = draw(pms.classification_policies())
    return EcologyGraph(actors=actors, relations=relations, policy=policy)


GRAPHS = full_graphs() | pms.ecology_graphs(max_actors=6, max_relations=10)


# -- helpers ------------------------------------------------------------------------------


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh temporary directory (hypothesis examples cannot share tmp_path)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def relation_multiset(graph: EcologyGraph) -> Counter[tuple[Any, ...]]:
    """Every relation with all its attributes and classification, keys ignored."""
    return Counter(
        (
            frozenset((item.source, item.target)),
            item.relation.engagement_id,
            item.relation.degree,
            item.relation.start,
            item.relation.end,
            item.primary,
            item.crosses_sphere,
            item.crosses_authority,
        )
        for item in graph.relations()
    )


def assert_same_graph(loaded: EcologyGraph, original: EcologyGraph) -> None:
    """Every actor with every attribute, every relation with every attribute."""
    assert {a.id: a for a in loaded.actors()} == {a.id: a for a in original.actors()}
    assert relation_multiset(loaded) == relation_multiset(original)
    assert loaded == original


Dump = Callable[[EcologyGraph, Path], None]
Load = Callable[[Path], EcologyGraph]


def _write_csv(graph: EcologyGraph, path: Path) -> None:
    exchange.write_csv(graph, path / "actors.csv", path / "relations.csv")


def _read_csv(path: Path) -> EcologyGraph:
    return exchange.read_csv(path / "actors.csv", path / "relations.csv")


def _contents(path: Path) -> bytes:
    """A file's bytes, or a folder's files' bytes (CSV), without GEXF's date stamp."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    content = b"\0".join(file.read_bytes() for file in files)
    return re.sub(rb'lastmodifieddate="[0-9-]+"', b"", content)


FORMATS: dict[str, tuple[str, Dump, Load]] = {
    "node-link": (
        "graph.json",
        write_json,
        lambda path: read_json(path, EcologyGraph),
    ),
    "graphml": ("graph.graphml", exchange.write_graphml, exchange.read_graphml),
    "gexf": ("graph.gexf", exchange.write_gexf, exchange.read_gexf),
    "csv": ("csv", _write_csv, _read_csv),
}


def _target(directory: Path, name: str) -> Path:
    path = directory / name
    if name == "csv":
        path.mkdir()
    return path


# -- ecology: every format, through files --------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@given(graph=GRAPHS)
def test_every_actor_and_relation_survives_each_file_format(
    fmt: str, graph: EcologyGraph
) -> None:
    name, dump, load = FORMATS[fmt]
    with folder() as directory:
        path = _target(directory, name)
        dump(graph, path)
        assert_same_graph(load(path), graph)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@given(graph=GRAPHS)
def test_loading_then_dumping_an_ecology_file_gives_the_same_file(
    fmt: str, graph: EcologyGraph
) -> None:
    """The second dump equals the first, byte for byte, and loads to an equal value."""
    name, dump, load = FORMATS[fmt]
    with folder() as directory:
        (directory / "1").mkdir()
        (directory / "2").mkdir()
        first = _target(directory / "1", name)
        second = _target(directory / "2", name)
        dump(graph, first)
        loaded = load(first)
        dump(loaded, second)
        assert _contents(second) == _contents(first)
        assert load(second) == loaded == graph


def test_a_sample_with_every_kind_of_text_survives_every_format(tmp_path: Path) -> None:
    """Hand-picked hard cases: quotes, separators, markup, emoji, CR LF, RTL script."""
    labels = [
        'Dr "Quote", MD; « co-chair »',
        "<b>&amp;</b> & <tag/>",
        "Émilie 🌱👩🏽‍⚕️",
        "line 1\r\nline 2\rline 3\n",
        "\tindented ",
        "مريض شريك",
        "=SUM(A1)",
    ]
    actors = [
        Actor.from_role(f"a{index}", role, label=label, person_id=f"personne-{index}")
        for index, (label, role) in enumerate(zip(labels, Role, strict=False))
    ]
    ids = [actor.id for actor in actors]
    relations = [
        Relation(
            source=source,
            target=target,
            engagement_id="comité-régional",
            degree=EngagementDegree.PARTNERSHIP,
            start=dt.date(2024, 2, 29),
            end=dt.date(2024, 2, 29),
        )
        for source, target in itertools.pairwise(ids)
    ]
    graph = EcologyGraph(actors=actors, relations=[*relations, relations[0]])
    for fmt, (name, dump, load) in FORMATS.items():
        (tmp_path / fmt).mkdir()
        path = _target(tmp_path / fmt, name)
        dump(graph, path)
        assert_same_graph(load(path), graph)


# -- registers -------------------------------------------------------------------------------


@given(pms.registers(), st.sampled_from([None, 0, 2]))
def test_registers_survive_json_files(register: Register, indent: int | None) -> None:
    with folder() as directory:
        path = directory / "register.json"
        write_json(register, path, indent=indent)
        assert read_json(path, Register) == register
        # What was written is UTF-8 text, accents and emoji kept as characters.
        text = path.read_text(encoding="utf-8")
        assert text == to_json(register, indent=indent) + "\n"


def _decanonicalise(draw: st.DrawFn, data: dict[str, Any], cls: type[Any]) -> Any:
    """The same *cls* document as a person or another tool might write it.

    Explicit nulls for absent optional fields, set-like arrays in another
    order, keys in another order.
    """
    hints = typing.get_type_hints(cls)
    result: dict[str, Any] = {}
    for field in attrs.fields(cls):
        hint = hints[field.name]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if field.name not in data:
            if type(None) in args and draw(st.booleans()):
                result[field.name] = None
            continue
        value = data[field.name]
        if origin is tuple and attrs.has(args[0]):
            value = [_decanonicalise(draw, item, args[0]) for item in value]
        elif origin is frozenset:
            value = draw(st.permutations(value))
        result[field.name] = value
    if "schema_version" in data:
        result["schema_version"] = data["schema_version"]
    keys = draw(st.permutations(sorted(result)))
    return {key: result[key] for key in keys}


@given(pms.registers(), st.data())
def test_loading_then_dumping_a_hand_written_register_gives_the_canonical_document(
    register: Register, data: st.DataObject
) -> None:
    """Nulls, key order and set order do not matter; the dump is canonical."""
    canonical = to_dict(register)
    hand_written = data.draw(
        st.composite(lambda d: _decanonicalise(d, canonical, Register))()
    )
    indent = data.draw(st.sampled_from([None, 1, 4]))
    text = json.dumps(
        hand_written, ensure_ascii=data.draw(st.booleans()), indent=indent
    )
    loaded = from_json(text, Register)
    assert loaded == register
    assert to_dict(loaded) == canonical
    assert from_json(to_json(loaded), Register) == loaded


# -- immutability -----------------------------------------------------------------------------

RECORDS: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("Person", pms.people()),
    ("Organisation", pms.organisations()),
    ("Participant", pms.participants()),
    ("Engagement", pms.engagements()),
    ("Register", pms.registers(max_engagements=3)),
    ("Actor", pms.actors()),
    ("Relation", pms.relations(["a", "b", "c"])),
    (
        "ClassifiedRelation",
        pms.ecology_graphs(max_actors=4)
        .filter(lambda g: g.number_of_relations > 0)
        .map(lambda g: next(g.relations())),
    ),
    ("Problem", st.builds(Problem, st.text(), st.text(), st.text())),
]
IMMUTABLE = (str, int, bool, tuple, frozenset, dt.date, enum.Enum, type(None))


def _immutable(value: object) -> bool:
    if isinstance(value, tuple | frozenset):
        return all(_immutable(item) for item in value)
    return isinstance(value, IMMUTABLE) or attrs.has(type(value))


@pytest.mark.parametrize(("name", "strategy"), RECORDS, ids=[n for n, _ in RECORDS])
@given(data=st.data())
def test_records_are_frozen_and_hold_only_immutable_values(
    name: str, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    record = data.draw(strategy)
    assert type(record).__name__ == name
    before = hash(record)
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        assert _immutable(value), (field.name, type(value))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field.name, value)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, field.name)
    with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
        record.extra = 1
    assert hash(record) == before


def test_evolve_makes_a_changed_copy_and_leaves_the_record_alone() -> None:
    person = Person(id="p1", display_name="Émilie")
    renamed = attrs.evolve(person, display_name="Zoé")
    assert (person.display_name, renamed.display_name) == ("Émilie", "Zoé")


# -- independent copies ------------------------------------------------------------------------


def _snapshot(graph: EcologyGraph) -> str:
    return json.dumps(exchange.to_node_link(graph), sort_keys=True, ensure_ascii=False)


@given(pms.ecology_graphs(max_actors=6, max_relations=12), st.data())
def test_no_mutation_of_a_to_networkx_graph_reaches_the_ecology(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    """Attribute dicts, key dicts, adjacency and graph data are all copies."""
    before, twin = _snapshot(graph), graph.copy()
    exported = graph.to_networkx()
    raw: Any = exported
    for _, attributes in exported.nodes(data=True):
        attributes.update(sphere="professional", intruder=True)
    for _, _, attributes in exported.edges(data=True):
        attributes.update(relation_type="bonding", degree="information")
    for u in list(exported):
        for keydict in list(raw._adj[u].values()):
            keydict[99] = {"relation_type": "linking"}
            if data.draw(st.booleans()):
                keydict.clear()
    exported.graph["name"] = "mutated"
    nodes = list(exported)
    if nodes:
        exported.remove_node(data.draw(st.sampled_from(nodes)))
    exported.add_edge("x", "y", relation_type="bonding")
    assert _snapshot(graph) == before
    assert graph == twin
    assert graph.number_of_relations == sum(1 for _ in graph.relations())


@given(pms.ecology_graphs(max_actors=6, max_relations=12))
def test_two_exports_share_no_mutable_object(graph: EcologyGraph) -> None:
    first, second = graph.to_networkx(), graph.to_networkx()
    raw_first: Any = first
    raw_second: Any = second

    def mutables(exported: Any) -> set[int]:
        found = {id(exported._adj), id(exported._node), id(exported.graph)}
        for node, neighbours in exported._adj.items():
            found |= {id(neighbours), id(exported._node[node])}
            for keydict in neighbours.values():
                found.add(id(keydict))
                found.update(id(attributes) for attributes in keydict.values())
        return found

    assert not mutables(raw_first) & mutables(raw_second)
    assert nx.utils.graphs_equal(first, second)


Operation = Callable[[EcologyGraph], object]


@st.composite
def operations(draw: st.DrawFn, graph: EcologyGraph) -> list[Operation]:
    """A few public mutations valid on *graph* (ids drawn from its actors)."""
    ids = [actor.id for actor in graph.actors()]
    ops: list[Operation] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["add", "add_relation", "remove_actor", "remove"]))
        if kind == "add" or len(ids) < 2:
            actor = draw(pms.actors(ids=st.just(f"new-{len(ops)}")))
            ops.append(functools.partial(_add_actor, actor=actor))
        elif kind == "add_relation":
            relation = draw(pms.relations(ids))
            ops.append(functools.partial(_add_relation, relation=relation))
        elif kind == "remove_actor":
            victim = draw(st.sampled_from(ids))
            ops.append(functools.partial(_remove_actor, actor_id=victim))
        else:
            ops.append(_remove_first_relation)
    return ops


def _add_actor(graph: EcologyGraph, *, actor: Actor) -> None:
    if actor.id not in graph:
        graph.add_actor(actor)


def _add_relation(graph: EcologyGraph, *, relation: Relation) -> None:
    if relation.source in graph and relation.target in graph:
        graph.add_relations([relation])


def _remove_actor(graph: EcologyGraph, *, actor_id: str) -> None:
    if actor_id in graph:
        graph.remove_actor(actor_id)


def _remove_first_relation(graph: EcologyGraph) -> None:
    for item in graph.relations():
        graph.remove_relation(item.source, item.target, item.key)
        return


@given(pms.ecology_graphs(max_actors=6, max_relations=12), st.data())
def test_changing_a_copy_never_changes_the_original_nor_the_reverse(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    """Copies share immutable actors and, until written, relation storage."""
    before = _snapshot(graph)
    twin = graph.copy()
    twin_before = _snapshot(twin)
    for operation in data.draw(operations(twin)):
        operation(twin)
    assert _snapshot(graph) == before
    assert graph.number_of_relations == sum(1 for _ in graph.relations())
    other = graph.copy()
    for operation in data.draw(operations(graph)):
        operation(graph)
    assert _snapshot(other) == before
    assert other.number_of_relations == sum(1 for _ in other.relations())
    assert twin_before == before
    # Counts kept by the graph match what its relations say.
    for g in (graph, twin, other):
        assert g.number_of_relations == sum(1 for _ in g.relations())
        assert g == EcologyGraph.from_networkx(g.to_networkx())


def test_register_equality_ignores_cached_lookups() -> None:
    """Lookups cache indexes on the record; equality and hashing stay by value."""
    register = from_dict(
        {
            "schema_version": "1.0",
            "people": [{"id": "p1"}],
            "engagements": [
                {
                    "id": "e1",
                    "title": "Comité",
                    "domain": "governance",
                    "level": "meso",
                    "degree": "partnership",
                    "leadership": "co_led",
                    "participants": [{"person_id": "p1", "role": "patient_partner"}],
                }
            ],
        },
        Register,
    )
    twin = from_json(to_json(register), Register)
    assert register.person("p1").id == "p1"
    assert register.engagement("e1").title == "Comité"
    assert register == twin
    assert hash(register) == hash(twin)
