r"""Printing to a terminal what came from a file, safely (issue 14).

Keys, identifiers and file names in the command line's messages come from
the files it reads, and a file can be crafted. :func:`printable` escapes the
characters that would act on a terminal or on how a line reads instead of
being shown: C0 and C1 control characters (an ``ESC`` starts an escape
sequence; a line feed or carriage return forges a line), format characters
(bidirectional overrides, zero-width spaces, the byte order mark), line and
paragraph separators, and lone surrogates (which no encoding can print). Each
one is written as its Python escape (``\x1b``, ``\u202e``, ``\ud800``), so
that the reader sees it was there. Letters, marks, symbols, emoji and spaces,
the no-break spaces of French typography included, are left as they are.

:func:`tolerant_output` keeps a standard output that cannot encode a
character (a Windows console in cp1252, ``PYTHONIOENCODING=ascii``) from
failing on it: the character is written as a backslash escape instead.

Examples:
    >>> printable("$.people[0].\x1b[2Jid\u202e\ud800")
    '$.people[0].\\x1b[2Jid\\u202e\\ud800'
    >>> printable("p1\u200b : Côté 🌱\u00a0!")
    'p1\\u200b : Côté 🌱\xa0!'
"""

from __future__ import annotations

import contextlib
import io
import sys
import unicodedata
from collections.abc import Iterator
from typing import Final

__all__ = ["printable", "tolerant_output"]

_HIDDEN: Final = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Unicode categories escaped: controls, format, surrogates, line and paragraph separators."""


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """*text* with every control, format and surrogate character escaped.

    The result holds no character that a terminal acts on, no line break and
    nothing that cannot be encoded, so it prints as one inert line.
    """
    if text.isprintable():  # the common case; spaces and no-break spaces pass
        return text
    return "".join(
        _escape(char) if unicodedata.category(char) in _HIDDEN else char
        for char in text
    )


@contextlib.contextmanager
def tolerant_output() -> Iterator[None]:
    r"""Write characters the standard streams cannot encode as backslash escapes.

    Inside the block, :data:`sys.stdout` and :data:`sys.stderr` keep their
    encoding but escape what it cannot hold (``ễ`` becomes ``\u1ec5`` in
    cp1252) instead of raising :class:`UnicodeEncodeError`; their error
    handlers are restored at the end. Streams that cannot be reconfigured
    (replaced by a test harness) are left alone.
    """
    previous: list[tuple[io.TextIOWrapper, str | None]] = []
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != "backslashreplace":
            with contextlib.suppress(ValueError, OSError):
                errors = stream.errors
                stream.reconfigure(errors="backslashreplace")
                previous.append((stream, errors))
    try:
        yield
    finally:
        for stream, errors in previous:
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=errors)
