"""The controlled vocabularies of the Montreal model and the Ecology of Engagement.

Every vocabulary is a plain :class:`enum.Enum` whose values are lowercase strings
equal to the JSON token (``EngagementDegree.PARTNERSHIP.value == "partnership"``).
Every member has

* ``label(lang)`` and ``definition(lang)`` in English (``"en"``) and French
  (``"fr"``), written for this library in its own words;
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
    >>> Role.MANAGER.sphere, Role.MANAGER.level
    (<Sphere.PROFESSIONAL: 'professional'>, <EngagementLevel.MESO: 'meso'>)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from partnership_model._enums import (
    LANGUAGES,
    Lang,
    OrderedVocabulary,
    Term,
    Vocabulary,
    register_terms,
    terms,
)

__all__ = [
    "LANGUAGES",
    "PROPOSED_KNOWLEDGE_SOURCES",
    "VOCABULARIES",
    "ActorKind",
    "Authority",
    "CarePosture",
    "EngagementDegree",
    "EngagementDomain",
    "EngagementLevel",
    "EngagementOutcome",
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


register_terms(
    CarePosture,
    {
        CarePosture.PATERNALISM: Term(
            label_en="Paternalism (care to the patient)",
            label_fr="Paternalisme (vers le patient)",
            definition_en=(
                "The professional judges what is good for the patient and decides; "
                "the patient is expected to follow the prescribed course."
            ),
            definition_fr=(
                "Le professionnel juge de ce qui est bon pour le patient et décide ; "
                "on attend du patient qu'il suive la conduite prescrite."
            ),
            sources=("Berkesse2024Bern", "Karazivan2015"),
            aliases=("care to the patient", "vers le patient"),
        ),
        CarePosture.PATIENT_CENTRED: Term(
            label_en="Patient-centred approaches (care for the patient)",
            label_fr="Approches centrées sur le patient (pour le patient)",
            definition_en=(
                "Care is organised around the patient's needs, values and "
                "preferences, but professionals remain the only healers and keep "
                "the final say."
            ),
            definition_fr=(
                "Les soins s'organisent autour des besoins, des valeurs et des "
                "préférences du patient, mais les professionnels restent les seuls "
                "soignants et gardent le dernier mot."
            ),
            sources=("Berkesse2024Bern", "Karazivan2015"),
            aliases=(
                "patient centered",
                "patient-centred approach",
                "care for the patient",
                "pour le patient",
                "approches centrées",
                "approche centrée sur le patient",
            ),
        ),
        CarePosture.PARTNERSHIP: Term(
            label_en="Partnership (care with the patient)",
            label_fr="Partenariat (avec le patient)",
            definition_en=(
                "The patient is a full member of the care team: the knowledge they "
                "draw from living with illness complements professional knowledge, "
                "and decisions and responsibilities are shared."
            ),
            definition_fr=(
                "Le patient est un membre à part entière de l'équipe de soins : le "
                "savoir qu'il tire de la vie avec la maladie complète celui des "
                "professionnels, et décisions comme responsabilités sont partagées."
            ),
            sources=("Karazivan2015", "Berkesse2024Bern", "AlteringFrontiers2021"),
            aliases=("care with the patient", "avec le patient", "partenariat"),
        ),
    },
)


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


register_terms(
    EngagementDegree,
    {
        EngagementDegree.INFORMATION: Term(
            label_en="Information",
            label_fr="Information",
            definition_en=(
                "Knowledge travels in one direction, from professionals or "
                "institutions to patients, who receive it without being asked to "
                "shape anything. Professionals keep the lead."
            ),
            definition_fr=(
                "Le savoir circule dans un seul sens, des professionnels ou des "
                "institutions vers les patients, qui le reçoivent sans être invités "
                "à infléchir quoi que ce soit. Les professionnels gardent la main."
            ),
            sources=("Pomey2015", "Berkesse2024Bern", "AlteringFrontiers2021"),
            aliases=("informing",),
        ),
        EngagementDegree.CONSULTATION: Term(
            label_en="Consultation",
            label_fr="Consultation",
            definition_en=(
                "Professionals collect patients' opinions, for example through "
                "surveys, interviews, focus groups or an advisory committee, then "
                "decide on their own what to do with them."
            ),
            definition_fr=(
                "Les professionnels recueillent l'avis des patients, par exemple "
                "par sondage, entretien, groupe de discussion ou comité consultatif, "
                "puis décident seuls de la suite à y donner."
            ),
            sources=("Pomey2015", "AlteringFrontiers2021"),
            aliases=("consulting",),
        ),
        EngagementDegree.COLLABORATION: Term(
            label_en="Collaboration",
            label_fr="Collaboration",
            definition_en=(
                "Patients work with professionals on a defined task, such as a "
                "working group, a citizen panel or a deliberative meeting, and "
                "shape its output, while leadership and final decisions remain "
                "mostly with professionals."
            ),
            definition_fr=(
                "Les patients travaillent avec les professionnels sur une tâche "
                "définie (groupe de travail, panel citoyen, rencontre délibérative) "
                "et en influencent le résultat, tandis que le leadership et les "
                "décisions finales restent surtout aux professionnels."
            ),
            sources=("Pomey2015", "AlteringFrontiers2021"),
            aliases=("involvement", "implication"),
            interpretive=True,
        ),
        EngagementDegree.PARTNERSHIP: Term(
            label_en="Partnership",
            label_fr="Partenariat",
            definition_en=(
                "Patients and professionals build the solution together and share "
                "its leadership; patients' experiential knowledge counts as an "
                "expertise that complements professional expertise, and both sides "
                "learn from and influence each other."
            ),
            definition_fr=(
                "Patients et professionnels construisent ensemble la solution et en "
                "partagent le leadership ; le savoir expérientiel des patients est "
                "reconnu comme une expertise complémentaire de celle des "
                "professionnels, et chacun apprend de l'autre et l'influence."
            ),
            sources=("Pomey2015", "GH2024", "CHRUNancy", "AlteringFrontiers2021"),
            aliases=(
                "co-construction",
                "coconstruction",
                "co-building",
                "partnership (co-construction)",
                "partenariat (co-construction)",
            ),
        ),
    },
)


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


register_terms(
    EngagementLevel,
    {
        EngagementLevel.MICRO: Term(
            label_en="Micro (direct care and services)",
            label_fr="Micro (soins et services de santé)",
            definition_en=(
                "Engagement inside the care relationship: a person's own care and "
                "services, at the clinical level."
            ),
            definition_fr=(
                "Engagement au sein de la relation de soin : les soins et services "
                "de la personne elle-même, au niveau clinique."
            ),
            sources=("Pomey2015", "Berkesse2024Bern", "CHRUNancy"),
            aliases=(
                "clinical",
                "clinique",
                "direct care",
                "soins et services de sante",
                "soins et services de santé (micro)",
                "micro level",
                "niveau micro",
            ),
        ),
        EngagementLevel.MESO: Term(
            label_en="Meso (organisation of care and services)",
            label_fr="Méso (organisation des soins et services)",
            definition_en=(
                "Engagement in how a service, programme or organisation is "
                "designed, run and improved, for example quality-improvement "
                "committees or the redesign of a care pathway."
            ),
            definition_fr=(
                "Engagement dans la conception, le fonctionnement et l'amélioration "
                "d'un service, d'un programme ou d'une organisation, par exemple "
                "un comité d'amélioration de la qualité ou la refonte d'une "
                "trajectoire de soins."
            ),
            sources=("Pomey2015", "Berkesse2024Bern", "CHRUNancy"),
            aliases=(
                "organisational",
                "organizational",
                "organisationnel",
                "organisation des soins et services de sante",
                "organisation des services",
                "meso level",
                "niveau meso",
            ),
        ),
        EngagementLevel.MACRO: Term(
            label_en="Macro (health policy)",
            label_fr="Macro (politiques publiques de santé)",
            definition_en=(
                "Engagement in decisions about the health system as a whole: "
                "public policy, regulation and system-wide governance."
            ),
            definition_fr=(
                "Engagement dans les décisions qui concernent le système de santé "
                "dans son ensemble : politiques publiques, réglementation et "
                "gouvernance du système."
            ),
            sources=("Pomey2015", "Berkesse2024Bern", "CHRUNancy"),
            aliases=(
                "systemic",
                "systemique",
                "health policy",
                "politiques publiques de sante",
                "macro level",
                "niveau macro",
            ),
        ),
    },
)


@enum.unique
class MontrealField(Vocabulary):
    """The three fields the Montreal model was first applied to (nominal)."""

    #: Care, services and the health system.
    CARE = "care"
    #: Education and training of health professionals.
    EDUCATION = "education"
    #: Research.
    RESEARCH = "research"


register_terms(
    MontrealField,
    {
        MontrealField.CARE: Term(
            label_en="Care and health system",
            label_fr="Soins et système de santé",
            definition_en=(
                "Partnership in delivering and organising care and services, and "
                "in decisions about the health system."
            ),
            definition_fr=(
                "Partenariat dans la prestation et l'organisation des soins et "
                "services, et dans les décisions sur le système de santé."
            ),
            sources=("Pomey2015", "GH2024", "CHRUNancy"),
            aliases=("health care", "health system", "soins", "systeme de sante"),
        ),
        MontrealField.EDUCATION: Term(
            label_en="Education and training",
            label_fr="Formation et enseignement",
            definition_en=(
                "Partnership in the initial and continuing training of health "
                "professionals, for instance patients who co-teach or co-design "
                "curricula."
            ),
            definition_fr=(
                "Partenariat dans la formation initiale et continue des "
                "professionnels de santé, par exemple des patients qui coenseignent "
                "ou coconçoivent des programmes."
            ),
            sources=("Karazivan2015", "CHRUNancy", "Berkesse2024Bern"),
            aliases=("training", "teaching", "formation", "enseignement"),
        ),
        MontrealField.RESEARCH: Term(
            label_en="Research",
            label_fr="Recherche",
            definition_en=(
                "Partnership in producing knowledge, with patients as members of "
                "research teams across the stages of a project."
            ),
            definition_fr=(
                "Partenariat dans la production de connaissances, les patients "
                "étant membres des équipes de recherche à travers les étapes d'un "
                "projet."
            ),
            sources=("Karazivan2015", "GH2024", "CHRUNancy"),
        ),
    },
)


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
        return _DOMAIN_FIELDS[self]


register_terms(
    EngagementDomain,
    {
        EngagementDomain.CARE_AND_SERVICES: Term(
            label_en="Care and services",
            label_fr="Soins et services",
            definition_en=(
                "Contributing within clinical teams and teams that improve care "
                "pathways or quality, including trained peer companions who "
                "support people newly facing the same situation without taking on "
                "a clinician's role."
            ),
            definition_fr=(
                "Contribuer au sein d'équipes cliniques et d'équipes d'amélioration "
                "des trajectoires ou de la qualité, y compris comme pair "
                "accompagnateur formé qui soutient des personnes vivant nouvellement "
                "la même situation, sans empiéter sur le rôle des cliniciens."
            ),
            sources=("SSAQuebec2023",),
            aliases=("care & services", "soins & services"),
        ),
        EngagementDomain.GOVERNANCE: Term(
            label_en="Governance",
            label_fr="Gouvernance",
            definition_en=(
                "Bringing one's experience of the system into strategic or steering "
                "bodies that set directions and make choices."
            ),
            definition_fr=(
                "Mettre son expérience du système au service d'instances "
                "stratégiques ou de direction qui fixent les orientations et font "
                "des choix."
            ),
            sources=("SSAQuebec2023",),
        ),
        EngagementDomain.RESEARCH: Term(
            label_en="Research",
            label_fr="Recherche",
            definition_en=(
                "Trained patient partners working within research teams, able to "
                "influence every stage of a project."
            ),
            definition_fr=(
                "Des patients partenaires formés qui travaillent au sein d'équipes "
                "de recherche et peuvent influencer chaque étape d'un projet."
            ),
            sources=("SSAQuebec2023",),
        ),
        EngagementDomain.EDUCATION: Term(
            label_en="Training, information and teaching",
            label_fr="Formation, information et enseignement",
            definition_en=(
                "Passing knowledge on to the public or training professionals: "
                "sharing one's experience, leading workshops, co-building teaching "
                "material, or explaining illness and the system as a communicator."
            ),
            definition_fr=(
                "Transmettre des connaissances au public ou former des "
                "professionnels : partager son expérience, animer des ateliers, "
                "coconstruire du matériel pédagogique ou, comme communicateur, "
                "démystifier la maladie et le système."
            ),
            sources=("SSAQuebec2023",),
            aliases=(
                "training information teaching",
                "training, information, teaching",
                "formation information enseignement",
                "teaching",
                "training",
                "enseignement",
            ),
        ),
        EngagementDomain.POLITICAL_INFLUENCE: Term(
            label_en="Political influence",
            label_fr="Influence politique",
            definition_en=(
                "Taking part in public debate to improve government policy on "
                "health and social services."
            ),
            definition_fr=(
                "Prendre part au débat public pour améliorer les politiques "
                "gouvernementales de santé et de services sociaux."
            ),
            sources=("SSAQuebec2023",),
            aliases=("policy influence", "advocacy"),
        ),
    },
    proposed_labels=("en",),
)

_DOMAIN_FIELDS: Mapping[EngagementDomain, MontrealField] = MappingProxyType(
    {
        EngagementDomain.CARE_AND_SERVICES: MontrealField.CARE,
        EngagementDomain.GOVERNANCE: MontrealField.CARE,
        EngagementDomain.RESEARCH: MontrealField.RESEARCH,
        EngagementDomain.EDUCATION: MontrealField.EDUCATION,
        EngagementDomain.POLITICAL_INFLUENCE: MontrealField.CARE,
    }
)


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


register_terms(
    Leadership,
    {
        Leadership.PROFESSIONAL_LED: Term(
            label_en="Professional-led",
            label_fr="Leadership professionnel",
            definition_en=(
                "Professionals set the agenda and hold the decisions; patients are "
                "informed, consulted or invited on an ad hoc basis."
            ),
            definition_fr=(
                "Les professionnels fixent l'ordre du jour et détiennent les "
                "décisions ; les patients sont informés, consultés ou invités "
                "ponctuellement."
            ),
            sources=("AlteringFrontiers2021",),
            aliases=(
                "professional led",
                "led by professionals",
                "porte par les professionnels",
            ),
        ),
        Leadership.PATIENT_LED: Term(
            label_en="Patient-led",
            label_fr="Leadership patient",
            definition_en=(
                "Patients take the initiative and inform or consult professionals "
                "when they see fit."
            ),
            definition_fr=(
                "Les patients prennent l'initiative et informent ou consultent les "
                "professionnels quand ils le jugent utile."
            ),
            sources=("AlteringFrontiers2021",),
            aliases=("patient led", "led by patients", "porte par les patients"),
        ),
        Leadership.CO_LED: Term(
            label_en="Co-led",
            label_fr="Co-leadership",
            definition_en=(
                "A patient or user and a professional deliberately share the "
                "leadership of a project, committee or event, so that neither side "
                "leads alone."
            ),
            definition_fr=(
                "Un patient ou usager et un professionnel partagent délibérément la "
                "direction d'un projet, d'un comité ou d'un événement, afin "
                "qu'aucune des deux parties ne mène seule."
            ),
            sources=("Berkesse2024Bern", "Berkesse2024", "CHRUNancy"),
            aliases=(
                "co-leadership",
                "coleadership",
                "shared leadership",
                "leadership partage",
                "co-leadership usager professionnel",
            ),
        ),
    },
)


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


register_terms(
    Sphere,
    {
        Sphere.COMMUNITY: Term(
            label_en="Community members",
            label_fr="Membres de la communauté",
            definition_en=(
                "People who take part in health outside any professional role: "
                "patients, informal caregivers, citizens, and the groups they form."
            ),
            definition_fr=(
                "Les personnes qui prennent part à la santé hors de tout rôle "
                "professionnel : patients, proches aidants, citoyens, et les "
                "groupes qu'ils forment."
            ),
            sources=("Boivin2022", "Berkesse2024Bern"),
            aliases=("community member", "communaute", "membre de la communaute"),
        ),
        Sphere.PROFESSIONAL: Term(
            label_en="Professionals",
            label_fr="Professionnels",
            definition_en=(
                "People and bodies engaged in health through a professional or "
                "institutional role. Which occupations the Ecology of Engagement "
                "counts here is not spelled out by its authors; this library "
                "counts clinicians, managers, researchers, educators, decision "
                "makers and facilitating third parties."
            ),
            definition_fr=(
                "Les personnes et instances engagées dans la santé au titre d'un "
                "rôle professionnel ou institutionnel. Les auteurs de l'écologie de "
                "l'engagement ne précisent pas quelles professions en font partie ; "
                "cette bibliothèque y range cliniciens, gestionnaires, chercheurs, "
                "enseignants, décideurs et tiers facilitateurs."
            ),
            sources=("Boivin2022", "Berkesse2024Bern"),
            aliases=("professional", "professionnel", "professionnels de la sante"),
            interpretive=True,
        ),
    },
    proposed_labels=("fr",),
)


@enum.unique
class Role(Vocabulary):
    """The role in which a person (or body) takes part in an engagement.

    A role belongs to a participation, not to a person: the same nurse may act
    as a clinician in one engagement and as a family caregiver in another.
    Each role has a :attr:`sphere` and a default authority :attr:`level`; both
    can be overridden per participation.

    The sphere and level attached to each role are this library's
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
        return _ROLE_PROFILES[self][0]

    @property
    def level(self) -> EngagementLevel:
        """The authority level a person acting in this role holds by default."""
        return _ROLE_PROFILES[self][1]

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
        return _ROLE_AUTHORITY[self]


