"""Hypothesis strategies for every public type of :mod:`partnership_model`.

Downstream tools can property-test their own code against our types::

    from hypothesis import given
    from partnership_model import strategies as pms

    @given(pms.registers())
    def test_my_dashboard_never_crashes(register):
        my_dashboard(register)

This module needs the ``strategies`` extra (``pip install
"partnership-model[strategies]"``), which installs hypothesis. Generated values
are always valid: they pass every check the constructors make. Text includes
non-ASCII characters (accents, emoji) so that round trips are really tested.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without hypothesis only
    msg = (
        "partnership_model.strategies needs hypothesis: "
        'pip install "partnership-model[strategies]"'
    )
    raise ImportError(msg) from error

from partnership_model._record_strategies import (
    date_spans,
    dates,
    engagements,
    identifiers,
    members,
    organisations,
    partial_dates,
    participants,
    people,
    registers,
    stage_degrees,
    texts,
)
from partnership_model.checklists import (
    AnswerKind,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Citation,
    CoPublication,
    RegisterCoverage,
    VerificationSource,
)
from partnership_model.drafting import ChecklistDraft, draft_checklist
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.policy import (
    DEFAULT_POLICY,
    NAMED_POLICIES,
    ClassificationPolicy,
)
from partnership_model.records import Register
from partnership_model.report import Report, ReportScope, build_report
from partnership_model.skos import Concept, ConceptScheme, SkosData, Source
from partnership_model.timeline import Period
from partnership_model.vocabulary import (
    ActorKind,
    Authority,
    EngagementDegree,
    EngagementDomain,
    RelationType,
    Role,
    Sphere,
)

__all__ = [
    "actors",
    "checklist_drafts",
    "checklists",
    "classification_policies",
    "dates",
    "ecology_graphs",
    "engagements",
    "identifiers",
    "members",
    "organisations",
    "partial_dates",
    "participants",
    "people",
    "periods",
    "registers",
    "relations",
    "report_scopes",
    "reports",
    "skos_exports",
    "stage_degrees",
    "texts",
]


def __dir__() -> list[str]:
    return __all__


# -- reports ---------------------------------------------------------------------


@st.composite
def report_scopes(draw: st.DrawFn) -> ReportScope:
    """Valid :class:`~partnership_model.report.ReportScope` records.

    Any domain or none, and a period open on either side or both.
    """
    since = draw(st.none() | dates())
    until = draw(st.none() | dates())
    if since is not None and until is not None and until < since:
        since, until = until, since
    return ReportScope(
        domain=draw(st.none() | members(EngagementDomain)), since=since, until=until
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Valid :class:`~partnership_model.report.Report` records.

    Reports are made the way users make them, by
    :func:`~partnership_model.report.build_report`, for a generated register
    and scope, under a generated classification policy.
    """
    return build_report(
        draw(registers(max_engagements=5, max_people=8)),
        scope=draw(report_scopes()),
        policy=draw(classification_policies()),
    )


# -- reporting checklists ------------------------------------------------------


def _short() -> st.SearchStrategy[str]:
    return texts(max_size=12)


def _citations() -> st.SearchStrategy[Citation]:
    co_publications = st.builds(
        CoPublication,
        container=_short(),
        year=st.none() | st.integers(1000, 9999),
        details=st.none() | _short(),
        doi=st.none() | _short(),
        url=st.none() | _short(),
    )
    return st.builds(
        Citation,
        key=identifiers(),
        authors=st.lists(_short(), min_size=1, max_size=4),
        title=_short(),
        year=st.none() | st.integers(1000, 9999),
        container=st.none() | _short(),
        details=st.none() | _short(),
        doi=st.none() | _short(),
        url=st.none() | _short(),
        license=st.none() | _short(),
        note=st.none() | _short(),
        also_published=st.lists(co_publications, max_size=2),
    )


