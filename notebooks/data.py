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
# # Incident data and the country-year panel
#
# This chapter builds the data of Models 1 and 2. For every state and year from 2000 to 2022 it
# counts the cyber operations by non-state actors based in that state, marks whether the state
# was standing for an ITU elected body, and adds three controls. Every coding rule below was fixed
# from the study's description before any model was estimated, and each has a unit test on a
# small hand-made table (`tests/test_eurepoc.py`, `tests/test_controls.py`,
# `tests/test_panel.py`).

# %% tags=["parameters"]
elections = [2002, 2006, 2010, 2014, 2018, 2022]
first_year = 2000
last_year = 2022
include_inferred_candidacies = False
internet_threshold = 25

# %% tags=["remove-cell"]
# Check the parameters before any data are read, so a bad value stops the run at once.
from lib import itu

# EuRepoC 1.1 incidents start in 2000, the journal-article file ends in 2022, and the registry
# requires every year 2000-2022 in the other WDI files, so the panel can cover 2000-2022 only.
DATA_FIRST_YEAR, DATA_LAST_YEAR = 2000, 2022


def is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


if not isinstance(elections, list) or not elections:
    raise ValueError(
        f"Invalid elections {elections!r}: give a non-empty list of ITU election years from "
        f"{list(itu.ELECTION_YEARS)}, such as [2014, 2018]."
    )
invalid_elections = [year for year in elections if not is_integer(year) or year not in itu.ELECTION_YEARS]
if invalid_elections:
    raise ValueError(
        f"Invalid elections {elections!r}: {invalid_elections} are not ITU election years; use years from "
        f"{list(itu.ELECTION_YEARS)}."
    )
for name, value in (("first_year", first_year), ("last_year", last_year)):
    if not is_integer(value) or not DATA_FIRST_YEAR <= value <= DATA_LAST_YEAR:
        raise ValueError(
            f"Invalid {name} {value!r}: give a year from {DATA_FIRST_YEAR} to {DATA_LAST_YEAR}. The EuRepoC "
            f"incidents start in {DATA_FIRST_YEAR} and the WDI controls end in {DATA_LAST_YEAR}."
        )
if first_year > last_year:
    raise ValueError(f"Invalid years: first_year {first_year} is after last_year {last_year}.")
if not isinstance(include_inferred_candidacies, bool):
    raise ValueError(
        f"Invalid include_inferred_candidacies {include_inferred_candidacies!r}: give true or false "
        "(a YAML or Python bool, not a string)."
    )
if isinstance(internet_threshold, bool) or not isinstance(internet_threshold, (int, float)) or not 0 <= internet_threshold <= 100:
    raise ValueError(
        f"Invalid internet_threshold {internet_threshold!r}: give a percentage of internet users from 0 to 100."
    )

# %% tags=["remove-cell"]
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from myst_nb import glue

from lib import controls, eurepoc, itu, panel, panel_models, paths
from lib.results import Results
from lib.display import glue_table

plt.style.use("seaborn-v0_8-whitegrid")
pd.set_option("display.width", 110)
pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 120)
warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm's notice about Jupyter widgets
results = Results("data")


# %% [markdown]
# ## Incidents
#
# The incidents come from the European Repository of Cyber Incidents (EuRepoC), Global
# Database 1.1: a global table with one row per incident, an attribution table with one row per
# attribution, and a receiver table with one row per target.

# %%
tables = eurepoc.read_eurepoc_tables()
results.report("n_incidents_total", len(tables.global_table), "incidents", "Incidents in EuRepoC 1.1")
results.report("n_attributions_total", len(tables.attribution), "attributions", "Rows of the EuRepoC 1.1 attribution table")
results.report("n_receivers_total", len(tables.receiver), "receivers", "Rows of the EuRepoC 1.1 receiver table")
latest_start = pd.to_datetime(tables.global_table["start_date"]).max()
glue("eurepoc_latest_start", latest_start.strftime("%d %B %Y"), display=False)

