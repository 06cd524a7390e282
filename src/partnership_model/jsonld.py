"""A JSON-LD context for register documents: their vocabulary values as concept IRIs.

A register document (:func:`~partnership_model.serialization.to_dict`) is
plain JSON. Read as JSON-LD with the context :func:`register_context` returns,
it becomes RDF in which

* each key is a property under ``urn:partnership-model:property:`` (the key
  ``degree`` is ``urn:partnership-model:property:degree``);
* each vocabulary value is the IRI of its concept in the SKOS export
  (:mod:`partnership_model.skos`): an engagement's ``"degree":
  "partnership"`` says ``urn:partnership-model:vocabulary:engagement_degree:partnership``;
* dates, as precise as the source (``"2006"``, ``"2020-11"``,
  ``"2021-01-15"``), are literals of the datatype of EDTF level 0 dates,
  ``http://id.loc.gov/datatypes/edtf/EDTF-level0`` (the Library of Congress's
  Extended Date/Time Format, whose level 0 is these three forms of ISO 8601):
  ``xsd:date`` would claim a day that a year or a month does not give; every
  other value is a plain literal.

The context is built from the record classes and the vocabularies' data
files, so it follows the register format: a field added to a record, or a
term added to a vocabulary, is in the context of the release that adds it.
The package also ships it as a file (:data:`REGISTER_CONTEXT_FILE`) for tools
that do not run Python. Each vocabulary field has a property-scoped context
(JSON-LD 1.1) that maps its tokens to concept IRIs, so the same token in two
vocabularies (``partnership`` is a degree and a care posture) names two
concepts.

Give the context to the JSON-LD processor, as in the example below, or put it
in the document under ``"@context"``: loading accepts that key and ignores it,
and writing does not add it.

Examples:
    >>> import json
    >>> from partnership_model.jsonld import register_context
    >>> context = register_context()["@context"]
    >>> context["degree"]["@context"]["partnership"]
    'urn:partnership-model:vocabulary:engagement_degree:partnership'
    >>> context["@vocab"]
    'urn:partnership-model:property:'
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from typing import Any, Final

import attrs

from partnership_model._iri import PROPERTY_BASE, check_base, rebase
from partnership_model._termfiles import table
from partnership_model.dates import PartialDate

__all__ = [
    "REGISTER_CONTEXT_FILE",
    "register_context",
    "register_context_text",
    "shipped_register_context",
]


def __dir__() -> list[str]:
    return __all__


REGISTER_CONTEXT_FILE: Final = "register.context.jsonld"
"""The context as the package ships it, under its ``data`` directory."""

_XSD_DATE: Final = "http://www.w3.org/2001/XMLSchema#date"
EDTF_LEVEL_0: Final = "http://id.loc.gov/datatypes/edtf/EDTF-level0"
"""The datatype of partial dates in the context (EDTF level 0)."""
_COLLECTIONS: Final = (tuple, frozenset, list, set)

Definition = dict[str, Any]


def register_context(*, base: str | None = None) -> dict[str, Any]:
    """The JSON-LD context of register documents, as a ``{"@context": ...}`` object.

    Args:
        base: Give the concept IRIs under this base instead of
            ``urn:partnership-model:vocabulary:``, as
            :func:`partnership_model.skos.to_graph` does with the same base.

    Raises:
        InvalidRecordError: *base* is not an absolute IRI ending with ``:``,
            ``/`` or ``#``.
        DataFileError: A vocabulary's data file fails its checks.
    """
    from partnership_model.records import Register  # noqa: PLC0415

    if base is not None:
        check_base(base)
    return {"@context": _context_for(Register, base=base)}


def register_context_text(*, base: str | None = None) -> str:
    """:func:`register_context` as the text of the shipped file (two-space JSON)."""
    text = json.dumps(register_context(base=base), ensure_ascii=False, indent=2)
    return text + "\n"


def shipped_register_context() -> dict[str, Any]:
    """The context file the package ships (:data:`REGISTER_CONTEXT_FILE`).

    It equals :func:`register_context` for the release that ships it.
    """
    from importlib import resources  # noqa: PLC0415 - only when read

    resource = resources.files("partnership_model").joinpath(
        "data", REGISTER_CONTEXT_FILE
    )
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded


# -- building the context from the record classes ------------------------------------


def _inner(hint: Any) -> Any:
    """The type a field holds once ``None`` and collections are set aside."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _inner(kept[0]) if len(kept) == 1 else Any
    if origin in _COLLECTIONS:
        return _inner(typing.get_args(hint)[0])
    return hint


