"""A typed, computable domain model of patient partnership in health.

``partnership_model`` gives tools that describe how patients, caregivers and
citizens take part in care, governance, research, teaching and policy one
shared, citable vocabulary: the Montreal model (engagement degree x level, in
five domains, with the roles of engaged people) and the Ecology of Engagement
(bonding, bridging and linking relations).

Everything listed in ``__all__`` is public and importable from here.
"""

from partnership_model._version import __version__
from partnership_model.assessment import RULES, Finding, Rule, assess
from partnership_model.ecology import (
    Actor,
    ClassifiedRelation,
    EcologyGraph,
    Relation,
    classify_relation,
    crosses_authority,
    crosses_sphere,
    relation_types,
)
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
    RelationTypeMismatchWarning,
    SchemaVersionError,
    UnknownActorError,
    UnknownReferenceError,
    ValidationError,
    VocabularyError,
)
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.metrics import (
    BrokerageRole,
    actor_ei_index,
    actor_relation_counts,
    broker_centrality,
    brokerage_roles,
    brokers,
    ei_index,
    group_ei_index,
    isolated_actors,
    relation_counts,
    relation_shares,
    silos,
    unlinked_to_macro,
)
from partnership_model.records import (
    SCHEMA_VERSION,
    Engagement,
    Organisation,
    Participant,
    Person,
    Register,
)
from partnership_model.privacy import pseudonymize
from partnership_model.schema import json_schema
from partnership_model.serialization import (
    from_dict,
    from_json,
    read_json,
    to_dict,
    to_json,
    validate,
    write_json,
)
from partnership_model.vocabulary import (
    ActorKind,
    CarePosture,
    EngagementDegree,
    EngagementDomain,
    EngagementLevel,
    EngagementOutcome,
    KnowledgeSource,
    KnowledgeType,
    Leadership,
    MontrealField,
    ProjectPhase,
    RecognitionModality,
    RelationType,
    ResearchStage,
    Role,
    Severity,
    Sphere,
    TiersAction,
    TiersActionFamily,
    TogetherActivity,
)

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "BrokerageRole",
    "CarePosture",
    "ClassifiedRelation",
    "DuplicateIdError",
    "EcologyGraph",
    "Engagement",
    "EngagementDegree",
    "EngagementDomain",
    "EngagementLevel",
    "EngagementMatrix",
    "EngagementOutcome",
    "Finding",
    "InvalidRecordError",
    "KnowledgeSource",
    "KnowledgeType",
    "Leadership",
    "MontrealField",
    "Organisation",
    "Participant",
    "PartnershipModelError",
    "Person",
    "ProjectPhase",
    "RecognitionModality",
    "RecordTypeError",
    "Register",
    "Relation",
    "RelationType",
    "RelationTypeMismatchWarning",
    "ResearchEngagementMatrix",
    "ResearchStage",
    "Role",
    "Rule",
    "SchemaVersionError",
    "Severity",
    "Sphere",
    "TiersAction",
    "TiersActionFamily",
    "TogetherActivity",
    "UnknownActorError",
    "UnknownReferenceError",
    "ValidationError",
    "VocabularyError",
    "__version__",
    "actor_ei_index",
    "actor_relation_counts",
    "assess",
    "broker_centrality",
    "brokerage_roles",
    "brokers",
    "classify_relation",
    "crosses_authority",
    "crosses_sphere",
    "ei_index",
    "from_dict",
    "from_json",
    "group_ei_index",
    "isolated_actors",
    "json_schema",
    "pseudonymize",
    "read_json",
    "relation_counts",
    "relation_shares",
    "relation_types",
    "silos",
    "to_dict",
    "to_json",
    "unlinked_to_macro",
    "validate",
    "write_json",
]


def __dir__() -> list[str]:
    return __all__