_PATIENT_SOURCES = ("SSAQuebec2023", "CHRUNancy", "Karazivan2015")

register_terms(
    Role,
    {
        Role.PATIENT_PARTNER: Term(
            label_en="Patient partner",
            label_fr="Patient partenaire",
            definition_en=(
                "A person who has lived with a physical, mental or psychosocial "
                "health condition, personally or as a close caregiver, and who "
                "puts the knowledge drawn from that experience at the service of "
                "care, teaching, research or governance in a co-construction "
                "posture."
            ),
            definition_fr=(
                "Une personne qui a vécu une condition de santé physique, mentale "
                "ou psychosociale, elle-même ou comme proche aidant, et qui met le "
                "savoir tiré de cette expérience au service des soins, de "
                "l'enseignement, de la recherche ou de la gouvernance, dans une "
                "posture de coconstruction."
            ),
            sources=_PATIENT_SOURCES,
            aliases=(
                "patiente partenaire",
                "patient(e) partenaire",
                "patients partenaires",
            ),
        ),
        Role.PATIENT_ADVISOR: Term(
            label_en="Patient advisor (quality improvement)",
            label_fr="Patient conseiller (amélioration de la qualité)",
            definition_en=(
                "A patient partner who works with providers and managers inside "
                "quality-improvement teams."
            ),
            definition_fr=(
                "Un patient partenaire qui travaille avec des intervenants et des "
                "gestionnaires au sein d'équipes d'amélioration de la qualité."
            ),
            sources=("Clavel2019",),
            aliases=("patient advisor", "patient conseiller", "patiente conseillere"),
            interpretive=True,
            proposed_labels=("fr",),
        ),
        Role.PEER_HELPER: Term(
            label_en="Peer helper (peer support worker)",
            label_fr="Pair aidant",
            definition_en=(
                "A person with lived experience, notably of mental illness or "
                "recovery, trained and employed within a care team to support "
                "peers; in Quebec the AQRP has trained such peers since 2006."
            ),
            definition_fr=(
                "Une personne ayant une expérience vécue, notamment de la maladie "
                "mentale ou du rétablissement, formée et intégrée à une équipe de "
                "soins pour soutenir ses pairs ; au Québec, l'AQRP en forme depuis "
                "2006."
            ),
            sources=("AlteringFrontiers2021", "HASComprendre"),
            aliases=(
                "peer support worker",
                "pair aidante",
                "pair(e) aidant(e)",
                "pair-aidance",
            ),
        ),
        Role.PEER_COMPANION: Term(
            label_en="Peer companion",
            label_fr="Pair accompagnateur",
            definition_en=(
                "A trained patient or former caregiver who supports people newly "
                "facing the same situation, by listening, pointing to reliable "
                "information and helping them find their way in the system, "
                "without overlapping the clinicians' role; some work in street "
                "outreach."
            ),
            definition_fr=(
                "Un patient ou ancien proche aidant formé qui soutient des "
                "personnes vivant nouvellement la même situation, en les écoutant, "
                "en les orientant vers une information fiable et en les aidant à "
                "se repérer dans le système, sans empiéter sur le rôle des "
                "cliniciens ; certains interviennent dans la rue."
            ),
            sources=("SSAQuebec2023",),
            aliases=(
                "paire accompagnatrice",
                "pair(e) accompagnateur(-trice)",
                "patient accompagnateur",
            ),
        ),
        Role.RESOURCE_PATIENT_TESTIMONY: Term(
            label_en="Resource patient (testimony)",
            label_fr="Patient ressource témoin",
            definition_en=(
                "A person treated for cancer, trained by the Ligue contre le "
                "cancer, who tells health students and professionals about the "
                "experience of illness to make them attentive to what patients "
                "live through."
            ),
            definition_fr=(
                "Une personne soignée pour un cancer, formée par la Ligue contre le "
                "cancer, qui raconte l'expérience de la maladie aux étudiants et "
                "professionnels de santé pour les rendre attentifs au vécu des "
                "patients."
            ),
            sources=("CHRUNancy",),
            aliases=(
                "pr temoin",
                "resource patient testimony",
                "patient ressource (pr) temoin",
            ),
        ),
        Role.RESOURCE_PATIENT_PATHWAY: Term(
            label_en="Resource patient (care pathway)",
            label_fr="Patient ressource parcours",
            definition_en=(
                "A resource patient trained by the Ligue contre le cancer who "
                "meets patients on hospital wards, in liaison with care teams, "
                "and shares how to live with the disease and its treatments to "
                "improve their care pathway."
            ),
            definition_fr=(
                "Un patient ressource formé par la Ligue contre le cancer qui "
                "rencontre des patients dans les services hospitaliers, en lien "
                "avec les équipes, et partage comment vivre avec la maladie et les "
                "traitements pour améliorer leur parcours."
            ),
            sources=("CHRUNancy",),
            aliases=(
                "pr parcours",
                "resource patient pathway",
                "patient ressource (pr) parcours",
            ),
        ),
        Role.PATIENT_TRAINER: Term(
            label_en="Patient trainer",
            label_fr="Patient formateur",
            definition_en=(
                "A patient who takes part in training health professionals, an "
                "emerging health occupation described in Flora's thesis; the "
                "Montreal equivalent is the patient-as-trainer of interprofessional "
                "education."
            ),
            definition_fr=(
                "Un patient qui participe à la formation des professionnels de "
                "santé, nouveau métier de la santé décrit dans la thèse de Flora ; "
                "son équivalent montréalais est le patient formateur de "
                "l'enseignement interprofessionnel."
            ),
            sources=("Flora2012", "Vanier2014", "Berkesse2024Bern"),
            aliases=(
                "patient teacher",
                "patient as trainer",
                "patient enseignant",
                "patiente enseignante",
                "patiente formatrice",
            ),
        ),
        Role.PATIENT_RESEARCHER: Term(
            label_en="Patient researcher",
            label_fr="Patient chercheur",
            definition_en=(
                "A patient who is a member of a research team as a researcher or "
                "co-investigator."
            ),
            definition_fr=(
                "Un patient membre d'une équipe de recherche en tant que chercheur "
                "ou cochercheur."
            ),
            sources=("SSAQuebec2023", "Karazivan2015"),
            aliases=(
                "patient co-researcher",
                "patient cochercheur",
                "patiente chercheuse",
            ),
            interpretive=True,
        ),
        Role.PATIENT_COORDINATOR: Term(
            label_en="Patient coordinator",
            label_fr="Patient coordinateur",
            definition_en=(
                "A patient who coordinates a partnership programme within an "
                "institution, as at the Hospices civils de Lyon."
            ),
            definition_fr=(
                "Un patient qui coordonne un programme de partenariat au sein d'un "
                "établissement, comme aux Hospices civils de Lyon."
            ),
            sources=("Berkesse2024Bern", "Michel2022"),
            aliases=("patiente coordinatrice", "patient(e) coordinateur(-trice)"),
        ),
        Role.USER_REPRESENTATIVE: Term(
            label_en="User representative",
            label_fr="Représentant des usagers",
            definition_en=(
                "A person, usually appointed through an approved association, who "
                "sits in a body whose existence, mission and membership are set by "
                "law; representation differs from engagement, which is open to "
                "anyone."
            ),
            definition_fr=(
                "Une personne, en général désignée par une association agréée, qui "
                "siège dans une instance dont l'existence, la mission et la "
                "composition sont fixées par la loi ; la représentation diffère de "
                "l'engagement, ouvert à tous."
            ),
            sources=("FHP2021", "HASCEU2023", "Berkesse2024Bern"),
            aliases=("ru", "representante des usagers", "representant(e) des usagers"),
        ),
        Role.EXPERT_PATIENT: Term(
            label_en="Expert patient",
            label_fr="Patient expert",
            definition_en=(
                "A widely used but ambiguous label. Practice guidance advises "
                "against using it interchangeably with patient partner, user "
                "representative or association volunteer; record the activity "
                "rather than the status."
            ),
            definition_fr=(
                "Une appellation répandue mais ambiguë. Les recommandations de "
                "pratique invitent à ne pas l'employer indifféremment avec patient "
                "partenaire, représentant des usagers ou bénévole associatif ; "
                "mieux vaut décrire l'activité que le statut."
            ),
            sources=("Berkesse2024Bern", "Berkesse2024"),
            aliases=("patiente experte", "patient-expert"),
        ),
        Role.ASSOCIATION_VOLUNTEER: Term(
            label_en="Association volunteer",
            label_fr="Bénévole associatif",
            definition_en=(
                "A member or volunteer of a patient or user association, one of "
                "the complementary profiles of partner users."
            ),
            definition_fr=(
                "Un membre ou bénévole d'une association de patients ou d'usagers, "
                "l'un des profils complémentaires d'usagers partenaires."
            ),
            sources=("Berkesse2024Bern",),
            aliases=("benevole associative", "association member"),
        ),
        Role.FAMILY_CAREGIVER: Term(
            label_en="Family caregiver",
            label_fr="Proche aidant",
            definition_en=(
                "A relative or friend who supports a person living with a health "
                "condition; a source of lived experience and a community member."
            ),
            definition_fr=(
                "Un parent ou un ami qui soutient une personne vivant avec une "
                "condition de santé ; une source d'expérience vécue et un membre "
                "de la communauté."
            ),
            sources=("SSAQuebec2023", "Boivin2022"),
            aliases=(
                "informal caregiver",
                "carer",
                "caregiver",
                "proche aidante",
                "proche aidant(e)",
            ),
        ),
        Role.CITIZEN: Term(
            label_en="Citizen",
            label_fr="Citoyen",
            definition_en=(
                "A member of the public engaged without necessarily having patient "
                "experience, such as the two citizens who co-hold a Quebec research "
                "chair."
            ),
            definition_fr=(
                "Un membre du public engagé sans forcément avoir d'expérience de "
                "patient, comme les deux citoyens cotitulaires d'une chaire de "
                "recherche québécoise."
            ),
            sources=("SSAQuebec2023",),
            aliases=("member of the public", "citoyenne", "citoyen(ne)", "public"),
        ),
        Role.PATIENT: Term(
            label_en="Patient (care recipient)",
            label_fr="Patient (personne soignée)",
            definition_en=(
                "A person receiving care or services in the engagement considered, "
                "for example someone met by a peer companion."
            ),
            definition_fr=(
                "Une personne qui reçoit des soins ou des services dans "
                "l'engagement considéré, par exemple une personne rencontrée par "
                "un pair accompagnateur."
            ),
            sources=("Boivin2022", "SSAQuebec2023"),
            aliases=("care recipient", "service user", "usager", "usagere", "patiente"),
            interpretive=True,
        ),
        Role.CLINICIAN: Term(
            label_en="Clinician",
            label_fr="Clinicien",
            definition_en=(
                "A health or social-care practitioner (physician, nurse, social "
                "worker...) acting in a care relationship."
            ),
            definition_fr=(
                "Un intervenant de santé ou de services sociaux (médecin, "
                "infirmière, travailleur social...) agissant dans une relation de "
                "soin."
            ),
            sources=("Boivin2022", "SSAQuebec2023"),
            aliases=("clinicienne", "health professional", "soignant", "soignante"),
            interpretive=True,
        ),
        Role.MANAGER: Term(
            label_en="Manager",
            label_fr="Gestionnaire",
            definition_en=(
                "A person who runs a service, programme or organisation and holds "
                "authority over how care is organised."
            ),
            definition_fr=(
                "Une personne qui dirige un service, un programme ou une "
                "organisation et détient une autorité sur l'organisation des soins."
            ),
            sources=("Boivin2022", "Clavel2019"),
            aliases=("director", "directeur", "directrice", "cadre"),
            interpretive=True,
        ),
        Role.RESEARCHER: Term(
            label_en="Researcher",
            label_fr="Chercheur",
            definition_en="A professional researcher or academic.",
            definition_fr="Un chercheur ou universitaire de métier.",
            sources=("Boivin2022", "Forsythe2016"),
            aliases=("chercheuse", "academic", "investigator"),
            interpretive=True,
        ),
        Role.EDUCATOR: Term(
            label_en="Educator",
            label_fr="Enseignant",
            definition_en=(
                "A professional who teaches or trains health students or professionals."
            ),
            definition_fr=(
                "Un professionnel qui enseigne aux étudiants ou forme les "
                "professionnels de santé."
            ),
            sources=("Boivin2022", "Karazivan2015"),
            aliases=("teacher", "trainer", "enseignante", "formateur", "formatrice"),
            interpretive=True,
        ),
        Role.DECISION_MAKER: Term(
            label_en="Decision maker",
            label_fr="Décideur",
            definition_en=(
                "A holder of authority over the health system or public policy, "
                "such as a ministry, a regional agency or a national body."
            ),
            definition_fr=(
                "Un détenteur d'autorité sur le système de santé ou les politiques "
                "publiques, comme un ministère, une agence régionale ou une "
                "instance nationale."
            ),
            sources=("Boivin2022", "SzreterWoolcock2004"),
            aliases=("policymaker", "policy maker", "decideuse", "decideur public"),
            interpretive=True,
        ),
        Role.THIRD_PARTY: Term(
            label_en="Third party (tiers)",
            label_fr="Tiers",
            definition_en=(
                "An actor or public structure that deliberately sets up the "
                "relational conditions in which users and professionals can "
                "cooperate as partners: it reduces asymmetries, formalises a "
                "shared frame for acting together, and keeps constructive "
                "disagreement possible."
            ),
            definition_fr=(
                "Un acteur ou une structure publique qui aménage délibérément les "
                "conditions relationnelles dans lesquelles usagers et "
                "professionnels peuvent coopérer en partenaires : il réduit les "
                "asymétries, formalise un cadre commun pour agir ensemble et "
                "préserve une conflictualité constructive."
            ),
            sources=("Berkesse2024", "Berkesse2024Bern"),
            aliases=(
                "tiers",
                "tiers de confiance",
                "trusted third party",
                "facilitator",
            ),
        ),
    },
)

