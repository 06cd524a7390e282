"""A typed, computable domain model of patient partnership in health.

``partnership_model`` gives tools that describe how patients, caregivers and
citizens take part in care, governance, research, teaching and policy one
shared, citable vocabulary: the Montreal model (engagement degree x level, in
five domains, with the roles of engaged people) and the Ecology of Engagement
(bonding, bridging and linking relations).

Everything listed in ``__all__`` is public and importable from here.
"""

from partnership_model._version import __version__
from partnership_model.exceptions import (
    PartnershipModelError,
    VocabularyError,
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
    "ActorKind",
    "CarePosture",
    "EngagementDegree",
    "EngagementDomain",
    "EngagementLevel",
    "EngagementOutcome",
    "KnowledgeSource",
    "KnowledgeType",
    "Leadership",
    "MontrealField",
    "PartnershipModelError",
    "ProjectPhase",
    "RecognitionModality",
    "RelationType",
    "ResearchStage",
    "Role",
    "Severity",
    "Sphere",
    "TiersAction",
    "TiersActionFamily",
    "TogetherActivity",
    "VocabularyError",
    "__version__",
]


def __dir__() -> list[str]:
    return __all__
