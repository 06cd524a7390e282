"""Crosswalks between the Montreal model and three other engagement frameworks.

* Carman et al. (2013): a continuum (consultation, involvement, partnership and
  shared leadership) crossed with three levels (direct care, organisational
  design and governance, policy making).
* The IAP2 Spectrum of Public Participation: inform, consult, involve,
  collaborate, empower. IAP2 restricts reuse of its wording, so this module
  ships the five level names and paraphrases of its own only.
* Arnstein's ladder of citizen participation (1969): eight rungs in three groups.

**Every mapping here is this library's interpretation**: the sources line up
in label and spirit, but none of them states these correspondences. Each result
is a :class:`Correspondence` that says so, explains itself in English and
French, and handles the cases with no counterpart explicitly instead of forcing
one:

* Montreal information has no Carman counterpart (Carman starts at
  consultation);
* Arnstein's non-participation rungs have no Montreal counterpart;
* IAP2 *empower* and Arnstein's delegated power and citizen control are not a
  degree above partnership: they describe leadership held by patients alone,
  which this library records as :attr:`Leadership.PATIENT_LED`.

Examples:
    >>> from partnership_model import EngagementDegree, EngagementLevel
    >>> from partnership_model.crosswalks import IAP2Level, from_iap2, to_iap2
    >>> to_iap2(EngagementDegree.COLLABORATION).targets
    (<IAP2Level.INVOLVE: 'involve'>, <IAP2Level.COLLABORATE: 'collaborate'>)
    >>> empower = from_iap2(IAP2Level.EMPOWER)
    >>> empower.has_counterpart, empower.leadership
    (False, <Leadership.PATIENT_LED: 'patient_led'>)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Generic, TypeVar

import attrs

from partnership_model._enums import (
    Lang,
    OrderedVocabulary,
    Term,
    check_lang,
    register_terms,
)
from partnership_model.vocabulary import EngagementDegree, EngagementLevel, Leadership

__all__ = [
    "ArnsteinGroup",
    "ArnsteinRung",
    "CarmanCell",
    "CarmanContinuum",
    "CarmanLevel",
    "Correspondence",
    "IAP2Level",
    "from_arnstein",
    "from_carman",
    "from_iap2",
    "to_arnstein",
    "to_carman",
    "to_iap2",
]


def __dir__() -> list[str]:
    return __all__


T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Correspondence(Generic[T]):
    """The result of looking a term up in a crosswalk.

    Attributes:
        source: The term that was looked up.
        targets: The corresponding terms of the other framework, weakest first.
            Empty when there is no counterpart.
        leadership: Set when the source term describes who leads rather than a
            degree (IAP2 *empower*, Arnstein's citizen-power rungs above
            partnership): the Montreal model records it as leadership.
        note_en: Why the correspondence is drawn this way, in English.
        note_fr: The same explanation in French.
        interpretive: Always ``True``: every crosswalk is this library's reading.
    """

    source: enum.Enum
    targets: tuple[T, ...]
    note_en: str
    note_fr: str
    leadership: Leadership | None = None
    interpretive: bool = True

    @property
    def has_counterpart(self) -> bool:
        """Whether the other framework has at least one corresponding term."""
        return bool(self.targets)

    def note(self, lang: Lang = "en") -> str:
        """The explanation in *lang* (``"en"`` or ``"fr"``)."""
        return self.note_en if check_lang(lang) == "en" else self.note_fr


# ---------------------------------------------------------------------------
# Carman et al. 2013
# ---------------------------------------------------------------------------


@enum.unique
class CarmanContinuum(OrderedVocabulary):
    """The engagement continuum of Carman et al. (2013), ordered."""

    #: Patients provide information or views; others decide.
    CONSULTATION = "consultation"
    #: Patients take a more active part and their input shapes the work.
    INVOLVEMENT = "involvement"
    #: Patients share power, responsibility and leadership.
    PARTNERSHIP_AND_SHARED_LEADERSHIP = "partnership_and_shared_leadership"


register_terms(
    CarmanContinuum,
    {
        CarmanContinuum.CONSULTATION: Term(
            label_en="Consultation",
            label_fr="Consultation",
            definition_en="Patients give information or opinions; others decide how to use them.",
            definition_fr="Les patients donnent des informations ou des avis ; d'autres décident de leur usage.",
            sources=("Carman2013",),
        ),
        CarmanContinuum.INVOLVEMENT: Term(
            label_en="Involvement",
            label_fr="Implication",
            definition_en="Patients take a more active part and their input is sought and used in the work.",
            definition_fr="Les patients prennent une part plus active et leur apport est sollicité et intégré au travail.",
            sources=("Carman2013",),
            interpretive=True,
        ),
        CarmanContinuum.PARTNERSHIP_AND_SHARED_LEADERSHIP: Term(
            label_en="Partnership and shared leadership",
            label_fr="Partenariat et leadership partagé",
            definition_en="Patients share power and responsibility for decisions and hold leadership roles.",
            definition_fr="Les patients partagent le pouvoir et la responsabilité des décisions et exercent des rôles de leadership.",
            sources=("Carman2013",),
            aliases=("partnership", "shared leadership"),
            interpretive=True,
        ),
    },
    proposed_labels=("fr",),
)


@enum.unique
class CarmanLevel(OrderedVocabulary):
    """The three levels of engagement of Carman et al. (2013), ordered."""

    #: The care encounter.
    DIRECT_CARE = "direct_care"
    #: How a care organisation is designed, run and governed.
    ORGANIZATIONAL_DESIGN_AND_GOVERNANCE = "organizational_design_and_governance"
    #: Local, regional or national health policy.
    POLICY_MAKING = "policy_making"


register_terms(
    CarmanLevel,
    {
        CarmanLevel.DIRECT_CARE: Term(
            label_en="Direct care",
            label_fr="Soins directs",
            definition_en="The care encounter: a person's own health and treatment.",
            definition_fr="La rencontre de soin : la santé et le traitement de la personne.",
            sources=("Carman2013",),
        ),
        CarmanLevel.ORGANIZATIONAL_DESIGN_AND_GOVERNANCE: Term(
            label_en="Organizational design and governance",
            label_fr="Conception organisationnelle et gouvernance",
            definition_en="How a care organisation is designed, run and governed.",
            definition_fr="La façon dont une organisation de soins est conçue, dirigée et gouvernée.",
            sources=("Carman2013",),
            aliases=("organisational design and governance", "organizational design"),
        ),
        CarmanLevel.POLICY_MAKING: Term(
            label_en="Policy making",
            label_fr="Élaboration des politiques",
            definition_en="Local, regional or national health policy.",
            definition_fr="Les politiques de santé locales, régionales ou nationales.",
            sources=("Carman2013",),
            aliases=("policymaking",),
        ),
    },
    proposed_labels=("fr",),
)


@attrs.frozen(kw_only=True)
class CarmanCell:
    """One cell of Carman's continuum x level matrix.

    Attributes:
        continuum: The position on Carman's continuum.
        level: Carman's level.
    """

    continuum: CarmanContinuum
    level: CarmanLevel


_DEGREE_TO_CARMAN: Mapping[EngagementDegree, CarmanContinuum | None] = MappingProxyType(
    {
        EngagementDegree.INFORMATION: None,
        EngagementDegree.CONSULTATION: CarmanContinuum.CONSULTATION,
        EngagementDegree.COLLABORATION: CarmanContinuum.INVOLVEMENT,
        EngagementDegree.PARTNERSHIP: CarmanContinuum.PARTNERSHIP_AND_SHARED_LEADERSHIP,
    }
)
_LEVEL_TO_CARMAN: Mapping[EngagementLevel, CarmanLevel] = MappingProxyType(
    {
        EngagementLevel.MICRO: CarmanLevel.DIRECT_CARE,
        EngagementLevel.MESO: CarmanLevel.ORGANIZATIONAL_DESIGN_AND_GOVERNANCE,
        EngagementLevel.MACRO: CarmanLevel.POLICY_MAKING,
    }
)


def to_carman(
    degree: EngagementDegree, level: EngagementLevel
) -> Correspondence[CarmanCell]:
    """Map a Montreal degree and level to a cell of Carman et al.'s matrix.

    Levels map one to one by label (micro to direct care, meso to organisational
    design and governance, macro to policy making). Information has no
    counterpart: Carman's continuum starts at consultation.

    Examples:
        >>> from partnership_model import EngagementDegree as D, EngagementLevel as L
        >>> to_carman(D.PARTNERSHIP, L.MESO).targets[0].continuum
        <CarmanContinuum.PARTNERSHIP_AND_SHARED_LEADERSHIP: 'partnership_and_shared_leadership'>
        >>> to_carman(D.INFORMATION, L.MICRO).has_counterpart
        False
    """
    continuum = _DEGREE_TO_CARMAN[degree]
    carman_level = _LEVEL_TO_CARMAN[level]
    if continuum is None:
        return Correspondence(
            source=degree,
            targets=(),
            note_en=(
                "Carman et al.'s continuum starts at consultation: one-way "
                "information has no counterpart."
            ),
            note_fr=(
                "Le continuum de Carman et al. commence à la consultation : "
                "l'information à sens unique n'y a pas d'équivalent."
            ),
        )
    return Correspondence(
        source=degree,
        targets=(CarmanCell(continuum=continuum, level=carman_level),),
        note_en=(
            "Aligned by label and by the share of influence each step gives "
            "patients; the levels align by label. Carman's governance sits at the "
            "organisational level."
        ),
        note_fr=(
            "Alignement sur les libellés et sur la part d'influence que chaque "
            "étape donne aux patients ; les niveaux s'alignent par libellé. Chez "
            "Carman, la gouvernance relève du niveau organisationnel."
        ),
    )


def from_carman(continuum: CarmanContinuum) -> Correspondence[EngagementDegree]:
    """Map a position on Carman's continuum back to a Montreal degree."""
    degrees = tuple(d for d, c in _DEGREE_TO_CARMAN.items() if c is continuum)
    return Correspondence(
        source=continuum,
        targets=degrees,
        note_en="The inverse of to_carman: aligned by label and share of influence.",
        note_fr="L'inverse de to_carman : alignement sur les libellés et la part d'influence.",
    )


