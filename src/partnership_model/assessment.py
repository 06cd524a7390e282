"""Check engagements against the practice guidance of the partnership literature.

:func:`assess` runs every :class:`Rule` of a rule table over one engagement, an
iterable of engagements or a whole :class:`~partnership_model.Register`, and
returns :class:`Finding` records. Each finding has a stable :attr:`Finding.code`
(safe to filter on in other tools), a :class:`~partnership_model.Severity`, a
message in English and French, and the bibliography keys of the guidance it
rests on.

The guidance comes from the "reflexes to develop" and "points of vigilance"
of Berkesse (2024), the actions of a tiers (Berkesse 2024, *Gestions
hospitalières*), and the HAS 2020 recommendation (aim for the highest feasible
level of engagement; plan how engaged people are recognised). Turning that
guidance into checks of recorded fields is this library's interpretation: a
finding is a prompt to look, not a verdict. An absent optional field (for
example ``trained_together=None``) never triggers a finding on its own.

Rules live in one table, :data:`RULES`. Filter it or extend it and pass your
own table::

    strict = [rule for rule in RULES if rule.severity >= Severity.WARNING]
    findings = assess(register, rules=strict)

Examples:
    >>> from partnership_model import assess
    >>> from partnership_model.examples import load_register
    >>> findings = assess(load_register())
    >>> sorted({f.code for f in findings})[:3]
    ['consider_higher_degree', 'missing_co_leadership', 'no_recognition']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

import attrs

from partnership_model import _validators as v
from partnership_model._enums import Lang, check_lang
from partnership_model.exceptions import (
    InvalidRecordError,
    RecordTypeError,
    UnknownReferenceError,
)
from partnership_model.records import Engagement, Register
from partnership_model.vocabulary import (
    EngagementDegree,
    Leadership,
    Role,
    Severity,
)

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "assess",
    "rule",
]


def __dir__() -> list[str]:
    return __all__


_CODE = re.compile(r"[a-z][a-z0-9_]*")


def _code(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not _CODE.fullmatch(value):
        raise InvalidRecordError(
            attribute.name,
            value,
            "a code is snake_case ASCII (for example 'no_recognition')",
        )


def _sources(value: Iterable[str]) -> tuple[str, ...]:
    return v.to_tuple(value)  # type: ignore[no-any-return]


def _callable(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(value):
        raise RecordTypeError(
            attribute.name, value, "expected a callable taking an Engagement"
        )


@attrs.frozen(kw_only=True)
class Rule:
    """One assessment rule: a check of an engagement against practice guidance.

    Attributes:
        code: Stable snake_case identifier of the rule and of its findings.
        severity: How much attention a finding deserves.
        check: Called with an engagement; returns ``True`` when the finding
            applies.
        message_en: What the finding means and what to look at, in English.
        message_fr: The same, in French.
        sources: Bibliography keys of the guidance the rule rests on.
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(validator=v.member_of(Severity))
    check: Callable[[Engagement], bool] = attrs.field(validator=_callable, eq=False)
    message_en: str = attrs.field(validator=v.text)
    message_fr: str = attrs.field(validator=v.text)
    sources: tuple[str, ...] = attrs.field(converter=_sources, validator=v.texts)

    def message(self, lang: Lang = "en") -> str:
        """The rule's message in *lang* (``"en"`` or ``"fr"``)."""
        return self.message_en if check_lang(lang) == "en" else self.message_fr


@attrs.frozen(kw_only=True)
class Finding:
    """A rule that applies to one engagement.

    Attributes:
        code: The rule's code.
        severity: The rule's severity.
        engagement_id: The engagement the finding is about.
        message_en: The rule's message in English.
        message_fr: The rule's message in French.
        sources: Bibliography keys of the guidance.
    """

    code: str = attrs.field(validator=v.identifier)
    severity: Severity = attrs.field(validator=v.member_of(Severity))
    engagement_id: str = attrs.field(validator=v.identifier)
    message_en: str = attrs.field(validator=v.text)
    message_fr: str = attrs.field(validator=v.text)
    sources: tuple[str, ...] = attrs.field(converter=_sources, validator=v.texts)

    def message(self, lang: Lang = "en") -> str:
        """The finding's message in *lang* (``"en"`` or ``"fr"``)."""
        return self.message_en if check_lang(lang) == "en" else self.message_fr


