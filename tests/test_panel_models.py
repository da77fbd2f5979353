"""Spell fixed-effects estimator: hand-computed and independent checks, and bad inputs."""

import numpy as np
import pandas as pd
import pytest

from lib.panel_models import (
    ModelDataError,
    countries_varying_within_spells,
    fit_dummy_variable_check,
    fit_spell_fixed_effects,
    spell_sample,
    summarise_fit,
)

TOLERANCE = 1e-8


def tiny_panel():
    """Two countries, three spells; the election year is the last year of each spell."""
    rows = [
        # iso3, spell, year, y, election year indicator
        ("AAA", "AAA_2006", 2003, 1.0, 0),
        ("AAA", "AAA_2006", 2004, 2.0, 0),
        ("AAA", "AAA_2006", 2005, 3.0, 0),
        ("AAA", "AAA_2006", 2006, 6.0, 1),
        ("BBB", "BBB_2002", 2000, 2.0, 0),
        ("BBB", "BBB_2002", 2001, 2.0, 0),
        ("BBB", "BBB_2002", 2002, 5.0, 1),
        ("BBB", "BBB_2006", 2005, 4.0, 0),
        ("BBB", "BBB_2006", 2006, 4.0, 1),
    ]
    return pd.DataFrame(rows, columns=["iso3", "spell_id", "year", "y", "election_year_indicator"])


def random_panel(seed=20250101, n_countries=30):
    rng = np.random.default_rng(seed)
    rows = []
    for country in range(n_countries):
        for election in (2002, 2006, 2010, 2014):
            if rng.random() < 0.3:
                continue
            for year in range(election - 3, election + 1):
                rows.append((f"C{country:02d}", f"C{country:02d}_{election}", year, int(year == election)))
    frame = pd.DataFrame(rows, columns=["iso3", "spell_id", "year", "election_year_indicator"])
    frame["z1"] = rng.normal(size=len(frame))
    frame["z2"] = rng.uniform(0, 100, size=len(frame))
    spell_level = frame.groupby("spell_id")["year"].transform("size") * rng.normal()
    frame["y"] = (
        rng.poisson(1.0, size=len(frame))
        - 0.4 * frame["election_year_indicator"]
        + 0.2 * frame["z1"]
        + 0.01 * frame["z2"]
        + spell_level
    )
    return frame


def test_tiny_panel_within_estimate_by_hand():
    # Within each spell the estimate is the election-year value minus the mean of the
    # other years: AAA_2006 6 - 2 = 4, BBB_2002 5 - 2 = 3, BBB_2006 4 - 4 = 0. Pooled, each
    # spell weighs sum((x - mean x)^2) = (T - 1) / T: 3/4, 2/3 and 1/2.
    weights = np.array([3 / 4, 2 / 3, 1 / 2])
    by_hand = (weights @ np.array([4.0, 3.0, 0.0])) / weights.sum()
    result = fit_spell_fixed_effects(tiny_panel(), "y")
    assert by_hand == pytest.approx(60 / 23, abs=1e-15)
    assert result.params["election_year_indicator"] == pytest.approx(by_hand, abs=TOLERANCE)


def test_tiny_panel_summary_counts():
    sample = tiny_panel()
    summary = summarise_fit(fit_spell_fixed_effects(sample, "y"), sample)
    assert summary["nobs"] == 9
    assert summary["nspells"] == 3
    assert summary["ncountries"] == 2
    assert summary["mean_outcome"] == pytest.approx(29 / 9, abs=1e-12)


@pytest.mark.parametrize("regressors", [["election_year_indicator"], ["election_year_indicator", "z1", "z2"]])
def test_matches_dummy_variable_regression(regressors):
    sample = random_panel()
    result = fit_spell_fixed_effects(sample, "y", regressors)
    check = fit_dummy_variable_check(sample, "y", regressors)
    for term in regressors:
        assert result.params[term] == pytest.approx(check.loc[term, "coef"], abs=TOLERANCE)
        assert result.std_errors[term] == pytest.approx(check.loc[term, "std_error"], abs=TOLERANCE)


def test_standard_error_by_hand_formula():
    # Cluster-robust variance of the within estimator with one regressor:
    # sum_g (sum_i x~_i e_i)^2 / (sum_i x~_i^2)^2, times G/(G-1) * (N-1)/(N-K).
    sample = random_panel(seed=7)
    result = fit_spell_fixed_effects(sample, "y")
    x = sample["election_year_indicator"] - sample.groupby("spell_id")["election_year_indicator"].transform("mean")
    y = sample["y"] - sample.groupby("spell_id")["y"].transform("mean")
    beta = (x @ y) / (x @ x)
    scores = (x * (y - beta * x)).groupby(sample["iso3"]).sum()
    n_obs, n_clusters, n_regressors = len(sample), sample["iso3"].nunique(), 1
    factor = n_clusters / (n_clusters - 1) * (n_obs - 1) / (n_obs - n_regressors)
    variance = (scores**2).sum() / (x @ x) ** 2 * factor
    assert result.params["election_year_indicator"] == pytest.approx(beta, abs=TOLERANCE)
    assert result.std_errors["election_year_indicator"] == pytest.approx(np.sqrt(variance), abs=TOLERANCE)


def test_rejects_missing_values():
    sample = tiny_panel()
    sample.loc[2, "y"] = np.nan
    with pytest.raises(ModelDataError, match=r"Missing values in column\(s\) \['y'\]"):
        fit_spell_fixed_effects(sample, "y")


def test_rejects_missing_column():
    with pytest.raises(ModelDataError, match=r"lacks column\(s\) \['z9'\]"):
        fit_spell_fixed_effects(tiny_panel(), "y", ["election_year_indicator", "z9"])


def test_rejects_duplicate_spell_years():
    sample = pd.concat([tiny_panel(), tiny_panel().iloc[[0]]], ignore_index=True)
    with pytest.raises(ModelDataError, match="Duplicate spell_id-year"):
        fit_spell_fixed_effects(sample, "y")


def test_rejects_spell_in_two_countries():
    sample = tiny_panel()
    sample.loc[0, "iso3"] = "BBB"
    with pytest.raises(ModelDataError, match=r"more than one iso3: \['AAA_2006'\]"):
        fit_spell_fixed_effects(sample, "y")


def test_rejects_single_cluster():
    sample = tiny_panel().assign(iso3="AAA", spell_id=lambda frame: "AAA_" + frame["spell_id"])
    with pytest.raises(ModelDataError, match="at least 2 values of iso3"):
        fit_spell_fixed_effects(sample, "y")


def test_spell_sample_listwise_deletion():
    panel = tiny_panel().assign(z=[1.0, np.nan, 1.0, 1.0, np.nan, np.nan, np.nan, 1.0, 1.0])
    outside = pd.DataFrame({"iso3": ["CCC"], "spell_id": [None], "year": [2001], "y": [9.0], "z": [1.0]})
    sample, summary = spell_sample(pd.concat([panel, outside], ignore_index=True), ["z"])
    assert len(sample) == 5
    assert summary.rows_removed == 4
    assert summary.spells_removed == 1  # BBB_2002 has no complete row
    assert summary.countries_removed == 0
    assert summary.rows_before == 9


def test_countries_varying_within_spells():
    sample = tiny_panel()
    sample.loc[sample["spell_id"] == "AAA_2006", "y"] = 2.0  # AAA now constant
    assert countries_varying_within_spells(sample, "y") == ["BBB"]
    sample.loc[sample["spell_id"] == "BBB_2002", "y"] = 5.0
    assert countries_varying_within_spells(sample, "y") == []
