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

The correspondences and their explanations are data:
``partnership_model/data/crosswalks.json``, one entry per term looked up, read
and checked the first time a crosswalk is used. The terms of the other
frameworks are vocabularies like the Montreal model's, with their own data
files.

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
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar, cast

import attrs

from partnership_model._data import (
    JsonObject,
    Problems,
    key_path,
    read_data_json,
)
from partnership_model._enums import Lang, OrderedVocabulary, check_lang, facet
from partnership_model._i18n import typeset
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
        note_fr: The same explanation in French, as the data file writes it.
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
        """The explanation in *lang*, in that language's typography.

        Raises:
            VocabularyError: *lang* is not a supported language tag.
        """
        text = self.note_en if check_lang(lang) == "en" else self.note_fr
        return typeset(text, lang)


# ---------------------------------------------------------------------------
# The frameworks' terms
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


@enum.unique
class CarmanLevel(OrderedVocabulary):
    """The three levels of engagement of Carman et al. (2013), ordered."""

    #: The care encounter.
    DIRECT_CARE = "direct_care"
    #: How a care organisation is designed, run and governed.
    ORGANIZATIONAL_DESIGN_AND_GOVERNANCE = "organizational_design_and_governance"
    #: Local, regional or national health policy.
    POLICY_MAKING = "policy_making"


@attrs.frozen(kw_only=True)
class CarmanCell:
    """One cell of Carman's continuum x level matrix.

    Attributes:
        continuum: The position on Carman's continuum.
        level: Carman's level.
    """

    continuum: CarmanContinuum
    level: CarmanLevel


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


@enum.unique
class ArnsteinGroup(OrderedVocabulary):
    """The three groups of rungs on Arnstein's ladder, ordered."""

    #: Rungs 1-2.
    NONPARTICIPATION = "nonparticipation"
    #: Rungs 3-5.
    TOKENISM = "tokenism"
    #: Rungs 6-8.
    CITIZEN_POWER = "citizen_power"


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
        return facet(self, "group", ArnsteinGroup)


# ---------------------------------------------------------------------------
# The crosswalk tables (data/crosswalks.json)
# ---------------------------------------------------------------------------

CROSSWALKS_FILE: Final = "crosswalks.json"


@attrs.frozen(kw_only=True)
class _Entry:
    """What one term corresponds to, and why (one entry of the data file)."""

    targets: tuple[enum.Enum, ...]
    note_en: str
    note_fr: str
    leadership: Leadership | None = None
    if_tokenistic: _Entry | None = None


def _expected() -> Mapping[str, tuple[type[enum.Enum], type[enum.Enum]]]:
    """Each crosswalk of the file, with the vocabularies it maps from and to."""
    return {
        "to_carman": (EngagementDegree, CarmanContinuum),
        "carman_level": (EngagementLevel, CarmanLevel),
        "from_carman": (CarmanContinuum, EngagementDegree),
        "to_iap2": (EngagementDegree, IAP2Level),
        "from_iap2": (IAP2Level, EngagementDegree),
        "to_arnstein": (EngagementDegree, ArnsteinRung),
        "from_arnstein": (ArnsteinRung, EngagementDegree),
    }


#: The crosswalks whose entries may say what a tokenistic engagement maps to.
_TOKENISTIC: Final = frozenset({"to_arnstein"})
#: The crosswalks whose entries need no note (``to_carman`` explains the cell).
_NOTELESS: Final = frozenset({"carman_level"})

Tables = Mapping[str, Mapping[enum.Enum, _Entry]]


def check_crosswalks(document: Any, *, file: str = CROSSWALKS_FILE) -> Tables:
    """Check a parsed crosswalks *document* and build its tables.

    Refused, with the JSON path of each problem: a crosswalk missing or
    unknown, an entry for a term that is not in the vocabulary it maps from
    (and a term with no entry), a target that is not in the vocabulary it maps
    to or targets not weakest first, a note missing in English or French or
    named by no entry, and anything of the wrong type.

    Raises:
        DataFileError: Every problem found.
    """
    problems = Problems(file)
    top = problems.mapping(document, "$") or JsonObject()
    problems.keys(top, "$", required=("notes", "crosswalks"), optional=("$schema",))
    notes = _check_notes(top.get("notes", JsonObject()), problems)
    walks = problems.mapping(top.get("crosswalks", JsonObject()), "$.crosswalks")
    expected = _expected()
    tables: dict[str, Mapping[enum.Enum, _Entry]] = {}
    used: set[str] = set()
    if walks is not None:
        problems.keys(walks, "$.crosswalks", required=tuple(expected))
        for name, (source, target) in expected.items():
            if name in walks:
                tables[name] = _check_walk(
                    walks[name],
                    key_path("$.crosswalks", name),
                    name=name,
                    vocabularies=(source, target),
                    notes=notes,
                    used=used,
                    problems=problems,
                )
    for name in notes:
        if name not in used:
            problems.add(
                key_path("$.notes", name),
                f"note {name!r} is used by no entry",
                "unused_note",
            )
    problems.raise_if_any()
    return MappingProxyType(tables)


