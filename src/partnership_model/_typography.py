"""Private helper: French typography of the spaces around punctuation.

French output of this library sets a no-break space (U+00A0) before ``:``
and inside ``« »``, and a narrow no-break space (U+202F) before ``;``, ``?``
and ``!`` (the project's house convention for French typography).

:func:`french` normalises the spaces that are already there: a plain or
no-break space before those signs becomes the right one, and a guillemet gets
its no-break space. It never adds a space where there was none, so ``10:30``,
``https://`` or ``$.items`` are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
"""No-break space: before ``:`` and inside ``« »``."""

NNBSP = "\u202f"
"""Narrow no-break space: before ``;``, ``?`` and ``!``."""

_SPACES = "[ \u00a0\u202f]"
_BEFORE_COLON = re.compile(f"{_SPACES}+:")
_BEFORE_TALL = re.compile(f"{_SPACES}+([;?!])")
_AFTER_OPENING = re.compile(f"«{_SPACES}*")
_BEFORE_CLOSING = re.compile(f"{_SPACES}*»")


def french(text: str) -> str:
    r"""Return *text* with French spacing before ``: ; ? !`` and inside ``« »``.

    Examples:
        >>> french("Degré « Partenariat » : voir ; vraiment ?").split(" ")
        ['Degré', '«\xa0Partenariat\xa0»\xa0:', 'voir\u202f;', 'vraiment\u202f?']
        >>> french("https://doi.org à 10:30")
        'https://doi.org à 10:30'
    """
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_TALL.sub(NNBSP + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def is_french(text: str) -> bool:
    """Whether *text* already follows :func:`french` (a check for tests and data)."""
    return french(text) == text
