"""Records of a partnership register: people, organisations, engagements.

A partnership team keeps a *register*: each :class:`Engagement` says who took
part (:class:`Participant`, in which :class:`~partnership_model.Role`), in which
domain, at which Montreal level and degree, and who led it. The register
(:class:`Register`) also lists the people and organisations the engagements
refer to.

Records are immutable (frozen attrs classes, keyword-only) and validated when
they are built: an invalid value or combination raises an
:class:`~partnership_model.exceptions.InvalidRecordError` subclass that names the
field. They do no I/O; reading and writing JSON lives in
:mod:`partnership_model.serialization`. Use :func:`attrs.evolve` to derive a
changed copy.

People are personal data: a person is identified by an opaque id and a display
name is never required.

Examples:
    >>> from partnership_model import (
    ...     Engagement, EngagementDegree, EngagementDomain, EngagementLevel,
    ...     Leadership, Participant, Register, Role,
    ... )
    >>> teaching = Engagement(
    ...     id="udem-course",
    ...     title="Patients teach in medical courses",
    ...     domain=EngagementDomain.EDUCATION,
    ...     level=EngagementLevel.MESO,
    ...     degree=EngagementDegree.PARTNERSHIP,
    ...     leadership=Leadership.CO_LED,
    ...     participants=[
    ...         Participant(person_id="p1", role=Role.PATIENT_TRAINER),
    ...         Participant(person_id="p2", role=Role.EDUCATOR),
    ...     ],
    ... )
    >>> teaching.participants[0].sphere
    <Sphere.COMMUNITY: 'community'>
    >>> register = Register.from_engagements([teaching])
    >>> [person.id for person in register.people]
    ['p1', 'p2']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import ClassVar, cast

import attrs

from partnership_model import _migration, _record_rules as _rules, _validators as v
from partnership_model.dates import PartialDate
from partnership_model.exceptions import (
    UnknownReferenceError,
)
from partnership_model.vocabulary import (
    Authority,
    ContributionSought,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    ExperienceCapacity,
    HealthConditionKind,
    KnowledgeType,
    Leadership,
    ProjectPhase,
    RecognitionModality,
    ResearchStage,
    Role,
    Sphere,
    TiersAction,
    TogetherActivity,
)

__all__ = [
    "SCHEMA_VERSION",
    "Engagement",
    "Organisation",
    "Participant",
    "Person",
    "Register",
    "StageDegree",
]


def __dir__() -> list[str]:
    return __all__


SCHEMA_VERSION = "1.1"
"""Version of the document format this release writes (``MAJOR.MINOR``).

