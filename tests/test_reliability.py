"""Reliability: hostile and malformed input, fuzzing, and regression tests (issue 8).

* every document of the corpus in ``tests/malformed/`` (written by
  ``tests/malformed/generate.py``) is refused with the library error its
  manifest names, with a problem at the place it names, within a time budget;
* hypothesis mutates valid registers and node-link documents (drop,
  duplicate, retype, rename and insert keys, swap values, truncate text, flip
  vocabulary values) and feeds arbitrary JSON and bytes to every reader: each
  input loads to the value the constructors build from it, or raises a
  ``ValidationError``; nothing else escapes;
* regression tests for the bugs this work found.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import io
import json
import re
import threading
import time
import types
import typing
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from malformed import generate
from partnership_model import (
    Engagement,
    Organisation,
    Participant,
    Person,
    Register,
    Role,
    exchange,
    from_dict,
    from_json,
    read_json,
    strategies as pms,
    to_dict,
)
from partnership_model.dates import PartialDate
from partnership_model.ecology import Actor, EcologyGraph, Relation, classify_relation
from partnership_model.exceptions import (
    MigrationWarning,
    PartnershipModelError,
    ValidationError,
)
from partnership_model.policy import DEFAULT_POLICY, ClassificationPolicy
from partnership_model.vocabulary import (
    VOCABULARIES,
    ActorKind,
    Authority,
    EngagementDegree,
    RelationType,
    Sphere,
)

CORPUS = Path(__file__).parent / "malformed"
MANIFEST: dict[str, list[dict[str, Any]]] = json.loads(
    (CORPUS / "manifest.json").read_text(encoding="utf-8")
)
BUDGET = 5.0  # seconds any document may take to be refused
FAST = 1.0  # seconds for the bombs (deep nesting, entity expansion)


# -- the corpus -----------------------------------------------------------------------


def load_entry(entry: dict[str, Any]) -> object:
    """Read one corpus document with the loader its manifest entry names."""
    file = CORPUS / entry["file"]
    loader = entry["loader"]
    if loader == "register":
        return read_json(file, Register)
    if loader == "ecology":
        return read_json(file, EcologyGraph)
    if loader == "csv":
        return exchange.read_csv(CORPUS / entry["actors"], CORPUS / entry["relations"])
    if loader == "graphml":
        return exchange.read_graphml(file)
    if loader == "gexf":
        return exchange.read_gexf(file)
    msg = f"unknown loader {loader!r}"
    raise AssertionError(msg)


def run_with_budget(function: Callable[[], object], budget: float) -> tuple[Any, float]:
    """Run *function* in a thread; return (result or exception, seconds taken).

    Fails the test, instead of hanging it, when the budget runs out.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        start = time.perf_counter()
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - the test inspects it
            outcome["value"] = error
        outcome["seconds"] = time.perf_counter() - start

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(budget)
    if thread.is_alive():
        pytest.fail(f"still running after {budget} s")
    return outcome["value"], outcome["seconds"]


def test_the_committed_corpus_is_what_generate_py_writes() -> None:
    """``python tests/malformed/generate.py`` reproduces every file, and no more."""
    expected = generate.build()
    on_disk = {
        path.relative_to(CORPUS).as_posix(): path.read_bytes()
        for folder in generate.FORMATS
        for path in (CORPUS / folder).iterdir()
    }
    on_disk["manifest.json"] = (CORPUS / "manifest.json").read_bytes()
    assert sorted(on_disk) == sorted(expected)
    changed = [name for name, content in expected.items() if on_disk[name] != content]
    assert changed == []


def test_the_corpus_covers_every_format_and_defect() -> None:
    """At least 150 documents, every format, every loader, no duplicate files."""
    entries = MANIFEST["malformed"]
    assert len(entries) >= 150
    files = [entry["file"] for entry in entries]
    assert len(set(files)) == len(files)
    per_format = {
        fmt: sum(f.startswith(f"{fmt}/") for f in files) for fmt in generate.FORMATS
    }
    assert min(per_format.values()) >= 20, per_format
    codes = {entry["code"] for entry in entries}
    assert {
        "wrong_type",
        "unknown_term",
        "missing",
        "unknown_key",
        "duplicate_id",
        "unknown_reference",
        "unknown_actor",
        "date_order",
        "unsupported_version",
        "syntax",
        "encoding",
        "empty",
        "too_deep",
        "csv_syntax",
        "missing_column",
        "relation_type_mismatch",
        "forbidden_xml",
        "xml_syntax",
    } <= codes


@pytest.mark.parametrize("entry", MANIFEST["valid"], ids=lambda e: e["file"])
def test_the_valid_documents_the_corpus_derives_from_load(
    entry: dict[str, Any],
) -> None:
    """Each malformed document is a valid one with one defect: the valid ones load."""
    loaded = load_entry(entry)
    assert isinstance(loaded, Register | EcologyGraph)
    assert len(loaded) >= 2


