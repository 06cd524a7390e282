"""Private: the records of the ecology graph (actors and relations).

Public under :mod:`partnership_model.ecology`, which re-exports them; they live
here, below the graph, so that the modules reading graphs from data can build
them without importing the graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from partnership_model import _migration, _validators as v
from partnership_model.dates import PartialDate, as_partial_date
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.vocabulary import (
    ActorKind,
    Authority,
    EngagementDegree,
    EngagementLevel,
    RelationType,
    Role,
    Sphere,
)

__all__ = ["Actor", "ClassifiedRelation", "Relation"]


def _id(value: str) -> str:
    return v.nfc(value)


def _optional_id(value: str | None) -> str | None:
    return v.nfc(value) if value is not None else None


def _date(value: PartialDate | dt.date | None) -> PartialDate | None:
    return as_partial_date(value)  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True, init=False)
class Actor:
    """A member of the health ecosystem: a person (persona) or an organisation.

    Attributes:
        id: Identifier of the actor, unique within a graph.
        sphere: Whether the actor acts as a community member or as a
            professional.
        authority: The formal authority the actor holds in the setting of its
            engagements (:class:`~partnership_model.Authority`). Required for
            a person; an organisation holds one only when it is stated.
        kind: Whether the actor is a person or an organisation.
        role: The role the actor acts in, when one is known.
        label: How to name the actor in drawings and exports; never required.
        person_id: For one persona of a person who acts with several profiles,
            the id of that person (see :mod:`partnership_model.ecology`).

    Raises:
        InvalidRecordError: A field is invalid, or a person has no authority
            (field ``authority``, code ``missing_authority``).

    Examples:
        >>> from partnership_model import Authority, Sphere
        >>> Actor(id="a1", sphere=Sphere.COMMUNITY, authority=Authority.MEMBER)
        Actor(id='a1', sphere=<Sphere.COMMUNITY: 'community'>, authority=<Authority.MEMBER: 'member'>, kind=<ActorKind.PERSON: 'person'>, role=None, label=None, person_id=None)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``authority`` replaces the authority ``level``, an
       :class:`~partnership_model.EngagementLevel`; ``level=`` still works,
       with a :class:`DeprecationWarning` (micro, meso and macro map to
       member, managerial and public authority).
    """

    #: Identifier of the actor, unique within a graph.
    id: str = attrs.field(converter=_id, validator=v.identifier)
    #: Community member or professional.
    sphere: Sphere = attrs.field(validator=v.member_of(Sphere))
    #: Formal authority (member < managerial < public authority), if any.
    authority: Authority | None = attrs.field(
        default=None, validator=v.optional_member_of(Authority)
    )
    #: Person or organisation.
    kind: ActorKind = attrs.field(
        default=ActorKind.PERSON, validator=v.member_of(ActorKind)
    )
    #: The role the actor acts in, if known.
    role: Role | None = attrs.field(default=None, validator=v.optional_member_of(Role))
    #: Display name, if any.
    label: str | None = attrs.field(default=None, validator=v.optional_text)
    #: The person this actor is a persona of, for people with several profiles.
    person_id: str | None = attrs.field(
        default=None, converter=_optional_id, validator=v.optional_identifier
    )

    def __init__(
        self,
        *,
        id: str,  # noqa: A002 - the field's name
        sphere: Sphere,
        authority: Authority | None = None,
        kind: ActorKind = ActorKind.PERSON,
        role: Role | None = None,
        label: str | None = None,
        person_id: str | None = None,
        level: EngagementLevel | None = None,
    ) -> None:
        self.__attrs_init__(
            id=id,
            sphere=sphere,
            authority=_migration.authority_from_level_argument(
                "Actor", level, authority
            ),
            kind=kind,
            role=role,
            label=label,
            person_id=person_id,
        )

    def __attrs_post_init__(self) -> None:
        if self.authority is None and self.kind is ActorKind.PERSON:
            raise InvalidRecordError(
                "authority",
                None,
                "a person needs an authority (Actor.from_role gives the role's); "
                "only an organisation may leave it unset",
                code="missing_authority",
            )

    @property
    def level(self) -> EngagementLevel | None:
        """The format-1.0 reading of :attr:`authority` (deprecated).

        .. deprecated:: 0.1.0
           Read :attr:`authority`.
        """
        return _migration.level_of("Actor", self.authority)

    @classmethod
    def from_role(
        cls,
        id: str,  # noqa: A002 - mirrors the field name
        role: Role,
        *,
        sphere: Sphere | None = None,
        authority: Authority | None = None,
        kind: ActorKind = ActorKind.PERSON,
        label: str | None = None,
        person_id: str | None = None,
        level: EngagementLevel | None = None,
    ) -> Actor:
        """Build an actor whose sphere and authority come from *role*.

        Args:
            id: Identifier of the actor.
            role: The role the actor acts in.
            sphere: Overrides :attr:`Role.sphere <partnership_model.Role.sphere>`.
            authority: Overrides :attr:`Role.authority
                <partnership_model.Role.authority>`.
            kind: Person (default) or organisation.
            label: Display name.
            person_id: The person this actor is a persona of.
            level: Deprecated alias of *authority* (an
                :class:`~partnership_model.EngagementLevel`, mapped through
                the format-1.0 table).

        Raises:
            RecordTypeError: *role* is not a :class:`~partnership_model.Role`.

        Examples:
            >>> from partnership_model import Role
            >>> Actor.from_role("m1", Role.MANAGER).authority
            <Authority.MANAGERIAL: 'managerial'>
        """
        if type(role) is not Role:
            raise RecordTypeError("role", role, "expected a Role member")
        authority = _migration.authority_from_level_argument(
            "Actor.from_role", level, authority
        )
        return cls(
            id=id,
            sphere=role.sphere if sphere is None else sphere,
            authority=role.authority if authority is None else authority,
            kind=kind,
            role=role,
            label=label,
            person_id=person_id,
        )


@attrs.frozen(kw_only=True)
class Relation:
    """An undirected engagement relation between two actors.

    Attributes:
        source: Id of one actor.
        target: Id of the other actor (relations are undirected: the order
            carries no meaning).
        engagement_id: The engagement the relation comes from, if any.
        degree: The degree of that engagement, if known.
        start: When the relation started, as precisely as known (a
            :class:`~partnership_model.PartialDate`).
        end: When it ended, as precisely as known; not entirely before
            *start*.

    Raises:
        InvalidRecordError: The two ends are the same actor (field
            ``target``) or *end* is before *start* (field ``end``).

    Examples:
        >>> Relation(source="a", target="a")
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.InvalidRecordError: target: a relation joins two different actors (got 'a')

    .. versionadded:: 0.1.0
    """

    #: Id of one actor.
    source: str = attrs.field(converter=_id, validator=v.identifier)
    #: Id of the other actor.
    target: str = attrs.field(converter=_id, validator=v.identifier)
    #: The engagement the relation comes from.
    engagement_id: str | None = attrs.field(
        default=None, converter=_optional_id, validator=v.optional_identifier
    )
    #: Degree of that engagement.
    degree: EngagementDegree | None = attrs.field(
        default=None, validator=v.optional_member_of(EngagementDegree)
    )
    #: When the relation started, as precisely as known.
    start: PartialDate | None = attrs.field(
        default=None, converter=_date, validator=v.optional_date
    )
    #: When it ended, as precisely as known.
    end: PartialDate | None = attrs.field(
        default=None, converter=_date, validator=v.optional_date
    )

    def __attrs_post_init__(self) -> None:
        v.raise_violations(self._cross_field_errors())

    def _cross_field_errors(self) -> Iterator[InvalidRecordError]:
        if self.source == self.target:
            yield InvalidRecordError(
                "target",
                self.target,
                "a relation joins two different actors",
                code="self_loop",
            )
        start, end = self.start, self.end
        if start is not None and end is not None and end.latest < start.earliest:
            yield InvalidRecordError(
                "end",
                end,
                f"the end date is before the start date {start}",
                code="date_order",
            )


@attrs.frozen(kw_only=True)
class ClassifiedRelation:
    """A relation of a graph with its key and its classification under the graph's policy.

    Attributes:
        relation: The relation itself.
        key: The relation's key in the graph (several relations may join the
            same two actors).
        types: Every type that applies.
        primary: The type that wins under the policy's precedence.
        crosses_sphere: Whether the two actors are in different spheres.
        crosses_authority: Whether their authorities differ, as the graph's
            :class:`~partnership_model.ClassificationPolicy` compares them.

    .. versionadded:: 0.1.0
    """

    relation: Relation
    key: int
    types: frozenset[RelationType]
    primary: RelationType
    crosses_sphere: bool
    crosses_authority: bool

    @property
    def source(self) -> str:
        """Id of one end of the relation."""
        return self.relation.source

    @property
    def target(self) -> str:
        """Id of the other end of the relation."""
        return self.relation.target
