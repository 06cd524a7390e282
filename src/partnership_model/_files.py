r"""Reading and writing files without ever losing data (issues 14 and 16).

Every file the command line writes goes through this module, and so does
every file the vocabulary spreadsheet import writes; the library's other
writers that take a path are meant to (``write_json``, the exchange writers,
``write_schemas``):

* **Atomic writes.** The content goes to a temporary file in the target's own
  folder, which is flushed and synced to disk, then renamed over the target
  (:func:`os.replace`). A reader sees the old file or the new one, never half
  of one; if writing fails (a full disk, a writer that raises), the temporary
  file is removed and the target is left as it was. A replaced file keeps its
  permissions.
* **No silent overwrite.** An existing target is refused
  (:class:`~partnership_model.exceptions.OutputExistsError`, code
  ``output_exists``) unless *overwrite* is true (the command line's
  ``--force``).
* **Never over an input.** A target that is one of the files being read, or
  resolves to one (a symbolic or hard link, a ``..`` path, another case of
  the name on a case-insensitive file system: :func:`os.path.samefile`
  compares the files themselves), is always refused (code
  ``output_is_input``), *overwrite* or not.
* **Several files, checked together.** :func:`open_outputs` checks every
  target before writing any, and renames them into place only once all are
  written (a CSV export's ``actors.csv`` and ``relations.csv``).

Reading goes through :func:`read_capped`, which refuses a file larger than a
cap (:data:`DEFAULT_MAX_SIZE` unless the environment variable
:data:`MAX_SIZE_VARIABLE` or the caller says otherwise) with a located
problem (code ``too_large``) instead of exhausting the memory (``validate
/dev/zero``).

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", "first\n", overwrite=False)
    >>> write_atomically(folder / "a.txt", "second\n", overwrite=False)
    Traceback (most recent call last):
    ...
    partnership_model.exceptions.OutputExistsError: ...a.txt exists; pass --force (overwrite=True) to replace it
    >>> read_capped(folder / "a.txt", limit=4)
    Traceback (most recent call last):
    ...
    partnership_model.exceptions.ValidationError: 1 problem:
      ...a.txt: the file is larger than 4 bytes, the most that is read; ...
    >>> read_capped(folder / "a.txt")
    b'first\n'
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Final

from partnership_model._messages import problem
from partnership_model.exceptions import (
    InvalidRecordError,
    OutputExistsError,
    ValidationError,
)

__all__ = [
    "DEFAULT_MAX_SIZE",
    "MAX_SIZE_VARIABLE",
    "check_outputs",
    "max_size",
    "open_output",
    "open_outputs",
    "output_path",
    "output_paths",
    "parse_size",
    "read_capped",
    "same_file",
    "text_stream",
    "write_atomically",
]

PathLike = str | os.PathLike[str]

DEFAULT_MAX_SIZE: Final = 64 * 1024 * 1024
"""The largest file read when nothing else is said: 64 MiB (67,108,864 bytes)."""

MAX_SIZE_VARIABLE: Final = "PARTNERSHIP_MODEL_MAX_SIZE"
"""Environment variable that sets the cap on reads (a size; ``0``: no cap)."""


# ---------------------------------------------------------------------------
# Which outputs may be written
# ---------------------------------------------------------------------------


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether *a* and *b* name the same file.

    Both existing: :func:`os.path.samefile` decides, which sees through
    symbolic links, hard links, ``..`` and the case of names on file systems
    that ignore it. Otherwise the fully resolved paths are compared.

    Examples:
        >>> same_file("x/../register.json", "register.json")
        True
    """
    with contextlib.suppress(OSError, ValueError):
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(
        os.path.realpath(b)
    )


def check_outputs(
    paths: Iterable[PathLike], *, overwrite: bool, inputs: Iterable[PathLike] = ()
) -> None:
    """Refuse, before anything is written, an output that would lose data.

    Raises:
        OutputExistsError: An output is one of *inputs* (code
            ``output_is_input``, whatever *overwrite*), or exists and
            *overwrite* is false (code ``output_exists``).
        IsADirectoryError: An output is a folder.
    """
    sources = [Path(source) for source in inputs]
    for path in map(Path, paths):
        for source in sources:
            if same_file(path, source):
                raise OutputExistsError(path, source=source)
        if path.is_dir():
            raise IsADirectoryError(
                0, "a folder is in the way of the output", str(path)
            )
        if not overwrite and (path.exists() or path.is_symlink()):
            raise OutputExistsError(path)


