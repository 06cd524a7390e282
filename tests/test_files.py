"""Tests of reading and writing files without losing data (``_files``, issue 14)."""

from __future__ import annotations

import doctest
import errno
import os
import stat
from pathlib import Path

import pytest

from partnership_model import _files
from partnership_model._files import (
    DEFAULT_MAX_SIZE,
    MAX_SIZE_VARIABLE,
    check_outputs,
    max_size,
    open_output,
    open_outputs,
    output_path,
    parse_size,
    read_capped,
    same_file,
    write_atomically,
)
from partnership_model.exceptions import (
    InvalidRecordError,
    OutputExistsError,
    ValidationError,
)


def listing(folder: Path) -> list[str]:
    """The names in *folder*, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir())


def test_the_examples() -> None:
    assert doctest.testmod(_files, optionflags=doctest.ELLIPSIS).failed == 0


# -- atomic writes --------------------------------------------------------------------


def fail_half_way(target: Path) -> None:
    with open_output(target, overwrite=False) as stream:
        stream.write(b'{"half": ')
        raise RuntimeError


def fail_after_two(paths: list[Path]) -> None:
    with open_outputs(paths, overwrite=True) as (first, second):
        first.write(b"new a")
        second.write(b"new out")
        raise RuntimeError


def test_a_failing_writer_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError):
        fail_half_way(target)
    assert listing(tmp_path) == []
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        fail_after_two([tmp_path / "a.csv", target])
    assert listing(tmp_path) == ["out.json"]
    assert target.read_bytes() == b"old"


def test_a_failing_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomically(target, b"new", overwrite=True)
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["out.json"]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders"
)
def test_a_really_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    target.write_bytes(b"old")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_atomically(target, b"new", overwrite=True)
    finally:
        tmp_path.chmod(0o755)
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["old.json"]


def test_writes_are_synced_and_keep_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomically(target, "new ✓", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert synced  # the file (and, on POSIX, its folder) went to the disk


def race(target: Path) -> None:
    with open_output(target, overwrite=False) as stream:
        stream.write(b"mine")
        target.write_bytes(b"someone else's")


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(OutputExistsError):
        race(target)
    assert target.read_bytes() == b"someone else's"
    assert listing(tmp_path) == ["out.txt"]


def test_output_path_keeps_the_suffix_for_writers_that_choose_by_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "figure.svg"
    with output_path(target, overwrite=False) as temporary:
        assert temporary.parent == tmp_path
        assert temporary.suffix == ".svg"
        assert temporary != target
        temporary.write_bytes(b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    assert listing(tmp_path) == ["figure.svg"]


def test_same_file_sees_through_names(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_bytes(b"{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(a)
    os.link(a, tmp_path / "hard")
    assert same_file(a, tmp_path / "sub" / ".." / "a.json")
    assert same_file(tmp_path / "link", a)
    assert same_file(tmp_path / "hard", a)
    assert not same_file(tmp_path / "other.json", a)
    assert same_file(tmp_path / "new.json", tmp_path / "sub" / ".." / "new.json")
    with pytest.raises(OutputExistsError) as caught:
        check_outputs([tmp_path / "link"], overwrite=True, inputs=[a])
    assert caught.value.code == "output_is_input"
    assert caught.value.source == str(a)
    assert isinstance(caught.value, FileExistsError)
    with pytest.raises(OutputExistsError) as caught:
        check_outputs([a], overwrite=False)
    assert caught.value.code == "output_exists"
    assert caught.value.source is None
    with pytest.raises(IsADirectoryError):
        check_outputs([tmp_path / "sub"], overwrite=True)


def test_a_capped_read_reads_up_to_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "f.json"
    file.write_bytes(b"0123456789")
    assert read_capped(file, limit=10) == b"0123456789"
    assert read_capped(file, limit=0) == b"0123456789"  # no cap
    with pytest.raises(ValidationError) as caught:
        read_capped(file, limit=9)
    assert caught.value.problems[0].code == "too_large"
    assert caught.value.problems[0].params == {
        "limit": 9,
        "variable": MAX_SIZE_VARIABLE,
    }
    monkeypatch.setenv(MAX_SIZE_VARIABLE, "9")
    assert max_size() == 9
    with pytest.raises(ValidationError):
        read_capped(file)
    assert max_size("1k") == 1024  # an explicit value wins over the variable
    monkeypatch.setenv(MAX_SIZE_VARIABLE, "nine")
    with pytest.raises(InvalidRecordError) as error:
        read_capped(file)
    assert error.value.code == "invalid_size"
    assert error.value.field == MAX_SIZE_VARIABLE
    monkeypatch.delenv(MAX_SIZE_VARIABLE)
    assert max_size() == DEFAULT_MAX_SIZE
    with pytest.raises(ValidationError) as caught:
        read_capped(tmp_path / "missing.json")
    assert caught.value.problems[0].code == "io"
    assert caught.value.problems[0].path == str(tmp_path / "missing.json")


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as stream:
        stream.truncate(8 * 1024**3)  # sparse: 8 GiB that take no room
    with pytest.raises(ValidationError) as caught:
        read_capped(big)
    (found,) = caught.value.problems
    assert found.code == "too_large"
    assert found.path == str(big)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("0", 0),
        ("1000", 1000),
        ("64M", 64 * 1024**2),
        ("64 MiB", 64 * 1024**2),
        ("512k", 512 * 1024),
        ("2G", 2 * 1024**3),
        ("2gb", 2 * 1024**3),
        ("10b", 10),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "-1", "1.5M", "M", "12x", "١٢"])
def test_not_sizes(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


# -- the library's writers -------------------------------------------------------------


def test_the_dynamic_gexf_writer_is_atomic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnership_model.dynamic_gexf import write_dynamic_gexf
    from partnership_model.ecology import EcologyGraph
    from partnership_model.examples import load_register

    graph = EcologyGraph.from_engagements(load_register())
    target = tmp_path / "ecology.gexf"
    target.write_bytes(b"old")

    def full_disk(source: object, destination: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_dynamic_gexf(graph, target)
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["ecology.gexf"]
    monkeypatch.undo()
    write_dynamic_gexf(graph, target)
    assert target.read_bytes().startswith(b"<?xml")
