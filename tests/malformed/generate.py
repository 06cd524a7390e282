"""Generate the corpus of malformed documents in this directory (issue 8).

Run ``python tests/malformed/generate.py`` after changing a case: it rewrites
every document and ``manifest.json``. The output is deterministic, and
``tests/test_reliability.py`` checks that the committed files are exactly what
this script produces, then that every document is refused as the manifest says.

Each document is a small valid document with one defect. The valid documents
themselves are written too (``valid.*``) and must load, so that a refusal is
known to come from the defect. The manifest gives, for each document:

* ``file``: its path, relative to this directory;
* ``loader``: ``register`` and ``ecology`` (:func:`partnership_model.read_json`
  into a ``Register`` or an ``EcologyGraph``), ``csv``
  (:func:`~partnership_model.exchange.read_csv` of ``actors`` and
  ``relations``), ``graphml`` or ``gexf``;
* ``error``: the class name of the expected error;
* ``path``: a fragment that the path of one of the error's problems contains;
* ``code``: the code of that problem;
* ``fast``: whether the document must be refused in well under a second
  (nesting bombs, entity expansion);
* ``description``: what is wrong, in plain words.

Its ``commands`` section lists documents the library loads but the command
line refuses (loader ``command``: ``partnership-model validate`` and ``report``
exit with the code ``exit``, printing a problem at ``path`` with ``code``);
``tests/test_cli_safety.py`` checks them, and that every command agrees with
``validate`` on every document of the corpus.

Nothing here imports the library: the documents and the expectations are
written by hand, so the corpus cannot drift along with a bug.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FORMATS = ("register", "ecology", "csv", "graphml", "gexf")
DEEP = 100_000  # nesting levels of the JSON bombs
XML_DEEP = 50_000  # nesting levels of the GraphML bomb
GEXF_DEEP = 3_000  # nesting levels of GEXF nodes (networkx recurses on them)

Case = dict[str, Any]

# ---------------------------------------------------------------------------
# Valid base documents
# ---------------------------------------------------------------------------

REGISTER: dict[str, Any] = {
    "schema_version": "1.1",
    "name": "Registre des partenariats — CHU de Montréal",
    "people": [
        {"id": "p1", "display_name": "Émilie Côté 🌱"},
        {"id": "p2", "display_name": "Dr Nguyễn"},
        {"id": "p3"},
    ],
    "organisations": [
        {
            "id": "assoc",
            "name": "Association québécoise des patients",
            "sphere": "community",
        },
    ],
    "engagements": [
        {
            "id": "e1",
            "title": "Comité des usagers « Ensemble »",
            "domain": "governance",
            "level": "meso",
            "degree": "partnership",
            "leadership": "co_led",
            "participants": [
                {"person_id": "p1", "role": "patient_partner", "decision_role": True},
                {"person_id": "p2", "role": "clinician", "authority": "managerial"},
            ],
            "organisations": ["assoc"],
            "start": "2023-01-15",
            "end": "2024-06-30",
            "research_stages": [
                {"stage": "design", "degree": "partnership"},
                {"stage": "analysis_interpretation", "degree": "collaboration"},
            ],
            "activities": ["caring_together"],
            "recognition": ["indemnity"],
            "partners_joined_at": "design",
            "trained_together": True,
            "tiers_actions": ["agree_rules"],
            "sources": ["Pomey2015"],
        },
        {
            "id": "e2",
            "title": "Cours de médecine co-enseigné",
            "domain": "education",
            "level": "micro",
            "degree": "collaboration",
            "leadership": "professional_led",
            "participants": [
                {"person_id": "p3", "role": "patient_trainer"},
                {"person_id": "p2", "role": "educator"},
            ],
            "start": "2019",
            "end": "2021-06",
        },
    ],
}

NODE_LINK: dict[str, Any] = {
    "schema_version": "1.1",
    "directed": False,
    "multigraph": True,
    "graph": {
        "policy": "default",
        "policy_min_authority_gap": 1,
        "policy_linking_within_sphere": True,
        "policy_organisation_authority": "none",
        "policy_precedence": "linking>bridging>bonding",
    },
    "nodes": [
        {
            "id": "p1",
            "sphere": "community",
            "authority": "member",
            "kind": "person",
            "role": "patient_partner",
            "label": "Émilie 🌱",
        },
        {
            "id": "c1",
            "sphere": "professional",
            "authority": "member",
            "kind": "person",
            "role": "clinician",
        },
        {
            "id": "m1",
            "sphere": "professional",
            "authority": "public_authority",
            "kind": "person",
            "role": "decision_maker",
            "label": "Ministère",
        },
        {
            "id": "assoc",
            "sphere": "community",
            "kind": "organisation",
        },
    ],
    "edges": [
        {
            "source": "p1",
            "target": "c1",
            "key": 0,
            "relation_type": "bridging",
            "crosses_sphere": True,
            "crosses_authority": False,
        },
        {
            "source": "c1",
            "target": "m1",
            "key": 0,
            "relation_type": "linking",
            "crosses_sphere": False,
            "crosses_authority": True,
            "engagement_id": "comité-régional",
            "degree": "partnership",
            "start": "2023-01-15",
            "end": "2024-06-30",
        },
        {
            "source": "p1",
            "target": "assoc",
            "key": 0,
            "relation_type": "bonding",
            "crosses_sphere": False,
            "crosses_authority": False,
        },
    ],
}

ACTORS_CSV = (
    "id,sphere,authority,kind,role,label,person_id\r\n"
    "p1,community,member,person,patient_partner,Émilie 🌱,\r\n"
    "c1,professional,member,person,clinician,,\r\n"
    "m1,professional,public_authority,person,decision_maker,Ministère,\r\n"
)
RELATIONS_CSV = (
    "source,target,relation_type,engagement_id,degree,start,end,policy\r\n"
    "p1,c1,bridging,,,,,default\r\n"
    "c1,m1,linking,comité-régional,partnership,2023-01-15,2024-06-30,default\r\n"
)

GRAPHML = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="sphere" attr.type="string"/>
  <key id="d1" for="node" attr.name="authority" attr.type="string"/>
  <key id="d2" for="node" attr.name="role" attr.type="string"/>
  <key id="d3" for="node" attr.name="label" attr.type="string"/>
  <key id="d4" for="edge" attr.name="relation_type" attr.type="string"/>
  <key id="d5" for="edge" attr.name="crosses_sphere" attr.type="boolean"/>
  <key id="d6" for="edge" attr.name="engagement_id" attr.type="string"/>
  <key id="d7" for="edge" attr.name="start" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="p1">
      <data key="d0">community</data>
      <data key="d1">member</data>
      <data key="d2">patient_partner</data>
      <data key="d3">Émilie 🌱</data>
    </node>
    <node id="c1">
      <data key="d0">professional</data>
      <data key="d1">member</data>
      <data key="d2">clinician</data>
    </node>
    <node id="m1">
      <data key="d0">professional</data>
      <data key="d1">public_authority</data>
    </node>
    <edge source="p1" target="c1" id="0">
      <data key="d4">bridging</data>
      <data key="d5">true</data>
    </edge>
    <edge source="c1" target="m1" id="0">
      <data key="d4">linking</data>
      <data key="d6">comité-régional</data>
      <data key="d7">2023-01-15</data>
    </edge>
  </graph>
</graphml>
"""