@st.composite
def _verification_sources(draw: st.DrawFn, source_id: str) -> VerificationSource:
    doi, url = draw(
        st.sampled_from(["doi", "url", "both"]).map(
            lambda which: (which != "url", which != "doi")
        )
    )
    return VerificationSource(
        id=source_id,
        citation=draw(_short()),
        locator=draw(_short()),
        doi=draw(_short()) if doi else None,
        url=draw(_short()) if url else None,
    )


@st.composite
def _checklist_items(
    draw: st.DrawFn, item_id: str, section_ids: list[str], source_ids: list[str]
) -> ChecklistItem:
    answerable = [kind for kind in AnswerKind if kind is not AnswerKind.NOT_ANSWERABLE]
    if draw(st.booleans()):
        answers: list[AnswerKind] = [AnswerKind.NOT_ANSWERABLE]
        coverage = RegisterCoverage.NONE
    else:
        answers = draw(
            st.lists(st.sampled_from(answerable), min_size=1, max_size=3, unique=True)
        )
        coverage = draw(
            st.sampled_from([RegisterCoverage.PARTIAL, RegisterCoverage.FULL])
        )
    topic = draw(st.none() | st.tuples(_short(), _short()))
    note = draw(st.none() | st.tuples(_short(), _short()))
    return ChecklistItem(
        id=item_id,
        section=draw(st.sampled_from(section_ids)),
        topic=topic[0] if topic else None,
        topic_fr=topic[1] if topic else None,
        summary_en=draw(_short()),
        summary_fr=draw(_short()),
        register_answers=answers,
        register_coverage=coverage,
        verified_in=draw(
            st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
        ),
        note_en=note[0] if note else None,
        note_fr=note[1] if note else None,
    )


@st.composite
def checklists(draw: st.DrawFn, *, max_items: int = 6) -> Checklist:
    """Valid :class:`~partnership_model.checklists.Checklist` records.

    Every item names a declared section and declared verification sources, and
    the counts agree (``len(items) + items_to_verify == expected_item_count``).

    Args:
        draw: Supplied by hypothesis.
        max_items: Upper bound on the number of items.
    """
    unique_ids = st.lists(identifiers(), min_size=1, max_size=4, unique=True)
    source_ids = draw(unique_ids)
    section_ids = draw(unique_ids)
    item_ids = draw(
        st.lists(identifiers(), min_size=1, max_size=max_items, unique=True)
    )
    to_verify = draw(st.integers(0, 40))
    note = draw(st.none() | st.tuples(_short(), _short()))
    return Checklist(
        id=draw(identifiers()),
        guideline=draw(_short()),
        form=draw(st.none() | _short()),
        title=draw(_short()),
        title_fr=draw(_short()),
        citation=draw(_citations()),
        expected_item_count=len(item_ids) + to_verify,
        items_to_verify=to_verify,
        complete=to_verify == 0,
        note_en=note[0] if note else None,
        note_fr=note[1] if note else None,
        verification_sources=[draw(_verification_sources(i)) for i in source_ids],
        sections=[
            ChecklistSection(id=i, title=draw(_short()), title_fr=draw(_short()))
            for i in section_ids
        ],
        items=[draw(_checklist_items(i, section_ids, source_ids)) for i in item_ids],
    )