_ROLE_PROFILES: Mapping[Role, tuple[Sphere, EngagementLevel]] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                Role.PATIENT_PARTNER,
                Role.PATIENT_ADVISOR,
                Role.PEER_HELPER,
                Role.PEER_COMPANION,
                Role.RESOURCE_PATIENT_TESTIMONY,
                Role.RESOURCE_PATIENT_PATHWAY,
                Role.PATIENT_TRAINER,
                Role.PATIENT_RESEARCHER,
                Role.PATIENT_COORDINATOR,
                Role.USER_REPRESENTATIVE,
                Role.EXPERT_PATIENT,
                Role.ASSOCIATION_VOLUNTEER,
                Role.FAMILY_CAREGIVER,
                Role.CITIZEN,
                Role.PATIENT,
            ),
            (Sphere.COMMUNITY, EngagementLevel.MICRO),
        ),
        Role.CLINICIAN: (Sphere.PROFESSIONAL, EngagementLevel.MICRO),
        Role.RESEARCHER: (Sphere.PROFESSIONAL, EngagementLevel.MICRO),
        Role.EDUCATOR: (Sphere.PROFESSIONAL, EngagementLevel.MICRO),
        Role.MANAGER: (Sphere.PROFESSIONAL, EngagementLevel.MESO),
        Role.THIRD_PARTY: (Sphere.PROFESSIONAL, EngagementLevel.MESO),
        Role.DECISION_MAKER: (Sphere.PROFESSIONAL, EngagementLevel.MACRO),
    }
)


