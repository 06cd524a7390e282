"""The identifiers (IRIs) of the vocabularies and of their concepts.

Every vocabulary is a concept scheme and every term a concept, each with an
identifier written in the vocabulary's data file and never changed once
published:

* a vocabulary: ``urn:partnership-model:vocabulary:<name>``, where ``<name>``
  is lowercase letters, digits and underscores (the terms file's name when the
  identifier was first published, ``engagement_degree``);
* a term: the vocabulary's identifier, a colon and the term's JSON token
  (``urn:partnership-model:vocabulary:engagement_degree:partnership``);
* the order of an ordered vocabulary: the vocabulary's identifier followed by
  ``/order`` (no token and no vocabulary name contains ``/``).

The ``urn:partnership-model:`` prefix is the one the package's JSON Schemas
already use for their ``$id`` (``urn:partnership-model:schema:register:1.0``).
An export may put the identifiers under another base (:func:`rebase`), for
example an HTTP address that a project serves; the data files keep the
default one.
"""

from __future__ import annotations

import re
from typing import Final

from partnership_model.exceptions import InvalidRecordError

__all__ = [
    "BIBLIOGRAPHY_BASE",
    "DEFAULT_BASE",
    "ORDER_SUFFIX",
    "PROPERTY_BASE",
    "check_base",
    "concept_iri_of",
    "rebase",
    "scheme_name",
]

DEFAULT_BASE: Final = "urn:partnership-model:vocabulary:"
"""The base of every published vocabulary and concept identifier."""

BIBLIOGRAPHY_BASE: Final = "urn:partnership-model:bibliography:"
"""The base of the identifiers of the cited works that have no DOI."""

PROPERTY_BASE: Final = "urn:partnership-model:property:"
"""The base of the properties a register document's keys stand for in JSON-LD."""

ORDER_SUFFIX: Final = "/order"
"""Appended to a vocabulary's identifier to name the order of its terms."""

_NAME: Final = "[a-z][a-z0-9_]*"
_SCHEME: Final = re.compile(re.escape(DEFAULT_BASE) + f"({_NAME})")
# An absolute IRI (RFC 3987: a scheme, then no space and none of <>"{}|\^`)
# ending where a name can follow: ":" (URN), "/" (path) or "#" (fragment).
_BASE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*[:/#]")


def scheme_name(iri: object) -> str | None:
    """The name of a vocabulary identifier under :data:`DEFAULT_BASE`, else ``None``.

    Examples:
        >>> scheme_name("urn:partnership-model:vocabulary:engagement_degree")
        'engagement_degree'
        >>> scheme_name("urn:partnership-model:vocabulary:Engagement Degree") is None
        True
    """
    if not isinstance(iri, str):
        return None
    found = _SCHEME.fullmatch(iri)
    return found.group(1) if found else None


def concept_iri_of(scheme: str, token: str) -> str:
    """The identifier of the term *token* of the vocabulary identified by *scheme*.

    Examples:
        >>> concept_iri_of("urn:partnership-model:vocabulary:sphere", "community")
        'urn:partnership-model:vocabulary:sphere:community'
    """
    return f"{scheme}:{token}"


def check_base(base: object) -> str:
    """Return *base* if it can stand in for :data:`DEFAULT_BASE`, else raise.

    A base is an absolute IRI that ends with ``:``, ``/`` or ``#`` and holds
    at most one ``#``, so that every identifier under it is an IRI too.

    Raises:
        InvalidRecordError: *base* is not such an IRI (``code="invalid_iri"``).

    Examples:
        >>> check_base("https://example.org/partnership/")
        'https://example.org/partnership/'
        >>> check_base("example.org")
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.InvalidRecordError: base: ...
    """
    if isinstance(base, str) and _BASE.fullmatch(base) and base.count("#") <= 1:
        return base
    raise InvalidRecordError(
        "base",
        base,
        "expected an absolute IRI ending with ':', '/' or '#' "
        "(for example 'https://example.org/vocabulary/')",
        code="invalid_iri",
    )


def rebase(iri: str, base: str | None) -> str:
    """*iri* with :data:`DEFAULT_BASE` replaced by *base* (``None``: unchanged).

    Identifiers outside the default base (a DOI link) are returned unchanged.

    Raises:
        InvalidRecordError: *base* is not a valid base (see :func:`check_base`).

    Examples:
        >>> rebase("urn:partnership-model:vocabulary:sphere:community",
        ...        "https://example.org/v/")
        'https://example.org/v/sphere:community'
    """
    if base is None or base == DEFAULT_BASE:
        return iri
    checked = check_base(base)
    if iri.startswith(DEFAULT_BASE):
        return checked + iri[len(DEFAULT_BASE) :]
    return iri
