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
# # Hacker-level model: defacements by named groups
#
# The study's second test moves from countries to hackers. For each hacker with a known
# country of origin it counts website defacements per year. A negative binomial regression
# (Model 3) then compares the year in which that country is a candidate for an ITU elected
# body with the three years before it, within each hacker-election spell. The study used
# {glue:text}`study_hacker_groups` Zone-H notifiers with {glue:text}`study_defacements:,`
# defacements in 2000-2022, attributed to countries through
# EuRepoC and the CISSM Cyber Events Database, and reports an average marginal effect of
# {glue:text}`study_model3_ame` attacks in the election year over
# {glue:text}`study_hacker_spells` hacker spells.
#
# :::{warning}
# **This page does not use Zone-H.** No copy of the Zone-H archive could be obtained for this
# book, so the default build (`event_source = "cissm_eurepoc"`) counts events of named groups
# in two curated incident databases instead:
#
# - CISSM events whose subtype is `Message Manipulation`, CISSM's category for defacement,
#   plus EuRepoC incidents of type `Disruption` (EuRepoC has no separate defacement type);
# - only the years 2014-2022, because CISSM starts in 2014, so only the 2018 and 2022
#   elections have complete spells, where the study also had the elections of 2002-2014;
# - CISSM and EuRepoC record operations that the news and threat reports covered, not every
#   defacement that a hacker registered with Zone-H, so they hold far fewer events per group
#   and favour prominent campaigns;
# - the group list is built here from EuRepoC, CISSM and the MISP threat-actor galaxy with
#   the rule stated below, not taken from the study's Appendix A2, and CISSM's actor country
#   is often the victim's country.
#
# The estimates below therefore test the study's hypothesis on other data. They are not a
# replication of Model 3. With a Zone-H export, set `event_source = "zoneh"` and
# `zoneh_file` (see the last section); the cell after the parameters states which source
# this build used.
# :::

# %% tags=["parameters"]
from lib.defacements import EventSource

event_source: EventSource = "cissm_eurepoc"  # "cissm_eurepoc" or "zoneh"
zoneh_file = None  # CSV export of Zone-H notifications, one row per defacement
notifier_countries_file = None  # CSV notifier,iso3 (or notifier,country); None: the group list below
zoneh_notifier_column = "Notify"
zoneh_date_column = "Date"
zoneh_url_column = "URL"
zoneh_date_format = None  # pandas format such as "%Y-%m-%d"; None infers it from the first row
zoneh_on_bad_date = "raise"  # "raise" or "drop"
near_miss_threshold = 0.85
bootstrap_draws = 1000
seed = 20250323

# %% tags=["remove-cell"]
import csv
import json
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from myst_nb import glue

from lib import count_models, defacements, hacker_groups, itu, paths, registry, reproduction
from lib.display import BookTable, glue_table
from lib.regression_table import format_regression_table
from lib.results import Results

pd.set_option("display.max_rows", 500)
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 120)
plt.style.use("seaborn-v0_8-whitegrid")
plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 110, "font.size": 10})

if event_source not in defacements.EVENT_SOURCES:
    raise ValueError(f"Invalid event_source {event_source!r}; use one of {defacements.EVENT_SOURCES}.")
if event_source == "zoneh" and zoneh_file is None:
    raise ValueError("event_source='zoneh' needs zoneh_file, the path of a Zone-H export.")
for name, value in (("zoneh_file", zoneh_file), ("notifier_countries_file", notifier_countries_file),
                    ("zoneh_date_format", zoneh_date_format)):
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"Invalid {name} {value!r}: give a non-empty string, or None.")
for name, value in (("zoneh_notifier_column", zoneh_notifier_column), ("zoneh_date_column", zoneh_date_column),
                    ("zoneh_url_column", zoneh_url_column)):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"Invalid {name} {value!r}: give the name of a column of the Zone-H export.")
if zoneh_on_bad_date not in ("raise", "drop"):
    raise ValueError(f"Invalid zoneh_on_bad_date {zoneh_on_bad_date!r}; use 'raise' or 'drop'.")