@enum.unique
class ActorKind(Vocabulary):
    """Whether an actor of the ecology is a person or an organisation."""

    #: An individual.
    PERSON = "person"
    #: A group or institution (an association, a clinical team, a tiers structure).
    ORGANISATION = "organisation"


register_terms(
    ActorKind,
    {
        ActorKind.PERSON: Term(
            label_en="Person",
            label_fr="Personne",
            definition_en="An individual taking part in the health ecosystem.",
            definition_fr="Un individu qui prend part à l'écosystème de santé.",
            sources=("Boivin2022",),
            aliases=("individual", "individu"),
        ),
        ActorKind.ORGANISATION: Term(
            label_en="Organisation",
            label_fr="Organisation",
            definition_en=(
                "A group or institution acting as one actor, such as a patient "
                "association, a clinical team, a research institution or a tiers "
                "structure."
            ),
            definition_fr=(
                "Un groupe ou une institution qui agit comme un seul acteur : une "
                "association de patients, une équipe clinique, un établissement de "
                "recherche ou une structure tiers."
            ),
            sources=("Boivin2022",),
            aliases=("organization", "group", "groupe", "institution"),
        ),
    },
)


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


register_terms(
    Authority,
    {
        Authority.MEMBER: Term(
            label_en="Member (no formal authority)",
            label_fr="Membre (sans autorité formelle)",
            definition_en=(
                "Takes part in the setting without formal power over the others "
                "there: cannot commit the organisation's resources or direct its "
                "staff. Patients, caregivers, citizens, patient partners, "
                "clinicians, researchers and teachers usually act at this rank, "
                "whatever their expertise."
            ),
            definition_fr=(
                "Prend part au milieu sans pouvoir formel sur les autres personnes "
                "qui s'y trouvent : ne peut ni engager les ressources de "
                "l'organisation ni diriger son personnel. Patients, proches "
                "aidants, citoyens, patients partenaires, cliniciens, chercheurs "
                "et enseignants agissent d'ordinaire à ce rang, quelle que soit "
                "leur expertise."
            ),
            sources=("SzreterWoolcock2004", "Boivin2022"),
            aliases=("no formal authority", "sans autorité formelle", "membre"),
            interpretive=True,
            proposed_labels=("en", "fr"),
        ),
        Authority.MANAGERIAL: Term(
            label_en="Managerial authority",
            label_fr="Autorité de gestion",
            definition_en=(
                "Holds authority that an organisation delegates over a team, a "
                "service, a programme or the organisation itself: can allocate "
                "its resources, direct its staff and decide on its behalf. "
                "Managers and directors act at this rank."
            ),
            definition_fr=(
                "Détient l'autorité qu'une organisation délègue sur une équipe, un "
                "service, un programme ou sur l'organisation elle-même : peut en "
                "répartir les ressources, en diriger le personnel et décider en "
                "son nom. Gestionnaires et directeurs agissent à ce rang."
            ),
            sources=("SzreterWoolcock2004", "Boivin2022"),
            aliases=("management", "gestion", "managerial"),
            interpretive=True,
            proposed_labels=("en", "fr"),
        ),
        Authority.PUBLIC_AUTHORITY: Term(
            label_en="Public authority",
            label_fr="Autorité publique",
            definition_en=(
                "Holds authority that law or government confers over the health "
                "system or a part of it: a ministry, a regional health authority, "
                "a national agency or a regulator, and the people who decide "
                "for them."
            ),
            definition_fr=(
                "Détient l'autorité que la loi ou le gouvernement confère sur le "
                "système de santé ou sur une partie de celui-ci : un ministère, "
                "une autorité régionale de santé, une agence nationale ou un "
                "organisme de réglementation, et les personnes qui décident en "
                "leur nom."
            ),
            sources=("SzreterWoolcock2004", "Boivin2022"),
            aliases=("government", "gouvernement", "governmental authority"),
            interpretive=True,
            proposed_labels=("en", "fr"),
        ),
    },
)


