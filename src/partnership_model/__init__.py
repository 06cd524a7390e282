"""A typed, computable domain model of patient partnership in health.

``partnership_model`` gives tools that describe how patients, caregivers and
citizens take part in care, governance, research, teaching and policy one
shared, citable vocabulary: the Montreal model (engagement degree x level, in
five domains, with the roles of engaged people) and the Ecology of Engagement
(bonding, bridging and linking relations).

Everything listed in ``__all__`` is public and importable from here.

The package namespace is lazy: ``import partnership_model`` loads almost
nothing, and each public name is imported from its module the first time it is
used (:pep:`562`). ``from partnership_model import Register`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from partnership_model._version import __version__

if TYPE_CHECKING:
    from partnership_model.assessment import (
        RULES,
        Finding,
        Rule,
        assess,
    )
    from partnership_model.checklists import (
        AnswerKind,
        Checklist,
        ChecklistItem,
        ChecklistSection,
        RegisterCoverage,
        builtin_checklist,
        checklist_from_dict,
        checklist_to_dict,
        gripp2,
        load_checklist,
    )
    from partnership_model.draft_output import (
        draft_document,
        draft_schema,
        draft_to_json,
        draft_to_markdown,
        render_draft,
    )
    from partnership_model.drafting import (
        ChecklistDraft,
        DraftValue,
        ItemDraft,
        ItemStatus,
        draft_checklist,
    )
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
    from partnership_model.ego import (
        EgoNetwork,
        ego_networks,
    )
    from partnership_model.exceptions import (
        DuplicateIdError,
        InvalidRecordError,
        MigrationWarning,
        PartnershipModelError,
        RecordTypeError,
        RelationTypeMismatchWarning,
        SchemaVersionError,
        UnknownActorError,
        UnknownReferenceError,
        ValidationError,
        VocabularyError,
    )
    from partnership_model.jsonld import (
        register_context,
    )
    from partnership_model.matrix import (
        EngagementMatrix,
        ResearchEngagementMatrix,
    )
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
        unlinked_to_public_authority,
    )
    from partnership_model.policy import (
        ClassificationPolicy,
    )
    from partnership_model.privacy import (
        pseudonymize,
    )
    from partnership_model.records import (
        SCHEMA_VERSION,
        Engagement,
        Organisation,
        Participant,
        Person,
        Register,
    )
    from partnership_model.report import (
        Report,
        ReportScope,
        build_report,
        render_report,
    )
    from partnership_model.schema import (
        json_schema,
    )
    from partnership_model.serialization import (
        from_dict,
        from_json,
        read_json,
        to_dict,
        to_json,
        validate,
        write_json,
    )
    from partnership_model.significance import (
        BrokerageSignificance,
        EIPermutationTest,
        brokerage_significance,
        ei_permutation_test,
    )
    from partnership_model.skos import (
        concept_iri,
    )
    from partnership_model.vocabulary import (
        ActorKind,
        Authority,
        CarePosture,
        ContributionSought,
        EngagementDegree,
        EngagementDomain,
        EngagementLevel,
        EngagementOutcome,
        ExperienceCapacity,
        HealthConditionKind,
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


# Where each public name lives (checked against the imports above by the tests).
_EXPORTS: dict[str, str] = {
    "Actor": "ecology",
    "ActorKind": "vocabulary",
    "AnswerKind": "checklists",
    "Authority": "vocabulary",
    "BrokerageRole": "metrics",
    "BrokerageSignificance": "significance",
    "CarePosture": "vocabulary",
    "Checklist": "checklists",
    "ChecklistDraft": "drafting",
    "ChecklistItem": "checklists",
    "ChecklistSection": "checklists",
    "ClassificationPolicy": "policy",
    "ClassifiedRelation": "ecology",
    "ContributionSought": "vocabulary",
    "DraftValue": "drafting",
    "DuplicateIdError": "exceptions",
    "EIPermutationTest": "significance",
    "EcologyGraph": "ecology",
    "EgoNetwork": "ego",
    "Engagement": "records",
    "EngagementDegree": "vocabulary",
    "EngagementDomain": "vocabulary",
    "EngagementLevel": "vocabulary",
    "EngagementMatrix": "matrix",
    "EngagementOutcome": "vocabulary",
    "ExperienceCapacity": "vocabulary",
    "Finding": "assessment",
    "HealthConditionKind": "vocabulary",
    "InvalidRecordError": "exceptions",
    "ItemDraft": "drafting",
    "ItemStatus": "drafting",
    "KnowledgeSource": "vocabulary",
    "KnowledgeType": "vocabulary",
    "Leadership": "vocabulary",
    "MigrationWarning": "exceptions",
    "MontrealField": "vocabulary",
    "Organisation": "records",
    "Participant": "records",
    "PartnershipModelError": "exceptions",
    "Person": "records",
    "ProjectPhase": "vocabulary",
    "RULES": "assessment",
    "RecognitionModality": "vocabulary",
    "RecordTypeError": "exceptions",
    "Register": "records",
    "RegisterCoverage": "checklists",
    "Report": "report",
    "ReportScope": "report",
    "Relation": "ecology",
    "RelationType": "vocabulary",
    "RelationTypeMismatchWarning": "exceptions",
    "ResearchEngagementMatrix": "matrix",
    "ResearchStage": "vocabulary",
    "Role": "vocabulary",
    "Rule": "assessment",
    "SCHEMA_VERSION": "records",
    "SchemaVersionError": "exceptions",
    "Severity": "vocabulary",
    "Sphere": "vocabulary",
    "TiersAction": "vocabulary",
    "TiersActionFamily": "vocabulary",
    "TogetherActivity": "vocabulary",
    "UnknownActorError": "exceptions",
    "UnknownReferenceError": "exceptions",
    "ValidationError": "exceptions",
    "VocabularyError": "exceptions",
    "actor_ei_index": "metrics",
    "actor_relation_counts": "metrics",
    "assess": "assessment",
    "broker_centrality": "metrics",
    "brokerage_roles": "metrics",
    "brokerage_significance": "significance",
    "brokers": "metrics",
    "build_report": "report",
    "builtin_checklist": "checklists",
    "checklist_from_dict": "checklists",
    "checklist_to_dict": "checklists",
    "classify_relation": "ecology",
    "concept_iri": "skos",
    "crosses_authority": "ecology",
    "crosses_sphere": "ecology",
    "draft_checklist": "drafting",
    "draft_document": "draft_output",
    "draft_schema": "draft_output",
    "draft_to_json": "draft_output",
    "draft_to_markdown": "draft_output",
    "ego_networks": "ego",
    "ei_index": "metrics",
    "ei_permutation_test": "significance",
    "from_dict": "serialization",
    "from_json": "serialization",
    "gripp2": "checklists",
    "group_ei_index": "metrics",
    "isolated_actors": "metrics",
    "json_schema": "schema",
    "load_checklist": "checklists",
    "pseudonymize": "privacy",
    "read_json": "serialization",
    "register_context": "jsonld",
    "relation_counts": "metrics",
    "relation_shares": "metrics",
    "relation_types": "ecology",
    "render_draft": "draft_output",
    "render_report": "report",
    "silos": "metrics",
    "to_dict": "serialization",
    "to_json": "serialization",
    "unlinked_to_macro": "metrics",
    "unlinked_to_public_authority": "metrics",
    "validate": "serialization",
    "write_json": "serialization",
}

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "AnswerKind",
    "Authority",
    "BrokerageRole",
    "BrokerageSignificance",
    "CarePosture",
    "Checklist",
    "ChecklistDraft",
    "ChecklistItem",
    "ChecklistSection",
    "ClassificationPolicy",
    "ClassifiedRelation",
    "ContributionSought",
    "DraftValue",
    "DuplicateIdError",
    "EIPermutationTest",
    "EcologyGraph",
    "EgoNetwork",
    "Engagement",
    "EngagementDegree",
    "EngagementDomain",
    "EngagementLevel",
    "EngagementMatrix",
    "EngagementOutcome",
    "ExperienceCapacity",
    "Finding",
    "HealthConditionKind",
    "InvalidRecordError",
    "ItemDraft",
    "ItemStatus",
    "KnowledgeSource",
    "KnowledgeType",
    "Leadership",
    "MigrationWarning",
    "MontrealField",
    "Organisation",
    "Participant",
    "PartnershipModelError",
    "Person",
    "ProjectPhase",
    "RecognitionModality",
    "RecordTypeError",
    "Register",
    "RegisterCoverage",
    "Relation",
    "RelationType",
    "RelationTypeMismatchWarning",
    "Report",
    "ReportScope",
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
    "brokerage_significance",
    "brokers",
    "build_report",
    "builtin_checklist",
    "checklist_from_dict",
    "checklist_to_dict",
    "classify_relation",
    "concept_iri",
    "crosses_authority",
    "crosses_sphere",
    "draft_checklist",
    "draft_document",
    "draft_schema",
    "draft_to_json",
    "draft_to_markdown",
    "ego_networks",
    "ei_index",
    "ei_permutation_test",
    "from_dict",
    "from_json",
    "gripp2",
    "group_ei_index",
    "isolated_actors",
    "json_schema",
    "load_checklist",
    "pseudonymize",
    "read_json",
    "register_context",
    "relation_counts",
    "relation_shares",
    "relation_types",
    "render_draft",
    "render_report",
    "silos",
    "to_dict",
    "to_json",
    "unlinked_to_macro",
    "unlinked_to_public_authority",
    "validate",
    "write_json",
]


# Hidden from type checkers, which would otherwise type every unknown attribute
# of the package as Any and stop catching typos such as ``pm.Regster``.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """Import a public name from its module on first use (PEP 562)."""
        module = _EXPORTS.get(name)
        if module is None:
            msg = f"module 'partnership_model' has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(f"partnership_model.{module}"), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return __all__