def _check_notes(value: object, problems: Problems) -> dict[str, tuple[str, str]]:
    notes: dict[str, tuple[str, str]] = {}
    obj = problems.mapping(value, "$.notes")
    for name, text in (obj or {}).items():
        path = key_path("$.notes", name)
        pair = problems.mapping(text, path)
        if pair is None:
            continue
        problems.keys(pair, path, required=("en", "fr"))
        en = problems.text(pair.get("en"), key_path(path, "en"), code="missing_note")
        fr = problems.text(pair.get("fr"), key_path(path, "fr"), code="missing_note")
        if en is not None and fr is not None:
            notes[name] = (en, fr)
    return notes


def _check_walk(
    value: object,
    path: str,
    *,
    name: str,
    vocabularies: tuple[type[enum.Enum], type[enum.Enum]],
    notes: Mapping[str, tuple[str, str]],
    used: set[str],
    problems: Problems,
) -> Mapping[enum.Enum, _Entry]:
    source, target = vocabularies
    walk = problems.mapping(value, path) or JsonObject()
    problems.keys(walk, path, required=("from", "to", "entries"))
    for key, cls in (("from", source), ("to", target)):
        if key in walk and walk[key] != cls.__name__:
            problems.add(
                key_path(path, key),
                f"{name} maps {source.__name__} to {target.__name__}; "
                f"got {walk[key]!r}",
                "wrong_vocabulary",
            )
    entries = problems.mapping(walk.get("entries", JsonObject()), f"{path}.entries")
    table: dict[enum.Enum, _Entry] = {}
    members = {str(m.value): m for m in source}
    for value_, raw in (entries or {}).items():
        entry_path = key_path(f"{path}.entries", value_)
        member = members.get(value_)
        if member is None:
            problems.add(
                entry_path,
                f"{value_!r} is not a {source.__name__}",
                "unknown_member",
            )
            continue
        entry = _check_entry(
            raw,
            entry_path,
            target=target,
            notes=notes,
            used=used,
            problems=problems,
            tokenistic=name in _TOKENISTIC,
            noteless=name in _NOTELESS,
        )
        if entry is not None:
            table[member] = entry
    for value_, member in members.items():
        if entries is not None and value_ not in entries:
            problems.add(
                f"{path}.entries",
                f"{source.__name__}.{member.name} has no entry (add {value_!r})",
                "missing_member",
            )
    return MappingProxyType(table)


def _check_entry(
    value: object,
    path: str,
    *,
    target: type[enum.Enum],
    notes: Mapping[str, tuple[str, str]],
    used: set[str],
    problems: Problems,
    tokenistic: bool,
    noteless: bool = False,
) -> _Entry | None:
    entry = problems.mapping(value, path)
    if entry is None:
        return None
    required = ("targets",) if noteless else ("targets", "note")
    optional = ("leadership",) + (("if_tokenistic",) if tokenistic else ())
    problems.keys(entry, path, required=required, optional=optional)
    targets: list[enum.Enum] = []
    listed = problems.array(entry.get("targets", []), f"{path}.targets") or []
    for position, raw in enumerate(listed):
        try:
            targets.append(target(raw))
        except ValueError:
            problems.add(
                f"{path}.targets[{position}]",
                f"{raw!r} is not a {target.__name__}",
                "unknown_member",
            )
    if issubclass(target, OrderedVocabulary) and targets != sorted(
        targets, key=lambda m: cast("OrderedVocabulary", m).rank
    ):
        problems.add(
            f"{path}.targets", "list the targets weakest first", "invalid_value"
        )
    note_en = note_fr = ""
    if "note" in entry:
        name = entry["note"]
        if name in notes:
            used.add(name)
            note_en, note_fr = notes[name]
        else:
            problems.add(
                key_path(path, "note"),
                f"no note named {name!r} in $.notes",
                "unknown_note",
            )
    leadership = None
    if "leadership" in entry:
        try:
            leadership = Leadership(entry["leadership"])
        except ValueError:
            problems.add(
                key_path(path, "leadership"),
                f"{entry['leadership']!r} is not a Leadership",
                "unknown_member",
            )
    alternative = None
    if "if_tokenistic" in entry:
        alternative = _check_entry(
            entry["if_tokenistic"],
            key_path(path, "if_tokenistic"),
            target=target,
            notes=notes,
            used=used,
            problems=problems,
            tokenistic=False,
        )
    return _Entry(
        targets=tuple(targets),
        note_en=note_en,
        note_fr=note_fr,
        leadership=leadership,
        if_tokenistic=alternative,
    )