# ---------------------------------------------------------------------------
# Atomic writes
# ---------------------------------------------------------------------------


def _temporary_name(path: Path) -> Path:
    """A fresh name next to *path*, hidden, keeping its suffix (``.a.3f9c0e.tmp.png``)."""
    return path.with_name(f".{path.stem}.{secrets.token_hex(6)}.tmp{path.suffix}")


def _reserve(path: Path) -> Path:
    """Create an empty temporary file next to *path*; errors name *path*, not it."""
    temporary = _temporary_name(path)
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise type(error)(error.errno, error.strerror, str(path)) from None
    return temporary


def _sync(path: Path) -> None:
    """Flush the content of the file *path* to the disk."""
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable, where the system allows it (POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def output_paths(
    paths: Iterable[PathLike],
    *,
    overwrite: bool,
    inputs: Iterable[PathLike] = (),
) -> Iterator[list[Path]]:
    """Temporary paths that become the files *paths* when the block ends well.

    Every target is checked (:func:`check_outputs`) before anything is
    written. Each temporary file is created empty next to its target and
    keeps its suffix, so that a writer choosing the format by the suffix
    (matplotlib's ``savefig``) chooses the same one. At the end of the
    ``with`` block the files are synced to disk and renamed over the targets,
    which keep their permissions; if the block raises, the temporary files are
    removed and every target is left as it was.

    Raises:
        OutputExistsError: As :func:`check_outputs`.
        IsADirectoryError: A target is a folder.
        OSError: A file cannot be written (the error names its target).
    """
    targets = [Path(path) for path in paths]
    if len({os.path.normcase(os.path.abspath(t)) for t in targets}) != len(targets):
        msg = "the same output file is named twice"
        raise ValueError(msg)
    check_outputs(targets, overwrite=overwrite, inputs=inputs)
    temporaries: list[Path] = []
    try:
        temporaries.extend(_reserve(target) for target in targets)
        try:
            yield temporaries
        except OSError as error:
            if error.filename is not None or error.errno is None:
                raise
            # A writer's error (a full disk) names no file: name the output.
            where = ", ".join(str(target) for target in targets)
            raise type(error)(error.errno, error.strerror, where) from error
        for temporary in temporaries:
            _sync(temporary)
        # Checked again just before the renames: a file may have appeared meanwhile.
        check_outputs(targets, overwrite=overwrite)
        for temporary, target in zip(temporaries, targets, strict=True):
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            os.replace(temporary, target)
        for folder in {target.parent for target in targets}:
            _sync_folder(folder)
    finally:
        for temporary in temporaries:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def output_path(
    path: PathLike, *, overwrite: bool, inputs: Iterable[PathLike] = ()
) -> Iterator[Path]:
    """A temporary path that becomes *path*: :func:`output_paths` of one file."""
    with output_paths([path], overwrite=overwrite, inputs=inputs) as (temporary,):
        yield temporary


@contextlib.contextmanager
def open_outputs(
    paths: Iterable[PathLike],
    *,
    overwrite: bool,
    inputs: Iterable[PathLike] = (),
) -> Iterator[list[IO[bytes]]]:
    r"""Binary streams that become the files *paths* when the block ends well.

    The checks and guarantees are those of :func:`output_paths`: nothing is
    written if a target is refused, and a block that raises leaves every
    target as it was.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> targets = [folder / "actors.csv", folder / "relations.csv"]
        >>> with open_outputs(targets, overwrite=False) as (actors, relations):
        ...     _ = actors.write(b"id\n")
        ...     _ = relations.write(b"source,target\n")
        >>> sorted(p.name for p in folder.iterdir())
        ['actors.csv', 'relations.csv']

    Raises:
        OutputExistsError: As :func:`check_outputs`.
        OSError: A file cannot be written (the error names its target).
    """
    with (
        output_paths(paths, overwrite=overwrite, inputs=inputs) as temporaries,
        contextlib.ExitStack() as stack,
    ):
        streams: list[IO[bytes]] = [
            stack.enter_context(temporary.open("wb")) for temporary in temporaries
        ]
        yield streams


@contextlib.contextmanager
def open_output(
    path: PathLike, *, overwrite: bool, inputs: Iterable[PathLike] = ()
) -> Iterator[IO[bytes]]:
    """A binary stream that becomes the file *path*: :func:`open_outputs` of one file."""
    with open_outputs([path], overwrite=overwrite, inputs=inputs) as (stream,):
        yield stream


@contextlib.contextmanager
def text_stream(stream: IO[bytes]) -> Iterator[IO[str]]:
    """A UTF-8 text view of a binary *stream*, without newline translation.

    The text is flushed into *stream* when the block ends; *stream* stays open.
    """
    wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def write_atomically(
    path: PathLike,
    content: bytes | str,
    *,
    overwrite: bool,
    inputs: Iterable[PathLike] = (),
) -> None:
    """Write *content* (text is written as UTF-8) to *path*, atomically.

    Raises:
        OutputExistsError: As :func:`check_outputs`.
        IsADirectoryError: *path* is a folder.
        OSError: The file cannot be written; *path* is left as it was.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open_output(path, overwrite=overwrite, inputs=inputs) as stream:
        stream.write(data)


# ---------------------------------------------------------------------------
# Capped reads
# ---------------------------------------------------------------------------

_SIZE: Final = re.compile(
    r"\s*(\d+)\s*(?:([kmg])(?:i?b)?|b)?\s*", re.ASCII | re.IGNORECASE
)
_UNITS: Final = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_NOT_A_SIZE: Final = "not a size (bytes, or a number followed by k, M or G)"


def parse_size(text: str) -> int:
    """Read a size: bytes, or with a suffix ``k``, ``M``, ``G`` (powers of 1024).

    ``0`` means no cap.

    Examples:
        >>> parse_size("64M"), parse_size("512 KiB"), parse_size("1000")
        (67108864, 524288, 1000)

    Raises:
        ValueError: *text* is not a size.
    """
    found = _SIZE.fullmatch(text)
    if found is None:
        msg = f"{text!r} is {_NOT_A_SIZE}"
        raise ValueError(msg)
    return int(found[1]) * _UNITS[(found[2] or "").lower()]


def max_size(value: str | None = None) -> int:
    """The cap on reads: *value* if given, else :data:`MAX_SIZE_VARIABLE`, else the default.

    Raises:
        InvalidRecordError: The value (or the environment variable) is not a
            size (code ``invalid_size``).
    """
    where = "max_size"
    if value is None:
        value = os.environ.get(MAX_SIZE_VARIABLE)
        where = MAX_SIZE_VARIABLE
    if value is None or not value.strip():
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(value)
    except ValueError:
        raise InvalidRecordError(
            where, value, _NOT_A_SIZE, code="invalid_size"
        ) from None


def read_capped(path: PathLike, *, limit: int | None = None) -> bytes:
    """The bytes of the file *path*, refused past *limit* bytes.

    Args:
        path: The file.
        limit: The largest size read, in bytes; ``0``: no cap; ``None``
            (default): :func:`max_size`.

    Raises:
        ValidationError: The file cannot be read (code ``io``) or is larger
            than *limit* (code ``too_large``); the problem's path is the file.
        InvalidRecordError: *limit* is ``None`` and :data:`MAX_SIZE_VARIABLE`
            is not a size.
    """
    file = Path(path)
    cap = max_size() if limit is None else limit
    try:
        with file.open("rb") as stream:
            if cap <= 0:
                return stream.read()
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > cap:
                raise _too_large(file, cap)
            # Devices and pipes have no size: read one byte past the cap.
            content = stream.read(cap + 1)
    except OSError as error:
        raise ValidationError(
            [problem(str(file), "io", reason=str(error.strerror or error))]
        ) from None
    except MemoryError:
        raise ValidationError(
            [problem(str(file), "io", reason="not enough memory to read it")]
        ) from None
    if len(content) > cap:
        raise _too_large(file, cap)
    return content


def _too_large(file: Path, cap: int) -> ValidationError:
    return ValidationError(
        [problem(str(file), "too_large", limit=cap, variable=MAX_SIZE_VARIABLE)]
    )
