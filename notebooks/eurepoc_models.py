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
# # Models 1 and 2: election years and non-state operations
#
# The study's first two models ask whether non-state cyber operations from a state fall in
# the year it stands for an ITU elected body. The sample is the candidate country-years built
# in the previous chapter: for each country and election it stood in, the election year and
# the three years before it (a spell). Model 1 is
#
# $$
# y_{it} = \beta \, \mathrm{Election}_{it} + \alpha_{s(i,t)} + \varepsilon_{it},
# $$
#
# where $y_{it}$ is the number of initiator-country / target pairs of incidents by non-state
# initiators based in country $i$ in year $t$, $\mathrm{Election}_{it}$ is 1 in the election
# year of the spell and 0 in the three years before, and $\alpha_{s(i,t)}$ is a fixed effect
# of the country-election spell. $\beta$ compares each candidate with itself in the same
# spell. Model 2 adds the three controls: ICT service exports and journal articles, both as
# ln(1 + x), and the percentage of internet users. Both are estimated by OLS with
# linearmodels' `PanelOLS` (entity = spell, time = year, entity effects), with standard errors
# clustered by country and the small-sample factor of Stata's `xtreg, fe vce(cluster)`:
# $G/(G-1) \cdot (N-1)/(N-K)$ for $G$ countries, $N$ observations and $K$ regressors
# (`lib/panel_models.py`).

# %% tags=["parameters"]
robustness_elections = [2002, 2006, 2010, 2014, 2018]

# %% tags=["remove-cell"]
# Check the parameter before any data are read, so a bad value stops the run at once.
from lib import itu

if (
    not isinstance(robustness_elections, list)
    or not robustness_elections
    or any(not isinstance(year, int) or isinstance(year, bool) or year not in itu.ELECTION_YEARS for year in robustness_elections)
):
    raise ValueError(
        f"Invalid robustness_elections {robustness_elections!r}: give a non-empty list of ITU election years "
        f"from {list(itu.ELECTION_YEARS)}, such as [2002, 2006, 2010, 2014, 2018]."
    )

# %% tags=["remove-cell"]
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from myst_nb import glue

from lib import controls, itu, panel, paths, reproduction
from lib import panel_models as models
from lib.regression_table import STAR_NOTE, format_regression_table
from lib.results import Results
from lib.display import glue_table

plt.style.use("seaborn-v0_8-whitegrid")
pd.set_option("display.width", 110)
pd.set_option("display.max_columns", 12)
results = Results("eurepoc_models")
reproduction.glue_study_values()  # the study's values quoted in the text, from data/study/claims.csv
CONTROLS = list(controls.CONTROL_COLUMNS)
TERM = models.ELECTION_TERM


# %% [markdown]
# ## Samples
#
# The country-year panel comes from the data chapter (`country_year_panel.csv`). Model 1 uses
# every candidate country-year. Model 2 uses the candidate country-years that have all three
# controls; nothing is imputed.

# %%
country_years = pd.read_csv(paths.COUNTRY_YEAR_PANEL_CSV)
sample1, _ = models.spell_sample(country_years)
sample2, deleted = models.spell_sample(country_years, CONTROLS)
results.report("model2_rows_removed", deleted.rows_removed, "country-years",
               "Candidate country-years removed from Model 2 for a missing control")
results.report("model2_spells_removed", deleted.spells_removed, "spells",
               "Spells removed from Model 2 because none of their years has all controls")
results.report("model2_countries_removed", deleted.countries_removed, "countries",
               "Candidate countries removed from Model 2 because none of their years has all controls")
samples = pd.DataFrame(
    {
        "Model 1": [deleted.rows_before, deleted.spells_before, deleted.countries_before],
        "Model 2": [deleted.rows_after, deleted.spells_after, deleted.countries_after],
    },
    index=pd.Index(["country-years", "spells", "countries"], name="sample"),
)
glue_table("tbl_eurepoc_samples", samples)