# Default authority of each role (see Role.authority): our reading, flagged on
# the Authority terms as interpretive.
_ROLE_AUTHORITY: Mapping[Role, Authority] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                Role.PATIENT_PARTNER,
                Role.PATIENT_ADVISOR,
                Role.PEER_HELPER,
                Role.PEER_COMPANION,
                Role.RESOURCE_PATIENT_TESTIMONY,
                Role.RESOURCE_PATIENT_PATHWAY,
                Role.PATIENT_TRAINER,
                Role.PATIENT_RESEARCHER,
                Role.PATIENT_COORDINATOR,
                Role.USER_REPRESENTATIVE,
                Role.EXPERT_PATIENT,
                Role.ASSOCIATION_VOLUNTEER,
                Role.FAMILY_CAREGIVER,
                Role.CITIZEN,
                Role.PATIENT,
                Role.CLINICIAN,
                Role.RESEARCHER,
                Role.EDUCATOR,
            ),
            Authority.MEMBER,
        ),
        Role.MANAGER: Authority.MANAGERIAL,
        Role.THIRD_PARTY: Authority.MANAGERIAL,
        Role.DECISION_MAKER: Authority.PUBLIC_AUTHORITY,
    }
)


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


register_terms(
    RelationType,
    {
        RelationType.BONDING: Term(
            label_en="Bonding",
            label_fr="Liens d'attachement (bonding)",
            definition_en=(
                "An inward-looking relationship within one group: between "
                "community members, or between professionals, at the same level "
                "of authority."
            ),
            definition_fr=(
                "Une relation tournée vers l'intérieur d'un même groupe : entre "
                "membres de la communauté, ou entre professionnels, au même niveau "
                "d'autorité."
            ),
            sources=("Boivin2022", "Putnam2000", "SzreterWoolcock2004"),
            aliases=("attachement", "liens d attachement"),
        ),
        RelationType.BRIDGING: Term(
            label_en="Bridging",
            label_fr="Liens de passerelle (bridging)",
            definition_en=(
                "A relationship that looks across the divide between the community "
                "and professionals."
            ),
            definition_fr=(
                "Une relation qui franchit la frontière entre la communauté et les "
                "professionnels."
            ),
            sources=("Boivin2022", "Putnam2000", "SzreterWoolcock2004"),
            aliases=("passerelle", "liens de passerelle"),
        ),
        RelationType.LINKING: Term(
            label_en="Linking",
            label_fr="Liens de rattachement (linking)",
            definition_en=(
                "An upward-looking relationship that crosses levels of power and "
                "authority, such as citizens dealing with the bodies that plan or "
                "govern health services."
            ),
            definition_fr=(
                "Une relation tournée vers le haut, qui franchit des niveaux de "
                "pouvoir et d'autorité, comme des citoyens face aux instances qui "
                "planifient ou gouvernent les services de santé."
            ),
            sources=("Boivin2022", "SzreterWoolcock2004", "Woolcock2001"),
            aliases=("rattachement", "liens de rattachement"),
        ),
    },
    proposed_labels=("fr",),
)


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
        return self in _UPSTREAM_STAGES


_STAGE_SOURCES = ("Forsythe2016", "CTODecisionAid")

