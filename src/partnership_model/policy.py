"""How the ecology classifies a relation as bonding, bridging or linking.

The sources name the three kinds of engagement relationship but leave open how
to decide, for a given pair of actors, which one a relation is (see
:mod:`partnership_model.ecology` and the explanation page). A
:class:`ClassificationPolicy` writes those decisions down as data: how
authority is compared, which type wins when a relation is several at once,
whether an authority gradient inside one sphere makes a relation linking, and
how ties to an organisation are treated. Every
:class:`~partnership_model.EcologyGraph` classifies with one policy, and every
export records it.

The default, :data:`DEFAULT_POLICY`, is this library's interpretation, rule by
rule:

1. *Crosses sphere*: the two actors are in different
   :class:`~partnership_model.Sphere` s: bridging (``Boivin2022``, figure 2:
   relations "between" community members and professionals).
2. *Crosses authority*: the two actors' :class:`~partnership_model.Authority`
   ranks differ (``min_authority_gap=1``): linking, after Szreter & Woolcock's
   ties across an explicit, formal or institutionalised gradient of power or
   authority (``SzreterWoolcock2004``), which Boivin et al. borrow. Our
   interpretation: the sources name no scale of authority.
3. *Neither*: bonding. The figure's caption says bonding happens "among"
   community members or "among" professionals; requiring the same authority
   as well is our rule, not the caption's.
4. *Same sphere, different authority* (a nurse and a hospital's chief
   executive) is linking (``linking_within_sphere=True``): we follow the
   definition of linking rather than the caption's "among professionals".
   Our interpretation.
5. *Precedence* ``linking > bridging > bonding``: a relation that crosses both
   divides is linking as its primary type and keeps both types. Szreter &
   Woolcock treat linking as a specialised form of bridging, between people
   who are unequal in power (``SzreterWoolcock2004``, as the abstract of a
   response to their paper summarises their position, ``Strathclyde2005``), so
   the more specific type wins; the precedence itself is our choice.
6. *Ties to an organisation* (``organisation_authority=None``): an
   organisation has a formal authority only when its record states one, and
   authority is compared only between actors that have one. So a patient
   association and its volunteer are bonding, and a ministry recorded with
   ``PUBLIC_AUTHORITY`` and a patient partner are linking. Our
   interpretation: membership of a group is not a gradient of authority.

Two named alternatives serve sensitivity analyses (see the explanation
page): :data:`CAPTION_READING_POLICY` reads the figure's caption literally
(rule 4 reversed: inside one sphere, a relation is bonding whatever the
authorities), and :data:`LEGACY_1_0_POLICY` reproduces release 1.0, which
compared every organisation's authority and gave organisations that state
none a managerial rank (1.0 placed them at the meso level). Build your own
with :func:`attrs.evolve`; a policy needs a name of its own.

Examples:
    >>> from partnership_model import ClassificationPolicy, Role
    >>> from partnership_model.ecology import Actor
    >>> nurse = Actor.from_role("n", Role.CLINICIAN)
    >>> director = Actor.from_role("d", Role.MANAGER)
    >>> DEFAULT_POLICY.classify(nurse, director)
    <RelationType.LINKING: 'linking'>
    >>> CAPTION_READING_POLICY.classify(nurse, director)
    <RelationType.BONDING: 'bonding'>
    >>> ClassificationPolicy.named("caption_reading") is CAPTION_READING_POLICY
    True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from partnership_model import _validators as v
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    VocabularyError,
)
from partnership_model.vocabulary import ActorKind, Authority, RelationType, Sphere

if TYPE_CHECKING:
    from partnership_model._actors import Actor

__all__ = [
    "CAPTION_READING_POLICY",
    "DEFAULT_POLICY",
    "LEGACY_1_0_POLICY",
    "NAMED_POLICIES",
    "ClassificationPolicy",
]


def __dir__() -> list[str]:
    return __all__


_BONDING, _BRIDGING, _LINKING = RelationType
_DEFAULT_PRECEDENCE: Final = (_LINKING, _BRIDGING, _BONDING)
_MAX_GAP: Final = len(Authority) - 1


def _precedence(value: Iterable[RelationType]) -> tuple[RelationType, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def _check_precedence(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if type(value) is not tuple or any(type(t) is not RelationType for t in value):
        raise RecordTypeError(
            attribute.name, value, "expected a sequence of RelationType members"
        )
    if sorted(value) != list(RelationType):
        raise InvalidRecordError(
            attribute.name,
            value,
            "list every RelationType exactly once, the strongest first",
        )


def _check_gap(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if type(value) is not int or not 1 <= value <= _MAX_GAP:
        raise InvalidRecordError(
            attribute.name,
            value,
            f"expected a whole number of ranks from 1 to {_MAX_GAP}",
        )


@attrs.frozen(kw_only=True)
class ClassificationPolicy:
    """The rules that classify a relation of the ecology, as data.

    Each relation has two facts computed from its two ends: whether it
    crosses spheres, and whether it crosses authority (as this policy
    compares authority). Its *types* are bridging if it crosses spheres,
    linking if it crosses authority (inside one sphere only when
    :attr:`linking_within_sphere`), bonding if neither; its *primary* type is
    the first of its types in :attr:`precedence`. The module documentation
    states the default rule by rule, with sources.

    Attributes:
        name: What the policy is called in exports and reports. The names of
            :data:`NAMED_POLICIES` are reserved for them.
        min_authority_gap: How many ranks of
            :class:`~partnership_model.Authority` two actors must be apart for
            a relation to cross authority: 1 (any difference, the default) or 2
            (only member and public authority).
        linking_within_sphere: Whether an authority gradient between two
            actors of the same sphere makes a linking relation (default) or
            leaves it bonding (the caption reading).
        organisation_authority: The authority assumed for an organisation
            whose record states none; ``None`` (default) compares authority on
            a tie to such an organisation not at all, so the tie is classified
            by sphere alone.
        precedence: Every :class:`~partnership_model.RelationType`, strongest
            first: the primary type of a relation is the first of its types
            in this order. Default ``(LINKING, BRIDGING, BONDING)``.

    Raises:
        InvalidRecordError: A value is out of range, or *name* is reserved
            for a named policy with other parameters.
        RecordTypeError: A value has the wrong type.

    Examples:
        >>> import attrs
        >>> strict = attrs.evolve(DEFAULT_POLICY, name="two_ranks", min_authority_gap=2)
        >>> strict.to_attributes()["policy_min_authority_gap"]
        2
        >>> ClassificationPolicy(name="default", min_authority_gap=2)
        Traceback (most recent call last):
        ...
        partnership_model.exceptions.InvalidRecordError: name: this name is reserved for the library's 'default' policy; give your policy a name of its own (got 'default')

    .. versionadded:: 0.1.0
    """

    #: What the policy is called in exports and reports.
    name: str = attrs.field(validator=v.identifier)
    #: Ranks of authority two actors must be apart to cross authority.
    min_authority_gap: int = attrs.field(default=1, validator=_check_gap)
    #: Whether an authority gradient inside one sphere is linking.
    linking_within_sphere: bool = attrs.field(default=True, validator=v.boolean)
    #: The authority assumed for an organisation that states none, or None to not compare it.
    organisation_authority: Authority | None = attrs.field(
        default=None, validator=v.optional_member_of(Authority)
    )
    #: Every relation type, strongest first.
    precedence: tuple[RelationType, ...] = attrs.field(
        default=_DEFAULT_PRECEDENCE, converter=_precedence, validator=_check_precedence
    )

    #: Keys of :meth:`to_attributes`, in order.
    ATTRIBUTE_KEYS: ClassVar[tuple[str, ...]] = (
        "policy",
        "policy_min_authority_gap",
        "policy_linking_within_sphere",
        "policy_organisation_authority",
        "policy_precedence",
    )

    def __attrs_post_init__(self) -> None:
        named = _NAMED.get(self.name)
        if named is not None and named != self:
            raise InvalidRecordError(
                "name",
                self.name,
                f"this name is reserved for the library's {self.name!r} policy; "
                "give your policy a name of its own",
                code="reserved_name",
            )

    @classmethod
    def named(cls, name: str) -> ClassificationPolicy:
        """Return the named policy *name* (see :data:`NAMED_POLICIES`).

        Raises:
            VocabularyError: No policy has this name; the error lists them.
        """
        try:
            return NAMED_POLICIES[name]
        except (KeyError, TypeError):
            raise VocabularyError(
                name, "ClassificationPolicy name", tuple(NAMED_POLICIES)
            ) from None

    # -- classification -------------------------------------------------------------

    def authority_of(self, actor: Actor) -> Authority | None:
        """The authority this policy compares for *actor*, if any.

        The actor's own :attr:`~partnership_model.ecology.Actor.authority`;
        for an organisation that states none, :attr:`organisation_authority`.
        """
        if actor.authority is not None:
            return actor.authority
        if actor.kind is ActorKind.ORGANISATION:
            return self.organisation_authority
        return None

    def crosses_authority(self, a: Actor, b: Actor) -> bool:
        """Whether a relation between *a* and *b* crosses authority under this policy."""
        return _classifier(self).classify(a, b).crosses_authority

    def relation_types(self, a: Actor, b: Actor) -> frozenset[RelationType]:
        """Every type of a relation between *a* and *b* under this policy."""
        return _classifier(self).classify(a, b).types

    def classify(self, a: Actor, b: Actor) -> RelationType:
        """The primary type of a relation between *a* and *b* under this policy."""
        return _classifier(self).classify(a, b).primary

    # -- exports ----------------------------------------------------------------------

    def to_attributes(self) -> dict[str, str | int | bool]:
        """The policy as flat graph attributes (what every export records).

        Keys are :attr:`ATTRIBUTE_KEYS`; values are plain ``str``, ``int`` and
        ``bool``, which GraphML, node-link JSON and CSV all hold. An unset
        :attr:`organisation_authority` is written ``"none"``; the precedence
        as value tokens joined by ``">"``.

        Examples:
            >>> DEFAULT_POLICY.to_attributes()
            {'policy': 'default', 'policy_min_authority_gap': 1, 'policy_linking_within_sphere': True, 'policy_organisation_authority': 'none', 'policy_precedence': 'linking>bridging>bonding'}
        """
        authority = self.organisation_authority
        return {
            "policy": self.name,
            "policy_min_authority_gap": self.min_authority_gap,
            "policy_linking_within_sphere": self.linking_within_sphere,
            "policy_organisation_authority": "none"
            if authority is None
            else authority.value,
            "policy_precedence": ">".join(kind.value for kind in self.precedence),
        }

    @classmethod
    def from_attributes(cls, attributes: Mapping[str, object]) -> ClassificationPolicy:
        """Rebuild a policy from :meth:`to_attributes` output.

        ``policy`` (the name) is required. When it is the only key, it must
        name one of :data:`NAMED_POLICIES`; otherwise every key must be given.

        Raises:
            InvalidRecordError: A key is missing or a value is invalid; the
                error's field is the attribute's key.
            VocabularyError: The name alone names no policy, or an authority
                or a relation type is not a known value (the error lists the
                accepted values).
        """
        name = attributes.get("policy")
        if name is None:
            raise InvalidRecordError(
                "policy",
                None,
                "the policy's name is missing",
                code="missing_policy_parameter",
            )
        if type(name) is not str:
            raise RecordTypeError("policy", name, "expected the policy's name as text")
        present = [key for key in cls.ATTRIBUTE_KEYS[1:] if key in attributes]
        if not present:
            return cls.named(name)
        missing = [key for key in cls.ATTRIBUTE_KEYS[1:] if key not in attributes]
        if missing:
            raise InvalidRecordError(
                missing[0],
                None,
                "missing policy parameter (give every parameter, or the name of a "
                "named policy alone)",
                code="missing_policy_parameter",
            )
        authority = attributes["policy_organisation_authority"]
        precedence = attributes["policy_precedence"]
        if type(authority) is not str:
            raise RecordTypeError(
                "policy_organisation_authority", authority, "expected text"
            )
        if type(precedence) is not str:
            raise RecordTypeError("policy_precedence", precedence, "expected text")
        values: dict[str, Any] = {
            "name": name,
            "min_authority_gap": attributes["policy_min_authority_gap"],
            "linking_within_sphere": attributes["policy_linking_within_sphere"],
            "organisation_authority": None
            if authority == "none"
            else Authority.from_value(authority),
            "precedence": [RelationType.from_value(t) for t in precedence.split(">")],
        }
        try:
            return cls(**values)
        except InvalidRecordError as error:
            field = "policy" if error.field == "name" else f"policy_{error.field}"
            raise type(error)(
                field, error.value, error.reason, code=error.code
            ) from None


_NAMED: dict[str, ClassificationPolicy] = {}

DEFAULT_POLICY: Final = ClassificationPolicy(name="default")
"""The library's reading of the sources (see the module documentation)."""