VALID = {entry["loader"]: entry for entry in MANIFEST["valid"]}


@pytest.mark.parametrize("entry", MANIFEST["malformed"], ids=lambda e: e["file"])
def test_every_malformed_document_is_refused_where_the_problem_is(
    entry: dict[str, Any],
) -> None:
    """A library error naming the place; no other exception, no hang, no acceptance."""
    budget = FAST if entry["fast"] else BUDGET
    if entry["fast"]:  # time the refusal, not the reader's first imports (numpy...)
        load_entry(VALID[entry["loader"]])
    error, seconds = run_with_budget(lambda: load_entry(entry), budget)
    if not isinstance(error, BaseException):
        pytest.fail(f"accepted: {error!r} ({entry['description']})")
    if not isinstance(error, PartnershipModelError):
        raise AssertionError(entry["description"]) from error
    assert type(error).__name__ == entry["error"]
    assert isinstance(error, ValidationError)
    problems = error.problems
    assert all(problem.path and problem.message for problem in problems)
    found = [(p.path, p.code) for p in problems]
    assert any(
        entry["path"] in path and code == entry["code"] for path, code in found
    ), found
    assert str(error)  # the message renders
    assert seconds < budget


# -- the fuzzers ----------------------------------------------------------------------


class RefusedError(Exception):
    """The reference builder refuses the document."""


_DATE = re.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_VERSION = re.compile("([0-9]{1,9})\\.([0-9]{1,9})")


def reference_version(data: dict[str, Any]) -> int:
    """Return the minor version; refuse unless the document declares 1.0 or 1.1."""
    version = data.get("schema_version")
    match = _VERSION.fullmatch(version) if type(version) is str else None
    if match is None or int(match[1]) != 1 or int(match[2]) > 1:
        raise RefusedError
    return int(match[2])


#: Format 1.0's authority level, read as format 1.1's authority.
LEVEL_TO_AUTHORITY = {
    "micro": Authority.MEMBER,
    "meso": Authority.MANAGERIAL,
    "macro": Authority.PUBLIC_AUTHORITY,
}


def reference_migrated(item: object) -> object:
    """A 1.0 participant or organisation with its level read as an authority."""
    if type(item) is not dict or "level" not in item:
        return item
    level = item["level"]
    if "authority" in item or type(level) is not str or level not in LEVEL_TO_AUTHORITY:
        raise RefusedError
    migrated = {key: value for key, value in item.items() if key != "level"}
    migrated["authority"] = LEVEL_TO_AUTHORITY[item["level"]].value
    return migrated


def reference_date(value: object) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD, a year from 1, a real day of the calendar."""
    if type(value) is not str or not _DATE.fullmatch(value):
        raise RefusedError
    parts = [int(part) for part in value.split("-")]
    try:
        dt.date(
            parts[0],
            parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1,
        )
    except ValueError:
        raise RefusedError from None
    return PartialDate(*parts)


def reference_member(cls: type[enum.Enum], value: object) -> Any:
    members = {member.value: member for member in cls}
    if type(value) is not str or value not in members:
        raise RefusedError
    return members[value]


def reference_record(data: object, cls: type[Any]) -> Any:
    """Build *cls* from JSON data through its constructor: the obvious, slow way."""
    if type(data) is not dict:
        raise RefusedError
    hints = typing.get_type_hints(cls)
    names = {field.name for field in attrs.fields(cls)}
    if not set(data) <= names:
        raise RefusedError
    kwargs = {name: reference_value(value, hints[name]) for name, value in data.items()}
    try:
        return cls(**kwargs)
    except (PartnershipModelError, TypeError):
        raise RefusedError from None


def reference_value(value: object, hint: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return reference_value(value, inner)
    if origin in (tuple, frozenset):
        if type(value) is not list:
            raise RefusedError
        items = [reference_value(item, args[0]) for item in value]
        if origin is tuple:
            return tuple(items)
        if len(set(items)) != len(items):
            raise RefusedError
        return frozenset(items)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return reference_member(hint, value)
    if hint is PartialDate:
        return reference_date(value)
    if attrs.has(hint):
        return reference_record(value, hint)
    return value  # str, bool: the validators check the exact type


def reference_stages(engagement: object) -> object:
    """A 1.0 engagement with each bare research stage at the engagement's degree."""
    if type(engagement) is not dict:
        return engagement
    stages = engagement.get("research_stages")
    if type(stages) is not list or not any(type(s) is str for s in stages):
        return engagement
    degree = engagement.get("degree")
    if degree not in {d.value for d in EngagementDegree}:
        raise RefusedError
    return {
        **engagement,
        "research_stages": [
            {"stage": s, "degree": degree} if type(s) is str else s for s in stages
        ],
    }


