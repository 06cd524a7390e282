"""An example register built from seventeen real cases of patient partnership.

:func:`load_register` returns a :class:`~partnership_model.Register` of real
engagements from Quebec, France and Switzerland (the COVID-19 triage protocol,
the Oncopole committee, Université de Montréal courses, the Ligue contre le
cancer's resource patients, CN2R Lille, the ECLAIR group of the Cancéropôle
CLARA...). It is the default data of ``partnership-model report`` and a
realistic fixture for tests and tutorials.

How to read it:

* The facts of each case (who took part, what they did, figures) come from the
  sources each engagement cites. People are **anonymised**: ids such as
  ``"covid-patient-1"`` stand for people the sources name or count; no display
  name is recorded. Where a source gives a number of people (four patients,
  seven patients out of eight members) the register has that many
  participants; otherwise it has a few representative ones.
* The Montreal coding of each case (domain, level, degree, leadership) is this
  library's interpretation of the source, as are the roles given to
  professionals; none of the sources codes its case this way.
* Organisations hold no formal authority unless their record states one: only
  the Quebec ministry of health does (``Authority.PUBLIC_AUTHORITY``); the
  associations, centres and hospitals are related to their members by sphere
  alone (see :mod:`partnership_model.policy`).
* Optional facts the sources do not report (dates, recognition, joint training,
  tiers actions) are left empty. Assessment findings on this register therefore
  point at what a real register should check, not at failings of the teams.

Examples:
    >>> from partnership_model.examples import load_register
    >>> register = load_register()
    >>> len(register)
    17
    >>> register.engagement("covid-triage-protocol").sources
    ('SSAQuebec2023', 'MSSSTriage2020', 'LaPresse2021')
"""

from __future__ import annotations

import functools

from partnership_model.records import (
    Engagement,
    Organisation,
    Participant,
    Register,
    StageDegree,
)
from partnership_model.vocabulary import (
    Authority,
    EngagementDegree as D,
    EngagementDomain as Dom,
    EngagementLevel as L,
    Leadership as Lead,
    ProjectPhase,
    ResearchStage,
    Role,
    Sphere,
    TogetherActivity,
)

__all__ = ["load_register"]


def __dir__() -> list[str]:
    return __all__


def _stages(degree: D, *stages: ResearchStage) -> list[StageDegree]:
    """Research stages at the engagement's degree (the sources give no degree per stage)."""
    return [StageDegree(stage=stage, degree=degree) for stage in stages]


def _people(
    prefix: str, role: Role, count: int, *, decision: bool = False
) -> list[Participant]:
    return [
        Participant(person_id=f"{prefix}-{n}", role=role, decision_role=decision)
        for n in range(1, count + 1)
    ]


def _p(person_id: str, role: Role, *, decision: bool = False) -> Participant:
    return Participant(person_id=person_id, role=role, decision_role=decision)


_ORGANISATIONS = (
    Organisation(
        id="msss",
        name="Ministère de la Santé et des Services sociaux du Québec",
        sphere=Sphere.PROFESSIONAL,
        authority=Authority.PUBLIC_AUTHORITY,
        role=Role.DECISION_MAKER,
    ),
    Organisation(
        id="oncopole",
        name="Oncopole",
        sphere=Sphere.PROFESSIONAL,
    ),
    Organisation(
        id="ligue-contre-le-cancer",
        name="Ligue contre le cancer",
        sphere=Sphere.COMMUNITY,
        note="Trains and deploys resource patients (Plan Cancer 2014-2019 pilot).",
    ),
    Organisation(
        id="hug-patients-partenaires",
        name="Plateforme Patients partenaires des HUG",
        sphere=Sphere.PROFESSIONAL,
        role=Role.THIRD_PARTY,
        note="Recruits, connects and supports patient and caregiver partners.",
    ),
    Organisation(
        id="ci3p",
        name="Centre d'innovation du partenariat avec les patients et le public (CI3P)",
        sphere=Sphere.PROFESSIONAL,
    ),
    Organisation(
        id="cn2r",
        name="Centre national de ressources et de résilience (CN2R)",
        sphere=Sphere.PROFESSIONAL,
    ),
    Organisation(
        id="canceropole-clara",
        name="Cancéropôle CLARA",
        sphere=Sphere.PROFESSIONAL,
    ),
    Organisation(
        id="hcl",
        name="Hospices civils de Lyon",
        sphere=Sphere.PROFESSIONAL,
    ),
    Organisation(
        id="montreal-invivo",
        name="Montréal InVivo",
        sphere=Sphere.PROFESSIONAL,
    ),
)


