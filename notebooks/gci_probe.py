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
# # Does a cybersecurity ranking win ITU Council votes?
#
# The study's plausibility probe tests whether states are rewarded in ITU elections for
# looking responsible in cyberspace. If they are, a Council candidate's position on the ITU
# Global Cybersecurity Index (GCI) should predict the votes it receives and whether it is
# elected. The study reports that a better (lower-numbered) GCI rank goes with more votes and
# a higher chance of election in the Council elections of 2018 and 2022. This chapter
# rebuilds that probe from the project's candidate table, two third-party transcriptions of
# the GCI and public control variables, and reports what these data show.

# %% tags=["parameters"]
# Plenipotentiary Conferences whose Council elections enter the probe.
elections = [2018, 2022]
# Years before the election at which GDP per capita, population and UNGA agreement are measured.
lag_years = 1
# One minus the confidence level of the bands in the figure.
alpha = 0.05

# %% tags=["remove-cell"]
# Check the parameters before any data are read, so a bad value stops the run at once.
from lib import gci, itu

# An election needs a GCI edition published in an earlier year, so only the elections
# listed here can enter the probe (2018 and 2022 with the editions of lib.gci).
PROBE_ELECTIONS = []
for election_year in itu.ELECTION_YEARS:
    try:
        gci.choose_edition(election_year)
    except gci.EditionChoiceError:
        continue
    PROBE_ELECTIONS.append(election_year)
# ITU elections are four years apart, so a longer lag would measure the controls before the previous election.
MAX_LAG_YEARS = 4

if (
    not isinstance(elections, list)
    or not elections
    or any(not isinstance(year, int) or isinstance(year, bool) or year not in PROBE_ELECTIONS for year in elections)
):
    raise ValueError(
        f"Invalid elections {elections!r}: give a non-empty list of election years from {PROBE_ELECTIONS}, the "
        "ITU elections held after a GCI edition was published."
    )
if not isinstance(lag_years, int) or isinstance(lag_years, bool) or not 0 <= lag_years <= MAX_LAG_YEARS:
    raise ValueError(f"Invalid lag_years {lag_years!r}: give a whole number of years from 0 to {MAX_LAG_YEARS}.")
if not isinstance(alpha, float) or not 0 < alpha < 1:
    raise ValueError(f"Invalid alpha {alpha!r}: give a number between 0 and 1 (exclusive), such as 0.05.")

# %% tags=["remove-stderr"]
import logging
import types

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from myst_nb import glue

from lib import countries, gci, itu, paths, probe_covariates, probe_models, registry
from lib.regression_table import STAR_NOTE, format_regression_table
from lib.display import show_table
from lib.results import Results

STUDY_DOI = "10.1177/00220027251323557"  # the source cell of candidacies known only from the study

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
plt.style.use("seaborn-v0_8-whitegrid")
plt.rcParams.update({"figure.dpi": 110, "font.size": 10, "axes.titlesize": 10, "savefig.bbox": "tight"})
pd.set_option("display.max_columns", 20)
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 60)
results = Results("gci_probe")
paths.TABLES_DIR.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Decisions fixed before estimation
#
# These rules were written down before any coefficient was computed.
#
# - **GCI edition.** Each election uses the most recent edition published in a calendar year
#   before the election year (`lib.gci.choose_edition`): the GCI 2017 report (published 2017)
#   for 2018, and the GCI 2020 report (published 2021) for 2022. GCI 2018 appeared in 2019,
#   after the 2018 election.
# - **Primary GCI file.** The SSPI transcription (`gci_summary`) is primary for every edition,
#   including 2020, because it carries the ITU's ranks. The GCI 2020 compilation
#   (`gci_2020_compilation`) has scores only; it serves to check the 2020 scores.
# - **Canada.** Canada is missing from `gci_summary` in every edition. The compilation gives
#   its 2020 score but no rank, so Canada has no GCI rank in the main models in either year.
#   A robustness check gives it the 2020 rank that its compilation score takes in the
#   summary's ranking. No value is filled in for 2017, because neither file has Canada there.
# - **GCI measure.** The rank as published (1 = best; tied countries share a rank, and the
#   next score takes the next integer). A negative coefficient therefore means that a
#   better rank goes with more votes or a higher chance of election. Editions rank different
#   numbers of countries, so the full models include an election-year indicator.
# - **Votes.** Vote counts enter only where a source reports them. The column
#   `votes_derived` of `candidates_detail.csv` contains counts inferred from other statements
#   and is not used.
# - **Controls.** As in the study, after Dreher et al.: logged GDP per capita and logged
#   population (World Development Indicators), UN General Assembly voting agreement with the
#   United States and with Russia, all in the year before the election; membership of the
#   EU, the G77, NATO and the OIC in the election year, counting a country as a member when
#   it belonged at any time during that year.
# - **Models.** OLS of votes and a linear probability model (LPM) of election, each with
#   region fixed effects, in a parsimonious form (GCI rank and region only) and a full form
#   (adding the election-year indicator and the controls); a logit of election beside the
#   LPM. Standard errors are heteroskedasticity-robust (HC1). Before a logit is fitted, a
#   linear programme checks for complete or quasi-complete separation; a separated logit
#   is reported as "separation" with no estimate. If region fixed effects separate it, the
#   logit is also fitted on the regions in which both outcomes occur, which estimates the
#   same slope coefficients.

