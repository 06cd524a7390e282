"""Type-checker view of the package namespace, and the table of its lazy imports.

Every public name of ``partnership_model`` is listed here once: type checkers read
the imports below, and ``__init__.py`` hands this file to
``lazy_loader.attach_stub`` (SPEC 1), which imports each name from its module the
first time it is used.
"""

__all__: list[str]

from ._version import __version__ as __version__
from .assessment import (
    RULES as RULES,
    Finding as Finding,
    Rule as Rule,
    assess as assess,
)
from .checklists import (
    AnswerKind as AnswerKind,
    Checklist as Checklist,
    ChecklistItem as ChecklistItem,
    ChecklistSection as ChecklistSection,
    RegisterCoverage as RegisterCoverage,
    builtin_checklist as builtin_checklist,
    checklist_from_dict as checklist_from_dict,
    checklist_to_dict as checklist_to_dict,
    gripp2 as gripp2,
    load_checklist as load_checklist,
)
from .dates import (
    PartialDate as PartialDate,
)
from .draft_output import (
    draft_document as draft_document,
    draft_schema as draft_schema,
    draft_to_json as draft_to_json,
    draft_to_markdown as draft_to_markdown,
    render_draft as render_draft,
)
from .drafting import (
    ChecklistDraft as ChecklistDraft,
    DraftValue as DraftValue,
    ItemDraft as ItemDraft,
    ItemStatus as ItemStatus,
    draft_checklist as draft_checklist,
)
from .ecology import (
    Actor as Actor,
    ClassifiedRelation as ClassifiedRelation,
    EcologyGraph as EcologyGraph,
    Relation as Relation,
    classify_relation as classify_relation,
    crosses_authority as crosses_authority,
    crosses_sphere as crosses_sphere,
    relation_types as relation_types,
)
from .ego import (
    EgoNetwork as EgoNetwork,
    ego_networks as ego_networks,
)
from .exceptions import (
    DuplicateIdError as DuplicateIdError,
    InvalidRecordError as InvalidRecordError,
    MigrationWarning as MigrationWarning,
    PartnershipModelError as PartnershipModelError,
    RecordTypeError as RecordTypeError,
    RelationTypeMismatchWarning as RelationTypeMismatchWarning,
    SchemaVersionError as SchemaVersionError,
    UnknownActorError as UnknownActorError,
    UnknownReferenceError as UnknownReferenceError,
    ValidationError as ValidationError,
    VocabularyError as VocabularyError,
)
from .jsonld import (
    register_context as register_context,
)
from .matrix import (
    EngagementMatrix as EngagementMatrix,
    ResearchEngagementMatrix as ResearchEngagementMatrix,
)
from .metrics import (
    BrokerageRole as BrokerageRole,
    actor_ei_index as actor_ei_index,
    actor_relation_counts as actor_relation_counts,
    broker_centrality as broker_centrality,
    brokerage_roles as brokerage_roles,
    brokers as brokers,
    ei_index as ei_index,
    group_ei_index as group_ei_index,
    isolated_actors as isolated_actors,
    relation_counts as relation_counts,
    relation_shares as relation_shares,
    silos as silos,
    unlinked_to_macro as unlinked_to_macro,
    unlinked_to_public_authority as unlinked_to_public_authority,
)
from .policy import (
    ClassificationPolicy as ClassificationPolicy,
)
from .privacy import (
    pseudonymize as pseudonymize,
)
from .records import (
    SCHEMA_VERSION as SCHEMA_VERSION,
    Engagement as Engagement,
    Organisation as Organisation,
    Participant as Participant,
    Person as Person,
    Register as Register,
    StageDegree as StageDegree,
)
from .report import (
    Report as Report,
    ReportScope as ReportScope,
    build_report as build_report,
    render_report as render_report,
)
from .schema import (
    json_schema as json_schema,
)
from .serialization import (
    from_dict as from_dict,
    from_json as from_json,
    read_json as read_json,
    to_dict as to_dict,
    to_json as to_json,
    validate as validate,
    write_json as write_json,
)
from .significance import (
    BrokerageSignificance as BrokerageSignificance,
    EIPermutationTest as EIPermutationTest,
    brokerage_significance as brokerage_significance,
    ei_permutation_test as ei_permutation_test,
)
from .skos import (
    concept_iri as concept_iri,
)
from .vocabulary import (
    ActorKind as ActorKind,
    Authority as Authority,
    CarePosture as CarePosture,
    ContributionSought as ContributionSought,
    EngagementDegree as EngagementDegree,
    EngagementDomain as EngagementDomain,
    EngagementLevel as EngagementLevel,
    EngagementOutcome as EngagementOutcome,
    ExperienceCapacity as ExperienceCapacity,
    HealthConditionKind as HealthConditionKind,
    KnowledgeSource as KnowledgeSource,
    KnowledgeType as KnowledgeType,
    Leadership as Leadership,
    MontrealField as MontrealField,
    ProjectPhase as ProjectPhase,
    RecognitionModality as RecognitionModality,
    RelationType as RelationType,
    ResearchStage as ResearchStage,
    Role as Role,
    Severity as Severity,
    Sphere as Sphere,
    TiersAction as TiersAction,
    TiersActionFamily as TiersActionFamily,
    TogetherActivity as TogetherActivity,
)
