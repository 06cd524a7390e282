r"""Languages, regional variants and typography of the text written for people.

A language parameter is a BCP 47 tag (:rfc:`5646`): ``"en"``, ``"fr"``,
``"fr-FR"`` or ``"fr-CA"``. Tags are matched without regard to case, and an
underscore is read as a hyphen (``"fr_ca"`` is ``"fr-CA"``). ``"fr"`` follows
the rules of France; ``"fr-CA"`` follows Québec usage. Adding a regional variant
later (``"fr-BE"``, ``"en-CA"``...) adds a tag to :data:`LANGUAGE_TAGS` and never
changes what an existing tag returns, so callers keep working.

Text is looked up by *language* (``"en"`` or ``"fr"``, the languages every term
is written in) with an optional override for the exact regional tag, then set
in the typography of the tag:

* French in France: a no-break space (U+00A0) before ``:`` and ``%`` and
  inside « », a narrow no-break space (U+202F) before ``;``, ``?`` and ``!``,
  a decimal comma and narrow no-break spaces between groups of thousands;
* French in Québec: the same, except that nothing separates ``;``, ``?`` and
  ``!`` from the word before them;
* English: unchanged.

Examples:
    >>> locale("fr_ca").tag
    'fr-CA'
    >>> typeset("Intervention : réduire les asymétries ; vraiment ?", "fr")
    'Intervention\xa0: réduire les asymétries\u202f; vraiment\u202f?'
    >>> typeset("Intervention : réduire les asymétries ; vraiment ?", "fr-CA")
    'Intervention\xa0: réduire les asymétries; vraiment?'
    >>> format_percent(0.37, "fr")
    '37\xa0%'
    >>> format_decimal(-0.25, "fr", signed=True)
    '-0,25'
"""

from __future__ import annotations

import functools
import re
from typing import Final, Literal

import attrs

from partnership_model.exceptions import VocabularyError

__all__ = [
    "LANGUAGES",
    "LANGUAGE_TAGS",
    "REGIONAL_TAGS",
    "BaseLang",
    "Lang",
    "Locale",
    "check_lang",
    "format_decimal",
    "format_integer",
    "format_percent",
    "locale",
    "typeset",
]

Lang = Literal["en", "fr", "fr-FR", "fr-CA"]
"""A language tag accepted by ``label()``, ``definition()`` and every function
that writes text for people (BCP 47; ``"fr"`` follows France's usage)."""

BaseLang = Literal["en", "fr"]
"""A language every term is written in; regional tags fall back to these."""

LANGUAGES: Final[tuple[BaseLang, ...]] = ("en", "fr")
"""The languages every label and definition exists in."""

LANGUAGE_TAGS: Final[tuple[Lang, ...]] = ("en", "fr", "fr-FR", "fr-CA")
"""Every accepted language tag, in canonical spelling."""

REGIONAL_TAGS: Final[tuple[Lang, ...]] = ("fr-CA",)
"""The tags whose wording may differ from their language's (``"fr"`` is France's)."""

NBSP: Final = "\u00a0"
"""No-break space: before ``:`` and ``%`` and inside « » in French."""

NNBSP: Final = "\u202f"
"""Narrow no-break space: before ``;``, ``?`` and ``!`` in France's French."""


@attrs.frozen
class Locale:
    """A normalised language tag.

    Attributes:
        tag: The canonical BCP 47 tag (``"en"``, ``"fr"``, ``"fr-FR"``, ``"fr-CA"``).
        language: The language the text is written in (``"en"`` or ``"fr"``).
        region: The region subtag, or ``None`` when the tag names none.
    """

    tag: Lang
    language: BaseLang
    region: str | None

    @property
    def lookup_tags(self) -> tuple[str, ...]:
        """Tags to look text up by, most specific first (:rfc:`4647` lookup)."""
        return (self.tag, self.language) if self.tag != self.language else (self.tag,)

    @property
    def quebec(self) -> bool:
        """Whether Québec typography applies."""
        return self.language == "fr" and self.region == "CA"


_LOCALES: Final[dict[str, Locale]] = {
    "en": Locale("en", "en", None),
    "fr": Locale("fr", "fr", None),
    "fr-fr": Locale("fr-FR", "fr", "FR"),
    "fr-ca": Locale("fr-CA", "fr", "CA"),
}


def locale(lang: object) -> Locale:
    """Return the :class:`Locale` of the tag *lang*.

    Raises:
        VocabularyError: *lang* is not one of :data:`LANGUAGE_TAGS` (case and
            ``_`` versus ``-`` aside).

    Examples:
        >>> locale("FR-fr").tag, locale("fr").region
        ('fr-FR', None)
    """
    if isinstance(lang, str):
        found = _LOCALES.get(lang.replace("_", "-").lower())
        if found is not None:
            return found
    raise VocabularyError(lang, "language", LANGUAGE_TAGS)


