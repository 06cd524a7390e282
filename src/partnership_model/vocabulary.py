"""The controlled vocabularies of the Montreal model and the Ecology of Engagement.

Every vocabulary is a plain :class:`enum.Enum` whose values are lowercase strings
equal to the JSON token (``EngagementDegree.PARTNERSHIP.value == "partnership"``).
The members are declared here; what the library knows about each of them lives
in the vocabulary's data file, ``partnership_model/data/terms/<name>.json``,
read and checked the first time it is needed (see
:doc:`/how-to/correct-a-term`). Every member has

* ``label(lang)`` and ``definition(lang)`` in English (``"en"``) and French
  (``"fr"``, or the regional ``"fr-CA"``), written for this library in its own
  words and set in the language's typography;
* ``source`` / ``sources``: keys into
  :data:`partnership_model.bibliography.BIBLIOGRAPHY`;
* ``interpretive``: ``True`` where the definition or placement is this
  library's reading rather than a statement of the sources.

``SomeVocabulary.parse(text)`` accepts the value, the member name, either label
and the documented aliases, ignoring case, accents and surrounding spaces.

Ordered vocabularies (degrees, levels, care postures, research stages, project
phases, relation types) compare by declaration order, weakest first; comparing
members of two different vocabularies, or a member with a string, raises
:class:`TypeError`.

Examples:
    >>> from partnership_model import EngagementDegree, Role
    >>> EngagementDegree.parse("Partenariat") is EngagementDegree.PARTNERSHIP
    True
    >>> EngagementDegree.parse("co-construction")
    <EngagementDegree.PARTNERSHIP: 'partnership'>
    >>> EngagementDegree.CONSULTATION < EngagementDegree.COLLABORATION
    True
    >>> max(EngagementDegree).label("fr")
    'Partenariat'
    >>> Role.MANAGER.sphere, Role.MANAGER.authority
    (<Sphere.PROFESSIONAL: 'professional'>, <Authority.MANAGERIAL: 'managerial'>)
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Mapping

from partnership_model._data import LazyMapping
from partnership_model._enums import (
    LANGUAGES,
    Lang,
    OrderedVocabulary,
    Term,
    Vocabulary,
    facet,
    facet_mapping,
    terms,
)
from partnership_model._terms import Variant

__all__ = [
    "LANGUAGES",
    "PROPOSED_KNOWLEDGE_SOURCES",
    "VOCABULARIES",
    "ActorKind",
    "Authority",
    "CarePosture",
    "ContributionSought",
    "EngagementDegree",
    "EngagementDomain",
    "EngagementLevel",
    "EngagementOutcome",
    "ExperienceCapacity",
    "HealthConditionKind",
    "KnowledgeSource",
    "KnowledgeType",
    "Lang",
    "Leadership",
    "MontrealField",
    "OrderedVocabulary",
    "ProjectPhase",
    "RecognitionModality",
    "RelationType",
    "ResearchStage",
    "Role",
    "Severity",
    "Sphere",
    "Term",
    "TiersAction",
    "TiersActionFamily",
    "TogetherActivity",
    "Variant",
    "Vocabulary",
    "terms",
]


def __dir__() -> list[str]:
    return __all__


# ---------------------------------------------------------------------------
# Care posture: from care *to* the patient to care *with* the patient
# ---------------------------------------------------------------------------


@enum.unique
class CarePosture(OrderedVocabulary):
    """Paradigms of the care relationship, from care *to* to care *with* the patient.

    Ordered: ``PATERNALISM < PATIENT_CENTRED < PARTNERSHIP``.
    """

    #: Professionals decide for the patient.
    PATERNALISM = "paternalism"
    #: Professionals take the patient's perspective into account but keep authority.
    PATIENT_CENTRED = "patient_centred"
    #: Patient and professionals share power and complementary knowledge.
    PARTNERSHIP = "partnership"


# ---------------------------------------------------------------------------
# Montreal model: degree, level, field
# ---------------------------------------------------------------------------


@enum.unique
class EngagementDegree(OrderedVocabulary):
    """How far patients take part in a decision or an activity: the Montreal continuum.

    Ordered: ``INFORMATION < CONSULTATION < COLLABORATION < PARTNERSHIP``.
    The continuum measures shared influence, not who leads: an activity led by
    patients alone is recorded with :class:`Leadership`, not as a higher degree.
    """

    #: One-way flow of knowledge towards patients.
    INFORMATION = "information"
    #: Patients' views are sought; professionals decide.
    CONSULTATION = "consultation"
    #: Patients contribute to professional-led work.
    COLLABORATION = "collaboration"
    #: Co-construction with shared leadership.
    PARTNERSHIP = "partnership"


@enum.unique
class EngagementLevel(OrderedVocabulary):
    """Where in the health system an engagement takes place: the Montreal levels.

    Ordered: ``MICRO < MESO < MACRO``. The same scale serves as the authority
    level of an actor in the Ecology of Engagement (see
    :attr:`Role.level`): a relation between two actors at different levels
    crosses an authority gradient.
    """

    #: Direct care and services.
    MICRO = "micro"
    #: Organisation of care and services.
    MESO = "meso"
    #: Health policy and the health system as a whole.
    MACRO = "macro"


@enum.unique
class MontrealField(Vocabulary):
    """The three fields the Montreal model was first applied to (nominal)."""

    #: Care, services and the health system.
    CARE = "care"
    #: Education and training of health professionals.
    EDUCATION = "education"
    #: Research.
    RESEARCH = "research"


@enum.unique
class EngagementDomain(Vocabulary):
    """The five Quebec domains in which patient partners get involved (nominal).

    :attr:`field` maps each domain onto the Montreal model's three original
    fields; that mapping is this library's interpretation.
    """

    #: Clinical teams, care-pathway and quality-improvement teams.
    CARE_AND_SERVICES = "care_and_services"
    #: Strategic and steering committees.
    GOVERNANCE = "governance"
    #: Research teams.
    RESEARCH = "research"
    #: Training, information and teaching.
    EDUCATION = "education"
    #: Public debate on health and social-services policy.
    POLITICAL_INFLUENCE = "political_influence"

    @property
    def field(self) -> MontrealField:
        """The Montreal field this domain belongs to (interpretive).

        Governance and political influence belong to the care and health-system
        field; what distinguishes them is the level at which the decision body
        sits, which an engagement records separately.
        """
        return facet(self, "field", MontrealField)


@enum.unique
class Leadership(Vocabulary):
    """Who leads an engagement (nominal).

    Kept apart from :class:`EngagementDegree`: in the Montreal model partnership
    means *shared* leadership, so leadership by patients alone is a different
    arrangement, not a higher degree.
    """

    #: Professionals set the agenda and decide.
    PROFESSIONAL_LED = "professional_led"
    #: Patients take the initiative and call on professionals as needed.
    PATIENT_LED = "patient_led"
    #: Leadership is deliberately shared by a patient and a professional.
    CO_LED = "co_led"


# ---------------------------------------------------------------------------
# Ecology of Engagement: spheres, roles, relation types
# ---------------------------------------------------------------------------


@enum.unique
class Sphere(Vocabulary):
    """Who is engaged, in the Ecology of Engagement: community or professionals."""

    #: Patients, caregivers, citizens and their groups.
    COMMUNITY = "community"
    #: People and bodies engaged through a professional or institutional role.
    PROFESSIONAL = "professional"


@enum.unique
class Role(Vocabulary):
    """The role in which a person (or body) takes part in an engagement.

    A role belongs to a participation, not to a person: the same nurse may act
    as a clinician in one engagement and as a family caregiver in another.
    Each role has a :attr:`sphere` and a default formal :attr:`authority`;
    both can be overridden per participation. A role has no Montreal level:
    the level belongs to the engagement (where it acts), not to the people
    who take part in it.

    The sphere and authority attached to each role are this library's
    interpretation of the sources (see each member's ``interpretive`` flag).
    """

    # -- community sphere --------------------------------------------------------
    #: A person with lived experience engaged in a co-construction posture.
    PATIENT_PARTNER = "patient_partner"
    #: A patient partner working in a quality-improvement team.
    PATIENT_ADVISOR = "patient_advisor"
    #: A trained peer integrated in a care team (peer support worker).
    PEER_HELPER = "peer_helper"
    #: A trained peer who accompanies people newly facing the same situation.
    PEER_COMPANION = "peer_companion"
    #: A resource patient who testifies to students and professionals.
    RESOURCE_PATIENT_TESTIMONY = "resource_patient_testimony"
    #: A resource patient who meets patients on hospital wards.
    RESOURCE_PATIENT_PATHWAY = "resource_patient_pathway"
    #: A patient who trains health professionals.
    PATIENT_TRAINER = "patient_trainer"
    #: A patient member of a research team.
    PATIENT_RESEARCHER = "patient_researcher"
    #: A patient who coordinates a partnership programme.
    PATIENT_COORDINATOR = "patient_coordinator"
    #: A user representative sitting in a statutory body.
    USER_REPRESENTATIVE = "user_representative"
    #: The ambiguous "expert patient".
    EXPERT_PATIENT = "expert_patient"
    #: A member or volunteer of a patient or user association.
    ASSOCIATION_VOLUNTEER = "association_volunteer"
    #: A relative or friend who supports a person with a health condition.
    FAMILY_CAREGIVER = "family_caregiver"
    #: A member of the public.
    CITIZEN = "citizen"
    #: A person receiving care or services.
    PATIENT = "patient"
    # -- professional sphere -----------------------------------------------------
    #: A health or social-care practitioner.
    CLINICIAN = "clinician"
    #: A manager of a service, programme or organisation.
    MANAGER = "manager"
    #: A researcher.
    RESEARCHER = "researcher"
    #: A teacher or trainer of health professionals.
    EDUCATOR = "educator"
    #: A holder of system-level authority (ministry, regional agency...).
    DECISION_MAKER = "decision_maker"
    #: The "tiers" who arranges the relational conditions of partnership.
    THIRD_PARTY = "third_party"

    @property
    def sphere(self) -> Sphere:
        """The sphere a person acting in this role belongs to."""
        return facet(self, "sphere", Sphere)

    @property
    def level(self) -> EngagementLevel:
        """The role's "authority level" of format 1.0, deprecated (read ``authority``).

        Up to 0.1.0 the ecology read a role's authority on the Montreal level
        scale (micro, meso, macro), which conflated where an engagement acts
        with the formal authority a person holds (issue 11). The value is
        kept, with a :class:`DeprecationWarning`, for code written against
        that release.

        .. deprecated:: 0.1.0
            Use :attr:`authority`.
        """
        warnings.warn(
            "Role.level is deprecated: a role has no Montreal level; read "
            "Role.authority for the formal authority it holds by default",
            DeprecationWarning,
            stacklevel=2,
        )
        return facet(self, "level", EngagementLevel)

    @property
    def authority(self) -> Authority:
        """The formal :class:`Authority` a person acting in this role holds by default.

        Front-line and community roles hold no formal authority
        (``MEMBER``); managers and tiers structures hold ``MANAGERIAL``
        authority; decision makers hold ``PUBLIC_AUTHORITY``. These defaults
        are this library's reading (see :class:`Authority`); override them
        per participation where a person's real authority differs.

        Examples:
            >>> Role.PATIENT_PARTNER.authority
            <Authority.MEMBER: 'member'>
            >>> Role.DECISION_MAKER.authority
            <Authority.PUBLIC_AUTHORITY: 'public_authority'>
        """
        return facet(self, "authority", Authority)


@enum.unique
class ActorKind(Vocabulary):
    """Whether an actor of the ecology is a person or an organisation."""

    #: An individual.
    PERSON = "person"
    #: A group or institution (an association, a clinical team, a tiers structure).
    ORGANISATION = "organisation"


@enum.unique
class Authority(OrderedVocabulary):
    """Formal authority of an actor in the setting of an engagement.

    Ordered: ``MEMBER < MANAGERIAL < PUBLIC_AUTHORITY``. Authority is the rank
    an actor holds in the formal governing structure of the engagement's
    setting: who can decide for whom, commit resources or direct others. It is
    not clinical or experiential expertise, and it is not the Montreal
    :class:`EngagementLevel`: the level says *where* an engagement acts (a
    care episode, an organisation, the health system), authority says what
    formal power a person brings to it. A patient partner who sits on a
    provincial committee engages at the macro level and keeps a patient
    partner's authority.

    Szreter & Woolcock (2004) define linking ties as ties across explicit,
    formal or institutionalised gradients of power or authority, and Boivin et
    al. (2022) borrow that reading for the Ecology of Engagement. The three
    ranks below are this library's operationalisation of that gradient for
    health settings; the sources name no such scale.
    """

    #: No formal authority over others in the setting.
    MEMBER = "member"
    #: Authority delegated by an organisation over a team, service or programme.
    MANAGERIAL = "managerial"
    #: Authority conferred by law or government over the health system.
    PUBLIC_AUTHORITY = "public_authority"


# Default authority of each role (see Role.authority): our reading, flagged on
# the Authority terms as interpretive.


@enum.unique
class RelationType(OrderedVocabulary):
    """Kinds of engagement relationship in the Ecology of Engagement.

    Ordered by precedence, ``BONDING < BRIDGING < LINKING``, so that the
    primary type of a relation that is several things at once is simply
    ``max(types)``. The classification rules are in
    :func:`partnership_model.ecology.relation_types`.
    """

    #: Inward looking, within the community or among professionals.
    BONDING = "bonding"
    #: Looking across, between community members and professionals.
    BRIDGING = "bridging"
    #: Upward looking, across levels of power and authority.
    LINKING = "linking"


# ---------------------------------------------------------------------------
# Engagement content: research stages, project phases, activities, outcomes
# ---------------------------------------------------------------------------


@enum.unique
class ResearchStage(OrderedVocabulary):
    """Stages of a research project at which patients can be engaged.

    Ordered from the most upstream stage to the last. The list merges the
    stages of the PCORI pilot projects and of the Clinical Trials Ontario
    decision aid; the merge is this library's. ``RESEARCH_GOVERNANCE`` runs
    across every stage: it is declared (and therefore sorts) last, and
    upstream-ness checks ignore it.
    """

    #: Identifying and prioritising topics.
    PRIORITY_SETTING = "priority_setting"
    #: Developing the research question.
    QUESTION_DEVELOPMENT = "question_development"
    #: Study design, including outcomes.
    DESIGN = "design"
    #: Writing the grant proposal.
    FUNDING_APPLICATION = "funding_application"
    #: Ethics, materials and recruitment plan.
    PREPARATION = "preparation"
    #: Recruitment and data collection.
    DATA_COLLECTION = "data_collection"
    #: Analysis and interpretation.
    ANALYSIS_INTERPRETATION = "analysis_interpretation"
    #: Dissemination and knowledge translation.
    DISSEMINATION = "dissemination"
    #: Putting results into practice.
    IMPLEMENTATION = "implementation"
    #: Monitoring and evaluation.
    EVALUATION = "evaluation"
    #: Governance of research (cross-cutting).
    RESEARCH_GOVERNANCE = "research_governance"

    @property
    def is_upstream(self) -> bool:
        """Whether the stage comes before the study is funded and run.

        Priority setting, question development and design are upstream;
        research governance is cross-cutting and never counts as upstream.
        """
        return facet(self, "upstream", bool)


@enum.unique
class ProjectPhase(OrderedVocabulary):
    """The phase of a project at which partners joined it.

    Ordered: ``PROBLEM_FRAMING < DESIGN < IMPLEMENTATION < EVALUATION``.
    Practice guidance asks to involve partners as far upstream as possible, when
    the problem is framed and the tools are designed; the four phases are this
    library's coarse rendering of that advice.
    """

    #: Defining the problem and the goals.
    PROBLEM_FRAMING = "problem_framing"
    #: Designing the solution or the tools.
    DESIGN = "design"
    #: Carrying out the work.
    IMPLEMENTATION = "implementation"
    #: Validating or evaluating what was done.
    EVALUATION = "evaluation"

    @property
    def is_upstream(self) -> bool:
        """Whether joining at this phase counts as upstream involvement."""
        return self <= ProjectPhase.DESIGN


@enum.unique
class TogetherActivity(Vocabulary):
    """The "together" activities that make up engagement in the Ecology of Engagement."""

    #: Caring for each other.
    CARING_TOGETHER = "caring_together"
    #: Preventing together.
    PREVENTING_TOGETHER = "preventing_together"
    #: Researching together.
    RESEARCHING_TOGETHER = "researching_together"
    #: Teaching together.
    TEACHING_TOGETHER = "teaching_together"
    #: Building policies together.
    BUILDING_POLICIES_TOGETHER = "building_policies_together"


@enum.unique
class EngagementOutcome(Vocabulary):
    """What health ecosystems and engagement influence, per the Ecology of Engagement."""

    #: Health.
    HEALTH = "health"
    #: Equity.
    EQUITY = "equity"
    #: Resilience.
    RESILIENCE = "resilience"
    #: Sustainability.
    SUSTAINABILITY = "sustainability"


# ---------------------------------------------------------------------------
# Patient knowledge (Dumez & L'Espérance 2024)
# ---------------------------------------------------------------------------


@enum.unique
class KnowledgeSource(Vocabulary):
    """The three sources from which patients learn (Dumez & L'Espérance 2024)."""

    #: Learning from oneself.
    SELF = "self"
    #: Learning from the health system.
    SYSTEM = "system"
    #: Learning from the community.
    COMMUNITY = "community"


@enum.unique
class KnowledgeType(Vocabulary):
    """The six types of patient knowledge (Dumez & L'Espérance 2024), nominal.

    The type names and the fact that they are classified by source of learning
    come from the paper; the definitions beyond the names are this library's
    paraphrases, and the pairing of each type with a source is a proposal (see
    :data:`PROPOSED_KNOWLEDGE_SOURCES`).
    """

    #: Knowing the condition through one's body.
    EMBODIED = "embodied"
    #: Knowing how to track one's own indicators.
    MONITORING = "monitoring"
    #: Knowing how to get through the care system.
    NAVIGATION = "navigation"
    #: Biomedical knowledge acquired by the patient.
    MEDICAL = "medical"
    #: Knowing whom to turn to and the codes of those relationships.
    RELATIONAL = "relational"
    #: Knowledge shaped by community, culture and peers.
    CULTURAL = "cultural"

    @property
    def proposed_source(self) -> KnowledgeSource:
        """The source of learning this library proposes for the type (interpretive)."""
        return PROPOSED_KNOWLEDGE_SOURCES[self]


PROPOSED_KNOWLEDGE_SOURCES: Mapping[KnowledgeType, KnowledgeSource] = LazyMapping(
    lambda: facet_mapping(KnowledgeType, "proposed_source", KnowledgeSource)
)
"""A proposed pairing of each knowledge type with its source of learning.

This is this library's reading, consistent with the order in which the paper's
abstract lists types and sources, but not stated by the paper. Treat it as
overridable data, not as a rule: it is the ``proposed_source`` facet of
``data/terms/knowledge_type.json``.
"""


# ---------------------------------------------------------------------------
# What a participant brings: the contribution sought, the lived experience
# ---------------------------------------------------------------------------


@enum.unique
class ContributionSought(Vocabulary):
    """The contribution sought from a person before choosing whom to engage (nominal).

    Practice guidance asks to decide first which contribution a project needs,
    then to look for the people who can bring it: a perspective, a direct
    experience, experiential knowledge and skills (Berkesse 2024, seed S1). The
    list there ends with "etc."; ``OTHER`` records a contribution it does not
    name. What separates the three named contributions is this library's
    reading (each member is flagged ``interpretive``).
    """

    #: The point of view of a person concerned by the question.
    PERSPECTIVE = "perspective"
    #: A first-hand account of having lived the situation at hand.
    DIRECT_EXPERIENCE = "direct_experience"
    #: Knowledge and skills drawn from experience and usable beyond one's own case.
    EXPERIENTIAL_KNOWLEDGE = "experiential_knowledge"
    #: A contribution the list does not name.
    OTHER = "other"


@enum.unique
class ExperienceCapacity(Vocabulary):
    """In what capacity a person lived the health experience they bring (nominal).

    Patient partners are people who have lived a health condition personally or
    as a close caregiver (seed S4). A person may bring both.
    """

    #: Lived the condition oneself.
    PERSONAL = "personal"
    #: Lived it as a relative or friend who supports the person concerned.
    CAREGIVER = "caregiver"


@enum.unique
class HealthConditionKind(Vocabulary):
    """Whether the health condition a person has lived is physical, mental or psychosocial.

    The three kinds are those seed S4 names for the experience patient partners
    bring (nominal; a person may have lived several).
    """

    #: A physical health condition.
    PHYSICAL = "physical"
    #: A mental health condition.
    MENTAL = "mental"
    #: A psychosocial condition.
    PSYCHOSOCIAL = "psychosocial"


# ---------------------------------------------------------------------------
# Recognition, the tiers' actions
# ---------------------------------------------------------------------------


@enum.unique
class RecognitionModality(Vocabulary):
    """Ways an organisation recognises the people who engage with it (nominal).

    HAS presents its list as examples, not as a closed set; ``OTHER`` records a
    modality the list does not name.
    """

    #: A formal status (expert, stakeholder, user partner...).
    DEFINED_STATUS = "defined_status"
    #: Reimbursement of costs incurred.
    EXPENSE_REIMBURSEMENT = "expense_reimbursement"
    #: A flat allowance for time given.
    INDEMNITY = "indemnity"
    #: Payment for contributions.
    REMUNERATION = "remuneration"
    #: Support towards the validation of prior experience (VAE).
    VAE = "vae"
    #: Non-financial professional or social recognition (attestations...).
    PROFESSIONAL_RECOGNITION = "professional_recognition"
    #: Another modality.
    OTHER = "other"


@enum.unique
class TiersActionFamily(Vocabulary):
    """The two families of actions of a tiers (third party)."""

    #: Actions that reduce asymmetries between users and professionals.
    INTERVENTION = "intervention"
    #: Actions that formalise a shared frame for acting together.
    SUPPORT = "support"


@enum.unique
class TiersAction(Vocabulary):
    """The characteristic actions of a tiers who arranges partnership (Berkesse 2024)."""

    #: Start with an informal, convivial meeting.
    INFORMAL_FIRST_MEETING = "informal_first_meeting"
    #: Help partner users make their knowledge explicit.
    MAKE_KNOWLEDGE_EXPLICIT = "make_knowledge_explicit"
    #: Require user-professional co-leadership.
    REQUIRE_CO_LEADERSHIP = "require_co_leadership"
    #: Counter epistemic inequality.
    REDUCE_EPISTEMIC_INEQUALITY = "reduce_epistemic_inequality"
    #: Give everyone the means to speak.
    ENSURE_VOICE = "ensure_voice"
    #: Make the shared problem and goals explicit.
    DEFINE_PROBLEM = "define_problem"
    #: Define roles and responsibilities early.
    DEFINE_ROLES = "define_roles"
    #: Agree values, principles and working rules.
    AGREE_RULES = "agree_rules"
    #: Agree a common vocabulary.
    COMMON_VOCABULARY = "common_vocabulary"
    #: Work out the methodological questions of each stage together.
    STAGE_QUESTIONS = "stage_questions"

    @property
    def family(self) -> TiersActionFamily:
        """Whether the action reduces asymmetries or formalises a shared frame."""
        return facet(self, "family", TiersActionFamily)


# ---------------------------------------------------------------------------
# Severity of assessment findings
# ---------------------------------------------------------------------------


@enum.unique
class Severity(OrderedVocabulary):
    """How much attention an assessment finding deserves: ``INFO < WARNING < ALERT``."""

    #: Worth knowing; no action implied.
    INFO = "info"
    #: Departs from practice guidance; worth a look.
    WARNING = "warning"
    #: A risk the guidance warns about explicitly.
    ALERT = "alert"


VOCABULARIES: tuple[type[Vocabulary], ...] = (
    CarePosture,
    EngagementDegree,
    EngagementLevel,
    MontrealField,
    EngagementDomain,
    Leadership,
    Sphere,
    Role,
    ActorKind,
    Authority,
    RelationType,
    ResearchStage,
    ProjectPhase,
    TogetherActivity,
    EngagementOutcome,
    KnowledgeSource,
    KnowledgeType,
    ContributionSought,
    ExperienceCapacity,
    HealthConditionKind,
    RecognitionModality,
    TiersActionFamily,
    TiersAction,
    Severity,
)
"""Every vocabulary of this module, in the order the documentation presents them."""