# %% [markdown]
# ## Candidates
#
# The candidates are the Council rows of the project's ITU table for the chosen elections.

# %%
candidates_all = itu.load_candidates()
candidates = candidates_all[(candidates_all["body"] == "Council") & candidates_all["year"].isin(elections)].copy()
candidates["year"] = candidates["year"].astype(int)
missing_region = candidates[candidates["region"].isna() | candidates["elected"].isna()]
if len(missing_region):
    raise ValueError(f"Council candidates without a region or outcome: {missing_region[['country', 'year']].to_dict('records')}")
candidates = candidates[["year", "country", "iso3", "region", "elected", "votes", "source"]]

coverage = (
    candidates.assign(defeated=1 - candidates["elected"], with_votes=candidates["votes"].notna())
    .groupby(["year", "region"])
    .agg(candidates=("iso3", "size"), elected=("elected", "sum"), defeated=("defeated", "sum"), with_votes=("with_votes", "sum"))
    .astype(int)
)
show_table(coverage)

# %%
counts_by_year = candidates.groupby("year").size()
results.report("n_candidates_2018", int(counts_by_year.get(2018, 0)), "candidates", "Council candidates in 2018")
results.report("n_candidates_2022", int(counts_by_year.get(2022, 0)), "candidates", "Council candidates in 2022")
results.report("n_candidates", len(candidates), "candidates", "Council candidates in the probe's elections")
results.report("n_defeated", int((candidates["elected"] == 0).sum()), "candidates", "Candidates not elected")
results.report("n_with_votes", int(candidates["votes"].notna().sum()), "candidates", "Candidates with a reported vote count")
for year in elections:
    results.report(
        f"n_with_votes_{year}", int(candidates.loc[candidates["year"] == year, "votes"].notna().sum()),
        "candidates", f"Candidates with a reported vote count in {year}",
    )

# %% [markdown]
# The table lists {glue:text}`n_candidates_2018` Council candidates in 2018 and
# {glue:text}`n_candidates_2022` in 2022, of whom {glue:text}`n_defeated` were not elected.
# A vote count is known for {glue:text}`n_with_votes` of them
# ({glue:text}`n_with_votes_2018` in 2018, {glue:text}`n_with_votes_2022` in 2022), mostly in
# regions C and E; no count is imputed. The defeated candidates of some regions are not
# known at all (region B in 2018; regions A and B and one candidate of region D in 2022;
# see `data/itu/SOURCES.md`), so these regions appear to have no losers.

# %% [markdown]
# ## GCI: name matching and edition choice
#
# Every country name of both GCI files goes through `lib.countries`; a name that is unknown
# or not a state stops the notebook. The table lists the countries that a file spells in
# more than one way, or that the two files spell differently.

# %%
gci_summary = gci.load_gci_summary()
gci_compilation = gci.load_gci_2020_compilation()

raw_summary_names = registry.read_csv("gci_summary", na_values=["#N/A"])["Country"]
raw_compilation_names = registry.read_csv("gci_2020_compilation")["Country"]
name_kinds = pd.concat(
    [
        countries.classify(raw_summary_names, "gci_summary").assign(file="gci_summary"),
        countries.classify(raw_compilation_names, "gci_2020_compilation").assign(file="gci_2020_compilation"),
    ]
).reset_index()
not_states = name_kinds[name_kinds["kind"] != "state"]
if len(not_states):
    raise ValueError(f"GCI names that are not states: {not_states.to_dict('records')}")
spellings = name_kinds.groupby("iso3")["name"].agg(lambda names: sorted(set(names)))
several_spellings = spellings[spellings.map(len) > 1].map(" / ".join).rename("spellings").to_frame()
show_table(several_spellings)
results.report("n_gci_names", int(name_kinds["name"].nunique()), "names", "Distinct country names in the two GCI files")
_ = results.report("n_gci_countries", int(name_kinds["iso3"].nunique()), "countries", "Distinct ISO3 codes in the two GCI files")

