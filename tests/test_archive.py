"""The archive: missing build outputs are reported, and two clean builds give the same bytes."""

import os
import shutil
import subprocess
import sys

import pytest

from lib import archive, paths


def test_archive_requires_a_finished_build(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "HTML_DIR", tmp_path / "html")
    monkeypatch.setattr(paths, "LATEX_DIR", tmp_path / "latex")
    monkeypatch.setattr(paths, "EXECUTED_DIR", tmp_path / "executed")
    monkeypatch.setattr(paths, "RESULTS_DIR", tmp_path / "results")

    with pytest.raises(archive.ArchiveError) as error:
        archive.write_archive(tmp_path / "out.zip")

    message = str(error.value)
    for output in ("HTML site", "PDF", "executed notebooks", "results files"):
        assert output in message
    assert "make book" in message


def _build_and_archive(build_dir, output):
    """Build the whole book from scratch in build_dir and write its archive to output."""
    shutil.rmtree(build_dir, ignore_errors=True)
    environment = {**os.environ, "ITUBOOK_BUILD_DIR": str(build_dir)}
    for command in (["-m", "lib.build", "book"], ["-m", "lib.archive", "--output", str(output)]):
        completed = subprocess.run(
            [sys.executable, *command], cwd=paths.PROJECT_ROOT, env=environment, capture_output=True, text=True
        )
        assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.skipif(paths.default_mirror() is None, reason="no raw-data mirror on this machine")
def test_two_clean_builds_give_identical_archives(tmp_path):
    build_dir = tmp_path / "build"

    _build_and_archive(build_dir, tmp_path / "first.zip")
    _build_and_archive(build_dir, tmp_path / "second.zip")

    assert archive.sha256_of(tmp_path / "first.zip") == archive.sha256_of(tmp_path / "second.zip")
