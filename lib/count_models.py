"""Count models with spell fixed effects, their average marginal effect and its bootstrap.

:func:`fit_spell_fixed_effects` fits a negative binomial (NB2, dispersion estimated) or a
Poisson regression of an event count on a binary treatment with one dummy per spell,
using statsmodels' maximum likelihood with standard errors clustered by group.
:func:`average_marginal_effect` sets the treatment to 1 and to 0 for every row and averages
the difference in fitted counts. :func:`bootstrap_ame` draws coefficients from the
estimated sampling distribution (multivariate normal with the clustered covariance) and
recomputes that effect for each draw (a parametric bootstrap).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

Family = Literal["negative_binomial", "poisson"]
FAMILIES: tuple[str, ...] = ("negative_binomial", "poisson")


class CountModelError(ValueError):
    """A panel or covariance that the count models cannot use."""


@dataclass(frozen=True)
class SpellFixedEffectsFit:
    """A fitted count model with spell dummies, and the data it was fitted on.

    Attributes
    ----------
    result
        statsmodels results (``params``, ``bse``, ``pvalues``, ``cov_params()``, ``llf``).
    family
        ``"negative_binomial"`` or ``"poisson"``.
    data
        Rows used in the fit (spells whose count is zero in every year are left out).
    outcome, treatment, spell, cluster
        Column names of the count, the 0/1 treatment, the spell and the cluster.
    dropped_spells
        Spell ids left out because their count is zero in every year.
    design
        Regressors of the mean: the treatment, then one dummy per spell (no intercept).
    """

    result: object
    family: str
    data: pd.DataFrame
    outcome: str
    treatment: str
    spell: str
    cluster: str
    dropped_spells: tuple[str, ...]
    design: pd.DataFrame

    @property
    def coefficient(self) -> float:
        return float(self.result.params[self.treatment])

    @property
    def standard_error(self) -> float:
        return float(self.result.bse[self.treatment])

    @property
    def p_value(self) -> float:
        return float(self.result.pvalues[self.treatment])

    @property
    def n_clusters(self) -> int:
        return int(self.data[self.cluster].nunique())

    @property
    def n_spells(self) -> int:
        return int(self.data[self.spell].nunique())

    @property
    def converged(self) -> bool:
        """True when the optimiser reports convergence and every estimate is finite."""
        return _usable(self.result)

    def mean_design(self, treatment_value: int) -> np.ndarray:
        """Return the design matrix of the mean with the treatment set to ``treatment_value`` in every row."""
        design = self.design.copy()
        design[self.treatment] = float(treatment_value)
        return design.to_numpy()

    @property
    def mean_parameters(self) -> pd.Series:
        """Coefficients of the mean (without the negative binomial dispersion ``alpha``)."""
        return self.result.params[list(self.design.columns)]


def split_all_zero_spells(panel: pd.DataFrame, outcome: str, spell: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Separate spells whose count is zero in every year, which carry no information with spell dummies."""
    totals = panel.groupby(spell)[outcome].sum()
    zero = tuple(sorted(totals.index[totals == 0].astype(str)))
    return panel[~panel[spell].astype(str).isin(zero)].copy(), zero


