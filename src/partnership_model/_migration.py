"""Private: format 1.0's authority *level* and its migration to :class:`Authority`.

Up to format 1.0, participants, organisations and ecology actors carried a
``level`` (an :class:`~partnership_model.EngagementLevel`) that the
documentation called their "authority level". It conflated two things: where
an engagement acts (the Montreal level) and what formal authority a person
holds. Format 1.1 names the field ``authority`` and uses the
:class:`~partnership_model.Authority` scale; the engagement's own ``level``
stays the Montreal level.

Old data is migrated through one table, :data:`AUTHORITY_FOR_LEVEL`: micro
becomes ``member``, meso ``managerial``, macro ``public_authority``, because
that is what 1.0 said the field meant (the default of every role maps the
same way: a role whose 1.0 level was micro has ``member`` authority, and so
on). Every migration is reported (:class:`MigrationWarning`), never silent.

This module also holds the helpers behind the deprecated ``level`` arguments
and attributes of :class:`~partnership_model.Participant`,
:class:`~partnership_model.Organisation` and
:class:`~partnership_model.ecology.Actor`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from partnership_model.exceptions import (
    InvalidRecordError,
    MigrationWarning,
    Problem,
    RecordTypeError,
)
from partnership_model.vocabulary import Authority, EngagementLevel

AUTHORITY_FOR_LEVEL: Final[Mapping[EngagementLevel, Authority]] = MappingProxyType(
    {
        EngagementLevel.MICRO: Authority.MEMBER,
        EngagementLevel.MESO: Authority.MANAGERIAL,
        EngagementLevel.MACRO: Authority.PUBLIC_AUTHORITY,
    }
)
"""How a format-1.0 authority ``level`` becomes an :class:`Authority`."""

LEVEL_FOR_AUTHORITY: Final[Mapping[Authority, EngagementLevel]] = MappingProxyType(
    {authority: level for level, authority in AUTHORITY_FOR_LEVEL.items()}
)
"""The inverse table, behind the deprecated ``level`` attributes."""

MIGRATED: Final = "migrated_level"
"""The code of every migration notice."""


# -- the deprecated Python aliases ------------------------------------------------------


def authority_from_level_argument(
    owner: str, level: object, authority: object, *, stacklevel: int = 3
) -> Any:
    """Turn a deprecated ``level=`` argument into the authority to use.

    Returns *authority* unchanged when *level* is ``None``; otherwise warns
    (:class:`DeprecationWarning`) and returns the authority *level* maps to.

    Raises:
        InvalidRecordError: Both *level* and *authority* were given.
        RecordTypeError: *level* is not an
            :class:`~partnership_model.EngagementLevel` member.
    """
    if level is None:
        return authority
    if type(level) is not EngagementLevel:
        raise RecordTypeError(
            "level",
            level,
            "expected an EngagementLevel member (level is a deprecated alias: "
            "pass authority= with an Authority member)",
        )
    if authority is not None:
        raise InvalidRecordError(
            "level",
            level,
            "pass authority only: level is its deprecated alias",
            code="ambiguous",
        )
    mapped = AUTHORITY_FOR_LEVEL[level]
    warnings.warn(
        f"{owner}(level=...) is deprecated since 0.1.0 (format 1.1): pass "
        f"authority=Authority.{mapped.name} (the authority level {level.value!r} "
        "maps to it); the Montreal level belongs to the engagement",
        DeprecationWarning,
        stacklevel=stacklevel,
    )
    return mapped


def level_of(owner: str, authority: Authority | None) -> EngagementLevel | None:
    """Implement a deprecated ``level`` attribute: warn, then map back."""
    warnings.warn(
        f"{owner}.level is deprecated since 0.1.0 (format 1.1): read "
        f"{owner}.authority, an Authority",
        DeprecationWarning,
        stacklevel=3,
    )
    return None if authority is None else LEVEL_FOR_AUTHORITY[authority]


# -- migrating data ---------------------------------------------------------------------


def migrate_level(
    container: dict[str, Any],
    path: str,
    changes: list[Problem],
    problems: list[Problem],
) -> None:
    """Rename a 1.0 ``level`` key of *container* to ``authority``, in place.

    Each migration is appended to *changes*; a value the table does not know,
    or a container holding both keys, is a problem appended to *problems*
    (and the ``level`` key is dropped, so that it is not reported a second
    time as an unknown key: the problem refuses the document anyway).
    """
    if "level" not in container:
        return
    value = container.pop("level")
    where = f"{path}.level"
    if "authority" in container:
        problems.append(
            Problem(
                where,
                "both 'level' (format 1.0) and 'authority' (format 1.1) are given; "
                "keep authority",
                "ambiguous",
            )
        )
        return
    try:
        level = EngagementLevel.from_value(value) if type(value) is str else None
    except ValueError:
        level = None
    if level is None:
        accepted = ", ".join(member.value for member in EngagementLevel)
        problems.append(
            Problem(
                where,
                f"cannot migrate {value!r} to an authority: a format 1.0 level is "
                f"one of {accepted}",
                "unknown_term",
            )
        )
        return
    authority = AUTHORITY_FOR_LEVEL[level]
    container["authority"] = authority.value
    changes.append(describe(where, level, authority))


def describe(where: str, level: EngagementLevel, authority: Authority) -> Problem:
    """The notice of one migrated field."""
    return Problem(
        where,
        f"format 1.0 level {level.value!r} read as authority {authority.value!r}",
        MIGRATED,
    )


def migrate_register(
    data: dict[str, Any],
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Migrate the body of a format-1.0 register to 1.1.

    Returns a migrated copy of *data* (the input is not changed), the notices
    of the migrated fields (for :func:`warn`, once the register has loaded)
    and the problems that prevent the migration.
    """
    changes: list[Problem] = []
    problems: list[Problem] = []
    body = dict(data)
    organisations = body.get("organisations")
    if isinstance(organisations, list):
        body["organisations"] = [
            _migrated(item, f"$.organisations[{i}]", changes, problems)
            for i, item in enumerate(organisations)
        ]
    engagements = body.get("engagements")
    if isinstance(engagements, list):
        migrated_engagements = []
        for e_index, item in enumerate(engagements):
            engagement = item
            participants = item.get("participants") if type(item) is dict else None
            if isinstance(participants, list):
                engagement = dict(item)
                engagement["participants"] = [
                    _migrated(
                        item,
                        f"$.engagements[{e_index}].participants[{p_index}]",
                        changes,
                        problems,
                    )
                    for p_index, item in enumerate(participants)
                ]
            migrated_engagements.append(engagement)
        body["engagements"] = migrated_engagements
    return body, changes, problems


def _migrated(
    item: object, path: str, changes: list[Problem], problems: list[Problem]
) -> object:
    if type(item) is not dict or "level" not in item:
        return item
    copy = dict(item)
    migrate_level(copy, path, changes, problems)
    return copy


def warn(
    changes: Sequence[Problem], found_version: str | None, *, stacklevel: int
) -> None:
    """Report migrated fields as one :class:`MigrationWarning` (nothing if none)."""
    if not changes:
        return
    count = len(changes)
    shown = "; ".join(str(change) for change in changes[:5])
    more = f" (and {count - 5} more)" if count > 5 else ""
    origin = f"a format {found_version} document" if found_version else "data"
    warnings.warn(
        MigrationWarning(
            f"read {origin} with {count} authority level(s) of format 1.0, migrated "
            f"to format 1.1 authorities (micro -> member, meso -> managerial, macro "
            f"-> public_authority); review them, then save to write format 1.1: "
            f"{shown}{more}",
            changes,
            found_version,
        ),
        stacklevel=stacklevel + 1,
    )