# ---------------------------------------------------------------------------
# IAP2 Spectrum of Public Participation
# ---------------------------------------------------------------------------


@enum.unique
class IAP2Level(OrderedVocabulary):
    """The five levels of the IAP2 Spectrum, ordered by public influence.

    Only the level names are IAP2's; the definitions are this library's
    paraphrases, as IAP2 restricts reuse of its wording.
    """

    #: Inform.
    INFORM = "inform"
    #: Consult.
    CONSULT = "consult"
    #: Involve.
    INVOLVE = "involve"
    #: Collaborate.
    COLLABORATE = "collaborate"
    #: Empower.
    EMPOWER = "empower"


register_terms(
    IAP2Level,
    {
        IAP2Level.INFORM: Term(
            label_en="Inform",
            label_fr="Informer",
            definition_en="Give people balanced information so they understand the issue and the options.",
            definition_fr="Donner au public une information équilibrée pour qu'il comprenne l'enjeu et les options.",
            sources=("IAP2",),
        ),
        IAP2Level.CONSULT: Term(
            label_en="Consult",
            label_fr="Consulter",
            definition_en="Gather people's reactions to analyses, options or draft decisions and report back on their effect.",
            definition_fr="Recueillir les réactions du public à des analyses, des options ou des projets de décision et lui dire ce qu'elles ont changé.",
            sources=("IAP2",),
        ),
        IAP2Level.INVOLVE: Term(
            label_en="Involve",
            label_fr="Impliquer",
            definition_en="Work with people throughout the process so their concerns keep shaping the options.",
            definition_fr="Travailler avec le public tout au long du processus pour que ses préoccupations continuent de façonner les options.",
            sources=("IAP2",),
        ),
        IAP2Level.COLLABORATE: Term(
            label_en="Collaborate",
            label_fr="Collaborer",
            definition_en="Treat people as partners at each step, including drafting options and choosing among them.",
            definition_fr="Traiter le public en partenaire à chaque étape, y compris pour élaborer les options et choisir entre elles.",
            sources=("IAP2",),
        ),
        IAP2Level.EMPOWER: Term(
            label_en="Empower",
            label_fr="Habiliter",
            definition_en="The public makes the final decision and the sponsor commits to carrying it out.",
            definition_fr="Le public prend la décision finale et le promoteur s'engage à la mettre en œuvre.",
            sources=("IAP2",),
            aliases=("donner le pouvoir",),
        ),
    },
    proposed_labels=("fr",),
)