# %% [markdown]
# All {glue:text}`n_gci_names` distinct names of the two files match one of
# {glue:text}`n_gci_countries` states. The edition used for each election:

# %%
edition_table = pd.DataFrame(
    {
        "edition": list(gci.EDITION_PUBLISHED),
        "published": list(gci.EDITION_PUBLISHED.values()),
        "countries with a score": [int((gci_summary["edition"] == edition).sum()) for edition in gci.EDITION_PUBLISHED],
        "lowest rank": [gci_summary.loc[gci_summary["edition"] == edition, "rank"].max() for edition in gci.EDITION_PUBLISHED],
        "used for election": [
            ", ".join(str(year) for year in elections if gci.choose_edition(year) == edition) for edition in gci.EDITION_PUBLISHED
        ],
    }
)
show_table(edition_table)

# %% [markdown]
# ## GCI 2020: the two transcriptions compared
#
# The 2020 scores of the two files are compared country by country. A difference above
# 0.005 points counts as a disagreement, because both files round to two decimals. A country
# that only one file scores is a disagreement too.

# %%
disagreements = gci.reconcile_2020(gci_summary, gci_compilation)
disagreements.to_csv(paths.GCI_2020_DISAGREEMENTS_CSV, index=False)
show_table(
    disagreements[["iso3", "score_summary", "rank_summary", "score_compilation", "disagreement"]].rename(
        columns={"score_summary": "summary score", "rank_summary": "summary rank", "score_compilation": "compilation score"}
    )
)
both_scored = set(gci_summary.loc[gci_summary["edition"] == "2020", "iso3"]) & set(
    gci_compilation.dropna(subset=["score"])["iso3"]
)
results.report("n_gci_2020_disagreements", len(disagreements), "countries", "Countries whose GCI 2020 score differs between the two files or is in one only")
results.report("n_gci_2020_score_differences", int((disagreements["disagreement"] == "score differs").sum()), "countries", "Countries scored by both files with different GCI 2020 scores")
results.report("n_gci_2020_both", len(both_scored), "countries", "Countries with a GCI 2020 score in both files")
candidates_2022 = set(candidates.loc[candidates["year"] == 2022, "iso3"])
disagreeing = disagreements[disagreements["iso3"].isin(candidates_2022)]
glue(
    "disagreeing_candidates",
    Markdown(
        "Council candidates of 2022 among them: "
        + "; ".join(f"{row.iso3} ({row.disagreement})" for row in disagreeing.itertuples())
        + ". The models use the primary file's value where it has one."
        if len(disagreeing)
        else "None of them was a Council candidate in 2022."
    ),
    display=False,
)

# %% [markdown]
# The files score {glue:text}`n_gci_2020_both` countries in common and disagree on
# {glue:text}`n_gci_2020_disagreements` countries, of which
# {glue:text}`n_gci_2020_score_differences` have different scores in both files; the others
# are scored by one file only. {glue:md}`disagreeing_candidates`

# %% [markdown]
# ## Candidates and their GCI rank

# %%
probe = gci.gci_for_elections(candidates, gci_summary)
probe["gci_rank"] = probe["gci_rank"].astype(float)
missing_gci = probe[probe["gci_rank"].isna()][["year", "country", "iso3", "region", "elected", "votes", "gci_edition"]]
show_table(missing_gci)
_ = results.report("n_missing_gci", len(missing_gci), "candidates", "Candidates without a GCI rank in the chosen edition")

# %% [markdown]
# {glue:text}`n_missing_gci` candidacies have no GCI rank in the primary file and leave every
# rank model (listed above).

# %% [markdown]
# ## Controls
#
# GDP per capita, population and UNGA agreement are taken from the year before the election,
# memberships from the election year. The table lists every control value a source lacks;
# such candidates leave the full models only.

# %%
memberships = probe_covariates.read_memberships()
probe = probe_covariates.election_covariates(probe, memberships, lag=lag_years)
missing_controls = probe_covariates.missing_covariates(probe[["country", "iso3", "year", *probe_covariates.COVARIATE_COLUMNS]])
show_table(missing_controls)
probe.to_csv(paths.GCI_PROBE_CANDIDATES_CSV, index=False)
_ = results.report("n_missing_controls", int(missing_controls[["iso3", "year"]].drop_duplicates().shape[0]), "candidates", "Candidates lacking at least one control value")

