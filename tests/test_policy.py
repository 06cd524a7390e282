"""Tests of partnership_model.policy, and the canonical expectations of issue 11.

Each canonical expectation names, in its docstring, the source it follows.
"""

from __future__ import annotations

import doctest
from typing import Any

import attrs
import pytest
from hypothesis import given

from ecology_oracle import expected_primary, expected_types
from partnership_model import (
    ActorKind,
    Authority,
    ClassificationPolicy,
    Engagement,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    Leadership,
    Organisation,
    Participant,
    Register,
    RelationType,
    Role,
    Sphere,
    VocabularyError,
    policy as policy_module,
    strategies as pms,
)
from partnership_model.ecology import Actor, EcologyGraph, classify_relation
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.policy import (
    CAPTION_READING_POLICY,
    DEFAULT_POLICY,
    LEGACY_1_0_POLICY,
    NAMED_POLICIES,
)

B, BR, L = RelationType.BONDING, RelationType.BRIDGING, RelationType.LINKING
C, P = Sphere.COMMUNITY, Sphere.PROFESSIONAL
MEMBER, MANAGERIAL, PUBLIC = Authority


def test_doctests() -> None:
    """The examples in the module's docstrings run."""
    result = doctest.testmod(policy_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


def _engagement(
    eid: str, level: EngagementLevel, *participants: Participant, **kw: Any
) -> Engagement:
    return Engagement(
        id=eid,
        title=eid,
        domain=EngagementDomain.GOVERNANCE,
        level=level,
        degree=EngagementDegree.COLLABORATION,
        leadership=Leadership.PROFESSIONAL_LED,
        participants=participants,
        **kw,
    )


def _primary(first: Role, second: Role) -> RelationType:
    return classify_relation(Actor.from_role("a", first), Actor.from_role("b", second))


# -- canonical expectations ----------------------------------------------------------


def test_patient_partner_and_clinician_are_bridging() -> None:
    """Bridging joins community members and professionals.

    Source: Boivin2022, figure 2 caption (reproduced in Berkesse2024Bern):
    bridging relations look across, between the community and professionals.
    """
    assert _primary(Role.PATIENT_PARTNER, Role.CLINICIAN) is BR


def test_patient_partner_and_decision_maker_are_linking() -> None:
    """Linking crosses an explicit, formal gradient of authority.

    Source: SzreterWoolcock2004 (citizens dealing with the bodies that plan
    their health services), borrowed by Boivin2022 ("across power, authority
    and levels"). The relation also bridges; linking takes precedence (our
    rule, see the policy module).
    """
    patient = Actor.from_role("p", Role.PATIENT_PARTNER)
    minister = Actor.from_role("m", Role.DECISION_MAKER)
    assert classify_relation(patient, minister) is L
    assert DEFAULT_POLICY.relation_types(patient, minister) == {BR, L}


def test_two_patient_partners_are_bonding() -> None:
    """Bonding looks inward, among community members.

    Source: Boivin2022, figure 2 caption (Berkesse2024Bern).
    """
    assert _primary(Role.PATIENT_PARTNER, Role.PATIENT_PARTNER) is B


def test_two_clinicians_are_bonding() -> None:
    """Bonding looks inward, among professionals.

    Source: Boivin2022, figure 2 caption (Berkesse2024Bern).
    """
    assert _primary(Role.CLINICIAN, Role.CLINICIAN) is B


def test_a_patient_partners_authority_is_the_same_at_micro_and_macro() -> None:
    """The Montreal level says where an engagement acts, not who holds authority.

    Sources: Pomey2015 (the micro, meso and macro levels of the Montreal
    model are parts of the health system); SSAQuebec2023 (a patient partner
    on the Santé Québec transition committee, a macro-level engagement). The
    same person, in the same role, is one actor with one authority whatever
    the level of the engagements.
    """
    ward = _engagement(
        "ward",
        EngagementLevel.MICRO,
        Participant(person_id="pp", role=Role.PATIENT_PARTNER),
        Participant(person_id="nurse", role=Role.CLINICIAN),
    )
    committee = _engagement(
        "committee",
        EngagementLevel.MACRO,
        Participant(person_id="pp", role=Role.PATIENT_PARTNER),
        Participant(person_id="other", role=Role.PATIENT_PARTNER),
    )
    micro, macro = ward.participants[0], committee.participants[0]
    assert micro.authority is macro.authority is MEMBER
    graph = EcologyGraph.from_engagements([ward, committee])
    assert graph.actor("pp").authority is MEMBER
    assert "pp" in graph  # one persona: no "pp@...:" split by level
    committee_relation = next(
        r for r in graph.relations() if r.relation.engagement_id == "committee"
    )
    assert committee_relation.primary is B


def test_an_association_and_its_volunteer_are_not_linking_by_default() -> None:
    """Membership of a community group is not a gradient of formal authority.

    Sources: Boivin2022, figure 2 caption (bonding among community members);
    the domain brief's open question 5 on group nodes (an association is a
    community actor). Comparing authority only where an organisation states
    one is our interpretation (the default policy, rule 6).
    """
    register = Register.from_engagements(
        [
            _engagement(
                "volunteering",
                EngagementLevel.MESO,
                Participant(person_id="v", role=Role.ASSOCIATION_VOLUNTEER),
                organisations=["assoc"],
            )
        ],
        organisations=[Organisation(id="assoc", name="Association", sphere=C)],
    )
    graph = EcologyGraph.from_engagements(register)
    (relation,) = graph.relations()
    assert relation.primary is not L
    assert relation.types == {B}
    legacy = EcologyGraph.from_engagements(register, policy=LEGACY_1_0_POLICY)
    assert next(iter(legacy.relations())).primary is L  # what release 1.0 said


def test_an_explicit_authority_changes_the_classification_as_documented() -> None:
    """An organisation's or a participant's stated authority is compared.

    Sources: SzreterWoolcock2004 (linking across formal authority); the
    policy module, rules 2, 4 and 6. A ministry that states public authority
    links to a patient partner; a patient partner given managerial authority
    links to another patient partner (same sphere) by default, and bonds
    under the caption reading.
    """
    patient = Participant(person_id="pp", role=Role.PATIENT_PARTNER)
    register = Register.from_engagements(
        [_engagement("table", EngagementLevel.MACRO, patient, organisations=["m"])],
        organisations=[
            Organisation(id="m", name="Ministry", sphere=P, authority=PUBLIC)
        ],
    )
    (tie,) = EcologyGraph.from_engagements(register).relations()
    assert (tie.primary, tie.crosses_authority) == (L, True)
    unstated = attrs.evolve(register.organisations[0], authority=None)
    (untyped,) = EcologyGraph.from_engagements(
        attrs.evolve(register, organisations=[unstated])
    ).relations()
    assert (untyped.primary, untyped.crosses_authority) == (BR, False)

    coordinator = Participant(
        person_id="c", role=Role.PATIENT_PARTNER, authority=MANAGERIAL
    )
    pair = [_engagement("project", EngagementLevel.MESO, patient, coordinator)]
    (same_sphere,) = EcologyGraph.from_engagements(pair).relations()
    assert same_sphere.primary is L
    (caption,) = EcologyGraph.from_engagements(
        pair, policy=CAPTION_READING_POLICY
    ).relations()
    assert caption.primary is B


# -- the policy object ----------------------------------------------------------------


def test_named_policies() -> None:
    """Three reserved names, looked up by name; unknown names list the known ones."""
    assert list(NAMED_POLICIES) == ["default", "caption_reading", "legacy_1_0"]
    for name, policy in NAMED_POLICIES.items():
        assert ClassificationPolicy.named(name) is policy
        assert policy.name == name
    with pytest.raises(VocabularyError) as info:
        ClassificationPolicy.named("strict")
    assert "default" in info.value.accepted
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"name": ""}, "name", InvalidRecordError),
        ({"name": "default", "min_authority_gap": 2}, "name", InvalidRecordError),
        ({"min_authority_gap": 0}, "min_authority_gap", InvalidRecordError),
        ({"min_authority_gap": 3}, "min_authority_gap", InvalidRecordError),
        ({"min_authority_gap": True}, "min_authority_gap", InvalidRecordError),
        ({"linking_within_sphere": 1}, "linking_within_sphere", RecordTypeError),
        (
            {"organisation_authority": "member"},
            "organisation_authority",
            RecordTypeError,
        ),
        ({"precedence": (L, BR)}, "precedence", InvalidRecordError),
        ({"precedence": (L, L, B)}, "precedence", InvalidRecordError),
        (
            {"precedence": ("linking", "bridging", "bonding")},
            "precedence",
            RecordTypeError,
        ),
    ],
)
def test_policy_refuses_invalid_values(
    kwargs: dict[str, Any], field: str, error: type[Exception]
) -> None:
    """Each invalid parameter is named by the error."""
    values: dict[str, Any] = {"name": "mine", **kwargs}
    with pytest.raises(error) as info:
        ClassificationPolicy(**values)
    assert getattr(info.value, "field", None) == field