# %% [markdown]
# ~~~~{table} Samples of Models 1 and 2.
# :name: tbl-eurepoc-samples
#
# ```{glue:md} tbl_eurepoc_samples
# :format: myst
# ```
# ~~~~
#
# Listwise deletion removes {glue:text}`model2_rows_removed` country-years from Model 2, among
# them all the years of {glue:text}`model2_spells_removed` spells and of
# {glue:text}`model2_countries_removed` countries.

# %%
fit1 = models.fit_spell_fixed_effects(sample1, "n_pairs", [TERM])
fit2 = models.fit_spell_fixed_effects(sample2, "n_pairs", [TERM, *CONTROLS])
summaries = {}
for name, fit, sample in (("model1", fit1, sample1), ("model2", fit2, sample2)):
    summary = summaries[name] = models.summarise_fit(fit, sample)
    low, high = fit.conf_int().loc[TERM]
    results.report(f"{name}_coef", summary["coef"], "pairs per year", "Election-year coefficient")
    results.report(f"{name}_se", summary["se"], "pairs per year", "Clustered standard error of the election-year coefficient")
    results.report(f"{name}_pvalue", summary["pvalue"], "p-value", "Two-sided p-value of the election-year coefficient")
    results.report(f"{name}_ci_low", float(low), "pairs per year", "Lower bound of the 95% confidence interval")
    results.report(f"{name}_ci_high", float(high), "pairs per year", "Upper bound of the 95% confidence interval")
    results.report(f"{name}_nobs", summary["nobs"], "country-years", "Observations")
    results.report(f"{name}_nspells", summary["nspells"], "spells", "Country-election spells")
    results.report(f"{name}_ncountries", summary["ncountries"], "countries", "Countries (clusters)")
    results.report(f"{name}_r2_within", summary["r2_within"], "share", "Within R-squared")
    results.report(f"{name}_mean", summary["mean_outcome"], "pairs per year", "Mean of the outcome in the sample")
    results.report(f"{name}_relative", 100 * summary["coef"] / summary["mean_outcome"], "percent",
                   "Election-year coefficient as a percentage of the mean outcome")
    results.report(f"{name}_ci_low_relative", 100 * float(low) / summary["mean_outcome"], "percent",
                   "Lower bound of the 95% confidence interval as a percentage of the mean outcome")
    results.report(f"{name}_ci_high_relative", 100 * float(high) / summary["mean_outcome"], "percent",
                   "Upper bound of the 95% confidence interval as a percentage of the mean outcome")

# %% [markdown]
# ### Independent check
#
# The same coefficients and standard errors, computed by statsmodels OLS with one dummy
# variable per spell and the plain cluster sandwich scaled by the same factor, must agree with
# `PanelOLS` to $10^{-8}$.

# %%
differences = []
for fit, sample, regressors in ((fit1, sample1, [TERM]), (fit2, sample2, [TERM, *CONTROLS])):
    check = models.fit_dummy_variable_check(sample, "n_pairs", regressors)
    differences.append((fit.params[regressors] - check["coef"]).abs().max())
    differences.append((fit.std_errors[regressors] - check["std_error"]).abs().max())
largest_difference = float(max(differences))
assert largest_difference < 1e-8, f"PanelOLS and the dummy-variable regression differ by {largest_difference}"
results.report("check_max_difference", largest_difference, "absolute difference",
               "Largest difference between PanelOLS and the dummy-variable regression (coefficients and SEs)");

# %% [markdown]
# The largest difference is {glue:text}`check_max_difference:.1e`.
#
# ## Results

# %%
labels = {
    TERM: "Election year",
    "ln_ict_exports": "ICT service exports, ln(1 + million US$)",
    "ln_journal_articles": "Journal articles, ln(1 + x)",
    "internet_users_pct": "Internet users (%)",
}
fits = {"Model 1": fit1, "Model 2": fit2}
statistics = {
    "Observations": [fit.nobs for fit in fits.values()],
    "Spells": [fit.entity_info["total"] for fit in fits.values()],
    "Countries": [sample1["iso3"].nunique(), sample2["iso3"].nunique()],
    "Within R-squared": [f"{fit.rsquared_within:.5f}" for fit in fits.values()],
    "Mean of outcome": [f"{sample1['n_pairs'].mean():.3f}", f"{sample2['n_pairs'].mean():.3f}"],
}
main_table = format_regression_table(fits, labels, statistics)
glue("star_note", STAR_NOTE, display=False)
glue_table("tbl_eurepoc_models", main_table)