# %% [markdown]
# :::{warning}
# Our data differ from the study's in several ways, and the estimates below should be read
# with them in mind.
#
# - **Third-party GCI transcriptions.** The ITU publishes the GCI as PDF reports only. Both
#   files used here were transcribed by third parties; the 2017 edition, used for the 2018
#   election, has not been checked against an independent source, and the two 2020 files
#   disagree on {glue:text}`n_gci_2020_disagreements` countries (table above). Canada is
#   missing from the primary file in every edition.
# - **Incomplete vote counts.** A vote count is known for only {glue:text}`n_with_votes` of
#   the {glue:text}`n_candidates` candidacies, mostly in regions C and E. The vote models
#   describe those candidates, not all candidates, and the counts are not missing at random.
# - **Defeated candidates missing in some regions.** Where the sources name only the elected
#   members, a region looks uncontested. Regions A and B have no defeated candidate in
#   either year in our table: region A was uncontested in 2018, and in the other cases the
#   losers are unknown. Their fixed effects therefore separate the logit, and the LPM and
#   the logit learn about defeat from the other regions only.
# - **Mauritius 2018 from the study only.** The study reports a Mauritian campaign in 2018,
#   and the candidate table carries it as a defeated Council candidacy, although none of our
#   other sources lists Mauritius among that year's Region D candidates. Robustness check R3
#   below leaves it out.
# - **G77 held constant.** The membership table gives the G77 membership of about 2024
#   without join years; it is used unchanged for 2018 and 2022. The EU, NATO and OIC have
#   dated memberships.
# - **No study data to compare.** The study's replication archive could not be reached, so
#   its candidate list, vote counts and GCI values cannot be compared with ours.
# :::

# %% [markdown]
# ## Models

# %%
def fit_all(data: pd.DataFrame, rank_term: str = "gci_rank") -> dict[str, probe_models.ProbeFit]:
    """Fit the probe's models on ``data``: OLS of votes, LPM and logit of election, each in two forms."""
    fits = {}
    for specification in ("parsimonious", "full"):
        fits[f"votes_{specification}"] = probe_models.fit_probe_model(
            probe_models.probe_formula("votes", specification, rank_term), data, "ols"
        )
        fits[f"lpm_{specification}"] = probe_models.fit_probe_model(
            probe_models.probe_formula("elected", specification, rank_term), data, "lpm"
        )
        fits[f"logit_{specification}"] = probe_models.fit_probe_model(
            probe_models.probe_formula("elected", specification, rank_term), data, "logit"
        )
        contested = probe_models.groups_with_both_outcomes(data.dropna(subset=[rank_term]), "elected", "region")
        fits[f"logit_contested_{specification}"] = probe_models.fit_probe_model(
            probe_models.probe_formula("elected", specification, rank_term), contested, "logit"
        )
    return fits


TERMS = {
    "gci_rank": "GCI rank (1 = best)",
    "C(year)[T.2022]": "Election 2022",
    "log_gdp_per_capita": "GDP per capita (log)",
    "log_population": "Population (log)",
    "eu": "EU member",
    "g77": "G77 member",
    "nato": "NATO member",
    "oic": "OIC member",
    "us_agreement": "UNGA agreement with US",
    "russia_agreement": "UNGA agreement with Russia",
}


def term_label(term: str) -> str:
    """Return a readable label of a design-matrix column."""
    if term == "Intercept":
        return "constant"
    if term.startswith("C(region)[T."):
        return f"region {term[-2]}"
    return TERMS.get(term, term)


fits = fit_all(probe)
contested_regions = sorted(probe_models.groups_with_both_outcomes(probe.dropna(subset=["gci_rank"]))["region"].unique())
model_status = pd.DataFrame(
    {
        name: {
            "status": fit.status,
            "observations": fit.nobs,
            "left out (collinear)": ", ".join(term_label(term) for term in fit.collinear_terms),
        }
        for name, fit in fits.items()
    }
).T
show_table(model_status)
separation_words = [
    f"{name}: {', '.join(term_label(term) for term in fit.separation.terms)}"
    for name, fit in fits.items()
    if fit.separation is not None and fit.separation.separated
]
glue(
    "separation_note",
    Markdown(
        "Terms whose coefficients diverge along a separating direction: " + "; ".join(separation_words) + "."
        if separation_words
        else "No logit is separated."
    ),
    display=False,
)

# %% [markdown]
# The table above shows how each model ended: its status, its observations, and the
# regressors left out because they are collinear in the estimation sample.
# {glue:md}`separation_note`

# %%
glue("contested_regions", Markdown(", ".join(contested_regions)), display=False)