def reference_register(data: object) -> Register:
    if type(data) is not dict:
        raise RefusedError
    minor = reference_version(data)
    if "@context" in data and type(data["@context"]) not in (
        dict,
        list,
        str,
        type(None),
    ):
        raise RefusedError
    body = {
        key: value
        for key, value in data.items()
        if key not in ("schema_version", "@context")
    }
    if minor == 0:
        if type(body.get("organisations")) is list:
            body["organisations"] = [
                reference_migrated(o) for o in body["organisations"]
            ]
        if type(body.get("engagements")) is list:
            body["engagements"] = [
                reference_stages(
                    {
                        **e,
                        "participants": [
                            reference_migrated(p) for p in e["participants"]
                        ],
                    }
                    if type(e) is dict and type(e.get("participants")) is list
                    else e
                )
                for e in body["engagements"]
            ]
    return typing.cast("Register", reference_record(body, Register))


_NODE_VOCABULARIES: dict[str, type[enum.Enum]] = {
    "sphere": Sphere,
    "authority": Authority,
    "kind": ActorKind,
}


def reference_actor(node: object) -> Actor:
    if type(node) is not dict or "id" not in node:
        raise RefusedError
    values: dict[str, Any] = {}
    for key, value in node.items():
        if key in _NODE_VOCABULARIES:
            values[key] = reference_member(_NODE_VOCABULARIES[key], value)
        elif key == "role":
            values[key] = reference_member(Role, value)
        elif key in ("id", "label", "person_id"):
            if type(value) is not str:
                raise RefusedError
            values[key] = value
        elif key == "level":  # format 1.0, migrated
            if (
                "authority" in node
                or type(value) is not str
                or value not in LEVEL_TO_AUTHORITY
            ):
                raise RefusedError
            values["authority"] = LEVEL_TO_AUTHORITY[value]
        else:
            raise RefusedError
    try:
        return Actor(**values)
    except (PartnershipModelError, TypeError):
        raise RefusedError from None


def reference_relation(
    edge: object, actors: dict[str, Actor], policy: ClassificationPolicy
) -> Relation:
    if type(edge) is not dict or "source" not in edge or "target" not in edge:
        raise RefusedError
    key = edge.get("key", 0)
    if type(key) is not int or key < 0:
        raise RefusedError
    values: dict[str, Any] = {}
    declared: dict[str, Any] = {}
    for name, value in edge.items():
        if name in ("source", "target", "engagement_id"):
            values[name] = value
        elif name == "degree":
            values[name] = reference_member(EngagementDegree, value)
        elif name in ("start", "end"):
            values[name] = reference_date(value)
        elif name == "relation_type":
            declared[name] = reference_member(RelationType, value)
        elif name in ("crosses_sphere", "crosses_authority"):
            if type(value) is not bool:
                raise RefusedError
            declared[name] = value
        elif name != "key":
            raise RefusedError
    try:
        relation = Relation(**values)
    except (PartnershipModelError, TypeError):
        raise RefusedError from None
    if relation.source not in actors or relation.target not in actors:
        raise RefusedError
    a, b = actors[relation.source], actors[relation.target]
    computed = {
        "relation_type": classify_relation(a, b, policy=policy),
        "crosses_sphere": a.sphere is not b.sphere,
        "crosses_authority": policy.crosses_authority(a, b),
    }
    if any(computed[name] != value for name, value in declared.items()):
        raise RefusedError
    return relation


_NODE_LINK_KEYS = {
    "schema_version",
    "directed",
    "multigraph",
    "graph",
    "nodes",
    "edges",
}


def reference_graph(data: object) -> EcologyGraph:
    """Build the ecology a node-link document describes, through the constructors."""
    if type(data) is not dict:
        raise RefusedError
    reference_version(data)
    if not set(data) <= _NODE_LINK_KEYS:
        raise RefusedError
    if (
        data.get("directed", False) is not False
        or data.get("multigraph", True) is not True
    ):
        raise RefusedError
    recorded = data.get("graph", {})
    if type(recorded) is not dict or not set(recorded) <= set(
        ClassificationPolicy.ATTRIBUTE_KEYS
    ):
        raise RefusedError
    policy = DEFAULT_POLICY
    if recorded:
        try:
            policy = ClassificationPolicy.from_attributes(recorded)
        except PartnershipModelError:
            raise RefusedError from None
    nodes, edges = data.get("nodes"), data.get("edges")
    if type(nodes) is not list or type(edges) is not list:
        raise RefusedError
    actors: dict[str, Actor] = {}
    for node in nodes:
        actor = reference_actor(node)
        if actor.id in actors:
            raise RefusedError
        actors[actor.id] = actor
    relations = [reference_relation(edge, actors, policy) for edge in edges]
    return EcologyGraph(actors=actors.values(), relations=relations, policy=policy)