if isinstance(near_miss_threshold, bool) or not isinstance(near_miss_threshold, (int, float)) or not 0 < near_miss_threshold <= 1:
    raise ValueError(
        f"Invalid near_miss_threshold {near_miss_threshold!r}: give a difflib similarity ratio greater than 0 and at most 1."
    )
if isinstance(bootstrap_draws, bool) or not isinstance(bootstrap_draws, int) or bootstrap_draws < 1:
    raise ValueError(f"Invalid bootstrap_draws {bootstrap_draws!r}: give a positive whole number of draws, such as 1000.")
if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
    raise ValueError(f"Invalid seed {seed!r}: give a non-negative whole number, such as 20250323.")

results = Results("hacker_model")
reproduction.glue_study_values()  # the study's values quoted in the text, from data/study/claims.csv
paths.TABLES_DIR.mkdir(parents=True, exist_ok=True)


def short_name(name: str, width: int = 40) -> str:
    """Shorten a long group name for a table cell; the CSV files keep the full names."""
    return textwrap.shorten(name, width, placeholder=" ...")


def short_codes(codes: str, shown: int = 6) -> str:
    """Keep the first country codes of a comma-separated list and count the rest."""
    parts = [code for code in codes.split(", ") if code]
    return ", ".join(parts[:shown]) + (f" (+{len(parts) - shown} more)" if len(parts) > shown else "")

# %% tags=["remove-input"]
if event_source == "zoneh":
    source_note = (
        f"This build counts defacements from the Zone-H export `{zoneh_file}`, with notifier countries "
        + (f"from `{notifier_countries_file}`." if notifier_countries_file else "from the group list below.")
    )
else:
    source_note = (
        "This build uses the default source: CISSM `Message Manipulation` events and EuRepoC "
        "`Disruption` incidents of the listed groups, 2014-2022."
    )
display(Markdown(f"**Event source of this build.** {source_note}"))

# %% [markdown]
# ## Groups with a country of origin
#
# Three independent sources name non-state hacker groups and their countries:
#
# - **EuRepoC**: the attribution table of EuRepoC 1.1 and the newer EuRepoC dashboard
#   extract, taken together as one source because they come from the same project. Only
#   attributions in the categories `Non-state-group` and `Individual hacker(s)` count;
#   `Non-state actor, state-affiliation suggested` does not.
# - **CISSM**: the named actors of the CISSM export and of its dated subset, again one source.
# - **MISP**: the threat-actor galaxy, with ISO2 `meta.country` and `meta.synonyms`.
#
# **Inclusion rule.** A group enters the list when at least two of the three sources name
# the same state as its country and no source names another state. CISSM may be one of the
# two, but a group that only CISSM places never enters, because CISSM's `actor_country` is
# often the victim's country. Regions, organisations and placeholders such as `Unknown` do
# not count as naming a country. A group that EuRepoC codes as `State` or CISSM as
# `Nation-State` in any record is left out, because the study is about non-state hackers.
#
# **Name matching.** Names are compared after normalisation (accents removed, lower case,
# letters and digits only, so `Turk Hack Team` and `TurkHackTeam` agree) and merged through
# MISP synonym lists, and through nothing else. EuRepoC names joined by slashes and CISSM
# actors joined by semicolons are split into separate names. Pairs of names in different
# groups whose `difflib` similarity ratio is at least {glue:text}`near_miss_threshold:.2f`
# are listed below as near misses: they were **not** merged.

# %%
attribution = registry.read_csv("eurepoc_attribution")
dashboard = registry.read_csv("eurepoc_dashboard_initiators")
cissm = registry.read_csv("cissm_export")
cissm_dated_long_records = []  # records with more fields than the header, as pandas passes them to on_bad_lines


def collect_long_record(fields: list[str]) -> None:
    """Keep a record with extra fields for the check below; returning None makes pandas skip it."""
    cissm_dated_long_records.append(fields)


cissm_dated = registry.read_csv("cissm_dated_subset", engine="python", on_bad_lines=collect_long_record)
# pandas' python engine (checked with pandas 2.3.3) skips a record cut off inside a quoted
# field ("unexpected end of data") without calling on_bad_lines, so the skipped records are
# counted against the records that the csv module reads from the same file.
with open(registry.fetch("cissm_dated_subset"), newline="", encoding="utf-8-sig") as handle:
    cissm_dated_records = sum(1 for _ in csv.reader(handle)) - 1  # minus the header
