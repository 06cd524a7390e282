"""The command line never destroys data, never lets a file drive the terminal (issue 14).

One section per fault class of issue 14 that the command line owns:

* outputs: an output that is (or resolves to) an input is refused, an existing
  file is replaced only with ``--force``, every file is written atomically;
* messages: what comes from a file is printed escaped, on any terminal encoding;
* privacy: the key is read exactly, from a file or the environment;
* validate: a document it accepts is accepted by every command;
* exit codes: 0 success, 1 data, 2 usage;
* size: reads are capped.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import partnership_model.exchange
from partnership_model import (
    Register,
    _files,
    from_json,
    pseudonymize,
    read_json,
    to_dict,
    write_json,
)
from partnership_model._files import (
    max_size,
    read_capped,
)
from partnership_model.cli import KEY_ENVIRONMENT_VARIABLE, main
from partnership_model.examples import load_register
from partnership_model.exceptions import (
    ValidationError,
)
from partnership_model.privacy import MIN_KEY_LENGTH, read_key

CORPUS = Path(__file__).parent / "malformed"
MANIFEST: dict[str, list[dict[str, Any]]] = json.loads(
    (CORPUS / "manifest.json").read_text(encoding="utf-8")
)
SMALL = CORPUS / "register" / "valid.json"  # a small valid register (3 people)
KEY = b"a key that is long enough for the tests"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder holding register.json, made the current folder."""
    monkeypatch.chdir(tmp_path)
    write_json(load_register(), tmp_path / "register.json")
    return tmp_path


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, KEY.decode())
    return KEY


