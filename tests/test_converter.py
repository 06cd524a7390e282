"""Tests of the private converter's JSON writer (issue 13: one JSON writer, in time)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from partnership_model import (
    Engagement,
    Register,
    _converter,
    from_json,
    strategies as pms,
    to_dict,
    to_json,
)
from partnership_model.examples import load_register


def dumps(data: Any, indent: int | None) -> str:
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


@settings(max_examples=60)
@given(pms.registers(), st.sampled_from([None, 0, 1, 2, 4]))
def test_the_text_of_a_register_is_json_dumps_of_its_data(
    register: Register, indent: int | None
) -> None:
    """Written a chunk of records at a time, the text is still json.dumps of to_dict."""
    text = to_json(register, indent=indent)
    assert text == dumps(to_dict(register), indent)
    assert from_json(text, Register) == register


@given(pms.engagements(), st.sampled_from([None, 2]))
def test_the_text_of_a_record_is_json_dumps_of_its_data(
    engagement: Engagement, indent: int | None
) -> None:
    assert to_json(engagement, indent=indent) == dumps(to_dict(engagement), indent)


@pytest.mark.parametrize("indent", [None, 2])
def test_arrays_longer_than_a_chunk_are_written_whole(
    monkeypatch: pytest.MonkeyPatch, indent: int | None
) -> None:
    """Several chunks, a partial last one, and a chunk of one record."""
    register = load_register()
    expected = dumps(to_dict(register), indent)
    for chunk in (1, 2, 3, len(register.engagements) + 1):
        monkeypatch.setattr(_converter, "_CHUNK", chunk)
        assert to_json(register, indent=indent) == expected, chunk


def test_an_empty_register_and_an_envelope() -> None:
    text = _converter.json_text(Register(), envelope={"schema_version": "1.1"})
    assert json.loads(text) == {"schema_version": "1.1"}
    assert to_json(Register(), indent=2) == dumps(to_dict(Register()), 2)