# %% [markdown]
# EuRepoC 1.1 lists {glue:text}`n_incidents_total:,` incidents with
# {glue:text}`n_attributions_total:,` attributions and {glue:text}`n_receivers_total:,` receivers.
#
# ```{warning}
# This is EuRepoC release 1.1 ({glue:text}`n_incidents_total:,` incidents, the latest starting on
# {glue:text}`eurepoc_latest_start`). The study used a later and larger release (release 1.3
# has about 3,400 incidents), which could not be obtained here. Counts are lower throughout, and
# incidents that EuRepoC added or recoded after release 1.1 are missing.
# ```
#
# ### Rule 1 and rule 4: non-state initiators based in a state
#
# An attribution counts when EuRepoC codes the initiator as a "Non-state-group" or as
# "Individual hacker(s)". Non-state actors with a suggested state affiliation (proxies),
# states, and unknown, not available or missing categories do not count. The attribution table
# pairs each initiator's country with its category, so the counts use it. The list cells of the
# global table are not aligned by position and are not used. An incident and initiator country
# named by several qualifying attributions count once.
#
# Some qualifying attributions name a region, an organisation, a non-state entry (ISIS) or no
# known country as the initiator's country. They are dropped, and {numref}`tbl-data-dropped`
# counts them.
# States outside the ITU membership (Palestine, Taiwan, Hong Kong, Kosovo) stay in the counts
# but can never be candidates.

# %%
category = tables.attribution["attributed_initiator_category"]
nonstate_incidents = tables.attribution.loc[category.isin(eurepoc.NONSTATE_CATEGORIES), "incident_ID"].nunique()
pairs, dropped = eurepoc.nonstate_initiators(tables.attribution)
results.report("n_attributions_nonstate", int(category.isin(eurepoc.NONSTATE_CATEGORIES).sum()), "attributions",
               "Attribution rows with a non-state category (non-state group or individual hackers)")
results.report("n_incidents_nonstate", nonstate_incidents, "incidents",
               "Incidents with at least one non-state attribution")
results.report("n_dropped_initiator_rows", int(dropped["rows"].sum()), "attributions",
               "Non-state attribution rows dropped because the initiator country is not a state")
results.report("n_dropped_unknown", int(dropped.set_index("reason").loc[eurepoc.INITIATOR_DROP_REASONS["unknown"], "rows"]),
               "attributions", "Non-state attribution rows dropped because the initiator country is unknown or not available")
results.report("n_incidents_nonstate_state", pairs["ID"].nunique(), "incidents",
               "Incidents with at least one non-state initiator based in a state")
results.report("n_incident_country_pairs", len(pairs), "incident-country pairs",
               "Distinct incident and initiator-country pairs of non-state incidents")
glue_table("tbl_data_dropped", dropped.set_index("reason"))

# %% [markdown]
# ~~~~{table} Non-state attribution rows dropped because the initiator country is not a state, with the distinct incidents among them.
# :name: tbl-data-dropped
#
# ```{glue:md} tbl_data_dropped
# :format: myst
# ```
# ~~~~
#
# Of the {glue:text}`n_attributions_nonstate:,` non-state attributions, covering
# {glue:text}`n_incidents_nonstate:,` incidents, {glue:text}`n_dropped_initiator_rows:,` are
# dropped because their country is not a state ({glue:text}`n_dropped_unknown:,` of them name
# "Unknown" or "Not available").
# {glue:text}`n_incidents_nonstate_state:,` incidents keep at least one non-state initiator
# based in a state, giving {glue:text}`n_incident_country_pairs:,` incident / initiator-country
# pairs.
#
# ### Rule 2 and rule 3: years and targets
#
# An incident counts once in every calendar year from the year of its start date to the year
# of its end date. A missing end date, or one before the start date, gives the start year only;
# an incident without a start date is dropped. Each distinct receiver country of the incident
# is one target, whether a state, a region such as "Eastern Europe" or "EU (region)", or an
# international organisation such as "United Nations Organization": a region or organisation
# counts once, never once per member. The placeholders "Unknown" and "Not available" are
# ignored when the incident has another target. An incident with placeholder targets only, or
# without a receiver row, counts as one pair with an unknown target. The yearly count of a
# country is the sum, over its qualifying incidents active in that year, of their number of
# targets. {numref}`tbl-data-defects` lists how often each of these rules applied.

# %%
outcome = eurepoc.count_nonstate_pairs(
    tables.global_table, tables.attribution, tables.receiver, first_year=first_year, last_year=last_year
)
glue_table("tbl_data_defects", outcome.defects.set_index("check"))

# %% [markdown]
# ~~~~{table} Dates and targets of the incidents with a non-state initiator based in a state: checks, the rule applied and the number of incidents.
# :name: tbl-data-defects
#
# ```{glue:md} tbl_data_defects
# :format: myst
# ```
# ~~~~