def listing(folder: Path) -> list[str]:
    """The names in *folder*, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# -- outputs: never over an input ----------------------------------------------------


def test_pseudonymising_without_out_never_replaces_the_identifiable_original(
    capsys: pytest.CaptureFixture[str], here: Path, key: bytes
) -> None:
    """``convert register.json --to register --pseudonymize`` used to write ./register.json."""
    before = snapshot(here)
    code, out, err = run(
        capsys, "convert", "register.json", "--to", "register", "--pseudonymize"
    )
    assert code == 0, err
    assert snapshot(here) == before  # nothing written: the register went to stdout
    shared = from_json(out, Register)
    assert shared == pseudonymize(load_register(), key=key)
    # The XML formats default to a file named after the input, marked as pseudonymised.
    code, out, err = run(
        capsys, "convert", "register.json", "--to", "gexf", "--pseudonymize"
    )
    assert code == 0, err
    assert out == "wrote register.pseudonymised.gexf\n"
    assert snapshot(here)["register.json"] == before["register.json"]
    code, out, _ = run(capsys, "convert", "register.json", "--to", "gexf")
    assert code == 0
    assert out == "wrote register.gexf\n"


def output_aliases(here: Path) -> Iterator[tuple[str, str]]:
    """Ways to name register.json as an output: (what, the --out value)."""
    yield "the same path", "register.json"
    yield "an absolute path", str(here / "register.json")
    yield "a .. path", "sub/../register.json"
    (here / "sub").mkdir()
    (here / "link.json").symlink_to(here / "register.json")
    yield "a symbolic link", "link.json"
    os.link(here / "register.json", here / "hard.json")
    yield "a hard link", "hard.json"
    if (here / "REGISTER.JSON").exists():  # a case-insensitive file system
        yield "another case", "REGISTER.JSON"


@pytest.mark.parametrize("target", ["register", "node-link", "kumu", "gexf", "graphml"])
@pytest.mark.parametrize("force", [False, True])
def test_an_output_that_is_the_input_is_refused_even_with_force(
    capsys: pytest.CaptureFixture[str], here: Path, target: str, *, force: bool
) -> None:
    original = (here / "register.json").read_bytes()
    for what, out in output_aliases(here):
        before = listing(here)
        extra = ["--force"] if force else []
        code, stdout, err = run(
            capsys, "convert", "register.json", "--to", target, "--out", out, *extra
        )
        assert code == 2, what
        assert stdout == ""
        assert "it is the input file register.json" in err, (what, err)
        assert (here / "register.json").read_bytes() == original, what
        assert listing(here) == before, what  # no temporary file left


def test_the_key_file_is_an_input_too(
    capsys: pytest.CaptureFixture[str], here: Path
) -> None:
    (here / "key").write_bytes(KEY)
    code, _, err = run(
        capsys,
        "convert",
        "register.json",
        "--to",
        "register",
        "--pseudonymize",
        "--key-file",
        "key",
        "--out",
        "key",
        "--force",
    )
    assert code == 2
    assert "input file key" in err
    assert (here / "key").read_bytes() == KEY


def test_plot_refuses_its_input_as_output(
    capsys: pytest.CaptureFixture[str], here: Path
) -> None:
    pytest.importorskip("matplotlib")
    (here / "register.svg").symlink_to(here / "register.json")
    original = (here / "register.json").read_bytes()
    code, _, err = run(
        capsys, "plot", "register.json", "--out", "register.svg", "--force"
    )
    assert code == 2
    assert "input file register.json" in err
    assert (here / "register.json").read_bytes() == original


# -- outputs: no silent overwrite ---------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "written"),
    [
        (["convert", "register.json", "--to", "register", "--out", "x"], "x"),
        (["convert", "register.json", "--to", "node-link", "--out", "x"], "x"),
        (["convert", "register.json", "--to", "kumu", "--out", "x"], "x"),
        (["convert", "register.json", "--to", "gexf", "--out", "x"], "x"),
        (["convert", "register.json", "--to", "graphml", "--out", "x"], "x"),
        (["convert", "register.json", "--to", "gexf"], "register.gexf"),
        (["convert", "register.json", "--to", "csv"], "actors.csv"),
        (["convert", "register.json", "--to", "csv"], "relations.csv"),
        (["schema", "--out", "."], "register.schema.json"),
        (["vocabulary", "--format", "context", "--out", "x"], "x"),
    ],
)
def test_an_existing_file_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], here: Path, argv: list[str], written: str
) -> None:
    (here / written).write_bytes(b"precious")
    before = snapshot(here)
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert f"{written} exists" in err
    assert "--force" in err
    assert snapshot(here) == before  # not one file written, the others included
    assert not [name for name in listing(here) if name.startswith(".")]
    code, _, err = run(capsys, *argv, "--force")
    assert code == 0, err
    assert (here / written).read_bytes() != b"precious"


def test_plot_replaces_an_image_only_with_force(
    capsys: pytest.CaptureFixture[str], here: Path
) -> None:
    pytest.importorskip("matplotlib")
    (here / "eco.svg").write_bytes(b"precious")
    code, _, err = run(capsys, "plot", "register.json", "--out", "eco.svg")
    assert code == 2
    assert "eco.svg exists" in err
    assert (here / "eco.svg").read_bytes() == b"precious"
    code, out, err = run(capsys, "plot", "register.json", "--out", "eco.svg", "--force")
    assert code == 0, err
    assert out == "wrote eco.svg\n"
    assert b"<svg" in (here / "eco.svg").read_bytes()
    assert listing(here) == ["eco.svg", "register.json"]


@pytest.mark.parametrize("out", ["noext", "eco.txt"])
def test_plot_needs_an_image_extension(
    capsys: pytest.CaptureFixture[str], here: Path, out: str
) -> None:
    pytest.importorskip("matplotlib")
    code, _, err = run(capsys, "plot", "register.json", "--out", out)
    assert code == 2
    assert ".png" in err
    assert ".svg" in err
    assert listing(here) == ["register.json"]


def test_csv_out_must_be_a_folder(
    capsys: pytest.CaptureFixture[str], here: Path
) -> None:
    (here / "file").write_bytes(b"x")
    code, _, err = run(
        capsys, "convert", "register.json", "--to", "csv", "--out", "file"
    )
    assert code == 2
    assert "file is a file" in err
    assert (here / "file").read_bytes() == b"x"


# -- outputs: atomic writes -----------------------------------------------------------


def half_then_fail(graph: object, stream: Any) -> None:
    """A writer whose disk fills up half-way."""
    stream.write(b"<?xml version='1.0'?><graphml><graph>")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_half_way_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = run(
        capsys, "convert", "register.json", "--to", "graphml", "--out", "g"
    )
    assert code == 0
    good = (here / "g").read_bytes()
    monkeypatch.setattr(partnership_model.exchange, "write_graphml", half_then_fail)
    code, _, err = run(
        capsys, "convert", "register.json", "--to", "graphml", "--out", "g", "--force"
    )
    assert code == 2
    assert "No space left on device: g" in err  # the target named, not the temporary
    assert (here / "g").read_bytes() == good
    assert listing(here) == ["g", "register.json"]


def test_a_read_only_folder_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary file can be created: the command stops, the file is intact.

    Simulated (the tests may run as root, who writes anywhere); the next test
    does it for real when it can.
    """
    (here / "old.json").write_bytes(b"old")
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code, _, err = run(
        capsys,
        "convert",
        "register.json",
        "--to",
        "register",
        "--out",
        "old.json",
        "--force",
    )
    assert code == 2
    assert "Permission denied: old.json" in err
    assert (here / "old.json").read_bytes() == b"old"