GEXF = """<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="0" title="sphere" type="string"/>
      <attribute id="1" title="authority" type="string"/>
      <attribute id="2" title="role" type="string"/>
      <attribute id="3" title="labelled" type="boolean"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="4" title="relation_type" type="string"/>
      <attribute id="5" title="engagement_id" type="string"/>
    </attributes>
    <nodes>
      <node id="p1" label="Émilie 🌱">
        <attvalues>
          <attvalue for="0" value="community"/>
          <attvalue for="1" value="member"/>
          <attvalue for="2" value="patient_partner"/>
          <attvalue for="3" value="true"/>
        </attvalues>
      </node>
      <node id="c1" label="c1">
        <attvalues>
          <attvalue for="0" value="professional"/>
          <attvalue for="1" value="member"/>
          <attvalue for="2" value="clinician"/>
          <attvalue for="3" value="false"/>
        </attvalues>
      </node>
      <node id="m1" label="Ministère">
        <attvalues>
          <attvalue for="0" value="professional"/>
          <attvalue for="1" value="public_authority"/>
          <attvalue for="3" value="true"/>
        </attvalues>
      </node>
    </nodes>
    <edges>
      <edge source="p1" target="c1" id="0">
        <attvalues>
          <attvalue for="4" value="bridging"/>
        </attvalues>
      </edge>
      <edge source="c1" target="m1" id="1" start="2023-01-15">
        <attvalues>
          <attvalue for="4" value="linking"/>
          <attvalue for="5" value="comité-régional"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"""

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def dump(document: object) -> bytes:
    """Valid JSON text of *document*, as an editor would write it."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # A lone surrogate cannot be UTF-8: write it as the JSON escape \udXXX.
    return text.encode("utf-8", "backslashreplace")


def edited(
    base: dict[str, Any], change: Callable[[dict[str, Any]], object]
) -> dict[str, Any]:
    """A deep copy of *base* changed in place by *change*."""
    document = copy.deepcopy(base)
    change(document)
    return document


def replace_once(text: str, old: str, new: str) -> str:
    """Replace the single occurrence of *old* (fails loudly if not exactly one)."""
    if text.count(old) != 1:
        msg = f"{old!r} occurs {text.count(old)} times"
        raise ValueError(msg)
    return text.replace(old, new)


def line_of(content: bytes, marker: bytes, occurrence: int = 1) -> int:
    """The 1-based line number of the *occurrence*-th *marker* in *content*."""
    index = -1
    for _ in range(occurrence):
        index = content.index(marker, index + 1)
    return content.count(b"\n", 0, index) + 1


def setter(*keys: str | int, value: object) -> Callable[[Any], None]:
    """A change that sets ``document[k1][k2]...[kn] = value``."""

    def change(document: Any) -> None:
        for key in keys[:-1]:
            document = document[key]
        document[keys[-1]] = value

    return change


def deleter(*keys: str | int) -> Callable[[Any], None]:
    """A change that deletes ``document[k1]...[kn]``."""

    def change(document: Any) -> None:
        for key in keys[:-1]:
            document = document[key]
        del document[keys[-1]]

    return change


def renamer(*keys: str | int, to: str) -> Callable[[Any], None]:
    """A change that renames the key ``keys[-1]`` of ``document[k1]...``."""

    def change(document: Any) -> None:
        for key in keys[:-1]:
            document = document[key]
        document[to] = document.pop(keys[-1])

    return change


def appender(*keys: str | int, value: Callable[[Any], object]) -> Callable[[Any], None]:
    """A change that appends ``value(document)`` to the list ``document[k1]...``."""

    def change(document: Any) -> None:
        target = document
        for key in keys:
            target = target[key]
        target.append(value(document))

    return change


def case(
    fmt: str,
    name: str,
    content: bytes,
    *,
    path: str,
    code: str,
    description: str,
    error: str = "ValidationError",
    fast: bool = False,
    **extra: str,
) -> Case:
    """One corpus entry; *content* goes to ``<fmt>/<name>``."""
    return {
        "file": f"{fmt}/{name}",
        "loader": "csv" if fmt == "csv" else fmt,
        "error": error,
        "path": path,
        "code": code,
        "fast": fast,
        "description": description,
        "content": content,
        **extra,
    }


# ---------------------------------------------------------------------------
# Registers (strict JSON)
# ---------------------------------------------------------------------------

E0 = ("engagements", 0)
P0 = (*E0, "participants", 0)


def register_cases() -> list[Case]:
    cases: list[Case] = []

    def edit(
        name: str,
        change: Callable[[dict[str, Any]], object],
        path: str,
        code: str,
        description: str,
        *,
        error: str = "ValidationError",
    ) -> None:
        cases.append(
            case(
                "register",
                f"{name}.json",
                dump(edited(REGISTER, change)),
                path=path,
                code=code,
                description=description,
                error=error,
            )
        )

    def raw(
        name: str,
        content: bytes,
        path: str,
        code: str,
        description: str,
        *,
        fast: bool = False,
    ) -> None:
        cases.append(
            case(
                "register",
                f"{name}.json",
                content,
                path=path,
                code=code,
                description=description,
                fast=fast,
            )
        )

    # -- wrong types ------------------------------------------------------------
    wrong_types: list[tuple[str, tuple[str | int, ...], object, str]] = [
        ("name_number", ("name",), 42, "$.name"),
        ("people_object", ("people",), {"p1": {}}, "$.people"),
        ("person_string", ("people", 0), "p1", "$.people[0]"),
        ("person_id_number", ("people", 0, "id"), 1, "$.people[0].id"),
        (
            "display_name_bool",
            ("people", 0, "display_name"),
            True,
            "$.people[0].display_name",
        ),
        (
            "organisation_sphere_list",
            ("organisations", 0, "sphere"),
            ["community"],
            "$.organisations[0].sphere",
        ),
        ("engagements_string", ("engagements",), "e1", "$.engagements"),
        ("title_null", (*E0, "title"), None, "$.engagements[0].title"),
        ("title_list", (*E0, "title"), ["Comité"], "$.engagements[0].title"),
        ("degree_number", (*E0, "degree"), 3, "$.engagements[0].degree"),
        ("degree_null", (*E0, "degree"), None, "$.engagements[0].degree"),
        (
            "participants_object",
            (*E0, "participants"),
            {"person_id": "p1"},
            "$.engagements[0].participants",
        ),
        (
            "participant_array",
            (*P0,),
            ["p1", "patient_partner"],
            "$.engagements[0].participants[0]",
        ),
        (
            "decision_role_string",
            (*P0, "decision_role"),
            "yes",
            "$.engagements[0].participants[0].decision_role",
        ),
        (
            "decision_role_number",
            (*P0, "decision_role"),
            1,
            "$.engagements[0].participants[0].decision_role",
        ),
        (
            "trained_together_string",
            (*E0, "trained_together"),
            "true",
            "$.engagements[0].trained_together",
        ),
        ("start_number", (*E0, "start"), 20230115, "$.engagements[0].start"),
        ("start_object", (*E0, "start"), {"year": 2023}, "$.engagements[0].start"),
        (
            "organisations_string",
            (*E0, "organisations"),
            "assoc",
            "$.engagements[0].organisations",
        ),
        (
            "organisation_ref_number",
            (*E0, "organisations", 0),
            7,
            "$.engagements[0].organisations[0]",
        ),
        (
            "research_stages_string",
            (*E0, "research_stages"),
            "design",
            "$.engagements[0].research_stages",
        ),
        (
            "research_stage_bare",
            (*E0, "research_stages", 0),
            "design",
            "$.engagements[0].research_stages[0]",
        ),
        ("sources_string", (*E0, "sources"), "Pomey2015", "$.engagements[0].sources"),
        ("source_number", (*E0, "sources", 0), 2015, "$.engagements[0].sources[0]"),
        ("person_id_float", ("people", 2, "id"), 3.0, "$.people[2].id"),
    ]
    for name, keys, value, path in wrong_types:
        edit(
            f"wrong_type_{name}",
            setter(*keys, value=value),
            path,
            "wrong_type",
            f"{path} holds {json.dumps(value, ensure_ascii=False)}, a value of the wrong JSON type",
        )

    # -- unknown, misspelled and foreign vocabulary ----------------------------------
    vocabulary: list[tuple[str, tuple[str | int, ...], object, str, str]] = [
        (
            "degree_french",
            (*E0, "degree"),
            "partenariat",
            "$.engagements[0].degree",
            "the French label of partnership",
        ),
        (
            "degree_capitalised",
            (*E0, "degree"),
            "Partnership",
            "$.engagements[0].degree",
            "values are lower case tokens",
        ),
        (
            "degree_trailing_space",
            (*E0, "degree"),
            "partnership ",
            "$.engagements[0].degree",
            "a trailing space",
        ),
        (
            "level_french",
            (*E0, "level"),
            "Méso",
            "$.engagements[0].level",
            "the French label of meso",
        ),
        (
            "level_misspelled",
            (*E0, "level"),
            "mezo",
            "$.engagements[0].level",
            "a misspelling",
        ),
        (
            "role_label",
            (*P0, "role"),
            "patient partner",
            "$.engagements[0].participants[0].role",
            "the English label instead of the token",
        ),
        (
            "role_french",
            (*P0, "role"),
            "Patient partenaire",
            "$.engagements[0].participants[0].role",
            "the French label",
        ),
        (
            "role_hyphen",
            (*P0, "role"),
            "patient-partner",
            "$.engagements[0].participants[0].role",
            "a hyphen instead of an underscore",
        ),
        (
            "domain_french",
            (*E0, "domain"),
            "gouvernance",
            "$.engagements[0].domain",
            "the French word",
        ),
        (
            "domain_misspelled",
            ("engagements", 1, "domain"),
            "eduction",
            "$.engagements[1].domain",
            "a misspelling",
        ),
        (
            "leadership_hyphen",
            (*E0, "leadership"),
            "co-led",
            "$.engagements[0].leadership",
            "a hyphen",
        ),
        (
            "leadership_french",
            (*E0, "leadership"),
            "co-construit",
            "$.engagements[0].leadership",
            "a French term",
        ),
        (
            "organisation_sphere_french",
            ("organisations", 0, "sphere"),
            "communauté",
            "$.organisations[0].sphere",
            "the French word",
        ),
        (
            "organisation_authority_alias",
            ("organisations", 0, "authority"),
            "gouvernement",
            "$.organisations[0].authority",
            "an alias parse() knows but JSON does not accept",
        ),
        (
            "research_stage_french",
            (*E0, "research_stages", 1, "stage"),
            "analyse",
            "$.engagements[0].research_stages[1].stage",
            "a French word",
        ),
        (
            "activity_french",
            (*E0, "activities", 0),
            "soigner ensemble",
            "$.engagements[0].activities[0]",
            "a French label",
        ),
        (
            "recognition_french",
            (*E0, "recognition", 0),
            "rémunération",
            "$.engagements[0].recognition[0]",
            "a French word",
        ),
        (
            "phase_french",
            (*E0, "partners_joined_at"),
            "conception",
            "$.engagements[0].partners_joined_at",
            "a French word",
        ),
        (
            "tiers_action_spaces",
            (*E0, "tiers_actions", 0),
            "agree rules",
            "$.engagements[0].tiers_actions[0]",
            "spaces instead of underscores",
        ),
        (
            "participant_sphere_french",
            (*P0, "sphere"),
            "professionnel",
            "$.engagements[0].participants[0].sphere",
            "a French word",
        ),
        (
            "degree_is_a_level",
            (*E0, "degree"),
            "meso",
            "$.engagements[0].degree",
            "a value of another vocabulary (EngagementLevel)",
        ),
        (
            "level_is_a_degree",
            (*E0, "level"),
            "partnership",
            "$.engagements[0].level",
            "a value of another vocabulary (EngagementDegree)",
        ),
        (
            "role_is_a_sphere",
            (*P0, "role"),
            "community",
            "$.engagements[0].participants[0].role",
            "a value of another vocabulary (Sphere)",
        ),
        (
            "domain_is_a_leadership",
            (*E0, "domain"),
            "co_led",
            "$.engagements[0].domain",
            "a value of another vocabulary (Leadership)",
        ),
        (
            "leadership_is_a_relation_type",
            (*E0, "leadership"),
            "bridging",
            "$.engagements[0].leadership",
            "a value of another vocabulary (RelationType)",
        ),
        (
            "sphere_is_a_kind",
            ("organisations", 0, "sphere"),
            "organisation",
            "$.organisations[0].sphere",
            "a value of another vocabulary (ActorKind)",
        ),
    ]
    for name, keys, value, path, why in vocabulary:
        edit(
            f"vocabulary_{name}",
            setter(*keys, value=value),
            path,
            "unknown_term",
            f"{path} is {value!r}: {why}",
        )

    # -- missing keys ----------------------------------------------------------------
    missing: list[tuple[str, tuple[str | int, ...], str]] = [
        ("engagement_id", (*E0, "id"), "$.engagements[0].id"),
        ("engagement_title", (*E0, "title"), "$.engagements[0].title"),
        ("engagement_domain", ("engagements", 1, "domain"), "$.engagements[1].domain"),
        ("engagement_degree", (*E0, "degree"), "$.engagements[0].degree"),
        ("engagement_level", (*E0, "level"), "$.engagements[0].level"),
        (
            "research_stage_degree",
            (*E0, "research_stages", 0, "degree"),
            "$.engagements[0].research_stages[0].degree",
        ),
        (
            "participant_person_id",
            (*P0, "person_id"),
            "$.engagements[0].participants[0].person_id",
        ),
        ("participant_role", (*P0, "role"), "$.engagements[0].participants[0].role"),
        ("person_id", ("people", 2, "id"), "$.people[2].id"),
        ("organisation_name", ("organisations", 0, "name"), "$.organisations[0].name"),
        (
            "organisation_sphere",
            ("organisations", 0, "sphere"),
            "$.organisations[0].sphere",
        ),
        ("schema_version", ("schema_version",), "$.schema_version"),
    ]
    for name, keys, path in missing:
        edit(
            f"missing_{name}",
            deleter(*keys),
            path,
            "missing",
            f"the required key {path} is missing",
        )

    # -- extra keys ------------------------------------------------------------------
    extra: list[tuple[str, Callable[[Any], None], str]] = [
        (
            "engagement_singular",
            renamer("engagements", to="engagement"),
            "$.engagement",
        ),
        (
            "title_misspelled",
            renamer(*E0, "title", to="titel"),
            "$.engagements[0].titel",
        ),
        ("french_key", renamer(*E0, "level", to="niveau"), "$.engagements[0].niveau"),
        (
            "person_name",
            renamer("people", 0, "display_name", to="name"),
            "$.people[0].name",
        ),
        (
            "participant_person",
            renamer(*P0, "person_id", to="person"),
            "$.engagements[0].participants[0].person",
        ),
        (
            "organisation_type",
            setter("organisations", 0, "type", value="association"),
            "$.organisations[0].type",
        ),
        ("top_level_version", setter("version", value="1.0"), "$.version"),
        ("empty_key", setter(*E0, "", value=1), "$.engagements[0]['']"),
        (
            "key_with_space",
            setter(*E0, "start date", value="2023-01-15"),
            "$.engagements[0]['start date']",
        ),
        (
            "person_email",
            setter("people", 1, "email", value="nguyen@example.org"),
            "$.people[1].email",
        ),
    ]
    for name, change, path in extra:
        edit(
            f"extra_{name}",
            change,
            path,
            "unknown_key",
            f"{path} is not a key of the format",
        )

    # -- duplicate ids and broken references -------------------------------------------
    edit(
        "duplicate_person_id",
        appender("people", value=lambda d: {"id": "p1", "display_name": "Autre"}),
        "$.people[3].id",
        "duplicate_id",
        "two people share the id p1",
    )
    edit(
        "duplicate_organisation_id",
        appender(
            "organisations",
            value=lambda d: {**d["organisations"][0], "name": "Homonyme"},
        ),
        "$.organisations[1].id",
        "duplicate_id",
        "two organisations share the id assoc",
    )
    edit(
        "duplicate_engagement_id",
        setter("engagements", 1, "id", value="e1"),
        "$.engagements[1].id",
        "duplicate_id",
        "two engagements share the id e1",
    )
    edit(
        "duplicate_participation",
        appender(
            *E0, "participants", value=lambda d: {"person_id": "p1", "role": "patient"}
        ),
        "$.engagements[0].participants[2].person_id",
        "duplicate_participation",
        "p1 takes part twice in e1",
    )
    edit(
        "duplicate_organisation_reference",
        appender(*E0, "organisations", value=lambda d: "assoc"),
        "$.engagements[0].organisations[1]",
        "duplicate_item",
        "e1 lists the organisation assoc twice",
    )
    edit(
        "duplicate_research_stage",
        appender(
            *E0,
            "research_stages",
            value=lambda d: {"stage": "design", "degree": "consultation"},
        ),
        "$.engagements[0].research_stages[2].stage",
        "duplicate_stage",
        "e1 gives the research stage design twice, with two degrees",
    )
    edit(
        "degree_below_a_stage",
        setter(*E0, "degree", value="collaboration"),
        "$.engagements[0].degree",
        "stage_degree",
        "e1 is partnership at its design stage but collaboration overall",
    )
    edit(
        "secondary_domain_is_primary",
        setter(*E0, "secondary_domains", value=["research", "governance"]),
        "$.engagements[0].secondary_domains",
        "duplicate_domain",
        "e1's primary domain is listed again as a secondary domain",
    )
    edit(
        "json_ld_context_number",
        setter("@context", value=5),
        "$['@context']",
        "wrong_type",
        "a JSON-LD context is an object, an array, a string or null",
    )
    invisible = [
        ("zero_width_space", "\u200b"),
        ("byte_order_mark", "\ufeff"),
        ("word_joiner", "\u2060"),
        ("right_to_left_override", "\u202e"),
        ("left_to_right_isolate", "\u2066"),
        ("c1_control", "\x85"),
        ("soft_hyphen", "\u00ad"),
        ("tag_character", "\U000e0070"),
    ]
    for name, character in invisible:
        edit(
            f"person_id_{name}",
            setter("people", 0, "id", value=f"p{character}1"),
            "$.people[0].id",
            "invalid",
            f"an id holding U+{ord(character):04X}, which does not show: it would "
            "look like p1 and name another person (issue 14)",
        )
    edit(
        "unknown_person",
        setter(*P0, "person_id", value="p9"),
        "$.engagements[0].participants[0].person_id",
        "unknown_reference",
        "a participant refers to a person the register does not list",
    )
    edit(
        "unknown_person_case",
        setter("engagements", 1, "participants", 0, "person_id", value="P3"),
        "$.engagements[1].participants[0].person_id",
        "unknown_reference",
        "ids are case-sensitive: P3 is not p3",
    )
    edit(
        "unknown_organisation",
        setter(*E0, "organisations", 0, value="assoc-qc"),
        "$.engagements[0].organisations[0]",
        "unknown_reference",
        "an engagement lists an organisation the register does not list",
    )

    # -- dates ----------------------------------------------------------------------------
    edit(
        "end_before_start",
        setter(*E0, "end", value="2022-12-31"),
        "$.engagements[0].end",
        "date_order",
        "e1 ends before it starts",
    )
    bad_dates = [
        ("february_30", "2023-02-30", "a day February never has"),
        ("february_29_not_leap", "2023-02-29", "2023 is not a leap year"),
        ("month_13", "2023-13-01", "there is no thirteenth month"),
        ("day_zero", "2023-01-00", "day zero"),
        (
            "year_zero",
            "0000-01-01",
            "year zero does not exist in ISO 8601 dates Python reads",
        ),
        ("unpadded", "2023-1-5", "month and day must have two digits"),
        ("french_order", "15/01/2023", "day/month/year"),
        ("with_time", "2023-01-15T10:00:00", "a date-time, not a date"),
        (
            "basic_format",
            "20230115",
            "the ISO basic format (Python 3.11 reads it, JSON must not)",
        ),
        ("arabic_indic_digits", "٢٠٢٣-٠١-١٥", "non-ASCII digits"),
        ("signed_year", "+2023-01-15", "an expanded year"),
        ("empty", "", "an empty string"),
        ("padded", " 2023-01-15 ", "spaces around the date (issue 13)"),
        ("trailing_newline", "2023-01-15\n", "a line break after the date"),
        ("month_unpadded", "2023-1", "a month must have two digits"),
        ("month_zero", "2023-00", "month zero"),
        ("two_digit_year", "23", "a year has four digits"),
    ]
    for name, value, why in bad_dates:
        edit(
            f"date_{name}",
            setter(*E0, "start", value=value),
            "$.engagements[0].start",
            "invalid",
            f"start is {value!r}: {why}",
        )

    # -- schema versions ------------------------------------------------------------------------
    for name, value in (("2.0", "2.0"), ("1.2", "1.2"), ("10.0", "10.0")):
        edit(
            f"schema_version_newer_{name.replace('.', '_')}",
            setter("schema_version", value=value),
            "$.schema_version",
            "unsupported_version",
            f"schema_version {value} is newer than this release reads",
            error="SchemaVersionError",
        )
    edit(
        "schema_version_older_major",
        setter("schema_version", value="0.9"),
        "$.schema_version",
        "unsupported_version",
        "schema_version 0.9 belongs to another major version",
        error="SchemaVersionError",
    )
    for name, value in (
        ("number", 1.0),
        ("integer_string", "1"),
        ("null", None),
        ("prefixed", "v1.0"),
        ("three_parts", "1.0.0"),
        ("empty", ""),
        ("huge_number", 1e300),
        ("5000_digits", "1" * 5000 + ".0"),
    ):
        edit(
            f"schema_version_{name}",
            setter("schema_version", value=value),
            "$.schema_version",
            "invalid",
            f"schema_version is {json.dumps(value)}, not a 'MAJOR.MINOR' string",
        )

    # -- text and identifiers -----------------------------------------------------------------
    texts: list[tuple[str, tuple[str | int, ...], str, str]] = [
        (
            "id_control_character",
            ("people", 0, "id"),
            "p\u0001",
            "a control character in an id",
        ),
        ("id_newline", ("people", 0, "id"), "p1\n", "a trailing newline in an id"),
        ("id_leading_space", ("people", 0, "id"), " p1", "a leading space in an id"),
        ("id_empty", ("people", 0, "id"), "", "an empty id"),
        ("id_too_long", ("people", 0, "id"), "p" * 201, "an id of 201 characters"),
        (
            "id_lone_surrogate",
            ("people", 0, "id"),
            "\ud800",
            "a lone surrogate in an id",
        ),
        (
            "id_delete_character",
            ("people", 1, "id"),
            "p2\u007f",
            "DEL at the end of an id",
        ),
        (
            "name_lone_surrogate",
            ("people", 0, "display_name"),
            "Émilie \udc00",
            "a lone surrogate in a name",
        ),
        ("title_blank", (*E0, "title"), " \t\u00a0", "a title with nothing visible"),
        (
            "title_too_long",
            (*E0, "title"),
            "x" * 100_001,
            "a title over 100,000 characters",
        ),
    ]
    for name, keys, value, why in texts:
        path = "$." + ".".join(
            f"[{k}]" if isinstance(k, int) else k for k in keys
        ).replace(".[", "[")
        edit(f"text_{name}", setter(*keys, value=value), path, "invalid", why)

    # -- numbers --------------------------------------------------------------------------------
    text = dump(REGISTER).decode()
    raw(
        "number_1e999_name",
        replace_once(
            text, '"Registre des partenariats — CHU de Montréal"', "1e999"
        ).encode(),
        "$.name",
        "wrong_type",
        "1e999 overflows to infinity; a name is text anyway",
    )
    raw(
        "number_1e999_decision_role",
        replace_once(text, '"decision_role": true', '"decision_role": -1e999').encode(),
        "$.engagements[0].participants[0].decision_role",
        "wrong_type",
        "-1e999 where a boolean belongs",
    )
    raw(
        "number_10000_digits",
        replace_once(
            text, '"Registre des partenariats — CHU de Montréal"', "9" * 10_000
        ).encode(),
        "$",
        "syntax",
        "an integer of 10,000 digits (over Python's conversion limit)",
        fast=True,
    )
    raw(
        "number_10000_digits_negative_nested",
        replace_once(
            text, '"display_name": "Dr Nguyễn"', '"display_name": -' + "1" * 10_000
        ).encode(),
        "$",
        "syntax",
        "a negative integer of 10,000 digits inside a person",
        fast=True,
    )
    for name, token in (
        ("nan", "NaN"),
        ("infinity", "Infinity"),
        ("minus_infinity", "-Infinity"),
    ):
        raw(
            f"number_{name}",
            replace_once(
                text, '"decision_role": true', f'"decision_role": {token}'
            ).encode(),
            "$",
            "syntax",
            f"{token} is not JSON",
        )

    # -- broken JSON text ----------------------------------------------------------------------
    body = dump(REGISTER)
    raw(
        "syntax_truncated_half",
        body[: len(body) // 2],
        "$",
        "syntax",
        "the file stops half way",
    )
    cut = body.index("Côté".encode()) + 1
    raw(
        "syntax_truncated_in_string",
        body[:cut],
        "$",
        "syntax",
        "the file stops inside a string",
    )
    raw(
        "syntax_truncated_last_brace",
        body.rstrip()[:-1],
        "$",
        "syntax",
        "the last brace is missing",
    )
    raw(
        "syntax_trailing_comma",
        replace_once(
            text,
            '"sources": [\n        "Pomey2015"\n      ]',
            '"sources": ["Pomey2015",]',
        ).encode(),
        "$",
        "syntax",
        "a trailing comma",
    )
    raw(
        "syntax_single_quotes",
        replace_once(text, '"id": "p3"', "'id': 'p3'").encode(),
        "$",
        "syntax",
        "single quotes",
    )
    raw(
        "syntax_comment",
        replace_once(text, '"people": [', '// the people\n  "people": [').encode(),
        "$",
        "syntax",
        "a comment",
    )
    raw(
        "syntax_unescaped_control_character",
        replace_once(text, "Dr Nguyễn", "Dr\u0001Nguyễn").encode(),
        "$",
        "syntax",
        "a raw control character inside a string",
    )
    raw(
        "syntax_unescaped_tab",
        replace_once(text, "Dr Nguyễn", "Dr\tNguyễn").encode(),
        "$",
        "syntax",
        "a raw tab inside a string",
    )
    raw(
        "syntax_nul_byte",
        body + b"\x00",
        "$",
        "syntax",
        "a NUL byte after the document",
    )
    raw("syntax_two_documents", body + body, "$", "syntax", "two documents in one file")
    raw(
        "duplicate_key_top_level",
        replace_once(
            text, '"people": [', '"name": "Autre nom",\n  "people": ['
        ).encode(),
        "$",
        "syntax",
        "the key name appears twice in the document object: one value would be lost",
    )
    raw(
        "duplicate_key_in_person",
        replace_once(text, '"id": "p3"', '"id": "p3", "id": "p4"').encode(),
        "$",
        "syntax",
        "the key id appears twice in one person",
    )

    # -- nesting bombs ---------------------------------------------------------------------------
    raw(
        "deep_arrays",
        b"[" * DEEP + b"]" * DEEP,
        "$",
        "too_deep",
        f"arrays nested {DEEP:,} levels deep",
        fast=True,
    )
    raw(
        "deep_arrays_in_a_field",
        replace_once(
            text,
            '"Registre des partenariats — CHU de Montréal"',
            "[" * DEEP + "]" * DEEP,
        ).encode(),
        "$",
        "too_deep",
        f"the name is arrays nested {DEEP:,} levels deep",
        fast=True,
    )
    raw(
        "deep_objects",
        b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        "$",
        "too_deep",
        f"objects nested {DEEP:,} levels deep",
        fast=True,
    )
    raw(
        "deep_unclosed_arrays",
        b"[" * DEEP,
        "$",
        "too_deep",
        f"{DEEP:,} arrays opened and never closed",
        fast=True,
    )

    # -- empty files and documents of the wrong shape -----------------------------------------
    raw("empty", b"", "$", "empty", "an empty file")
    raw("whitespace_only", b" \n\t \r\n", "$", "empty", "only whitespace")
    raw("bom_only", b"\xef\xbb\xbf", "$", "empty", "only a byte order mark")
    raw(
        "bom_then_whitespace",
        b"\xef\xbb\xbf  \n",
        "$",
        "empty",
        "a byte order mark and whitespace",
    )
    for name, content in (
        ("array", b"[]"),
        ("array_of_register", b"[" + body + b"]"),
        ("string", b'"register"'),
        ("number", b"1.0"),
        ("null", b"null"),
        ("true", b"true"),
    ):
        raw(
            f"top_level_{name}",
            content,
            "$",
            "wrong_type",
            f"the document is a JSON {name.split('_')[0]}, not an object",
        )

    # -- encodings -------------------------------------------------------------------------------
    raw(
        "encoding_latin1",
        text.encode("latin-1", "replace"),
        "$",
        "encoding",
        "Latin-1, not UTF-8",
    )
    raw(
        "encoding_cp1252",
        text.replace("—", "-").encode("cp1252", "replace"),
        "$",
        "encoding",
        "Windows-1252, not UTF-8",
    )
    raw(
        "encoding_utf16_le_bom",
        text.encode("utf-16"),
        "$",
        "encoding",
        "UTF-16 with its byte order mark",
    )
    raw(
        "encoding_utf16_be",
        text.encode("utf-16-be"),
        "$",
        "encoding",
        "UTF-16 big-endian without a byte order mark",
    )
    raw("encoding_utf32", text.encode("utf-32"), "$", "encoding", "UTF-32")
    raw(
        "encoding_overlong",
        body.replace(b"p3", b"p\xc0\xb3"),
        "$",
        "encoding",
        "an overlong UTF-8 sequence",
    )
    raw(
        "encoding_surrogate_bytes",
        body.replace(b"p3", b"p\xed\xa0\x80"),
        "$",
        "encoding",
        "a surrogate encoded as UTF-8 bytes (CESU-8)",
    )
    raw(
        "encoding_truncated_sequence",
        body.replace("Côté".encode(), b"C\xc3t\xc3"),
        "$",
        "encoding",
        "multi-byte sequences cut short",
    )
    raw(
        "bom_twice",
        b"\xef\xbb\xbf\xef\xbb\xbf" + body,
        "$",
        "syntax",
        "two byte order marks",
    )
    raw(
        "bom_inside",
        body.replace(b'"people"', b'\xef\xbb\xbf"people"'),
        "$",
        "syntax",
        "a byte order mark in the middle of the document",
    )
    raw(
        "lone_surrogate_in_a_key",
        replace_once(text, '"id": "p3"', '"id": "p3", "\\ud800": 1').encode(),
        "$.people[2]['\ud800']",
        "unknown_key",
        "an unknown key made of a lone surrogate escape",
    )
    return cases


# ---------------------------------------------------------------------------
# What the command line prints and checks (issue 14)
# ---------------------------------------------------------------------------

FORGED = "\x1b[2K\r\nregister.json: valid register (2 engagements)\x1b[8m"
"""A key that, printed raw, erases the line and forges one of validate's lines."""


