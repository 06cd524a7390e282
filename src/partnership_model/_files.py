"""Writing files atomically: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, content: bytes, *, overwrite: bool) -> None:
    """Write *content* to *path* through a temporary file in the same folder.

    The temporary file is renamed over *path* (:func:`os.replace`) once
    written and flushed to disk, so a reader sees the old file or the new one,
    never half of one. An existing file keeps its permissions.

    Raises:
        FileExistsError: *path* exists and *overwrite* is false.
    """
    if path.exists() and not overwrite:
        msg = f"{path} exists; pass --force (overwrite=True) to replace it"
        raise FileExistsError(msg)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
