"""Models of the GCI plausibility probe: OLS of votes, LPM and logit of election, predictions.

Every model is fitted on complete cases of its own variables with heteroskedasticity-robust
(HC1) standard errors. A regressor that is constant in the estimation sample, or a linear
combination of regressors before it in the formula, is left out and recorded.

Before a logit is fitted, :func:`detect_separation` looks for complete or quasi-complete
separation with a linear programme. The maximum likelihood estimate exists if and only if
no direction ``b`` satisfies ``(2 y_i - 1) x_i'b >= 0`` for every observation with at least
one strict inequality. A separated logit is reported as such, with no estimate.

:func:`predict_at_means` traces a fitted model's prediction across values of one regressor
with the others at their sample means, with confidence bands from the coefficient
covariance: for OLS and the LPM on the outcome scale, for the logit on the linear predictor
and then through the logistic function (so the band stays within 0 and 1).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import patsy
import statsmodels.api as sm
from scipy import optimize, special
from statsmodels.tools.sm_exceptions import ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning

logger = logging.getLogger(__name__)

ModelKind = Literal["ols", "lpm", "logit"]
Specification = Literal["parsimonious", "full"]
PredictionScale = Literal["linear", "probability"]

#: Controls of the full specification, in the order of the regression table.
FULL_CONTROLS: tuple[str, ...] = (
    "C(year)", "log_gdp_per_capita", "log_population", "eu", "g77", "nato", "oic", "us_agreement", "russia_agreement",
)

#: A logit standard error above this value is taken as a sign of near separation, even when
#: the linear programme finds none, because no coefficient of this probe is plausibly that
#: uncertain on the log-odds scale. It is a heuristic, not a test.
MAX_LOGIT_STANDARD_ERROR = 50.0


class ProbeModelError(ValueError):
    """A model that cannot be set up from the data given."""


@dataclass(frozen=True)
class SeparationCheck:
    """Result of :func:`detect_separation`.

    Attributes
    ----------
    separated
        True when the logit's maximum likelihood estimate does not exist.
    terms
        Regressors whose coefficient diverges along some separating direction.
    """

    separated: bool
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProbeFit:
    """A fitted probe model, or the reason it has no estimate.

    Attributes
    ----------
    kind
        ``"ols"``, ``"lpm"`` or ``"logit"``.
    formula
        Patsy formula of the model.
    status
        ``"estimated"``, ``"separation"`` (logit without a finite estimate) or
        ``"not converged"``.
    result
        statsmodels results with HC1 covariance, or None unless ``status`` is ``"estimated"``.
    nobs
        Observations with every variable of the formula present.
    dropped
        Index labels of the rows left out for a missing value.
    collinear_terms
        Design-matrix columns left out because they are constant or a linear combination of
        earlier columns in the estimation sample.
    separation
        Separation check of a logit; None for OLS and the LPM.
    notes
        Warnings raised while fitting.
    """

    kind: ModelKind
    formula: str
    status: str
    result: object | None
    nobs: int
    dropped: tuple = ()
    collinear_terms: tuple[str, ...] = ()
    separation: SeparationCheck | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def estimated(self) -> bool:
        return self.status == "estimated"


def probe_formula(outcome: str, specification: Specification, rank_term: str = "gci_rank") -> str:
    """Return the patsy formula of a probe model.

    The parsimonious specification has the GCI term and region fixed effects only; the full
    one adds an election-year indicator and the controls of :data:`FULL_CONTROLS`.
    """
    if specification == "parsimonious":
        terms = [rank_term, "C(region)"]
    elif specification == "full":
        terms = [rank_term, "C(region)", *FULL_CONTROLS]
    else:
        raise ValueError(f"Invalid specification {specification!r}; use 'parsimonious' or 'full'.")
    return f"{outcome} ~ {' + '.join(terms)}"


def detect_separation(y: pd.Series | np.ndarray, exog: pd.DataFrame, tolerance: float = 1e-7) -> SeparationCheck:
    """Check a binary outcome and design matrix for complete or quasi-complete separation.

    Solves ``max sum_i s_i x_i'b`` subject to ``s_i x_i'b >= 0`` for all ``i`` and
    ``-1 <= b_j <= 1``, with ``s_i = 2 y_i - 1`` and the columns of ``exog`` scaled to a
    maximum absolute value of 1. A positive optimum means separation. Each regressor is then
    tested on its own (maximise and minimise ``b_j`` over the same set) to list the terms
    whose coefficients diverge.

    Parameters
    ----------
    y
        Outcome coded 0/1.
    exog
        Design matrix including the constant, of full column rank. With collinear columns
        the per-term listing may name terms that only move along ``X b = 0``.
    tolerance
        Optimum below which the data count as not separated.

    Raises
    ------
    ProbeModelError
        ``y`` is not 0/1, or its length differs from the rows of ``exog``.
    """
    outcome = np.asarray(y, dtype=float)
    if outcome.shape[0] != exog.shape[0]:
        raise ProbeModelError(f"Invalid input: the outcome has {outcome.shape[0]} rows, the design matrix {exog.shape[0]}.")
    if not np.isin(outcome, [0.0, 1.0]).all():
        raise ProbeModelError("Separation check needs an outcome coded 0/1.")
    design = np.asarray(exog, dtype=float)
    scale = np.abs(design).max(axis=0)
    scale[scale == 0] = 1.0
    signed = (2 * outcome - 1)[:, None] * (design / scale)

    bounds = [(-1.0, 1.0)] * design.shape[1]
    constraints = {"A_ub": -signed, "b_ub": np.zeros(design.shape[0]), "bounds": bounds, "method": "highs"}
    overall = optimize.linprog(-signed.sum(axis=0), **constraints)
    if overall.status != 0:
        raise ProbeModelError(f"Separation check failed: linear programme status {overall.status} ({overall.message}).")
    if -overall.fun <= tolerance:
        return SeparationCheck(separated=False)

    names = list(exog.columns) if isinstance(exog, pd.DataFrame) else [f"x{j}" for j in range(design.shape[1])]
    diverging = []
    for j, name in enumerate(names):
        unit = np.zeros(design.shape[1])
        unit[j] = 1.0
        extremes = [optimize.linprog(sign * unit, **constraints) for sign in (-1.0, 1.0)]
        if any(result.status == 0 and abs(result.fun) > tolerance for result in extremes):
            diverging.append(name)
    return SeparationCheck(separated=True, terms=tuple(diverging))


def _design(formula: str, data: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, tuple, tuple[str, ...]]:
    """Build the complete-case design matrix, dropping columns collinear with earlier ones."""
    try:
        outcome, exog = patsy.dmatrices(formula, data, return_type="dataframe", NA_action="drop")
    except patsy.PatsyError as error:
        raise ProbeModelError(f"Cannot build the design matrix of {formula!r}: {error}") from error
    dropped_rows = tuple(data.index.difference(exog.index))

    # Keep a column only if it raises the rank of the columns kept before it (formula order).
    independent: list[str] = []
    for column in exog.columns:
        candidate = exog[independent + [column]].to_numpy(dtype=float)
        if np.linalg.matrix_rank(candidate) == len(independent) + 1:
            independent.append(column)
    collinear = tuple(column for column in exog.columns if column not in independent)
    if collinear:
        logger.info("Model %s: dropped %s, collinear with earlier regressors in the estimation sample", formula, collinear)
    return outcome.iloc[:, 0], exog[independent], dropped_rows, collinear


def fit_probe_model(formula: str, data: pd.DataFrame, kind: ModelKind) -> ProbeFit:
    """Fit one probe model on the complete cases of its variables, with HC1 standard errors.

    Parameters
    ----------
    formula
        Patsy formula, for example from :func:`probe_formula`.
    data
        One row per candidate.
    kind
        ``"ols"`` (votes), ``"lpm"`` (OLS of a 0/1 outcome) or ``"logit"``.

    Returns
    -------
    ProbeFit
        A logit with separation, non-convergence or a standard error above
        :data:`MAX_LOGIT_STANDARD_ERROR` comes back without ``result``.

    Raises
    ------
    ProbeModelError
        Unknown kind, no complete rows, or a 0/1 model whose outcome is not 0/1.
    """
    if kind not in ("ols", "lpm", "logit"):
        raise ProbeModelError(f"Invalid model kind {kind!r}; use 'ols', 'lpm' or 'logit'.")
    outcome, exog, dropped, collinear = _design(formula, data)
    if len(exog) == 0:
        raise ProbeModelError(f"No complete rows for {formula!r}.")
    if kind in ("lpm", "logit") and not outcome.isin([0.0, 1.0]).all():
        raise ProbeModelError(f"The outcome of a {kind} must be 0/1; {formula!r} has other values.")
    nobs = len(exog)

    if kind in ("ols", "lpm"):
        result = sm.OLS(outcome, exog).fit(cov_type="HC1")
        return ProbeFit(kind, formula, "estimated", result, nobs, dropped, collinear_terms=collinear)

    separation = detect_separation(outcome, exog)
    if separation.separated:
        logger.info("Logit %s: separation in %s; no estimate", formula, separation.terms)
        return ProbeFit(kind, formula, "separation", None, nobs, dropped, collinear, separation)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = sm.Logit(outcome, exog).fit(disp=0, maxiter=200, cov_type="HC1")
    notes = tuple(str(warning.message) for warning in caught)
    if any(issubclass(warning.category, PerfectSeparationWarning) for warning in caught):
        return ProbeFit(kind, formula, "separation", None, nobs, dropped, collinear, separation, notes)
    if not result.mle_retvals.get("converged", False) or any(
        issubclass(warning.category, (ConvergenceWarning, HessianInversionWarning)) for warning in caught
    ):
        return ProbeFit(kind, formula, "not converged", None, nobs, dropped, collinear, separation, notes)
    if not np.isfinite(result.bse).all() or (result.bse > MAX_LOGIT_STANDARD_ERROR).any():
        large = result.bse[~np.isfinite(result.bse) | (result.bse > MAX_LOGIT_STANDARD_ERROR)]
        note = f"standard errors above {MAX_LOGIT_STANDARD_ERROR}: {large.round(1).to_dict()}"
        return ProbeFit(kind, formula, "separation", None, nobs, dropped, collinear, separation, notes + (note,))
    return ProbeFit(kind, formula, "estimated", result, nobs, dropped, collinear, separation, notes)


def groups_with_both_outcomes(data: pd.DataFrame, outcome: str = "elected", group: str = "region") -> pd.DataFrame:
    """Return the rows of groups in which ``outcome`` takes both values 0 and 1.

    A group whose candidates were all elected (or all defeated) separates a logit with group
    fixed effects: its effect has no finite estimate. Its rows add nothing to the likelihood
    of the other coefficients once its effect diverges, so the logit on the remaining groups
    estimates the same slope coefficients. Rows with a missing outcome or group are ignored
    when classifying groups and are not returned.
    """
    missing = [column for column in (outcome, group) if column not in data.columns]
    if missing:
        raise KeyError(f"Table lacks column(s) {missing}.")
    known = data.dropna(subset=[outcome, group])
    values = known.groupby(group)[outcome].agg(lambda series: frozenset(series.astype(float)))
    mixed = values[values.map(lambda seen: seen == frozenset({0.0, 1.0}))].index
    return known[known[group].isin(mixed)]


def predict_at_means(
    result,
    term: str,
    values: Sequence[float] | np.ndarray,
    scale: PredictionScale,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Predict across ``values`` of one regressor with every other column at its sample mean.

    Dummy columns (region, year, memberships) are set to their means too, so the prediction
    is for the average design row of the estimation sample, not for a particular region.

    Parameters
    ----------
    result
        statsmodels results of a model fitted on a named design matrix (OLS or Logit).
    term
        Design-matrix column to vary, for example ``"gci_rank"``.
    values
        Values of ``term``.
    scale
        ``"linear"``: the linear prediction ``x'b`` and its band from statsmodels'
        ``get_prediction`` (OLS and LPM; a normal band ``x'b +/- z se``, because HC1 fits do
        not use the t distribution). ``"probability"``: ``get_prediction(which="linear")``
        gives the band on the linear predictor, which is passed through the logistic
        function (logit).
    alpha
        One minus the confidence level.

    Returns
    -------
    pandas.DataFrame
        Columns ``value``, ``predicted``, ``lower``, ``upper`` and ``se_linear`` (standard
        error of ``x'b``).
    """
    if not 0 < alpha < 1:
        raise ValueError(f"Invalid alpha {alpha}; it must lie strictly between 0 and 1.")
    if scale not in ("linear", "probability"):
        raise ValueError(f"Invalid scale {scale!r}; use 'linear' or 'probability'.")
    names = list(result.model.exog_names)
    if term not in names:
        raise KeyError(f"Term {term!r} is not a regressor of the model; regressors are {names}.")
    values = np.asarray(values, dtype=float)

    means = np.asarray(result.model.exog, dtype=float).mean(axis=0)
    grid = np.tile(means, (len(values), 1))
    grid[:, names.index(term)] = values

    if scale == "linear":
        frame = result.get_prediction(exog=grid).summary_frame(alpha=alpha)
        predicted, lower, upper = frame["mean"], frame["mean_ci_lower"], frame["mean_ci_upper"]
        se = frame["mean_se"]
    else:
        frame = result.get_prediction(exog=grid, which="linear").summary_frame(alpha=alpha)
        predicted, lower, upper = (special.expit(frame[column]) for column in ("predicted", "ci_lower", "ci_upper"))
        se = frame["se"]
    return pd.DataFrame(
        {
            "value": values,
            "predicted": np.asarray(predicted, dtype=float),
            "lower": np.asarray(lower, dtype=float),
            "upper": np.asarray(upper, dtype=float),
            "se_linear": np.asarray(se, dtype=float),
        }
    )
