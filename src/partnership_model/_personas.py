"""Private: the actors and relations of a register (model rules 4 and 5).

:meth:`EcologyGraph.from_engagements
<partnership_model.ecology.EcologyGraph.from_engagements>` calls
:func:`actors_and_relations` and builds the graph from its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnership_model._actors import Actor, Relation
from partnership_model.exceptions import (
    DuplicateIdError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Organisation, Register
from partnership_model.vocabulary import ActorKind, Authority, Role, Sphere

Profile = tuple[Sphere, Authority]
"""A persona's profile: the sphere a person acts in and the authority they hold."""


def persona_id(person_id: str, profile: Profile) -> str:
    """The node id of one persona of a person with several profiles."""
    sphere, authority = profile
    return f"{person_id}@{sphere.value}:{authority.value}"


def actors_and_relations(
    engagements: Iterable[Engagement] | Register,
    *,
    include_organisations: bool,
    organisations: Iterable[Organisation],
) -> tuple[list[Actor], list[Relation]]:
    """The actors (personas, then organisations) and relations of *engagements*.

    Raises:
        RecordTypeError: An item is not an Engagement (or an Organisation).
        UnknownReferenceError: An engagement lists an organisation with no
            record.
        DuplicateIdError: An organisation and a person share an id.
    """
    names: dict[str, str] = {}
    if isinstance(engagements, Register):
        records: tuple[Engagement, ...] = engagements.engagements
        organisation_index = {o.id: o for o in engagements.organisations}
        names = {p.id: p.display_name for p in engagements.people if p.display_name}
    else:
        records = tuple(engagements)
        organisation_index = {}
        for index, organisation in enumerate(organisations):
            if type(organisation) is not Organisation:
                raise RecordTypeError(
                    f"organisations[{index}]", organisation, "expected an Organisation"
                )
            organisation_index[organisation.id] = organisation

    # Pass 1: every profile each person acts with, and the roles of each.
    profiles: dict[str, dict[Profile, set[Role]]] = {}
    for index, engagement in enumerate(records):
        if type(engagement) is not Engagement:
            raise RecordTypeError(
                f"engagements[{index}]", engagement, "expected an Engagement"
            )
        for participant in engagement.participants:
            person_profiles = profiles.setdefault(participant.person_id, {})
            profile = (participant.sphere, participant.authority)
            person_profiles.setdefault(profile, set()).add(participant.role)
            if participant.display_name and participant.person_id not in names:
                names[participant.person_id] = participant.display_name

    actors: list[Actor] = []
    node_of: dict[tuple[str, Profile], str] = {}
    for person_id, person_profiles in profiles.items():
        several = len(person_profiles) > 1
        for profile, roles in person_profiles.items():
            node_id = persona_id(person_id, profile) if several else person_id
            node_of[person_id, profile] = node_id
            actors.append(
                Actor(
                    id=node_id,
                    sphere=profile[0],
                    authority=profile[1],
                    role=next(iter(roles)) if len(roles) == 1 else None,
                    label=names.get(person_id),
                    person_id=person_id if several else None,
                )
            )
    person_node_ids = set(node_of.values())

    organisation_actors: dict[str, Actor] = {}
    relations: list[Relation] = []
    for index, engagement in enumerate(records):
        members = [
            node_of[p.person_id, (p.sphere, p.authority)]
            for p in engagement.participants
        ]
        common: dict[str, Any] = {
            "engagement_id": engagement.id,
            "degree": engagement.degree,
            "start": engagement.start,
            "end": engagement.end,
        }
        for i, first in enumerate(members):
            relations.extend(
                Relation(source=first, target=second, **common)
                for second in members[i + 1 :]
            )
        if not include_organisations:
            continue
        for o_index, organisation_id in enumerate(engagement.organisations):
            record = organisation_index.get(organisation_id)
            field = f"engagements[{index}].organisations[{o_index}]"
            if record is None:
                raise UnknownReferenceError(organisation_id, "organisation", field)
            if organisation_id in person_node_ids:
                raise DuplicateIdError(
                    field, organisation_id, "an organisation and a person share this id"
                )
            if organisation_id not in organisation_actors:
                organisation_actors[organisation_id] = Actor(
                    id=organisation_id,
                    sphere=record.sphere,
                    authority=record.authority,
                    kind=ActorKind.ORGANISATION,
                    role=record.role,
                    label=record.name,
                )
            relations.extend(
                Relation(source=organisation_id, target=member, **common)
                for member in members
            )
    return [*actors, *organisation_actors.values()], relations
