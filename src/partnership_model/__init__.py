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
from partnership_model.exceptions import (
    DuplicateIdError,
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
    SchemaVersionError,
    UnknownActorError,
    UnknownReferenceError,
    ValidationError,
    VocabularyError,
)
from partnership_model.matrix import EngagementMatrix, ResearchEngagementMatrix
from partnership_model.records import (
    SCHEMA_VERSION,
    Engagement,
    Organisation,
    Participant,
    Person,
    Register,
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
    "ActorKind",
    "CarePosture",
    "DuplicateIdError",
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
    "RelationType",
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
    "assess",
]


def __dir__() -> list[str]:
    return __all__
