"""Private: who spans a structural hole, on plain adjacency sets.

:func:`partnership_model.metrics.brokers` and the period measures of
:mod:`partnership_model.timeline` both call :func:`spanning`, the first on
the whole graph, the second on each period's relations, so the two keep one
definition.

An actor *b* spans a hole through its neighbour *j* when *b* has another
neighbour that is not related to *j*: the two-path *j* - *b* - *k* is open
(Burt 1992, ``Burt1992``). No actor is its own neighbour (an
:class:`~partnership_model.ecology.EcologyGraph` refuses a relation of an
actor with itself), so *j* is not a neighbour of *j*, and the neighbours of
*b* that *j* shares are among the other neighbours of *b*; *b* has one that
*j* lacks exactly when they share fewer than the others. That is the set
difference of the two neighbourhoods, tested by counting: when *j* has no
more neighbours than *b* has others, it cannot share them all (*b* is one of
its neighbours and not its own); otherwise a set intersection counts the
shared ones, walking the smaller of the two sets. The whole test costs at
worst what listing the graph's triangles costs, and a broker stops at its
first open two-path.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Set
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def spanning(
    adjacency: Mapping[N, Set[N]], through: Iterable[tuple[N, Iterable[N]]]
) -> Iterator[N]:
    """Yield each actor that spans a structural hole through a chosen neighbour.

    Args:
        adjacency: Every actor's neighbours (no actor among its own).
        through: Pairs of an actor and those of its neighbours the open
            two-path must reach by the chosen relation (its other end may
            be any neighbour).
    """
    for actor, chosen in through:
        neighbours = adjacency[actor]
        others = len(neighbours) - 1
        if others < 1:
            continue
        for neighbour in chosen:
            theirs = adjacency[neighbour]
            # They share at most len(theirs) - 1 neighbours (*actor* is one
            # of theirs, not its own): fewer than the others without counting.
            if len(theirs) <= others or len(neighbours & theirs) < others:
                yield actor
                break