It reads every 1.x document up to this one. A 1.0 document is migrated, and
the migration reported: the authority ``level`` of participants and
organisations becomes ``authority``, and each research stage of an engagement
gets the engagement's degree (see the compatibility page).
"""


# -- records ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Person:
    """A person the register refers to.

    Attributes:
        id: Opaque, stable identifier of the person within the register.
        display_name: How the person may be named in reports; never required.
        note: Free-text note. May identify the person: dropped by
            :func:`~partnership_model.pseudonymize` unless asked to keep it.
    """

    id: str = attrs.field(converter=_rules.to_id, validator=v.identifier)
    display_name: str | None = attrs.field(default=None, validator=v.optional_text)
    note: str | None = attrs.field(default=None, validator=v.optional_text)


@attrs.frozen(kw_only=True, init=False)
class Organisation:
    """An organisation the register refers to: association, team, institution, tiers.

    An organisation has no formal authority of its own unless you state one:
    leave :attr:`authority` unset for a patient association, a clinical team or
    a research centre, and set it where the organisation exercises formal
    authority over the people it engages with (a ministry:
    ``Authority.PUBLIC_AUTHORITY``). How the ecology classifies ties to an
    organisation with or without an authority is set by its
    :class:`~partnership_model.ClassificationPolicy`.

    Attributes:
        id: Stable identifier of the organisation within the register.
        name: Name of the organisation.
        sphere: Whether it belongs to the community (a patient association) or
            the professional sphere (a clinical team, a ministry).
        authority: The formal authority it holds over the people it engages
            with, when it holds one; unset (``None``) otherwise.
        role: The role it plays, when one applies (for example
            ``Role.THIRD_PARTY`` for a tiers structure).
        note: Free-text note.

    .. versionchanged:: 0.1.0
       ``authority`` (optional) replaces the required authority ``level``;
       ``level=`` still works, with a :class:`DeprecationWarning`, and maps
       micro, meso and macro to member, managerial and public authority.
    """

    id: str = attrs.field(converter=_rules.to_id, validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    sphere: Sphere = attrs.field(validator=v.member_of(Sphere))
    authority: Authority | None = attrs.field(
        default=None, validator=v.optional_member_of(Authority)
    )
    role: Role | None = attrs.field(default=None, validator=v.optional_member_of(Role))
    note: str | None = attrs.field(default=None, validator=v.optional_text)

    def __init__(
        self,
        *,
        id: str,  # noqa: A002 - the field's name
        name: str,
        sphere: Sphere,
        authority: Authority | None = None,
        role: Role | None = None,
        note: str | None = None,
        level: EngagementLevel | None = None,
    ) -> None:
        self.__attrs_init__(
            id=id,
            name=name,
            sphere=sphere,
            authority=_migration.authority_from_level_argument(
                "Organisation", level, authority
            ),
            role=role,
            note=note,
        )

    @property
    def level(self) -> EngagementLevel | None:
        """The format-1.0 reading of :attr:`authority` (deprecated).

        .. deprecated:: 0.1.0
           Read :attr:`authority`.
        """
        return _migration.level_of("Organisation", self.authority)


def _role_sphere(participant: Participant) -> Sphere:
    role = participant.role
    return role.sphere if type(role) is Role else Sphere.COMMUNITY


def _role_authority(participant: Participant) -> Authority:
    role = participant.role
    return role.authority if type(role) is Role else Authority.MEMBER


@attrs.frozen(kw_only=True, init=False)
class Participant:
    """A person taking part in one engagement, in one role.

    The role is recorded on the participation, not on the person: the same
    person may act as a clinician in one engagement and as a family caregiver
    in another.

    The participant's :attr:`authority` is the formal authority the person
    holds in the engagement's setting, by default the role's
    (:attr:`Role.authority <partnership_model.Role.authority>`). The
    engagement's Montreal ``level`` never sets it: a patient partner on a
    provincial committee engages at the macro level and keeps a patient
    partner's authority.

    Attributes:
        person_id: Identifier of the person (see :class:`Person`).
        role: The role in which the person takes part.
        sphere: The sphere the person acts in; defaults to the role's sphere.
        authority: The formal authority the person holds in this engagement;
            defaults to the role's authority.
        decision_role: Whether the person holds a decision role in the
            engagement (co-chair, co-lead, voting member...).
        display_name: How to name the person in reports; never required.
        contributions_sought: What the engagement seeks from the person (a
            perspective, a direct experience, experiential knowledge...);
            empty when not recorded.
        knowledge_types: The types of patient knowledge the person brings;
            empty when not recorded.
        experience_capacities: In what capacity the person lived the health
            experience they bring (personally, as a caregiver, or both);
            empty when not recorded.
        health_condition_kinds: The kinds of health condition lived
            (physical, mental, psychosocial); empty when not recorded.

    .. versionchanged:: 0.1.0
       ``authority`` replaces the authority ``level``; ``level=`` still
       works, with a :class:`DeprecationWarning` (micro, meso and macro map
       to member, managerial and public authority). Format 1.1 adds
       ``contributions_sought``, ``knowledge_types``,
       ``experience_capacities`` and ``health_condition_kinds``.
    """

    person_id: str = attrs.field(converter=_rules.to_id, validator=v.identifier)
    role: Role = attrs.field(validator=v.member_of(Role))
    sphere: Sphere = attrs.field(
        default=attrs.Factory(_role_sphere, takes_self=True),
        validator=v.member_of(Sphere),
    )
    authority: Authority = attrs.field(
        default=attrs.Factory(_role_authority, takes_self=True),
        validator=v.member_of(Authority),
    )
    decision_role: bool = attrs.field(default=False, validator=v.boolean)
    display_name: str | None = attrs.field(default=None, validator=v.optional_text)
    contributions_sought: frozenset[ContributionSought] = attrs.field(
        default=frozenset(),
        converter=_rules.contributions,
        validator=v.members_of(ContributionSought),
    )
    knowledge_types: frozenset[KnowledgeType] = attrs.field(
        default=frozenset(),
        converter=_rules.knowledge,
        validator=v.members_of(KnowledgeType),
    )
    experience_capacities: frozenset[ExperienceCapacity] = attrs.field(
        default=frozenset(),
        converter=_rules.capacities,
        validator=v.members_of(ExperienceCapacity),
    )
    health_condition_kinds: frozenset[HealthConditionKind] = attrs.field(
        default=frozenset(),
        converter=_rules.conditions,
        validator=v.members_of(HealthConditionKind),
    )

    def __init__(
        self,
        *,
        person_id: str,
        role: Role,
        sphere: Sphere | None = None,
        authority: Authority | None = None,
        display_name: str | None = None,
        decision_role: bool = False,
        contributions_sought: Iterable[ContributionSought] = frozenset(),
        knowledge_types: Iterable[KnowledgeType] = frozenset(),
        experience_capacities: Iterable[ExperienceCapacity] = frozenset(),
        health_condition_kinds: Iterable[HealthConditionKind] = frozenset(),
        level: EngagementLevel | None = None,
    ) -> None:
        """Build a participant; ``None`` for *sphere* or *authority* means the role's."""
        if level is not None:
            authority = _migration.authority_from_level_argument(
                "Participant", level, authority
            )
        by_role = type(role) is Role
        self.__attrs_init__(
            person_id=person_id,
            role=role,
            sphere=sphere
            if sphere is not None
            else (role.sphere if by_role else Sphere.COMMUNITY),
            authority=authority
            if authority is not None
            else (role.authority if by_role else Authority.MEMBER),
            decision_role=decision_role,
            display_name=display_name,
            contributions_sought=contributions_sought,
            knowledge_types=knowledge_types,
            experience_capacities=experience_capacities,
            health_condition_kinds=health_condition_kinds,
        )

    @property
    def level(self) -> EngagementLevel:
        """The format-1.0 reading of :attr:`authority` (deprecated).

        .. deprecated:: 0.1.0
           Read :attr:`authority`.
        """
        return cast(
            "EngagementLevel", _migration.level_of("Participant", self.authority)
        )