def fit_spell_fixed_effects(
    panel: pd.DataFrame,
    family: Family = "negative_binomial",
    outcome: str = "events",
    treatment: str = "election_year_indicator",
    spell: str = "spell_id",
    cluster: str = "group",
    maxiter: int = 200,
) -> SpellFixedEffectsFit:
    """Fit ``outcome ~ treatment + spell dummies`` by maximum likelihood, clustering by ``cluster``.

    The mean is ``exp(beta * treatment + gamma_spell)``, with one dummy per spell and no
    separate intercept.

    Spells whose count is zero in every year are dropped first: with a spell dummy their
    fitted mean tends to zero and the likelihood has no maximum. The negative binomial is
    NB2 (variance ``mu + alpha * mu**2``) with ``alpha`` estimated. It is fitted with
    Newton's method from Poisson start values, and with BFGS on ``log(alpha)`` when Newton's
    method fails. Without overdispersion BFGS drives ``alpha`` towards 0, so the estimate
    approaches the Poisson one and :attr:`SpellFixedEffectsFit.converged` is false. The
    Poisson model is fitted with Newton's method.

    Raises
    ------
    CountModelError
        A column is missing, counts are negative or not whole numbers, the treatment is
        not 0/1, no spell with a positive count remains, or the fit gives a non-finite
        coefficient or standard error.
    """
    from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

    if family not in FAMILIES:
        raise ValueError(f"Invalid family {family!r}; use one of {FAMILIES}.")
    missing = [column for column in (outcome, treatment, spell, cluster) if column not in panel.columns]
    if missing:
        raise CountModelError(f"Invalid panel: missing column(s) {missing}; found {list(panel.columns)}.")
    counts = panel[outcome]
    if counts.isna().any() or (counts < 0).any() or not np.allclose(counts, np.round(counts)):
        raise CountModelError(f"Invalid counts in {outcome!r}: they must be whole numbers >= 0 without missing values.")
    if not panel[treatment].isin([0, 1]).all():
        raise CountModelError(f"Invalid treatment {treatment!r}: it must be 0 or 1 in every row.")

    data, dropped = split_all_zero_spells(panel, outcome, spell)
    if data.empty:
        raise CountModelError("No spell has a positive count; there is nothing to fit.")
    data = data.reset_index(drop=True)
    if data[treatment].nunique() < 2:
        raise CountModelError(f"The treatment {treatment!r} does not vary in the spells with a positive count.")

    spell_dummies = pd.get_dummies(data[spell].astype(str), prefix="spell", prefix_sep=": ", dtype=float)
    design = pd.concat([data[[treatment]].astype(float), spell_dummies], axis=1)
    groups = pd.factorize(data[cluster])[0]
    model_class = NegativeBinomial if family == "negative_binomial" else Poisson
    result = _maximise(model_class(data[outcome].astype(float), design), "newton", maxiter, groups)
    if family == "negative_binomial" and not _usable(result):
        # Newton's method steps in alpha itself and fails when the maximum lies at alpha -> 0
        # (no overdispersion); BFGS works on log(alpha) and approaches that boundary instead.
        logger.warning("Newton's method failed for the negative binomial model; refitting with BFGS on log(alpha).")
        result = _maximise(model_class(data[outcome].astype(float), design), "bfgs", 50 * maxiter, groups)
    if not np.isfinite([result.params[treatment], result.bse[treatment]]).all():
        raise CountModelError(
            f"The {family} fit gave a non-finite coefficient or standard error for {treatment!r}; "
            "the panel may have too few spells or clusters."
        )
    fit = SpellFixedEffectsFit(result, family, data, outcome, treatment, spell, cluster, dropped, design)
    if not fit.converged:
        logger.warning("The %s model did not converge (optimiser %s).", family, result.mle_settings["optimizer"])
    logger.info(
        "%s: coefficient %.4f (clustered SE %.4f) on %d rows, %d spells, %d clusters; %d all-zero spells dropped",
        family, fit.coefficient, fit.standard_error, len(data), fit.n_spells, fit.n_clusters, len(dropped),
    )
    return fit


def _maximise(model, method: str, maxiter: int, groups: np.ndarray):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)  # overflow in exploratory steps
        return model.fit(method=method, maxiter=maxiter, disp=0, cov_type="cluster", cov_kwds={"groups": groups})


def _usable(result) -> bool:
    converged = bool(result.mle_retvals.get("converged", False))
    return converged and bool(np.isfinite(result.params).all()) and bool(np.isfinite(result.bse).all())


def ame_from_parameters(parameters: np.ndarray, design_treated: np.ndarray, design_control: np.ndarray) -> np.ndarray:
    """Return the average marginal effect for each row of ``parameters``.

    The mean is ``exp(X @ b)``, so the effect is the average over rows of
    ``exp(X1 @ b) - exp(X0 @ b)``, with X1 and X0 the designs with the treatment set to 1
    and 0. ``parameters`` is one vector of length k or a matrix of shape (draws, k).
    """
    parameters = np.atleast_2d(np.asarray(parameters, dtype=float))
    if design_treated.shape != design_control.shape or design_treated.shape[1] != parameters.shape[1]:
        raise CountModelError(
            f"Shape mismatch: designs {design_treated.shape} and {design_control.shape}, parameters {parameters.shape}."
        )
    treated = np.exp(design_treated @ parameters.T)
    control = np.exp(design_control @ parameters.T)
    return (treated - control).mean(axis=0)