# %% [markdown]
# ~~~~{table} OLS of the yearly number of non-state operations (initiator-country / target pairs, EuRepoC 1.1) with country-election spell fixed effects. Standard errors clustered by country in parentheses. {glue:text}`star_note`.
# :name: tbl-eurepoc-models
#
# ```{glue:md} tbl_eurepoc_models
# :format: myst
# ```
# ~~~~

# %%
# Words for the sign and significance of each estimate, so that the text follows the data.
for name, summary in summaries.items():
    significant = summary["pvalue"] < 0.05
    glue(f"{name}_sign", "negative" if summary["coef"] < 0 else "positive", display=False)
    glue(f"{name}_significance", ("" if significant else "not ") + "significant at the 5 percent level", display=False)
study_pattern = all(summary["coef"] < 0 and summary["pvalue"] < 0.05 for summary in summaries.values())
glue(
    "models_verdict",
    "show the same pattern: a negative and significant coefficient in both models" if study_pattern
    else "do not show that pattern: the coefficient is not both negative and significant in the two models",
    display=False,
)

# %% [markdown]
# In Model 1 ({numref}`tbl-eurepoc-models`) the election-year coefficient is {glue:text}`model1_sign`:
# {glue:text}`model1_coef:.3f` pairs per year (standard error {glue:text}`model1_se:.3f`),
# {glue:text}`model1_relative:.0f` percent of the mean count of {glue:text}`model1_mean:.3f` in
# the sample. It is {glue:text}`model1_significance` (p = {glue:text}`model1_pvalue:.2f`); the
# 95 percent confidence interval runs from {glue:text}`model1_ci_low:.3f` to
# {glue:text}`model1_ci_high:.3f`. The estimate rests on {glue:text}`model1_nobs:,`
# country-years in {glue:text}`model1_nspells` spells of {glue:text}`model1_ncountries`
# countries, and the election year explains a share of {glue:text}`model1_r2_within:.5f` of the
# variation within spells.
#
# With the controls (Model 2), the coefficient is {glue:text}`model2_sign`,
# {glue:text}`model2_coef:.3f` (standard error {glue:text}`model2_se:.3f`,
# {glue:text}`model2_relative:.0f` percent of the mean of {glue:text}`model2_mean:.3f`), and
# {glue:text}`model2_significance` (p = {glue:text}`model2_pvalue:.2f`; 95 percent interval
# {glue:text}`model2_ci_low:.3f` to {glue:text}`model2_ci_high:.3f`).
#
# The study reports a negative and significant election-year coefficient in both models. With
# EuRepoC 1.1 and our candidate table, the data {glue:text}`models_verdict`. The 95 percent
# interval of Model 1 runs from {glue:text}`model1_ci_low_relative:.0f` to
# {glue:text}`model1_ci_high_relative:.0f` percent of the mean count, so the data can rule out
# neither a moderate decline nor a moderate increase in election years.
#
# ```{warning}
# These estimates are not the study's. They use EuRepoC release 1.1 (1,643 incidents) instead
# of the later and larger release the study used, a candidate table that misses losers in
# several regions and years, and later WDI vintages for the controls. The differences are
# described in the data chapter.
# ```
#
# ## Where the variation comes from
#
# With spell fixed effects, only spells whose count changes from year to year inform the
# estimate. The figure shows the counts of every candidate country with such a spell, by
# year relative to the election.

# %%
varying = models.countries_varying_within_spells(sample1, "n_pairs")
share_varying = 100 * sample1.loc[sample1["iso3"].isin(varying), "n_pairs"].sum() / sample1["n_pairs"].sum()
results.report("n_countries_varying", len(varying), "countries",
               "Candidate countries whose count varies within at least one spell")