_DEGREE_TO_IAP2: Mapping[EngagementDegree, tuple[IAP2Level, ...]] = MappingProxyType(
    {
        EngagementDegree.INFORMATION: (IAP2Level.INFORM,),
        EngagementDegree.CONSULTATION: (IAP2Level.CONSULT,),
        EngagementDegree.COLLABORATION: (IAP2Level.INVOLVE, IAP2Level.COLLABORATE),
        EngagementDegree.PARTNERSHIP: (IAP2Level.COLLABORATE,),
    }
)


def to_iap2(degree: EngagementDegree) -> Correspondence[IAP2Level]:
    """Map a Montreal degree to the IAP2 level or range of levels it covers.

    Collaboration spans *involve* (lower bound) to *collaborate* (upper bound).
    No degree maps to *empower*: decision by the public alone is patient-led
    leadership, not a step beyond partnership.
    """
    targets = _DEGREE_TO_IAP2[degree]
    if degree is EngagementDegree.COLLABORATION:
        note_en = (
            "Montreal collaboration spans IAP2 involve (lower bound) to "
            "collaborate (upper bound)."
        )
        note_fr = (
            "La collaboration du modèle de Montréal s'étend d'impliquer (borne "
            "basse) à collaborer (borne haute) dans le spectre de l'IAP2."
        )
    else:
        note_en = "Aligned by label and by the share of influence each step gives."
        note_fr = (
            "Alignement sur les libellés et sur la part d'influence de chaque étape."
        )
    return Correspondence(
        source=degree, targets=targets, note_en=note_en, note_fr=note_fr
    )