# -- the checks ---------------------------------------------------------------------


def _missing_co_leadership(e: Engagement) -> bool:
    return (
        e.degree is EngagementDegree.PARTNERSHIP
        and e.leadership is not Leadership.CO_LED
    )


def _no_community_participant(e: Engagement) -> bool:
    return not e.community_participants


def _late_involvement(e: Engagement) -> bool:
    if e.partners_joined_at is not None:
        return not e.partners_joined_at.is_upstream
    earliest = e.earliest_research_stage
    return earliest is not None and not earliest.is_upstream


def _no_recognition(e: Engagement) -> bool:
    return (
        e.degree >= EngagementDegree.CONSULTATION
        and bool(e.community_participants)
        and not e.recognition
    )


def _single_profile(e: Engagement) -> bool:
    community = e.community_participants
    return len(community) >= 2 and len({p.role for p in community}) == 1


def _possible_instrumentalisation(e: Engagement) -> bool:
    return e.degree is EngagementDegree.PARTNERSHIP and not any(
        p.decision_role for p in e.community_participants
    )


def _not_trained_together(e: Engagement) -> bool:
    return e.degree >= EngagementDegree.COLLABORATION and e.trained_together is False


def _not_evaluated_together(e: Engagement) -> bool:
    return e.degree >= EngagementDegree.COLLABORATION and e.evaluated_together is False


def _no_tiers_support(e: Engagement) -> bool:
    return (
        e.degree >= EngagementDegree.COLLABORATION
        and not e.tiers_actions
        and not any(p.role is Role.THIRD_PARTY for p in e.participants)
    )


def _ambiguous_expert_label(e: Engagement) -> bool:
    return any(p.role is Role.EXPERT_PATIENT for p in e.participants)


def _consider_higher_degree(e: Engagement) -> bool:
    return e.degree <= EngagementDegree.CONSULTATION


