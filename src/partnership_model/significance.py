"""How surprising are the brokerage and E-I figures of an ecology?

:func:`~partnership_model.metrics.brokerage_roles` and
:func:`~partnership_model.metrics.ei_index` describe one graph. This module
sets them against a null model, a family of random graphs or groupings the
observed one is compared with:

* :func:`brokerage_significance` gives, for every actor and every
  Gould-Fernandez role, the observed count, its expectation and standard
  deviation in a random graph of the same size and density, and the z-score
  (Gould & Fernandez 1989, ``GouldFernandez1989``), with the formulas of R's
  ``sna::brokerage`` (checked against ``sna`` itself in the test suite).
* :func:`ei_permutation_test` compares the E-I index (Krackhardt & Stern
  1988, ``KrackhardtStern1988``) with its values when the group labels are
  shuffled among the actors.

What a z-score or a p-value means here, and what it assumes, is explained on
the page :doc:`/explanation/significance`.

Partitions are ``"sphere"`` (the default), ``"authority"`` (for graphs whose
actors carry an ``authority`` attribute) or a mapping of every actor id to a
group label; keys for actors absent from the graph are ignored, so one
mapping serves several graphs.

Examples:
    >>> from partnership_model import Role
    >>> from partnership_model.ecology import Actor, EcologyGraph
    >>> from partnership_model.metrics import BrokerageRole
    >>> graph = EcologyGraph(
    ...     actors=[Actor.from_role(i, r) for i, r in [
    ...         ("p1", Role.PATIENT), ("p2", Role.PATIENT),
    ...         ("c1", Role.CLINICIAN), ("c2", Role.CLINICIAN)]],
    ...     relations=[("p1", "c1"), ("c1", "p2"), ("c1", "c2")],
    ... )
    >>> gatekeeper = brokerage_significance(graph)["c1"][BrokerageRole.GATEKEEPER]
    >>> gatekeeper.observed, round(gatekeeper.expected, 4), round(gatekeeper.z, 4)
    (2, 0.25, 3.5)
    >>> test = ei_permutation_test(graph, seed=1)
    >>> round(test.observed, 4), round(test.expected, 4)
    (0.3333, 0.3333)
"""

from __future__ import annotations

import math
import random
import secrets
import statistics
from collections.abc import Mapping
from itertools import compress
from operator import ne
from typing import Final

import attrs

from partnership_model._partition import (
    GroupPartition,
    check_graph,
    group_codes,
    group_labels,
)
from partnership_model.ecology import EcologyGraph
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.metrics import BrokerageRole, brokerage_roles, ei_index

__all__ = [
    "DEFAULT_PERMUTATIONS",
    "BrokerageSignificance",
    "EIPermutationTest",
    "GroupPartition",
    "brokerage_significance",
    "ei_permutation_test",
]


def __dir__() -> list[str]:
    return __all__


#: Number of label permutations :func:`ei_permutation_test` draws by default.
#: With 1,000 draws a p-value near 0.05 is estimated to about +/- 0.014 (two
#: standard errors), and the smallest reportable p-value is 1/1001.
DEFAULT_PERMUTATIONS: Final = 1000


# -- validators ------------------------------------------------------------------------


def _non_negative_finite(
    _instance: object, attribute: attrs.Attribute[float], value: object
) -> None:
    if type(value) is not float or not math.isfinite(value) or value < 0.0:
        raise InvalidRecordError(
            attribute.name, value, "expected a finite, non-negative float"
        )


def _optional_finite(
    _instance: object, attribute: attrs.Attribute[float | None], value: object
) -> None:
    if value is not None and (type(value) is not float or not math.isfinite(value)):
        raise InvalidRecordError(
            attribute.name, value, "expected a finite float or None"
        )


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise InvalidRecordError(attribute.name, value, "expected a non-negative int")


# -- brokerage (Gould & Fernandez 1989) ---------------------------------------------------


