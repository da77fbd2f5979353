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
# # Case study: {glue:text}`case_title`
#
# The study illustrates its argument with five candidacies in which, it reports, the
# candidate state took measures against hackers while campaigning for an ITU elected body.
# This page takes one candidacy, set by the parameters `country` and `election_year`, and
# puts next to the study's account what our incident data show: did operations by non-state
# actors based in the country fall in the election year? The same notebook runs once for
# each case listed in `notebooks/runs.yml`; the {doc}`overview <cases_overview>` compares them.

# %% tags=["parameters", "remove-cell"]
country = "TZA"  # ISO3 code or country name
election_year = 2014

# %% tags=["remove-cell"]
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown
from myst_nb import glue

from lib import cases, itu, paths
from lib.display import BookTable
from lib.results import Results

plt.style.use("seaborn-v0_8-whitegrid")
plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 110, "font.size": 10})

candidates = itu.load_candidates()
case = cases.validate_case(country, election_year, candidates)
results = Results(case.run_id)
candidacy = cases.candidacy_rows(candidates, case)
country_name = candidacy["country"].iloc[0]
country_text = cases.country_in_text(country_name)  # "the Philippines" inside a sentence
glue("case_title", f"{country_name}, {case.election_year}", display=False)
glue("country_text", country_text, display=False)
results.report("election_year", case.election_year, "year", "ITU election year of the case");

# %% [markdown]
# ## The candidacy
#
# The candidacy as our ITU candidates table (`data/itu/candidates.csv`) records it, one row
# per elected body that {glue:text}`country_text` stood for. An empty result or vote cell
# means that no source read for the table reports it.

# %% tags=["remove-cell"]
result_words = {1.0: "elected", 0.0: "not elected"}
candidacy_table = pd.DataFrame(
    {
        "Body": candidacy["body"],
        "Region": candidacy["region"].fillna(""),
        "Result": candidacy["elected"].map(result_words).fillna(""),
        "Votes": candidacy["votes"].map(lambda votes: "" if pd.isna(votes) else f"{votes:.0f}"),
        "Source": candidacy["source"],
    }
)
glue("tbl_candidacy", BookTable(candidacy_table), display=False)

# %% tags=["remove-cell"]
study_only = cases.study_only_bodies(candidacy)
if study_only:
    detail = pd.read_csv(paths.ITU_CANDIDATES_DETAIL_CSV, dtype={"note": str})
    notes = detail.loc[
        (detail["iso3"] == case.iso3) & (detail["year"] == case.election_year) & detail["body"].isin(study_only), "note"
    ].dropna()
    candidacy_note = (
        "```{warning}\n"
        f"The study itself is the only source for this candidacy ({', '.join(study_only)}). "
        + "".join(f"The candidates table notes: {note}. " for note in notes)
        + "`data/itu/SOURCES.md` gives the details.\n"
        "```"
    )
else:
    candidacy_note = "Each row has a source other than the study."
glue("candidacy_note", Markdown(candidacy_note), display=False)

# %% [markdown]
# **Table.** The candidacy in the ITU candidates table.
#
# ```{glue} tbl_candidacy
# ```
#
# ```{glue:md} candidacy_note
# :format: myst
# ```

# %% [markdown]
# ## Operations from the country around the election
#
# Two yearly counts follow the country through the years around the election:
#
# - **Non-state operations (EuRepoC 1.1)**: initiator-country / target pairs of incidents
#   whose initiator EuRepoC codes as a non-state group or individual hackers based in the
#   country, the outcome of the study's Models 1 and 2 (column `n_pairs` of the country-year
#   panel built on the {doc}`incident data <data>` page).
# - **Events of listed hacker groups**: events of the named groups that the
#   {doc}`hacker-level <hacker_model>` page attributes to the country, from
#   {glue:text}`group_event_sources`, summed over the groups (`hacker_group_events.csv`). With
#   the default source these are the events selected there as defacements: CISSM
#   `Message Manipulation` events and EuRepoC `Disruption` incidents.
#
# The spell is the election year and the three years before it. The two years on either side
# are drawn lighter for context where the data cover them.
#
# **The rule**, fixed before any case was looked at (`lib/cases.py`): the count *fell* when
# the election-year count is below the mean of the three years before. There is no verdict
# when the data do not cover all four spell years, or when the four years together hold fewer
# than {glue:text}`min_spell_events` events.

# %%
panel = pd.read_csv(paths.COUNTRY_YEAR_PANEL_CSV)
dictionary = pd.read_csv(paths.COUNTRY_YEAR_DICTIONARY_CSV).set_index("column")
group_events = pd.read_csv(paths.HACKER_EVENTS_CSV)
groups = pd.read_csv(paths.HACKER_GROUPS_CSV)

operations = cases.country_year_counts(panel, case.iso3, "n_pairs")
group_counts, n_groups = cases.group_year_counts(group_events, case.iso3)
country_groups = groups.loc[groups["iso3"] == case.iso3, "group"].sort_values().tolist()
BookTable(dictionary.loc[["n_pairs"], ["description", "unit", "source"]].reset_index())

# %% tags=["remove-cell"]
series_counts = {"operations": operations, "group_events": group_counts}
data_years = {key: (int(counts.index.min()), int(counts.index.max())) for key, counts in series_counts.items()}
windows = {
    key: cases.event_time_window(counts, case.election_year, *data_years[key])
    for key, counts in series_counts.items()
}
comparisons = {key: cases.compare_election_year(window, case.election_year) for key, window in windows.items()}