register_terms(
    ResearchStage,
    {
        ResearchStage.PRIORITY_SETTING: Term(
            label_en="Identifying and prioritising topics",
            label_fr="Identification et priorisation des sujets",
            definition_en="Choosing which problems research should address first.",
            definition_fr="Choisir les problèmes que la recherche doit traiter en priorité.",
            sources=_STAGE_SOURCES,
            aliases=("topic solicitation", "priorisation", "priority setting"),
        ),
        ResearchStage.QUESTION_DEVELOPMENT: Term(
            label_en="Research question development",
            label_fr="Formulation de la question de recherche",
            definition_en="Turning a chosen topic into a precise research question.",
            definition_fr="Transformer un sujet retenu en une question de recherche précise.",
            sources=_STAGE_SOURCES,
            aliases=("question development", "formulation de la question"),
        ),
        ResearchStage.DESIGN: Term(
            label_en="Study design",
            label_fr="Conception de l'étude",
            definition_en="Choosing methods, participants and the outcomes that matter.",
            definition_fr="Choisir les méthodes, les participants et les résultats qui comptent.",
            sources=_STAGE_SOURCES,
            aliases=("conception", "study design (incl. outcomes)"),
        ),
        ResearchStage.FUNDING_APPLICATION: Term(
            label_en="Grant proposal",
            label_fr="Demande de financement",
            definition_en="Writing and submitting the funding application, including its lay summary.",
            definition_fr="Rédiger et déposer la demande de financement, y compris son résumé vulgarisé.",
            sources=_STAGE_SOURCES,
            aliases=("funding application", "grant application", "lay summary"),
        ),
        ResearchStage.PREPARATION: Term(
            label_en="Preparation",
            label_fr="Préparation",
            definition_en="Preparing ethics submissions, study materials and the recruitment plan.",
            definition_fr="Préparer le dossier éthique, le matériel d'étude et le plan de recrutement.",
            sources=_STAGE_SOURCES,
            aliases=("preparation for execution",),
        ),
        ResearchStage.DATA_COLLECTION: Term(
            label_en="Recruitment and data collection",
            label_fr="Recrutement et collecte de données",
            definition_en="Recruiting participants and gathering the data.",
            definition_fr="Recruter les participants et recueillir les données.",
            sources=_STAGE_SOURCES,
            aliases=("data collection", "collecte de donnees"),
        ),
        ResearchStage.ANALYSIS_INTERPRETATION: Term(
            label_en="Analysis and interpretation",
            label_fr="Analyse et interprétation",
            definition_en="Analysing the data and deciding what the results mean.",
            definition_fr="Analyser les données et dégager le sens des résultats.",
            sources=_STAGE_SOURCES,
            aliases=(
                "data analysis",
                "results interpretation",
                "analysing and interpreting",
            ),
        ),
        ResearchStage.DISSEMINATION: Term(
            label_en="Dissemination and knowledge translation",
            label_fr="Diffusion et transfert des connaissances",
            definition_en="Sharing results with the people who can use them.",
            definition_fr="Partager les résultats avec les personnes qui peuvent s'en servir.",
            sources=_STAGE_SOURCES,
            aliases=(
                "knowledge translation",
                "diffusion",
                "transfert de connaissances",
            ),
        ),
        ResearchStage.IMPLEMENTATION: Term(
            label_en="Implementation",
            label_fr="Mise en œuvre",
            definition_en="Putting the results into practice.",
            definition_fr="Mettre les résultats en pratique.",
            sources=("CTODecisionAid",),
            aliases=("mise en oeuvre",),
        ),
        ResearchStage.EVALUATION: Term(
            label_en="Monitoring and evaluation",
            label_fr="Suivi et évaluation",
            definition_en="Following up what the research changed and judging its effects.",
            definition_fr="Suivre ce que la recherche a changé et en juger les effets.",
            sources=("CTODecisionAid",),
            aliases=("monitoring", "suivi", "evaluation"),
        ),
        ResearchStage.RESEARCH_GOVERNANCE: Term(
            label_en="Research governance",
            label_fr="Gouvernance de la recherche",
            definition_en=(
                "Taking part in the bodies that steer research: funding calls, "
                "review panels, steering committees. It runs across every stage."
            ),
            definition_fr=(
                "Prendre part aux instances qui orientent la recherche : appels à "
                "projets, comités d'évaluation, comités de pilotage. Elle traverse "
                "toutes les étapes."
            ),
            sources=("CIHRSPOR", "Biaudet2024"),
            aliases=("governance of research",),
        ),
    },
    proposed_labels=("fr",),
)

_UPSTREAM_STAGES = frozenset(
    {
        ResearchStage.PRIORITY_SETTING,
        ResearchStage.QUESTION_DEVELOPMENT,
        ResearchStage.DESIGN,
    }
)


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


register_terms(
    ProjectPhase,
    {
        ProjectPhase.PROBLEM_FRAMING: Term(
            label_en="Problem framing",
            label_fr="Problématisation",
            definition_en="Defining together the shared problem and the goals before acting.",
            definition_fr="Définir ensemble le problème commun et les objectifs avant d'agir.",
            sources=("Berkesse2024Bern", "Berkesse2024"),
            aliases=("problem definition", "problematisation", "framing"),
            interpretive=True,
        ),
        ProjectPhase.DESIGN: Term(
            label_en="Design",
            label_fr="Conception",
            definition_en=(
                "Designing the solution or the tools, for instance the instruments "
                "that collect patient experience."
            ),
            definition_fr=(
                "Concevoir la solution ou les outils, par exemple les instruments "
                "de recueil de l'expérience patient."
            ),
            sources=("Berkesse2024Bern",),
            aliases=("elaboration des outils", "tool design"),
            interpretive=True,
        ),
        ProjectPhase.IMPLEMENTATION: Term(
            label_en="Implementation",
            label_fr="Mise en œuvre",
            definition_en="Carrying out work whose problem and design were already set.",
            definition_fr="Réaliser un travail dont le problème et la conception étaient déjà fixés.",
            sources=("Berkesse2024Bern",),
            aliases=("mise en oeuvre", "deployment", "deploiement"),
            interpretive=True,
        ),
        ProjectPhase.EVALUATION: Term(
            label_en="Validation or evaluation",
            label_fr="Validation ou évaluation",
            definition_en="Only validating or evaluating what others framed and built.",
            definition_fr="Seulement valider ou évaluer ce que d'autres ont cadré et construit.",
            sources=("Berkesse2024Bern",),
            aliases=("validation", "evaluation"),
            interpretive=True,
        ),
    },
)


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


register_terms(
    TogetherActivity,
    {
        TogetherActivity.CARING_TOGETHER: Term(
            label_en="Caring for each other",
            label_fr="Prendre soin les uns des autres",
            definition_en="Community members and professionals caring for one another's health.",
            definition_fr="Membres de la communauté et professionnels prennent soin de la santé les uns des autres.",
            sources=("Boivin2022",),
            aliases=("caring for each other", "caring", "soigner ensemble"),
        ),
        TogetherActivity.PREVENTING_TOGETHER: Term(
            label_en="Preventing together",
            label_fr="Prévenir ensemble",
            definition_en="Acting jointly to prevent illness and protect health.",
            definition_fr="Agir ensemble pour prévenir la maladie et protéger la santé.",
            sources=("Boivin2022",),
            aliases=("preventing", "prevention"),
        ),
        TogetherActivity.RESEARCHING_TOGETHER: Term(
            label_en="Researching together",
            label_fr="Faire de la recherche ensemble",
            definition_en="Producing knowledge jointly.",
            definition_fr="Produire ensemble des connaissances.",
            sources=("Boivin2022",),
            aliases=("researching", "rechercher ensemble"),
        ),
        TogetherActivity.TEACHING_TOGETHER: Term(
            label_en="Teaching together",
            label_fr="Enseigner ensemble",
            definition_en="Teaching and learning jointly.",
            definition_fr="Enseigner et apprendre ensemble.",
            sources=("Boivin2022",),
            aliases=("teaching",),
        ),
        TogetherActivity.BUILDING_POLICIES_TOGETHER: Term(
            label_en="Building policies together",
            label_fr="Construire les politiques ensemble",
            definition_en="Shaping the policies that govern health jointly.",
            definition_fr="Façonner ensemble les politiques qui régissent la santé.",
            sources=("Boivin2022",),
            aliases=("building policies", "policy making together"),
        ),
    },
    proposed_labels=("fr",),
)


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


