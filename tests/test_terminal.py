"""Tests of printing what came from a file (``_terminal``, issue 14)."""

from __future__ import annotations

import doctest
import io
import sys
import unicodedata

from hypothesis import given, strategies as st

from partnership_model import _terminal
from partnership_model._terminal import printable, tolerant_output

HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def inert(text: str) -> bool:
    """Whether *text* holds no character a terminal acts on, line feeds aside."""
    return not any(
        unicodedata.category(char) in HIDDEN for char in text.replace("\n", "")
    )


def test_the_examples() -> None:
    assert doctest.testmod(_terminal).failed == 0


@given(st.text())
def test_printable_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = printable(text)
    assert inert(shown)
    assert "\n" not in shown
    shown.encode("utf-8")  # lone surrogates escaped: always encodable
    if inert(text) and "\n" not in text:
        assert shown == text  # ordinary text, French spaces and emoji, untouched


def test_printable_escapes_what_the_issue_lists() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("l1\nl2\rl3") == "l1\\x0al2\\x0dl3"
    assert printable("\x85\x9b") == "\\x85\\x9b"  # C1 controls (NEL, CSI)
    assert printable("\u202eabc\u2066\u200f") == "\\u202eabc\\u2066\\u200f"
    assert printable("p1\u200b\ufeff\u2060") == "p1\\u200b\\ufeff\\u2060"
    assert printable("\ud800") == "\\ud800"
    assert printable("\U000e0041") == "\\U000e0041"  # a tag character (format)
    assert printable("Côté 🌱 : 37\u202f%\xa0!") == "Côté 🌱 : 37\u202f%\xa0!"


def test_tolerant_output_restores_the_streams() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    saved = sys.stdout
    sys.stdout = stream
    try:
        with tolerant_output():
            sys.stdout.write("ễ 🌱\n")
            assert stream.errors == "backslashreplace"
        assert stream.errors == "strict"
    finally:
        sys.stdout = saved
    stream.flush()
    assert raw.getvalue() == b"\\u1ec5 \\U0001f331\n"
