"""Write the citable archive of a finished build as one byte-reproducible zip file.

Run ``python -m lib.archive`` (or ``make archive``) after ``make book``. The zip contains the
HTML site, the PDF, the executed notebooks, the results files, a data manifest, the curated
tables, the citation metadata and a README. Third-party raw files go in only where the
registry marks their licence as redistributable; the manifest names the others with their
checksums and origins.

Two builds from the same sources give the same bytes: entries are sorted, every entry carries
the time of ``SOURCE_DATE_EPOCH`` (by default the release date in CITATION.cff) and the
same permissions, and the compression level is fixed.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import hashlib
import logging
import os
import sys
import time
import zipfile
from pathlib import Path

import yaml

from lib import paths, provenance, registry

logger = logging.getLogger("lib.archive")

ZIP_EPOCH_MINIMUM = 315532800  # 1980-01-01, the earliest time a zip entry can store


class ArchiveError(RuntimeError):
    """An archive that cannot be written because a build output is missing."""


def _version() -> str:
    with open(paths.CITATION_CFF, encoding="utf-8") as handle:
        return str(yaml.safe_load(handle)["version"])


def release_epoch() -> int:
    """Return the Unix time of the release date in CITATION.cff (midnight UTC)."""
    with open(paths.CITATION_CFF, encoding="utf-8") as handle:
        released = yaml.safe_load(handle)["date-released"]
    released = released if isinstance(released, datetime.date) else datetime.date.fromisoformat(str(released))
    return calendar.timegm(released.timetuple())


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", release_epoch())), ZIP_EPOCH_MINIMUM)
    return time.gmtime(epoch)[:6]


def _archive_readme(version: str, included: list[str], excluded: list[str]) -> str:
    lines = [
        f"# Do States Constrain Non-State Hackers? An executable reproduction, version {version}",
        "",
        "An archived build of the book. Contents:",
        "",
        "- `html/`: the book as a website; open `html/index.html`.",
        "- `book.pdf`: the book as a PDF.",
        "- `notebooks/`: the executed notebooks behind each chapter.",
        "- `results/`: the key numbers of each notebook run (name, value, unit, description).",
        "- `data_manifest.csv`: every third-party input with origin, version, licence and SHA-256.",
        "- `raw/`: the third-party inputs whose licence allows redistribution.",
        "- `data/`: the curated tables compiled for this project, each with its SOURCES.md.",
        "- `CITATION.cff`, `.zenodo.json`, `LICENSE`: citation metadata and licence.",
        "",
        f"Raw inputs included ({len(included)}): {', '.join(included) or 'none'}.",
        f"Raw inputs named in the manifest only ({len(excluded)}): {', '.join(excluded) or 'none'}.",
        "",
        "Cite this archive with the metadata in CITATION.cff, and cite the original study:",
        "Joyce, C. B. (2025), Do States Constrain Non-State Hackers?, Journal of Conflict",
        "Resolution 69(10), doi:10.1177/00220027251323557.",
        "",
    ]
    return "\n".join(lines)


def _collect_entries() -> dict[str, bytes | Path]:
    """Map each archive member name to its content (bytes) or source file."""
    pdfs = sorted(paths.LATEX_DIR.glob("*.pdf"))
    required = {
        "HTML site": paths.HTML_DIR / "index.html",
        "executed notebooks": paths.EXECUTED_DIR,
        "results files": paths.RESULTS_DIR,
    }
    missing = [label for label, location in required.items() if not location.exists()]
    if not pdfs:
        missing.append("PDF")
    if missing:
        raise ArchiveError(
            f"Cannot write the archive: missing build output(s) {missing} in {paths.BUILD_DIR}. Run `make book` first."
        )

    entries: dict[str, bytes | Path] = {}
    for file in sorted(paths.HTML_DIR.rglob("*")):
        if file.is_file() and file.name != ".buildinfo":
            entries[f"html/{file.relative_to(paths.HTML_DIR).as_posix()}"] = file
    entries["book.pdf"] = pdfs[0]
    for file in sorted(paths.EXECUTED_DIR.glob("*.ipynb")):
        entries[f"notebooks/{file.name}"] = file
    for file in sorted(paths.RESULTS_DIR.glob("*.csv")):
        entries[f"results/{file.name}"] = file
    for file in sorted(paths.DATA_DIR.rglob("*")):
        if file.is_file():
            entries[f"data/{file.relative_to(paths.DATA_DIR).as_posix()}"] = file
    for file in (paths.CITATION_CFF, paths.ZENODO_JSON, paths.LICENSE_FILE):
        entries[file.name] = file

    manifest = provenance.raw_inputs_table()
    manifest["included"] = manifest["redistributed"]
    entries["data_manifest.csv"] = manifest.drop(columns=["redistributed"]).to_csv(index=False, lineterminator="\n").encode()

    included, excluded = [], []
    for source in registry.load_registry().values():
        if source.redistributable:
            entries[f"raw/{source.path}"] = registry.fetch(source.key)
            included.append(source.path)
        else:
            excluded.append(source.path)
    entries["README.md"] = _archive_readme(_version(), included, excluded).encode()
    return entries


def write_archive(output: Path | None = None) -> Path:
    """Write the archive and return its path.

    Raises
    ------
    ArchiveError
        The HTML site, the PDF, the executed notebooks or the results are missing.
    """
    version = _version()
    output = paths.ARCHIVE_DIR / f"itu-hackers-book-{version}.zip" if output is None else Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"itu-hackers-book-{version}/"
    timestamp = _timestamp()

    entries = _collect_entries()
    with zipfile.ZipFile(output, "w") as archive:
        for name in sorted(entries):
            content = entries[name]
            data = content if isinstance(content, bytes) else content.read_bytes()
            info = zipfile.ZipInfo(prefix + name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system writes the archive
            archive.writestr(info, data, compresslevel=9)
    logger.info("Archive: %s (%d entries)", output, len(entries))
    return output


def sha256_of(file: Path) -> str:
    """Return the SHA-256 of a file as hex."""
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.archive", description="Write the zip archive of a finished build.")
    parser.add_argument("--output", type=Path, default=None, help="zip file to write (default: <build>/archive/itu-hackers-book-<version>.zip)")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    try:
        output = write_archive(arguments.output)
    except (ArchiveError, registry.DataError) as error:
        logger.error("%s", error)
        return 1
    print(f"Archive: {output}")
    print(f"SHA-256: {sha256_of(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
