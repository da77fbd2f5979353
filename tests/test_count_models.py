import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special

from lib.count_models import (
    CountModelError,
    ame_from_parameters,
    average_marginal_effect,
    bootstrap_ame,
    draw_parameters,
    fit_spell_fixed_effects,
    split_all_zero_spells,
)


def make_panel(spell_counts: dict[tuple[str, str], list[int]]) -> pd.DataFrame:
    """One row per spell year; the last of the four years is the election year."""
    rows = []
    for (group, spell), counts in spell_counts.items():
        for position, count in enumerate(counts):
            rows.append({"group": group, "spell_id": spell, "events": count, "election_year_indicator": int(position == 3)})
    return pd.DataFrame(rows)


PANEL = make_panel(
    {
        ("g1", "s1"): [1, 2, 0, 3],
        ("g1", "s2"): [0, 1, 1, 0],
        ("g2", "s3"): [2, 2, 1, 0],
        ("g3", "s4"): [0, 0, 0, 0],
        ("g3", "s5"): [5, 3, 4, 1],
    }
)

OVERDISPERSED = make_panel(
    {
        ("g1", "s1"): [0, 9, 1, 0],
        ("g1", "s2"): [7, 0, 0, 2],
        ("g2", "s3"): [1, 0, 6, 0],
        ("g2", "s4"): [0, 4, 0, 1],
        ("g3", "s5"): [12, 1, 0, 3],
        ("g4", "s6"): [2, 0, 8, 0],
        ("g4", "s7"): [0, 3, 0, 5],
    }
)


def test_all_zero_spells_split_off():
    kept, dropped = split_all_zero_spells(PANEL, "events", "spell_id")
    assert dropped == ("s4",)
    assert sorted(kept["spell_id"].unique()) == ["s1", "s2", "s3", "s5"]


def test_poisson_matches_closed_form():
    # With one treated year in four per spell, the Poisson fixed-effects estimate solves
    # exp(b) = 3 * Y0 / (Y - Y0), where Y0 sums the election-year counts and Y all counts.
    fit = fit_spell_fixed_effects(PANEL, family="poisson")
    kept = PANEL[PANEL["spell_id"] != "s4"]
    treated_total = kept.loc[kept["election_year_indicator"] == 1, "events"].sum()
    total = kept["events"].sum()
    assert fit.coefficient == pytest.approx(np.log(3 * treated_total / (total - treated_total)), abs=1e-8)
    assert fit.dropped_spells == ("s4",)
    assert fit.n_spells == 4
    assert fit.n_clusters == 3


def test_ame_matches_hand_computation_poisson():
    # exp(gamma_s) = Y_s / (3 + exp(b)), so each of the 4 rows of spell s changes by
    # Y_s (exp(b) - 1) / (3 + exp(b)); the AME averages over the 16 fitted rows.
    fit = fit_spell_fixed_effects(PANEL, family="poisson")
    kept = PANEL[PANEL["spell_id"] != "s4"]
    ratio = np.exp(fit.coefficient)
    spell_totals = kept.groupby("spell_id")["events"].sum()
    expected = (4 * spell_totals * (ratio - 1) / (3 + ratio)).sum() / len(kept)
    assert average_marginal_effect(fit) == pytest.approx(expected, abs=1e-8)


def negative_binomial_log_likelihood(parameters, counts, design):
    mean = np.exp(design @ parameters[:-1])
    alpha = np.exp(parameters[-1])
    size = 1 / alpha
    return np.sum(
        special.gammaln(counts + size)
        - special.gammaln(size)
        - special.gammaln(counts + 1)
        + size * np.log(size / (size + mean))
        + counts * np.log(mean / (size + mean))
    )


def test_negative_binomial_matches_direct_maximisation():
    fit = fit_spell_fixed_effects(OVERDISPERSED, family="negative_binomial")
    design = fit.design.to_numpy()
    counts = fit.data["events"].to_numpy(dtype=float)
    start = np.zeros(design.shape[1] + 1)
    start[1:-1] = np.log(fit.data.groupby("spell_id")["events"].mean().to_numpy())
    solution = optimize.minimize(
        lambda parameters: -negative_binomial_log_likelihood(parameters, counts, design),
        start,
        method="BFGS",
        options={"gtol": 1e-6, "maxiter": 5000},
    )
    assert solution.success
    assert fit.converged
    assert fit.coefficient == pytest.approx(solution.x[0], abs=1e-4)
    assert fit.result.params["alpha"] == pytest.approx(np.exp(solution.x[-1]), rel=1e-4)
    assert fit.result.llf == pytest.approx(-solution.fun, abs=1e-6)


def test_ame_matches_hand_computation_negative_binomial():
    fit = fit_spell_fixed_effects(OVERDISPERSED, family="negative_binomial")
    beta = fit.coefficient
    differences = [
        np.exp(fit.result.params[f"spell: {spell}"] + beta) - np.exp(fit.result.params[f"spell: {spell}"])
        for spell in fit.data["spell_id"]
    ]
    assert average_marginal_effect(fit) == pytest.approx(np.mean(differences), abs=1e-10)