cissm_dated_skipped = cissm_dated_records - len(cissm_dated)
# The registered file ends inside the description of its last record, so one record is incomplete.
CISSM_DATED_KNOWN_TRUNCATED = 1
if cissm_dated_skipped > CISSM_DATED_KNOWN_TRUNCATED:
    raise ValueError(
        f"pandas skipped {cissm_dated_skipped} malformed records of the CISSM dated subset (cissm_dated_subset), "
        f"but only the truncated last record is expected. Records with extra fields: "
        f"{len(cissm_dated_long_records)}, the first ones {cissm_dated_long_records[:3]}. Check that the file "
        "is the registered version (python -m lib.build data)."
    )
with open(registry.fetch("misp_threat_actors"), encoding="utf-8") as handle:
    misp_claims, misp_synonyms = hacker_groups.misp_claims(json.load(handle))

claims = pd.concat(
    [hacker_groups.eurepoc_claims(attribution, dashboard), hacker_groups.cissm_claims(cissm, cissm_dated), misp_claims],
    ignore_index=True,
)
selection = hacker_groups.select_groups(claims, misp_synonyms, near_miss_threshold)
decisions = selection.decisions
rule_groups = selection.groups
BookTable(decisions["status"].value_counts().rename_axis("Status").rename("Groups").reset_index())

# %% tags=["remove-cell"]
results.report("near_miss_threshold", near_miss_threshold, "ratio", "Minimum difflib ratio of a listed near miss")
results.report("n_named_groups", len(decisions), "groups", "Distinct named groups in EuRepoC, CISSM and MISP after name merging")
for status in ("included", "country conflict", "single source", "no country", "coded as state actor"):
    results.report(
        f"n_groups_{status.replace(' ', '_')}",
        int((decisions["status"] == status).sum()),
        "groups",
        f"Named groups with status '{status}' under the inclusion rule",
    )
results.report("n_near_misses", len(selection.near_misses), "pairs", "Similar names of different groups that were not merged")
results.report("n_cissm_dated_skipped", cissm_dated_skipped, "records",
               "Malformed records of the CISSM dated subset that pandas skipped");

# %% [markdown]
# Of {glue:text}`n_named_groups` named groups, {glue:text}`n_groups_included` meet the rule.
# {glue:text}`n_groups_country_conflict` are named with more than one country,
# {glue:text}`n_groups_single_source` have a country from one source only,
# {glue:text}`n_groups_no_country` have no country at all, and
# {glue:text}`n_groups_coded_as_state_actor` are coded as state actors somewhere.
# Records of the CISSM dated subset skipped as malformed: {glue:text}`n_cissm_dated_skipped`
# (the file ends in the middle of the description of its last record).
# {numref}`tbl-hacker-groups` lists the included groups.

# %%
group_table = rule_groups[["group", "iso3", "eurepoc_iso3", "cissm_iso3", "misp_iso3"]].rename(
    columns={"group": "Group", "iso3": "Country", "eurepoc_iso3": "EuRepoC", "cissm_iso3": "CISSM", "misp_iso3": "MISP"}
)
group_table["Group"] = group_table["Group"].map(short_name)
rule_groups.to_csv(paths.HACKER_GROUPS_CSV, index=False, lineterminator="\n")
decisions.to_csv(paths.HACKER_GROUP_DECISIONS_CSV, index=False, lineterminator="\n")
glue_table("tbl_hacker_groups", group_table, index=False)

# %% [markdown]
# ~~~~{table} Hacker groups with a country of origin under the inclusion rule, with the country (ISO 3166 alpha-3) that each source names for them; an empty cell means the source names the group without a state or does not name it. The study's counterpart is its Appendix A2.
# :name: tbl-hacker-groups
#
# ```{glue:md} tbl_hacker_groups
# :format: myst
# ```
# ~~~~

