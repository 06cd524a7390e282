"""Private JSON reader and writer of the checklist file format.

Both go through the library's converter (:mod:`partnership_model._converter`),
so a file is checked with the checklist records' own field declarations, every
problem collected with its JSON path (``$.items[3].section``), and the rules
that involve several fields of a checklist are all reported too.
"""

from __future__ import annotations

from typing import Any, Final

from partnership_model import _converter
from partnership_model._validators import json_type
from partnership_model.checklists import CHECKLIST_FORMAT_VERSION, Checklist
from partnership_model.exceptions import Problem, SchemaVersionError, ValidationError

#: Keys of the top-level object that are not fields of :class:`Checklist`.
_ENVELOPE: Final = ("$schema", "schema_version")


def read_checklist(data: object) -> Checklist:
    """Build a checklist from decoded JSON, reporting every problem at its path."""
    if type(data) is not dict:
        raise ValidationError(
            [
                Problem(
                    "$",
                    f"expected a checklist object, got {json_type(data)}",
                    "wrong_type",
                )
            ]
        )
    problems: list[Problem] = []
    if "schema_version" not in data:
        problems.append(
            Problem(
                "$.schema_version",
                f"missing required key 'schema_version' (this release reads "
                f"{CHECKLIST_FORMAT_VERSION})",
                "missing",
            )
        )
    else:
        found = data["schema_version"]
        if type(found) is not str or found.split(".", 1)[0] != "1":
            raise SchemaVersionError(found, CHECKLIST_FORMAT_VERSION)
    if "$schema" in data and type(data["$schema"]) is not str:
        problems.append(
            Problem(
                "$['$schema']",
                f"expected a string, got {json_type(data['$schema'])}",
                "wrong_type",
            )
        )
    body = {key: value for key, value in data.items() if key not in _ENVELOPE}
    try:
        checklist: Checklist = _converter.structure(body, Checklist)
    except ValidationError as error:
        raise ValidationError([*problems, *error.problems]) from None
    if problems:
        raise ValidationError(problems)
    return checklist


def write_checklist(checklist: Checklist) -> dict[str, Any]:
    """Turn a checklist into JSON-ready data, optional empty values left out."""
    return {
        "schema_version": CHECKLIST_FORMAT_VERSION,
        **_converter.unstructure(checklist),
    }
