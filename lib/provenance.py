"""Tables for the provenance pages: raw inputs, curated tables and the software environment."""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from importlib import metadata

import pandas as pd

from lib import paths, registry

def raw_inputs_table() -> pd.DataFrame:
    """Return one row per registered raw input: file, version, origin, licence, checksum."""
    rows = []
    for source in registry.load_registry().values():
        rows.append(
            {
                "key": source.key,
                "file": source.path,
                "version": source.version,
                "origin": source.origin or "mirror only",
                "doi": source.doi or "",
                "licence": source.licence,
                "redistributed": "yes" if source.redistributable else "no",
                "sha256": source.sha256,
                "citation": source.citation,
            }
        )
    return pd.DataFrame(rows)


def curated_tables_summary() -> pd.DataFrame:
    """Return rows, columns and source counts of every committed CSV under ``data/``."""
    rows = []
    for file in sorted(paths.DATA_DIR.rglob("*.csv")):
        table = pd.read_csv(file, dtype=str, keep_default_na=False)
        has_sources = "source" in table.columns
        rows.append(
            {
                "table": str(file.relative_to(paths.PROJECT_ROOT)),
                "rows": len(table),
                "columns": len(table.columns),
                "rows without a source": int((table["source"].str.strip() == "").sum()) if has_sources else "no source column",
                "distinct sources": table["source"].nunique() if has_sources else "no source column",
            }
        )
    return pd.DataFrame(rows)


def installed_packages() -> pd.DataFrame:
    """Return the name and version of every Python package in the running environment."""
    packages = {
        distribution.metadata["Name"]: distribution.version
        for distribution in metadata.distributions()
        if distribution.metadata["Name"]
    }
    table = pd.DataFrame(sorted(packages.items(), key=lambda item: item[0].lower()), columns=["package", "version"])
    return table.reset_index(drop=True)


def environment_summary() -> dict[str, str]:
    """Return the Python version, the TeX engine's version line and the platform."""
    tex = "not found"
    executable = shutil.which("xelatex")
    if executable:
        completed = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
        tex = completed.stdout.splitlines()[0] if completed.stdout else "unknown"
    return {
        "python": sys.version.split()[0],
        "tex": tex,
        "platform": f"{platform.system()} {platform.machine()}",
    }