def test_policy_parameters_change_the_classification() -> None:
    """Gap, organisation authority and precedence each do what they say."""
    member = Actor.from_role("a", Role.CLINICIAN)
    manager = Actor.from_role("b", Role.MANAGER)
    minister = Actor.from_role("m", Role.DECISION_MAKER)
    two_ranks = attrs.evolve(DEFAULT_POLICY, name="two_ranks", min_authority_gap=2)
    assert not two_ranks.crosses_authority(member, manager)
    assert two_ranks.crosses_authority(member, minister)
    hospital = Actor(id="h", sphere=P, kind=ActorKind.ORGANISATION)
    stated = attrs.evolve(hospital, authority=MEMBER)
    assert DEFAULT_POLICY.authority_of(hospital) is None
    assert DEFAULT_POLICY.authority_of(stated) is MEMBER
    assert LEGACY_1_0_POLICY.authority_of(hospital) is MANAGERIAL
    assert LEGACY_1_0_POLICY.authority_of(stated) is MEMBER
    assert DEFAULT_POLICY.classify(hospital, member) is B
    assert LEGACY_1_0_POLICY.classify(hospital, member) is L
    bridging_first = attrs.evolve(
        DEFAULT_POLICY, name="bridging_first", precedence=(BR, L, B)
    )
    patient = Actor.from_role("p", Role.PATIENT_PARTNER)
    assert bridging_first.classify(patient, minister) is BR
    assert bridging_first.relation_types(patient, minister) == {BR, L}


