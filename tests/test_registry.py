"""The data registry: every bad input stops with a message naming the file and the fix."""

import hashlib
import textwrap

import pandas as pd
import pytest

from lib import paths, registry


def _write_registry(folder, sha256, origin="null", columns="[a, b]"):
    file = folder / "registry.yml"
    file.write_text(
        textwrap.dedent(
            f"""
            sample:
              path: sub/sample.csv
              sha256: "{sha256}"
              origin: {origin}
              version: "test version 1"
              licence: "CC0 1.0"
              citation: "Test data"
              columns: {columns}
            """
        )
    )
    return registry.load_registry(file)


@pytest.fixture
def mirror(tmp_path):
    folder = tmp_path / "mirror"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "sample.csv").write_text("a,b\n1,2\n")
    return folder


def _sha256(file):
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_fetch_returns_verified_mirror_file(mirror):
    sources = _write_registry(mirror.parent, _sha256(mirror / "sub" / "sample.csv"))

    path = registry.fetch("sample", mirror=mirror, registry=sources)

    assert path == mirror / "sub" / "sample.csv"


def test_fetch_wrong_checksum_names_file_and_fix(mirror):
    sources = _write_registry(mirror.parent, "0" * 64)

    with pytest.raises(registry.ChecksumMismatchError) as error:
        registry.fetch("sample", mirror=mirror, registry=sources)

    message = str(error.value)
    assert "sample.csv" in message
    assert "expected SHA-256 " + "0" * 64 in message
    assert "test version 1" in message


def test_fetch_missing_file_without_origin(tmp_path):
    sources = _write_registry(tmp_path, "0" * 64)
    (tmp_path / "empty").mkdir()

    with pytest.raises(registry.DataFileMissingError) as error:
        registry.fetch("sample", mirror=tmp_path / "empty", registry=sources)

    message = str(error.value)
    assert "sample.csv" in message
    assert "no download origin" in message
    assert "--data-mirror" in message


def test_fetch_missing_file_offline(tmp_path, monkeypatch):
    monkeypatch.setenv(registry.OFFLINE_ENV, "1")
    sources = _write_registry(tmp_path, "0" * 64, origin="https://example.invalid/sample.csv")
    (tmp_path / "empty").mkdir()

    with pytest.raises(registry.DataFileMissingError, match="downloads are off"):
        registry.fetch("sample", mirror=tmp_path / "empty", registry=sources)


def test_load_registry_rejects_malformed_checksum(tmp_path):
    with pytest.raises(registry.DataError, match="Invalid sha256 'abc'"):
        _write_registry(tmp_path, "abc")


def test_fetch_unknown_key_lists_known_keys(mirror):
    sources = _write_registry(mirror.parent, "0" * 64)

    with pytest.raises(registry.UnknownDataKeyError, match="Known keys: sample"):
        registry.fetch("nonexistent", mirror=mirror, registry=sources)


def test_check_columns_rejects_missing_column(mirror):
    sources = _write_registry(mirror.parent, "0" * 64, columns="[a, b, c]")
    frame = pd.read_csv(mirror / "sub" / "sample.csv")

    with pytest.raises(registry.DataSchemaError) as error:
        registry.check_columns(frame, sources["sample"], mirror / "sub" / "sample.csv")

    assert "missing column(s) ['c']" in str(error.value)


def test_registry_entries_are_complete():
    sources = registry.load_registry()

    assert sources, "the registry is empty"
    for source in sources.values():
        assert len(source.sha256) == 64, source.key
        assert source.licence, source.key
        assert source.citation, source.key
        assert source.origin is None or source.origin.startswith("https://"), source.key


@pytest.mark.skipif(paths.default_mirror() is None, reason="no raw-data mirror on this machine")
def test_every_registered_file_matches_its_checksum():
    for key in registry.load_registry():
        assert registry.fetch(key).is_file(), key


def test_fetch_rejects_mirror_that_is_not_a_folder(tmp_path):
    sources = _write_registry(tmp_path, "0" * 64)
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")

    with pytest.raises(registry.DataFileMissingError, match="does not exist or is not a folder"):
        registry.fetch("sample", mirror=not_a_folder, registry=sources)