def table_for(columns: dict[str, probe_models.ProbeFit]) -> pd.DataFrame:
    """Lay out fits in the study's style, writing "separation" where a logit has no estimate."""
    placeholder = types.SimpleNamespace(params=pd.Series(dtype=float), pvalues=pd.Series(dtype=float), bse=pd.Series(dtype=float))
    models = {label: fit.result if fit.estimated else placeholder for label, fit in columns.items()}

    def fit_statistic(fit: probe_models.ProbeFit) -> str:
        if not fit.estimated:
            return ""
        value = fit.result.prsquared if fit.kind == "logit" else fit.result.rsquared
        return f"{value:.3f}"

    statistics = {
        "Region fixed effects": ["yes"] * len(columns),
        "Controls": ["yes" if "log_gdp_per_capita" in fit.formula else "no" for fit in columns.values()],
        "Observations": [fit.nobs for fit in columns.values()],
        "R2 (pseudo R2 for logit)": [fit_statistic(fit) for fit in columns.values()],
    }
    table = format_regression_table(models, TERMS, statistics=statistics)
    for label, fit in columns.items():
        if not fit.estimated:
            table.loc["GCI rank (1 = best)", label] = fit.status
    return table


votes_table = table_for({"(1) Votes": fits["votes_parsimonious"], "(2) Votes": fits["votes_full"]})
show_table(votes_table)
glue("star_note", Markdown(STAR_NOTE.replace("*", r"\*").replace("+", r"\+")), display=False)

# %% [markdown]
# Votes received, OLS with region fixed effects, candidates with a reported vote count.
# HC1 standard errors in parentheses. {glue:md}`star_note`.

# %%
elected_table = table_for(
    {
        "(3) LPM": fits["lpm_parsimonious"],
        "(4) LPM": fits["lpm_full"],
        "(5) Logit": fits["logit_parsimonious"],
        "(6) Logit": fits["logit_full"],
    }
)
show_table(elected_table)
contested_table = table_for({"(7) Logit": fits["logit_contested_parsimonious"], "(8) Logit": fits["logit_contested_full"]})
show_table(contested_table)
left_out = [
    f"{label}: {', '.join(term_label(term) for term in fit.collinear_terms)}"
    for label, fit in {"column 7": fits["logit_contested_parsimonious"], "column 8": fits["logit_contested_full"]}.items()
    if fit.collinear_terms
]
glue(
    "collinear_note",
    Markdown(
        "Left out as collinear with other regressors in the smaller sample (" + "; ".join(left_out) + ")."
        if left_out
        else "No regressor is collinear in the smaller sample."
    ),
    display=False,
)

# %% [markdown]
# Election (1 = elected), with region fixed effects. First table: columns 3-4, linear
# probability model; 5-6, logit on all candidates. Second table: columns 7-8, logit on the
# regions where both outcomes occur ({glue:md}`contested_regions`). {glue:md}`collinear_note` HC1 standard errors in
# parentheses; "separation" marks a logit without a finite estimate. {glue:md}`star_note`.

# %%
for specification in ("full", "parsimonious"):
    votes_fit = fits[f"votes_{specification}"]
    results.report(f"votes_rank_coef_{specification}", float(votes_fit.result.params["gci_rank"]), "votes per rank", f"OLS of votes on GCI rank, {specification} specification, HC1")
    results.report(f"votes_rank_pvalue_{specification}", float(votes_fit.result.pvalues["gci_rank"]), "p-value", f"p-value of GCI rank in the OLS of votes, {specification} specification, HC1")
    results.report(f"n_votes_{specification}", votes_fit.nobs, "candidates", f"Observations of the OLS of votes, {specification} specification")
    lpm_fit = fits[f"lpm_{specification}"]
    results.report(f"elected_rank_coef_lpm_{specification}", float(lpm_fit.result.params["gci_rank"]), "probability per rank", f"LPM of election on GCI rank, {specification} specification, HC1")
    results.report(f"elected_rank_pvalue_lpm_{specification}", float(lpm_fit.result.pvalues["gci_rank"]), "p-value", f"p-value of GCI rank in the LPM of election, {specification} specification, HC1")
    results.report(f"n_elected_{specification}", lpm_fit.nobs, "candidates", f"Observations of the LPM of election, {specification} specification")
    for prefix in ("logit", "logit_contested"):
        logit_fit = fits[f"{prefix}_{specification}"]
        results.report(f"{prefix}_{specification}_separated", int(not logit_fit.estimated), "flag", f"1 if the {prefix.replace('_', ' ')} ({specification}) has no finite estimate")
        results.report(f"n_{prefix}_{specification}", logit_fit.nobs, "candidates", f"Observations of the {prefix.replace('_', ' ')}, {specification} specification")
        if logit_fit.estimated:
            results.report(f"elected_rank_coef_{prefix}_{specification}", float(logit_fit.result.params["gci_rank"]), "log-odds per rank", f"{prefix} of election on GCI rank, {specification} specification, HC1")
            results.report(f"elected_rank_pvalue_{prefix}_{specification}", float(logit_fit.result.pvalues["gci_rank"]), "p-value", f"p-value of GCI rank in the {prefix} of election, {specification} specification, HC1")