def terminal_cases() -> list[Case]:
    """Documents whose refusal quotes text a terminal must not act on."""
    return [
        case(
            "register",
            "key_terminal_escape.json",
            dump(edited(REGISTER, setter(*E0, f"note{FORGED}", value=1))),
            path="$.engagements[0]",
            code="unknown_key",
            description=(
                "an unknown key holding terminal escape sequences and a line break: "
                "printed raw, it would forge a line of validate's output"
            ),
        ),
        case(
            "register",
            "key_bidi_override.json",
            dump(edited(REGISTER, setter("people", 0, "\u202eeman_yalpsid", value=1))),
            path="$.people[0]",
            code="unknown_key",
            description="an unknown key starting with a right-to-left override",
        ),
        case(
            "ecology",
            "node_key_terminal_escape.json",
            dump(edited(NODE_LINK, setter("nodes", 0, f"colour{FORGED}", value=1))),
            path="$.nodes[0]",
            code="unknown_key",
            description="an unknown node attribute holding terminal escape sequences",
        ),
    ]


def command_cases() -> list[Case]:
    """Documents the library loads and the commands refuse (manifest ``commands``).

    ``partnership-model validate`` must refuse them, with exit code ``exit`` and
    a problem at ``path`` with ``code``, because ``report``, ``convert`` and
    ``plot`` do: a register ``validate`` accepts is accepted by every command.
    """

    def shared_id(document: dict[str, Any]) -> None:
        # p1 becomes "assoc", the id of the organisation of engagement e1.
        for person in document["people"]:
            if person["id"] == "p1":
                person["id"] = "assoc"
        for engagement in document["engagements"]:
            for participant in engagement["participants"]:
                if participant["person_id"] == "p1":
                    participant["person_id"] = "assoc"

    return [
        {
            **case(
                "register",
                "person_id_is_an_organisation_id.json",
                dump(edited(REGISTER, shared_id)),
                path="$.engagements[0].organisations[0]",
                code="duplicate_id",
                description=(
                    "a person and an organisation share an id: the register loads, "
                    "but its ecology (report, convert, plot) cannot tell them apart"
                ),
            ),
            "loader": "command",
            "exit": 1,
        },
    ]