# %% [markdown]
# The study's Appendix A2 lists {glue:text}`study_hacker_groups` Zone-H notifiers, mostly defacement crews. The list here
# is broader in kind and narrower in size: it contains every named group that EuRepoC codes
# as non-state, so it also contains criminal ransomware groups and espionage groups that
# EuRepoC does not attribute to a state. Groups without any defacement event in the
# election spells drop out of the model below because their count is zero in every year.
# The full decision table, with the spellings merged into each group, is written to
# `hacker_group_decisions.csv` in the build's tables folder.
#
# Groups named with more than one country (long lists of codes are cut after six):

# %%
conflicts = decisions.loc[decisions["status"] == "country conflict", ["group", "eurepoc_iso3", "cissm_iso3", "misp_iso3"]]
BookTable(
    conflicts.assign(
        group=conflicts["group"].map(short_name),
        **{column: conflicts[column].map(short_codes) for column in ("eurepoc_iso3", "cissm_iso3", "misp_iso3")},
    ).rename(columns={"group": "Group", "eurepoc_iso3": "EuRepoC", "cissm_iso3": "CISSM", "misp_iso3": "MISP"})
)

# %% [markdown]
# Every near miss, most similar first. Many are spellings of one group (a missing letter, a
# suffix). The rule does not merge them, because only normalisation and MISP synonyms merge
# names, so the pairs are shown for a reader to judge how much that costs. Long names are
# shortened here; `hacker_name_near_misses.csv` in the tables folder has them in full.

# %%
selection.near_misses.to_csv(paths.HACKER_NAME_NEAR_MISSES_CSV, index=False, lineterminator="\n")
BookTable(
    pd.DataFrame(
        {
            "Name": selection.near_misses["name_a"].map(short_name),
            "Similar name": selection.near_misses["name_b"].map(short_name),
            "Ratio": selection.near_misses["similarity"],
        }
    )
)

# %% [markdown]
# ## Events
#
# **Default source.** CISSM events of the listed groups whose comma-separated
# `event_subtype` includes `Message Manipulation`, after dropping exact duplicate rows; CISSM
# dates events to the month (`2014 Jan`). An event whose actor cell names several actors
# counts for each listed group among them. To these come EuRepoC 1.1 incidents attributed to
# the same groups whose `incident_type` includes `Disruption`, counted once in every calendar
# year from the start date to the end date. The two databases share no identifier, so an
# operation that both record counts twice. The robustness variant keeps every event type of
# both databases.

# %%
if event_source == "cissm_eurepoc":
    incidents = registry.read_csv("eurepoc_global")
    first_year, last_year = 2014, 2022
    groups = rule_groups
    events = {
        event_types: pd.concat(
            [
                defacements.cissm_events(cissm, groups, event_types),
                defacements.eurepoc_events(incidents, attribution, groups, event_types),
            ],
            ignore_index=True,
        )
        for event_types in ("defacement", "all")
    }
else:
    if notifier_countries_file is None:
        notifier_countries = defacements.notifier_countries_from_groups(rule_groups)
    else:
        notifier_countries = defacements.read_notifier_countries(notifier_countries_file)
    zoneh = defacements.read_zoneh_export(
        zoneh_file,
        notifier_countries,
        defacements.ZoneHColumns(notifier=zoneh_notifier_column, date=zoneh_date_column, url=zoneh_url_column),
        date_format=zoneh_date_format,
        on_bad_date=zoneh_on_bad_date,
    )
    first_year, last_year = zoneh.first_year, zoneh.last_year
    groups = notifier_countries.drop_duplicates("group")[["group", "iso3"]].reset_index(drop=True)
    events = {"defacement": zoneh.events}
    display(BookTable(pd.Series(zoneh.dropped, name="Rows dropped").rename_axis("Reason").reset_index()))

counts = {
    event_types: defacements.count_group_years(selected, groups, first_year, last_year)
    for event_types, selected in events.items()
}
counts["defacement"].to_csv(paths.HACKER_EVENTS_CSV, index=False, lineterminator="\n")
BookTable(counts["defacement"].filter(like="events").sum().rename_axis("Column").rename("Events").reset_index())