results.report("share_pairs_varying", float(share_varying), "percent",
               "Share of all non-state operations in the spell sample from those countries")
results.report("n_countries_candidates", sample1["iso3"].nunique(), "countries", "Candidate countries in the spell sample")
results.report("n_pairs_sample", int(sample1["n_pairs"].sum()), "pairs", "Non-state operations in the spell sample")
spell_varies = sample1.groupby("spell_id")["n_pairs"].transform("nunique") > 1
results.report("n_spells_varying", sample1.loc[spell_varies, "spell_id"].nunique(), "spells", "Spells whose count varies")
results.report("n_pairs_constant_spells", int(sample1.loc[~spell_varies, "n_pairs"].sum()), "pairs",
               "Non-state operations in spells whose count never changes");

# %% [markdown]
# (code-fig-varying-countries)=

# %%
columns = 6
rows = int(np.ceil(len(varying) / columns))
figure, axes = plt.subplots(rows, columns, figsize=(11, 1.7 * rows), sharex=True, squeeze=False)
colours = dict(zip(itu.ELECTION_YEARS, plt.get_cmap("tab10").colors))
for axis, iso3 in zip(axes.flat, varying):
    for spell_id, spell in sample1[sample1["iso3"] == iso3].groupby("spell_id"):
        election_year = int(spell["election_year"].iloc[0])
        axis.plot(spell["years_to_election"], spell["n_pairs"], marker="o", markersize=2.5,
                  color=colours[election_year], label=str(election_year))
    axis.set_title(iso3, fontsize=9)
    axis.tick_params(labelsize=7)
    axis.set_xticks([-3, -2, -1, 0])
for axis in axes.flat[len(varying):]:
    axis.set_axis_off()
handles = [plt.Line2D([], [], color=colours[year], marker="o", markersize=3, label=str(year)) for year in itu.ELECTION_YEARS]
figure.legend(handles=handles, title="Election", loc="lower right", ncol=3, fontsize=8, title_fontsize=8)
figure.supxlabel("Years to the election (0 = election year)", fontsize=9)
figure.supylabel("Non-state operations (pairs)", fontsize=9)
figure.tight_layout()
glue("fig_varying_countries", figure, display=False)
plt.close(figure)

# %% [markdown]
# ```{glue:figure} fig_varying_countries
# :name: fig-varying-countries
#
# Non-state operations (initiator-country / target pairs, EuRepoC 1.1) of the candidate
# countries whose count varies within at least one spell, by year relative to the election.
# One line per spell, coloured by election; panels have their own vertical scale. {ref}`Code <code-fig-varying-countries>`.
# ```
#
# {glue:text}`n_countries_varying` of the {glue:text}`n_countries_candidates` candidate
# countries vary within at least one spell ({glue:text}`n_spells_varying` spells), and they
# account for {glue:text}`share_pairs_varying:.0f` percent of the
# {glue:text}`n_pairs_sample` non-state operations in the spell sample
# ({numref}`fig-varying-countries`), counting all the spells of those countries. The study
# reports {glue:text}`study_varying_countries` countries and {glue:text}`study_varying_share`
# percent. Spells whose count never changes, such as a run of equal
# non-zero counts, contribute {glue:text}`n_pairs_constant_spells` operations and nothing to
# the estimate.
#
# ## Robustness
#
# The same estimator runs on three alternatives, each with and without the controls. The first
# keeps only the elections of 2002-2018. The second adds the candidacies inferred from reports
# of consecutive terms (`data/itu/membership_inferred.csv`) to the reported ones. The third
# counts distinct incidents instead of initiator-country / target pairs. These are
# alternatives, not replacements for Models 1 and 2.

# %%
base = country_years.drop(columns=list(panel.SPELL_COLUMNS))


def respell(candidacies: pd.DataFrame) -> pd.DataFrame:
    """Return the panel with spells rebuilt from ``candidacies``."""
    spells = itu.build_spells(candidacies, int(country_years["year"].min()), int(country_years["year"].max()))
    return panel.attach_spells(base, spells, candidacies)