def test_clustered_standard_errors_match_sandwich():
    fit = fit_spell_fixed_effects(PANEL, family="poisson")
    design = fit.design.to_numpy()
    counts = fit.data["events"].to_numpy(dtype=float)
    mean = np.exp(design @ fit.result.params.to_numpy())
    hessian = design.T @ (mean[:, None] * design)
    scores = (counts - mean)[:, None] * design
    cluster_scores = pd.DataFrame(scores).groupby(fit.data["group"].to_numpy()).sum().to_numpy()
    meat = cluster_scores.T @ cluster_scores
    n_obs, n_params, n_clusters = design.shape[0], design.shape[1], cluster_scores.shape[0]
    correction = n_clusters / (n_clusters - 1) * (n_obs - 1) / (n_obs - n_params)
    bread = np.linalg.inv(hessian)
    covariance = correction * bread @ meat @ bread
    assert fit.standard_error == pytest.approx(np.sqrt(covariance[0, 0]), rel=1e-6)


def test_negative_binomial_without_overdispersion_approaches_poisson():
    # Counts less dispersed than Poisson put the maximum at alpha -> 0, where Newton's method fails.
    underdispersed = make_panel(
        {("g1", "s1"): [2, 2, 3, 2], ("g2", "s2"): [3, 3, 3, 4], ("g3", "s3"): [2, 3, 2, 2], ("g4", "s4"): [4, 4, 4, 3]}
    )
    negative_binomial = fit_spell_fixed_effects(underdispersed, family="negative_binomial")
    poisson = fit_spell_fixed_effects(underdispersed, family="poisson")
    assert negative_binomial.result.params["alpha"] < 1e-4
    assert negative_binomial.coefficient == pytest.approx(poisson.coefficient, abs=1e-3)
    assert np.isfinite(negative_binomial.standard_error)


def test_fit_rejects_negative_counts():
    with pytest.raises(CountModelError, match="whole numbers"):
        fit_spell_fixed_effects(PANEL.assign(events=PANEL["events"] - 1))


def test_fit_rejects_fractional_counts():
    with pytest.raises(CountModelError, match="whole numbers"):
        fit_spell_fixed_effects(PANEL.assign(events=PANEL["events"] + 0.5))


def test_fit_rejects_non_binary_treatment():
    with pytest.raises(CountModelError, match="0 or 1"):
        fit_spell_fixed_effects(PANEL.assign(election_year_indicator=2))


def test_fit_rejects_missing_column():
    with pytest.raises(CountModelError, match="group"):
        fit_spell_fixed_effects(PANEL.drop(columns="group"))


def test_fit_rejects_all_zero_panel():
    with pytest.raises(CountModelError, match="No spell has a positive count"):
        fit_spell_fixed_effects(PANEL.assign(events=0))


def test_fit_rejects_unknown_family():
    with pytest.raises(ValueError, match="Invalid family"):
        fit_spell_fixed_effects(PANEL, family="logit")


def test_ame_from_parameters_vectorised():
    treated = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
    control = treated.copy()
    control[:, 0] = 0
    parameters = np.array([[0.5, 0.1, -0.2], [0.0, 1.0, 1.0]])
    expected_first = np.mean([np.exp(0.6) - np.exp(0.1), np.exp(0.3) - np.exp(-0.2)])
    effects = ame_from_parameters(parameters, treated, control)
    assert effects[0] == pytest.approx(expected_first)
    assert effects[1] == pytest.approx(0.0)


def test_draw_parameters_zero_covariance_repeats_mean():
    draws = draw_parameters(np.array([1.0, -2.0]), np.zeros((2, 2)), draws=5, seed=1)
    assert np.array_equal(draws, np.tile([1.0, -2.0], (5, 1)))


def test_draw_parameters_reproduce_covariance():
    covariance = np.array([[1.0, 0.6, 0.0], [0.6, 1.0, 0.0], [0.0, 0.0, 0.0]])  # singular
    draws = draw_parameters(np.zeros(3), covariance, draws=50_000, seed=3)
    assert np.cov(draws, rowvar=False) == pytest.approx(covariance, abs=0.02)


def test_draw_parameters_reject_indefinite_covariance():
    with pytest.raises(CountModelError, match="not positive semi-definite"):
        draw_parameters(np.zeros(2), np.array([[1.0, 2.0], [2.0, 1.0]]), draws=10, seed=0)


def test_draw_parameters_reject_wrong_shape():
    with pytest.raises(CountModelError, match="does not match"):
        draw_parameters(np.zeros(3), np.eye(2), draws=10, seed=0)


def test_bootstrap_same_seed_same_interval():
    fit = fit_spell_fixed_effects(OVERDISPERSED, family="negative_binomial")
    first = bootstrap_ame(fit, draws=300, seed=11, progress=False)
    second = bootstrap_ame(fit, draws=300, seed=11, progress=False)
    other = bootstrap_ame(fit, draws=300, seed=12, progress=False)
    assert (first.low, first.high) == (second.low, second.high)
    assert np.array_equal(first.draws, second.draws)
    assert (first.low, first.high) != (other.low, other.high)


def test_bootstrap_interval_is_percentiles_of_draws():
    fit = fit_spell_fixed_effects(PANEL, family="poisson")
    interval = bootstrap_ame(fit, draws=400, seed=5, level=0.9, chunk_size=64, progress=False)
    assert interval.draws.shape == (400,)
    assert interval.low == pytest.approx(np.percentile(interval.draws, 5))
    assert interval.high == pytest.approx(np.percentile(interval.draws, 95))
    assert interval.low < interval.estimate < interval.high
    assert interval.estimate == pytest.approx(average_marginal_effect(fit))


def test_bootstrap_rejects_invalid_level():
    fit = fit_spell_fixed_effects(PANEL, family="poisson")
    with pytest.raises(ValueError, match="Invalid level"):
        bootstrap_ame(fit, draws=10, level=95, progress=False)