_TABLES: dict[str, Tables] = {}
_LOCK = threading.Lock()


def _tables() -> Tables:
    """The checked crosswalk tables, read from the data file the first time."""
    found = _TABLES.get(CROSSWALKS_FILE)
    if found is None:
        with _LOCK:
            found = _TABLES.get(CROSSWALKS_FILE)
            if found is None:
                problems = Problems(CROSSWALKS_FILE)
                document = read_data_json(CROSSWALKS_FILE, problems)
                problems.raise_if_any()
                found = _TABLES[CROSSWALKS_FILE] = check_crosswalks(document)
    return found


def _correspond(source: enum.Enum, entry: _Entry) -> Correspondence[Any]:
    return Correspondence(
        source=source,
        targets=entry.targets,
        note_en=entry.note_en,
        note_fr=entry.note_fr,
        leadership=entry.leadership,
    )


# ---------------------------------------------------------------------------
# Carman et al. 2013
# ---------------------------------------------------------------------------


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
    tables = _tables()
    entry = tables["to_carman"][degree]
    (carman_level,) = tables["carman_level"][level].targets
    cells = tuple(
        CarmanCell(
            continuum=cast("CarmanContinuum", continuum),
            level=cast("CarmanLevel", carman_level),
        )
        for continuum in entry.targets
    )
    return Correspondence(
        source=degree, targets=cells, note_en=entry.note_en, note_fr=entry.note_fr
    )


def from_carman(continuum: CarmanContinuum) -> Correspondence[EngagementDegree]:
    """Map a position on Carman's continuum back to a Montreal degree."""
    return _correspond(continuum, _tables()["from_carman"][continuum])


# ---------------------------------------------------------------------------
# IAP2 Spectrum of Public Participation
# ---------------------------------------------------------------------------


def to_iap2(degree: EngagementDegree) -> Correspondence[IAP2Level]:
    """Map a Montreal degree to the IAP2 level or range of levels it covers.

    Collaboration spans *involve* (lower bound) to *collaborate* (upper bound).
    No degree maps to *empower*: decision by the public alone is patient-led
    leadership, not a step beyond partnership.
    """
    return _correspond(degree, _tables()["to_iap2"][degree])


def from_iap2(level: IAP2Level) -> Correspondence[EngagementDegree]:
    """Map an IAP2 level back to Montreal degrees.

    *Empower* has no degree counterpart and returns
    ``leadership=Leadership.PATIENT_LED`` instead.
    """
    return _correspond(level, _tables()["from_iap2"][level])


# ---------------------------------------------------------------------------
# Arnstein's ladder
# ---------------------------------------------------------------------------


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
    entry = _tables()["to_arnstein"][degree]
    if tokenistic and entry.if_tokenistic is not None:
        entry = entry.if_tokenistic
    return _correspond(degree, entry)


def from_arnstein(rung: ArnsteinRung) -> Correspondence[EngagementDegree]:
    """Map a rung of Arnstein's ladder back to Montreal degrees.

    Manipulation and therapy (non-participation) have no counterpart: they are
    what partnership practice calls instrumentalisation. Delegated power and
    citizen control return ``leadership=Leadership.PATIENT_LED``. Placation
    returns collaboration, flagged as tokenistic in the note.
    """
    return _correspond(rung, _tables()["from_arnstein"][rung])
