"""Private: reading format 1.0 documents as format 1.1.

Two changes of format 1.1 need a migration of 1.0 data; every migrated field
is reported (:class:`~partnership_model.MigrationWarning`), never silent.

**Research stages.** Format 1.0 recorded an engagement's research stages as a
set of stages, with one degree for the whole engagement. Format 1.1 gives each
stage its own degree (``{"stage": ..., "degree": ...}``). A 1.0 stage is read
at the engagement's degree, which is what 1.0 said (the engagement's degree
held for every stage), and which keeps the 1.1 rule that an engagement's
degree is the highest of its stages'.

**Authority.**
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
from partnership_model.vocabulary import Authority, EngagementDegree, EngagementLevel

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
"""The code of the notice of a migrated authority level."""

MIGRATED_STAGES: Final = "migrated_stages"
"""The code of the notice of migrated research stages."""


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
            if type(item) is dict:
                engagement = dict(item)
                where = f"$.engagements[{e_index}]"
                participants = item.get("participants")
                if isinstance(participants, list):
                    engagement["participants"] = [
                        _migrated(
                            participant,
                            f"{where}.participants[{p_index}]",
                            changes,
                            problems,
                        )
                        for p_index, participant in enumerate(participants)
                    ]
                _migrate_stages(engagement, where, changes)
            migrated_engagements.append(engagement)
        body["engagements"] = migrated_engagements
    return body, changes, problems


def _migrate_stages(
    engagement: dict[str, Any], path: str, changes: list[Problem]
) -> None:
    """Give each 1.0 research stage of *engagement* the engagement's degree, in place.

    Items that are not stage tokens are left for the loader to refuse. When
    the engagement's degree is not a degree, the document is refused for it
    anyway, and the stages are dropped rather than reported a second time.
    """
    stages = engagement.get("research_stages")
    if not isinstance(stages, list) or not any(type(s) is str for s in stages):
        return
    degree = engagement.get("degree")
    if type(degree) is not str or degree not in EngagementDegree.values():
        del engagement["research_stages"]
        return
    engagement["research_stages"] = [
        {"stage": stage, "degree": degree} if type(stage) is str else stage
        for stage in stages
    ]
    changes.append(
        Problem(
            f"{path}.research_stages",
            f"format 1.0 research stages read at the engagement's degree {degree!r}",
            MIGRATED_STAGES,
        )
    )


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
    kinds = []
    if any(change.code == MIGRATED for change in changes):
        kinds.append(
            "authority levels read as authorities (micro -> member, meso -> "
            "managerial, macro -> public_authority)"
        )
    if any(change.code == MIGRATED_STAGES for change in changes):
        kinds.append("research stages read at their engagement's degree")
    warnings.warn(
        MigrationWarning(
            f"read {origin} with {count} field(s) of format 1.0, migrated to "
            f"format 1.1: {' and '.join(kinds)}; review them, then save to write "
            f"format 1.1: {shown}{more}",
            changes,
            found_version,
        ),
        stacklevel=stacklevel + 1,
    )