@attrs.frozen(kw_only=True)
class BrokerageSignificance:
    """One actor's count of one brokerage role, set against its null model.

    Attributes:
        observed: How many ordered pairs of unrelated neighbours the actor
            brokers in this role (as :func:`~partnership_model.metrics.brokerage_roles`
            counts them).
        expected: The expected count in a random graph of the same number of
            actors and density, given the sizes of the groups.
        sd: The standard deviation of the count under the same null model.
        z: ``(observed - expected) / sd``; ``None`` where *sd* is zero (the
            role is impossible for this actor, or the graph is empty or
            complete), never NaN.

    Raises:
        InvalidRecordError: A value is out of range (negative, not finite),
            or *z* is ``None`` while *sd* is not zero, or the reverse.

    Examples:
        >>> BrokerageSignificance(observed=0, expected=0.0, sd=0.0, z=None).z is None
        True

    .. versionadded:: 0.2.0
    """

    #: Observed count of the role.
    observed: int = attrs.field(validator=_count)
    #: Expected count under the null model.
    expected: float = attrs.field(validator=_non_negative_finite)
    #: Standard deviation under the null model.
    sd: float = attrs.field(validator=_non_negative_finite)
    #: Standardised score, or None where the standard deviation is zero.
    z: float | None = attrs.field(validator=_optional_finite)

    def __attrs_post_init__(self) -> None:
        if (self.z is None) != (self.sd == 0.0):
            raise InvalidRecordError(
                "z", self.z, "z is None exactly when sd is zero", code="z_without_sd"
            )


def _moments(sizes: list[int], total: int, density: float) -> list[list[float]]:
    """Expectation and variance of each role, per broker group.

    Transcribes ``sna::brokerage`` (sna 2.7, R/models.R), itself after
    Gould & Fernandez (1989): for a broker of a group of size *n_i* among
    *N* actors, in a random graph of density *d*, with ``c = d^2 (1 - d)``
    (the chance that a given ordered triple is an open two-path) and
    ``k = d^3 (1 - d)^3``. Rows follow :class:`BrokerageRole` order; each
    row is ``[expected, variance]`` per role.
    """
    d = density
    c = d**2 * (1 - d)
    k = d**3 * (1 - d) ** 3
    big_n = total
    result: list[list[float]] = []
    for i, n_i in enumerate(sizes):
        others = [n for j, n in enumerate(sizes) if j != i]
        rest = big_n - n_i
        # Coordinator (w_I): two other members of the broker's group.
        e_coord = c * ((n_i - 1) * (n_i - 2))
        v_coord = e_coord * (1 - c) + 2 * (n_i - 1) * (n_i - 2) * (n_i - 3) * k
        # Itinerant (w_O): two members of one other group.
        e_itin = c * sum(n * (n - 1) for n in others)
        v_itin = e_itin * (1 - c) + 2 * sum(n * (n - 1) * (n - 2) for n in others) * k
        # Representative (b_IO) and gatekeeper (b_OI): one in, one out.
        e_rep = c * (rest * (n_i - 1))
        v_rep = (
            e_rep * (1 - c)
            + 2 * ((n_i - 1) * _pairs(rest) + rest * _pairs(n_i - 1)) * k
        )
        # Liaison (b_O): two members of two different other groups.
        e_liaison = c * (rest * rest - sum(n * n for n in others))
        v_liaison = e_liaison * (1 - c) + 4 * sum(
            n * _pairs(big_n - n - n_i) * k for n in others
        )
        result.append(
            [
                e_coord,
                v_coord,
                e_itin,
                v_itin,
                e_rep,
                v_rep,
                e_rep,
                v_rep,
                e_liaison,
                v_liaison,
            ]
        )
    return result


def _pairs(n: int) -> int:
    """``n choose 2``, zero below 2 (as R's ``choose`` gives for 0 and 1)."""
    return n * (n - 1) // 2 if n > 1 else 0


def _simple_density(graph: EcologyGraph) -> float:
    """Density of the graph of related pairs: 2 x pairs / (N (N - 1))."""
    n = graph.number_of_actors
    if n < 2:
        return 0.0
    multigraph = graph.to_networkx()
    # Each related pair appears once in the adjacency of each of its two ends.
    arcs = sum(len(neighbours) for _, neighbours in multigraph.adjacency())
    return arcs / (n * (n - 1))


