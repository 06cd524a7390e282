"""Private: how :mod:`partnership_model.schema` turns the records' field rules into JSON Schema.

:class:`Builder` reads each field's rule (its class and parameters, see
:mod:`partnership_model._validators`) and writes the schema of the field,
collecting the shared types in ``$defs``; descriptions come from the
classes' docstrings. English annotations are written as keywords and French
ones as ``x-*`` keys, which :func:`partnership_model._schema_portable.localised`
then turns into one standard schema per language.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import re
from typing import Any

import attrs

from partnership_model import _converter, _schema_portable as p, _validators as v
from partnership_model._enums import Vocabulary
from partnership_model.records import SCHEMA_VERSION

# Docstrings -> descriptions
# ---------------------------------------------------------------------------


def summary(cls: type[Any]) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    paragraph = doc.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def clean(text: str) -> str:
    text = re.sub(r":(?:class|func|attr|data|meth|mod):`~?([^`]+)`", r"\1", text)
    text = re.sub(r"``([^`]+)``", r"\1", text)
    return " ".join(text.split())


@_converter.per_class
def attribute_descriptions(cls: type[Any]) -> dict[str, str]:
    """Parse the ``Attributes:`` section of a Google-style class docstring."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    lines = doc.splitlines()
    descriptions: dict[str, str] = {}
    inside = False
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if stripped == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if stripped and not line.startswith(" "):
            break
        match = re.match(r"^    (\w+): ?(.*)$", line)
        if match:
            current = match[1]
            descriptions[current] = match[2]
        elif current is not None and stripped:
            descriptions[current] += " " + stripped
    return {name: clean(text) for name, text in descriptions.items()}


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