# %% [markdown]
# ## Predictions across the GCI ranking
#
# The figure traces the predicted votes (OLS, full specification) and the predicted
# probability of election (LPM, full specification, and the logit on the regions with both
# outcomes) across the ranks in each estimation sample. Every other regressor, the region
# and year indicators included, is held at its sample mean. Bands are 95% confidence
# intervals from the HC1 covariance. The logit's band is formed on the log-odds scale and
# then transformed.
#
# (code-fig-gci-probe-predictions)=

# %%
election_logit_key = "logit_full" if fits["logit_full"].estimated else "logit_contested_full"
election_logit = fits[election_logit_key]
figure, (votes_axis, elected_axis) = plt.subplots(1, 2, figsize=(9.5, 3.8))

def sample_ranks(result, term: str = "gci_rank") -> np.ndarray:
    """Return every integer rank from the best to the worst in a model's estimation sample."""
    column = np.asarray(result.model.exog)[:, list(result.model.exog_names).index(term)]
    return np.arange(column.min(), column.max() + 1)


votes_fit = fits["votes_full"].result
votes_ranks = sample_ranks(votes_fit)
votes_prediction = probe_models.predict_at_means(votes_fit, "gci_rank", votes_ranks, "linear", alpha=alpha)
votes_axis.fill_between(votes_prediction["value"], votes_prediction["lower"], votes_prediction["upper"], alpha=0.25, color="C0", linewidth=0)
votes_axis.plot(votes_prediction["value"], votes_prediction["predicted"], color="C0", label="OLS, full")
observed = probe.dropna(subset=["votes", "gci_rank"])
votes_axis.scatter(observed["gci_rank"], observed["votes"], s=10, color="0.4", label="reported votes")
votes_axis.set(xlabel="GCI rank (1 = best)", ylabel="Votes received", title="(a) Votes")
votes_axis.legend(loc="lower left", frameon=True)

lpm_fit = fits["lpm_full"].result
lpm_ranks = sample_ranks(lpm_fit)
lpm_prediction = probe_models.predict_at_means(lpm_fit, "gci_rank", lpm_ranks, "linear", alpha=alpha)
elected_axis.fill_between(lpm_prediction["value"], lpm_prediction["lower"], lpm_prediction["upper"], alpha=0.25, color="C1", linewidth=0)
elected_axis.plot(lpm_prediction["value"], lpm_prediction["predicted"], color="C1", label="LPM, full")
if election_logit.estimated:
    logit_ranks = sample_ranks(election_logit.result)
    logit_prediction = probe_models.predict_at_means(election_logit.result, "gci_rank", logit_ranks, "probability", alpha=alpha)
    logit_label = "logit, full" if election_logit_key == "logit_full" else "logit, full, regions " + "/".join(contested_regions)
    elected_axis.fill_between(logit_prediction["value"], logit_prediction["lower"], logit_prediction["upper"], alpha=0.2, color="C2", linewidth=0)
    elected_axis.plot(logit_prediction["value"], logit_prediction["predicted"], color="C2", linestyle="--", label=logit_label)
elected_axis.set(xlabel="GCI rank (1 = best)", ylabel="Probability of election", title="(b) Election")
elected_axis.legend(loc="lower left", frameon=True)
figure.tight_layout()
glue("fig_gci_probe_predictions", figure, display=False)
plt.close(figure)

# %% [markdown]
# ```{glue:figure} fig_gci_probe_predictions
# :name: fig-gci-probe-predictions
#
# Predicted votes (a) and probability of election (b) across GCI ranks, other regressors at
# their sample means, with 95% confidence bands (HC1). Grey points in (a) are the reported
# vote counts. In (b), the LPM uses all candidates with complete data, and its line may leave
# the interval from 0 to 1; the logit uses the regions where both outcomes occur when the
# full-sample logit is separated. {ref}`Code <code-fig-gci-probe-predictions>`.
# ```

