"""Locate, verify and read the third-party raw inputs listed in ``lib/data_registry.yml``.

A file is taken from the mirror folder when it is there, and otherwise downloaded from its
origin with pooch into the build's download cache. Either way its SHA-256 must match the
registry before anything reads it.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pooch
import yaml

from lib import paths

logger = logging.getLogger(__name__)

OFFLINE_ENV = "ITUBOOK_OFFLINE"


class DataError(RuntimeError):
    """Base class of every error about a raw input."""


class UnknownDataKeyError(DataError):
    """A key that is not in the data registry."""


class DataFileMissingError(DataError):
    """A raw input that is neither in the mirror nor downloadable."""


class ChecksumMismatchError(DataError):
    """A raw input whose SHA-256 differs from the registry's."""


class DataSchemaError(DataError):
    """A raw input that lacks columns the book reads."""


@dataclass(frozen=True)
class DataSource:
    """One registry entry: where a raw file lives, its checksum and how to cite it."""

    key: str
    path: str
    sha256: str
    origin: str | None
    version: str
    licence: str
    citation: str
    doi: str | None = None
    redistributable: bool = False
    columns: tuple[str, ...] = field(default_factory=tuple)
    skiprows: int = 0

    @property
    def file_name(self) -> str:
        return Path(self.path).name


def load_registry(registry_file: Path = paths.DATA_REGISTRY_YML) -> dict[str, DataSource]:
    """Read the data registry into a dictionary of :class:`DataSource` by key."""
    with open(registry_file, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    sources = {}
    for key, entry in raw.items():
        entry = dict(entry)
        entry["columns"] = tuple(str(column) for column in entry.get("columns", ()))
        if not re.fullmatch(r"[0-9a-f]{64}", str(entry.get("sha256", ""))):
            raise DataError(
                f"Invalid sha256 {entry.get('sha256')!r} for {key!r} in {registry_file}: expected 64 "
                "lower-case hexadecimal digits, quoted if they contain no letter."
            )
        sources[key] = DataSource(key=key, **entry)
    return sources


def _offline() -> bool:
    return os.environ.get(OFFLINE_ENV, "").lower() in {"1", "true", "yes"}


def _verify(source: DataSource, file_path: Path) -> Path:
    actual = pooch.file_hash(str(file_path), alg="sha256")
    if actual != source.sha256:
        raise ChecksumMismatchError(
            f"Checksum mismatch for {source.file_name} ({source.key}) at {file_path}: "
            f"expected SHA-256 {source.sha256}, found {actual}. The file is not the version "
            f"the book was built from ({source.version}). Replace it with the registered "
            f"version{' from ' + source.origin if source.origin else ''}, or update the "
            f"registry in {paths.DATA_REGISTRY_YML.name} if you mean to change the data."
        )
    return file_path


def fetch(
    key: str,
    mirror: Path | None = None,
    registry: dict[str, DataSource] | None = None,
) -> Path:
    """Return the verified local path of the raw input ``key``.

    Parameters
    ----------
    key
        Registry key, for example ``"eurepoc_global"``.
    mirror
        Folder holding the raw files under their registry paths. Defaults to
        :func:`lib.paths.default_mirror`.
    registry
        Registry to use instead of ``lib/data_registry.yml`` (tests pass a small one).

    Raises
    ------
    UnknownDataKeyError
        ``key`` is not in the registry.
    DataFileMissingError
        The file is not in the mirror and cannot be downloaded (no origin, offline mode
        ``ITUBOOK_OFFLINE=1``, or the download failed).
    ChecksumMismatchError
        The file's SHA-256 differs from the registry's.
    """
    registry = load_registry() if registry is None else registry
    if key not in registry:
        raise UnknownDataKeyError(
            f"No raw input named {key!r} in the data registry. Known keys: {', '.join(sorted(registry))}."
        )
    source = registry[key]
    mirror = paths.default_mirror() if mirror is None else Path(mirror)
    if mirror is not None and not mirror.is_dir():
        raise DataFileMissingError(
            f"Mirror folder {mirror} does not exist or is not a folder. Pass the folder that holds the raw "
            "inputs with --data-mirror <folder> (make: DATA_MIRROR=<folder>) or ITUBOOK_DATA_MIRROR."
        )

    if mirror is not None and (mirror / source.path).is_file():
        return _verify(source, mirror / source.path)

    where = f"not found in the mirror folder {mirror}" if mirror is not None else "not found, because no mirror folder is set"
    advice = (
        f"Put the file at <mirror>/{source.path} and pass that folder with --data-mirror <mirror> "
        f"(make: DATA_MIRROR=<mirror>) or the environment variable ITUBOOK_DATA_MIRROR"
    )
    if source.origin is None:
        raise DataFileMissingError(
            f"Missing raw input {source.file_name} ({key}): {where}, and it has no "
            f"download origin. {advice}."
        )
    if _offline():
        raise DataFileMissingError(
            f"Missing raw input {source.file_name} ({key}): {where}, and downloads "
            f"are off ({OFFLINE_ENV} is set). {advice}, or unset {OFFLINE_ENV} to download it "
            f"from {source.origin}."
        )

    logger.info("Downloading %s from %s", source.file_name, source.origin)
    try:
        downloaded = pooch.retrieve(
            url=source.origin,
            known_hash=f"sha256:{source.sha256}",
            fname=source.path.replace("/", "__"),
            path=paths.DOWNLOAD_CACHE_DIR,
            progressbar=False,
        )
    except ValueError as error:  # pooch raises ValueError on a hash mismatch
        raise ChecksumMismatchError(
            f"Checksum mismatch for {source.file_name} ({key}) downloaded from {source.origin}: {error}"
        ) from error
    except Exception as error:  # network failures come as requests or OS errors
        raise DataFileMissingError(
            f"Missing raw input {source.file_name} ({key}): {where}, and the download "
            f"from {source.origin} failed ({error}). {advice}."
        ) from error
    return Path(downloaded)


def read_csv(key: str, mirror: Path | None = None, **read_options) -> pd.DataFrame:
    """Fetch the raw input ``key`` and read it with :func:`pandas.read_csv`.

    The registry's ``skiprows`` is applied, a byte-order mark is dropped, and the columns
    the registry lists must all be present.

    Raises
    ------
    DataSchemaError
        A column listed in the registry is missing.
    """
    registry = load_registry()
    file_path = fetch(key, mirror=mirror, registry=registry)
    source = registry[key]
    options = {"encoding": "utf-8-sig", "skiprows": source.skiprows}
    options.update(read_options)
    frame = pd.read_csv(file_path, **options)
    check_columns(frame, source, file_path)
    return frame


def check_columns(frame: pd.DataFrame, source: DataSource, file_path: Path) -> None:
    """Raise :class:`DataSchemaError` unless ``frame`` has every column the registry lists."""
    missing = [column for column in source.columns if column not in frame.columns]
    if missing:
        raise DataSchemaError(
            f"Invalid raw input {source.file_name} ({source.key}) at {file_path}: missing "
            f"column(s) {missing}. Expected at least {list(source.columns)}; found "
            f"{list(frame.columns)[:20]}. The file is probably another release or was saved "
            f"with another layout; restore the registered version ({source.version})."
        )