# %% tags=["remove-cell"]
results.report("first_year", first_year, "year", "First year of the event source")
results.report("last_year", last_year, "year", "Last year of the event source")
results.report("n_groups", len(groups), "groups", "Groups with a country of origin")
results.report(
    "n_events",
    int(counts["defacement"]["events"].sum()),
    "events",
    f"Events of the listed groups in {first_year}-{last_year} (defacement selection; group-years for multi-year incidents)",
)
results.report("n_groups_with_events", int((counts["defacement"].groupby("group")["events"].sum() > 0).sum()), "groups",
               "Listed groups with at least one event in the covered years")
if event_source == "cissm_eurepoc":
    results.report("n_cissm_duplicate_rows", int(cissm.duplicated().sum()), "rows", "Exact duplicate rows dropped from the CISSM export")
    for name in ("cissm", "eurepoc"):
        results.report(
            f"n_events_{name}", int(counts["defacement"][f"events_{name}"].sum()), "events",
            f"Events of the listed groups from {'CISSM' if name == 'cissm' else 'EuRepoC'} (defacement selection)",
        )
    results.report("n_events_all_types", int(counts["all"]["events"].sum()), "events",
                   "Events of the listed groups, every event type");

# %% [markdown]
# The listed groups have {glue:text}`n_events` events in {glue:text}`first_year`-{glue:text}`last_year`
# ({glue:text}`n_groups_with_events` of {glue:text}`n_groups` groups have at least one), and
# the all-types variant has {glue:text}`n_events_all_types`. The study counted
# {glue:text}`study_defacements:,` Zone-H defacements by {glue:text}`study_hacker_groups`
# notifiers.
# The counts per group and year, zeros included, are written to `hacker_group_events.csv`.
#
# ### A Zone-H record sample, for format only
#
# The only Zone-H records available here are a small crawl of mirror records from about
# 2022 (`zoneh_crawl_2022`). They carry notifier, domain and IP address but no date, so
# they cannot be placed in years and cannot feed the model. They show what a Zone-H export
# looks like, and how many of the listed groups appear among the notifiers
# under the same name matching.

# %%
crawl = registry.read_csv("zoneh_crawl_2022")
crawl_notifiers = crawl["notifier"].dropna().value_counts()
listed_keys = defacements.group_name_index(rule_groups)
crawl_listed = sorted({listed_keys[key][0] for key in crawl_notifiers.index.map(hacker_groups.normalise_name) if key in listed_keys})
BookTable(crawl_notifiers.head(10).rename("Records").rename_axis("Notifier (ten most active)").reset_index())

# %% tags=["remove-cell"]
results.report("zoneh_crawl_records", len(crawl), "records", "Records in the undated Zone-H crawl of about 2022")
results.report("zoneh_crawl_notifiers", len(crawl_notifiers), "notifiers", "Distinct notifiers in the undated Zone-H crawl")
results.report("zoneh_crawl_listed_groups", len(crawl_listed), "groups", "Listed groups that appear as notifiers in the Zone-H crawl");

# %% [markdown]
# The crawl has {glue:text}`zoneh_crawl_records` records by {glue:text}`zoneh_crawl_notifiers`
# notifiers; {glue:text}`zoneh_crawl_listed_groups` of the listed groups appear among them.
#
# ## Hacker-election spells
#
# Each listed group joins the spells of its country. A spell is the election year and the
# three years before it, for every election in which the country stood for an ITU elected
# body (`lib.itu`), with the group's event count in each year (zero when it has none). Only
# complete spells inside the years the event source covers are used; with CISSM that is
# 2014-2022, so the 2018 and 2022 elections. A spell is identified by group, country and
# election.

# %%
candidacy_table = itu.candidacies(itu.load_candidates())
panels = {
    event_types: defacements.hacker_spell_panel(table, candidacy_table, first_year, last_year)
    for event_types, table in counts.items()
}
panel = panels["defacement"]
BookTable(
    panel.groupby("election_year")
    .agg(Groups=("group", "nunique"), Spells=("spell_id", "nunique"), Events=("events", "sum"))
    .rename_axis("Election")
    .reset_index()
)