# %%
defects = outcome.defects.set_index("check")["incidents"]
results.report("n_end_before_start", int(defects["end_date before start_date"]), "incidents",
               "Qualifying incidents whose end date precedes the start date (start year only)")
results.report("n_missing_start", int(defects["start_date missing"]), "incidents",
               "Qualifying incidents without a start date (dropped)")
results.report("n_outside_window", int(defects["no year inside the study window"]), "incidents",
               "Qualifying incidents with no year inside the study window")
results.report("n_unknown_target", int(defects["placeholder targets only"] + defects["no receiver row"]), "incidents",
               "Qualifying incidents counted as one pair with an unknown target")
results.report("n_pairs_total", int(outcome.counts["n_pairs"].sum()), "pairs",
               f"Initiator-country / target pairs of non-state incidents, summed over {first_year}-{last_year}")
results.report("n_incident_years_total", int(outcome.counts["n_incidents"].sum()), "incident-country-years",
               f"Incident-country-years of non-state incidents, summed over {first_year}-{last_year}")
results.report("n_initiator_states", outcome.counts["iso3"].nunique(), "states",
               "States with at least one non-state incident in the study window");

# %% [markdown]
# {glue:text}`n_end_before_start` qualifying incidents end before they start and count in
# their start year only, {glue:text}`n_missing_start` lack a start date, and
# {glue:text}`n_outside_window` lie wholly after {glue:text}`last_year_shown`.
# {glue:text}`n_unknown_target` count as one pair with an unknown target. Summed over the years
# and the {glue:text}`n_initiator_states` initiator states, the outcome has
# {glue:text}`n_pairs_total:,` initiator-country / target pairs
# ({glue:text}`n_incident_years_total:,` incident-country-years).
#
# A long incident with many targets adds many pairs, so a few incidents weigh heavily. The
# five incident / initiator-country pairs that contribute most to the total are in
# {numref}`tbl-data-top`.

# %%
glue("last_year_shown", last_year, display=False)
contributions = outcome.incident_countries.assign(
    years_in_window=lambda frame: frame["last_year"].clip(upper=last_year) - frame["first_year"].clip(lower=first_year) + 1
).query("years_in_window > 0")
contributions = contributions.assign(pairs=contributions["n_targets"] * contributions["years_in_window"])
top = contributions.nlargest(5, "pairs").merge(tables.global_table[["ID", "name"]], on="ID")
share_top = 100 * top["pairs"].iloc[0] / contributions["pairs"].sum()
results.report("largest_incident_pairs", int(top["pairs"].iloc[0]), "pairs", "Pairs contributed by the largest single incident-country")
results.report("largest_incident_share", float(share_top), "percent", "Share of all pairs contributed by the largest single incident-country")
glue_table("tbl_data_top", top[["ID", "name", "iso3", "first_year", "last_year", "n_targets", "pairs"]].set_index("ID"))

# %% [markdown]
# ~~~~{table} The five incident / initiator-country pairs that contribute most initiator-country / target pairs: years active (before the cut to the study window), targets and pairs in the window.
# :name: tbl-data-top
#
# ```{glue:md} tbl_data_top
# :format: myst
# ```
# ~~~~
#
# The largest single incident / initiator-country pair contributes
# {glue:text}`largest_incident_pairs` pairs, {glue:text}`largest_incident_share:.1f` percent of
# the total.
#
# ## Candidates for ITU elected bodies
#
# A state is a candidate in an election year when it stood for the ITU Council, the Radio
# Regulations Board, Secretary-General, Deputy Secretary-General or a Bureau director, whether
# it won or lost. Its spell for that election is the election year and the three years before
# it, cut at {glue:text}`first_year_shown`. A country-year inside a spell is a candidate year.

# %%
glue("first_year_shown", first_year, display=False)
candidacies = panel.candidacy_table(elections, include_inferred=include_inferred_candidacies)
spells = itu.build_spells(candidacies, first_year, last_year)
to_2018 = candidacies[candidacies["election_year"] <= 2018]
results.report("n_candidate_countries", to_2018["iso3"].nunique(), "countries",
               "Countries that stood for an ITU elected body at least once in 2002-2018 (our table)")
results.report("n_candidate_countries_all", candidacies["iso3"].nunique(), "countries",
               "Countries that stood for an ITU elected body at least once in the elections used")