T = typing.TypeVar("T")


def assert_agrees_with_reference(
    load: Callable[[], T], reference: Callable[[], T]
) -> T | None:
    """Load and build by reference: both refuse, or both give equal values."""
    try:
        expected: T | None = reference()
    except RefusedError:
        expected = None
    try:
        with warnings.catch_warnings():
            # Format 1.0 data is migrated with a warning; the reference migrates too.
            warnings.simplefilter("ignore", MigrationWarning)
            loaded: T | None = load()
    except ValidationError as error:
        assert error.problems
        assert all(problem.path for problem in error.problems)
        loaded = None
    assert loaded == expected
    event("loaded" if loaded is not None else "refused")
    if loaded is not None:  # loading then dumping gives a document that loads equal
        assert from_dict(to_dict(loaded), type(loaded)) == loaded
    return loaded


TERMS = sorted(
    {member.value for cls in VOCABULARIES for member in cls}
    | {"Méso", "partenariat", "patient partner", "Partnership", "co-led", "communauté"}
)
RECORDS = (Register, Engagement, Participant, Person, Organisation, Actor, Relation)
#: For each vocabulary value, the other values of its vocabularies.
SIBLINGS: dict[str, list[str]] = {}
for _cls in VOCABULARIES:
    for _member in _cls:
        SIBLINGS.setdefault(_member.value, []).extend(
            other.value for other in _cls if other is not _member
        )
FIELD_NAMES = sorted(
    {field.name for cls in RECORDS for field in attrs.fields(cls)}
    | {"schema_version", "nodes", "edges", "links", "key", "relation_type", "@context"}
    | {"crosses_sphere", "crosses_authority", "directed", "multigraph", "graph"}
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(TERMS)
    | st.sampled_from(
        ["2024-02-29", "2023-02-29", "2023-1-5", " 2023-01-15", "20230115"]
    )
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)
# Arbitrary JSON whose keys are mostly the model's own, so that partly valid
# structures (a node with a sphere, an engagement with a degree) come up.
MODEL_SHAPED_JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(FIELD_NAMES) | st.text(max_size=4), children, max_size=5
        )
    ),
    max_leaves=20,
)
KEY_VARIANTS = (
    lambda key: key + "_",
    lambda key: key[:-1],
    lambda key: key.upper(),
    lambda key: key.replace("_", " "),
    lambda key: {"id": "identifiant", "title": "titre", "level": "niveau"}.get(
        key, key + "s"
    ),
)


def locations(document: object) -> list[tuple[Any, Any]]:
    """Every (container, key or index) holding a value, the root excluded."""
    found: list[tuple[Any, Any]] = []
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item))
        for key in keys:
            found.append((item, key))
            if isinstance(item[key], dict | list):
                stack.append(item[key])
    return found


def containers(document: Any) -> list[Any]:
    return [
        document,
        *(c[k] for c, k in locations(document) if isinstance(c[k], dict | list)),
    ]


def confused(value: object) -> list[object]:
    """Values of another JSON type that a lax reader might take for *value*."""
    if isinstance(value, bool):
        return [int(value), str(value).lower(), [value], None]
    if isinstance(value, str):
        return [[value], {"value": value}, len(value), bool(value), None]
    if isinstance(value, list):
        return [value[0] if value else "", {}, None, len(value)]
    if isinstance(value, dict):
        return [list(value.values()), [value], None, ""]
    return ["", [], False]


DATE_VARIANTS = (
    lambda d: d.replace("-", ""),  # ISO basic format, which Python 3.11 reads
    lambda d: d + "T00:00:00",
    lambda d: d[:8] + "31",
    lambda d: d[:5] + "02-30",
    lambda d: f" {d} ",
    lambda d: d.replace("-", "/"),
    lambda d: d.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    lambda d: d.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    lambda d: d.lstrip("0") or "0",
    lambda d: "+" + d,
)
ACTIONS = (
    "drop",
    "duplicate",
    "retype",
    "confuse",
    "rename",
    "insert",
    "swap",
    "truncate",
    "flip",
    "date",
)


