"""Read the curated tables committed under ``data/`` with checks that pandas does not make.

pandas reads a row with one field too many by shifting it into the index (in the first row)
or stops with a tokenizer error that names no file (in a later row). :func:`read_curated`
counts every record's fields with the ``csv`` module first and names the file and lines.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd


class CuratedTableError(ValueError):
    """A curated table that is missing, malformed or lacks columns."""


class CuratedTableMissingError(CuratedTableError, FileNotFoundError):
    """A curated table that is not where the project expects it."""


def read_curated(file: Path | str, columns: Sequence[str] = (), **read_options) -> pd.DataFrame:
    """Read a curated CSV table after checking its shape.

    Parameters
    ----------
    file
        The CSV file.
    columns
        Columns that must be present.
    read_options
        Passed to :func:`pandas.read_csv`.

    Raises
    ------
    CuratedTableError
        The file is missing, a record has more or fewer fields than the header, or a
        required column is absent. The message names the file and the line numbers.
    """
    file = Path(file)
    if not file.is_file():
        raise CuratedTableMissingError(f"Missing curated table {file}. Restore it from the repository (git checkout -- {file}).")

    with open(file, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise CuratedTableError(f"Invalid curated table {file}: it is empty.")
        bad_lines = [
            (reader.line_num, len(record)) for record in reader if record and len(record) != len(header)
        ]
    if bad_lines:
        shown = ", ".join(f"line {line} has {count}" for line, count in bad_lines[:10])
        raise CuratedTableError(
            f"Invalid curated table {file}: the header has {len(header)} fields, but {shown}. "
            'Quote every field that contains a comma ("like, this").'
        )

    missing = [column for column in columns if column not in header]
    if missing:
        raise CuratedTableError(f"Invalid curated table {file}: missing column(s) {missing}; found {header}.")
    return pd.read_csv(file, encoding="utf-8-sig", **read_options)
