# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Reproduction report
#
# This page lists every quantitative claim of the study that the book can check, with the
# study's value, ours and a verdict. It is generated: the study's values come from one table,
# `data/study/claims.csv`, and ours from the results file that each notebook run writes.
# Nothing on this page is typed by hand.

# %% tags=["parameters"]
significance_level = 0.05

# %% tags=["remove-cell"]
import pandas as pd
from myst_nb import glue

from lib import reproduction, results
from lib.display import glue_table
from lib.results import Results

# %%
if not 0 < significance_level < 1:
    raise ValueError(f"Invalid significance_level {significance_level}: it must lie strictly between 0 and 1.")
claims = reproduction.load_claims()
recorded = results.read_all()
report = reproduction.compare_claims(claims, recorded, significance_level)

# %% tags=["remove-cell"]
summary = Results("reproduction")
for status in ("matches", "differs", "not comparable", "not available"):
    summary.report(
        f"n_claims_{status.replace(' ', '_')}",
        int((report["status"] == status).sum()),
        "claims",
        f"Claims whose status is '{status}'",
    )
summary.report("n_claims", len(report), "claims", "Claims checked")
summary.report("significance_level", significance_level, "p-value", "Level below which a sign claim counts as significant");

# %% [markdown]
# Of {glue:text}`n_claims` claims, {glue:text}`n_claims_matches` match, {glue:text}`n_claims_differs`
# differ, {glue:text}`n_claims_not_comparable` cannot be compared because our data measure
# something else, and {glue:text}`n_claims_not_available` have no recorded value in this build.
#
# A claim about a sign and significance matches when our coefficient is negative with a
# p-value below {glue:text}`significance_level`. A count matches when it lies within the tolerance that the claims table
# states. The reason column explains why a claim differs.

# %%
table = report[["claim", "place_in_study", "study_value", "our_value", "status", "reason"]].rename(
    columns={
        "claim": "Claim",
        "place_in_study": "Where in the study",
        "study_value": "Study",
        "our_value": "This build",
        "status": "Status",
        "reason": "Reason",
    }
)
glue_table("reproduction_table", table, index=False)

# %% [markdown]
# ~~~~{table} The study's claims against this build's values.
# :name: tbl-reproduction
# :widths: 26 14 10 12 9 29
#
# ```{glue:md} reproduction_table
# :format: myst
# ```
# ~~~~
#
# ```{warning}
# Our inputs differ from the study's. EuRepoC release 1.1 replaces the later release the
# study used, and our candidate table, compiled from public pages, misses losers in several
# regions and years. The GCI comes from third-party transcriptions. No Zone-H archive is
# available, so the hacker-level model runs on CISSM and EuRepoC events from 2014 on. The
# [known issues](../book/known_issues.md) page lists every difference.
# ```
