"""Estimate the spell fixed-effects models of the study and check them independently.

Model 1 regresses the yearly count on the election-year indicator with country-spell
fixed effects; Model 2 adds controls. :func:`fit_spell_fixed_effects` uses linearmodels'
PanelOLS (entity = spell, time = year, entity effects) with standard errors clustered by
country and the small-sample factor of Stata's ``xtreg, fe vce(cluster)``:
G / (G - 1) * (N - 1) / (N - K), where G is the number of countries, N the number of
observations and K the number of regressors. The spell effects are nested in the country
clusters, so linearmodels does not count them in K.

:func:`fit_dummy_variable_check` computes the same coefficients and standard errors
another way: statsmodels OLS with one dummy per spell and the plain cluster sandwich,
scaled by the same factor.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from linearmodels import PanelOLS

logger = logging.getLogger(__name__)

ELECTION_TERM = "election_year_indicator"

# Characters that Markdown (with MyST's dollar math) would read as markup inside a table cell.


class ModelDataError(ValueError):
    """A sample that the spell fixed-effects estimator cannot use."""


@dataclass(frozen=True)
class SampleSummary:
    """Rows, spells and countries of a spell sample before and after listwise deletion."""

    rows_before: int
    rows_after: int
    spells_before: int
    spells_after: int
    countries_before: int
    countries_after: int

    @property
    def rows_removed(self) -> int:
        return self.rows_before - self.rows_after

    @property
    def spells_removed(self) -> int:
        return self.spells_before - self.spells_after

    @property
    def countries_removed(self) -> int:
        return self.countries_before - self.countries_after


def spell_sample(panel: pd.DataFrame, columns: Sequence[str] = ()) -> tuple[pd.DataFrame, SampleSummary]:
    """Return the country-years inside election spells that have every column in ``columns``.

    Parameters
    ----------
    panel
        Country-year panel with ``spell_id`` (missing outside spells) and ``iso3``.
    columns
        Columns that must be non-missing (listwise deletion, no imputation).

    Raises
    ------
    ModelDataError
        A column is missing from the panel.
    """
    missing = [column for column in ("iso3", "year", "spell_id", *columns) if column not in panel.columns]
    if missing:
        raise ModelDataError(f"Panel lacks column(s) {missing}.")
    in_spells = panel[panel["spell_id"].notna()]
    kept = in_spells.dropna(subset=list(columns)).reset_index(drop=True)
    summary = SampleSummary(
        rows_before=len(in_spells),
        rows_after=len(kept),
        spells_before=in_spells["spell_id"].nunique(),
        spells_after=kept["spell_id"].nunique(),
        countries_before=in_spells["iso3"].nunique(),
        countries_after=kept["iso3"].nunique(),
    )
    return kept, summary


def _check_sample(sample: pd.DataFrame, outcome: str, regressors: Sequence[str], entity: str, time: str, cluster: str) -> None:
    if not regressors:
        raise ModelDataError("No regressors given.")
    needed = [outcome, *regressors, entity, time, cluster]
    missing = [column for column in needed if column not in sample.columns]
    if missing:
        raise ModelDataError(f"Sample lacks column(s) {missing}.")
    with_gaps = [column for column in needed if sample[column].isna().any()]
    if with_gaps:
        raise ModelDataError(
            f"Missing values in column(s) {with_gaps}; drop incomplete rows first (see spell_sample)."
        )
    duplicated = sample.duplicated([entity, time])
    if duplicated.any():
        raise ModelDataError(
            f"Duplicate {entity}-{time} rows: {sample.loc[duplicated, [entity, time]].head(5).to_dict('records')}."
        )
    clusters_per_entity = sample.groupby(entity)[cluster].nunique()
    straddling = clusters_per_entity[clusters_per_entity > 1]
    if len(straddling):
        raise ModelDataError(f"Entities in more than one {cluster}: {list(straddling.index[:10])}.")
    if sample[cluster].nunique() < 2:
        raise ModelDataError(f"Clustered standard errors need at least 2 values of {cluster}.")


def fit_spell_fixed_effects(
    sample: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str] = (ELECTION_TERM,),
    entity: str = "spell_id",
    time: str = "year",
    cluster: str = "iso3",
):
    """Fit OLS with entity fixed effects and standard errors clustered by ``cluster``.

    Parameters
    ----------
    sample
        One row per entity and time period, without missing values in the columns used.
    outcome
        Dependent variable.
    regressors
        Explanatory variables (no constant: the entity effects absorb it).
    entity, time
        Panel index columns.
    cluster
        Cluster variable; each entity must lie within one cluster.

    Returns
    -------
    linearmodels.panel.results.PanelEffectsResults

    Raises
    ------
    ModelDataError
        Missing columns or values, duplicate entity-time rows, an entity in two clusters,
        or fewer than two clusters.
    """
    regressors = list(regressors)
    _check_sample(sample, outcome, regressors, entity, time, cluster)
    data = sample.set_index([entity, time])
    clusters = pd.Series(pd.factorize(data[cluster])[0], index=data.index, name=cluster)
    model = PanelOLS(data[outcome].astype(float), data[regressors].astype(float), entity_effects=True)
    return model.fit(cov_type="clustered", clusters=clusters, debiased=True, group_debias=True)


def fit_dummy_variable_check(
    sample: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str] = (ELECTION_TERM,),
    entity: str = "spell_id",
    time: str = "year",
    cluster: str = "iso3",
) -> pd.DataFrame:
    """Estimate the same model as :func:`fit_spell_fixed_effects` with one dummy per entity.

    statsmodels OLS on the regressors and a full set of entity dummies gives the
    coefficients. The plain cluster sandwich of that fit (no small-sample factor) is
    scaled by G / (G - 1) * (N - 1) / (N - K), with K the number of ``regressors``.

    Returns
    -------
    pandas.DataFrame
        Indexed by regressor, with ``coef`` and ``std_error``.
    """
    regressors = list(regressors)
    _check_sample(sample, outcome, regressors, entity, time, cluster)
    dummies = pd.get_dummies(sample[entity], prefix="entity", dtype=float)
    design = pd.concat([sample[regressors].astype(float), dummies], axis=1)
    groups = pd.factorize(sample[cluster])[0]
    fit = sm.OLS(sample[outcome].astype(float), design).fit(
        cov_type="cluster", cov_kwds={"groups": groups, "use_correction": False}
    )
    n_obs, n_clusters, n_regressors = len(sample), len(np.unique(groups)), len(regressors)
    factor = n_clusters / (n_clusters - 1) * (n_obs - 1) / (n_obs - n_regressors)
    return pd.DataFrame(
        {"coef": fit.params[regressors], "std_error": np.sqrt(np.diag(fit.cov_params().loc[regressors, regressors]) * factor)},
        index=pd.Index(regressors, name="term"),
    )


def summarise_fit(result, sample: pd.DataFrame, term: str = ELECTION_TERM, cluster: str = "iso3") -> dict:
    """Return the numbers the book reports for one fitted model.

    Keys: ``coef``, ``se``, ``pvalue``, ``nobs``, ``nspells``, ``ncountries``,
    ``r2_within`` and ``mean_outcome`` (mean of the dependent variable in the sample).
    """
    return {
        "coef": float(result.params[term]),
        "se": float(result.std_errors[term]),
        "pvalue": float(result.pvalues[term]),
        "nobs": int(result.nobs),
        "nspells": int(result.entity_info["total"]),
        "ncountries": int(sample[cluster].nunique()),
        "r2_within": float(result.rsquared_within),
        "mean_outcome": float(result.model.dependent.values2d.mean()),
    }


def countries_varying_within_spells(sample: pd.DataFrame, outcome: str, entity: str = "spell_id", country: str = "iso3") -> list[str]:
    """Return the countries whose ``outcome`` takes more than one value within at least one spell."""
    missing = [column for column in (outcome, entity, country) if column not in sample.columns]
    if missing:
        raise ModelDataError(f"Sample lacks column(s) {missing}.")
    varying_spells = sample.groupby(entity)[outcome].nunique() > 1
    countries = sample.loc[sample[entity].isin(varying_spells[varying_spells].index), country]
    return sorted(countries.unique())