CAPTION_READING_POLICY: Final = ClassificationPolicy(
    name="caption_reading", linking_within_sphere=False
)
"""Figure 2's caption read literally, so that within one sphere every relation bonds.

Linking then needs both an authority gradient and the community/professional
divide. For sensitivity analyses.
"""

LEGACY_1_0_POLICY: Final = ClassificationPolicy(
    name="legacy_1_0", organisation_authority=Authority.MANAGERIAL
)
"""Release 1.0's classification, to show what changed.

Release 1.0 compared every actor's authority, organisations included, and
read it from the Montreal level; the organisations of most registers sat at
the meso level, that is managerial authority. For sensitivity analyses.
"""

NAMED_POLICIES: Final[Mapping[str, ClassificationPolicy]] = MappingProxyType(
    {
        policy.name: policy
        for policy in (DEFAULT_POLICY, CAPTION_READING_POLICY, LEGACY_1_0_POLICY)
    }
)
"""The policies that have a reserved name, by name."""

_NAMED.update(NAMED_POLICIES)


# -- classifying a pair of actors -----------------------------------------------------
# Public as partnership_model.ecology's (and the package's) classify_relation,
# crosses_authority, crosses_sphere and relation_types; they live here, next to
# the policy they apply.


def crosses_sphere(a: Actor, b: Actor) -> bool:
    """Whether a relation between *a* and *b* crosses the community/professional divide.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor
        >>> crosses_sphere(
        ...     Actor.from_role("p", Role.PATIENT), Actor.from_role("c", Role.CLINICIAN)
        ... )
        True
    """
    return a.sphere is not b.sphere