# %%
best_rank, worst_rank = float(votes_prediction["value"].iloc[0]), float(votes_prediction["value"].iloc[-1])
results.report("votes_rank_best", best_rank, "rank", "Best GCI rank among candidates in the OLS of votes")
results.report("votes_rank_worst", worst_rank, "rank", "Worst GCI rank among candidates in the OLS of votes")
results.report("votes_predicted_best", float(votes_prediction["predicted"].iloc[0]), "votes", "Predicted votes at the best rank, full OLS, others at means")
_ = results.report("votes_predicted_worst", float(votes_prediction["predicted"].iloc[-1]), "votes", "Predicted votes at the worst rank, full OLS, others at means")

# %% [markdown]
# ## Robustness
#
# Three checks change one rule at a time. In R1, Canada's 2020 rank is derived by placing the
# compilation's score in the summary's 2020 ranking. In R2, the GCI score replaces the rank,
# with the 0-1 scores of the 2017 edition multiplied by 100. A positive R2 coefficient means
# that a better score goes with more support. R3 leaves out the Council candidacies whose
# only source is the study itself: Mauritius in 2018, which none of our other sources lists
# among the Region D candidates of that year.

# %%
ranking_2020 = gci_summary[gci_summary["edition"] == "2020"]
canada_score = float(gci_compilation.loc[gci_compilation["iso3"] == "CAN", "score"].iloc[0])
canada_rank = gci.derive_dense_rank(canada_score, ranking_2020)
results.report("canada_2020_rank_derived", canada_rank, "rank", "Canada's GCI 2020 rank derived from the compilation's score")

with_canada = probe.copy()
canada_2022 = (with_canada["iso3"] == "CAN") & (with_canada["year"] == 2022)
with_canada.loc[canada_2022, "gci_rank"] = float(canada_rank)
canada_fits = fit_all(with_canada)
robust_fits = {"R1 votes": canada_fits["votes_full"], "R1 LPM": canada_fits["lpm_full"], "R1 logit C-E": canada_fits["logit_contested_full"]}
score_fits = fit_all(probe, rank_term="gci_score_100")
robust_fits.update({"R2 votes": score_fits["votes_full"], "R2 LPM": score_fits["lpm_full"], "R2 logit C-E": score_fits["logit_contested_full"]})

# R3 leaves out candidacies whose only source is the study itself (Mauritius 2018).
study_sourced = candidates.loc[candidates["source"].str.contains(STUDY_DOI, regex=False), ["iso3", "year"]]
results.report("n_study_sourced_candidacies", len(study_sourced), "candidacies", "Council candidacies whose only source is the study")
without_study = probe.merge(study_sourced.assign(study_sourced=True), on=["iso3", "year"], how="left")
without_study = without_study[without_study["study_sourced"].isna()].drop(columns="study_sourced")
study_fits = fit_all(without_study)
robust_fits.update({"R3 votes": study_fits["votes_full"], "R3 LPM": study_fits["lpm_full"], "R3 logit C-E": study_fits["logit_contested_full"]})

robust_terms = {label: "gci_score_100" if label.startswith("R2") else "gci_rank" for label in robust_fits}
robustness = pd.DataFrame(
    {
        label: {
            "term": robust_terms[label],
            "coefficient": f"{fit.result.params[robust_terms[label]]:.4f}" if fit.estimated else fit.status,
            "p-value": f"{fit.result.pvalues[robust_terms[label]]:.3f}" if fit.estimated else "",
            "observations": fit.nobs,
        }
        for label, fit in robust_fits.items()
    }
).T
show_table(robustness)
for label, fit in robust_fits.items():
    key = label.lower().replace(" ", "_").replace("-", "")
    if fit.estimated:
        term = robust_terms[label]
        results.report(f"{key}_coef", float(fit.result.params[term]), "per unit", f"Robustness {label}: coefficient of {term} (full specification, HC1)")
        results.report(f"{key}_pvalue", float(fit.result.pvalues[term]), "p-value", f"Robustness {label}: p-value of {term}")

# %% [markdown]
# Canada's 2020 compilation score takes rank {glue:text}`canada_2020_rank_derived` in the
# summary's ranking, a rank that no country has in the summary's 2020 column. Canada has no reported vote count, so R1
# changes only the election models; the full LPM's coefficient becomes
# {glue:text}`r1_lpm_coef:.4f` (p = {glue:text}`r1_lpm_pvalue:.3f`). With the score in place
# of the rank (R2), the full OLS gives {glue:text}`r2_votes_coef:.3f` votes per score point
# (p = {glue:text}`r2_votes_pvalue:.3f`) and the full LPM {glue:text}`r2_lpm_coef:.4f`
# (p = {glue:text}`r2_lpm_pvalue:.3f`). Without the {glue:text}`n_study_sourced_candidacies`
# candidacy sourced only by the study (R3), the full LPM's coefficient is
# {glue:text}`r3_lpm_coef:.4f` (p = {glue:text}`r3_lpm_pvalue:.3f`).