register_terms(
    EngagementOutcome,
    {
        EngagementOutcome.HEALTH: Term(
            label_en="Health",
            label_fr="Santé",
            definition_en="The health of the people and communities in the ecosystem.",
            definition_fr="La santé des personnes et des communautés de l'écosystème.",
            sources=("Boivin2022",),
        ),
        EngagementOutcome.EQUITY: Term(
            label_en="Equity",
            label_fr="Équité",
            definition_en="A fair distribution of health and of the means to be healthy.",
            definition_fr="Une répartition juste de la santé et des moyens d'être en santé.",
            sources=("Boivin2022",),
        ),
        EngagementOutcome.RESILIENCE: Term(
            label_en="Resilience",
            label_fr="Résilience",
            definition_en="The ecosystem's capacity to withstand shocks and adapt.",
            definition_fr="La capacité de l'écosystème à encaisser les chocs et à s'adapter.",
            sources=("Boivin2022",),
        ),
        EngagementOutcome.SUSTAINABILITY: Term(
            label_en="Sustainability",
            label_fr="Durabilité",
            definition_en="The ecosystem's capacity to last without exhausting its resources.",
            definition_fr="La capacité de l'écosystème à durer sans épuiser ses ressources.",
            sources=("Boivin2022",),
            aliases=("perennite",),
        ),
    },
    proposed_labels=("fr",),
)


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


register_terms(
    KnowledgeSource,
    {
        KnowledgeSource.SELF: Term(
            label_en="The self",
            label_fr="Soi",
            definition_en="What patients learn from their own body and life.",
            definition_fr="Ce que les patients apprennent de leur propre corps et de leur vie.",
            sources=("DumezLEsperance2024",),
            aliases=("self", "soi meme"),
        ),
        KnowledgeSource.SYSTEM: Term(
            label_en="The system",
            label_fr="Le système",
            definition_en="What patients learn from their dealings with the health system.",
            definition_fr="Ce que les patients apprennent de leurs rapports avec le système de santé.",
            sources=("DumezLEsperance2024",),
            aliases=("health system", "systeme"),
        ),
        KnowledgeSource.COMMUNITY: Term(
            label_en="The community",
            label_fr="La communauté",
            definition_en="What patients learn from peers, relatives and their culture.",
            definition_fr="Ce que les patients apprennent de leurs pairs, de leurs proches et de leur culture.",
            sources=("DumezLEsperance2024",),
            aliases=("communaute", "peers"),
        ),
    },
    proposed_labels=("fr",),
)


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


_KNOWLEDGE_SOURCES = ("DumezLEsperance2024",)

register_terms(
    KnowledgeType,
    {
        KnowledgeType.EMBODIED: Term(
            label_en="Embodied knowledge",
            label_fr="Savoir incarné",
            definition_en="Knowing the condition through one's own body: its sensations and signals.",
            definition_fr="Connaître la condition par son propre corps : ses sensations et ses signaux.",
            sources=_KNOWLEDGE_SOURCES,
            aliases=("embodied", "savoir incarne"),
            interpretive=True,
        ),
        KnowledgeType.MONITORING: Term(
            label_en="Monitoring knowledge",
            label_fr="Savoir de surveillance",
            definition_en="Knowing how to follow one's own indicators and their patterns over time.",
            definition_fr="Savoir suivre ses propres indicateurs et leur évolution dans le temps.",
            sources=_KNOWLEDGE_SOURCES,
            aliases=("monitoring", "savoir de suivi"),
            interpretive=True,
        ),
        KnowledgeType.NAVIGATION: Term(
            label_en="Navigation knowledge",
            label_fr="Savoir de navigation",
            definition_en=(
                "Practical know-how for getting through the care system and around "
                "its obstacles: whom to call, what to say, how to obtain an "
                "appointment or a test."
            ),
            definition_fr=(
                "Le savoir-faire pratique pour traverser le système de soins et en "
                "contourner les obstacles : qui appeler, quoi dire, comment obtenir "
                "un rendez-vous ou un examen."
            ),
            sources=_KNOWLEDGE_SOURCES,
            aliases=("navigation", "navigational knowledge"),
            interpretive=True,
        ),
        KnowledgeType.MEDICAL: Term(
            label_en="Medical knowledge",
            label_fr="Savoir médical",
            definition_en="Biomedical knowledge of the disease and its treatments acquired by the patient.",
            definition_fr="Le savoir biomédical sur la maladie et ses traitements acquis par le patient.",
            sources=_KNOWLEDGE_SOURCES,
            aliases=("medical", "savoir medical"),
            interpretive=True,
        ),
        KnowledgeType.RELATIONAL: Term(
            label_en="Relational knowledge",
            label_fr="Savoir relationnel",
            definition_en=(
                "Knowing whom to turn to in the formal and informal care network, "
                "and the social codes of those relationships."
            ),
            definition_fr=(
                "Savoir vers qui se tourner dans le réseau de soins formel et "
                "informel, et connaître les codes de ces relations."
            ),
            sources=_KNOWLEDGE_SOURCES,
            aliases=("relational",),
            interpretive=True,
        ),
        KnowledgeType.CULTURAL: Term(
            label_en="Cultural knowledge",
            label_fr="Savoir culturel",
            definition_en="Knowledge shaped by one's community, culture and peers.",
            definition_fr="Le savoir façonné par sa communauté, sa culture et ses pairs.",
            sources=_KNOWLEDGE_SOURCES,
            aliases=("cultural",),
            interpretive=True,
        ),
    },
    proposed_labels=("fr",),
)

PROPOSED_KNOWLEDGE_SOURCES: Mapping[KnowledgeType, KnowledgeSource] = MappingProxyType(
    {
        KnowledgeType.EMBODIED: KnowledgeSource.SELF,
        KnowledgeType.MONITORING: KnowledgeSource.SELF,
        KnowledgeType.NAVIGATION: KnowledgeSource.SYSTEM,
        KnowledgeType.MEDICAL: KnowledgeSource.SYSTEM,
        KnowledgeType.RELATIONAL: KnowledgeSource.COMMUNITY,
        KnowledgeType.CULTURAL: KnowledgeSource.COMMUNITY,
    }
)
"""A proposed pairing of each knowledge type with its source of learning.

This is this library's reading, consistent with the order in which the paper's
abstract lists types and sources, but not stated by the paper. Treat it as
overridable data, not as a rule.
"""


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


_HAS_SOURCES = ("HAS2020", "Berkesse2024Bern")

register_terms(
    RecognitionModality,
    {
        RecognitionModality.DEFINED_STATUS: Term(
            label_en="Defined status",
            label_fr="Définition de statuts",
            definition_en="A formal status for the engaged person, such as expert or user partner.",
            definition_fr="Un statut formel pour la personne engagée, comme expert ou usager partenaire.",
            sources=_HAS_SOURCES,
            aliases=("status", "statut"),
        ),
        RecognitionModality.EXPENSE_REIMBURSEMENT: Term(
            label_en="Expense reimbursement",
            label_fr="Remboursement des frais",
            definition_en="Covering the costs incurred by taking part, such as travel.",
            definition_fr="La prise en charge des frais engagés pour participer, comme les déplacements.",
            sources=_HAS_SOURCES,
            aliases=("reimbursement", "remboursement"),
        ),
        RecognitionModality.INDEMNITY: Term(
            label_en="Indemnity",
            label_fr="Indemnisation",
            definition_en="A flat compensation for the time given.",
            definition_fr="Une compensation forfaitaire du temps donné.",
            sources=("HAS2020",),
            aliases=("allowance", "indemnite"),
        ),
        RecognitionModality.REMUNERATION: Term(
            label_en="Remuneration",
            label_fr="Rémunération",
            definition_en="Payment for the contribution made.",
            definition_fr="Le paiement de la contribution apportée.",
            sources=("HAS2020",),
            aliases=("payment", "fee", "paiement"),
        ),
        RecognitionModality.VAE: Term(
            label_en="Validation of prior experience (VAE)",
            label_fr="Validation des acquis de l'expérience (VAE)",
            definition_en=(
                "Support for having the experience gained through engagement "
                "formally validated towards a qualification."
            ),
            definition_fr=(
                "Un appui pour faire valider formellement l'expérience acquise par "
                "l'engagement en vue d'une qualification."
            ),
            sources=("HAS2020",),
            aliases=(
                "validation of prior experience",
                "validation des acquis de l experience",
            ),
        ),
        RecognitionModality.PROFESSIONAL_RECOGNITION: Term(
            label_en="Professional and social recognition",
            label_fr="Reconnaissance professionnelle et sociale",
            definition_en=(
                "Non-financial recognition, such as an attestation of involvement "
                "that can later support a validation of experience."
            ),
            definition_fr=(
                "Une reconnaissance non financière, comme une attestation "
                "d'implication qui pourra appuyer plus tard une validation des "
                "acquis."
            ),
            sources=("HASCEU2023",),
            aliases=("social recognition", "attestation"),
        ),
        RecognitionModality.OTHER: Term(
            label_en="Other recognition",
            label_fr="Autre reconnaissance",
            definition_en="A recognition modality not named in the list above.",
            definition_fr="Une modalité de reconnaissance absente de la liste ci-dessus.",
            sources=("HAS2020",),
            aliases=("autre",),
        ),
    },
    proposed_labels=("en",),
)


