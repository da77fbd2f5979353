"""Glue a notebook's key numbers into the book and record them in its results file.

Every number quoted in the prose goes through :meth:`Results.report`, which glues the value
for MyST-NB (``{glue:text}`name``` in the page) and writes the same value to
``<build>/results/<run_id>.csv`` with its unit and description. The reproduction report
reads those files, so the text and the report can never disagree.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from lib import paths

RESULT_COLUMNS = ["run_id", "name", "value", "unit", "description"]


class Results:
    """Key numbers of one notebook run, kept in ``<results_dir>/<run_id>.csv``."""

    def __init__(self, run_id: str, results_dir: Path | None = None, glue: bool = True):
        if not run_id or not run_id.replace("_", "").isalnum():
            raise ValueError(f"Invalid run_id {run_id!r}: use letters, digits and underscores only.")
        self.run_id = run_id
        self.file = (paths.RESULTS_DIR if results_dir is None else Path(results_dir)) / f"{run_id}.csv"
        self._glue = glue
        self._rows: dict[str, dict] = {}
        self.file.parent.mkdir(parents=True, exist_ok=True)

    def report(self, name: str, value, unit: str, description: str):
        """Glue ``value`` under ``name``, store it with its unit and description, and return it.

        Numbers are glued as numbers, so the page chooses the format
        (``{glue:text}`name:.2f```); NaN and infinity are rejected because they would
        print as words in the text.
        """
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"Result {name!r} of run {self.run_id!r} is {value}; only finite numbers can be reported.")
        if hasattr(value, "item"):  # numpy scalars
            value = value.item()
        if self._glue:
            from myst_nb import glue

            glue(name, value, display=False)
        self._rows[name] = {
            "run_id": self.run_id,
            "name": name,
            "value": value,
            "unit": unit,
            "description": description,
        }
        self._write()
        return value

    def _write(self) -> None:
        # object dtype keeps whole numbers whole: a float64 column would write 85 as 85.0
        frame = pd.DataFrame(list(self._rows.values()), columns=RESULT_COLUMNS, dtype=object)
        frame.sort_values("name").to_csv(self.file, index=False, lineterminator="\n")


def read_all(results_dir: Path | None = None) -> pd.DataFrame:
    """Read every results file of the build into one table."""
    folder = paths.RESULTS_DIR if results_dir is None else Path(results_dir)
    files = sorted(folder.glob("*.csv"))
    if not files:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.concat([pd.read_csv(file) for file in files], ignore_index=True)
