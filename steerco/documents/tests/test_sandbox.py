"""A child process that runs away is stopped, and only it: the caller gets a reason."""

import sys

import pytest

from steerco.documents import sandbox


def test_a_child_that_wants_too_much_memory_is_stopped():
    with pytest.raises(sandbox.Failed, match="more time or memory than a paper is allowed"):
        sandbox.run(
            [sys.executable, "-c", "block = bytearray(1024 * 1024 * 1024)"],
            sandbox.Limits(seconds=20, memory_mb=256),
        )


def test_a_child_that_runs_for_ever_is_stopped():
    with pytest.raises(sandbox.Failed, match="took longer than 1 seconds to read"):
        sandbox.run(
            [sys.executable, "-c", "import time; time.sleep(60)"], sandbox.Limits(seconds=1)
        )


def test_a_child_that_fails_says_so():
    with pytest.raises(sandbox.Failed, match="stopped with an error"):
        sandbox.run([sys.executable, "-c", "raise SystemExit(3)"], sandbox.Limits(seconds=20))


def test_a_file_libreoffice_cannot_read_is_not_converted(tmp_path):
    nonsense = tmp_path / "upload"
    nonsense.write_bytes(b"PK\x03\x04 this is not a Word document at all")
    with pytest.raises(sandbox.Failed):
        sandbox.convert_to_pdf(nonsense, sandbox.Limits(seconds=60), suffix="docx", into=tmp_path)
