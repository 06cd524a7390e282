"""Private: the checks of strings, JSON values and cross-field rules the field rules share.

:mod:`partnership_model._validators` builds the field rules on these; the
records import them from there.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, NoReturn

from partnership_model.exceptions import (
    InvalidRecordError,
    PartnershipModelError,
    RecordTypeError,
)

MAX_ID_LENGTH: Final = 200
MAX_TEXT_LENGTH: Final = 100_000

#: Every character for which ``str.isspace()`` is true (the test suite checks it).
WHITESPACE: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

#: Code point ranges an identifier may not hold: the control characters (C0,
#: DEL and C1) and every format character (Unicode category Cf, as of Unicode
#: 15.1: soft hyphen, zero-width space and joiners, the byte order mark, word
#: joiner, bidirectional embeddings, overrides and isolates, tags...). They are
#: invisible or reorder text, so ``"p1"`` and ``"p1\u200b"`` would look the
#: same and name two people.
FORBIDDEN_IN_IDENTIFIERS: Final[tuple[tuple[int, int], ...]] = (
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)


def _class_body(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(low))
        if low == high
        else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


_EDGE_FORBIDDEN: Final = frozenset(WHITESPACE)
_FORBIDDEN: Final = re.compile(
    f"[{_class_body(FORBIDDEN_IN_IDENTIFIERS)}\ud800-\udfff]"
)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def nfc(value: str) -> str:
    """*value* in Unicode normalisation form C (anything but a string is left as is).

    Identifiers are kept in NFC, so that the same name typed in NFC or NFD
    (``"é"`` as one code point or as ``e`` and a combining accent) is one id.
    """
    if type(value) is str and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def is_identifier(value: str) -> bool:
    """Whether the string *value* is a valid identifier (fast path)."""
    return (
        0 < len(value) <= MAX_ID_LENGTH
        and value[0] not in _EDGE_FORBIDDEN
        and value[-1] not in _EDGE_FORBIDDEN
        and (value.isprintable() or _FORBIDDEN.search(value) is None)
    )


def is_text(value: str) -> bool:
    """Whether the string *value* is valid free text (fast path)."""
    return (
        0 < len(value) <= MAX_TEXT_LENGTH
        and not value.isspace()
        and (value.isprintable() or _SURROGATE.search(value) is None)
    )


def check_identifier(field: str, value: object) -> None:
    """Raise unless *value* is a valid identifier (see :class:`Identifier`)."""
    if type(value) is str and is_identifier(value):
        return
    if type(value) is not str:
        raise RecordTypeError(field, value, "an identifier must be a string")
    if not value:
        raise InvalidRecordError(field, value, "an identifier must not be empty")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidRecordError(
            field, value, f"an identifier has at most {MAX_ID_LENGTH} characters"
        )
    if value[0] in _EDGE_FORBIDDEN or value[-1] in _EDGE_FORBIDDEN:
        raise InvalidRecordError(
            field, value, "an identifier must not start or end with whitespace"
        )
    found = _FORBIDDEN.search(value)
    if found is not None:
        raise InvalidRecordError(
            field,
            value,
            f"an identifier must not hold control, invisible or format characters "
            f"nor lone surrogates (U+{ord(found[0]):04X} at position {found.start()})",
        )


def check_text(field: str, value: object) -> None:
    """Raise unless *value* is non-blank text of reasonable length."""
    if type(value) is not str:
        raise RecordTypeError(field, value, "expected text (a string)")
    if not value or value.isspace():
        raise InvalidRecordError(field, value, "must not be empty or blank")
    if _SURROGATE.search(value):
        raise InvalidRecordError(
            field, value, "text must not contain lone surrogates (invalid Unicode)"
        )
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidRecordError(
            field, value, f"text is limited to {MAX_TEXT_LENGTH} characters"
        )


# -- JSON values ------------------------------------------------------------------------


def json_type(value: object) -> str:
    """Name the JSON type of a decoded value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def clip(text: str, limit: int = 60) -> str:
    """*text*, shortened with an ellipsis past *limit* characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def wrong_type(value: object, expected: str) -> NoReturn:
    """Refuse a JSON value of the wrong type (code ``wrong_type``)."""
    raise RecordTypeError("", value, f"expected {expected}, got {json_type(value)}")


def refuse(value: object, reason: str, code: str = "invalid") -> NoReturn:
    """Refuse a JSON value of the right type but an invalid content."""
    raise InvalidRecordError("", value, reason, code=code)


class RefusalError(InvalidRecordError):
    """A JSON value a rule refuses, with the parameters of its catalogue message.

    Its reason is the English text of the message ``problems.<code>`` of the
    message catalogue (:mod:`partnership_model._messages`), and it keeps the
    parameters, so that the problem can be written in another language.

    Attributes:
        params: The message's parameters.
    """

    def __init__(self, value: object, code: str, params: Mapping[str, object]) -> None:
        from partnership_model._messages import message  # noqa: PLC0415 - on failure

        super().__init__(
            "", value, message(f"problems.{code}", "en", **params), code=code
        )
        self.params = dict(params)


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float) -> Any:
    """The catalogue's "did you mean" hint for the closest candidate, or ``""``."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=cutoff)
    if not close:
        return ""
    from partnership_model._messages import Message  # noqa: PLC0415 - on failure

    return Message("problems.did_you_mean", {"suggestion": repr(close[0])})


# -- converters ---------------------------------------------------------------------------


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(
        value, str | bytes | bytearray | Mapping
    )


def to_tuple(value: Any) -> Any:
    """Turn any non-text iterable into a tuple; leave anything else for validation."""
    if type(value) is tuple or not _is_collection(value):
        return value
    return tuple(value)


def to_frozenset(value: Any) -> Any:
    """Turn any non-text iterable into a frozenset; leave anything else for validation."""
    if type(value) is frozenset or not _is_collection(value):
        return value
    try:
        return frozenset(value)
    except TypeError:  # unhashable items: let the validator name them
        return tuple(value)


def nfc_tuple(value: Any) -> Any:
    """:func:`to_tuple`, with every string item in NFC (lists of identifiers)."""
    value = to_tuple(value)
    if type(value) is tuple:
        return tuple(nfc(item) for item in value)
    return value


# -- several rules broken at once ----------------------------------------------------------


class Violations(str):
    """A note on the error a record raises, listing every cross-field rule it breaks.

    Like cattrs' typed notes, it is a string (what a traceback shows) that
    carries data: :attr:`errors`, the first of which is the error raised.
    """

    errors: tuple[PartnershipModelError, ...]

    def __new__(cls, errors: Iterable[PartnershipModelError]) -> Violations:
        found = tuple(errors)
        shown = "; ".join(str(error) for error in found[:5])
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        note = super().__new__(cls, f"every rule broken: {shown}{more}")
        note.errors = found
        return note


def raise_violations(errors: Iterator[PartnershipModelError]) -> None:
    """Raise the first of *errors*, if any, with a :class:`Violations` note of all."""
    first = next(errors, None)
    if first is None:
        return
    rest = list(errors)
    if rest:
        first.add_note(Violations([first, *rest]))
    raise first


def violations(error: BaseException) -> tuple[BaseException, ...]:
    """Every error a record's constructor reported with *error* (itself first)."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, Violations):
            return note.errors
    return (error,)
