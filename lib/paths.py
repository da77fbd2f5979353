"""Every file-system location the book uses, in one place.

Notebooks and library code import these constants and never assemble paths by hand.
Two environment variables move the locations that differ between machines:

``ITUBOOK_BUILD_DIR``
    Where executed notebooks, results, derived tables and the rendered book go
    (default: ``_build`` in the project root).
``ITUBOOK_DATA_MIRROR``
    A folder holding the third-party raw files under the relative paths of the data
    registry (default: ``../shared/data/raw`` beside the project, when it exists).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LIB_DIR = PROJECT_ROOT / "lib"
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
BOOK_PAGES_DIR = PROJECT_ROOT / "book"
TESTS_DIR = PROJECT_ROOT / "tests"

# Tables compiled for this project and committed with it, each folder with its SOURCES.md.
DATA_DIR = PROJECT_ROOT / "data"
ITU_DIR = DATA_DIR / "itu"
ITU_CANDIDATES_CSV = ITU_DIR / "candidates.csv"
ITU_CANDIDATES_DETAIL_CSV = ITU_DIR / "candidates_detail.csv"
ITU_MEMBERSHIP_INFERRED_CSV = ITU_DIR / "membership_inferred.csv"
ITU_REGIONS_CSV = ITU_DIR / "regions.csv"
MEMBERSHIPS_CSV = DATA_DIR / "memberships" / "memberships.csv"
COUNTRY_NAME_OVERRIDES_CSV = DATA_DIR / "country_names" / "overrides.csv"
STUDY_CLAIMS_CSV = DATA_DIR / "study" / "claims.csv"

DATA_REGISTRY_YML = LIB_DIR / "data_registry.yml"
NOTEBOOK_RUNS_YML = NOTEBOOK_DIR / "runs.yml"

BUILD_DIR = Path(os.environ.get("ITUBOOK_BUILD_DIR", PROJECT_ROOT / "_build")).resolve()
EXECUTED_DIR = BUILD_DIR / "executed"
CACHE_DIR = BUILD_DIR / "cache"
RESULTS_DIR = BUILD_DIR / "results"
TABLES_DIR = BUILD_DIR / "tables"
DOWNLOAD_CACHE_DIR = BUILD_DIR / "downloads"
STAGE_DIR = BUILD_DIR / "stage"
HTML_DIR = STAGE_DIR / "_build" / "html"
LATEX_DIR = STAGE_DIR / "_build" / "latex"

# Derived tables written by the notebooks and read by later ones.
COUNTRY_YEAR_PANEL_CSV = TABLES_DIR / "country_year_panel.csv"
COUNTRY_YEAR_DICTIONARY_CSV = TABLES_DIR / "country_year_panel_dictionary.csv"
HACKER_GROUPS_CSV = TABLES_DIR / "hacker_groups.csv"
HACKER_EVENTS_CSV = TABLES_DIR / "hacker_group_events.csv"

_DEFAULT_MIRROR = PROJECT_ROOT.parent / "shared" / "data" / "raw"


def default_mirror() -> Path | None:
    """Return the raw-data mirror folder from ``ITUBOOK_DATA_MIRROR`` or the default, if any."""
    configured = os.environ.get("ITUBOOK_DATA_MIRROR")
    if configured:
        return Path(configured).resolve()
    if _DEFAULT_MIRROR.is_dir():
        return _DEFAULT_MIRROR
    return None

# MathJax from the npm package, installed by `make setup` outside the build folder, so
# formulas render offline and a clean build needs no registry.
NODE_DIR = PROJECT_ROOT / ".tools" / "node"
MATHJAX_DIR = NODE_DIR / "node_modules" / "mathjax" / "es5"

ARCHIVE_DIR = BUILD_DIR / "archive"
CITATION_CFF = PROJECT_ROOT / "CITATION.cff"
ZENODO_JSON = PROJECT_ROOT / ".zenodo.json"
LICENSE_FILE = PROJECT_ROOT / "LICENSE"

# GCI plausibility probe (notebooks/gci_probe.py): candidates with GCI and controls, and the
# countries whose GCI 2020 scores differ between the two transcriptions.
GCI_PROBE_CANDIDATES_CSV = TABLES_DIR / "gci_probe_candidates.csv"
GCI_2020_DISAGREEMENTS_CSV = TABLES_DIR / "gci_2020_disagreements.csv"

# Hacker-level chapter (notebooks/hacker_model.py): every named group with its inclusion
# decision, and the similar names that the group list did not merge.
HACKER_GROUP_DECISIONS_CSV = TABLES_DIR / "hacker_group_decisions.csv"
HACKER_NAME_NEAR_MISSES_CSV = TABLES_DIR / "hacker_name_near_misses.csv"

# Case studies (notebooks/case_study.py, one run per candidacy): the measures that the study
# reports for each case, and the event-time window that each case run writes for the overview.
CASES_DIR = DATA_DIR / "cases"
CASE_MEASURES_CSV = CASES_DIR / "measures.csv"
CASE_WINDOWS_DIR = TABLES_DIR / "case_windows"
