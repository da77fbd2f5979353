"""Read and check tables: curated CSV files, required columns and pandera schemas.

pandas reads a row with one field too many by shifting it into the index (in the first row)
or stops with a tokenizer error that names no file (in a later row). :func:`read_curated`
counts every record's fields with the ``csv`` module first and names the file and lines.
:func:`require_columns` and :func:`validate_schema` give every module the same messages for
missing columns and invalid rows, raised as the caller's own exception class.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa


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

    require_columns(pd.DataFrame(columns=header), columns, f"curated table {file}")
    return pd.read_csv(file, encoding="utf-8-sig", **read_options)


def require_columns(
    frame: pd.DataFrame,
    columns: Sequence[str],
    what: str,
    error: type[Exception] = CuratedTableError,
    hint: str = "",
) -> None:
    """Raise ``error`` naming ``what`` unless ``frame`` has every one of ``columns``."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise error(f"Invalid {what}: missing column(s) {missing}; found {list(frame.columns)}.{hint}")


def validate_schema(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, what: str, error: type[Exception] = CuratedTableError
) -> pd.DataFrame:
    """Validate ``frame`` against ``schema`` and return the coerced frame.

    Raises ``error`` listing the first 20 failures by column, check, value and line of a CSV
    file read with a default index (the header is line 1, so data row ``i`` is line ``i + 2``).
    """
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases[["column", "check", "index", "failure_case"]].head(20)
        lines = (pd.to_numeric(failures["index"], errors="coerce") + 2).astype("Int64")
        failures = failures.assign(line=lines).drop(columns="index")
        raise error(
            f"Invalid rows in {what} (first 20 failures; line numbers count the header as line 1):\n"
            f"{failures.to_string(index=False)}"
        ) from errors