def brokerage_significance(
    graph: EcologyGraph, *, partition: GroupPartition = "sphere"
) -> dict[str, dict[BrokerageRole, BrokerageSignificance]]:
    """Expected counts and z-scores of every actor's Gould-Fernandez brokerage roles.

    Notes:
        **Observed counts** are those of
        :func:`~partnership_model.metrics.brokerage_roles`: actor *v*
        brokers the ordered pair (*a*, *c*) of distinct neighbours that are
        not related to each other, and only adjacency matters (parallel
        relations count once).

        **Mapping onto sna.** The ecology is undirected; ``sna`` works on
        directed graphs. The ecology is read as its symmetric 0/1 adjacency
        matrix: each related pair becomes two arcs, one in each direction.
        So every unordered pair of neighbours is brokered twice (once each
        way), which is exactly how ``brokerage_roles`` counts; the
        gatekeeper and representative counts of an actor are then equal,
        and the density is the undirected one, ``d = 2L / (N (N - 1))`` for
        *L* related pairs among *N* actors (``sna`` divides its *2L* arcs by
        *N (N - 1)*). The test suite checks the results against
        ``sna::brokerage`` on such matrices to 1e-9.

        **Null model** (Gould & Fernandez 1989, ``GouldFernandez1989``, as
        implemented by ``sna``): a random graph with the observed number of
        actors and the observed density, in which each arc is present
        independently with probability *d*, the group sizes being fixed. An
        actor's expectation depends only on the size of its own group and
        on the others; for a broker of a group of size *n_i*, with
        ``c = d^2 (1 - d)``, the expectations are ``c (n_i - 1)(n_i - 2)``
        (coordinator), ``c * sum(n_j (n_j - 1))`` over the other groups *j* (itinerant),
        ``c (N - n_i)(n_i - 1)`` (gatekeeper and representative) and
        ``c ((N - n_i)^2 - sum(n_j^2))`` (liaison); the variances
        are sna's. Arcs are independent in that model although this graph's
        arcs come in symmetric pairs: the expectation is unaffected but the
        variance is that of sna's directed model, which is what "the same
        null model as sna" means here. The z-score is an approximation
        whose normality Gould & Fernandez leave open: read it as a
        standardised difference, not as a calibrated test.

        With fewer than two actors the density is taken as zero. ``z`` is
        ``None`` where the variance is zero: roles the group sizes make
        impossible (coordinator in a group of one or two, liaison with fewer
        than three groups), and every role in a graph without relations or
        with every pair related.

        The cost is that of ``brokerage_roles`` (listing triangles) plus a
        copy of the graph to measure its density and time proportional to
        the square of the number of groups.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"authority"`` (actors must
            carry an ``authority`` attribute) or a mapping of every actor
            id to a hashable group label.

    Returns:
        Every actor, in the graph's order, each with every
        :class:`~partnership_model.metrics.BrokerageRole`.

    Raises:
        RecordTypeError: *graph* is not an ecology, or *partition* is
            neither a name nor a mapping, or holds an unhashable label.
        InvalidRecordError: *partition* is an unknown name or one the
            actors do not carry, or a mapping misses an actor.

    References:
        Gould RV, Fernandez RM (1989). Structures of mediation: a formal
        approach to brokerage in transaction networks. Sociological
        Methodology 19:89-126. https://doi.org/10.2307/270949

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(i, r) for i, r in [
        ...         ("p1", Role.PATIENT), ("p2", Role.PATIENT),
        ...         ("c", Role.CLINICIAN)]],
        ...     relations=[("p1", "c"), ("c", "p2")],
        ... )
        >>> itinerant = brokerage_significance(graph)["c"][BrokerageRole.ITINERANT]
        >>> itinerant.observed, round(itinerant.expected, 4), round(itinerant.z, 3)
        (2, 0.2963, 3.391)
        >>> brokerage_significance(graph)["c"][BrokerageRole.COORDINATOR].z is None
        True
    """
    labels = group_labels(graph, partition)
    codes, sizes = group_codes(labels)
    observed = brokerage_roles(graph, partition=labels)
    moments = _moments(sizes, graph.number_of_actors, _simple_density(graph))
    roles = list(BrokerageRole)
    result: dict[str, dict[BrokerageRole, BrokerageSignificance]] = {}
    for actor_id, counts in observed.items():
        row = moments[codes[actor_id]]
        cells: dict[BrokerageRole, BrokerageSignificance] = {}
        for index, role in enumerate(roles):
            expected, variance = row[2 * index], row[2 * index + 1]
            count = counts[role]
            sd = math.sqrt(variance)
            cells[role] = BrokerageSignificance(
                observed=count,
                expected=expected,
                sd=sd,
                z=(count - expected) / sd if sd > 0.0 else None,
            )
        result[actor_id] = cells
    return result


