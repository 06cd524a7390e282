"""Field checks of the report's records (see :mod:`partnership_model.report`).

Each is an attrs validator (or converter) that refuses a wrong value with a
:class:`~partnership_model.exceptions.InvalidRecordError` or
:class:`~partnership_model.exceptions.RecordTypeError` naming the field.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.vocabulary import EngagementDomain, RelationType

if TYPE_CHECKING:
    from partnership_model.assessment import Finding

__all__ = [
    "by_relation_type",
    "count",
    "findings",
    "instance",
    "optional_date",
    "optional_domain",
    "optional_measure",
]


def count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A count: an ``int`` >= 0."""
    if type(value) is not int or value < 0:
        raise InvalidRecordError(
            attribute.name, value, "expected a count (an int >= 0)"
        )


def optional_date(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """A :class:`datetime.date`, or ``None``."""
    if value is not None and type(value) is not dt.date:
        raise RecordTypeError(attribute.name, value, "expected a datetime.date or None")


def optional_domain(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An :class:`~partnership_model.EngagementDomain`, or ``None``."""
    if value is not None and type(value) is not EngagementDomain:
        raise RecordTypeError(attribute.name, value, "expected an EngagementDomain")


def instance(cls: type[Any]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator of instances of *cls*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, cls):
            raise RecordTypeError(attribute.name, value, f"expected a {cls.__name__}")

    return check


def findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings as a tuple (a converter)."""
    return tuple(value)


def by_relation_type(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """A mapping with every :class:`~partnership_model.RelationType` as key."""
    if not isinstance(value, Mapping) or set(value) != set(RelationType):
        raise InvalidRecordError(
            attribute.name, value, "expected a mapping with every RelationType as key"
        )


def optional_measure(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """A finite ``float``, or ``None`` when undefined (never NaN)."""
    # Undefined is None, never NaN (the library's one convention).
    if value is not None and (type(value) is not float or not math.isfinite(value)):
        raise InvalidRecordError(
            attribute.name, value, "expected a finite float, or None when undefined"
        )