# %% tags=["remove-cell"]
results.report("n_groups_in_spells", panel["group"].nunique(), "groups", "Listed groups whose country stood in an election with a complete spell")
results.report("n_spells", panel["spell_id"].nunique(), "spells", "Hacker-election spells (before dropping spells without events)")
results.report("n_spell_years", len(panel), "group-years", "Group-years in the hacker-spell panel")
results.report("n_elections_in_spells", panel["election_year"].nunique(), "elections", "Elections with complete spells in the covered years");

# %% [markdown]
# {glue:text}`n_groups_in_spells` of the listed groups come from countries that stood in an
# election with a complete spell, giving {glue:text}`n_spells` hacker spells and
# {glue:text}`n_spell_years` group-years. {numref}`fig-hacker-events-by-year` shows the events
# per spell by year relative to the election.
#
# (code-fig-hacker-events-by-year)=

# %%
figure, axis = plt.subplots(figsize=(6.4, 3.6))
labels = {"defacement": "Defacement selection", "all": "All event types"}
for offset, (event_types, table) in zip((-0.1, 0.1), panels.items()):
    summary = table.groupby("years_to_election")["events"].agg(["mean", "sem"])
    axis.errorbar(summary.index + offset, summary["mean"], yerr=1.96 * summary["sem"], marker="o", capsize=3,
                  label=labels[event_types])
axis.set_xticks([-3, -2, -1, 0])
axis.set_xticklabels(["3 years before", "2 years before", "1 year before", "Election year"])
axis.set_ylabel("Events per group and spell")
axis.legend(frameon=False)
figure.tight_layout()
glue("fig_hacker_events_by_year", figure, display=False)
plt.close(figure)

# %% [markdown]
# ```{glue:figure} fig_hacker_events_by_year
# :name: fig-hacker-events-by-year
#
# Mean events per hacker spell by year relative to the ITU election, over all spells of the
# panel, with 95 percent intervals (1.96 standard errors of the mean). Default selection:
# CISSM `Message Manipulation` events and EuRepoC `Disruption` incidents; the second series
# counts every event type. {ref}`Code <code-fig-hacker-events-by-year>`.
# ```
#
# ## Model 3: negative binomial with hacker-spell fixed effects
#
# The count of events of group $g$ in year $t$ of spell $s$ is modelled as negative binomial
# (NB2, variance $\mu + \alpha\mu^2$, $\alpha$ estimated) with mean
# $\mu_{st} = \exp(\beta\, \text{election}_{st} + \gamma_s)$, one dummy $\gamma_s$ per spell.
# A Poisson model with the same dummies is shown beside it. Spells whose count is zero in
# every year carry no information with spell dummies and are dropped. Standard errors are
# clustered by group (statsmodels' cluster-robust sandwich for maximum likelihood, with its
# small-sample correction), because a group appears in several spells. The dummy-variable
# negative binomial is the unconditional fixed-effects estimator, not the conditional one
# of Hausman, Hall and Griliches (1984) that Stata's `xtnbreg, fe` fits.

# %%
fits = {
    (event_types, family): count_models.fit_spell_fixed_effects(table, family)
    for event_types, table in panels.items()
    for family in ("negative_binomial", "poisson")
}
nb, poisson = fits[("defacement", "negative_binomial")], fits[("defacement", "poisson")]
columns = {
    ("defacement", "negative_binomial"): "(1) NB",
    ("defacement", "poisson"): "(2) Poisson",
    ("all", "negative_binomial"): "(3) NB, all types",
    ("all", "poisson"): "(4) Poisson, all types",
}
shown = {label: key for key, label in columns.items() if key in fits}
regression_table = format_regression_table(
    {label: fits[key].result for label, key in shown.items()},
    {"election_year_indicator": "Election year"},
    statistics={
        "Observations (group-years)": [len(fits[key].data) for key in shown.values()],
        "Spells": [fits[key].n_spells for key in shown.values()],
        "Groups (clusters)": [fits[key].n_clusters for key in shown.values()],
        "Spells dropped (no events)": [len(fits[key].dropped_spells) for key in shown.values()],
        "Dispersion alpha": [
            f"{fits[key].result.params['alpha']:.3f}" if key[1] == "negative_binomial" else "" for key in shown.values()
        ],
        "Log-likelihood": [f"{fits[key].result.llf:.1f}" for key in shown.values()],
    },
)
glue_table("tbl_hacker_models", regression_table.reset_index(), index=False)