def from_iap2(level: IAP2Level) -> Correspondence[EngagementDegree]:
    """Map an IAP2 level back to Montreal degrees.

    *Empower* has no degree counterpart and returns
    ``leadership=Leadership.PATIENT_LED`` instead.
    """
    if level is IAP2Level.EMPOWER:
        return Correspondence(
            source=level,
            targets=(),
            leadership=Leadership.PATIENT_LED,
            note_en=(
                "Empower puts the final decision in the public's hands. In the "
                "Montreal model partnership means shared leadership, so this is "
                "recorded as patient-led leadership, not as a higher degree."
            ),
            note_fr=(
                "Habiliter remet la décision finale au public. Dans le modèle de "
                "Montréal, le partenariat suppose un leadership partagé : on "
                "l'enregistre donc comme un leadership patient, pas comme un degré "
                "supérieur."
            ),
        )
    degrees = tuple(d for d, levels in _DEGREE_TO_IAP2.items() if level in levels)
    return Correspondence(
        source=level,
        targets=degrees,
        note_en="The inverse of to_iap2.",
        note_fr="L'inverse de to_iap2.",
    )


# ---------------------------------------------------------------------------
# Arnstein's ladder
# ---------------------------------------------------------------------------


@enum.unique
class ArnsteinGroup(OrderedVocabulary):
    """The three groups of rungs on Arnstein's ladder, ordered."""

    #: Rungs 1-2.
    NONPARTICIPATION = "nonparticipation"
    #: Rungs 3-5.
    TOKENISM = "tokenism"
    #: Rungs 6-8.
    CITIZEN_POWER = "citizen_power"


register_terms(
    ArnsteinGroup,
    {
        ArnsteinGroup.NONPARTICIPATION: Term(
            label_en="Non-participation",
            label_fr="Non-participation",
            definition_en="Staged participation that gives citizens no real voice.",
            definition_fr="Une participation de façade qui ne donne aucune voix réelle aux citoyens.",
            sources=("Arnstein1969",),
        ),
        ArnsteinGroup.TOKENISM: Term(
            label_en="Degrees of tokenism",
            label_fr="Degrés de participation symbolique",
            definition_en="Citizens are heard but power-holders keep the right to decide.",
            definition_fr="Les citoyens sont entendus mais les détenteurs du pouvoir gardent le droit de décider.",
            sources=("Arnstein1969",),
            aliases=("tokenism",),
        ),
        ArnsteinGroup.CITIZEN_POWER: Term(
            label_en="Degrees of citizen power",
            label_fr="Degrés de pouvoir citoyen",
            definition_en="Citizens share or hold decision-making power.",
            definition_fr="Les citoyens partagent ou détiennent le pouvoir de décision.",
            sources=("Arnstein1969",),
            aliases=("citizen power",),
        ),
    },
    proposed_labels=("fr",),
)