class Builder:
    """Collects ``$defs`` while translating field kinds into schema fragments.

    Args:
        nullable: Whether optional fields also accept ``null`` (true for records;
            false in node-link documents, whose formats cannot carry nulls).
    """

    def __init__(self, *, nullable: bool = True) -> None:
        self.defs: dict[str, Any] = {}
        self.nullable = nullable

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def identifier(self) -> dict[str, Any]:
        if "Identifier" not in self.defs:
            self.defs["Identifier"] = {
                "title": "Identifier",
                "description": (
                    "A stable identifier: 1 to 200 characters, no whitespace at either "
                    "end, no control, invisible or format character (such as a "
                    "zero-width space, a byte order mark or a bidirectional override). "
                    "Identifiers are compared in Unicode normalisation form C."
                ),
                "x-description-fr": (
                    "Un identifiant stable\u00a0: de 1 à 200 caractères, sans espace au "
                    "début ou à la fin, sans caractère de contrôle, invisible ou de "
                    "mise en forme (espace sans chasse, indicateur d'ordre des octets, "
                    "forçage bidirectionnel...). Les identifiants sont comparés sous "
                    "la forme normalisée C d'Unicode."
                ),
                "type": "string",
                "minLength": 1,
                "maxLength": v.MAX_ID_LENGTH,
                # Starts with a character that is not whitespace...
                "pattern": f"^[^{p.WHITESPACE_CLASS}]",
                # ...holds no control or format character and does not end with
                # whitespace.
                "not": {
                    "anyOf": [
                        {"pattern": f"[{p.FORBIDDEN_CLASS}]"},
                        {"pattern": f"[{p.WHITESPACE_CLASS}]$"},
                    ]
                },
            }
        return self.ref("Identifier")

    def text(self) -> dict[str, Any]:
        if "Text" not in self.defs:
            self.defs["Text"] = {
                "title": "Text",
                "description": "Free text with at least one visible character.",
                "x-description-fr": (
                    "Texte libre comptant au moins un caractère visible."
                ),
                "type": "string",
                "minLength": 1,
                "maxLength": v.MAX_TEXT_LENGTH,
                # Holds at least one character that is not whitespace.
                "pattern": f"[^{p.WHITESPACE_CLASS}]",
            }
        return self.ref("Text")

    def date(self) -> dict[str, Any]:
        if "Date" not in self.defs:
            self.defs["Date"] = {
                "title": "Date",
                "description": (
                    "A date as precise as the source: a year (YYYY), a year and a "
                    "month (YYYY-MM) or a day of the calendar (YYYY-MM-DD), in ISO "
                    "8601 form (the dates of EDTF level 0)."
                ),
                "x-description-fr": (
                    "Une date aussi précise que la source\u00a0: une année (AAAA), une "
                    "année et un mois (AAAA-MM) ou un jour du calendrier (AAAA-MM-JJ), "
                    "au format ISO 8601 (les dates du niveau 0 d'EDTF)."
                ),
                "type": "string",
                # Each form has its own length, which pins the end of the string
                # (no "$": see _schema_portable); the format also checks the day
                # of the month.
                "anyOf": [
                    {"minLength": 4, "maxLength": 4, "pattern": p.YEAR_PATTERN},
                    {"minLength": 7, "maxLength": 7, "pattern": p.MONTH_PATTERN},
                    {
                        "minLength": 10,
                        "maxLength": 10,
                        "pattern": p.DATE_PATTERN,
                        "format": "date",
                    },
                ],
            }
        return self.ref("Date")

    def vocabulary(self, cls: type[enum.Enum]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            members = list(cls)
            schema: dict[str, Any] = {
                "title": name,
                "description": clean(summary(cls)),
                "type": "string",
                "enum": [m._value_ for m in members],
            }
            if issubclass(cls, Vocabulary):
                vocabulary: list[Vocabulary] = list(cls)
                schema["oneOf"] = [member_schema(m) for m in vocabulary]
            self.defs[name] = schema
        return self.ref(name)

    def record(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object_schema(cls)
        return self.ref(name)

    def object_schema(
        self, cls: type[Any], *, extra: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        descriptions = attribute_descriptions(cls)
        properties: dict[str, Any] = dict(extra or {})
        required = [key for key in properties if key == "schema_version"]
        rules = _converter.rules(cls) or {}
        for field in attrs.fields(cls):
            fragment = self.field(rules[field.name])
            description = descriptions.get(field.name)
            if description:
                fragment = {"description": description, **fragment}
            properties[field.name] = fragment
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": clean(summary(cls)),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return schema

    def field(self, rule: v.Rule) -> dict[str, Any]:
        """The schema of a field declared with *rule*."""
        item = self._item(rule)
        if rule.optional and self.nullable:
            return {"anyOf": [item, {"type": "null"}]}
        if "$ref" in item:
            return {"allOf": [item]}
        return item

    def _item(self, rule: v.Rule) -> dict[str, Any]:
        if isinstance(rule, v.Identifier):
            return self.identifier()
        if isinstance(rule, v.Text):
            return self.text()
        if isinstance(rule, v.Date):
            return self.date()
        if isinstance(rule, v.Member):
            return self.vocabulary(rule.vocabulary)
        if isinstance(rule, v.Record):
            return self.record(rule.record)
        if isinstance(rule, v.Boolean):
            return {"type": "boolean"}
        if isinstance(rule, v.Integer):
            bounds = {"minimum": rule.minimum}
            if rule.maximum is not None:
                bounds["maximum"] = rule.maximum
            return {"type": "integer", **bounds}
        if isinstance(rule, v.Grid):
            return {
                "type": "array",
                "minItems": rule.rows,
                "maxItems": rule.rows,
                "items": {
                    "type": "array",
                    "minItems": rule.columns,
                    "maxItems": rule.columns,
                    "items": {"type": "integer", "minimum": 0},
                },
            }
        if isinstance(rule, v.Array):
            return self._array(rule)
        msg = f"no schema for the rule {rule!r}"  # pragma: no cover - every rule above
        raise TypeError(msg)

    def _array(self, rule: v.Array) -> dict[str, Any]:
        items: dict[str, Any]
        if isinstance(rule, v.Members | v.MemberList):
            items = self.vocabulary(rule.vocabulary)
        elif isinstance(rule, v.Identifiers):
            items = self.identifier()
        elif isinstance(rule, v.Texts):
            items = self.text()
        elif isinstance(rule, v.Records):
            items = self.record(rule.record)
        else:  # pragma: no cover - every array rule above
            msg = f"no schema for the rule {rule!r}"
            raise TypeError(msg)
        schema: dict[str, Any] = {"type": "array", "items": items}
        if rule.unique:
            schema["uniqueItems"] = True
        if rule.min_items:
            schema["minItems"] = rule.min_items
        return schema


def member_schema(member: Vocabulary) -> dict[str, Any]:
    """One ``oneOf`` option of a vocabulary: its value, labels and definitions."""
    option: dict[str, Any] = {
        "const": member._value_,
        "title": member.label("en"),
        "description": member.definition("en"),
        "x-title-fr": member.label("fr"),
        "x-description-fr": member.definition("fr"),
    }
    if member.proposed_labels:
        option["x-proposed-labels"] = list(member.proposed_labels)
    return option


def ecology_schema(builder: Builder) -> dict[str, Any]:
    """The node-link document of an ecology graph (see :mod:`partnership_model.exchange`)."""
    from partnership_model.ecology import Actor, EcologyGraph, Relation  # noqa: PLC0415
    from partnership_model.vocabulary import RelationType  # noqa: PLC0415

    node = builder.object_schema(Actor)
    builder.defs["Actor"] = node
    relation_descriptions = attribute_descriptions(Relation)
    edge = builder.object_schema(Relation)
    edge["properties"]["key"] = {
        "description": "Distinguishes parallel relations between the same two actors.",
        "type": "integer",
        "minimum": 0,
    }
    edge["properties"]["relation_type"] = {
        "description": (
            "The primary relation type. Optional on input; when present it must "
            "equal the type computed from the two actors."
        ),
        "allOf": [builder.vocabulary(RelationType)],
    }
    for flag, text in (
        (
            "crosses_sphere",
            "Whether the two actors belong to different spheres (computed).",
        ),
        (
            "crosses_authority",
            (
                "Whether the two actors hold different formal authority, as the "
                "classification policy compares it (computed)."
            ),
        ),
    ):
        edge["properties"][flag] = {"description": text, "type": "boolean"}
    edge["title"] = "Relation"
    edge["description"] = relation_descriptions.get("", "") or clean(summary(Relation))
    builder.defs["Relation"] = edge
    return {
        "title": "EcologyGraph",
        "description": clean(summary(EcologyGraph)),
        "type": "object",
        "properties": {
            **version_property(),
            "directed": {
                "description": "Always false: relations are undirected.",
                "const": False,
            },
            "multigraph": {
                "description": "Always true: two actors may share several relations.",
                "const": True,
            },
            "graph": policy_schema(builder),
            "nodes": {"type": "array", "items": builder.ref("Actor")},
            "edges": {"type": "array", "items": builder.ref("Relation")},
        },
        "required": ["schema_version", "nodes", "edges"],
        "additionalProperties": False,
    }


def policy_schema(builder: Builder) -> dict[str, Any]:
    """The graph attributes: the classification policy that typed the relations."""
    from partnership_model.vocabulary import Authority, RelationType  # noqa: PLC0415

    return {
        "description": (
            "Graph-level attributes: the classification policy that typed the "
            "relations (see ClassificationPolicy.to_attributes). Without them, "
            "readers use the default policy; policy alone names a library policy."
        ),
        "type": "object",
        "properties": {
            "policy": {
                "description": "The policy's name.",
                "allOf": [builder.identifier()],
            },
            "policy_min_authority_gap": {
                "description": "Ranks of authority two actors must be apart to "
                "cross authority.",
                "type": "integer",
                "minimum": 1,
                "maximum": len(Authority) - 1,
            },
            "policy_linking_within_sphere": {
                "description": "Whether an authority gradient inside one sphere "
                "makes a linking relation.",
                "type": "boolean",
            },
            "policy_organisation_authority": {
                "description": "Authority assumed for an organisation that states "
                "none; none: not compared.",
                "enum": ["none", *(member.value for member in Authority)],
            },
            "policy_precedence": {
                "description": "Every relation type, strongest first, joined by '>'.",
                "enum": [
                    ">".join(kind.value for kind in order)
                    for order in itertools.permutations(reversed(list(RelationType)))
                ],
            },
        },
        "additionalProperties": False,
    }


def register_envelope() -> dict[str, Any]:
    """The keys of a register document that are not fields of the register."""
    return {
        **version_property(),
        "@context": {
            "description": (
                "A JSON-LD context (see partnership_model.jsonld.register_context), "
                "for reading the document as linked data; loading accepts and "
                "ignores it."
            ),
            "anyOf": [
                {"type": "object"},
                {"type": "string"},
                {"type": "array"},
                {"type": "null"},
            ],
        },
    }


def version_property() -> dict[str, Any]:
    return {
        "schema_version": {
            "description": (
                "Version (MAJOR.MINOR) of the document format; this schema describes "
                f"version {SCHEMA_VERSION}."
            ),
            "type": "string",
            "const": SCHEMA_VERSION,
        }
    }
