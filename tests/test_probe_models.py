"""Tests of lib.probe_models against hand computations on small simulated or hand-made data."""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special

from lib import probe_models

Z_975 = 1.959963984540054  # standard normal 97.5% quantile


@pytest.fixture
def simulated():
    rng = np.random.default_rng(20240611)
    n = 120
    frame = pd.DataFrame(
        {
            "rank": rng.integers(1, 180, size=n).astype(float),
            "region": rng.choice(list("CDE"), size=n),
            "gdp": rng.normal(9, 1, size=n),
        }
    )
    linear = 1.5 - 0.02 * frame["rank"] + 0.4 * (frame["gdp"] - 9) + np.where(frame["region"] == "D", -0.5, 0.0)
    frame["elected"] = (rng.uniform(size=n) < special.expit(linear)).astype(float)
    frame["votes"] = 150 - 0.3 * frame["rank"] + 5 * frame["gdp"] + rng.normal(0, 10, size=n)
    return frame


def _hand_design(frame):
    """Design matrix in patsy's column order: Intercept, region D, region E, rank, gdp."""
    return np.column_stack(
        [
            np.ones(len(frame)),
            (frame["region"] == "D").astype(float),
            (frame["region"] == "E").astype(float),
            frame["rank"],
            frame["gdp"],
        ]
    )


def _hand_hc1(design, residuals):
    n, k = design.shape
    bread = np.linalg.inv(design.T @ design)
    meat = design.T @ (design * residuals[:, None] ** 2)
    return n / (n - k) * bread @ meat @ bread


# --- OLS and LPM ----------------------------------------------------------------------------


def test_ols_matches_hand_hc1(simulated):
    fit = probe_models.fit_probe_model("votes ~ rank + C(region) + gdp", simulated, "ols")
    design = _hand_design(simulated)
    coefficients, *_ = np.linalg.lstsq(design, simulated["votes"].to_numpy(), rcond=None)
    covariance = _hand_hc1(design, simulated["votes"].to_numpy() - design @ coefficients)

    assert fit.status == "estimated"
    assert list(fit.result.params.index) == ["Intercept", "C(region)[T.D]", "C(region)[T.E]", "rank", "gdp"]
    np.testing.assert_allclose(fit.result.params.to_numpy(), coefficients, rtol=1e-10)
    np.testing.assert_allclose(fit.result.bse.to_numpy(), np.sqrt(np.diag(covariance)), rtol=1e-10)


def test_missing_rows_are_dropped_and_listed(simulated):
    simulated.loc[[3, 8], "votes"] = np.nan
    fit = probe_models.fit_probe_model("votes ~ rank + C(region)", simulated, "ols")
    assert fit.nobs == len(simulated) - 2
    assert fit.dropped == (3, 8)


def test_collinear_regressor_is_left_out(simulated):
    simulated["gdp_twice"] = 2 * simulated["gdp"]
    fit = probe_models.fit_probe_model("votes ~ rank + gdp + gdp_twice", simulated, "ols")
    assert fit.collinear_terms == ("gdp_twice",)
    assert "gdp_twice" not in fit.result.params.index


def test_lpm_rejects_non_binary_outcome(simulated):
    with pytest.raises(probe_models.ProbeModelError, match="must be 0/1"):
        probe_models.fit_probe_model("votes ~ rank", simulated, "lpm")


def test_fit_rejects_unknown_kind(simulated):
    with pytest.raises(probe_models.ProbeModelError, match="Invalid model kind"):
        probe_models.fit_probe_model("votes ~ rank", simulated, "probit")


def test_fit_rejects_unknown_variable(simulated):
    with pytest.raises(probe_models.ProbeModelError, match="design matrix"):
        probe_models.fit_probe_model("votes ~ gci_rank", simulated, "ols")


# --- logit and separation -------------------------------------------------------------------


def test_logit_matches_independent_mle(simulated):
    fit = probe_models.fit_probe_model("elected ~ rank + C(region) + gdp", simulated, "logit")
    design = _hand_design(simulated)
    outcome = simulated["elected"].to_numpy()

    def negative_log_likelihood(beta):
        linear = design @ beta
        return -(outcome * linear - np.logaddexp(0, linear)).sum()

    def gradient(beta):
        return -design.T @ (outcome - special.expit(design @ beta))

    start = np.zeros(design.shape[1])
    mle = optimize.minimize(negative_log_likelihood, start, jac=gradient, method="BFGS", options={"gtol": 1e-10})

    assert fit.status == "estimated"
    assert not fit.separation.separated
    np.testing.assert_allclose(fit.result.params.to_numpy(), mle.x, rtol=1e-5, atol=1e-7)


def test_complete_separation_detected():
    frame = pd.DataFrame({"x": [-2.0, -1.0, -0.5, 0.5, 1.0, 2.0], "y": [0, 0, 0, 1, 1, 1]})
    check = probe_models.detect_separation(frame["y"], frame.assign(Intercept=1.0)[["Intercept", "x"]])
    assert check.separated
    assert "x" in check.terms