def crosses_authority(
    a: Actor, b: Actor, *, policy: ClassificationPolicy = DEFAULT_POLICY
) -> bool:
    """Whether *a* and *b* hold different formal authority, as *policy* compares it.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor
        >>> crosses_authority(
        ...     Actor.from_role("c", Role.CLINICIAN), Actor.from_role("m", Role.MANAGER)
        ... )
        True
    """
    return _check_policy(policy).crosses_authority(a, b)


def relation_types(
    a: Actor, b: Actor, *, policy: ClassificationPolicy = DEFAULT_POLICY
) -> frozenset[RelationType]:
    """Every relation type that applies to a relation between *a* and *b*.

    Under the default policy: ``BRIDGING`` if it crosses spheres,
    ``LINKING`` if it crosses authority, ``BONDING`` if it crosses neither
    (model rule 2; ``Boivin2022``, ``SzreterWoolcock2004``). Symmetric in *a*
    and *b*.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor
        >>> patient = Actor.from_role("p", Role.PATIENT_PARTNER)
        >>> minister = Actor.from_role("m", Role.DECISION_MAKER)
        >>> sorted(t.value for t in relation_types(patient, minister))
        ['bridging', 'linking']
    """
    return _check_policy(policy).relation_types(a, b)


def classify_relation(
    a: Actor, b: Actor, *, policy: ClassificationPolicy = DEFAULT_POLICY
) -> RelationType:
    """The primary type of a relation between *a* and *b* under *policy*.

    Under the default policy, the strongest of :func:`relation_types`, with
    ``LINKING > BRIDGING > BONDING`` (model rule 2). Symmetric in *a* and *b*.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor
        >>> nurse = Actor.from_role("n", Role.CLINICIAN)
        >>> classify_relation(nurse, Actor.from_role("c", Role.RESEARCHER))
        <RelationType.BONDING: 'bonding'>
        >>> classify_relation(nurse, Actor.from_role("m", Role.DECISION_MAKER))
        <RelationType.LINKING: 'linking'>
    """
    return _check_policy(policy).classify(a, b)


