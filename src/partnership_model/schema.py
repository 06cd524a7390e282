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
not before its start date, one participation per person and engagement, unique
ids within a register, and participant and organisation references that
resolve; a ``date`` must exist in the calendar (``format: date``); text holds
no lone surrogate; and an integer is written without a fraction (``1``, not
``1.0``, which JSON Schema counts as an integer).

Examples:
    >>> from partnership_model import Register, json_schema
    >>> schema = json_schema(Register)
    >>> schema["$id"]
    'urn:partnership-model:schema:register:1.0'
    >>> schema["$defs"]["EngagementDegree"]["enum"]
    ['information', 'consultation', 'collaboration', 'partnership']
"""

from __future__ import annotations

import enum
import inspect
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partnership_model import _codec, _schema_portable as p, _validators as v
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


@_codec.per_class
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
                    "A stable identifier: 1 to 200 characters, no control characters, "
                    "no whitespace at either end."
                ),
                "x-description-fr": (
                    "Un identifiant stable\u00a0: de 1 à 200 caractères, sans caractère "
                    "de contrôle ni espace au début ou à la fin."
                ),
                "type": "string",
                "minLength": 1,
                "maxLength": v.MAX_ID_LENGTH,
                # Starts with a character that is not whitespace...
                "pattern": f"^[^{p.WHITESPACE_CLASS}]",
                # ...holds no control character and does not end with whitespace.
                "not": {
                    "anyOf": [
                        {"pattern": f"[{p.CONTROL_CLASS}]"},
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
                "description": "A calendar date in ISO 8601 form, YYYY-MM-DD.",
                "x-description-fr": (
                    "Une date du calendrier au format ISO 8601, AAAA-MM-JJ."
                ),
                "type": "string",
                "format": "date",
                "minLength": 10,
                "maxLength": 10,
                # With the length of 10, this pins the whole string (no "$": see
                # _schema_portable); the format also checks the day of the month.
                "pattern": p.DATE_PATTERN,
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
        for spec in _codec.field_specs(cls):
            fragment = self.field(spec)
            description = descriptions.get(spec.name)
            if description:
                fragment = {"description": description, **fragment}
            properties[spec.name] = fragment
            if spec.required:
                required.append(spec.name)
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": _clean(_summary(cls)),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return schema

    def field(self, spec: _codec.FieldSpec) -> dict[str, Any]:
        kind = spec.kind
        k = kind.name
        item: dict[str, Any]
        if k == "identifier":
            item = self.identifier()
        elif k == "text":
            item = self.text()
        elif k == "date":
            item = self.date()
        elif k == "enum":
            item = self.vocabulary(kind.target)  # type: ignore[arg-type]
        elif k == "bool":
            item = {"type": "boolean"}
        elif k == "count":
            item = {"type": "integer", "minimum": 0}
        elif k == "grid":
            rows, columns = kind.shape or (0, 0)
            item = {
                "type": "array",
                "minItems": rows,
                "maxItems": rows,
                "items": {
                    "type": "array",
                    "minItems": columns,
                    "maxItems": columns,
                    "items": {"type": "integer", "minimum": 0},
                },
            }
        elif k == "enum_set":
            item = {
                "type": "array",
                "items": self.vocabulary(kind.target),  # type: ignore[arg-type]
                "uniqueItems": True,
            }
        elif k == "identifiers":
            item = {"type": "array", "items": self.identifier(), "uniqueItems": True}
        elif k == "texts":
            item = {"type": "array", "items": self.text()}
        elif k == "records":
            item = {"type": "array", "items": self.record(kind.target)}  # type: ignore[arg-type]
        else:  # pragma: no cover - guarded by field_specs
            msg = f"no schema for kind {k!r}"
            raise TypeError(msg)
        if kind.optional and self.nullable:
            return {"anyOf": [item, {"type": "null"}]}
        if "$ref" in item:
            return {"allOf": [item]}
        return item


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


@_codec.per_class
def _generate(cls: type[Any]) -> str:
    documents = _document_classes()
    builder = _Builder(nullable=cls is not documents.get("ecology"))
    if cls is documents.get("ecology"):
        body = _ecology_schema(builder)
    elif _codec.is_record_class(cls):
        extra = _version_property() if cls is Register else None
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
        'urn:partnership-model:schema:register:1.0:fr'
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
            "Whether the two actors act at different authority levels (computed).",
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
            "graph": {
                "description": "Graph-level attributes (none are defined).",
                "type": "object",
                "additionalProperties": False,
            },
            "nodes": {"type": "array", "items": builder.ref("Actor")},
            "edges": {"type": "array", "items": builder.ref("Relation")},
        },
        "required": ["schema_version", "nodes", "edges"],
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


@_codec.per_class
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