# -- messages -------------------------------------------------------------------------

HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def inert(text: str) -> bool:
    """Whether *text* holds no character a terminal acts on, line feeds aside."""
    return not any(
        unicodedata.category(char) in HIDDEN for char in text.replace("\n", "")
    )


def test_a_crafted_key_cannot_forge_a_line_of_validate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = CORPUS / "register" / "key_terminal_escape.json"
    code, out, err = run(capsys, "validate", str(file), str(SMALL))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2  # the header and the one problem, nothing forged
    assert lines[0] == f"{file}: invalid (1 problem)"
    assert "\\x1b[2K\\x0d\\x0aregister.json: valid register" in lines[1]
    assert inert(err)
    assert out == f"{SMALL}: valid register (2 engagements; checked: model rules)\n"


@pytest.mark.parametrize(
    "entry",
    [e for e in MANIFEST["malformed"] if e["loader"] in {"register", "ecology"}],
    ids=lambda e: e["file"],
)
def test_validate_prints_every_corpus_refusal_inertly(
    capsys: pytest.CaptureFixture[str], entry: dict[str, Any]
) -> None:
    code, out, err = run(capsys, "validate", str(CORPUS / entry["file"]))
    assert code in {1, 2}
    assert out == ""
    assert inert(err), err
    assert "Traceback" not in err
    assert err.count("\n") == len(err.splitlines())  # every line ends the one way