def mutate(draw: st.DrawFn, document: Any) -> Any:
    """Apply one to three random mutations to a copy of *document*.

    The action is drawn first, then a place it applies to, so that targeted
    mutations (a date rewritten, a boolean given as 1) are frequent.
    """
    document = copy.deepcopy(document)
    for _ in range(draw(st.sampled_from([1, 1, 2, 3]))):
        places = locations(document)
        action = draw(st.sampled_from(ACTIONS))
        if action in ("truncate", "flip", "date"):
            places = [(c, k) for c, k in places if isinstance(c[k], str)]
            if action == "date":
                places = [(c, k) for c, k in places if _DATE.fullmatch(c[k])] or places
            elif action == "flip" and draw(st.integers(0, 3)):
                places = [(c, k) for c, k in places if c[k] in SIBLINGS] or places
        elif action == "confuse":
            places = [(c, k) for c, k in places if not isinstance(c[k], dict | list)]
            if draw(st.booleans()):
                places = [(c, k) for c, k in places if isinstance(c[k], bool)] or places
        if not places:
            continue
        container, key = draw(st.sampled_from(places))
        value = container[key]
        if action == "drop":
            del container[key]
        elif action == "duplicate":
            if isinstance(container, list):
                container.insert(
                    draw(st.integers(0, len(container))), copy.deepcopy(value)
                )
            else:
                other = draw(st.sampled_from(sorted(container)))
                container[other] = copy.deepcopy(value)
        elif action == "retype":
            container[key] = draw(JSON_VALUES)
        elif action == "confuse":
            container[key] = draw(st.sampled_from(confused(value)))
        elif action == "rename" and isinstance(container, dict):
            new = draw(st.sampled_from(KEY_VARIANTS))(key)
            container[new] = container.pop(key)
        elif action == "insert":
            target = draw(
                st.sampled_from(
                    [c for c in containers(document) if isinstance(c, dict)] or [{}]
                )
            )
            name = draw(st.text(max_size=6) | st.sampled_from(FIELD_NAMES))
            target[name] = draw(JSON_VALUES)
        elif action == "swap":
            other_container, other_key = draw(st.sampled_from(places))
            container[key], other_container[other_key] = (
                other_container[other_key],
                value,
            )
        elif action == "truncate":
            container[key] = value[: draw(st.integers(0, max(len(value) - 1, 0)))]
        elif action == "flip":  # another value of the same vocabulary, or any term
            siblings = SIBLINGS.get(value, ())
            container[key] = draw(
                st.sampled_from(siblings or TERMS) | st.sampled_from(TERMS)
            )
        elif action == "date":
            container[key] = draw(st.sampled_from(DATE_VARIANTS))(value)
    return document


# Three times the profile's examples: 180 by default, 3,000 with HYPOTHESIS_PROFILE=thorough;
# five times for the two mutation fuzzers, the most productive ones.
FUZZ = settings(
    max_examples=3 * settings().max_examples,
    suppress_health_check=[HealthCheck.too_slow],
)
MUTATION_FUZZ = settings(FUZZ, max_examples=5 * settings().max_examples)


@MUTATION_FUZZ
@given(pms.registers(max_engagements=4, max_people=6), st.data())
def test_mutated_registers_load_as_the_constructors_build_them_or_are_refused(
    register: Register, data: st.DataObject
) -> None:
    document = data.draw(st.composite(lambda draw: mutate(draw, to_dict(register)))())
    assert_agrees_with_reference(
        lambda: from_dict(document, Register), lambda: reference_register(document)
    )


@MUTATION_FUZZ
@given(pms.ecology_graphs(max_actors=6, max_relations=8), st.data())
def test_mutated_node_link_documents_load_as_the_constructors_build_them_or_are_refused(
    graph: EcologyGraph, data: st.DataObject
) -> None:
    original = {"schema_version": "1.1", **exchange.to_node_link(graph)}
    document = data.draw(st.composite(lambda draw: mutate(draw, original))())
    assert_agrees_with_reference(
        lambda: from_dict(document, EcologyGraph), lambda: reference_graph(document)
    )


@FUZZ
@given(MODEL_SHAPED_JSON)
def test_arbitrary_json_loads_as_the_constructors_build_it_or_is_refused(
    value: object,
) -> None:
    """Any JSON value, as text, for both document types; objects also with a version."""
    text = json.dumps(value, ensure_ascii=False)
    assert_agrees_with_reference(
        lambda: from_json(text, Register), lambda: reference_register(value)
    )
    assert_agrees_with_reference(
        lambda: from_json(text, EcologyGraph), lambda: reference_graph(value)
    )
    if isinstance(value, dict):
        register = {"schema_version": "1.0", **value}
        assert_agrees_with_reference(
            lambda: from_dict(register, Register), lambda: reference_register(register)
        )
        ecology = {"schema_version": "1.0", "nodes": [], **value}
        assert_agrees_with_reference(
            lambda: from_dict(ecology, EcologyGraph), lambda: reference_graph(ecology)
        )


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_ever_raise_validation_errors(content: bytes) -> None:
    """Every reader of bytes: a value or a ValidationError, nothing else."""
    readers: list[Callable[[], object]] = [
        lambda: from_json(content, Register),
        lambda: from_json(content, EcologyGraph),
        lambda: exchange.read_graphml(io.BytesIO(content)),
        lambda: exchange.read_gexf(io.BytesIO(content)),
        lambda: exchange.read_csv(binary(content), binary(content)),
    ]
    for read in readers:
        try:
            read()
        except ValidationError as error:
            assert error.problems