@given(pms.classification_policies())
def test_attributes_round_trip(policy: ClassificationPolicy) -> None:
    """from_attributes(to_attributes(p)) == p; values are plain scalars."""
    attributes = policy.to_attributes()
    assert list(attributes) == list(ClassificationPolicy.ATTRIBUTE_KEYS)
    assert all(type(value) in (str, int, bool) for value in attributes.values())
    assert ClassificationPolicy.from_attributes(attributes) == policy


@given(pms.actors(), pms.actors(), pms.classification_policies())
def test_policy_methods_follow_the_documented_rules(
    a: Actor, b: Actor, policy: ClassificationPolicy
) -> None:
    """An independent statement of the rules agrees with every policy."""
    assert expected_types(a, b, policy) == set(policy.relation_types(a, b))
    assert expected_primary(a, b, policy) is policy.classify(a, b)


def test_from_attributes_errors() -> None:
    """Missing or bad attributes are named by their key."""
    good = DEFAULT_POLICY.to_attributes()
    assert ClassificationPolicy.from_attributes({"policy": "legacy_1_0"}) is (
        LEGACY_1_0_POLICY
    )
    with pytest.raises(InvalidRecordError) as info:
        ClassificationPolicy.from_attributes({})
    assert info.value.field == "policy"
    with pytest.raises(RecordTypeError):
        ClassificationPolicy.from_attributes({"policy": 3})
    partial = {"policy": "mine", "policy_min_authority_gap": 2}
    with pytest.raises(InvalidRecordError) as info:
        ClassificationPolicy.from_attributes(partial)
    assert info.value.field == "policy_linking_within_sphere"
    with pytest.raises(InvalidRecordError) as info:
        ClassificationPolicy.from_attributes({**good, "policy_min_authority_gap": 7})
    assert info.value.field == "policy_min_authority_gap"
    with pytest.raises(VocabularyError) as vocabulary:
        ClassificationPolicy.from_attributes(
            {**good, "policy": "mine", "policy_organisation_authority": "boss"}
        )
    assert vocabulary.value.vocabulary == "Authority"
    assert "public_authority" in str(vocabulary.value)
    with pytest.raises(VocabularyError):
        ClassificationPolicy.from_attributes(
            {**good, "policy": "mine", "policy_precedence": "a>b>c"}
        )
    with pytest.raises(InvalidRecordError) as info:
        ClassificationPolicy.from_attributes({**good, "policy_precedence": "linking"})
    assert info.value.field == "policy_precedence"
