"""Tests of the public API contract: names, laziness, and user-style code.

``test_user_script`` is written the way a tool that imports partnership_model
would use it, with every name the issues pin as public, spelled exactly; mypy
checks it like the rest of the test suite.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import subprocess
import sys
from pathlib import Path

import networkx as nx

import partnership_model
from partnership_model import (
    Actor,
    Authority,
    EcologyGraph,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementMatrix,
    Leadership,
    Participant,
    PartnershipModelError,
    Register,
    RelationType,
    Role,
    Sphere,
    ValidationError,
    VocabularyError,
    __version__,
    assess,
    classify_relation,
    from_dict,
    from_json,
    json_schema,
    pseudonymize,
    relation_counts,
    to_dict,
    to_json,
    validate,
)
from partnership_model.examples import load_register

INIT = Path(partnership_model.__file__)

PINNED = [
    "__version__",
    "PartnershipModelError",
    "VocabularyError",
    "EngagementDegree",
    "EngagementLevel",
    "EngagementDomain",
    "Sphere",
    "Role",
    "Leadership",
    "RelationType",
    "Participant",
    "Engagement",
    "EngagementMatrix",
    "assess",
    "Actor",
    "EcologyGraph",
    "classify_relation",
    "relation_counts",
    "to_json",
    "from_json",
    "to_dict",
    "from_dict",
    "json_schema",
    "validate",
    "ValidationError",
    "pseudonymize",
    "brokerage_significance",
]


def test_all_is_sorted_and_complete() -> None:
    names = partnership_model.__all__

    def ruff_order(name: str) -> tuple[int, str]:
        if name.isupper():
            return (0, name)
        return (1 if name[0].isupper() else 2, name)

    assert list(names) == sorted(names, key=ruff_order)
    assert set(PINNED) <= set(names)
    for name in names:
        assert getattr(partnership_model, name) is not None


STUB = INIT.with_suffix(".pyi")


def _stub_names() -> dict[str, str]:
    """Each name the type stub imports, and the module it imports it from."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 1, "the stub imports from the package's own modules"
            for alias in node.names:
                assert alias.asname == alias.name, "re-exported under its own name"
                assert alias.name not in names, f"{alias.name} listed twice"
                names[alias.name] = str(node.module)
    return names


def test_the_stub_lists_every_public_name_once() -> None:
    """One list (the stub): __all__, the lazy lookup and the type checkers' view."""
    names = _stub_names()
    assert set(names) == set(partnership_model.__all__)
    assert "__version__" in names
    for name, module in names.items():
        value = getattr(importlib.import_module(f"partnership_model.{module}"), name)
        assert getattr(partnership_model, name) is value
    init = ast.parse(INIT.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(init)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"annotations", "__version__"}, (
        "names are listed in the stub only"
    )
    assert not [
        node
        for node in ast.walk(init)
        if isinstance(node, ast.Constant) and node.value in set(names) - {"__version__"}
    ], "no public name is spelled in __init__.py"


def test_mypy_sees_every_public_name(tmp_path: Path) -> None:
    """Every name of __all__ has its type for mypy (through the stub)."""
    from mypy import api

    script = tmp_path / "every_name.py"
    script.write_text(
        "import partnership_model as pm\n"
        + "".join(f"reveal_type(pm.{name})\n" for name in partnership_model.__all__),
        encoding="utf-8",
    )
    out, err, status = api.run(
        [str(script), "--strict", "--no-error-summary", "--hide-error-context"]
    )
    revealed = [line for line in out.splitlines() if "Revealed type" in line]
    assert len(revealed) == len(partnership_model.__all__), (out, err)
    assert not any('"Any"' in line for line in revealed), out
    assert "error:" not in out, out
    assert status == 0