def binary(content: bytes) -> typing.IO[str]:
    """A binary stream for read_csv, which decodes bytes itself (typed as text)."""
    return typing.cast("typing.IO[str]", io.BytesIO(content))


VALID_FILES = {
    name: (CORPUS / f"{name}/valid.{ext}").read_bytes()
    for name, ext in (("graphml", "graphml"), ("gexf", "gexf"))
}
VALID_FILES["actors"] = (CORPUS / "csv/valid.actors.csv").read_bytes()
VALID_FILES["relations"] = (CORPUS / "csv/valid.relations.csv").read_bytes()


@st.composite
def damaged(draw: st.DrawFn, content: bytes) -> bytes:
    """*content* with one to three byte-level edits: cut, delete, repeat, insert."""
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(content)))
        end = draw(st.integers(start, min(len(content), start + 40)))
        action = draw(st.sampled_from(["cut", "delete", "repeat", "insert"]))
        if action == "cut":
            content = content[:start]
        elif action == "delete":
            content = content[:start] + content[end:]
        elif action == "repeat":
            content = content[:end] + content[start:end] + content[end:]
        else:
            noise = draw(
                st.binary(max_size=6)
                | st.sampled_from([b"<", b"&", b'"', b",", b"\n", b"\xc3"])
            )
            content = content[:start] + noise + content[start:]
    return content


@FUZZ
@given(st.sampled_from(sorted(VALID_FILES)), st.data())
def test_damaged_files_are_refused_or_read_back_losslessly(
    name: str, data: st.DataObject
) -> None:
    """Damaged GraphML, GEXF and CSV: refused, or a graph that survives a round trip."""
    content = data.draw(damaged(VALID_FILES[name]))
    read: dict[str, Callable[[], EcologyGraph]] = {
        "graphml": lambda: exchange.read_graphml(io.BytesIO(content)),
        "gexf": lambda: exchange.read_gexf(io.BytesIO(content)),
        "actors": lambda: exchange.read_csv(
            binary(content), binary(VALID_FILES["relations"])
        ),
        "relations": lambda: exchange.read_csv(
            binary(VALID_FILES["actors"]), binary(content)
        ),
    }
    try:
        graph = read[name]()
    except ValidationError as error:
        assert error.problems
        event("refused")
        return
    event("read")
    for write, reread in (
        (exchange.write_graphml, exchange.read_graphml),
        (exchange.write_gexf, exchange.read_gexf),
    ):
        buffer = io.BytesIO()
        write(graph, buffer)
        assert reread(io.BytesIO(buffer.getvalue())) == graph


# -- regression tests -----------------------------------------------------------------

GRAPHML_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="sphere" for="node" attr.name="sphere" attr.type="string"/>
  <key id="authority" for="node" attr.name="authority" attr.type="string"/>
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="engagement" for="edge" attr.name="engagement_id" attr.type="string"/>
"""


def graphml(body: str, *, head: str = GRAPHML_HEAD) -> bytes:
    """A GraphML document whose graph holds *body*."""
    return (
        f'{head}  <graph edgedefault="undirected">\n{body}  </graph>\n</graphml>\n'
    ).encode()


def gml_node(node_id: str, label: str = "", sphere: str = "community") -> str:
    text = f'    <node id="{node_id}"><data key="sphere">{sphere}</data>'
    text += '<data key="authority">member</data>'
    if label:
        text += f'<data key="label">{label}</data>'
    return text + "</node>\n"


GEXF_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="sphere" type="string"/>
      <attribute id="1" title="authority" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="2" title="engagement_id" type="string"/>
    </attributes>
"""


def gexf(nodes: str, edges: str = "", *, head: str = GEXF_HEAD) -> bytes:
    """A GEXF 1.2 document with these nodes and edges."""
    return (
        f"{head}    <nodes>\n{nodes}    </nodes>\n    <edges>\n{edges}    </edges>\n"
        "  </graph>\n</gexf>\n"
    ).encode()


def gexf_node(node_id: str, label: str) -> str:
    return (
        f'      <node id="{node_id}" label="{label}"><attvalues>'
        '<attvalue for="0" value="community"/><attvalue for="1" value="member"/>'
        "</attvalues></node>\n"
    )