# %% [markdown]
# ## What the data show

# %%
def describe(coefficient: float, p_value: float, outcome: str, better: str, worse: str) -> str:
    """Return a plain clause on a rank coefficient; a negative coefficient means a better rank helps."""
    direction = better if coefficient < 0 else worse
    if p_value < 0.05:
        strength = "and the association is statistically significant at the 5% level"
    elif p_value < 0.1:
        strength = "but the association is significant at the 10% level only"
    else:
        strength = "but the association is not statistically significant"
    return f"a better GCI rank goes with {direction} {outcome}, {strength} (p = {p_value:.3f})"


votes_full = fits["votes_full"].result
lpm_full = fits["lpm_full"].result
glue("votes_sentence", Markdown(describe(votes_full.params["gci_rank"], votes_full.pvalues["gci_rank"], "votes", "more", "fewer")), display=False)
glue("lpm_sentence", Markdown(describe(lpm_full.params["gci_rank"], lpm_full.pvalues["gci_rank"], "chance of election", "a higher", "a lower")), display=False)
if fits["logit_full"].estimated:
    logit_words = describe(fits["logit_full"].result.params["gci_rank"], fits["logit_full"].result.pvalues["gci_rank"], "chance of election", "a higher", "a lower")
    logit_words = f"The full logit is estimable: {logit_words}."
else:
    contested = fits["logit_contested_full"]
    logit_words = "The full logit on all candidates is separated, so it has no finite estimate."
    if contested.estimated:
        logit_words += " On the regions where both outcomes occur, " + describe(
            contested.result.params["gci_rank"], contested.result.pvalues["gci_rank"], "chance of election", "a higher", "a lower"
        ) + "."
glue("logit_sentence", Markdown(logit_words), display=False)
full_models = {"votes": votes_full, "election (LPM)": lpm_full}
same_sign = [name for name, result in full_models.items() if result.params["gci_rank"] < 0]
significant = [name for name in same_sign if full_models[name].pvalues["gci_rank"] < 0.05]
if len(same_sign) == len(full_models):
    sign_words = "Both full models have the sign the study reports: a better rank goes with more support."
elif same_sign:
    sign_words = f"Only the full model of {same_sign[0]} has the sign the study reports."
else:
    sign_words = "Neither full model has the sign the study reports."
if same_sign and len(significant) == len(same_sign):
    significance_words = " The association is statistically significant at the 5% level in " + (
        "both." if len(significant) == 2 else f"the model of {significant[0]}."
    )
elif significant:
    not_significant = [name for name in same_sign if name not in significant]
    significance_words = (
        f" It is statistically significant at the 5% level for {', '.join(significant)}, "
        f"but not for {', '.join(not_significant)}."
    )
elif same_sign:
    significance_words = " In neither is it statistically significant at the 5% level."
else:
    significance_words = ""
glue("verdict_sentence", Markdown(sign_words + significance_words), display=False)


# %% [markdown]
# In the full OLS of votes ({glue:text}`n_votes_full` candidates), {glue:md}`votes_sentence`.
# The coefficient is {glue:text}`votes_rank_coef_full:.3f` votes per rank. In the
# parsimonious model it is {glue:text}`votes_rank_coef_parsimonious:.3f`
# (p = {glue:text}`votes_rank_pvalue_parsimonious:.3f`).
# Across the candidates' ranks, from {glue:text}`votes_rank_best:.0f` to
# {glue:text}`votes_rank_worst:.0f`, the full model's predicted votes move from
# {glue:text}`votes_predicted_best:.1f` to {glue:text}`votes_predicted_worst:.1f`.
#
# In the full LPM of election ({glue:text}`n_elected_full` candidates), {glue:md}`lpm_sentence`.
# The coefficient is {glue:text}`elected_rank_coef_lpm_full:.4f` per rank, a change in the
# probability of election per place in the ranking. In the parsimonious LPM it is
# {glue:text}`elected_rank_coef_lpm_parsimonious:.4f` (p = {glue:text}`elected_rank_pvalue_lpm_parsimonious:.4f`).
# {glue:md}`logit_sentence`
#
# {glue:md}`verdict_sentence` The samples are small, the vote counts cover a selected subset
# of candidates, and the defeated candidates of regions A and B are unknown. The probe is a
# check of plausibility, not a test of the study's main claim.