# %% tags=["remove-input"]
not_converged = [label for label, key in shown.items() if not fits[key].converged]
if not_converged:
    display(Markdown(
        f"**Convergence.** The fit of {', '.join(not_converged)} did not converge. For a negative binomial model "
        "this usually means that the counts show no overdispersion: the dispersion alpha tends to 0 and the "
        "estimate approaches the Poisson one beside it."
    ))

# %% [markdown]
# ~~~~{table} Count models of a group's yearly events with hacker-spell fixed effects: coefficient on the election-year indicator, group-clustered standard errors in parentheses, spell dummies not shown. Columns 1-2 count the defacement selection, columns 3-4 every event type. Stars: `+` p < .1, `*` p < .05, `**` p < .01, `***` p < .001.
# :name: tbl-hacker-models
#
# ```{glue:md} tbl_hacker_models
# :format: myst
# ```
# ~~~~

# %% tags=["remove-cell"]
results.report("nb_coef", nb.coefficient, "log count ratio", "Negative binomial election-year coefficient (defacement selection)")
results.report("nb_se", nb.standard_error, "log count ratio", "Group-clustered standard error of the negative binomial coefficient")
results.report("nb_pvalue", nb.p_value, "p-value", "p-value of the negative binomial coefficient")
results.report("nb_alpha", float(nb.result.params["alpha"]), "dispersion", "Estimated negative binomial dispersion alpha")
results.report("nb_converged", int(nb.converged), "flag", "1 if the negative binomial fit converged")
results.report("poisson_coef", poisson.coefficient, "log count ratio", "Poisson election-year coefficient (defacement selection)")
results.report("poisson_se", poisson.standard_error, "log count ratio", "Group-clustered standard error of the Poisson coefficient")
results.report("poisson_pvalue", poisson.p_value, "p-value", "p-value of the Poisson coefficient")
results.report("n_spells_dropped_all_zero", len(nb.dropped_spells), "spells", "Spells without any event, dropped before fitting")
results.report("n_spells_fitted", nb.n_spells, "spells", "Spells in the fitted models")
results.report("n_groups_fitted", nb.n_clusters, "groups", "Groups (clusters) in the fitted models")
results.report("n_obs_fitted", len(nb.data), "group-years", "Group-years in the fitted models")
if ("all", "negative_binomial") in fits:
    results.report("nb_coef_all_types", fits[("all", "negative_binomial")].coefficient, "log count ratio",
                   "Negative binomial election-year coefficient, every event type")
    results.report("nb_pvalue_all_types", fits[("all", "negative_binomial")].p_value, "p-value",
                   "p-value of the negative binomial coefficient, every event type")
    results.report("poisson_coef_all_types", fits[("all", "poisson")].coefficient, "log count ratio",
                   "Poisson election-year coefficient, every event type")
    results.report("poisson_pvalue_all_types", fits[("all", "poisson")].p_value, "p-value",
                   "p-value of the Poisson coefficient, every event type");

# %% [markdown]
# Of {glue:text}`n_spells` spells, {glue:text}`n_spells_dropped_all_zero` have no event in
# any year and are dropped, so the models use {glue:text}`n_spells_fitted` spells of
# {glue:text}`n_groups_fitted` groups ({glue:text}`n_obs_fitted` group-years). The negative
# binomial coefficient on the election year is {glue:text}`nb_coef:.3f` (clustered standard
# error {glue:text}`nb_se:.3f`, p = {glue:text}`nb_pvalue:.3f`); the Poisson coefficient is
# {glue:text}`poisson_coef:.3f` (p = {glue:text}`poisson_pvalue:.3f`).
#
# ### Average marginal effect
#
# The average marginal effect sets the election indicator to 1 and to 0 in every fitted
# row, computes the fitted counts $\exp(\hat\beta\, d + \hat\gamma_s)$, and averages the
# difference: the change in a group's expected events per year when its country stands for
# election. Its interval comes from a parametric bootstrap: {glue:text}`bootstrap_draws`
# coefficient vectors are drawn from the multivariate normal distribution with the estimates
# as mean and the group-clustered covariance, the effect is recomputed for each draw, and the
# 2.5th and 97.5th percentiles are taken (seed {glue:text}`seed`).