RULES: tuple[Rule, ...] = (
    Rule(
        code="possible_instrumentalisation",
        severity=Severity.ALERT,
        check=_possible_instrumentalisation,
        message_en=(
            "Labelled a partnership, but no community participant holds a decision "
            "role: check that partners are not there as tokens, which guidance warns "
            "makes both sides lose."
        ),
        message_fr=(
            "Qualifié de partenariat, mais aucun participant de la communauté "
            "n'occupe de rôle décisionnel : vérifier que les partenaires ne sont pas "
            "instrumentalisés, ce qui, selon les recommandations, fait deux perdants."
        ),
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="missing_co_leadership",
        severity=Severity.WARNING,
        check=_missing_co_leadership,
        message_en=(
            "A partnership-degree engagement that is not co-led: partnership means "
            "leadership shared by a patient or user and a professional."
        ),
        message_fr=(
            "Un engagement de degré partenariat qui n'est pas en co-leadership : le "
            "partenariat suppose un leadership partagé entre un patient ou usager et "
            "un professionnel."
        ),
        sources=("Berkesse2024Bern", "Berkesse2024", "AlteringFrontiers2021"),
    ),
    Rule(
        code="no_community_participant",
        severity=Severity.WARNING,
        check=_no_community_participant,
        message_en=(
            "No participant acts in the community sphere (patient, caregiver, "
            "citizen): the register does not show who is engaged."
        ),
        message_fr=(
            "Aucun participant n'agit dans la sphère communautaire (patient, proche, "
            "citoyen) : le registre ne montre pas qui est engagé."
        ),
        sources=("Boivin2022", "Pomey2015"),
    ),
    Rule(
        code="late_involvement",
        severity=Severity.WARNING,
        check=_late_involvement,
        message_en=(
            "Partners joined after the problem was framed and the work designed: "
            "involve them as far upstream as possible."
        ),
        message_fr=(
            "Les partenaires sont arrivés après la problématisation et la conception : "
            "les impliquer le plus en amont possible."
        ),
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="no_recognition",
        severity=Severity.WARNING,
        check=_no_recognition,
        message_en=(
            "No recognition of the engaged people is recorded (status, reimbursement, "
            "indemnity or remuneration, VAE...): planning recognition helps actions "
            "last."
        ),
        message_fr=(
            "Aucune modalité de reconnaissance des personnes engagées n'est consignée "
            "(statut, remboursement, indemnisation ou rémunération, VAE...) : la "
            "prévoir favorise la pérennité des actions."
        ),
        sources=("HAS2020", "Berkesse2024Bern"),
    ),
    Rule(
        code="single_profile",
        severity=Severity.INFO,
        check=_single_profile,
        message_en=(
            "All community participants share one role: consider the diversity and "
            "complementarity of profiles, and ask first which contribution is needed."
        ),
        message_fr=(
            "Tous les participants de la communauté ont le même rôle : penser à la "
            "diversité et à la complémentarité des profils, et se demander d'abord "
            "de quelle contribution on a besoin."
        ),
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="not_trained_together",
        severity=Severity.INFO,
        check=_not_trained_together,
        message_en="Partners and professionals did not train together in partnership practice.",
        message_fr="Partenaires et professionnels ne se sont pas formés ensemble aux pratiques partenariales.",
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="not_evaluated_together",
        severity=Severity.INFO,
        check=_not_evaluated_together,
        message_en=(
            "Partners and professionals did not evaluate the work together "
            "(co-accountability)."
        ),
        message_fr=(
            "Partenaires et professionnels ne se sont pas évalués ensemble "
            "(co-imputabilité)."
        ),
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="no_tiers_support",
        severity=Severity.INFO,
        check=_no_tiers_support,
        message_en=(
            "No tiers (trusted third party) takes part and no tiers action is "
            "recorded: methodological support by a tiers is a key success factor."
        ),
        message_fr=(
            "Aucun tiers n'y participe et aucune action de tiers n'est consignée : "
            "l'accompagnement méthodologique par un tiers de confiance est un facteur "
            "clé de succès."
        ),
        sources=("Berkesse2024Bern", "Berkesse2024"),
    ),
    Rule(
        code="ambiguous_expert_label",
        severity=Severity.INFO,
        check=_ambiguous_expert_label,
        message_en=(
            "A participant is recorded as an 'expert patient', an ambiguous label: "
            "describe the activity and the contribution rather than the status."
        ),
        message_fr=(
            "Un participant est consigné comme « patient expert », une appellation "
            "ambiguë : décrire l'activité et la contribution plutôt que le statut."
        ),
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="consider_higher_degree",
        severity=Severity.INFO,
        check=_consider_higher_degree,
        message_en=(
            "Information or consultation only: aim for the highest degree of "
            "engagement the context and the people allow."
        ),
        message_fr=(
            "Information ou consultation seulement : viser le plus haut niveau "
            "d'engagement que permettent le contexte et les personnes."
        ),
        sources=("HAS2020",),
    ),
)
"""The built-in rules, most serious first. Filter or extend this tuple freely."""

_RULES_BY_CODE = MappingProxyType({r.code: r for r in RULES})


def rule(code: str) -> Rule:
    """Return the built-in rule with this code.

    Raises:
        UnknownReferenceError: No built-in rule has this code.
    """
    try:
        return _RULES_BY_CODE[code]
    except KeyError:
        raise UnknownReferenceError(code, "assessment rule") from None


def assess(
    target: Engagement | Register | Iterable[Engagement],
    *,
    rules: Iterable[Rule] = RULES,
) -> tuple[Finding, ...]:
    """Run *rules* over one engagement, a register or an iterable of engagements.

    Args:
        target: What to assess.
        rules: The rule table; defaults to :data:`RULES`.

    Returns:
        Every finding, engagement by engagement in register order, and within
        one engagement in rule-table order.

    Raises:
        RecordTypeError: *target* holds something that is not an engagement, or
            *rules* something that is not a :class:`Rule`.
    """
    table = tuple(rules)
    for index, item in enumerate(table):
        if not isinstance(item, Rule):
            raise RecordTypeError(f"rules[{index}]", item, "expected a Rule")
    if isinstance(target, Engagement):
        engagements: Iterable[Engagement] = (target,)
    elif isinstance(target, Register):
        engagements = target.engagements
    else:
        engagements = target
    findings: list[Finding] = []
    for index, engagement in enumerate(engagements):
        if not isinstance(engagement, Engagement):
            raise RecordTypeError(
                f"engagements[{index}]", engagement, "expected an Engagement"
            )
        findings.extend(
            Finding(
                code=r.code,
                severity=r.severity,
                engagement_id=engagement.id,
                message_en=r.message_en,
                message_fr=r.message_fr,
                sources=r.sources,
            )
            for r in table
            if r.check(engagement)
        )
    return tuple(findings)