def test_quasi_complete_separation_detected():
    # Everyone in group "a" is elected; group "b" has both outcomes at overlapping x.
    frame = pd.DataFrame(
        {
            "group_a": [1, 1, 1, 0, 0, 0, 0, 0, 0],
            "x": [0.1, 0.5, 0.9, 0.1, 0.5, 0.9, 0.2, 0.6, 0.8],
            "y": [1, 1, 1, 0, 1, 0, 1, 0, 1],
        }
    )
    design = frame.assign(Intercept=1.0)[["Intercept", "group_a", "x"]]
    check = probe_models.detect_separation(frame["y"], design)
    assert check.separated
    assert "group_a" in check.terms
    assert "x" not in check.terms


def test_overlapping_data_not_separated(simulated):
    design = pd.DataFrame({"Intercept": 1.0, "rank": simulated["rank"], "gdp": simulated["gdp"]})
    assert not probe_models.detect_separation(simulated["elected"], design).separated


def test_separation_rejects_non_binary_outcome():
    with pytest.raises(probe_models.ProbeModelError, match="0/1"):
        probe_models.detect_separation(np.array([0, 2]), pd.DataFrame({"Intercept": [1.0, 1.0]}))


def test_separated_logit_has_no_estimate(simulated):
    simulated.loc[simulated["region"] == "C", "elected"] = 1.0
    fit = probe_models.fit_probe_model("elected ~ rank + C(region)", simulated, "logit")
    assert fit.status == "separation"
    assert fit.result is None
    assert not fit.estimated
    lpm = probe_models.fit_probe_model("elected ~ rank + C(region)", simulated, "lpm")
    assert lpm.estimated


def test_groups_with_both_outcomes():
    frame = pd.DataFrame({"region": list("AABBCC") + [None], "elected": [1, 1, 1, 0, 0, np.nan, 1]})
    kept = probe_models.groups_with_both_outcomes(frame)
    assert kept.index.tolist() == [2, 3]


# --- predictions ----------------------------------------------------------------------------


def test_ols_prediction_matches_hand_computation(simulated):
    fit = probe_models.fit_probe_model("votes ~ rank + C(region) + gdp", simulated, "ols")
    ranks = np.array([1.0, 50.0, 150.0])

    predicted = probe_models.predict_at_means(fit.result, "rank", ranks, "linear")

    design = _hand_design(simulated)
    coefficients, *_ = np.linalg.lstsq(design, simulated["votes"].to_numpy(), rcond=None)
    covariance = _hand_hc1(design, simulated["votes"].to_numpy() - design @ coefficients)
    grid = np.tile(design.mean(axis=0), (3, 1))
    grid[:, 3] = ranks
    expected = grid @ coefficients
    se = np.sqrt(np.einsum("ij,jk,ik->i", grid, covariance, grid))
    np.testing.assert_allclose(predicted["predicted"], expected, rtol=1e-10)
    np.testing.assert_allclose(predicted["se_linear"], se, rtol=1e-8)
    np.testing.assert_allclose(predicted["lower"], expected - Z_975 * se, rtol=1e-8)
    np.testing.assert_allclose(predicted["upper"], expected + Z_975 * se, rtol=1e-8)


def test_logit_prediction_matches_hand_computation(simulated):
    fit = probe_models.fit_probe_model("elected ~ rank + C(region) + gdp", simulated, "logit")
    ranks = np.array([10.0, 90.0])

    predicted = probe_models.predict_at_means(fit.result, "rank", ranks, "probability", alpha=0.1)

    coefficients = fit.result.params.to_numpy()
    covariance = fit.result.cov_params().to_numpy()
    grid = np.tile(_hand_design(simulated).mean(axis=0), (2, 1))
    grid[:, 3] = ranks
    linear = grid @ coefficients
    se = np.sqrt(np.einsum("ij,jk,ik->i", grid, covariance, grid))
    z_95 = 1.6448536269514722
    np.testing.assert_allclose(predicted["predicted"], 1 / (1 + np.exp(-linear)), rtol=1e-10)
    np.testing.assert_allclose(predicted["lower"], 1 / (1 + np.exp(-(linear - z_95 * se))), rtol=1e-8)
    np.testing.assert_allclose(predicted["upper"], 1 / (1 + np.exp(-(linear + z_95 * se))), rtol=1e-8)
    assert (predicted["lower"] < predicted["predicted"]).all()
    assert (predicted["upper"] < 1).all()


def test_prediction_rejects_unknown_term(simulated):
    fit = probe_models.fit_probe_model("votes ~ rank", simulated, "ols")
    with pytest.raises(KeyError, match="gci_rank"):
        probe_models.predict_at_means(fit.result, "gci_rank", [1.0], "linear")


def test_prediction_rejects_bad_alpha(simulated):
    fit = probe_models.fit_probe_model("votes ~ rank", simulated, "ols")
    with pytest.raises(ValueError, match="Invalid alpha"):
        probe_models.predict_at_means(fit.result, "rank", [1.0], "linear", alpha=1.5)


# --- formulas -------------------------------------------------------------------------------


def test_formulas():
    assert probe_models.probe_formula("votes", "parsimonious") == "votes ~ gci_rank + C(region)"
    full = probe_models.probe_formula("elected", "full", rank_term="gci_score_100")
    assert full.startswith("elected ~ gci_score_100 + C(region) + C(year) + log_gdp_per_capita")
    with pytest.raises(ValueError, match="Invalid specification"):
        probe_models.probe_formula("votes", "medium")