# -- E-I permutation test (Krackhardt & Stern 1988) ---------------------------------------


@attrs.frozen(kw_only=True)
class EIPermutationTest:
    """The E-I index of a graph set against random relabellings of its actors.

    Every figure is ``None`` when the graph has no relation (the E-I index
    is then undefined); *permutations* and *seed* are always set.

    Attributes:
        observed: The graph's E-I index, as
            :func:`~partnership_model.metrics.ei_index` computes it.
        expected: The exact expectation of the E-I index under the null
            model: ``2S / (N (N - 1)) - 1``, where *S* counts the ordered
            pairs of distinct actors in different groups.
        mean: Mean of the E-I index over the permutations drawn.
        sd: Standard deviation of the E-I index over the permutations
            drawn (dividing by their number).
        p_greater: One-sided p-value for "more external relations than
            chance": the share of permutations with an E-I index at least
            the observed one, counted as ``(1 + k) / (1 + permutations)``.
        p_less: One-sided p-value for "more internal relations than chance"
            (E-I at most the observed one), counted the same way.
        p_two_sided: Two-sided p-value: the share of permutations whose E-I
            index lies at least as far from *expected* as the observed one,
            counted the same way.
        permutations: Number of permutations drawn.
        seed: The seed of the draw; passing it again reproduces the result.

    .. versionadded:: 0.2.0
    """

    #: Observed E-I index.
    observed: float | None = attrs.field(validator=_optional_finite)
    #: Exact expectation under the null model.
    expected: float | None = attrs.field(validator=_optional_finite)
    #: Mean over the permutations.
    mean: float | None = attrs.field(validator=_optional_finite)
    #: Standard deviation over the permutations.
    sd: float | None = attrs.field(validator=_optional_finite)
    #: One-sided p-value, E-I at least the observed.
    p_greater: float | None = attrs.field(validator=_optional_finite)
    #: One-sided p-value, E-I at most the observed.
    p_less: float | None = attrs.field(validator=_optional_finite)
    #: Two-sided p-value, around the exact expectation.
    p_two_sided: float | None = attrs.field(validator=_optional_finite)
    #: Number of permutations drawn.
    permutations: int = attrs.field(validator=_count)
    #: Seed of the random draw.
    seed: int = attrs.field()

    @seed.validator
    def _check_seed(self, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int:
            raise RecordTypeError(attribute.name, value, "expected an int")


def _weighted_pairs(
    graph: EcologyGraph, position: Mapping[str, int]
) -> tuple[list[int], list[int], list[int]]:
    """Related pairs as parallel lists (first, second, number of relations)."""
    firsts: list[int] = []
    seconds: list[int] = []
    weights: list[int] = []
    for actor_id, neighbours in graph.to_networkx().adjacency():
        here = position[actor_id]
        for other_id, relations in neighbours.items():
            there = position[other_id]
            if here < there:
                firsts.append(here)
                seconds.append(there)
                weights.append(len(relations))
    return firsts, seconds, weights


def ei_permutation_test(
    graph: EcologyGraph,
    *,
    partition: GroupPartition = "sphere",
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int | None = None,
) -> EIPermutationTest:
    """Test the E-I index against random assignments of the same groups.

    Notes:
        The statistic is the E-I index of
        :func:`~partnership_model.metrics.ei_index`, ``(E - I) / (E + I)``
        over relations counted with their multiplicity (Krackhardt & Stern
        1988, ``KrackhardtStern1988``); the observed value is that
        function's result.

        **Null model**: the relations stay where they are and the group
        labels are shuffled among all actors (isolated ones included), so
        that every group keeps its size; each permutation is equally
        likely. It asks whether the relations cross group boundaries more
        (or less) often than they would if membership were unrelated to who
        is related to whom, given who is related and how large the groups
        are. It assumes that actors are exchangeable: a relation between
        two people is as likely to join any two of them. Since ``E + I``
        is fixed, the index is a linear function of *E* and the tests are
        exact comparisons of counts. P-values count the observed labelling
        as one of the permutations, ``(1 + k) / (1 + permutations)``, so
        they are never zero. Only the relabelling distribution is
        estimated; the expectation is exact.

        Cost: ``permutations`` passes over the related pairs and shuffles
        of the actors' labels (0.8 s for the default 1,000 permutations on
        1,000 actors and 5,000 relations on the development machine). Results are
        deterministic for a given *seed* and Python version (Python's
        ``random.Random`` draws the permutations) and do not depend on
        the order in which actors were added.

    Args:
        graph: The ecology.
        partition: ``"sphere"`` (default), ``"authority"`` or a mapping of
            every actor id to a group label (see
            :func:`brokerage_significance`).
        permutations: Number of random relabellings; at least 1.
        seed: Seed of the random draw; ``None`` draws a fresh one, which is
            reported in the result so the run can be repeated.

    Raises:
        RecordTypeError: *graph*, *partition*, *permutations* or *seed* has
            the wrong type.
        InvalidRecordError: *permutations* is below 1, or see
            :func:`brokerage_significance` for *partition*.

    References:
        Krackhardt D, Stern RN (1988). Informal networks and organizational
        crises: an experimental simulation. Social Psychology Quarterly
        51(2):123-140.

    Examples:
        >>> from partnership_model import Role
        >>> from partnership_model.ecology import Actor, EcologyGraph
        >>> graph = EcologyGraph(
        ...     actors=[Actor.from_role(f"p{i}", Role.PATIENT) for i in range(4)]
        ...     + [Actor.from_role(f"c{i}", Role.CLINICIAN) for i in range(4)],
        ...     relations=[("p0", "p1"), ("p1", "p2"), ("p2", "p3"),
        ...                ("c0", "c1"), ("c1", "c2"), ("c2", "c3"), ("p0", "c0")],
        ... )
        >>> test = ei_permutation_test(graph, permutations=2000, seed=7)
        >>> round(test.observed, 3), round(test.expected, 3)
        (-0.714, 0.143)
        >>> test.p_less < 0.05 < test.p_greater
        True
        >>> ei_permutation_test(EcologyGraph(), seed=7).observed is None
        True
    """
    check_graph(graph)
    if type(permutations) is not int:
        raise RecordTypeError("permutations", permutations, "expected an int")
    if permutations < 1:
        raise InvalidRecordError(
            "permutations", permutations, "expected at least one permutation"
        )
    if seed is None:
        seed = secrets.randbits(64)
    elif type(seed) is not int:
        raise RecordTypeError("seed", seed, "expected an int or None")
    labels = group_labels(graph, partition)
    observed = ei_index(graph, partition=labels)
    if observed is None:
        return EIPermutationTest(
            observed=None,
            expected=None,
            mean=None,
            sd=None,
            p_greater=None,
            p_less=None,
            p_two_sided=None,
            permutations=permutations,
            seed=seed,
        )
    # Sorted ids: the same graph gives the same draws whatever its actor order.
    order = sorted(labels)
    position = {actor_id: i for i, actor_id in enumerate(order)}
    codes, sizes = group_codes({actor_id: labels[actor_id] for actor_id in order})
    shuffled = [codes[actor_id] for actor_id in order]
    firsts, seconds, weights = _weighted_pairs(graph, position)
    total = sum(weights)
    unweighted = all(w == 1 for w in weights)

    def external() -> int:
        differ = map(
            ne, map(shuffled.__getitem__, firsts), map(shuffled.__getitem__, seconds)
        )
        if unweighted:
            return sum(differ)
        return sum(compress(weights, differ))

    observed_external = external()
    n = len(order)
    ordered_pairs = n * (n - 1)
    crossing = ordered_pairs - sum(size * (size - 1) for size in sizes)
    # Distances from the exact expectation total * crossing / ordered_pairs,
    # scaled by ordered_pairs to stay in integers.
    centre = total * crossing
    observed_distance = abs(observed_external * ordered_pairs - centre)
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    draws: list[int] = []
    greater = less = farther = 0
    for _ in range(permutations):
        rng.shuffle(shuffled)
        value = external()
        draws.append(value)
        greater += value >= observed_external
        less += value <= observed_external
        farther += abs(value * ordered_pairs - centre) >= observed_distance
    scale = 2 / total
    denominator = permutations + 1
    return EIPermutationTest(
        observed=observed,
        expected=2 * crossing / ordered_pairs - 1,
        mean=statistics.fmean(draws) * scale - 1,
        sd=statistics.pstdev(draws) * scale,
        p_greater=(1 + greater) / denominator,
        p_less=(1 + less) / denominator,
        p_two_sided=(1 + farther) / denominator,
        permutations=permutations,
        seed=seed,
    )
