"""Share registers and ecologies without exposing the people in them.

Registers of patient partners hold personal data about people living with
illness. :func:`pseudonymize` replaces every person identifier and display name
with a stable keyed pseudonym (HMAC-SHA-256), drops the free-text fields that
may identify people unless asked to keep them, and keeps every structural fact
(roles, spheres, levels, degrees, domains, dates, relations), so that matrices,
metrics and assessment findings are the same before and after.

* The same key always gives the same pseudonyms, so pseudonymised exports made
  at different times can be linked; another key gives unrelated pseudonyms.
* The key must stay secret: identifiers are often guessable (``p1``, ``p2``...)
  and anyone with the key can recompute their pseudonyms. Keys shorter than
  16 bytes are refused.
* Engagement and organisation identifiers and names are kept: they describe
  activities and institutions, not people. Dropped unless ``keep_text=True``:
  people's notes, engagement titles (replaced by the engagement id) and
  descriptions, organisation notes. Sources are citations and are kept.

Pseudonymisation is not anonymisation: roles and the pattern of relations may
still single someone out in a small register.

Examples:
    >>> from partnership_model import pseudonymize
    >>> from partnership_model.examples import load_register
    >>> key = b"a secret key of at least 16 bytes"
    >>> shared = pseudonymize(load_register(), key=key)
    >>> shared.people[0].id
    'person-e8dc49a7bab69a1e'
    >>> shared == pseudonymize(load_register(), key=key)
    True
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any, overload

import attrs

from partnership_model._personas import persona_id
from partnership_model.ecology import Actor, EcologyGraph, Relation
from partnership_model.exceptions import InvalidRecordError, RecordTypeError
from partnership_model.records import Participant, Person, Register
from partnership_model.vocabulary import ActorKind

__all__ = [
    "KEY_ENVIRONMENT_VARIABLE",
    "MAX_KEY_FILE_SIZE",
    "MIN_KEY_LENGTH",
    "pseudonym",
    "pseudonymize",
    "read_key",
]


def __dir__() -> list[str]:
    return __all__


MIN_KEY_LENGTH = 16
"""The shortest key :func:`pseudonymize` accepts, in bytes."""

KEY_ENVIRONMENT_VARIABLE = "PARTNERSHIP_MODEL_KEY"
"""The environment variable :func:`read_key` reads when given no file."""

MAX_KEY_FILE_SIZE = 65536
"""The largest key file :func:`read_key` reads, in bytes."""

_PREFIX = "person-"


def _check_key(key: object) -> bytes:
    if not isinstance(key, bytes | bytearray):
        raise RecordTypeError("key", type(key).__name__, "the key must be bytes")
    if len(key) < MIN_KEY_LENGTH:
        # Never put the key itself in an error: report its length only.
        raise InvalidRecordError(
            "key",
            f"{len(key)} bytes",
            f"the key must be at least {MIN_KEY_LENGTH} bytes long",
        )
    return bytes(key)


def read_key(path: str | os.PathLike[str] | None = None) -> bytes:
    r"""The pseudonymisation key, read as the command line reads it.

    The key is bytes, taken exactly as stored, so that the same key gives
    the same pseudonyms whichever way it comes:

    * from the file *path*: every byte of the file, a final line break
      included (an editor that adds one adds it to the key);
    * without *path*, from the environment variable
      :data:`KEY_ENVIRONMENT_VARIABLE`: its bytes as the system holds them
      (``os.environb`` on POSIX, whatever their encoding; on Windows,
      where the environment is text, its UTF-8 encoding).

    ``pseudonymize(register, key=read_key(path))`` and
    ``partnership-model convert --pseudonymize --key-file PATH`` give the same
    pseudonyms, and so do ``pseudonymize(register, key=path.read_bytes())``
    and a variable holding the file's content. A shell's ``"$(cat file)"``
    drops final line breaks: a key meant for both ways is best written without
    one, for instance ``python -c "import secrets; print(secrets.token_hex(32),
    end='')" > key``.

    Raises:
        InvalidRecordError: No *path* and the variable is not set (code
            ``missing_key``); the key is shorter than :data:`MIN_KEY_LENGTH`
            bytes, or the file is larger than :data:`MAX_KEY_FILE_SIZE` bytes;
            the variable cannot be encoded (Windows; code ``key_encoding``).
            The key itself is never part of an error.
        OSError: The file cannot be read.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "key"
        >>> _ = path.write_bytes(b" a key with spaces, ending with a line break\n")
        >>> read_key(path) == path.read_bytes()
        True
    """
    if path is not None:
        with open(path, "rb") as stream:
            key = stream.read(MAX_KEY_FILE_SIZE + 1)
        if len(key) > MAX_KEY_FILE_SIZE:
            raise InvalidRecordError(
                "key",
                "(hidden)",
                f"a key file holds at most {MAX_KEY_FILE_SIZE} bytes",
            )
        return _check_key(key)
    found = _environment_key()
    if found is None:
        raise InvalidRecordError(
            "key",
            None,
            f"no key: set the environment variable {KEY_ENVIRONMENT_VARIABLE} "
            "or give a key file",
            code="missing_key",
        )
    return _check_key(found)


def _environment_key() -> bytes | None:
    """The bytes of the key variable, exactly; ``None`` when it is not set."""
    if os.supports_bytes_environ:
        return os.environb.get(KEY_ENVIRONMENT_VARIABLE.encode("ascii"))
    text = os.environ.get(KEY_ENVIRONMENT_VARIABLE)  # pragma: no cover - Windows
    if text is None:  # pragma: no cover - Windows
        return None
    try:  # pragma: no cover - Windows
        return text.encode("utf-8")
    except UnicodeEncodeError:  # pragma: no cover - Windows
        raise InvalidRecordError(
            "key",
            "(hidden)",
            f"the environment variable {KEY_ENVIRONMENT_VARIABLE} holds text that "
            "is not valid Unicode; use a key file",
            code="key_encoding",
        ) from None


def pseudonym(person_id: str, *, key: bytes) -> str:
    """The stable keyed pseudonym of *person_id*: ``person-`` and 16 hex digits.

    Raises:
        InvalidRecordError: The key is shorter than :data:`MIN_KEY_LENGTH` bytes.
    """
    digest = hmac.new(_check_key(key), person_id.encode("utf-8"), hashlib.sha256)
    return _PREFIX + digest.hexdigest()[:16]


class _Mapper:
    """Pseudonymises ids consistently and checks that no two ids collide."""

    def __init__(self, key: bytes) -> None:
        self.key = _check_key(key)
        self.seen: dict[str, str] = {}
        self.owners: dict[str, str] = {}

    def __call__(self, person_id: str) -> str:
        alias = self.seen.get(person_id)
        if alias is None:
            alias = pseudonym(person_id, key=self.key)
            owner = self.owners.setdefault(alias, person_id)
            if owner != person_id:  # pragma: no cover - a 64-bit collision
                raise InvalidRecordError(
                    "key", "(hidden)", "two ids share a pseudonym; use another key"
                )
            self.seen[person_id] = alias
        return alias


@overload
def pseudonymize(
    target: Register, *, key: bytes, keep_text: bool = False
) -> Register: ...


@overload
def pseudonymize(
    target: EcologyGraph, *, key: bytes, keep_text: bool = False
) -> EcologyGraph: ...


def pseudonymize(
    target: Register | EcologyGraph, *, key: bytes, keep_text: bool = False
) -> Any:
    """Return a copy of a register or ecology graph with people pseudonymised.

    Args:
        target: A :class:`~partnership_model.Register` or an
            :class:`~partnership_model.EcologyGraph`.
        key: The secret HMAC key, at least 16 bytes.
        keep_text: Keep the free-text fields (titles, descriptions, notes)
            instead of dropping them. Check them yourself first.

    Raises:
        RecordTypeError: *target* is neither a register nor an ecology graph, or
            *key* is not bytes.
        InvalidRecordError: The key is too short.
    """
    mapper = _Mapper(key)
    if isinstance(target, Register):
        return _register(target, mapper, keep_text=keep_text)
    if isinstance(target, EcologyGraph):
        return _graph(target, mapper)
    raise RecordTypeError("target", target, "expected a Register or an EcologyGraph")


def _participant(participant: Participant, alias: str) -> Participant:
    return attrs.evolve(
        participant,
        person_id=alias,
        display_name=None if participant.display_name is None else alias,
    )


def _register(register: Register, mapper: _Mapper, *, keep_text: bool) -> Register:
    people = [
        Person(
            id=mapper(person.id),
            display_name=None if person.display_name is None else mapper(person.id),
            note=person.note if keep_text else None,
        )
        for person in register.people
    ]
    organisations = [
        organisation if keep_text else attrs.evolve(organisation, note=None)
        for organisation in register.organisations
    ]
    engagements = []
    for engagement in register.engagements:
        changes: dict[str, Any] = {
            "participants": [
                _participant(p, mapper(p.person_id)) for p in engagement.participants
            ]
        }
        if not keep_text:
            changes["title"] = f"Engagement {engagement.id}"
            changes["description"] = None
        engagements.append(attrs.evolve(engagement, **changes))
    return Register(
        name=register.name,
        people=people,
        organisations=organisations,
        engagements=engagements,
    )


def _actor_alias(actor: Actor, mapper: _Mapper) -> tuple[str, str | None]:
    """New id and person_id of a person actor.

    A persona whose id is the library's own ``<person_id>@<sphere>:<authority>``
    keeps that shape around its person's pseudonym, so the graph matches the
    ecology of the pseudonymised register. Any other id is pseudonymised whole:
    no part of it survives (it may hold a name), and two personas of one
    person keep two distinct ids.
    """
    if actor.person_id is None:
        return mapper(actor.id), None
    alias = mapper(actor.person_id)
    if actor.authority is not None:
        profile = (actor.sphere, actor.authority)
        if actor.id == persona_id(actor.person_id, profile):
            return persona_id(alias, profile), alias
    return mapper(actor.id), alias


def _graph(graph: EcologyGraph, mapper: _Mapper) -> EcologyGraph:
    renamed: dict[str, str] = {}
    actors = []
    for actor in graph.actors():
        if actor.kind is ActorKind.ORGANISATION:
            renamed[actor.id] = actor.id
            actors.append(actor)
            continue
        new_id, person_id = _actor_alias(actor, mapper)
        renamed[actor.id] = new_id
        actors.append(
            attrs.evolve(
                actor,
                id=new_id,
                person_id=person_id,
                label=None if actor.label is None else new_id,
            )
        )
    result = EcologyGraph(policy=graph.policy)
    result.add_actors(actors)
    result.add_relations(
        Relation(
            source=renamed[classified.source],
            target=renamed[classified.target],
            engagement_id=classified.relation.engagement_id,
            degree=classified.relation.degree,
            start=classified.relation.start,
            end=classified.relation.end,
        )
        for classified in graph.relations()
    )
    return result