def _engagements() -> list[Engagement]:
    s4 = "SSAQuebec2023"
    return [
        Engagement(
            id="covid-triage-protocol",
            title="Patients co-draft the ICU triage protocol for a COVID-19 surge",
            domain=Dom.GOVERNANCE,
            level=L.MACRO,
            degree=D.COLLABORATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                *_people("covid-patient", Role.PATIENT_PARTNER, 4),
                _p("covid-intensivist", Role.CLINICIAN),
                _p("covid-ethicist", Role.RESEARCHER),
            ],
            organisations=["msss"],
            description=(
                "Four patients living with life-threatening illnesses took part in "
                "drafting Quebec's protocol for prioritising access to intensive care "
                "should ICUs overflow during the pandemic."
            ),
            activities=[TogetherActivity.BUILDING_POLICIES_TOGETHER],
            sources=(s4, "MSSSTriage2020", "LaPresse2021"),
        ),
        Engagement(
            id="sante-quebec-transition",
            title="A patient partner on the Santé Québec transition committee",
            domain=Dom.GOVERNANCE,
            level=L.MACRO,
            degree=D.COLLABORATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                _p("sq-patient-partner", Role.PATIENT_PARTNER),
                _p("sq-committee-manager", Role.MANAGER),
            ],
            organisations=["msss"],
            description=(
                "A patient partner was recruited to the committee preparing the "
                "creation of Santé Québec, which makes recommendations to the ministry."
            ),
            activities=[TogetherActivity.BUILDING_POLICIES_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="sustainable-health-chair",
            title="Citizens co-hold the Quebec research chair on sustainable health",
            domain=Dom.GOVERNANCE,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people("chair-citizen", Role.CITIZEN, 2, decision=True),
                _p("chair-academic", Role.RESEARCHER, decision=True),
            ],
            description="Two citizens are co-holders of the research chair.",
            research_stages=_stages(D.PARTNERSHIP, ResearchStage.RESEARCH_GOVERNANCE),
            activities=[TogetherActivity.RESEARCHING_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="peer-companions-clinic",
            title="Peer companions within a clinical team and in street outreach",
            domain=Dom.CARE_AND_SERVICES,
            level=L.MICRO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people("companion", Role.PEER_COMPANION, 2),
                _p("clinic-patient", Role.PATIENT),
                _p("outreach-person", Role.PATIENT),
                _p("clinic-clinician", Role.CLINICIAN),
            ],
            description=(
                "Patient partners in a clinical team meet the clinic's patients "
                "confidentially as peer companions; others accompany people "
                "experiencing homelessness in the street."
            ),
            activities=[TogetherActivity.CARING_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="oncopole-committee",
            title="Oncopole patient-partner committee sets research priorities",
            domain=Dom.RESEARCH,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people("oncopole-partner", Role.PATIENT_PARTNER, 3, decision=True),
                _p("oncopole-researcher", Role.RESEARCHER),
            ],
            organisations=["oncopole"],
            description=(
                "To improve oncology care pathways in Quebec, Oncopole formed a "
                "committee of patient partners whose first mandate was to identify "
                "the issues research teams are then invited to work on closely with "
                "patient partners."
            ),
            research_stages=_stages(D.PARTNERSHIP, ResearchStage.PRIORITY_SETTING),
            partners_joined_at=ProjectPhase.PROBLEM_FRAMING,
            activities=[TogetherActivity.RESEARCHING_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="gmf-practice-guides",
            title="Patient partners train clinicians on family-medicine practice guides",
            domain=Dom.EDUCATION,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                _p("gmf-trainer", Role.PATIENT_TRAINER, decision=True),
                _p("gmf-social-worker", Role.CLINICIAN),
                _p("gmf-nurse", Role.CLINICIAN),
            ],
            description=(
                "Patient partners trained clinicians to support the roll-out of the "
                "practice guides of social workers and clinical nurses in family "
                "medicine groups (GMF)."
            ),
            activities=[TogetherActivity.TEACHING_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="udem-courses",
            title="Patient partners teach in Université de Montréal courses",
            domain=Dom.EDUCATION,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people(
                    "udem-patient-teacher", Role.PATIENT_TRAINER, 2, decision=True
                ),
                _p("udem-educator", Role.EDUCATOR),
            ],
            description=(
                "Patient partners take part in medicine and nursing courses and "
                "co-build teaching material."
            ),
            activities=[TogetherActivity.TEACHING_TOGETHER],
            sources=(s4, "Karazivan2015"),
        ),
        Engagement(
            id="rare-disease-table",
            title="A patient partner co-chairs a rare-disease mobilisation working group",
            domain=Dom.POLITICAL_INFLUENCE,
            level=L.MACRO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                _p("rare-disease-partner", Role.PATIENT_PARTNER, decision=True),
                _p("rare-disease-co-chair", Role.MANAGER, decision=True),
                _p("rare-disease-researcher", Role.RESEARCHER),
            ],
            organisations=["montreal-invivo", "msss"],
            description=(
                "A patient partner co-chairs a working group of Montréal InVivo's "
                "rare-disease mobilisation table (axis 3: research, innovation and "
                "data collection), which aims to maximise the impact of the "
                "ministry's rare-disease action plan."
            ),
            activities=[TogetherActivity.BUILDING_POLICIES_TOGETHER],
            sources=(s4,),
        ),
        Engagement(
            id="ligue-resource-patients-testimony",
            title="Resource patients testify to health students (Ligue contre le cancer)",
            domain=Dom.EDUCATION,
            level=L.MICRO,
            degree=D.INFORMATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                *_people("pr-temoin", Role.RESOURCE_PATIENT_TESTIMONY, 2),
                _p("pr-temoin-teacher", Role.EDUCATOR),
            ],
            organisations=["ligue-contre-le-cancer"],
            description=(
                "Resource patients trained by the Ligue contre le cancer share their "
                "experience of illness with health students. In the Grand Est and "
                "Pays de la Loire pilot, 4,578 students were reached; 99 % would "
                "recommend it and 98 % expected it to change their practice."
            ),
            activities=[TogetherActivity.TEACHING_TOGETHER],
            sources=("CHRUNancy",),
        ),
        Engagement(
            id="ligue-resource-patients-pathway",
            title="Resource patients meet patients on hospital wards (Ligue contre le cancer)",
            domain=Dom.CARE_AND_SERVICES,
            level=L.MICRO,
            degree=D.COLLABORATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                _p("pr-parcours", Role.RESOURCE_PATIENT_PATHWAY),
                _p("ward-patient", Role.PATIENT),
                _p("ward-nurse", Role.CLINICIAN),
            ],
            organisations=["ligue-contre-le-cancer"],
            description=(
                "Care-pathway resource patients meet patients on hospital wards in "
                "liaison with the care teams; 979 patients benefited and over 80 % of "
                "respondents reported a better experience of illness and quality of "
                "life."
            ),
            activities=[TogetherActivity.CARING_TOGETHER],
            sources=("CHRUNancy",),
        ),
        Engagement(
            id="hug-partner-platform",
            title="The HUG 'Patients partenaires' platform recruits and supports partners",
            domain=Dom.GOVERNANCE,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                _p("hug-patient-partner", Role.PATIENT_PARTNER, decision=True),
                _p("hug-caregiver-partner", Role.FAMILY_CAREGIVER),
                _p("hug-programme-manager", Role.MANAGER),
            ],
            organisations=["hug-patients-partenaires"],
            description=(
                "The Geneva University Hospitals run a platform that permanently "
                "recruits patients and caregivers, puts partners in touch and supports "
                "them, across care, quality, research, teaching and governance, with "
                "the support of senior management."
            ),
            sources=("CHRUNancy",),
        ),
        Engagement(
            id="ci3p-tandem-teaching",
            title="Patient-professional tandems co-design teaching for medical students",
            domain=Dom.EDUCATION,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                _p("ci3p-patient", Role.PATIENT_TRAINER, decision=True),
                _p("ci3p-relative", Role.FAMILY_CAREGIVER),
                _p("ci3p-educator", Role.EDUCATOR, decision=True),
            ],
            organisations=["ci3p"],
            description=(
                "CI3P (Université Côte d'Azur) brings together patients, relatives and "
                "patient-professional tandems; its members co-designed tandem teaching "
                "for medical students with patients."
            ),
            activities=[TogetherActivity.TEACHING_TOGETHER],
            sources=("AlteringFrontiers2021",),
        ),
        Engagement(
            id="bobigny-patient-trainers",
            title="User representatives as patient trainers in general-medicine teaching",
            domain=Dom.EDUCATION,
            level=L.MESO,
            degree=D.COLLABORATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                *_people("bobigny-representative", Role.USER_REPRESENTATIVE, 2),
                _p("bobigny-educator", Role.EDUCATOR),
            ],
            description=(
                "The Bobigny medical faculty mobilises only user representatives as "
                "patient trainers and keeps a patient-centred relational model rather "
                "than the Montreal one."
            ),
            activities=[TogetherActivity.TEACHING_TOGETHER],
            sources=("AlteringFrontiers2021",),
        ),
        Engagement(
            id="aqrp-peer-helpers",
            title="Peer helpers integrated into care teams (AQRP, Quebec)",
            domain=Dom.CARE_AND_SERVICES,
            level=L.MICRO,
            degree=D.PARTNERSHIP,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                _p("aqrp-helper", Role.PEER_HELPER),
                _p("aqrp-service-user", Role.PATIENT),
                _p("aqrp-team-clinician", Role.CLINICIAN),
            ],
            description=(
                "Since 2006 the AQRP has trained and supported peer helpers integrated "
                "into care teams, under the provincial health ministry's leadership."
            ),
            activities=[TogetherActivity.CARING_TOGETHER],
            sources=("AlteringFrontiers2021",),
        ),
        Engagement(
            id="cn2r-lille",
            title="People living with psychotrauma co-design the missions of CN2R",
            domain=Dom.GOVERNANCE,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people(
                    "cn2r-community-member", Role.PATIENT_PARTNER, 2, decision=True
                ),
                _p("cn2r-director", Role.MANAGER),
                _p("cn2r-partnership-unit", Role.THIRD_PARTY),
            ],
            organisations=["cn2r"],
            description=(
                "The national resource and resilience centre (Lille, opened in 2019) "
                "has a partnership unit in its management structure and a community "
                "of people living with psychotrauma who co-design how its missions "
                "are carried out."
            ),
            sources=("AlteringFrontiers2021",),
        ),
        Engagement(
            id="eclair-clara",
            title="The ECLAIR group: patients co-write and follow a research call",
            domain=Dom.RESEARCH,
            level=L.MESO,
            degree=D.PARTNERSHIP,
            leadership=Lead.CO_LED,
            participants=[
                *_people("eclair-patient", Role.PATIENT_PARTNER, 7, decision=True),
                _p("eclair-coordinator", Role.RESEARCHER, decision=True),
            ],
            organisations=["canceropole-clara"],
            description=(
                "In the Cancéropôle CLARA's ECLAIR working group (initially eight "
                "members, seven of them patients), patients co-wrote a research call on "
                "patient experience in oncology with its eligibility and evaluation "
                "criteria, and followed the funded projects."
            ),
            # Writing a call's topic and criteria sets research priorities and
            # governs funding; coding it so is this library's reading.
            research_stages=_stages(
                D.PARTNERSHIP,
                ResearchStage.PRIORITY_SETTING,
                ResearchStage.RESEARCH_GOVERNANCE,
            ),
            activities=[TogetherActivity.RESEARCHING_TOGETHER],
            sources=("Biaudet2024",),
        ),
        Engagement(
            id="hcl-robotic-surgery-seminar",
            title="Users contribute to a seminar on the future of robotic surgery (HCL)",
            domain=Dom.GOVERNANCE,
            level=L.MESO,
            degree=D.CONSULTATION,
            leadership=Lead.PROFESSIONAL_LED,
            participants=[
                _p("hcl-user", Role.PATIENT),
                _p("hcl-surgeon", Role.CLINICIAN),
                _p("hcl-quality-director", Role.MANAGER),
            ],
            organisations=["hcl"],
            description=(
                "Cited as an example of deciding first which contribution is needed "
                "(a perspective, direct experience, experiential knowledge) before "
                "choosing which users to involve."
            ),
            sources=("Berkesse2024Bern",),
        ),
    ]


@functools.cache
def load_register() -> Register:
    """Return the example register of seventeen real cases (built once, then cached).

    The register is immutable, so the cached value is safe to share.
    """
    return Register.from_engagements(
        _engagements(),
        organisations=_ORGANISATIONS,
        name="partnership_model example register: real cases (anonymised)",
    )