def test_arguments_are_quoted_escaped_in_usage_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A file name holding an escape sequence, passed by a glob, stays inert."""
    with pytest.raises(SystemExit) as caught:
        main(["report", "a.json", "\x1b[2J\u202ename.json"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: \\x1b[2J\\u202ename.json" in err
    assert inert(err)
    code, _, err = run(capsys, "validate", "\x1b[2Jmissing\n.json")
    assert code == 2
    assert "\\x1b[2Jmissing\\x0a.json: cannot read the file" in err
    assert inert(err)


def test_a_lone_surrogate_in_a_key_prints_in_a_subprocess() -> None:
    file = CORPUS / "register" / "lone_surrogate_in_a_key.json"
    result = subprocess.run(  # noqa: S603 - this interpreter, our files
        [sys.executable, "-m", "partnership_model", "validate", str(file)],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1, result.stderr
    err = result.stderr.decode("utf-8")  # strict: it was encodable
    assert "['\\ud800']" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_narrow_terminal_encoding_does_not_crash(
    tmp_path: Path, encoding: str
) -> None:
    """A cp1252 console used to crash on "ễ" or an emoji."""
    file = tmp_path / "Nguyễn 🌱.json"
    data = json.loads(SMALL.read_text(encoding="utf-8"))
    file.write_text(json.dumps(data), encoding="utf-8")
    bad = tmp_path / "bad ễ.json"
    data["people"][0]["ễ 🌱"] = 1
    bad.write_text(json.dumps(data), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    command = [sys.executable, "-m", "partnership_model"]
    result = subprocess.run(  # noqa: S603 - this interpreter, our files
        [*command, "validate", str(file), str(bad)],
        capture_output=True,
        check=False,
        env=env,
    )
    assert result.returncode == 1
    out = result.stdout.decode(encoding)
    err = result.stderr.decode(encoding)
    assert "Nguy\\u1ec5n \\U0001f331.json: valid register" in out
    assert "'\\u1ec5 \\U0001f331'" in err  # the key, in the problem, escaped
    assert "Traceback" not in err
    result = subprocess.run(  # noqa: S603 - this interpreter, our files
        [*command, "report", str(file), "--lang", "fr"],
        capture_output=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


# -- privacy: the key, exactly --------------------------------------------------------


def pseudonymised_ids(out: str) -> list[str]:
    return [person["id"] for person in json.loads(out)["people"]]


def expected_ids(key: bytes) -> list[str]:
    register = read_json(SMALL, Register)
    return [person.id for person in pseudonymize(register, key=key).people]


@settings(max_examples=25)
@given(
    st.binary(min_size=MIN_KEY_LENGTH, max_size=48).map(
        lambda key: b" \t\n" + key + b"\r\n"  # whitespace the CLI used to strip
    )
    | st.binary(min_size=MIN_KEY_LENGTH, max_size=48)
)
def test_a_key_file_gives_the_pseudonyms_of_the_api(key: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "key"
        path.write_bytes(key)
        assert read_key(path) == key
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(
                [
                    "convert",
                    str(SMALL),
                    "--to",
                    "register",
                    "--pseudonymize",
                    "--key-file",
                    str(path),
                ]
            )
    assert code == 0
    assert pseudonymised_ids(out.getvalue()) == expected_ids(key)


@pytest.mark.skipif(not os.supports_bytes_environ, reason="the environment is text")
def test_a_key_in_the_environment_is_read_as_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = b"\xff\xfe not UTF-8 at all \xe9\x00"[:-1] + b" \n"
    monkeypatch.setitem(os.environb, KEY_ENVIRONMENT_VARIABLE.encode(), key)
    assert read_key() == key
    code, out, err = run(
        capsys, "convert", str(SMALL), "--to", "register", "--pseudonymize"
    )
    assert code == 0, err
    assert pseudonymised_ids(out) == expected_ids(key)


@pytest.mark.skipif(not os.supports_bytes_environ, reason="the environment is text")
def test_a_non_utf8_key_in_a_real_environment_is_no_traceback() -> None:
    key = b"\xff\xfe a key that is not UTF-8 \xe9"
    env = {os.fsencode(k): os.fsencode(v) for k, v in os.environ.items()}
    env[KEY_ENVIRONMENT_VARIABLE.encode()] = key
    result = subprocess.run(  # noqa: S603 - this interpreter, our files
        [
            sys.executable,
            "-m",
            "partnership_model",
            "convert",
            str(SMALL),
            "--to",
            "register",
            "--pseudonymize",
        ],
        capture_output=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert pseudonymised_ids(result.stdout.decode()) == expected_ids(key)


# -- validate checks what the other commands rely on -----------------------------------


def json_documents() -> list[Path]:
    return sorted(
        [*CORPUS.glob("register/*.json"), *CORPUS.glob("ecology/*.json")],
        key=lambda p: (p.parent.name, p.name),
    )


def exit_code(*argv: str) -> int:
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        return main(list(argv))


def test_validate_agrees_with_every_command_on_the_whole_corpus(tmp_path: Path) -> None:
    """A document validate accepts is accepted by report and convert, and the reverse."""
    disagreements = []
    for file in json_documents():
        path = str(file)
        validate = exit_code("validate", path)
        with_schema = exit_code("validate", "--schema", path)
        converted = exit_code(
            "convert",
            path,
            "--to",
            "gexf",
            "--out",
            str(tmp_path / "out.gexf"),
            "--force",
        )
        found = {"validate --schema": with_schema, "convert": converted}
        if file.parent.name == "register":
            found["report"] = exit_code("report", path)
        for command, code in found.items():
            if (code == 0) != (validate == 0):
                disagreements.append((file.name, command, code, validate))
    assert disagreements == []


@pytest.mark.parametrize("entry", MANIFEST["commands"], ids=lambda e: e["file"])
def test_what_the_library_loads_but_a_command_refuses_validate_refuses(
    capsys: pytest.CaptureFixture[str], entry: dict[str, Any]
) -> None:
    file = CORPUS / entry["file"]
    read_json(file, Register)  # the library alone accepts it
    for argv in (
        ["validate"],
        ["validate", "--schema"],
        ["report"],
        ["plot", "--out", "x.svg"],
    ):
        if argv[0] == "plot" and not _has_matplotlib():
            continue
        code, _, err = run(capsys, argv[0], str(file), *argv[1:])
        assert code == entry["exit"], (argv, err)
        assert f"{file}:{entry['path']}" in err, (argv, err)
        assert f"[{entry['code']}]" in err
    assert not Path("x.svg").exists()


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


# -- exit codes -----------------------------------------------------------------------


@pytest.fixture
def files(here: Path) -> Path:
    broken = to_dict(load_register())
    broken["engagements"][0]["degree"] = "partenariat"
    (here / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    write_json(read_json(SMALL, Register), here / "small.json")
    (here / "ecology.json").write_bytes(
        (CORPUS / "ecology" / "valid.json").read_bytes()
    )
    return here


EXIT_CODES = [
    # success
    (0, ["report", "register.json"]),
    (0, ["validate", "register.json", "ecology.json"]),
    (0, ["convert", "register.json", "--to", "node-link"]),
    (0, ["schema", "--out", "schemas"]),
    (0, ["vocabulary", "--format", "context"]),
    # problems in the data
    (1, ["report", "broken.json"]),
    (1, ["validate", "broken.json"]),
    (1, ["validate", "register.json", "broken.json"]),
    (1, ["convert", "broken.json", "--to", "gexf"]),
    (1, ["validate", "register.json", "--max-size", "1k"]),
    (1, ["report", "register.json", "--max-size", "1k"]),
    (1, ["convert", "register.json", "--to", "kumu", "--max-size", "1k"]),
    # usage
    (2, ["report", "missing.json"]),
    (2, ["validate", "missing.json"]),
    (2, ["validate", "broken.json", "missing.json"]),
    (2, ["convert", "missing.json", "--to", "gexf"]),
    (2, ["report", "ecology.json"]),
    (2, ["report", "--since", "yesterday"]),
    (2, ["convert", "ecology.json", "--to", "register"]),
    (2, ["convert", "register.json", "--to", "register", "--out", "register.json"]),
    (2, ["convert", "register.json", "--to", "gexf", "--out", "small.json"]),
    (2, ["convert", "register.json", "--to", "register", "--pseudonymize"]),
    (2, ["convert", "register.json", "--to", "gexf", "--out", "."]),
    (2, ["schema", "--out", "small.json/x"]),
    (2, ["vocabulary", "--format", "context", "--out", "small.json"]),
]


@pytest.mark.parametrize(
    ("expected", "argv"),
    EXIT_CODES,
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_exit_codes(
    capsys: pytest.CaptureFixture[str],
    files: Path,
    monkeypatch: pytest.MonkeyPatch,
    expected: int,
    argv: list[str],
) -> None:
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)
    before = snapshot(files)
    code, _, err = run(capsys, *argv)
    assert code == expected, err
    assert "Traceback" not in err
    after = snapshot(files)
    assert {name: after[name] for name in before} == before  # nothing lost, ever


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--max-size", "lots"],
        ["validate", "x.json", "--max-size", "-1"],
        ["convert", "x.json", "--to", "gexf", "--force=yes"],
        ["plot", "--out"],
    ],
)
def test_bad_options_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_a_bad_size_in_the_environment_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_files.MAX_SIZE_VARIABLE, "plenty")
    code, _, err = run(capsys, "validate", "register.json")
    assert code == 2
    assert f"{_files.MAX_SIZE_VARIABLE}: not a size" in err


# -- size cap -------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_validate_dev_zero_ends_with_a_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "validate", "/dev/zero", "--max-size", "1M")
    assert code == 1
    assert out == ""
    assert "/dev/zero: the file is larger than 1048576 bytes" in err
    assert "--max-size" in err
    assert "[too_large]" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_validate_dev_zero_with_the_default_cap_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_model", "validate", "/dev/zero"],
        capture_output=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != _files.MAX_SIZE_VARIABLE},
        timeout=60,
    )
    assert result.returncode == 1
    assert b"larger than 67108864 bytes" in result.stderr
    assert b"MemoryError" not in result.stderr
    assert b"Traceback" not in result.stderr


def test_the_cap_can_be_raised_or_removed(
    capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = (here / "register.json").stat().st_size
    assert read_capped(here / "register.json", limit=size) is not None
    with pytest.raises(ValidationError):
        read_capped(here / "register.json", limit=size - 1)
    assert len(read_capped(here / "register.json", limit=0)) == size
    monkeypatch.setenv(_files.MAX_SIZE_VARIABLE, str(size - 1))
    assert max_size() == size - 1
    code, _, _ = run(capsys, "validate", "register.json")
    assert code == 1
    code, _, _ = run(capsys, "validate", "register.json", "--max-size", "0")
    assert code == 0
    code, _, _ = run(capsys, "validate", "register.json", "--max-size", str(size))
    assert code == 0
    monkeypatch.delenv(_files.MAX_SIZE_VARIABLE)
    assert max_size() == _files.DEFAULT_MAX_SIZE