@attrs.frozen(kw_only=True)
class StageDegree:
    """The degree of engagement at one research stage of an engagement.

    Reporting guidelines ask for the level of involvement at each stage of
    the research, not only for the project as a whole (GRIPP2 long form,
    items 4c and 4d: Staniszewska et al. 2017, doi:10.1186/s40900-017-0062-2),
    so an engagement records its research stages each with its own degree.

    Attributes:
        stage: The research stage.
        degree: The degree of engagement at that stage.

    Examples:
        >>> from partnership_model import EngagementDegree, ResearchStage, StageDegree
        >>> StageDegree(stage=ResearchStage.DESIGN, degree=EngagementDegree.PARTNERSHIP)
        StageDegree(stage=<ResearchStage.DESIGN: 'design'>, degree=<EngagementDegree.PARTNERSHIP: 'partnership'>)

    .. versionadded:: 0.1.0
    """

    stage: ResearchStage = attrs.field(validator=v.member_of(ResearchStage))
    degree: EngagementDegree = attrs.field(validator=v.member_of(EngagementDegree))


@attrs.frozen(kw_only=True)
class Engagement:
    """One engagement of patients, caregivers or citizens: a project, committee, course...

    An engagement that records research stages gives each its own degree
    (:class:`StageDegree`); its :attr:`degree` is then the highest of them,
    the most shared degree of engagement it reaches (this library's rule: the
    Montreal matrix places each engagement once, and the research-engagement
    matrix shows each stage's degree).

    Attributes:
        id: Stable identifier of the engagement within the register.
        title: Short title.
        domain: The Quebec domain of involvement (the primary one).
        level: The Montreal level at which the engagement takes place.
        degree: The Montreal degree of engagement; when research stages are
            recorded, the highest of their degrees.
        leadership: Who leads the engagement; ``None`` when the sources do not
            say.
        participants: Who takes part, each in one role; a person appears at
            most once.
        organisations: Identifiers of the organisations involved (see
            :class:`Organisation`).
        description: Free-text description. May identify people: dropped by
            :func:`~partnership_model.pseudonymize` unless asked to keep it.
        start: When the engagement started, as precisely as known (a year, a
            month or a day: :class:`~partnership_model.PartialDate`).
        end: When it ended, as precisely as known; not entirely before
            *start*.
        research_stages: The research stages at which partners are engaged,
            each with its degree; a stage appears at most once.
        secondary_domains: Other domains the engagement also works in (a
            platform that spans several), never the primary domain.
        activities: The "together" activities of the Ecology of Engagement
            the engagement contributes to.
        recognition: How engaged people are recognised; empty means none
            recorded.
        partners_joined_at: The project phase at which partners joined, if
            known.
        trained_together: Whether partners and professionals trained together
            (``None``: unknown).
        evaluated_together: Whether partners and professionals evaluated the
            work together (``None``: unknown).
        tiers_actions: Actions of a tiers (third party) that supported the
            engagement.
        sources: Where the facts about this engagement come from: bibliography
            keys, citations or URLs.

    .. versionchanged:: 0.1.0
       Format 1.1: ``research_stages`` holds :class:`StageDegree` items,
       ``start`` and ``end`` are partial dates (a :class:`datetime.date` is
       still accepted), ``leadership`` may be ``None``, and
       ``secondary_domains`` is new.
    """

    id: str = attrs.field(converter=_rules.to_id, validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    domain: EngagementDomain = attrs.field(validator=v.member_of(EngagementDomain))
    level: EngagementLevel = attrs.field(validator=v.member_of(EngagementLevel))
    degree: EngagementDegree = attrs.field(validator=v.member_of(EngagementDegree))
    leadership: Leadership | None = attrs.field(
        default=None, validator=v.optional_member_of(Leadership)
    )
    participants: tuple[Participant, ...] = attrs.field(
        default=(),
        converter=_rules.participants,
        validator=v.instances_of(Participant),
    )
    organisations: tuple[str, ...] = attrs.field(
        default=(), converter=_rules.to_ids, validator=v.identifiers
    )
    description: str | None = attrs.field(default=None, validator=v.optional_text)
    start: PartialDate | None = attrs.field(
        default=None, converter=_rules.to_date, validator=v.optional_date
    )
    end: PartialDate | None = attrs.field(
        default=None, converter=_rules.to_date, validator=v.optional_date
    )
    research_stages: tuple[StageDegree, ...] = attrs.field(
        default=(),
        converter=_rules.stage_degrees,
        validator=v.instances_of(StageDegree),
    )
    secondary_domains: frozenset[EngagementDomain] = attrs.field(
        default=frozenset(),
        converter=_rules.domains,
        validator=v.members_of(EngagementDomain),
    )
    activities: frozenset[TogetherActivity] = attrs.field(
        default=frozenset(),
        converter=_rules.activities,
        validator=v.members_of(TogetherActivity),
    )
    recognition: frozenset[RecognitionModality] = attrs.field(
        default=frozenset(),
        converter=_rules.recognition,
        validator=v.members_of(RecognitionModality),
    )
    partners_joined_at: ProjectPhase | None = attrs.field(
        default=None, validator=v.optional_member_of(ProjectPhase)
    )
    trained_together: bool | None = attrs.field(
        default=None, validator=v.optional_boolean
    )
    evaluated_together: bool | None = attrs.field(
        default=None, validator=v.optional_boolean
    )
    tiers_actions: frozenset[TiersAction] = attrs.field(
        default=frozenset(),
        converter=_rules.tiers_actions,
        validator=v.members_of(TiersAction),
    )
    sources: tuple[str, ...] = attrs.field(
        default=(), converter=_rules.strings, validator=v.texts
    )

    def __attrs_post_init__(self) -> None:
        v.raise_violations(_rules.engagement_errors(self))

    @property
    def stages(self) -> frozenset[ResearchStage]:
        """The research stages recorded, without their degrees."""
        return frozenset(item.stage for item in self.research_stages)

    def degree_at(self, stage: ResearchStage) -> EngagementDegree | None:
        """The degree of engagement at *stage*, or ``None`` if it is not recorded."""
        for item in self.research_stages:
            if item.stage is stage:
                return item.degree
        return None

    @property
    def community_participants(self) -> tuple[Participant, ...]:
        """Participants acting in the community sphere."""
        return tuple(p for p in self.participants if p.sphere is Sphere.COMMUNITY)

    @property
    def professional_participants(self) -> tuple[Participant, ...]:
        """Participants acting in the professional sphere."""
        return tuple(p for p in self.participants if p.sphere is Sphere.PROFESSIONAL)

    @property
    def earliest_research_stage(self) -> ResearchStage | None:
        """The most upstream research stage recorded, ignoring research governance."""
        stages = [
            item.stage
            for item in self.research_stages
            if item.stage is not ResearchStage.RESEARCH_GOVERNANCE
        ]
        return min(stages) if stages else None


@attrs.frozen(kw_only=True)
class Register:
    """A register of engagements, with the people and organisations they refer to.

    This is the top-level document the serialization layer reads and writes;
    its format version is :attr:`schema_version`.

    Every participant must name a person of :attr:`people` and every
    organisation an engagement lists must be in :attr:`organisations`; ids are
    unique within each list. :meth:`from_engagements` fills in the people for
    you.

    Attributes:
        name: Name of the register.
        people: The people the engagements refer to.
        organisations: The organisations the engagements refer to.
        engagements: The engagements, in register order.
    """

    schema_version: ClassVar[str] = SCHEMA_VERSION

    name: str | None = attrs.field(default=None, validator=v.optional_text)
    people: tuple[Person, ...] = attrs.field(
        default=(), converter=_rules.people, validator=v.instances_of(Person)
    )
    organisations: tuple[Organisation, ...] = attrs.field(
        default=(),
        converter=_rules.organisations,
        validator=v.instances_of(Organisation),
    )
    engagements: tuple[Engagement, ...] = attrs.field(
        default=(), converter=_rules.engagements, validator=v.instances_of(Engagement)
    )

    def __attrs_post_init__(self) -> None:
        v.raise_violations(_rules.register_errors(self))

    @classmethod
    def from_engagements(
        cls,
        engagements: Iterable[Engagement],
        *,
        people: Iterable[Person] = (),
        organisations: Iterable[Organisation] = (),
        name: str | None = None,
    ) -> Register:
        """Build a register, adding a :class:`Person` for every unlisted participant.

        A person added this way takes the first display name the participations
        give, if any. Organisations are not invented: every organisation an
        engagement lists must be given.
        """
        engagements = tuple(engagements)
        listed = list(people)
        known = {person.id for person in listed}
        for engagement in engagements:
            for participant in engagement.participants:
                if participant.person_id not in known:
                    known.add(participant.person_id)
                    listed.append(
                        Person(
                            id=participant.person_id,
                            display_name=participant.display_name,
                        )
                    )
        return cls(
            engagements=engagements,
            people=listed,
            organisations=organisations,
            name=name,
        )

    def __iter__(self) -> Iterator[Engagement]:
        """Iterate the engagements."""
        return iter(self.engagements)

    def __len__(self) -> int:
        """The number of engagements."""
        return len(self.engagements)

    @cached_property
    def _engagement_index(self) -> dict[str, Engagement]:
        return {e.id: e for e in self.engagements}

    @cached_property
    def _person_index(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def _organisation_index(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.organisations}

    def engagement(self, engagement_id: str) -> Engagement:
        """Return the engagement with this id.

        Raises:
            UnknownReferenceError: No engagement has this id.
        """
        try:
            return self._engagement_index[engagement_id]
        except KeyError:
            raise UnknownReferenceError(engagement_id, "engagement") from None

    def person(self, person_id: str) -> Person:
        """Return the person with this id.

        Raises:
            UnknownReferenceError: No person has this id.
        """
        try:
            return self._person_index[person_id]
        except KeyError:
            raise UnknownReferenceError(person_id, "person") from None

    def organisation(self, organisation_id: str) -> Organisation:
        """Return the organisation with this id.

        Raises:
            UnknownReferenceError: No organisation has this id.
        """
        try:
            return self._organisation_index[organisation_id]
        except KeyError:
            raise UnknownReferenceError(organisation_id, "organisation") from None