def _check_policy(policy: object) -> ClassificationPolicy:
    """Return *policy*, or raise a TypeError naming the expected type."""
    if not isinstance(policy, ClassificationPolicy):
        raise RecordTypeError("policy", policy, "expected a ClassificationPolicy")
    return policy


# -- the classifier: the policy as a lookup table (internal) ----------------------------


@attrs.frozen(eq=False)
class _Classification:
    """The classification of one relation: its two facts, its types, its primary type.

    A policy makes exactly one of these per combination of the two facts, so
    they compare (and hash) by identity; the graph counts relations per
    classification in each actor's tally.
    """

    crosses_sphere: bool
    crosses_authority: bool
    types: frozenset[RelationType]
    primary: RelationType


class _Classifier:
    """A policy compiled into a table: classifying a relation is two lookups.

    Whatever the policy, an actor is classified by its *profile*: its sphere
    and the authority the policy compares for it (possibly none). There are
    ``2 x (len(Authority) + 1)`` profiles, numbered once; ``table[p][q]`` is
    the classification of a relation between profiles ``p`` and ``q``. The
    graph stores each actor's profile number (:meth:`profile`).
    """

    def __init__(self, policy: ClassificationPolicy) -> None:
        self.policy = policy
        self.classifications = {
            (sphere, authority): self._classification(
                crosses_sphere=sphere, crosses_authority=authority
            )
            for sphere in (False, True)
            for authority in (False, True)
        }
        profiles = [
            (sphere, authority) for sphere in Sphere for authority in (*Authority, None)
        ]
        self._numbers = {profile: number for number, profile in enumerate(profiles)}
        self.table = [
            [self._between(first, second) for second in profiles] for first in profiles
        ]

    def _classification(
        self, *, crosses_sphere: bool, crosses_authority: bool
    ) -> _Classification:
        policy = self.policy
        types = set()
        if crosses_sphere:
            types.add(_BRIDGING)
        if crosses_authority and (crosses_sphere or policy.linking_within_sphere):
            types.add(_LINKING)
        if not types:
            types.add(_BONDING)
        primary = next(kind for kind in policy.precedence if kind in types)
        return _Classification(
            crosses_sphere, crosses_authority, frozenset(types), primary
        )

    def _between(
        self,
        first: tuple[Sphere, Authority | None],
        second: tuple[Sphere, Authority | None],
    ) -> _Classification:
        (sphere_a, authority_a), (sphere_b, authority_b) = first, second
        crosses_authority = (
            authority_a is not None
            and authority_b is not None
            and abs(authority_a.rank - authority_b.rank)
            >= self.policy.min_authority_gap
        )
        return self.classifications[sphere_a is not sphere_b, crosses_authority]

    def profile(self, actor: Actor) -> int:
        """The number of *actor*'s profile (an index into :attr:`table`)."""
        return self._numbers[actor.sphere, self.policy.authority_of(actor)]

    def classify(self, a: Actor, b: Actor) -> _Classification:
        """The classification of a relation between *a* and *b*."""
        return self.table[self.profile(a)][self.profile(b)]


@functools.lru_cache(maxsize=64)
def _classifier(policy: ClassificationPolicy) -> _Classifier:
    """The (cached) classifier of *policy*."""
    return _Classifier(policy)
