"""Format fitted models as a regression table in the study's style.

Coefficients with standard errors in parentheses beneath, significance stars at
.1 (+), .05 (*), .01 (**) and .001 (***), then one row per model statistic.
Works with statsmodels and linearmodels results, which both expose ``params``,
``bse``/``std_errors`` and ``pvalues``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

STAR_LEVELS: tuple[tuple[float, str], ...] = ((0.001, "***"), (0.01, "**"), (0.05, "*"), (0.1, "+"))
STAR_NOTE = "+ p < .1, * p < .05, ** p < .01, *** p < .001"


def significance_stars(p_value: float) -> str:
    """Return the star code of a p-value under :data:`STAR_LEVELS`."""
    if not 0 <= p_value <= 1:
        raise ValueError(f"Invalid p-value {p_value}; it must lie in [0, 1].")
    for level, stars in STAR_LEVELS:
        if p_value < level:
            return stars
    return ""


def _standard_errors(result) -> pd.Series:
    if hasattr(result, "std_errors"):  # linearmodels
        return result.std_errors
    return result.bse  # statsmodels


def format_regression_table(
    models: Mapping[str, object],
    terms: Mapping[str, str],
    statistics: Mapping[str, Sequence] | None = None,
    digits: int = 3,
) -> pd.DataFrame:
    """Lay out fitted models side by side.

    Parameters
    ----------
    models
        Column label to fitted result, in display order.
    terms
        Parameter name to row label, in display order. A model without the parameter gets
        an empty cell.
    statistics
        Row label to one value per model (already formatted or numeric), shown beneath the
        coefficients, for example observations, spells and within R-squared.
    digits
        Decimal places of coefficients and standard errors.

    Returns
    -------
    pandas.DataFrame
        Strings, indexed by row label; each term takes two rows (estimate, then standard
        error in parentheses, with an empty label).
    """
    statistics = statistics or {}
    for label, values in statistics.items():
        if len(values) != len(models):
            raise ValueError(f"Statistic {label!r} has {len(values)} values for {len(models)} models.")

    rows: list[tuple[str, list[str]]] = []
    for name, label in terms.items():
        estimates, errors = [], []
        for result in models.values():
            if name not in result.params.index:
                estimates.append("")
                errors.append("")
                continue
            estimate = result.params[name]
            stars = significance_stars(float(result.pvalues[name]))
            estimates.append(f"{estimate:.{digits}f}{stars}")
            errors.append(f"({_standard_errors(result)[name]:.{digits}f})")
        rows.append((label, estimates))
        rows.append(("", errors))

    for label, values in statistics.items():
        rows.append((label, [_format_statistic(value, digits) for value in values]))

    table = pd.DataFrame([cells for _, cells in rows], columns=list(models), index=[label for label, _ in rows])
    table.index.name = ""
    return table


def _format_statistic(value, digits: int) -> str:
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.{digits}f}"
