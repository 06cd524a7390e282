"""A hypothesis generator of JSON instances driven by a JSON Schema alone.

It understands exactly the keywords our generated schemas use, and nothing about
our Python classes, so that "every document valid under the schema loads" is
tested against the schema itself. (hypothesis-jsonschema 0.23 no longer runs on
current hypothesis releases.)
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

JSON = Any
_MAX_ITEMS = 4
_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[JSON]:
    """Instances valid under *schema* (whose ``$ref`` point into its ``$defs``)."""
    defs: dict[str, Any] = schema.get("$defs", {})
    cache: dict[str, st.SearchStrategy[JSON]] = {}

    def resolve(ref: str) -> st.SearchStrategy[JSON]:
        name = ref.removeprefix("#/$defs/")
        if name not in cache:
            cache[name] = st.deferred(lambda: build(defs[name]))
        return cache[name]

    def build(node: dict[str, Any]) -> st.SearchStrategy[JSON]:
        if "$ref" in node:
            return resolve(node["$ref"])
        if "allOf" in node:
            (only,) = node["allOf"]
            return build(only)
        if "anyOf" in node:
            # An option inherits the keywords beside anyOf (its type, say).
            shared = {k: v for k, v in node.items() if k in ("type", "format")}
            return st.one_of([build({**shared, **option}) for option in node["anyOf"]])
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if kind == "null":
            return st.none()
        if kind == "boolean":
            return st.booleans()
        if kind == "integer":
            return st.integers(
                min_value=node.get("minimum"), max_value=node.get("maximum")
            )
        if kind == "string":
            return string(node)
        if kind == "array":
            return array(node)
        if kind == "object":
            return obj(node)
        msg = f"unsupported schema node: {node}"
        raise NotImplementedError(msg)

    def string(node: dict[str, Any]) -> st.SearchStrategy[str]:
        if node.get("format") == "date" and node.get("minLength", 10) == 10:
            return st.dates().map(lambda d: d.isoformat())
        pattern = node.get("pattern")
        if pattern is None:
            strategy = st.text()
        elif node.get("minLength") == node.get("maxLength") is not None:
            # A pattern anchored at the start of a string of fixed length.
            strategy = st.from_regex(pattern, fullmatch=True)
        else:
            strategy = st.from_regex(pattern)
        high = min(node.get("maxLength", 10**9), 300)
        return strategy.filter(lambda s: len(s) <= high and string_matches(node, s))

    def array(node: dict[str, Any]) -> st.SearchStrategy[list[JSON]]:
        items = build(node["items"]) if "items" in node else _SCALARS
        low = node.get("minItems", 0)
        high = node.get("maxItems", max(low, _MAX_ITEMS))
        return st.lists(
            items, min_size=low, max_size=high, unique=node.get("uniqueItems", False)
        )

    def obj(node: dict[str, Any]) -> st.SearchStrategy[dict[str, JSON]]:
        properties: dict[str, Any] = node.get("properties", {})
        required = set(node.get("required", []))
        fixed = {
            key: build(value) for key, value in properties.items() if key in required
        }
        optional = {
            key: build(value)
            for key, value in properties.items()
            if key not in required
        }
        return st.fixed_dictionaries(fixed, optional=optional)

    return build(schema)


def string_matches(node: dict[str, Any], value: str) -> bool:
    """Whether the string *value* satisfies the string keywords of *node*.

    Patterns are searched for, as JSON Schema says (not matched in full).
    """
    if not node.get("minLength", 0) <= len(value) <= node.get("maxLength", len(value)):
        return False
    if "pattern" in node and re.search(node["pattern"], value) is None:
        return False
    if "anyOf" in node and not any(string_matches(o, value) for o in node["anyOf"]):
        return False
    return "not" not in node or not string_matches(node["not"], value)