results.report("n_candidacies", len(candidacies), "candidacies", "Country-election candidacies")
results.report("n_spells", spells["spell_id"].nunique(), "spells", "Country-election spells")
results.report("n_spell_years", len(spells), "country-years", "Country-years inside spells")
results.report("n_inferred_only", int(candidacies["inferred_only"].sum()), "candidacies",
               "Candidacies supported only by inferred membership")
per_election = candidacies.groupby("election_year").size().rename("candidate countries").to_frame().T
per_election.index.name = ""
glue_table("tbl_data_candidacies", per_election)

# %% [markdown]
# ~~~~{table} Countries that stood for at least one ITU elected body, by election (our table).
# :name: tbl-data-candidacies
#
# ```{glue:md} tbl_data_candidacies
# :format: myst
# ```
# ~~~~
#
# In our table {glue:text}`n_candidate_countries` countries stood at least once in 2002-2018
# and {glue:text}`n_candidate_countries_all` in all the elections used, giving
# {glue:text}`n_candidacies` candidacies, {glue:text}`n_spells` spells and
# {glue:text}`n_spell_years:,` candidate country-years.
#
# ```{warning}
# The treatment lists are incomplete. The study counts 101 countries that stood in 2002-2018;
# our table, compiled from public web pages, has {glue:text}`n_candidate_countries`. Losing
# candidates are missing for several regions and years (for example the Council losers of
# Regions A, B and C in 2014, and of Regions A and B in 2022), so some candidate years are coded as
# non-candidate years here. `data/itu/SOURCES.md` lists the coverage by year and body.
# Candidacies that no source reports directly but that others imply (such as "fifth
# consecutive term") are left out by default. The parameter `include_inferred_candidacies`
# adds them as a robustness option.
# ```
#
# ## Controls
#
# Model 2 adds three World Development Indicators (WDI) series, transformed as fixed before any
# model was run: ICT service exports (balance of payments) in million current US dollars,
# logged as ln(1 + x); scientific and technical journal articles, logged as ln(1 + x); and
# individuals using the Internet, in percent of the population, untransformed. Regional and
# income aggregates are dropped using the WDI country metadata (rows with an empty region).
# Nothing is imputed: Model 2 uses the country-years with all three controls (listwise
# deletion).

# %%
wdi = controls.read_wdi_controls(first_year, last_year)
wdi_summary = wdi.drop(columns="year").describe().T[["count", "mean", "min", "max"]]
wdi_summary = wdi_summary.assign(count=wdi_summary["count"].astype(int)).round(3)
wdi_summary.index.name = "series"
glue_table("tbl_data_wdi", wdi_summary)

# %% [markdown]
# ~~~~{table} WDI controls of all World Bank economies in the study window (country-years with a value, mean, minimum, maximum).
# :name: tbl-data-wdi
#
# ```{glue:md} tbl_data_wdi
# :format: myst
# ```
# ~~~~
#
# ```{warning}
# The WDI files are later vintages than the study's (ICT service exports updated in February
# 2026, internet users in July 2026), and the journal-article series comes from a long file
# that a third party derived from WDI. The World Bank revises past values between vintages, so
# the controls, and the rows that have all three, differ somewhat from the study's. Journal
# article counts of zero are kept as recorded, although some of them may be gaps that were
# filled with zero (for example Serbia and Montenegro before 2007 and South Sudan before 2011).
# ```
#
# ## The country-year panel
#
# The panel has every UN member state (country_converter's `UNmember` column) plus any other
# state that EuRepoC names as the country of a non-state initiator, for every year from
# {glue:text}`first_year_shown` to {glue:text}`last_year_shown`. A country-year without a
# qualifying incident has a count of zero. States that joined the UN after 2000 are in the
# panel for every year. Besides the outcome (pairs), the panel keeps the number of distinct
# incidents per country-year.

# %%
country_years = panel.build_country_year_panel(
    outcome.counts, spells, wdi, candidacies,
    first_year=first_year, last_year=last_year, internet_threshold=internet_threshold,
)
paths.TABLES_DIR.mkdir(parents=True, exist_ok=True)
country_years.to_csv(paths.COUNTRY_YEAR_PANEL_CSV, index=False, lineterminator="\n")
panel.PANEL_DICTIONARY.to_csv(paths.COUNTRY_YEAR_DICTIONARY_CSV, index=False, lineterminator="\n")
assert country_years["n_pairs"].sum() == outcome.counts["n_pairs"].sum(), "pairs lost in the panel"