def _fields(cls: type[Any]) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(field.name, _inner(hints[field.name])) for field in attrs.fields(cls)]


def _vocabulary_definition(
    key: str, vocabulary: type[enum.Enum], base: str | None
) -> Definition:
    checked = table(vocabulary)
    scoped: dict[str, str] = {"@vocab": rebase(f"{checked.iri}:", base)}
    for member, term in checked.terms.items():
        scoped[str(member.value)] = rebase(str(term.iri), base)
    return {"@id": PROPERTY_BASE + key, "@type": "@vocab", "@context": scoped}


def _leaf(key: str, kind: Any, base: str | None) -> Definition:
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _vocabulary_definition(key, kind, base)
    if kind is PartialDate:
        return {"@id": PROPERTY_BASE + key, "@type": EDTF_LEVEL_0}
    if kind is dt.date:
        return {"@id": PROPERTY_BASE + key, "@type": _XSD_DATE}
    return {"@id": PROPERTY_BASE + key}


def _records(root: type[Any]) -> list[type[Any]]:
    """*root* and every record class its fields hold, breadth first."""
    found = [root]
    for cls in found:
        for _, kind in _fields(cls):
            if attrs.has(kind) and kind not in found:
                found.append(kind)
    return found


def _definitions(
    classes: list[type[Any]], conflicted: set[str], base: str | None
) -> dict[type[Any], dict[str, Definition]]:
    """Each key of each record class, with the keys in *conflicted* scoped."""
    definitions: dict[type[Any], dict[str, Definition]] = {}

    def of(cls: type[Any]) -> dict[str, Definition]:
        found = definitions.get(cls)
        if found is None:
            found = definitions[cls] = {}
            for key, kind in _fields(cls):
                definition = _leaf(key, kind, base)
                if attrs.has(kind):
                    scoped = {n: d for n, d in of(kind).items() if n in conflicted}
                    if scoped:
                        definition["@context"] = scoped
                found[key] = definition
        return found

    for cls in classes:
        of(cls)
    return definitions


def _context_for(root: type[Any], *, base: str | None = None) -> dict[str, Any]:
    """The context of documents whose top-level object is the record class *root*.

    A key that means the same everywhere in the document is defined once at
    the top; a key that means different things in different records (another
    vocabulary, or a vocabulary here and free text there) is defined in the
    property-scoped context of each key that leads to those records.
    """
    classes = _records(root)
    conflicted: set[str] = set()
    while True:
        definitions = _definitions(classes, conflicted, base)
        seen: dict[str, Definition] = {}
        clashing = set(conflicted)
        for cls in classes:
            for key, definition in definitions[cls].items():
                if seen.setdefault(key, definition) != definition:
                    clashing.add(key)
        if clashing == conflicted:
            break
        conflicted = clashing
    context: dict[str, Any] = {"@version": 1.1, "@vocab": PROPERTY_BASE}
    top = {key: d for key, d in seen.items() if key not in conflicted}
    top |= {key: d for key, d in definitions[root].items() if key in conflicted}
    for key in sorted(top):
        if top[key] != {"@id": PROPERTY_BASE + key}:  # @vocab says as much
            context[key] = top[key]
    return context