@enum.unique
class ArnsteinRung(OrderedVocabulary):
    """The eight rungs of Arnstein's ladder of citizen participation, bottom first."""

    #: Rung 1.
    MANIPULATION = "manipulation"
    #: Rung 2.
    THERAPY = "therapy"
    #: Rung 3.
    INFORMING = "informing"
    #: Rung 4.
    CONSULTATION = "consultation"
    #: Rung 5.
    PLACATION = "placation"
    #: Rung 6.
    PARTNERSHIP = "partnership"
    #: Rung 7.
    DELEGATED_POWER = "delegated_power"
    #: Rung 8.
    CITIZEN_CONTROL = "citizen_control"

    @property
    def group(self) -> ArnsteinGroup:
        """The group the rung belongs to."""
        if self.rank <= 2:
            return ArnsteinGroup.NONPARTICIPATION
        if self.rank <= 5:
            return ArnsteinGroup.TOKENISM
        return ArnsteinGroup.CITIZEN_POWER


register_terms(
    ArnsteinRung,
    {
        ArnsteinRung.MANIPULATION: Term(
            label_en="Manipulation",
            label_fr="Manipulation",
            definition_en="Participation is staged so that power-holders can engineer support.",
            definition_fr="La participation est mise en scène pour que les détenteurs du pouvoir fabriquent un soutien.",
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.THERAPY: Term(
            label_en="Therapy",
            label_fr="Thérapie",
            definition_en="Participants are treated as the ones to be fixed rather than the conditions they face.",
            definition_fr="Les participants sont traités comme ce qu'il faut corriger, plutôt que les conditions qu'ils subissent.",
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.INFORMING: Term(
            label_en="Informing",
            label_fr="Information",
            definition_en="Citizens are told of their rights and options, mostly one way.",
            definition_fr="Les citoyens sont informés de leurs droits et options, surtout à sens unique.",
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.CONSULTATION: Term(
            label_en="Consultation",
            label_fr="Consultation",
            definition_en="Citizens' opinions are invited with no guarantee that they will count.",
            definition_fr="L'avis des citoyens est sollicité sans garantie qu'il compte.",
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.PLACATION: Term(
            label_en="Placation",
            label_fr="Apaisement",
            definition_en="A few citizens get seats or advisory roles while power-holders keep the decision.",
            definition_fr="Quelques citoyens obtiennent des sièges ou un rôle consultatif, mais les détenteurs du pouvoir gardent la décision.",
            sources=("Arnstein1969",),
            aliases=("conciliation",),
        ),
        ArnsteinRung.PARTNERSHIP: Term(
            label_en="Partnership",
            label_fr="Partenariat",
            definition_en=(
                "Power is redistributed by negotiation: planning and decisions are "
                "shared through agreed structures that no side can change alone."
            ),
            definition_fr=(
                "Le pouvoir est redistribué par la négociation : planification et "
                "décisions sont partagées au moyen de structures convenues qu'aucune "
                "partie ne peut modifier seule."
            ),
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.DELEGATED_POWER: Term(
            label_en="Delegated power",
            label_fr="Délégation de pouvoir",
            definition_en="Citizens hold the dominant decision authority over a plan or programme.",
            definition_fr="Les citoyens détiennent l'autorité de décision dominante sur un plan ou un programme.",
            sources=("Arnstein1969",),
        ),
        ArnsteinRung.CITIZEN_CONTROL: Term(
            label_en="Citizen control",
            label_fr="Contrôle citoyen",
            definition_en="Citizens govern and manage a programme or institution fully.",
            definition_fr="Les citoyens gouvernent et gèrent entièrement un programme ou une institution.",
            sources=("Arnstein1969",),
        ),
    },
    proposed_labels=("fr",),
)

_DEGREE_TO_ARNSTEIN: Mapping[EngagementDegree, ArnsteinRung | None] = MappingProxyType(
    {
        EngagementDegree.INFORMATION: ArnsteinRung.INFORMING,
        EngagementDegree.CONSULTATION: ArnsteinRung.CONSULTATION,
        EngagementDegree.COLLABORATION: None,
        EngagementDegree.PARTNERSHIP: ArnsteinRung.PARTNERSHIP,
    }
)


def to_arnstein(
    degree: EngagementDegree, *, tokenistic: bool = False
) -> Correspondence[ArnsteinRung]:
    """Map a Montreal degree to a rung of Arnstein's ladder.

    Args:
        degree: The Montreal degree.
        tokenistic: Whether the engagement has been judged tokenistic (for
            example by the ``possible_instrumentalisation`` assessment rule).
            Only then does collaboration map to *placation*, Arnstein's
            pejorative rung 5; otherwise collaboration has no clean match.
    """
    rung = _DEGREE_TO_ARNSTEIN[degree]
    if rung is not None:
        return Correspondence(
            source=degree,
            targets=(rung,),
            note_en="Aligned by label and by the share of power each step gives.",
            note_fr="Alignement sur les libellés et sur la part de pouvoir de chaque étape.",
        )
    if tokenistic:
        return Correspondence(
            source=degree,
            targets=(ArnsteinRung.PLACATION,),
            note_en=(
                "A collaboration judged tokenistic matches placation: seats without "
                "decision power."
            ),
            note_fr=(
                "Une collaboration jugée symbolique correspond à l'apaisement : des "
                "sièges sans pouvoir de décision."
            ),
        )
    return Correspondence(
        source=degree,
        targets=(),
        note_en=(
            "Arnstein's rung 5 (placation) is pejorative and rung 6 (partnership) "
            "requires shared power: a genuine collaboration has no clean match."
        ),
        note_fr=(
            "Le barreau 5 d'Arnstein (apaisement) est péjoratif et le barreau 6 "
            "(partenariat) exige un pouvoir partagé : une collaboration réelle n'a "
            "pas d'équivalent net."
        ),
    )


def from_arnstein(rung: ArnsteinRung) -> Correspondence[EngagementDegree]:
    """Map a rung of Arnstein's ladder back to Montreal degrees.

    Manipulation and therapy (non-participation) have no counterpart: they are
    what partnership practice calls instrumentalisation. Delegated power and
    citizen control return ``leadership=Leadership.PATIENT_LED``. Placation
    returns collaboration, flagged as tokenistic in the note.
    """
    if rung.group is ArnsteinGroup.NONPARTICIPATION:
        return Correspondence(
            source=rung,
            targets=(),
            note_en=(
                "Non-participation has no Montreal counterpart; partnership "
                "practice names it instrumentalisation."
            ),
            note_fr=(
                "La non-participation n'a pas d'équivalent dans le modèle de "
                "Montréal ; la pratique du partenariat la nomme "
                "instrumentalisation."
            ),
        )
    if rung > ArnsteinRung.PARTNERSHIP:
        return Correspondence(
            source=rung,
            targets=(),
            leadership=Leadership.PATIENT_LED,
            note_en=(
                "Citizen-held power beyond partnership is recorded as patient-led "
                "leadership, not as a higher degree."
            ),
            note_fr=(
                "Un pouvoir détenu par les citoyens au-delà du partenariat "
                "s'enregistre comme un leadership patient, pas comme un degré "
                "supérieur."
            ),
        )
    if rung is ArnsteinRung.PLACATION:
        return Correspondence(
            source=rung,
            targets=(EngagementDegree.COLLABORATION,),
            note_en="Placation is a tokenistic collaboration.",
            note_fr="L'apaisement est une collaboration symbolique.",
        )
    degrees = tuple(d for d, r in _DEGREE_TO_ARNSTEIN.items() if r is rung)
    return Correspondence(
        source=rung,
        targets=degrees,
        note_en="The inverse of to_arnstein.",
        note_fr="L'inverse de to_arnstein.",
    )
