"""An independent statement of the classification rules, for the tests.

Written from the documentation of :class:`partnership_model.ClassificationPolicy`
(not from its code): the tests compare the library's classification with it.
"""

from __future__ import annotations

from partnership_model import ActorKind, Authority, RelationType
from partnership_model.ecology import Actor, EcologyGraph
from partnership_model.policy import DEFAULT_POLICY, ClassificationPolicy

B, BR, L = RelationType.BONDING, RelationType.BRIDGING, RelationType.LINKING
RANK = {Authority.MEMBER: 1, Authority.MANAGERIAL: 2, Authority.PUBLIC_AUTHORITY: 3}


def compared_authority(actor: Actor, policy: ClassificationPolicy) -> Authority | None:
    """The actor's own authority; an organisation's assumed one if it states none."""
    if actor.authority is not None:
        return actor.authority
    if actor.kind is ActorKind.ORGANISATION:
        return policy.organisation_authority
    return None


def facts(
    a: Actor, b: Actor, policy: ClassificationPolicy = DEFAULT_POLICY
) -> tuple[bool, bool]:
    """(crosses_sphere, crosses_authority)."""
    first, second = compared_authority(a, policy), compared_authority(b, policy)
    crosses_authority = (
        first is not None
        and second is not None
        and abs(RANK[first] - RANK[second]) >= policy.min_authority_gap
    )
    return a.sphere != b.sphere, crosses_authority


def expected_types(
    a: Actor, b: Actor, policy: ClassificationPolicy = DEFAULT_POLICY
) -> set[RelationType]:
    """Bridging across spheres, linking across authority (per policy), else bonding."""
    sphere, authority = facts(a, b, policy)
    found = set()
    if sphere:
        found.add(BR)
    if authority and (sphere or policy.linking_within_sphere):
        found.add(L)
    return found or {B}


def expected_primary(
    a: Actor, b: Actor, policy: ClassificationPolicy = DEFAULT_POLICY
) -> RelationType:
    """The first of the types in the policy's precedence."""
    types = expected_types(a, b, policy)
    return next(kind for kind in policy.precedence if kind in types)


def recount(graph: EcologyGraph) -> dict[RelationType, int]:
    """Brute-force recount of primary types from the actors' attributes."""
    counts = dict.fromkeys(RelationType, 0)
    for item in graph.relations():
        a, b = graph.actor(item.source), graph.actor(item.target)
        counts[expected_primary(a, b, graph.policy)] += 1
    return counts