countries_in_panel = country_years.drop_duplicates("iso3")
results.report("n_panel_countries", len(countries_in_panel), "countries", "Countries in the panel")
results.report("n_panel_rows", len(country_years), "country-years", "Rows of the country-year panel")
results.report("n_panel_non_un", int((countries_in_panel["un_member"] == 0).sum()), "countries",
               "Non-UN states in the panel (initiator countries only)")
results.report("n_ever_candidate", int(countries_in_panel["ever_candidate"].sum()), "countries",
               "Countries that stood at least once in the elections used")
results.report("n_high_internet", int(countries_in_panel["high_internet"].sum()), "countries",
               f"Countries averaging at least {internet_threshold} percent internet users in 2000-2018")
results.report("share_zero_rows", float(100 * (country_years["n_pairs"] == 0).mean()), "percent",
               "Share of country-years without a non-state incident")
example_rows = country_years.loc[
    country_years["n_pairs"] > 0, ["iso3", "country", "year", "n_pairs", "n_incidents", "candidate", "spell_id"]
].head()
glue_table("tbl_data_rows", example_rows.set_index("iso3"))

# %% [markdown]
# The panel has {glue:text}`n_panel_rows:,` country-years of {glue:text}`n_panel_countries`
# countries ({glue:text}`n_panel_non_un` of them not UN members);
# {glue:text}`share_zero_rows:.1f` percent of the country-years have no non-state incident.
# Download the panel, {download}`country_year_panel.csv <../tables/country_year_panel.csv>`,
# and its data dictionary (column, description, unit, source),
# {download}`country_year_panel_dictionary.csv <../tables/country_year_panel_dictionary.csv>`.
# {numref}`tbl-data-rows` shows the first country-years with an incident and
# {numref}`tbl-data-dictionary` the dictionary.
#
# ~~~~{table} The first country-years of the panel with a non-state incident (some columns).
# :name: tbl-data-rows
#
# ```{glue:md} tbl_data_rows
# :format: myst
# ```
# ~~~~

# %%
glue_table("tbl_data_dictionary", panel.PANEL_DICTIONARY.set_index("column"))

# %% [markdown]
# ~~~~{table} Data dictionary of the country-year panel.
# :name: tbl-data-dictionary
#
# ```{glue:md} tbl_data_dictionary
# :format: myst
# ```
# ~~~~

# %% [markdown]
# ### Coverage of the controls
#
# {numref}`tbl-data-coverage` gives the share of the panel's country-years, and of the candidate
# country-years, that have each control.

# %%
control_columns = list(controls.CONTROL_COLUMNS)
coverage = pd.DataFrame(
    {
        "all country-years (%)": 100 * country_years[control_columns].notna().mean(),
        "candidate country-years (%)": 100 * country_years.loc[country_years["candidate"] == 1, control_columns].notna().mean(),
    }
)
coverage.loc["all three"] = [
    100 * country_years[control_columns].notna().all(axis=1).mean(),
    100 * country_years.loc[country_years["candidate"] == 1, control_columns].notna().all(axis=1).mean(),
]
complete_sample, removed = panel_models.spell_sample(country_years, control_columns)
journal_zeros = int((country_years["journal_articles"] == 0).sum())
results.report("wdi_coverage_ict_pct", float(coverage.iloc[0, 0]), "percent", "Panel country-years with ICT service exports")
results.report("wdi_coverage_journal_pct", float(coverage.iloc[1, 0]), "percent", "Panel country-years with journal articles")
results.report("wdi_coverage_internet_pct", float(coverage.iloc[2, 0]), "percent", "Panel country-years with internet users")
results.report("wdi_coverage_all_pct", float(coverage.iloc[3, 0]), "percent", "Panel country-years with all three controls")
results.report("wdi_coverage_all_candidate_pct", float(coverage.iloc[3, 1]), "percent", "Candidate country-years with all three controls")
results.report("n_spell_rows_incomplete", removed.rows_removed, "country-years", "Candidate country-years without all three controls")
results.report("n_spells_incomplete", removed.spells_removed, "spells", "Spells without any country-year that has all three controls")
results.report("n_countries_incomplete", removed.countries_removed, "countries", "Candidate countries without any complete country-year")
results.report("n_journal_zeros", journal_zeros, "country-years", "Panel country-years with zero journal articles recorded")
glue_table("tbl_data_coverage", coverage.round(1).rename_axis("control"))