# ---------------------------------------------------------------------------
# Ecology documents (node-link JSON)
# ---------------------------------------------------------------------------

N0 = ("nodes", 0)
L1 = ("edges", 1)


def ecology_cases() -> list[Case]:
    cases: list[Case] = []

    def edit(
        name: str,
        change: Callable[[dict[str, Any]], object],
        path: str,
        code: str,
        description: str,
        *,
        error: str = "ValidationError",
    ) -> None:
        cases.append(
            case(
                "ecology",
                f"{name}.json",
                dump(edited(NODE_LINK, change)),
                path=path,
                code=code,
                description=description,
                error=error,
            )
        )

    def raw(
        name: str,
        content: bytes,
        path: str,
        code: str,
        description: str,
        *,
        fast: bool = False,
    ) -> None:
        cases.append(
            case(
                "ecology",
                f"{name}.json",
                content,
                path=path,
                code=code,
                description=description,
                fast=fast,
            )
        )

    def undeclared_and_unknown(document: dict[str, Any]) -> None:
        for edge in document["edges"]:
            for key in ("relation_type", "crosses_sphere", "crosses_authority"):
                edge.pop(key, None)
        document["edges"][1]["target"] = "m2"

    edits: list[tuple[str, Callable[[Any], None], str, str, str]] = [
        (
            "missing_schema_version",
            deleter("schema_version"),
            "$.schema_version",
            "missing",
            "no schema_version",
        ),
        ("missing_nodes", deleter("nodes"), "$.nodes", "missing", "no nodes at all"),
        (
            "nodes_object",
            setter("nodes", value={"p1": {}}),
            "$.nodes",
            "wrong_type",
            "nodes is an object, not a list",
        ),
        (
            "node_string",
            setter(*N0, value="p1"),
            "$.nodes[0]",
            "wrong_type",
            "a node is a string",
        ),
        (
            "node_id_missing",
            deleter(*N0, "id"),
            "$.nodes[0].id",
            "missing",
            "a node without id",
        ),
        (
            "node_id_number",
            setter(*N0, "id", value=1),
            "$.nodes[0]",
            "wrong_type",
            "a numeric node id",
        ),
        (
            "node_id_control_character",
            setter(*N0, "id", value="p\u00011"),
            "$.nodes[0].id",
            "invalid",
            "a control character in an actor id",
        ),
        (
            "node_id_lone_surrogate",
            setter("nodes", 1, "id", value="c\udfff"),
            "$.nodes[1].id",
            "invalid",
            "a lone surrogate in an actor id",
        ),
        (
            "sphere_missing",
            deleter(*N0, "sphere"),
            "$.nodes[0].sphere",
            "missing",
            "an actor without sphere",
        ),
        (
            "authority_missing",
            deleter("nodes", 2, "authority"),
            "$.nodes[2].authority",
            "missing_authority",
            "a person without authority",
        ),
        (
            "sphere_french",
            setter(*N0, "sphere", value="communauté"),
            "$.nodes[0].sphere",
            "unknown_term",
            "the French word for community",
        ),
        (
            "authority_french",
            setter("nodes", 2, "authority", value="Autorité publique"),
            "$.nodes[2].authority",
            "unknown_term",
            "the French label of public authority",
        ),
        (
            "authority_is_a_level",
            setter("nodes", 2, "authority", value="macro"),
            "$.nodes[2].authority",
            "unknown_term",
            "a Montreal level where an authority is expected",
        ),
        (
            "level_and_authority",
            setter("nodes", 2, "level", value="macro"),
            "$.nodes[2].level",
            "ambiguous",
            "format 1.0's level next to format 1.1's authority",
        ),
        (
            "role_label",
            setter(*N0, "role", value="patient partner"),
            "$.nodes[0].role",
            "unknown_term",
            "the English label of a role",
        ),
        (
            "kind_french",
            setter("nodes", 3, "kind", value="organisme"),
            "$.nodes[3].kind",
            "unknown_term",
            "a French word for organisation",
        ),
        (
            "sphere_is_a_level",
            setter(*N0, "sphere", value="micro"),
            "$.nodes[0].sphere",
            "unknown_term",
            "a value of another vocabulary",
        ),
        (
            "role_is_a_degree",
            setter("nodes", 1, "role", value="partnership"),
            "$.nodes[1].role",
            "unknown_term",
            "a value of another vocabulary",
        ),
        (
            "sphere_null",
            setter(*N0, "sphere", value=None),
            "$.nodes[0].sphere",
            "wrong_type",
            "null sphere",
        ),
        (
            "label_number",
            setter(*N0, "label", value=7),
            "$.nodes[0].label",
            "wrong_type",
            "a numeric label",
        ),
        (
            "label_empty",
            setter(*N0, "label", value=""),
            "$.nodes[0].label",
            "invalid",
            "an empty label",
        ),
        (
            "label_lone_surrogate",
            setter(*N0, "label", value="\ud83c"),
            "$.nodes[0].label",
            "invalid",
            "half an emoji",
        ),
        (
            "person_id_blank",
            setter("nodes", 1, "person_id", value=" "),
            "$.nodes[1].person_id",
            "invalid",
            "a blank person id",
        ),
        (
            "node_unknown_attribute",
            setter(*N0, "colour", value="green"),
            "$.nodes[0].colour",
            "unknown_key",
            "an attribute the model does not have",
        ),
        (
            "duplicate_actor",
            appender(
                "nodes", value=lambda d: {**d["nodes"][1], "label": "Clinicienne"}
            ),
            "$.nodes[4]",
            "duplicate_id",
            "two actors share the id c1",
        ),
        (
            "edge_unknown_target",
            setter("edges", 0, "target", value="zz"),
            "$.edges[0].target",
            "unknown_actor",
            "a relation to an actor that does not exist",
        ),
        (
            "edge_unknown_source",
            setter("edges", 2, "source", value="P1"),
            "$.edges[2].source",
            "unknown_actor",
            "ids are case-sensitive",
        ),
        (
            "edge_missing_target",
            deleter("edges", 0, "target"),
            "$.edges[0].target",
            "missing",
            "a relation with one end",
        ),
        (
            "edge_source_number",
            setter("edges", 0, "source", value=1),
            "$.edges[0].source",
            "wrong_type",
            "a numeric end",
        ),
        (
            "edge_self_loop",
            setter("edges", 0, "target", value="p1"),
            "$.edges[0].target",
            "self_loop",
            "an actor related to itself",
        ),
        (
            "relation_type_french",
            setter("edges", 0, "relation_type", value="partenariat"),
            "$.edges[0].relation_type",
            "unknown_term",
            "a French word that is not a relation type",
        ),
        (
            "relation_type_disagrees",
            setter("edges", 0, "relation_type", value="bonding"),
            "$.edges[0].relation_type",
            "relation_type_mismatch",
            "a declared type the two actors contradict",
        ),
        (
            "crosses_sphere_string",
            setter("edges", 0, "crosses_sphere", value="true"),
            "$.edges[0].crosses_sphere",
            "wrong_type",
            "a boolean written as text",
        ),
        (
            "crosses_authority_disagrees",
            setter("edges", 0, "crosses_authority", value=True),
            "$.edges[0].crosses_authority",
            "relation_type_mismatch",
            "a declared fact the two actors contradict",
        ),
        (
            "degree_french",
            setter(*L1, "degree", value="Partenariat"),
            "$.edges[1].degree",
            "unknown_term",
            "the French label of partnership",
        ),
        (
            "start_impossible",
            setter(*L1, "start", value="2023-02-30"),
            "$.edges[1].start",
            "invalid",
            "a day February never has",
        ),
        (
            "start_padded",
            setter(*L1, "start", value=" 2023-01-15 "),
            "$.edges[1].start",
            "invalid",
            (
                "spaces around the date: a register refuses it, so does every "
                "ecology format (issue 13)"
            ),
        ),
        (
            "directed_true",
            setter("directed", value=True),
            "$.directed",
            "invalid",
            "an ecology is undirected",
        ),
        (
            "multigraph_false",
            setter("multigraph", value=False),
            "$.multigraph",
            "invalid",
            "an ecology is a multigraph",
        ),
        (
            "edge_key_null",
            setter("edges", 0, "key", value=None),
            "$.edges[0].key",
            "wrong_type",
            "a null key",
        ),
        (
            "missing_edges",
            deleter("edges"),
            "$.edges",
            "missing",
            "no edges key (one dialect: edges is required)",
        ),
        (
            "links_instead_of_edges",
            renamer("edges", to="links"),
            "$.links",
            "unknown_key",
            "the key networkx wrote before 3.4",
        ),
        (
            "start_number",
            setter(*L1, "start", value=20230115),
            "$.edges[1].start",
            "wrong_type",
            "a date as a number",
        ),
        (
            "end_before_start",
            setter(*L1, "end", value="2022-12-31"),
            "$.edges[1].end",
            "date_order",
            "a relation that ends before it starts",
        ),
        (
            "engagement_id_padded",
            setter(*L1, "engagement_id", value=" comité"),
            "$.edges[1].engagement_id",
            "invalid",
            "a leading space in an id",
        ),
        (
            "edge_key_negative",
            setter("edges", 0, "key", value=-1),
            "$.edges[0].key",
            "wrong_type",
            "a negative key",
        ),
        (
            "edge_key_string",
            setter("edges", 0, "key", value="0"),
            "$.edges[0].key",
            "wrong_type",
            "a key written as text",
        ),
        (
            "edge_unknown_attribute",
            setter("edges", 0, "weight", value=1.5),
            "$.edges[0].weight",
            "unknown_key",
            "an attribute the model does not have",
        ),
        (
            "edge_array",
            setter("edges", 0, value=["p1", "c1"]),
            "$.edges[0]",
            "wrong_type",
            "an edge written as a pair",
        ),
        (
            "edges_object",
            setter("edges", value={}),
            "$.edges",
            "wrong_type",
            "edges is an object",
        ),
        (
            "edges_and_links",
            lambda d: d.update(links=[]),
            "$.links",
            "unknown_key",
            "both edges and links",
        ),
        (
            "unknown_top_level_key",
            setter("metadata", value={"author": "x"}),
            "$.metadata",
            "unknown_key",
            "a key node-link data does not have",
        ),
        (
            "directed_string",
            setter("directed", value="no"),
            "$.directed",
            "wrong_type",
            "directed must be a boolean",
        ),
        (
            "multigraph_number",
            setter("multigraph", value=1),
            "$.multigraph",
            "wrong_type",
            "multigraph must be a boolean",
        ),
        (
            "graph_array",
            setter("graph", value=[]),
            "$.graph",
            "wrong_type",
            "graph must be an object",
        ),
        (
            "graph_attribute",
            setter("graph", value={"name": "Écologie"}),
            "$.graph.name",
            "unknown_key",
            "a graph attribute the model cannot keep",
        ),
        (
            "schema_version_newer",
            setter("schema_version", value="1.9"),
            "$.schema_version",
            "unsupported_version",
            "a newer minor version",
        ),
        (
            "no_declared_types_but_unknown_actor",
            undeclared_and_unknown,
            "$.edges[1].target",
            "unknown_actor",
            "a relation to an actor that does not exist",
        ),
    ]
    for name, change, path, code, why in edits:
        edit(
            name,
            change,
            path,
            code,
            why,
            error="SchemaVersionError"
            if code == "unsupported_version"
            else "ValidationError",
        )

    body = dump(NODE_LINK)
    text = body.decode()
    raw(
        "truncated",
        body[: len(body) * 2 // 3],
        "$",
        "syntax",
        "the file stops two thirds in",
    )
    raw("empty", b"", "$", "empty", "an empty file")
    raw(
        "top_level_array",
        b"[" + body + b"]",
        "$",
        "wrong_type",
        "the graph wrapped in an array",
    )
    raw(
        "nan_label",
        replace_once(text, '"Ministère"', "NaN").encode(),
        "$",
        "syntax",
        "NaN is not JSON",
    )
    raw(
        "deep_arrays",
        b"[" * DEEP + b"]" * DEEP,
        "$",
        "too_deep",
        f"arrays nested {DEEP:,} deep",
        fast=True,
    )
    raw(
        "duplicate_key_in_node",
        replace_once(
            text, '"label": "Ministère"', '"label": "Ministère", "label": "Ministry"'
        ).encode(),
        "$",
        "syntax",
        "a node with the key label twice",
    )
    raw(
        "encoding_latin1",
        text.encode("latin-1", "replace"),
        "$",
        "encoding",
        "Latin-1, not UTF-8",
    )
    raw(
        "huge_key",
        replace_once(
            text,
            '"key": 0,\n      "relation_type": "bridging"',
            '"key": 1e999,\n      "relation_type": "bridging"',
        ).encode(),
        "$.edges[0].key",
        "wrong_type",
        "1e999 overflows to infinity",
    )
    return cases


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


def csv_cases() -> list[Case]:
    cases: list[Case] = []

    def actors(
        name: str, content: str | bytes, line: int, code: str, description: str
    ) -> None:
        file = f"{name}.actors.csv"
        data = content if isinstance(content, bytes) else content.encode()
        cases.append(
            case(
                "csv",
                file,
                data,
                path=f"{file}:{line}",
                code=code,
                description=description,
                actors=f"csv/{file}",
                relations="csv/valid.relations.csv",
            )
        )

    def relations(
        name: str, content: str | bytes, line: int, code: str, description: str
    ) -> None:
        file = f"{name}.relations.csv"
        data = content if isinstance(content, bytes) else content.encode()
        cases.append(
            case(
                "csv",
                file,
                data,
                path=f"{file}:{line}",
                code=code,
                description=description,
                actors="csv/valid.actors.csv",
                relations=f"csv/{file}",
            )
        )

    a, r = ACTORS_CSV, RELATIONS_CSV
    actors("empty", "", 1, "missing", "an empty actors file")
    actors(
        "whitespace_only", " \r\n\t\r\n", 1, "missing", "an actors file of blank lines"
    )
    actors(
        "missing_sphere_column",
        a.replace(",sphere,", ",sfere,", 1),
        1,
        "missing_column",
        "the sphere column is misspelled",
    )
    actors(
        "missing_authority_column",
        a.replace(",authority,", ",autority,", 1),
        1,
        "unknown_key",
        "the authority column is misspelled: unknown, and people lack authority",
    )
    actors(
        "missing_id_column",
        a.replace("id,sphere", "identifiant,sphere", 1),
        1,
        "missing_column",
        "the id column is named in French",
    )
    actors(
        "wrong_delimiter",
        a.replace(",", "|"),
        1,
        "missing_column",
        "cells separated by | : one column named 'id|sphere|...'",
    )
    actors(
        "unterminated_quote",
        a.replace(",Émilie 🌱,", ',"Émilie 🌱,'),
        2,
        "csv_syntax",
        "a quote opened on line 2 and never closed",
    )
    actors(
        "stray_quote_after_field",
        a.replace("Ministère", '"Minis"tère"'),
        4,
        "csv_syntax",
        "a quote in the middle of a quoted cell",
    )
    actors(
        "unknown_sphere",
        a.replace("p1,community", "p1,kommunity"),
        2,
        "unknown_term",
        "a misspelled sphere",
    )
    actors(
        "unknown_authority_french",
        a.replace("m1,professional,public_authority", "m1,professional,Autorité-max"),
        4,
        "unknown_term",
        "an authority no label or alias matches",
    )
    actors(
        "unknown_role",
        a.replace("patient_partner", "patient-partenair"),
        2,
        "unknown_term",
        "a misspelled French role",
    )
    actors(
        "kind_is_a_sphere",
        a.replace(
            "c1,professional,member,person", "c1,professional,member,professional"
        ),
        3,
        "unknown_term",
        "a sphere where the kind belongs",
    )
    actors(
        "duplicate_actor",
        a + "p1,professional,managerial,person,manager,Autre,\r\n",
        5,
        "duplicate_id",
        "two actors share the id p1",
    )
    actors(
        "extra_cells",
        a.replace(
            "m1,professional,public_authority,person,decision_maker,Ministère,",
            "m1,professional,public_authority,person,decision_maker,Ministère,,x,y",
        ),
        4,
        "extra_cells",
        "a row with more cells than columns",
    )
    actors(
        "missing_id_cell",
        a.replace("c1,professional", ",professional"),
        3,
        "missing",
        "an actor without id",
    )
    actors(
        "id_control_character",
        a.replace("m1,", "m\x011,", 1),
        4,
        "invalid",
        "a control character in an id",
    )
    actors(
        "missing_sphere_cell",
        a.replace("c1,professional", "c1,"),
        3,
        "missing",
        "an actor without sphere",
    )
    actors(
        "latin1", a.encode("latin-1", "replace"), 2, "encoding", "Latin-1, not UTF-8"
    )
    actors("utf16", a.encode("utf-16"), 1, "encoding", "UTF-16")
    actors(
        "duplicate_column",
        a.replace("label,person_id", "label,label", 1),
        1,
        "duplicate_column",
        "two columns named label",
    )
    actors(
        "unknown_column",
        a.replace("person_id", "colour", 1),
        1,
        "unknown_key",
        "a column the model does not have",
    )
    actors(
        "field_over_the_limit",
        a.replace("Ministère", "M" * 200_000),
        4,
        "csv_syntax",
        "a cell of 200,000 characters",
    )
    relations("empty", "", 1, "missing", "an empty relations file")
    relations(
        "missing_target_column",
        r.replace("source,target", "source,cible", 1),
        1,
        "missing_column",
        "the target column is named in French",
    )
    relations(
        "wrong_delimiter_in_rows",
        r.replace("p1,c1,bridging,,,,,default", "p1;c1;bridging;;;;;default"),
        2,
        "missing",
        "rows separated by ; under a , header",
    )
    relations(
        "bad_date",
        r.replace("2023-01-15", "2023-02-30"),
        3,
        "invalid",
        "a day February never has",
    )
    relations(
        "french_date",
        r.replace("2023-01-15", "15/01/2023"),
        3,
        "invalid",
        "day/month/year",
    )
    relations(
        "padded_date",
        r.replace("2023-01-15", " 2023-01-15 "),
        3,
        "invalid",
        "spaces around the date (issue 13)",
    )
    relations(
        "unknown_actor",
        r.replace("p1,c1", "p1,c9"),
        2,
        "unknown_actor",
        "a relation to an actor that does not exist",
    )
    relations(
        "relation_type_disagrees",
        r.replace("p1,c1,bridging", "p1,c1,linking"),
        2,
        "relation_type_mismatch",
        "a declared type the two actors contradict",
    )
    relations(
        "relation_type_french",
        r.replace("p1,c1,bridging", "p1,c1,partenariat"),
        2,
        "unknown_term",
        "a French word that is not a relation type",
    )
    relations(
        "degree_misspelled",
        r.replace("partnership", "partenaria"),
        3,
        "unknown_term",
        "a misspelled degree",
    )
    relations(
        "self_loop",
        r.replace("p1,c1", "p1,p1"),
        2,
        "self_loop",
        "an actor related to itself",
    )
    relations(
        "end_before_start",
        r.replace("2024-06-30", "2022-06-30"),
        3,
        "date_order",
        "a relation that ends before it starts",
    )
    relations(
        "stray_quote",
        r.replace("comité-régional", '"comité"-régional"'),
        3,
        "csv_syntax",
        "text after a closing quote",
    )
    return cases


# ---------------------------------------------------------------------------
# GraphML and GEXF
# ---------------------------------------------------------------------------

LAUGHS = "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(2, 10))
BILLION_LAUGHS_DTD = f'<!DOCTYPE lolz [\n <!ENTITY lol1 "lol">\n{LAUGHS}]>\n'
QUADRATIC_DTD = f'<!DOCTYPE g [<!ENTITY big "{"x" * 20_000}">]>\n'


def xml_cases(fmt: str, base: str) -> list[Case]:
    """Cases shared by GraphML and GEXF (hostile and broken XML)."""
    cases: list[Case] = []
    ext = "graphml" if fmt == "graphml" else "gexf"
    head, rest = base.split("\n", 1)
    root_line = rest.split("\n", 1)[0]
    first_node = '<node id="p1"'
    label = "Émilie 🌱"

    def add(
        name: str,
        content: bytes,
        line: int | None,
        code: str,
        description: str,
        *,
        fast: bool = False,
    ) -> None:
        file = f"{name}.{ext}"
        cases.append(
            case(
                fmt,
                file,
                content,
                path=file if line is None else f"{file}:{line}",
                code=code,
                description=description,
                fast=fast,
            )
        )

    def doctype(dtd: str, body: str = base) -> bytes:
        return (head + "\n" + dtd + body.split("\n", 1)[1]).encode()

    add(
        "billion_laughs",
        doctype(BILLION_LAUGHS_DTD, replace_once(base, label, "&lol9;")),
        2,
        "forbidden_xml",
        "entity expansion to a billion 'lol's",
        fast=True,
    )
    add(
        "quadratic_blowup",
        doctype(QUADRATIC_DTD, replace_once(base, label, "&big;" * 2_000)),
        2,
        "forbidden_xml",
        "a 20 kB entity referenced 2,000 times",
        fast=True,
    )
    add(
        "external_entity",
        doctype(
            '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
            replace_once(base, label, "&xxe;"),
        ),
        2,
        "forbidden_xml",
        "an external entity reading /etc/passwd",
        fast=True,
    )
    add(
        "external_dtd",
        doctype('<!DOCTYPE x SYSTEM "http://example.invalid/evil.dtd">\n'),
        2,
        "forbidden_xml",
        "an external DTD",
    )
    add(
        "parameter_entity",
        doctype(
            '<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>\n'
        ),
        2,
        "forbidden_xml",
        "a parameter entity fetching a remote DTD",
    )
    add(
        "empty_doctype",
        doctype("<!DOCTYPE x>\n"),
        2,
        "forbidden_xml",
        "a DOCTYPE, which neither format needs",
    )
    add(
        "unclosed_tag",
        replace_once(base, "</nodes>" if fmt == "gexf" else "</graph>", "").encode(),
        None,
        "xml_syntax",
        "a closing tag is missing",
    )
    add(
        "truncated",
        base.encode()[: len(base) // 2],
        None,
        "xml_syntax",
        "the file stops half way",
    )
    add("empty", b"", 1, "xml_syntax", "an empty file")
    add("whitespace_only", b"\n  \n", 3, "xml_syntax", "only whitespace")
    add(
        "latin1_declared_utf8",
        base.encode("latin-1", "replace"),
        None,
        "xml_syntax",
        "Latin-1 bytes in a file declared UTF-8",
    )
    add(
        "control_character_reference",
        replace_once(base, label, "Émilie &#1;").encode(),
        None,
        "xml_syntax",
        "&#1; is not an XML character",
    )
    add(
        "unknown_encoding",
        base.replace("encoding='utf-8'", "encoding='utf-9'").encode(),
        1,
        "encoding",
        "an encoding that does not exist",
    )
    add(
        "multibyte_encoding",
        base.replace("encoding='utf-8'", "encoding='shift_jis'").encode(),
        1,
        "encoding",
        "a multi-byte encoding expat cannot use",
    )
    add(
        "two_roots",
        (base + root_line + "\n").encode(),
        None,
        "xml_syntax",
        "a second root element",
    )
    add(
        "unescaped_ampersand",
        replace_once(base, label, "Émilie & co").encode(),
        None,
        "xml_syntax",
        "a bare & in text",
    )
    # Deep nesting inside the root but outside the graph: XML parsing is iterative.
    deep = "<x>" * XML_DEEP + "</x>" * XML_DEEP
    if fmt == "graphml":
        add(
            "deep_nesting",
            replace_once(base, label, deep).encode(),
            line_of(base.encode(), label.encode()),
            "xml_structure",
            f"elements nested {XML_DEEP:,} deep inside a value",
            fast=True,
        )
    else:
        nested = "".join(f'<node id="n{i}" label="n"><nodes>' for i in range(GEXF_DEEP))
        nested += "</nodes></node>" * GEXF_DEEP
        add(
            "deep_nesting",
            replace_once(base, "<nodes>", "<nodes>" + nested).encode(),
            None,
            "gexf",
            f"nodes nested {GEXF_DEEP:,} deep (networkx's reader recurses)",
            fast=True,
        )
    node_line = line_of(base.encode(), first_node.encode())
    add(
        "duplicate_node_id",
        replace_once(base, '<node id="m1"', '<node id="c1"').encode(),
        line_of(base.encode(), b'<node id="m1"'),
        "duplicate_id",
        "two nodes share the id c1 (networkx would merge them)",
    )
    add(
        "node_without_id",
        replace_once(base, first_node, "<node").encode(),
        node_line,
        "missing",
        "a node without id (networkx would call it 'None')",
    )
    add(
        "edge_without_target",
        replace_once(base, 'source="p1" target="c1"', 'source="p1"').encode(),
        line_of(base.encode(), b'source="p1" target="c1"'),
        "missing",
        "an edge with one end",
    )
    return cases


def graphml_cases() -> list[Case]:
    cases = xml_cases("graphml", GRAPHML)
    base = GRAPHML

    def add(name: str, text: str, path: str, code: str, description: str) -> None:
        file = f"{name}.graphml"
        if path.startswith("@"):  # the line of a marker in the document
            path = f"{file}:{line_of(text.encode(), path[1:].encode())}"
        cases.append(
            case(
                "graphml",
                file,
                text.encode(),
                path=path.replace("FILE", file),
                code=code,
                description=description,
            )
        )

    add(
        "missing_sphere",
        replace_once(
            base,
            '<data key="d0">professional</data>\n      <data key="d1">member</data>',
            '<data key="d1">member</data>',
        ),
        "nodes['c1'].sphere",
        "missing",
        "an actor without sphere",
    )
    add(
        "sphere_french",
        replace_once(
            base, '<data key="d0">community</data>', '<data key="d0">communauté</data>'
        ),
        "nodes['p1'].sphere",
        "unknown_term",
        "the French word for community",
    )
    add(
        "authority_french",
        replace_once(
            base,
            '<data key="d1">public_authority</data>',
            '<data key="d1">Autorité publique</data>',
        ),
        "nodes['m1'].authority",
        "unknown_term",
        "the French label of public authority",
    )
    add(
        "role_label",
        replace_once(base, "patient_partner", "patient partner"),
        "nodes['p1'].role",
        "unknown_term",
        "the English label of a role",
    )
    add(
        "relation_type_disagrees",
        replace_once(
            base, '<data key="d4">bridging</data>', '<data key="d4">bonding</data>'
        ),
        "edges['p1', 'c1', 0].relation_type",
        "relation_type_mismatch",
        "a declared type the two actors contradict",
    )
    add(
        "crosses_sphere_disagrees",
        replace_once(base, '<data key="d5">true</data>', '<data key="d5">false</data>'),
        "edges['p1', 'c1', 0].crosses_sphere",
        "relation_type_mismatch",
        "a declared fact the two actors contradict",
    )
    add(
        "crosses_sphere_not_boolean",
        replace_once(base, '<data key="d5">true</data>', '<data key="d5">maybe</data>'),
        "FILE",
        "graphml",
        "a boolean attribute holding 'maybe'",
    )
    add(
        "edge_to_unknown_node",
        replace_once(base, 'source="c1" target="m1"', 'source="c1" target="zz"'),
        "nodes['zz'].sphere",
        "missing",
        "an edge to an undeclared node (networkx invents a bare node)",
    )
    add(
        "start_impossible",
        replace_once(base, "2023-01-15", "2023-02-30"),
        "edges['c1', 'm1', 0].start",
        "invalid",
        "a day February never has",
    )
    add(
        "start_padded",
        replace_once(base, "2023-01-15", " 2023-01-15 "),
        "edges['c1', 'm1', 0].start",
        "invalid",
        "spaces around the date (issue 13)",
    )
    add(
        "unknown_attribute",
        replace_once(
            base,
            '<key id="d7"',
            '<key id="d8" for="node" attr.name="colour" attr.type="string"/>\n  <key id="d7"',
        ).replace(
            '<data key="d1">public_authority</data>',
            '<data key="d1">public_authority</data>\n      <data key="d8">green</data>',
        ),
        "nodes['m1'].colour",
        "unknown_key",
        "an attribute the model does not have",
    )
    add(
        "label_typed_double",
        replace_once(
            base,
            'attr.name="label" attr.type="string"',
            'attr.name="label" attr.type="double"',
        ).replace("Émilie 🌱", "1e999"),
        "nodes['p1'].label",
        "wrong_type",
        "a label declared as a number (1e999 becomes infinity)",
    )
    add(
        "label_typed_int",
        replace_once(
            base,
            'attr.name="label" attr.type="string"',
            'attr.name="label" attr.type="int"',
        ),
        "FILE",
        "graphml",
        "a label declared as an integer",
    )
    add(
        "long_of_10000_digits",
        replace_once(
            base,
            'attr.name="label" attr.type="string"',
            'attr.name="label" attr.type="long"',
        ).replace("Émilie 🌱", "7" * 10_000),
        "FILE",
        "graphml",
        "a 10,000-digit integer",
    )
    add(
        "unknown_attribute_type",
        replace_once(
            base,
            'attr.name="label" attr.type="string"',
            'attr.name="label" attr.type="blob"',
        ),
        "FILE",
        "graphml",
        "an attribute type GraphML does not have",
    )
    add(
        "undeclared_key",
        replace_once(base, '<data key="d3">', '<data key="d9">'),
        "FILE",
        "graphml",
        "data for a key that is not declared",
    )
    add(
        "hyperedge",
        replace_once(
            base,
            "  </graph>",
            '    <hyperedge><endpoint node="p1"/><endpoint node="c1"/><endpoint node="m1"/></hyperedge>\n  </graph>',
        ),
        "FILE",
        "graphml",
        "a hyperedge",
    )
    add(
        "port",
        replace_once(
            base,
            '<data key="d2">clinician</data>',
            '<data key="d2">clinician</data>\n      <port name="north"/>',
        ),
        "FILE",
        "graphml",
        "a port, which networkx would drop",
    )
    add(
        "second_graph",
        replace_once(
            base,
            "</graphml>",
            '<graph edgedefault="undirected"><node id="zz"/></graph>\n</graphml>',
        ),
        '@<node id="zz"/>',
        "multiple_graphs",
        "a second graph (networkx reads the first only)",
    )
    add(
        "nested_graph",
        replace_once(
            base,
            '<data key="d1">public_authority</data>',
            '<data key="d1">public_authority</data>\n      <graph id="m1:" edgedefault="undirected"><node id="m1::team"/></graph>',
        ),
        "@m1::team",
        "nested_graph",
        "a nested graph networkx would skip",
    )
    add(
        "markup_in_value",
        replace_once(base, "Émilie 🌱", "<b>Émilie</b> 🌱"),
        "@<b>",
        "xml_structure",
        "markup inside a value (networkx would drop it)",
    )
    add(
        "parallel_edges_sharing_an_id",
        replace_once(
            base,
            "  </graph>",
            '    <edge source="c1" target="m1" id="0"><data key="d6">autre</data></edge>\n  </graph>',
        ),
        "FILE",
        "duplicate_id",
        "two edges between c1 and m1 with the id 0 (networkx would merge them)",
    )
    add(
        "directed_edge_in_undirected_graph",
        replace_once(
            base,
            '<edge source="p1" target="c1" id="0">',
            '<edge source="p1" target="c1" id="0" directed="true">',
        ),
        "FILE",
        "graphml",
        "a directed edge in an undirected graph",
    )
    add(
        "not_graphml",
        "<?xml version='1.0'?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n",
        "FILE",
        "graphml",
        "an SVG file",
    )
    return cases


def gexf_cases() -> list[Case]:
    cases = xml_cases("gexf", GEXF)
    base = GEXF

    def add(name: str, text: str, path: str, code: str, description: str) -> None:
        file = f"{name}.gexf"
        cases.append(
            case(
                "gexf",
                file,
                text.encode(),
                path=path.replace("FILE", file),
                code=code,
                description=description,
            )
        )

    add(
        "version_1_3",
        base.replace("http://www.gexf.net/1.2draft", "http://gexf.net/1.3"),
        "FILE",
        "gexf_version",
        "GEXF 1.3, which networkx does not read",
    )
    add(
        "not_gexf",
        "<?xml version='1.0'?>\n<gexf><graph/></gexf>\n",
        "FILE",
        "gexf_version",
        "a gexf root without namespace",
    )
    add(
        "missing_sphere",
        replace_once(
            base,
            '<attvalue for="0" value="professional"/>\n          <attvalue for="1" value="member"/>',
            '<attvalue for="1" value="member"/>',
        ),
        "nodes['c1'].sphere",
        "missing",
        "an actor without sphere",
    )
    add(
        "sphere_french",
        replace_once(base, 'value="community"', 'value="communauté"'),
        "nodes['p1'].sphere",
        "unknown_term",
        "the French word for community",
    )
    add(
        "authority_french",
        replace_once(base, 'value="public_authority"', 'value="Autorité publique"'),
        "nodes['m1'].authority",
        "unknown_term",
        "the French label of public authority",
    )
    add(
        "role_label",
        replace_once(base, 'value="patient_partner"', 'value="patient partner"'),
        "nodes['p1'].role",
        "unknown_term",
        "the English label of a role",
    )
    add(
        "relation_type_disagrees",
        replace_once(base, 'value="bridging"', 'value="linking"'),
        "edges['p1', 'c1'].relation_type",
        "relation_type_mismatch",
        "a declared type the two actors contradict",
    )
    add(
        "undeclared_attribute",
        replace_once(
            base,
            '<attvalue for="2" value="clinician"/>',
            '<attvalue for="9" value="clinician"/>',
        ),
        "FILE",
        "gexf",
        "a value for an attribute that is not declared",
    )
    add(
        "attributes_of_the_graph",
        replace_once(
            base,
            '    <attributes class="edge"',
            '    <attributes class="graph" mode="static">\n      <attribute id="9" title="name" type="string"/>\n    </attributes>\n    <attributes class="edge"',
        ),
        "FILE",
        "gexf",
        "graph attributes (networkx re-raised nothing: RuntimeError)",
    )
    add(
        "parallel_edges_sharing_an_id",
        replace_once(
            base,
            "    </edges>",
            '      <edge source="m1" target="c1" id="1"><attvalues><attvalue for="5" value="autre"/></attvalues></edge>\n    </edges>',
        ),
        "FILE",
        "duplicate_id",
        "two edges between c1 and m1 with the id 1 (networkx would merge them)",
    )
    add(
        "edge_to_unknown_node",
        replace_once(base, 'source="c1" target="m1"', 'source="c1" target="zz"'),
        "nodes['zz'].sphere",
        "missing",
        "an edge to an undeclared node (networkx invents a bare node)",
    )
    add(
        "directed_edge",
        replace_once(
            base,
            '<edge source="p1" target="c1" id="0">',
            '<edge source="p1" target="c1" id="0" type="directed">',
        ),
        "FILE",
        "gexf",
        "a directed edge in an undirected graph",
    )
    add(
        "weight_not_a_number",
        replace_once(
            base,
            '<edge source="p1" target="c1" id="0">',
            '<edge source="p1" target="c1" id="0" weight="heavy">',
        ),
        "FILE",
        "gexf",
        "a weight that is not a number",
    )
    add(
        "weight",
        replace_once(
            base,
            '<edge source="p1" target="c1" id="0">',
            '<edge source="p1" target="c1" id="0" weight="2">',
        ),
        "edges['p1', 'c1'].weight",
        "unknown_key",
        "a weight, which the model does not have",
    )
    add(
        "viz",
        replace_once(
            base,
            '<node id="c1" label="c1">',
            '<node id="c1" label="c1">\n        <viz:color xmlns:viz="http://www.gexf.net/1.2draft/viz" r="1" g="2" b="3"/>',
        ),
        "nodes['c1'].viz",
        "unknown_key",
        "Gephi's viz data",
    )
    add(
        "start_impossible",
        replace_once(base, 'start="2023-01-15"', 'start="2023-02-30"'),
        "edges['c1', 'm1'].start",
        "invalid",
        "a day February never has",
    )
    add(
        "start_padded",
        replace_once(base, 'start="2023-01-15"', 'start=" 2023-01-15 "'),
        "edges['c1', 'm1'].start",
        "invalid",
        "spaces around the date (issue 13)",
    )
    add(
        "boolean_not_boolean",
        replace_once(
            base,
            '<attvalue for="3" value="false"/>',
            '<attvalue for="3" value="maybe"/>',
        ),
        "FILE",
        "gexf",
        "a boolean attribute holding 'maybe'",
    )
    add(
        "labelled_without_label",
        replace_once(base, '<node id="p1" label="Émilie 🌱">', '<node id="p1">'),
        "nodes['p1'].label",
        "wrong_type",
        "labelled is true but the node has no label",
    )
    add(
        "dynamic_attributes",
        replace_once(
            base,
            '<attributes class="node" mode="static">',
            '<attributes class="node" mode="dynamic">',
        ),
        "nodes['p1'].sphere",
        "wrong_type",
        "dynamic node attributes (networkx reads lists of spells)",
    )
    add(
        "unknown_timeformat",
        replace_once(base, 'timeformat="date"', 'timeformat="lunar"'),
        "FILE",
        "gexf",
        "a time format GEXF does not have",
    )
    add(
        "hierarchy",
        replace_once(
            base,
            '      <node id="m1" label="Ministère">',
            '      <node id="m1" label="Ministère">\n        <nodes><node id="m1.1" label="Cabinet"/></nodes>',
        ),
        "nodes['m1.1'].pid",
        "unknown_key",
        "a node nested in another",
    )
    return cases


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def valid_documents() -> dict[str, bytes]:
    """The valid documents every case is derived from (they must load)."""
    return {
        "register/valid.json": dump(REGISTER),
        "ecology/valid.json": dump(NODE_LINK),
        "csv/valid.actors.csv": ACTORS_CSV.encode(),
        "csv/valid.relations.csv": RELATIONS_CSV.encode(),
        "graphml/valid.graphml": GRAPHML.encode(),
        "gexf/valid.gexf": GEXF.encode(),
    }


def cases() -> list[Case]:
    """Every case, in a stable order."""
    return [
        *register_cases(),
        *ecology_cases(),
        *csv_cases(),
        *graphml_cases(),
        *gexf_cases(),
        *terminal_cases(),
    ]


def build() -> dict[str, bytes]:
    """Every file of the corpus, by path relative to this directory."""
    files = valid_documents()
    manifest = []
    for entry in cases():
        name = entry["file"]
        if name in files:
            msg = f"two cases write {name}"
            raise ValueError(msg)
        files[name] = entry["content"]
        manifest.append({k: v for k, v in entry.items() if k != "content"})
    valid = [
        {"file": "register/valid.json", "loader": "register"},
        {"file": "ecology/valid.json", "loader": "ecology"},
        {
            "file": "csv/valid.actors.csv",
            "loader": "csv",
            "actors": "csv/valid.actors.csv",
            "relations": "csv/valid.relations.csv",
        },
        {"file": "graphml/valid.graphml", "loader": "graphml"},
        {"file": "gexf/valid.gexf", "loader": "gexf"},
    ]
    commands = []
    for entry in command_cases():
        name = entry["file"]
        if name in files:
            msg = f"two cases write {name}"
            raise ValueError(msg)
        files[name] = entry["content"]
        commands.append({k: v for k, v in entry.items() if k != "content"})
    document = {"valid": valid, "malformed": manifest, "commands": commands}
    files["manifest.json"] = (
        json.dumps(document, ensure_ascii=True, indent=1) + "\n"
    ).encode()
    return files


def main() -> None:
    """Rewrite the corpus next to this script."""
    files = build()
    for fmt in FORMATS:
        folder = HERE / fmt
        folder.mkdir(exist_ok=True)
        for stale in folder.iterdir():
            if f"{fmt}/{stale.name}" not in files:
                stale.unlink()
    for name, content in files.items():
        (HERE / name).write_bytes(content)
    sys.stdout.write(f"{len(files) - 1} documents and manifest.json in {HERE}\n")


if __name__ == "__main__":
    main()