@enum.unique
class TiersActionFamily(Vocabulary):
    """The two families of actions of a tiers (third party)."""

    #: Actions that reduce asymmetries between users and professionals.
    INTERVENTION = "intervention"
    #: Actions that formalise a shared frame for acting together.
    SUPPORT = "support"


register_terms(
    TiersActionFamily,
    {
        TiersActionFamily.INTERVENTION: Term(
            label_en="Intervention: reduce asymmetries",
            label_fr="Intervention : réduire les asymétries",
            definition_en=(
                "Actions that reduce asymmetries of recognition and power between "
                "users and professionals."
            ),
            definition_fr=(
                "Les actions qui réduisent les asymétries de reconnaissance et de "
                "pouvoir entre usagers et professionnels."
            ),
            sources=("Berkesse2024", "Berkesse2024Bern"),
            aliases=("reduce asymmetries", "reduire les asymetries"),
        ),
        TiersActionFamily.SUPPORT: Term(
            label_en="Support: formalise a shared frame",
            label_fr="Accompagnement : formaliser un cadre commun",
            definition_en="Actions that formalise a shared frame for acting together.",
            definition_fr="Les actions qui formalisent un cadre commun pour agir ensemble.",
            sources=("Berkesse2024", "Berkesse2024Bern"),
            aliases=("formalise a shared frame", "accompagnement"),
        ),
    },
    proposed_labels=("en",),
)


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
        if self in _INTERVENTIONS:
            return TiersActionFamily.INTERVENTION
        return TiersActionFamily.SUPPORT


_TIERS_SOURCES = ("Berkesse2024", "Berkesse2024Bern")

register_terms(
    TiersAction,
    {
        TiersAction.INFORMAL_FIRST_MEETING: Term(
            label_en="Start with an informal meeting",
            label_fr="Commencer par une rencontre informelle",
            definition_en=(
                "Open with a convivial, informal meeting so that people first meet "
                "as equals before building anything together."
            ),
            definition_fr=(
                "Ouvrir par une rencontre conviviale et informelle pour que chacun "
                "se rencontre d'abord d'égal à égal avant de construire ensemble."
            ),
            sources=_TIERS_SOURCES,
        ),
        TiersAction.MAKE_KNOWLEDGE_EXPLICIT: Term(
            label_en="Help make partners' knowledge explicit",
            label_fr="Aider à expliciter les savoirs des partenaires",
            definition_en=(
                "Help partner users, directly or through associations, become "
                "aware of and put into words their knowledge, interpersonal skills "
                "and practical know-how, which strengthens their legitimacy."
            ),
            definition_fr=(
                "Aider les usagers partenaires, directement ou par des "
                "associations, à prendre conscience de leurs savoirs, savoir-être "
                "et savoir-agir et à les formuler, ce qui renforce leur légitimité."
            ),
            sources=_TIERS_SOURCES,
        ),
        TiersAction.REQUIRE_CO_LEADERSHIP: Term(
            label_en="Require co-leadership",
            label_fr="Exiger le co-leadership",
            definition_en="Make user-professional co-leadership a condition of projects, committees and events.",
            definition_fr="Faire du co-leadership usager-professionnel une condition des projets, comités et événements.",
            sources=_TIERS_SOURCES,
        ),
        TiersAction.REDUCE_EPISTEMIC_INEQUALITY: Term(
            label_en="Counter epistemic inequality",
            label_fr="Réduire les inégalités épistémiques",
            definition_en=(
                "Watch for titles used as arguments of authority and challenge "
                "stigmatising assumptions about who is able to contribute."
            ),
            definition_fr=(
                "Être attentif aux titres utilisés comme arguments d'autorité et "
                "contester les présupposés stigmatisants sur qui est capable de "
                "contribuer."
            ),
            sources=_TIERS_SOURCES,
        ),
        TiersAction.ENSURE_VOICE: Term(
            label_en="Give everyone the means to speak",
            label_fr="Donner à chacun les moyens de s'exprimer",
            definition_en="Organise speaking time, for instance timed turns and a recorded speaking order.",
            definition_fr="Organiser la prise de parole, par exemple des tours chronométrés et un ordre consigné.",
            sources=_TIERS_SOURCES,
        ),
        TiersAction.DEFINE_PROBLEM: Term(
            label_en="Define the shared problem",
            label_fr="Définir le problème commun",
            definition_en="Make the shared problem and the goals explicit before acting.",
            definition_fr="Expliciter le problème commun et les objectifs avant d'agir.",
            sources=_TIERS_SOURCES,
        ),
        TiersAction.DEFINE_ROLES: Term(
            label_en="Define roles and responsibilities",
            label_fr="Définir les rôles et responsabilités",
            definition_en=(
                "Set roles and responsibilities early, matched to each person's "
                "experience and skills, and revise them as needed."
            ),
            definition_fr=(
                "Fixer tôt les rôles et responsabilités, selon l'expérience et les "
                "compétences de chacun, et les revoir au besoin."
            ),
            sources=_TIERS_SOURCES,
        ),
        TiersAction.AGREE_RULES: Term(
            label_en="Agree values and working rules",
            label_fr="S'accorder sur des valeurs et des règles de fonctionnement",
            definition_en=(
                "Agree values, principles and working rules, such as meeting times "
                "that suit partners who have jobs."
            ),
            definition_fr=(
                "S'accorder sur des valeurs, des principes et des règles de "
                "fonctionnement, comme des horaires compatibles avec les "
                "partenaires qui travaillent."
            ),
            sources=_TIERS_SOURCES,
        ),
        TiersAction.COMMON_VOCABULARY: Term(
            label_en="Agree a common vocabulary",
            label_fr="S'entendre sur un vocabulaire commun",
            definition_en="Define the terms used and do not use role names interchangeably.",
            definition_fr="Définir les termes employés et ne pas utiliser les noms de rôles de façon interchangeable.",
            sources=_TIERS_SOURCES,
        ),
        TiersAction.STAGE_QUESTIONS: Term(
            label_en="Work out each stage's questions together",
            label_fr="Caractériser ensemble les questions de chaque étape",
            definition_en="At each stage, identify together the methodological questions to ask.",
            definition_fr="À chaque étape, identifier ensemble les questions méthodologiques à se poser.",
            sources=_TIERS_SOURCES,
        ),
    },
    proposed_labels=("en",),
)

_INTERVENTIONS = frozenset(
    {
        TiersAction.INFORMAL_FIRST_MEETING,
        TiersAction.MAKE_KNOWLEDGE_EXPLICIT,
        TiersAction.REQUIRE_CO_LEADERSHIP,
        TiersAction.REDUCE_EPISTEMIC_INEQUALITY,
        TiersAction.ENSURE_VOICE,
    }
)


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


register_terms(
    Severity,
    {
        Severity.INFO: Term(
            label_en="Information",
            label_fr="Information",
            definition_en="Worth knowing; no action is implied.",
            definition_fr="Bon à savoir ; aucune action n'est attendue.",
            sources=("partnership_model",),
            aliases=("note",),
        ),
        Severity.WARNING: Term(
            label_en="Warning",
            label_fr="Avertissement",
            definition_en="The engagement departs from practice guidance; worth a look.",
            definition_fr="L'engagement s'écarte des recommandations de pratique ; à examiner.",
            sources=("partnership_model",),
            aliases=("avertissement",),
        ),
        Severity.ALERT: Term(
            label_en="Alert",
            label_fr="Alerte",
            definition_en="A risk that the guidance names explicitly, such as instrumentalisation.",
            definition_fr="Un risque que les recommandations nomment explicitement, comme l'instrumentalisation.",
            sources=("partnership_model",),
        ),
    },
)


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
    RecognitionModality,
    TiersActionFamily,
    TiersAction,
    Severity,
)
"""Every vocabulary of this module, in the order the documentation presents them."""
