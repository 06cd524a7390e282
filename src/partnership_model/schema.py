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

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partnership_model import _converter, _schema_builder as b, _schema_portable as p
from partnership_model._enums import LANGUAGES, Lang, check_lang
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
@_converter.per_class
def _generate(cls: type[Any]) -> str:
    documents = _document_classes()
    builder = b.Builder(nullable=cls is not documents.get("ecology"))
    if cls is documents.get("ecology"):
        body = b.ecology_schema(builder)
    elif _converter.is_record_class(cls):
        extra = b.register_envelope() if cls is Register else None
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