@st.composite
def checklist_drafts(
    draw: st.DrawFn, *, checklist_strategy: st.SearchStrategy[Checklist] | None = None
) -> ChecklistDraft:
    """Valid :class:`~partnership_model.drafting.ChecklistDraft` records.

    Drafts are made the way users make them, by
    :func:`~partnership_model.drafting.draft_checklist`, for one to three
    research engagements of a generated register.

    Args:
        draw: Supplied by hypothesis.
        checklist_strategy: The checklists to draft (default: :func:`checklists`).
    """
    register = draw(registers(max_engagements=2, max_people=4))
    person_ids = st.sampled_from([person.id for person in register.people])
    generated = draw(
        st.lists(engagements(person_ids=person_ids), min_size=1, max_size=3)
    )
    drafted = [
        attrs.evolve(
            engagement,
            id=f"drafted-{index}",
            domain=EngagementDomain.RESEARCH,
            secondary_domains=engagement.secondary_domains
            - {EngagementDomain.RESEARCH},
            organisations=(),
        )
        for index, engagement in enumerate(generated)
    ]
    kept = [e for e in register.engagements if not e.id.startswith("drafted-")]
    with_research = Register(
        engagements=[*kept, *drafted],
        people=register.people,
        organisations=register.organisations,
        name=register.name,
    )
    return draft_checklist(
        with_research,
        engagement_ids=draw(st.permutations([e.id for e in drafted])),
        checklist=draw(
            checklists() if checklist_strategy is None else checklist_strategy
        ),
    )


# -- the ecology of engagement ---------------------------------------------------


@st.composite
def actors(draw: st.DrawFn, *, ids: st.SearchStrategy[str] | None = None) -> Actor:
    """Valid :class:`~partnership_model.ecology.Actor` records.

    Persons always have an authority; organisations sometimes state none.

    Args:
        draw: Supplied by hypothesis.
        ids: Where to draw the actor id from (default: any identifier).
    """
    kind = draw(members(ActorKind))
    authorities: st.SearchStrategy[Authority | None] = members(Authority)
    if kind is ActorKind.ORGANISATION:
        authorities = st.none() | authorities
    return Actor(
        id=draw(ids if ids is not None else identifiers()),
        sphere=draw(members(Sphere)),
        authority=draw(authorities),
        kind=kind,
        role=draw(st.none() | members(Role)),
        label=draw(st.none() | texts()),
        person_id=draw(st.none() | identifiers()),
    )


def classification_policies() -> st.SearchStrategy[ClassificationPolicy]:
    """Valid :class:`~partnership_model.ClassificationPolicy` values.

    The named policies, and policies of other names with any parameters.
    """
    custom = st.builds(
        ClassificationPolicy,
        name=identifiers().filter(lambda name: name not in NAMED_POLICIES),
        min_authority_gap=st.integers(1, len(Authority) - 1),
        linking_within_sphere=st.booleans(),
        organisation_authority=st.none() | members(Authority),
        precedence=st.permutations(list(RelationType)),
    )
    return st.sampled_from(list(NAMED_POLICIES.values())) | custom


@st.composite
def relations(draw: st.DrawFn, actor_ids: Sequence[str]) -> Relation:
    """Valid :class:`~partnership_model.ecology.Relation` records between *actor_ids*.

    Args:
        draw: Supplied by hypothesis.
        actor_ids: At least two distinct actor ids to relate.
    """
    pool = sorted(set(actor_ids))
    if len(pool) < 2:
        msg = "relations() needs at least two distinct actor ids"
        raise ValueError(msg)
    source, target = draw(st.permutations(pool))[:2]
    start, end = draw(date_spans())
    return Relation(
        source=source,
        target=target,
        engagement_id=draw(st.none() | identifiers()),
        degree=draw(st.none() | members(EngagementDegree)),
        start=start,
        end=end,
    )


@st.composite
def ecology_graphs(
    draw: st.DrawFn,
    *,
    max_actors: int = 8,
    max_relations: int = 16,
    policies: st.SearchStrategy[ClassificationPolicy] | None = None,
) -> EcologyGraph:
    """Valid :class:`~partnership_model.ecology.EcologyGraph` values.

    Relations are added both as bare id pairs and as
    :class:`~partnership_model.ecology.Relation` records with engagement
    data, and parallel relations between the same two actors occur.

    Args:
        draw: Supplied by hypothesis.
        max_actors: Upper bound on the number of actors.
        max_relations: Upper bound on the number of relations.
        policies: Where to draw the graph's classification policy from
            (default: the default policy only).
    """
    actor_list = draw(st.lists(actors(), max_size=max_actors, unique_by=lambda a: a.id))
    policy = draw(policies) if policies is not None else DEFAULT_POLICY
    graph = EcologyGraph(actors=actor_list, policy=policy)
    ids = [actor.id for actor in actor_list]
    if len(ids) >= 2:
        pair = st.permutations(ids).map(lambda order: (order[0], order[1]))
        items = draw(st.lists(pair | relations(ids), max_size=max_relations))
        graph.add_relations(items)
    return graph