def refused(reader: Any, document: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        reader(io.BytesIO(document))
    return caught.value


def test_gexf_attributes_of_an_unknown_class_are_refused() -> None:
    """networkx re-raises nothing (RuntimeError) on ``<attributes class="graph">``."""
    head = GEXF_HEAD.replace(
        '    <attributes class="edge"',
        '    <attributes class="graph"><attribute id="9" title="t" type="string"/>'
        '</attributes>\n    <attributes class="edge"',
    )
    error = refused(exchange.read_gexf, gexf(gexf_node("a", "A"), head=head))
    assert error.problems[0].code == "gexf"


def test_graphml_ports_are_refused_not_warned_about() -> None:
    """networkx only warns that it drops ports: a UserWarning escaped."""
    document = graphml(gml_node("a").replace("</node>", '<port name="p"/></node>'))
    error = refused(exchange.read_graphml, document)
    assert "port" in error.problems[0].message


def test_graphml_keys_without_a_type_are_read_as_strings() -> None:
    """GraphML's default attr.type is string; networkx warned (an escape)."""
    head = GRAPHML_HEAD.replace(
        ' attr.name="label" attr.type="string"', ' attr.name="label"'
    )
    graph = exchange.read_graphml(io.BytesIO(graphml(gml_node("a", "Zoé"), head=head)))
    assert graph.actor("a").label == "Zoé"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_duplicate_node_ids_in_xml_are_refused(fmt: str) -> None:
    """networkx merged two nodes with the same id: one actor was lost."""
    if fmt == "graphml":
        document = graphml(gml_node("a", "One") + gml_node("b") + gml_node("a", "Two"))
        error = refused(exchange.read_graphml, document)
    else:
        nodes = gexf_node("a", "One") + gexf_node("b", "B") + gexf_node("a", "Two")
        document = gexf(nodes)
        error = refused(exchange.read_gexf, document)
    second = document[: document.index(b"Two")].count(b"\n") + 1
    assert (error.path, error.problems[0].code) == (
        f"<stream>:{second}",
        "duplicate_id",
    )
    assert "'a'" in error.problems[0].message


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_parallel_edges_sharing_an_id_are_refused(fmt: str) -> None:
    """networkx merged two edges with one id between the same nodes: a relation was lost."""
    if fmt == "graphml":
        edges = "".join(
            f'    <edge source="a" target="b" id="e0"><data key="engagement">{e}</data></edge>\n'
            for e in ("e1", "e2")
        )
        error = refused(
            exchange.read_graphml, graphml(gml_node("a") + gml_node("b") + edges)
        )
    else:
        edges = "".join(
            f'      <edge source="a" target="b" id="0"><attvalues><attvalue for="2" value="{e}"/></attvalues></edge>\n'
            for e in ("e1", "e2")
        )
        error = refused(
            exchange.read_gexf, gexf(gexf_node("a", "A") + gexf_node("b", "B"), edges)
        )
    assert error.problems[0].code == "duplicate_id"
    assert error.path == "<stream>"


def test_a_second_graphml_graph_is_refused() -> None:
    """networkx returned the first graph only: the second was silently dropped."""
    document = graphml(gml_node("a")).replace(
        b"</graphml>",
        b'<graph edgedefault="undirected"><node id="z"/></graph></graphml>',
    )
    error = refused(exchange.read_graphml, document)
    assert error.problems[0].code == "multiple_graphs"


def test_nodes_of_nested_graphml_graphs_are_not_lost() -> None:
    """networkx skips a nested graph unless yEd marks its node as a group."""
    document = graphml(
        gml_node("a").replace(
            "</node>",
            '<graph id="inner" edgedefault="undirected">'
            '<node id="hidden"><data key="sphere">community</data><data key="authority">member</data></node>'
            "</graph></node>",
        )
    )
    error = refused(exchange.read_graphml, document)
    assert "'hidden'" in error.problems[0].message


@pytest.mark.parametrize("element", ["node", "edge"])
def test_graphml_nodes_and_edges_need_their_ids(element: str) -> None:
    """networkx named a node without id (or an edge's missing end) 'None'."""
    if element == "node":
        body = gml_node("x").replace(' id="x"', "")
    else:
        body = gml_node("a") + '    <edge target="a"/>\n'
    error = refused(exchange.read_graphml, graphml(body))
    assert error.problems[0].code == "missing"
    assert error.path.startswith("<stream>:")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_attribute_defaults_apply_to_elements_without_a_value(fmt: str) -> None:
    """networkx kept ``<default>`` values aside: actors lost their label."""
    if fmt == "graphml":
        head = GRAPHML_HEAD.replace(
            'attr.name="label" attr.type="string"/>',
            'attr.name="label" attr.type="string"><default>Anonyme</default></key>',
        )
        document = graphml(gml_node("a") + gml_node("b", "Bea"), head=head)
        graph = exchange.read_graphml(io.BytesIO(document))
    else:
        head = GEXF_HEAD.replace(
            '<attribute id="2" title="engagement_id" type="string"/>',
            '<attribute id="2" title="engagement_id" type="string"><default>comité</default></attribute>',
        )
        edges = '      <edge source="a" target="b" id="0"/>\n'
        document = gexf(gexf_node("a", "A") + gexf_node("b", "B"), edges, head=head)
        graph = exchange.read_gexf(io.BytesIO(document))
    if fmt == "graphml":
        assert graph.actor("a").label == "Anonyme"
        assert graph.actor("b").label == "Bea"
    else:
        (relation,) = graph.relations()
        assert relation.relation.engagement_id == "comité"


def test_graphml_keeps_carriage_returns_in_labels() -> None:
    """XML parsers turn a raw CR into LF: the writer must escape it."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("a", Role.PATIENT, label="line 1\r\nline 2\rend"),
            Actor.from_role("b", Role.CLINICIAN, label="\ttabbed\n"),
        ],
        relations=[("a", "b")],
    )
    for write, read in (
        (exchange.write_graphml, exchange.read_graphml),
        (exchange.write_gexf, exchange.read_gexf),
    ):
        buffer = io.BytesIO()
        write(graph, buffer)
        assert read(io.BytesIO(buffer.getvalue())) == graph


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff"])
def test_xml_writers_refuse_text_xml_cannot_hold(character: str) -> None:
    """XML 1.0 cannot hold these characters: the writers made unreadable files."""
    graph = EcologyGraph(
        actors=[
            Actor.from_role("a", Role.PATIENT, label=f"bad{character}label"),
            Actor.from_role("b", Role.CLINICIAN),
        ],
        relations=[("a", "b")],
    )
    for write in (exchange.write_graphml, exchange.write_gexf):
        buffer = io.BytesIO()
        with pytest.raises(ValidationError) as caught:
            write(graph, buffer)
        assert caught.value.path == "nodes['a'].label"
        assert buffer.getvalue() == b""


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("directed", "yes", "$.directed"),
        ("multigraph", 1, "$.multigraph"),
        ("graph", 5, "$.graph"),
        ("graph", {"name": "secret"}, "$.graph.name"),
    ],
)
def test_node_link_header_keys_are_checked(key: str, value: object, path: str) -> None:
    """Wrong types in 'directed', 'multigraph' and 'graph' were silently accepted."""
    data = exchange.to_node_link(EcologyGraph())
    data[key] = value
    with pytest.raises(ValidationError) as caught:
        exchange.from_node_link(data)
    assert caught.value.path == path


def test_graphml_values_holding_markup_are_refused() -> None:
    """networkx took markup in a ``<data>`` for a yEd extension and dropped the value."""
    document = graphml(gml_node("a", "<b>Zoé</b>"))
    error = refused(exchange.read_graphml, document)
    assert (error.path, error.problems[0].code) == ("<stream>:8", "xml_structure")


def test_csv_syntax_errors_name_the_line_where_the_record_starts() -> None:
    """An unclosed quote was reported at the end of the file, not where it opens."""
    actors = (
        'id,sphere,authority,label\np1,community,member,"Émilie\n'
        "c1,professional,member,\n"
    )
    relations = "source,target\n"
    with pytest.raises(ValidationError) as caught:
        exchange.read_csv(io.StringIO(actors), io.StringIO(relations))
    assert (caught.value.path, caught.value.problems[0].code) == (
        "actors.csv:2",
        "csv_syntax",
    )


@pytest.mark.parametrize("encoding", ["tf-8", "shift_jis", "utf-7", "rot13", "idna"])
@pytest.mark.parametrize("reader", [exchange.read_graphml, exchange.read_gexf])
def test_xml_encoding_declarations_expat_cannot_use_are_refused(
    encoding: str, reader: Callable[[io.BytesIO], EcologyGraph]
) -> None:
    """expat let LookupError, ValueError and UnicodeError escape (found by fuzzing)."""
    document = (CORPUS / "graphml/valid.graphml").read_bytes()
    document = document.replace(b"encoding='utf-8'", f"encoding='{encoding}'".encode())
    error = refused(reader, document)
    assert (error.path, error.problems[0].code) == ("<stream>:1", "encoding")


@pytest.mark.parametrize("version", ["1" * 5000 + ".0", "1." + "0" * 5000])
@pytest.mark.parametrize("cls", [Register, EcologyGraph])
def test_schema_versions_with_thousands_of_digits_are_refused(
    version: str, cls: type[Any]
) -> None:
    """int() refused to convert them: a bare ValueError escaped (found by review)."""
    with pytest.raises(ValidationError) as caught:
        from_json(json.dumps({"schema_version": version, "nodes": []}), cls)
    assert caught.value.path == "$.schema_version"
