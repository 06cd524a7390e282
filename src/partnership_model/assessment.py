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
    ['no_recognition', 'no_tiers_support', 'single_profile']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

import attrs

from partnership_model import _validators as v
from partnership_model._enums import Lang, check_lang
from partnership_model._i18n import typeset
from partnership_model._messages import message
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


def _both_or_neither(
    instance: Rule, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if (instance._message_en is None) != (value is None):
        raise InvalidRecordError(
            "message_fr" if value is None else "message_en",
            None,
            "give a rule both messages, English and French, or neither (to take "
            "them from the package's message catalogue)",
            code="missing_message",
        )


@attrs.frozen(kw_only=True)
class Rule:
    """One assessment rule: a check of an engagement against practice guidance.

    A rule of your own gives its messages as text, *message_en* and
    *message_fr*. The built-in rules give none: their messages live in the
    package's message catalogue (``data/messages/assessment.json``) under their
    code, with their regional wordings.

    Attributes:
        code: Stable snake_case identifier of the rule and of its findings.
        severity: How much attention a finding deserves.
        check: Called with an engagement; returns ``True`` when the finding
            applies.
        message_en: What the finding means and what to look at, in English
            (read: :meth:`message`).
        message_fr: The same, in French, set in French typography.
        sources: Bibliography keys of the guidance the rule rests on.

    .. versionchanged:: 0.1.0
       *message_en* and *message_fr* may both be left out for a rule whose
       code has messages in the catalogue (issue 13).
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(validator=v.member_of(Severity))
    check: Callable[[Engagement], bool] = attrs.field(validator=_callable, eq=False)
    _message_en: str | None = attrs.field(
        default=None, alias="message_en", validator=v.optional_text
    )
    _message_fr: str | None = attrs.field(
        default=None,
        alias="message_fr",
        validator=[v.optional_text, _both_or_neither],
    )
    sources: tuple[str, ...] = attrs.field(converter=_sources, validator=v.texts)

    @property
    def message_en(self) -> str:
        """The rule's message in English."""
        return self.message("en")

    @property
    def message_fr(self) -> str:
        """The rule's message in French (France's typography)."""
        return self.message("fr")

    def message(self, lang: Lang = "en") -> str:
        """The rule's message in *lang* (any of ``LANGUAGE_TAGS``).

        Raises:
            UnknownReferenceError: The rule gives no messages and its code has
                none in the catalogue.
            VocabularyError: *lang* is not an accepted language tag.

        Examples:
            >>> rule("not_trained_together").message("fr-CA")
            'Partenaires et professionnels ne se sont pas formés ensemble aux pratiques partenariales.'
        """
        if self._message_en is None or self._message_fr is None:
            return message(f"assessment.{self.code}", lang)
        if check_lang(lang) == "en":
            return self._message_en
        return typeset(self._message_fr, lang)


@attrs.frozen(kw_only=True)
class Finding:
    """A rule that applies to one engagement.

    Attributes:
        code: The rule's code.
        severity: The rule's severity.
        engagement_id: The engagement the finding is about.
        message_en: The rule's message in English.
        message_fr: The rule's message in French, in France's typography.
        sources: Bibliography keys of the guidance.
    """

    code: str = attrs.field(validator=v.identifier)
    severity: Severity = attrs.field(validator=v.member_of(Severity))
    engagement_id: str = attrs.field(validator=v.identifier)
    message_en: str = attrs.field(validator=v.text)
    message_fr: str = attrs.field(validator=v.text)
    sources: tuple[str, ...] = attrs.field(converter=_sources, validator=v.texts)

    def message(self, lang: Lang = "en") -> str:
        """The finding's message in *lang* (any of ``LANGUAGE_TAGS``).

        French is set in the typography of *lang* (Québec's for ``"fr-CA"``).
        """
        if check_lang(lang) == "en":
            return self.message_en
        return typeset(self.message_fr, lang)


# -- the checks ---------------------------------------------------------------------


def _missing_co_leadership(e: Engagement) -> bool:
    # Leadership not recorded (None) is unknown, not "not co-led".
    return (
        e.degree is EngagementDegree.PARTNERSHIP
        and e.leadership is not None
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
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="missing_co_leadership",
        severity=Severity.WARNING,
        check=_missing_co_leadership,
        sources=("Berkesse2024Bern", "Berkesse2024", "AlteringFrontiers2021"),
    ),
    Rule(
        code="no_community_participant",
        severity=Severity.WARNING,
        check=_no_community_participant,
        sources=("Boivin2022", "Pomey2015"),
    ),
    Rule(
        code="late_involvement",
        severity=Severity.WARNING,
        check=_late_involvement,
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="no_recognition",
        severity=Severity.WARNING,
        check=_no_recognition,
        sources=("HAS2020", "Berkesse2024Bern"),
    ),
    Rule(
        code="single_profile",
        severity=Severity.INFO,
        check=_single_profile,
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="not_trained_together",
        severity=Severity.INFO,
        check=_not_trained_together,
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="not_evaluated_together",
        severity=Severity.INFO,
        check=_not_evaluated_together,
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="no_tiers_support",
        severity=Severity.INFO,
        check=_no_tiers_support,
        sources=("Berkesse2024Bern", "Berkesse2024"),
    ),
    Rule(
        code="ambiguous_expert_label",
        severity=Severity.INFO,
        check=_ambiguous_expert_label,
        sources=("Berkesse2024Bern",),
    ),
    Rule(
        code="consider_higher_degree",
        severity=Severity.INFO,
        check=_consider_higher_degree,
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
    # Each rule's messages, looked up once per call rather than once per finding.
    texts = [(r, r.message("en"), r.message("fr")) for r in table]
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
                message_en=en,
                message_fr=fr,
                sources=r.sources,
            )
            for r, en, fr in texts
            if r.check(engagement)
        )
    return tuple(findings)