# %% [markdown]
# ~~~~{table} Share of the panel's country-years, and of the candidate country-years, with each control and with all three (percent).
# :name: tbl-data-coverage
#
# ```{glue:md} tbl_data_coverage
# :format: myst
# ```
# ~~~~
#
# ICT service exports are the sparsest control ({glue:text}`wdi_coverage_ict_pct:.1f` percent of
# the country-years), against {glue:text}`wdi_coverage_journal_pct:.1f` percent for journal
# articles and {glue:text}`wdi_coverage_internet_pct:.1f` percent for internet users;
# {glue:text}`wdi_coverage_all_pct:.1f` percent have all three. Among candidate country-years
# the share is {glue:text}`wdi_coverage_all_candidate_pct:.1f` percent, so listwise deletion
# removes {glue:text}`n_spell_rows_incomplete` of the {glue:text}`n_spell_years:,` candidate
# country-years from Model 2, and with them {glue:text}`n_spells_incomplete` whole spells and
# {glue:text}`n_countries_incomplete` candidate countries. {glue:text}`n_journal_zeros`
# country-years record zero journal articles.
#
# ## Candidates and non-candidates over time
#
# The figure compares, year by year, the average count of non-state operations of candidate
# country-years (inside a spell) with that of the other country-years, for all states, for the
# states that stood at least once, and for the states averaging at least
# {glue:text}`internet_threshold_shown` percent internet users in 2000-2018 (the grouping of the
# study's Appendix B1).
#
# (code-fig-data-candidates)=

# %%
glue("internet_threshold_shown", internet_threshold, display=False)
glue("n_years_shown", last_year - first_year + 1, display=False)
n_stood = int(countries_in_panel["ever_candidate"].sum())
n_internet = int(countries_in_panel["high_internet"].sum())
groups = {
    "all": ("all states", f"All states ({len(countries_in_panel)})", country_years),
    "stood": ("states that stood", f"States that stood ({n_stood})", country_years[country_years["ever_candidate"] == 1]),
    "internet": (
        f"states averaging at least {internet_threshold} percent internet users",
        f"Internet users $\\geq$ {internet_threshold}% ({n_internet})",
        country_years[country_years["high_internet"] == 1],
    ),
}
figure, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharey=True)
for axis, (key, (label, title, rows)) in zip(axes, groups.items()):
    means = rows.groupby(["year", "candidate"])["n_pairs"].mean().unstack("candidate")
    results.report(f"n_years_candidates_higher_{key}", int((means[1] > means[0]).sum()), "years",
                   f"Years in which candidates average more non-state operations than non-candidates, {label}")
    axis.plot(means.index, means.get(1), marker="o", markersize=3, label="Candidates")
    axis.plot(means.index, means.get(0), marker="s", markersize=3, label="Non-candidates")
    axis.set_title(title, fontsize=10)
    axis.set_xlabel("Year")
axes[0].set_ylabel("Mean non-state operations\n(initiator / target pairs)")
handles, labels = axes[0].get_legend_handles_labels()
figure.legend(handles, labels, loc="upper center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 1.07))
figure.tight_layout()
glue("fig_data_candidates", figure, display=False)
plt.close(figure)

# %% [markdown]
# ```{glue:figure} fig_data_candidates
# :name: fig-data-candidates
#
# Yearly mean of non-state operations (initiator-country / target pairs, EuRepoC 1.1) for
# candidate country-years (inside an ITU election spell) and for the other country-years. Left:
# all states in the panel; middle: states that stood at least once; right: states averaging at
# least {glue:text}`internet_threshold_shown` percent internet users in 2000-2018. The number of
# states is in brackets. {ref}`Code <code-fig-data-candidates>`.
# ```
#
# In {numref}`fig-data-candidates` candidate country-years average more non-state operations
# than the other country-years in {glue:text}`n_years_candidates_higher_all` of the
# {glue:text}`n_years_shown` years among all states, in {glue:text}`n_years_candidates_higher_stood`
# among the states that stood, and in {glue:text}`n_years_candidates_higher_internet` among the
# states with many internet users. Candidates differ from other states in size and
# connectivity, so a comparison across states cannot isolate the effect of an election. The
# models therefore compare each candidate with itself within a spell.
