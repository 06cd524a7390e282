"""The records of a partnership report (re-exported by :mod:`partnership_model.report`).

They sit below the report's assembly and its layouts, so that the private view
and layout modules can name them without importing :mod:`partnership_model.report`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from partnership_model import _report_checks as _checks, _time
from partnership_model._period import period_bound
from partnership_model.assessment import Finding
from partnership_model.exceptions import (
    InvalidRecordError,
)
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.policy import ClassificationPolicy
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import EngagementDomain, RelationType, Sphere

REPORT_FORMAT_VERSION = "1.0"
"""Version of the JSON report document (:func:`report_document`)."""


def _period_order(instance: ReportScope, _attribute: object, until: object) -> None:
    since = instance.since
    if isinstance(until, dt.date) and since is not None and until < since:
        raise InvalidRecordError(
            "until",
            until,
            f"the period ends before it starts ({instance.since})",
            code="window_order",
        )


@attrs.frozen(kw_only=True)
class ReportScope:
    """Which engagements a report covers: a domain, a period, or all.

    Attributes:
        domain: Only the engagements of this domain; ``None`` for all.
        since: Only the engagements whose dates reach this day or later.
        until: Only the engagements whose dates reach this day or earlier.

    Examples:
        >>> scope = ReportScope.parse(domain="recherche", since="2020", until="2021-02")
        >>> scope.domain.value, scope.since.isoformat(), scope.until.isoformat()
        ('research', '2020-01-01', '2021-02-28')
    """

    domain: EngagementDomain | None = attrs.field(
        default=None, validator=_checks.optional_domain
    )
    since: dt.date | None = attrs.field(default=None, validator=_checks.optional_date)
    until: dt.date | None = attrs.field(
        default=None, validator=[_checks.optional_date, _period_order]
    )

    @classmethod
    def parse(
        cls,
        *,
        domain: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> ReportScope:
        """Build a scope from text, as typed on a command line or in a form.

        Args:
            domain: A domain's token, label (English or French) or alias.
            since: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the period starts on
                the first day it names.
            until: The same: the period ends on the last day it names.

        Raises:
            VocabularyError: *domain* is not a known domain.
            InvalidRecordError: A date is malformed, or *until* comes before
                *since*.
        """
        return cls(
            domain=None if domain is None else EngagementDomain.parse(domain),
            since=period_bound(since, "since", last=False),
            until=period_bound(until, "until", last=True),
        )

    @property
    def dated(self) -> bool:
        """Whether the scope is restricted to a period."""
        return self.since is not None or self.until is not None

    @property
    def restricted(self) -> bool:
        """Whether the scope leaves any engagement out."""
        return self.domain is not None or self.dated

    def includes(self, engagement: Engagement) -> bool | None:
        """Whether the scope covers *engagement*; ``None`` if it cannot be placed.

        ``None`` only for an engagement of the domain with neither a start
        nor an end date when the scope is restricted to a period.
        """
        if self.domain is not None and engagement.domain is not self.domain:
            return False
        if not self.dated:
            return True
        if _time.span(engagement.start, engagement.end) is None:
            return None
        window = _time.window(self.since, self.until)
        return _time.overlaps(engagement.start, engagement.end, window)


@attrs.frozen(kw_only=True)
class Coverage:
    """How many engagements of the register a report covers.

    Attributes:
        total: Engagements in the register.
        selected: Engagements the report covers.
        undated: Engagements of the domain left out because a period was asked
            and they have neither a start nor an end date.
    """

    total: int = attrs.field(validator=_checks.count)
    selected: int = attrs.field(validator=_checks.count)
    undated: int = attrs.field(default=0, validator=_checks.count)

    @property
    def outside(self) -> int:
        """Engagements of another domain, or dated outside the period."""
        return self.total - self.selected - self.undated


@attrs.frozen(kw_only=True)
class RegisterSummary:
    """The size of the register a report is about (the whole register).

    Attributes:
        name: The register's name, if any.
        engagements: Number of engagements.
        people: Number of people.
        organisations: Number of organisations.
    """

    name: str | None = attrs.field(default=None)
    engagements: int = attrs.field(validator=_checks.count)
    people: int = attrs.field(validator=_checks.count)
    organisations: int = attrs.field(validator=_checks.count)


@attrs.frozen(kw_only=True)
class EcologySummary:
    """What the ecology of engagement of the covered engagements shows.

    Relation types follow Boivin et al. (2022, ``Boivin2022``) under the
    classification policy named here; the E-I index is Krackhardt & Stern's
    (1988, ``KrackhardtStern1988``) over the community/professional
    partition. See :mod:`partnership_model.metrics`.

    Attributes:
        policy: The policy that typed the relations.
        actors: Number of actors.
        community: Actors of the community sphere.
        professional: Actors of the professional sphere.
        relations: Number of relations.
        relation_counts: Relations of each primary type (every type a key).
        relation_shares: Share of each type; ``None`` without relations.
        ei_index: E-I index of the sphere partition; ``None`` without relations.
        silos: Groups of actors that only bond.
        unlinked_to_public_authority: Actors with no path to a holder of
            public authority.
    """

    policy: ClassificationPolicy = attrs.field(
        validator=_checks.instance(ClassificationPolicy)
    )
    actors: int = attrs.field(validator=_checks.count)
    community: int = attrs.field(validator=_checks.count)
    professional: int = attrs.field(validator=_checks.count)
    relations: int = attrs.field(validator=_checks.count)
    relation_counts: Mapping[RelationType, int] = attrs.field(
        validator=_checks.by_relation_type
    )
    relation_shares: Mapping[RelationType, float | None] = attrs.field(
        validator=_checks.by_relation_type
    )
    ei_index: float | None = attrs.field(validator=_checks.optional_measure)
    silos: int = attrs.field(validator=_checks.count)
    unlinked_to_public_authority: int = attrs.field(validator=_checks.count)

    @classmethod
    def of(cls, graph: Any) -> EcologySummary:
        """Summarise an :class:`~partnership_model.ecology.EcologyGraph`."""
        from partnership_model import metrics  # noqa: PLC0415 - loads networkx

        spheres = Counter(actor.sphere for actor in graph.actors())
        return cls(
            policy=graph.policy,
            actors=graph.number_of_actors,
            community=spheres[Sphere.COMMUNITY],
            professional=spheres[Sphere.PROFESSIONAL],
            relations=graph.number_of_relations,
            relation_counts=metrics.relation_counts(graph),
            relation_shares=metrics.relation_shares(graph),
            ei_index=metrics.ei_index(graph),
            silos=len(metrics.silos(graph)),
            unlinked_to_public_authority=len(
                metrics.unlinked_to_public_authority(graph)
            ),
        )

    @property
    def undefined(self) -> dict[str, str]:
        """Why each undefined measure is undefined, by field name (reason codes)."""
        reasons: dict[str, str] = {}
        if self.ei_index is None:
            reasons["ei_index"] = "no_relations"
        if any(share is None for share in self.relation_shares.values()):
            reasons["relation_shares"] = "no_relations"
        return reasons


@attrs.frozen(kw_only=True)
class Report:
    """Everything a partnership report shows, computed once.

    Build it with :func:`build_report`; write it with :func:`render_report`.

    Attributes:
        register: The size of the whole register.
        scope: Which engagements the report covers.
        coverage: How many engagements that is.
        matrix: The Montreal matrix of the covered engagements.
        research_matrix: Their research-engagement matrix.
        ecology: A summary of their ecology of engagement.
        findings: The assessment findings about them.
        covered: The register restricted to the covered engagements (what
            the HTML report draws the ecology from); ``None`` in a report
            assembled by hand, whose HTML then has no drawing of the ecology.
            Left out of comparisons and of the ``repr``.
    """

    register: RegisterSummary = attrs.field(validator=_checks.instance(RegisterSummary))
    scope: ReportScope = attrs.field(validator=_checks.instance(ReportScope))
    coverage: Coverage = attrs.field(validator=_checks.instance(Coverage))
    matrix: EngagementMatrix = attrs.field(validator=_checks.instance(EngagementMatrix))
    research_matrix: ResearchEngagementMatrix = attrs.field(
        validator=_checks.instance(ResearchEngagementMatrix)
    )
    ecology: EcologySummary = attrs.field(validator=_checks.instance(EcologySummary))
    findings: tuple[Finding, ...] = attrs.field(
        converter=_checks.findings,
        validator=attrs.validators.deep_iterable(_checks.instance(Finding)),
    )
    covered: Register | None = attrs.field(
        default=None,
        eq=False,
        repr=False,
        validator=attrs.validators.optional(_checks.instance(Register)),
    )