@st.composite
def periods(draw: st.DrawFn, *, labels: st.SearchStrategy[str] | None = None) -> Period:
    """Valid :class:`~partnership_model.timeline.Period` records.

    Args:
        draw: Supplied by hypothesis.
        labels: Where to draw the label from (default: short texts).
    """
    first, second = sorted((draw(dates()), draw(dates())))
    return Period(
        label=draw(labels if labels is not None else identifiers()),
        start=first,
        end=second,
    )


# -- the SKOS export -----------------------------------------------------------


def _iris(prefix: str) -> st.SearchStrategy[str]:
    """IRIs under *prefix*, with a local part of letters, digits and underscores."""
    local = st.text(
        st.characters(codec="ascii", categories=("Ll", "Nd")), min_size=1, max_size=8
    )
    return local.map(lambda name: prefix + name)


_TAGS = st.sampled_from(["en", "fr", "fr-CA"])


@st.composite
def _concepts(draw: st.DrawFn, scheme: str, iri: str, others: Sequence[str]) -> Concept:
    tagged = st.dictionaries(_TAGS, texts(), min_size=1, max_size=3).map(
        lambda d: tuple(d.items())
    )
    matches = (
        st.frozensets(st.sampled_from(others), max_size=2)
        if others
        else st.just(frozenset())
    )
    close = draw(matches)
    return Concept(
        iri=iri,
        scheme=scheme,
        notation=draw(identifiers()),
        pref_labels=draw(tagged),
        definitions=draw(tagged),
        alt_labels=draw(st.frozensets(texts(max_size=20), max_size=3)),
        sources=draw(st.frozensets(_iris("https://doi.org/10.1000/"), max_size=2)),
        interpretive=draw(st.booleans()),
        proposed_labels=draw(st.frozensets(st.sampled_from(["en", "fr"]))),
        close_matches=close,
        related_matches=draw(matches) - close,
        notes=draw(st.frozensets(st.tuples(st.sampled_from(["en", "fr"]), texts()))),
    )


@st.composite
def skos_exports(draw: st.DrawFn, *, max_schemes: int = 3) -> SkosData:
    """:class:`~partnership_model.skos.SkosData` with arbitrary texts and links.

    Schemes, concepts and works have distinct identifiers; each concept belongs
    to one scheme and matches only concepts of the others.
    """
    names = draw(st.lists(_iris(""), min_size=1, max_size=max_schemes, unique=True))
    members = {
        name: draw(st.lists(_iris(""), min_size=1, max_size=4, unique=True))
        for name in names
    }
    base = "urn:example:vocabulary:"
    iris = {
        name: [f"{base}{name}:{m}" for m in tokens] for name, tokens in members.items()
    }
    schemes = []
    concepts = []
    for name, own in iris.items():
        others = [
            iri for other, listed in iris.items() if other != name for iri in listed
        ]
        schemes.append(
            ConceptScheme(
                iri=base + name,
                title=draw(texts(max_size=20)),
                description=draw(texts()),
                concepts=own,
                order=tuple(own) if draw(st.booleans()) else (),
            )
        )
        concepts += [draw(_concepts(base + name, iri, others)) for iri in own]
    cited = {iri for concept in concepts for iri in concept.sources}
    sources = [
        Source(
            iri=iri,
            key=draw(identifiers()),
            citation=draw(texts()),
            see_also=draw(st.none() | _iris("https://example.org/")),
        )
        for iri in sorted(cited)
    ]
    return SkosData(schemes=schemes, concepts=concepts, sources=sources)
