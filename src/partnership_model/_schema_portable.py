"""Private helpers of :mod:`partnership_model.schema` that keep the schemas portable.

Two concerns, both about what other validators accept:

* patterns that mean the same thing in Python's ``re``, ECMA-262 and Rust's
  regex crates;
* annotations in one language per schema, with standard keywords only (strict
  validators such as Ajv refuse unknown keywords), from the internal form the
  generator writes.
"""

from __future__ import annotations

from typing import Any

from partnership_model._enums import Lang
from partnership_model._validators import FORBIDDEN_IN_IDENTIFIERS, WHITESPACE

# ---------------------------------------------------------------------------
# Portable patterns
# ---------------------------------------------------------------------------

# Every pattern means the same thing in Python's ``re`` (the jsonschema package),
# in ECMA-262 with the ``u`` flag (Ajv) and in Rust's regex crate (jsonschema-rs);
# tests/test_schema_portability.py checks it on probe strings in all three:
#
# * classes are spelled out with ``\uXXXX`` escapes, never ``\s``, ``\d``,
#   ``\w`` or ``\p{...}``, whose members differ between the engines (and which
#   Python's engine lacks); a character outside the Basic Multilingual Plane has
#   no escape all three read (``\U0001D173`` in Python and Rust, ``\u{1D173}``
#   in ECMA-262), so it is written as itself: Ajv compiles patterns with the
#   ``u`` flag, under which ECMA-262 reads it as one character, as the others do;
# * ``^`` only starts a pattern (no engine here is in multi-line mode);
# * ``$`` only follows a class that holds ``\n``: Python's ``$`` also matches
#   before a final newline, which changes nothing when that newline matches the
#   class itself; elsewhere the length bounds pin the end of the string;
# * no surrogate code point: the Rust engine cannot name one, and many validators
#   cannot receive one, so the lone-surrogate rule stays with the loader;
# * no look-around and no back-reference (the Rust engine has neither).


def ranges_class(ranges: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    r"""The body of a regex class of code point *ranges*.

    ``\uXXXX`` escapes in the Basic Multilingual Plane, the characters
    themselves above it; consecutive ranges are merged.
    """
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])

    def one(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)

    return "".join(
        one(low) if low == high else f"{one(low)}-{one(high)}" for low, high in merged
    )


def character_class(chars: str) -> str:
    r"""The body of a regex class of *chars*: ``\uXXXX`` escapes, runs as ranges."""
    return ranges_class([(ord(c), ord(c)) for c in chars])


# What str.isspace() calls whitespace (ECMA-262's \s differs: it lacks U+001C to
# U+001F and U+0085 and adds U+FEFF).
WHITESPACE_CLASS = character_class(WHITESPACE)
# What an identifier may not hold: the control characters (C0, DEL, C1) and the
# format characters (Unicode category Cf).
FORBIDDEN_CLASS = ranges_class(FORBIDDEN_IN_IDENTIFIERS)
# A year from 0001 (ajv-formats takes year 0000, Python refuses it), a month
# from 01 to 12 and a day from 01 to 31; each date pattern is the start of a
# string whose length the schema pins.
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01])"
YEAR_PATTERN = f"^{_YEAR}"
MONTH_PATTERN = f"^{_YEAR}-{_MONTH}"
DATE_PATTERN = f"^{_YEAR}-{_MONTH}-{_DAY}"


# ---------------------------------------------------------------------------
# Annotations per language
# ---------------------------------------------------------------------------

# Internally, generation writes the English annotations as plain keywords and
# their translations as "x-title-fr" and "x-description-fr", with
# "x-proposed-labels" naming the languages whose label is this library's own
# translation. localised turns that into one schema per language in which
# every keyword is standard: strict validators such as Ajv refuse unknown ones.

SCHEMA_MAPS = frozenset({"properties", "$defs"})
SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf"})
SCHEMA_VALUES = frozenset({"items", "not", "additionalProperties"})

PROPOSED_LABEL: dict[str, str] = {
    "en": (
        "The English label is this library's translation: the sources name this "
        "term in French only."
    ),
    "fr": (
        "Le libellé français est une traduction de cette bibliothèque\u00a0: les "
        "sources ne nomment ce terme qu'en anglais."
    ),
}

TWIN: dict[str, str] = {
    "en": (
        "Annotations in English. The twin schema {twin} has the same validation "
        "keywords, with the French labels and definitions."
    ),
    "fr": (
        "Annotations en français. Le schéma jumeau {twin} a les mêmes mots-clés "
        "de validation, avec les annotations en anglais, dont les descriptions des "
        "enregistrements et de leurs champs, omises ici faute de traduction."
    ),
}


def localised(node: Any, language: Lang) -> Any:
    """The schema *node*, of the internal form, annotated in *language* only."""
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-"):
            continue
        if key in ("title", "description") and language != "en":
            translated = node.get(f"x-{key}-{language}")
            if translated is not None:
                result[key] = translated
            elif key == "title":  # the name of a type, the same in every language
                result[key] = value
        elif key in SCHEMA_MAPS:
            result[key] = {
                name: localised(sub, language) for name, sub in value.items()
            }
        elif key in SCHEMA_LISTS:
            result[key] = [localised(sub, language) for sub in value]
        elif key in SCHEMA_VALUES:
            result[key] = localised(value, language)
        else:
            result[key] = value
    if language in node.get("x-proposed-labels", ()):
        result["$comment"] = PROPOSED_LABEL[language]
    return result
