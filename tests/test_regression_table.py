import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from lib.regression_table import format_regression_table, significance_stars


@pytest.mark.parametrize(
    ("p_value", "stars"),
    [(0.0005, "***"), (0.001, "**"), (0.009, "**"), (0.04, "*"), (0.05, "+"), (0.099, "+"), (0.1, ""), (0.7, "")],
)
def test_stars_thresholds(p_value, stars):
    assert significance_stars(p_value) == stars


def test_stars_reject_invalid_p_value():
    with pytest.raises(ValueError, match="Invalid p-value"):
        significance_stars(1.5)


def test_table_layout_and_values():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"x": rng.normal(size=50), "z": rng.normal(size=50)})
    frame["y"] = 2 * frame["x"] + rng.normal(size=50)
    short = smf.ols("y ~ x", frame).fit()
    full = smf.ols("y ~ x + z", frame).fit()

    table = format_regression_table(
        {"(1)": short, "(2)": full},
        {"x": "x", "z": "z"},
        statistics={"Observations": [short.nobs, full.nobs]},
    )

    assert list(table.index) == ["x", "", "z", "", "Observations"]
    assert table.iloc[0, 0] == f"{short.params['x']:.3f}***"
    assert table.iloc[1, 1] == f"({full.bse['x']:.3f})"
    assert table.iloc[2, 0] == ""
    assert table.loc["Observations", "(2)"] == "50"


def test_table_rejects_wrong_statistic_length():
    frame = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [0.0, 1, 1, 3]})
    fit = smf.ols("y ~ x", frame).fit()
    with pytest.raises(ValueError, match="2 values for 1 models"):
        format_regression_table({"(1)": fit}, {"x": "x"}, statistics={"N": [4, 4]})