paths.CASE_WINDOWS_DIR.mkdir(parents=True, exist_ok=True)
pd.concat(
    [window.assign(series=key) for key, window in windows.items()], ignore_index=True
).to_csv(cases.window_file(case.run_id), index=False, lineterminator="\n")

glue("group_event_sources", " and ".join(cases.event_sources(group_events)), display=False)
glue("min_spell_events", cases.MIN_SPELL_EVENTS, display=False)
results.report("n_groups", n_groups, "groups", "Listed hacker groups attributed to the country")
for key, comparison in comparisons.items():
    label = cases.SERIES_LABELS[key]
    first_year, last_year = data_years[key]
    results.report(f"{key}_first_data_year", first_year, "year", f"{label}: first year of the data")
    results.report(f"{key}_last_data_year", last_year, "year", f"{label}: last year of the data")
    for offset, count in comparison.spell_counts.items():
        name = cases.SPELL_COUNT_NAMES[offset]
        results.report(f"{key}_{name}", count, "count", f"{label}: count {-offset} year(s) before the election" if offset else f"{label}: count in the election year")
    if comparison.mean_before is not None:
        results.report(f"{key}_mean_before", comparison.mean_before, "count", f"{label}: mean count of the three years before the election")
    results.report(f"{key}_spell_events", comparison.spell_events, "count", f"{label}: sum over the spell years that the data cover")
    results.report(f"{key}_years_covered", len(comparison.spell_counts), "years", f"{label}: spell years inside the data years")
    results.report(f"{key}_verdict_code", comparison.result_code, "code", f"{label}: 1 if the count fell in the election year, 0 if not, NA without a verdict")

# %% tags=["remove-cell"]
labels = {
    "operations": f"Non-state operations from {country_text} in EuRepoC 1.1",
    "group_events": f"Events of listed hacker groups from {country_text}",
}
for key, comparison in comparisons.items():
    glue(f"narrative_{key}", cases.describe_comparison(comparison, labels[key]), display=False)
if n_groups:
    group_sentence = f"The groups attributed to {country_text} are: {', '.join(country_groups)}."
else:
    group_sentence = (
        f"No listed hacker group is attributed to {country_text}, so its group count is zero in every year "
        "by construction, not because the databases record no hacking from the country."
    )
glue("group_sentence", group_sentence, display=False)

# %% tags=["hide-input"]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
for ax, (key, window) in zip(axes, windows.items()):
    cases.draw_window(ax, window, case.election_year, *data_years[key], mean_before=comparisons[key].mean_before)
    ax.set_title(cases.SERIES_LABELS[key], fontsize=10)
axes[0].set_ylabel("Count per year")
fig.tight_layout()
glue("fig_case_window", fig, display=False)
plt.close(fig)

# %% [markdown]
# ```{glue:figure} fig_case_window
#
# Counts per year around the election of {glue:text}`case_title`: the three years before the
# election (blue), the election year (red) and the two years on either side (light blue).
# A short foot marks a year with no event; the dashed line is the mean of the three years
# before. Grey years lie outside the data. The code cell above this figure made it.
# ```
#
# {glue:text}`narrative_operations`
#
# {glue:text}`narrative_group_events` {glue:text}`group_sentence`
#
# ```{warning}
# These counts differ from the study's in three ways. The incident counts come from EuRepoC
# release 1.1, not the later and larger release the study used, so incidents that EuRepoC
# added after release 1.1 are missing. CISSM starts in 2014, so the group events cover
# 2014-2022 only: for an election in 2014 only the election year has group events, and no
# verdict is possible. The groups are those that two of EuRepoC, CISSM and the MISP galaxy
# place in the same country (the rule on the {doc}`hacker-level <hacker_model>` page), not the
# Zone-H notifiers of the study's appendix; a group's events count for its country wherever
# its targets were.
# ```

# %% tags=["remove-cell"]
counts_table = (
    pd.concat([window.set_index("year")["count"].rename(cases.SERIES_LABELS[key]) for key, window in windows.items()], axis=1)
    .sort_index()
    .astype("Int64")
)
periods = pd.concat([window.set_index("year")["period"] for window in windows.values()]).groupby(level=0).first()
counts_table.insert(0, "Period", periods.map({"before": "before the election", "election": "election year", "around": "around the spell"}))
counts_table = counts_table.reset_index().rename(columns={"year": "Year"}).astype(str).replace("<NA>", "no data")
glue("tbl_case_counts", BookTable(counts_table), display=False)

# %% [markdown]
# **Table.** Counts per year around the election; "no data" marks years outside the years that
# a source covers.
#
# ```{glue} tbl_case_counts
# ```

# %% [markdown]
# ## Measures the study reports
#
# The study describes the measures below for this candidacy. The facts are as reported by the
# study (Joyce 2025, doi:10.1177/00220027251323557), in our words. The last column gives the
# sources that the study cites for them; we have not read those sources. Dates are as the
# study gives them. The numbers in the table are quoted from the study, not computed here.

# %% tags=["remove-cell"]
measures = cases.case_measures(cases.load_measures(), case)
measures_table = measures[["date", "measure", "study_citation"]].rename(
    columns={"date": "Date", "measure": "Measure", "study_citation": "Cited by the study"}
)
measures_table["Date"] = measures_table["Date"].replace("", "not given")
glue("tbl_case_measures", BookTable(measures_table), display=False)
glue(
    "measures_sentence",
    "The study reports no measure for this candidacy, so the table is empty." if measures.empty
    else "The table lists the measures in date order; undated ones come last.",
    display=False,
)

# %% [markdown]
# {glue:text}`measures_sentence`
#
# **Table.** Measures against hackers and campaign statements reported by the study for
# {glue:text}`case_title`.
#
# ```{glue} tbl_case_measures
# ```
