"""JSON Schema (Draft 2020-12) of every document and record, generated from the model.

:func:`json_schema` derives the schema of a record or document type from the
attrs classes and the vocabularies, never by hand, so it cannot drift from what
:func:`~partnership_model.from_json` accepts:

* ``$schema`` (Draft 2020-12) and a stable ``$id`` per type and format version
  (a URN: an identifier, not an address to fetch);
* ``$defs`` for every shared type (records, vocabularies, identifiers, text,
  dates), referenced with ``$ref``;
* ``additionalProperties: false`` and ``required`` on every object;
* every vocabulary as ``enum`` (the values, in order) plus ``oneOf`` of
  ``const`` + ``title`` (label) + ``description`` (definition), with a
  ``$comment`` where the label is this library's own translation;
* field descriptions taken from the classes' docstrings;
* only standard keywords, so that strict validators (Ajv) compile the schemas,
  and patterns that mean the same thing in Python, ECMA-262 and Rust regexes
  (see the private module ``_schema_portable``).

Each schema has a twin annotated in French (``json_schema(cls, language="fr")``,
``$id`` ending in ``:fr``, shipped in ``schemas/fr/``): the same validation
keywords, with the French labels and definitions as ``title`` and
``description``, and without the descriptions that exist in English only.

The schemas stay inside the keyword subset that draft-07 tools also understand
(``$defs`` references resolve there too), so fastjsonschema and
hypothesis-jsonschema can consume them. Only ``$schema`` itself, and the
placement of ``$defs``, are 2020-12 specific; ``format: "date"`` is asserted by
validators only when format assertion is switched on, which is why dates also
carry a ``pattern``.

Beyond the schema, loading enforces the model's cross-field rules: an end date
not entirely before its start date, one participation per person and
engagement, one degree per research stage, an engagement's degree equal to the
highest of its stages', a primary domain that is not also a secondary domain,
unique ids within a register, and participant and organisation references
that resolve; a full ``date`` must exist in the calendar (``format: date``);
text and identifiers hold no lone surrogate; identifiers are compared in
Unicode normalisation form C; and an integer is written without a fraction
(``1``, not ``1.0``, which JSON Schema counts as an integer).

Examples:
    >>> from partnership_model import Register, json_schema
    >>> schema = json_schema(Register)
    >>> schema["$id"]
    'urn:partnership-model:schema:register:1.1'
    >>> schema["$defs"]["EngagementDegree"]["enum"]
    ['information', 'consultation', 'collaboration', 'partnership']
"""

from __future__ import annotations

import enum
import inspect
import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from partnership_model import _converter, _schema_portable as p, _validators as v
from partnership_model._enums import LANGUAGES, Lang, Vocabulary, check_lang
from partnership_model.exceptions import Problem, RecordTypeError, ValidationError
from partnership_model.records import SCHEMA_VERSION, Register

__all__ = [
    "DRAFT",
    "SCHEMA_FILES",
    "check_against_schema",
    "json_schema",
    "schema_id",
    "write_schemas",
]


def __dir__() -> list[str]:
    return __all__


DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema."""

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _document_classes() -> dict[str, type[Any]]:
    classes: dict[str, type[Any]] = {"register": Register}
    from partnership_model.ecology import EcologyGraph  # noqa: PLC0415

    classes["ecology"] = EcologyGraph
    return classes


SCHEMA_FILES: tuple[str, ...] = ("register", "ecology")
"""Names of the shipped schema files (``<name>.schema.json``), one per document type."""


def schema_id(cls: type[Any], *, language: Lang = "en") -> str:
    """The stable ``$id`` of the schema of *cls* for this format version.

    The French twin (``language="fr"``) has the English ``$id`` followed by
    ``:fr``.
    """
    name = next(
        (key for key, value in _document_classes().items() if value is cls), None
    )
    if name is None:
        name = _SNAKE.sub("_", cls.__name__).lower()
    suffix = "" if check_lang(language) == "en" else f":{language}"
    return f"urn:partnership-model:schema:{name}:{SCHEMA_VERSION}{suffix}"


# ---------------------------------------------------------------------------
# Docstrings -> descriptions
# ---------------------------------------------------------------------------


def _summary(cls: type[Any]) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    paragraph = doc.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _clean(text: str) -> str:
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
    return {name: _clean(text) for name, text in descriptions.items()}


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


class _Builder:
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
                "description": _clean(_summary(cls)),
                "type": "string",
                "enum": [m._value_ for m in members],
            }
            if issubclass(cls, Vocabulary):
                vocabulary: list[Vocabulary] = list(cls)
                schema["oneOf"] = [_member_schema(m) for m in vocabulary]
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
            "description": _clean(_summary(cls)),
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


def _member_schema(member: Vocabulary) -> dict[str, Any]:
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


def _register_envelope() -> dict[str, Any]:
    """The keys of a register document that are not fields of the register."""
    return {
        **_version_property(),
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


def _version_property() -> dict[str, Any]:
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


@_converter.per_class
def _generate(cls: type[Any]) -> str:
    documents = _document_classes()
    builder = _Builder(nullable=cls is not documents.get("ecology"))
    if cls is documents.get("ecology"):
        body = _ecology_schema(builder)
    elif _converter.is_record_class(cls):
        extra = _register_envelope() if cls is Register else None
        body = builder.object_schema(cls, extra=extra)
    else:
        raise RecordTypeError(
            "cls", cls, "not a partnership_model record or document type"
        )
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": schema_id(cls), **body}
    if builder.defs:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    return json.dumps(schema, ensure_ascii=False)


def json_schema(cls: type[Any], *, language: Lang = "en") -> dict[str, Any]:
    """Return the JSON Schema (Draft 2020-12) of a record or document type.

    The result is a fresh dict each call (safe to modify).

    Args:
        cls: The record or document type.
        language: The language of the annotations (``title``, ``description``
            and ``$comment``). Both schemas have exactly the same validation
            keywords. ``"en"`` (the default) carries every annotation; ``"fr"``
            carries the French labels and definitions of the vocabulary values
            and of the shared string types, and omits the descriptions that exist
            in English only (those of the records and their fields).

    Raises:
        RecordTypeError: *cls* is not a record or document type of this library.
        VocabularyError: *language* is not ``"en"`` or ``"fr"``.

    Examples:
        >>> from partnership_model import Register, json_schema
        >>> french = json_schema(Register, language="fr")
        >>> french["$id"]
        'urn:partnership-model:schema:register:1.1:fr'
        >>> french["$defs"]["EngagementDegree"]["oneOf"][3]["title"]
        'Partenariat'
    """
    return json.loads(_emitted(cls, check_lang(language)))  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------
# Annotations per language
# ---------------------------------------------------------------------------

# Generation writes the English annotations as keywords and the French ones as
# "x-*" keys; _schema_portable.localised turns that into one standard schema per
# language.
_EMITTED: dict[tuple[type[Any], Lang], str] = {}


def _emitted(cls: type[Any], language: Lang) -> str:
    """The JSON text of the schema of *cls* annotated in *language* (cached)."""
    key = (cls, language)
    text = _EMITTED.get(key)
    if text is None:
        body = p.localised(json.loads(_generate(cls)), language)
        del body["$schema"], body["$id"]
        twin = next(other for other in LANGUAGES if other != language)
        head = {
            "$schema": DRAFT,
            "$id": schema_id(cls, language=language),
            "$comment": p.TWIN[language].format(twin=schema_id(cls, language=twin)),
        }
        text = _EMITTED[key] = json.dumps({**head, **body}, ensure_ascii=False)
    return text


def _ecology_schema(builder: _Builder) -> dict[str, Any]:
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
    edge["description"] = relation_descriptions.get("", "") or _clean(
        _summary(Relation)
    )
    builder.defs["Relation"] = edge
    return {
        "title": "EcologyGraph",
        "description": _clean(_summary(EcologyGraph)),
        "type": "object",
        "properties": {
            **_version_property(),
            "directed": {
                "description": "Always false: relations are undirected.",
                "const": False,
            },
            "multigraph": {
                "description": "Always true: two actors may share several relations.",
                "const": True,
            },
            "graph": _policy_schema(builder),
            "nodes": {"type": "array", "items": builder.ref("Actor")},
            "edges": {"type": "array", "items": builder.ref("Relation")},
        },
        "required": ["schema_version", "nodes", "edges"],
        "additionalProperties": False,
    }


def _policy_schema(builder: _Builder) -> dict[str, Any]:
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


# ---------------------------------------------------------------------------
# Shipped files and the reference validator
# ---------------------------------------------------------------------------

_SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def schema_text(name: str, *, language: Lang = "en") -> str:
    """The canonical text of the shipped schema file *name* (``"register"``...).

    *language* selects the annotations, as for :func:`json_schema`.
    """
    cls = _document_classes()[name]
    schema = json_schema(cls, language=language)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: str | Path) -> list[Path]:
    """Write the schema files of every document type into *directory*.

    One ``<name>.schema.json`` per document type, annotated in English, and its
    French twin ``fr/<name>.schema.json`` (see :func:`json_schema`).

    Returns:
        The paths written.
    """
    written = []
    for language in LANGUAGES:
        for name in SCHEMA_FILES:
            path = _schema_path(Path(directory), name, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(name, language=language), encoding="utf-8")
            written.append(path)
    return written


def _schema_path(directory: Path, name: str, language: Lang) -> Path:
    folder = directory if check_lang(language) == "en" else directory / language
    return folder / f"{name}.schema.json"


def shipped_schema_path(name: str, *, language: Lang = "en") -> Path:
    """Where the package ships the schema file *name* annotated in *language*."""
    return _schema_path(_SCHEMA_DIR, name, language)


@_converter.per_class
def _validator(cls: type[Any]) -> Any:
    try:
        import jsonschema  # noqa: PLC0415 - optional extra, imported on use
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = (
            "checking against the JSON Schema needs jsonschema: "
            'pip install "partnership-model[schema]"'
        )
        raise ImportError(msg) from error
    return jsonschema.Draft202012Validator(
        json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_problems(data: object, cls: type[Any]) -> list[Problem]:
    """Every violation of the JSON Schema of *cls* by *data*, as problems.

    Uses the reference ``jsonschema`` validator (optional extra ``schema``),
    with format assertion on. Slower than :func:`~partnership_model.validate`;
    meant for cross-checking data from other tools.
    """
    validator = _validator(cls)
    errors: Iterable[Any] = sorted(
        validator.iter_errors(data), key=lambda e: list(e.absolute_path)
    )
    return [Problem(error.json_path, error.message[:500], "schema") for error in errors]


def check_against_schema(data: object, cls: type[Any]) -> None:
    """Validate *data* with the reference JSON Schema validator.

    Raises:
        ValidationError: With every violation and its JSON path.
        ImportError: The ``jsonschema`` package is not installed.
    """
    problems = schema_problems(data, cls)
    if problems:
        raise ValidationError(problems)