def check_lang(lang: object) -> BaseLang:
    """Return the language (``"en"`` or ``"fr"``) of the tag *lang*, else raise.

    Raises:
        VocabularyError: *lang* is not an accepted language tag.

    Examples:
        >>> check_lang("fr-CA")
        'fr'
    """
    return locale(lang).language


# -- typography -------------------------------------------------------------------------

# Any run of spaces (plain, no-break or narrow) that typesetting may rewrite.
_SPACES = "[ \t\u00a0\u202f]*"
# What may follow a punctuation mark that takes a space before it in French: the
# end, a space, closing brackets and quotes, or other punctuation.
_AFTER = r"(?=$|[\s)\]}»”\"'’.,…;:!?])"
_COLON = re.compile(rf"(?<=[^\s:;!?]){_SPACES}:{_AFTER}")
_HIGH = re.compile(rf"(?<=[^\s:;!?]){_SPACES}([;!?]){_AFTER}")
_PERCENT = re.compile(rf"(?<=\d){_SPACES}%")
_OPEN_QUOTE = re.compile(rf"«{_SPACES}")
_CLOSE_QUOTE = re.compile(rf"{_SPACES}»")


@functools.lru_cache(maxsize=8192)
def _typeset_french(text: str, *, quebec: bool) -> str:
    text = _COLON.sub(f"{NBSP}:", text)
    text = _HIGH.sub(r"\1" if quebec else rf"{NNBSP}\1", text)
    text = _PERCENT.sub(f"{NBSP}%", text)
    text = _OPEN_QUOTE.sub(f"«{NBSP}", text)
    return _CLOSE_QUOTE.sub(f"{NBSP}»", text)


def typeset(text: str, lang: Lang = "en") -> str:
    r"""Set *text* in the typography of *lang*.

    English text is returned unchanged. French text gets its no-break spaces
    (see the module docstring); the spaces typed before the marks, if any, are
    replaced, so typesetting twice changes nothing. A mark that is not followed
    by a space, the end or closing punctuation (``https://``, ``10:30``,
    ``!=``) is left alone.

    Raises:
        VocabularyError: *lang* is not an accepted language tag.

    Examples:
        >>> typeset("« Partenariat »", "fr")
        '«\xa0Partenariat\xa0»'
        >>> typeset("see https://example.org: 10:30", "fr")
        'see https://example.org\xa0: 10:30'
        >>> typeset("Why: this?", "en")
        'Why: this?'
    """
    where = locale(lang)
    if where.language != "fr":
        return text
    return _typeset_french(text, quebec=where.quebec)


# -- numbers ----------------------------------------------------------------------------


def _group(digits: str, separator: str) -> str:
    """Insert *separator* between groups of three digits, from the right."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def format_integer(value: int, lang: Lang = "en") -> str:
    r"""Format an integer: plain in English, thousands grouped in French.

    Examples:
        >>> format_integer(4578, "en"), format_integer(4578, "fr")
        ('4578', '4\u202f578')
        >>> format_integer(-979, "fr")
        '-979'
    """
    text = str(value)
    if check_lang(lang) == "en":
        return text
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    return sign + _group(digits, NNBSP)


def format_decimal(
    value: float, lang: Lang = "en", *, digits: int = 2, signed: bool = False
) -> str:
    r"""Format a real number with *digits* decimals (decimal comma in French).

    Examples:
        >>> format_decimal(0.256, "en", signed=True), format_decimal(0.256, "fr")
        ('+0.26', '0,26')
        >>> format_decimal(12345.5, "fr", digits=1)
        '12\u202f345,5'
    """
    text = f"{value:{'+' if signed else ''}.{digits}f}"
    if check_lang(lang) == "en":
        return text
    sign = text[0] if text[0] in "+-" else ""
    whole, _, fraction = text[len(sign) :].partition(".")
    grouped = _group(whole, NNBSP)
    return sign + grouped + ("," + fraction if fraction else "")


def format_percent(fraction: float, lang: Lang = "en", *, digits: int = 0) -> str:
    r"""Format a fraction (``0.37``) as a percentage (``"37%"``, ``"37 %"`` in French).

    Examples:
        >>> format_percent(0.375, "en", digits=1), format_percent(0.375, "fr-CA", digits=1)
        ('37.5%', '37,5\xa0%')
    """
    number = format_decimal(fraction * 100, lang, digits=digits)
    return number + ("%" if check_lang(lang) == "en" else f"{NBSP}%")