def average_marginal_effect(fit: SpellFixedEffectsFit) -> float:
    """Return the average over the fitted rows of the fitted count with treatment 1 minus with treatment 0."""
    effect = ame_from_parameters(fit.mean_parameters.to_numpy(), fit.mean_design(1), fit.mean_design(0))
    return float(effect[0])


def draw_parameters(mean: np.ndarray, covariance: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """Draw ``draws`` vectors from a multivariate normal distribution.

    The covariance may be singular, as a clustered covariance with fewer clusters than
    parameters is. It is factored by its eigendecomposition, and eigenvalues that are
    negative only by rounding are set to zero.

    Raises
    ------
    CountModelError
        The covariance is not square, not symmetric or clearly not positive semi-definite.
    """
    mean = np.asarray(mean, dtype=float)
    covariance = np.asarray(covariance, dtype=float)
    if draws < 1:
        raise ValueError(f"Invalid number of draws {draws}; use at least 1.")
    if covariance.shape != (mean.size, mean.size):
        raise CountModelError(f"Covariance of shape {covariance.shape} does not match {mean.size} parameters.")
    if not np.allclose(covariance, covariance.T, rtol=1e-8, atol=1e-12):
        raise CountModelError("The covariance matrix is not symmetric.")
    eigenvalues, eigenvectors = np.linalg.eigh((covariance + covariance.T) / 2)
    tolerance = 1e-8 * max(float(np.abs(eigenvalues).max()), np.finfo(float).tiny)
    if eigenvalues.min() < -tolerance:
        raise CountModelError(f"The covariance matrix is not positive semi-definite (eigenvalue {eigenvalues.min():.3g}).")
    root = eigenvectors * np.sqrt(np.clip(eigenvalues, 0, None))
    standard_normal = np.random.default_rng(seed).standard_normal((draws, mean.size))
    return mean + standard_normal @ root.T


@dataclass(frozen=True)
class BootstrapInterval:
    """Percentile interval of the average marginal effect from a parametric bootstrap."""

    estimate: float
    low: float
    high: float
    level: float
    draws: np.ndarray


def bootstrap_ame(
    fit: SpellFixedEffectsFit,
    draws: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    chunk_size: int = 100,
    progress: bool = True,
) -> BootstrapInterval:
    """Compute a percentile interval of the average marginal effect by parametric bootstrap.

    Coefficients of the mean are drawn from a multivariate normal distribution centred on
    the estimates with the model's clustered covariance. The effect is recomputed for each
    draw, and the interval runs from the ``(1 - level) / 2`` to the ``(1 + level) / 2``
    quantile of the draws.
    The same ``seed`` gives the same interval.
    """
    from tqdm import tqdm  # the console bar: papermill output has no widget support

    if not 0 < level < 1:
        raise ValueError(f"Invalid level {level}; it must lie in (0, 1).")
    names = list(fit.design.columns)
    mean = fit.mean_parameters.to_numpy()
    covariance = fit.result.cov_params().loc[names, names].to_numpy()
    parameters = draw_parameters(mean, covariance, draws, seed)
    treated, control = fit.mean_design(1), fit.mean_design(0)

    effects = np.empty(draws)
    with tqdm(total=draws, desc=f"Bootstrap ({fit.family})", disable=not progress) as bar:
        for start in range(0, draws, chunk_size):
            stop = min(start + chunk_size, draws)
            effects[start:stop] = ame_from_parameters(parameters[start:stop], treated, control)
            bar.update(stop - start)
    low, high = np.percentile(effects, [100 * (1 - level) / 2, 100 * (1 + level) / 2])
    return BootstrapInterval(average_marginal_effect(fit), float(low), float(high), level, effects)