def test_import_is_lazy_and_light() -> None:
    code = (
        "import sys, partnership_model; "
        "print(sorted(m for m in ('networkx', 'cattrs', 'jsonschema', 'matplotlib', "
        "'hypothesis') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    code = (
        "import sys, partnership_model as pm; [getattr(pm, n) for n in pm.__all__]; "
        "print(sorted(m for m in ('jsonschema', 'matplotlib', 'hypothesis') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_register_file_is_read_checked_and_written_without_networkx(
    tmp_path: Path,
) -> None:
    """Through the public names: read_json, validate, to_dict, write_json (issue 13)."""
    source = Path(__file__).parent / "malformed" / "register" / "valid.json"
    code = (
        "import sys, partnership_model as pm; "
        f"r = pm.read_json({str(source)!r}, pm.Register); "
        "pm.validate(pm.to_dict(r), pm.Register); "
        f"pm.write_json(r, {str(tmp_path / 'out.json')!r}); "
        "print(sorted(m for m in ('networkx', 'partnership_model.ecology', "
        "'partnership_model.exchange', 'jsonschema', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    written = partnership_model.read_json(tmp_path / "out.json", Register)
    assert written == partnership_model.read_json(source, Register)


def test_version_is_a_string() -> None:
    assert isinstance(__version__, str)
    assert __version__.count(".") >= 2


def test_user_script() -> None:
    """A partnership dashboard, written against the pinned public names only."""
    degree = EngagementDegree.parse("Partenariat")
    assert degree is EngagementDegree.PARTNERSHIP
    assert EngagementDegree.INFORMATION < EngagementDegree.CONSULTATION
    assert EngagementLevel.MICRO < EngagementLevel.MESO < EngagementLevel.MACRO
    assert Role.MANAGER.sphere is Sphere.PROFESSIONAL
    assert Role.MANAGER.authority is Authority.MANAGERIAL
    label: str = EngagementDomain.RESEARCH.label("fr")
    definition: str = Leadership.CO_LED.definition("en")
    assert label
    assert definition
    try:
        EngagementDegree.parse("nope")
    except VocabularyError as error:
        assert isinstance(error, PartnershipModelError)

    committee = Engagement(
        id="qi-committee",
        title="Quality committee",
        domain=EngagementDomain.CARE_AND_SERVICES,
        level=EngagementLevel.MESO,
        degree=degree,
        leadership=Leadership.PROFESSIONAL_LED,
        participants=(
            Participant(person_id="p1", role=Role.PATIENT_PARTNER),
            Participant(person_id="c1", role=Role.CLINICIAN),
            Participant(person_id="m1", role=Role.MANAGER),
        ),
        start=dt.date(2024, 1, 15),
    )
    register = Register.from_engagements([committee])
    assert register.engagements == (committee,)

    matrix = EngagementMatrix.from_engagements(register.engagements)
    assert matrix.count(level=EngagementLevel.MESO, degree=degree) == 1
    assert matrix == EngagementMatrix.from_engagements(register)

    codes = {finding.code for finding in assess(committee)}
    assert "missing_co_leadership" in codes

    patient = Actor(id="p1", sphere=Sphere.COMMUNITY, authority=Authority.MEMBER)
    manager = Actor(id="m1", sphere=Sphere.PROFESSIONAL, authority=Authority.MANAGERIAL)
    assert classify_relation(patient, manager) is RelationType.LINKING
    graph = EcologyGraph()
    graph.add_actor(patient)
    graph.add_actors([manager])
    graph.add_relation("p1", "m1")
    graph.add_relations([("m1", "p1")])
    counts: dict[RelationType, int] = relation_counts(graph)
    assert counts == {
        RelationType.BONDING: 0,
        RelationType.BRIDGING: 0,
        RelationType.LINKING: 2,
    }
    exported: nx.MultiGraph[str] = graph.to_networkx()
    assert exported.nodes["p1"]["sphere"] == "community"
    assert {d["relation_type"] for _, _, d in exported.edges(data=True)} == {"linking"}
    assert EcologyGraph.from_networkx(exported) == graph
    assert EcologyGraph.from_engagements(register).number_of_relations == 3

    text = to_json(register)
    assert from_json(text, Register) == register
    assert from_dict(to_dict(register), Register) == register
    validate(to_dict(register), Register)
    schema = json_schema(Register)
    assert schema["$schema"].endswith("2020-12/schema")
    bad = to_dict(register)
    bad["engagements"][0]["degree"] = "partnershp"
    try:
        from_dict(bad, Register)
    except ValidationError as error:
        assert error.path == "$.engagements[0].degree"

    shared = pseudonymize(load_register(), key=b"a key of at least 16 bytes")
    assert len(shared.engagements) == len(load_register().engagements)