alternatives = {
    "Elections 2002-2018": (respell(panel.candidacy_table(robustness_elections)), "n_pairs"),
    "Inferred candidacies": (respell(panel.candidacy_table(include_inferred=True)), "n_pairs"),
    "Distinct incidents": (country_years, "n_incidents"),
}
robust_fits, robust_statistics = {}, {"Observations": [], "Spells": [], "Countries": [], "Mean of outcome": []}
for key, (label, (frame, outcome)) in zip(("elections", "inferred", "incidents"), alternatives.items()):
    for model, regressors in (("1", [TERM]), ("2", [TERM, *CONTROLS])):
        sample, _ = models.spell_sample(frame, regressors[1:])
        fit = models.fit_spell_fixed_effects(sample, outcome, regressors)
        robust_fits[f"{label} ({model})"] = fit
        robust_statistics["Observations"].append(fit.nobs)
        robust_statistics["Spells"].append(fit.entity_info["total"])
        robust_statistics["Countries"].append(sample["iso3"].nunique())
        robust_statistics["Mean of outcome"].append(f"{sample[outcome].mean():.3f}")
        summary = models.summarise_fit(fit, sample)
        results.report(f"robust_{key}_model{model}_coef", summary["coef"], "per year", f"Election-year coefficient, {label}, Model {model}")
        results.report(f"robust_{key}_model{model}_pvalue", summary["pvalue"], "p-value", f"p-value, {label}, Model {model}")
        results.report(f"robust_{key}_model{model}_nspells", summary["nspells"], "spells", f"Spells, {label}, Model {model}")
robust_table = format_regression_table(robust_fits, {TERM: "Election year"}, robust_statistics)
glue_table("tbl_eurepoc_robustness", robust_table)
p_values = [float(fit.pvalues[TERM]) for fit in robust_fits.values()]
results.report("robust_min_pvalue", min(p_values), "p-value", "Smallest p-value of the election-year coefficient across the robustness models")
results.report("robust_n_negative", sum(float(fit.params[TERM]) < 0 for fit in robust_fits.values()), "models",
               "Robustness models with a negative election-year coefficient")
results.report("robust_n_models", len(robust_fits), "models", "Robustness models");

# %% [markdown]
# ~~~~{table} Robustness of the election-year coefficient. (1): without controls, as Model 1; (2): with the three controls, as Model 2 (control coefficients not shown). Spell fixed effects; standard errors clustered by country in parentheses. {glue:text}`star_note`.
# :name: tbl-eurepoc-robustness
#
# ```{glue:md} tbl_eurepoc_robustness
# :format: myst
# ```
# ~~~~
#
# In {numref}`tbl-eurepoc-robustness`, {glue:text}`robust_n_negative` of the {glue:text}`robust_n_models` alternative models give a
# negative election-year coefficient, and the smallest p-value among them is
# {glue:text}`robust_min_pvalue:.3f`. Restricting the elections to 2002-2018 leaves
# {glue:text}`robust_elections_model1_nspells` spells and gives
# {glue:text}`robust_elections_model1_coef:.3f` (p = {glue:text}`robust_elections_model1_pvalue:.3f`)
# without and {glue:text}`robust_elections_model2_coef:.3f`
# (p = {glue:text}`robust_elections_model2_pvalue:.3f`) with the controls, against
# {glue:text}`model1_coef:.3f` and {glue:text}`model2_coef:.3f` with all six elections. Adding
# the inferred candidacies gives {glue:text}`robust_inferred_model1_nspells` spells and
# {glue:text}`robust_inferred_model1_coef:.3f` (p = {glue:text}`robust_inferred_model1_pvalue:.2f`).
# Counting distinct incidents instead of pairs gives {glue:text}`robust_incidents_model1_coef:.3f`
# (p = {glue:text}`robust_incidents_model1_pvalue:.2f`) and
# {glue:text}`robust_incidents_model2_coef:.3f` (p = {glue:text}`robust_incidents_model2_pvalue:.2f`).