# %% tags=["remove-stderr"]
nb_interval = count_models.bootstrap_ame(nb, draws=bootstrap_draws, seed=seed)
poisson_interval = count_models.bootstrap_ame(poisson, draws=bootstrap_draws, seed=seed)
BookTable(
    pd.DataFrame(
        {
            "Model": ["Negative binomial", "Poisson"],
            "AME": [nb_interval.estimate, poisson_interval.estimate],
            "2.5%": [nb_interval.low, poisson_interval.low],
            "97.5%": [nb_interval.high, poisson_interval.high],
        }
    ).round(3)
)

# %% tags=["remove-cell"]
results.report("bootstrap_draws", bootstrap_draws, "draws", "Parametric bootstrap draws for the AME interval")
results.report("seed", seed, "seed", "Seed of the parametric bootstrap")
results.report("ame", nb_interval.estimate, "events per group-year", "Average marginal effect of the election year (negative binomial)")
results.report("ame_ci_low", nb_interval.low, "events per group-year", "2.5th percentile of the bootstrapped AME (negative binomial)")
results.report("ame_ci_high", nb_interval.high, "events per group-year", "97.5th percentile of the bootstrapped AME (negative binomial)")
results.report("poisson_ame", poisson_interval.estimate, "events per group-year", "Average marginal effect of the election year (Poisson)")
results.report("poisson_ame_ci_low", poisson_interval.low, "events per group-year", "2.5th percentile of the bootstrapped AME (Poisson)")
results.report("poisson_ame_ci_high", poisson_interval.high, "events per group-year", "97.5th percentile of the bootstrapped AME (Poisson)");

# %% [markdown]
# In the negative binomial model, the election year changes a group's expected events by
# {glue:text}`ame:.2f` per year (95 percent bootstrap interval {glue:text}`ame_ci_low:.2f` to
# {glue:text}`ame_ci_high:.2f`); the Poisson model gives {glue:text}`poisson_ame:.2f`
# ({glue:text}`poisson_ame_ci_low:.2f` to {glue:text}`poisson_ame_ci_high:.2f`).
#
# :::{warning}
# These numbers do not measure the study's quantity. The study reports an average marginal
# effect of {glue:text}`study_model3_ame` defacements per hacker in the election year,
# significant, from {glue:text}`study_hacker_groups` Zone-H notifiers and
# {glue:text}`study_hacker_spells` spells in 2000-2022. Here the events are news-reported operations in two
# curated databases, only the 2018 and 2022 elections have complete spells, and only
# {glue:text}`n_spells_fitted` of {glue:text}`n_spells` spells have any event, so the models
# rest on few spells.
# The sign, size and significance here tell little about what Zone-H data would show. The
# comparison with the study is in the reproduction report.
# :::
#
# ## Running this chapter on a Zone-H export
#
# A reader with a Zone-H-derived export (one row per defacement with notifier, date and URL;
# the HCRL Web Hacking Profiling layout with columns `Notify`, `Date` and `URL` is the
# default) can run the chapter on it without editing code:
#
# ```
# make notebook RUN=hacker_model PARAMS="-p event_source zoneh -p zoneh_file /path/export.csv \
#      -p notifier_countries_file /path/notifiers.csv"
# ```
#
# The notifier table is a CSV with columns `notifier` and `iso3` (or `country`), and
# optionally `group` to merge several handles; without it, the notifiers are matched to the
# group list above by normalised name. Other column names and date formats are set with
# `zoneh_notifier_column`, `zoneh_date_column`, `zoneh_url_column` and `zoneh_date_format`.
# Rows with a blank notifier, duplicate rows (same notifier, date and URL) and rows of
# notifiers not in the table are dropped and counted; a malformed date stops the run unless
# `zoneh_on_bad_date` is `drop`. The spells then cover the complete election spells inside
# the years of the export.
