"""Compare the study's claims with the values this build records.

The claims are typed once, in ``data/study/claims.csv``; our values come from the results
files that every notebook run writes (see :mod:`lib.results`). Nothing here is typed by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from lib import paths

CLAIM_COLUMNS = [
    "claim_id", "claim", "study_value", "unit", "place_in_study", "comparison",
    "run_id", "result_name", "pvalue_name", "tolerance", "note",
]
Comparison = Literal["count", "at_least", "negative_significant", "negative", "not_comparable"]
COMPARISONS: tuple[str, ...] = ("count", "at_least", "negative_significant", "negative", "not_comparable")
SIGNIFICANCE_LEVEL = 0.05

Status = Literal["matches", "differs", "not comparable", "not available"]


class ClaimsTableError(ValueError):
    """A claims table with an unknown comparison or a missing field."""


def load_claims(file: Path = paths.STUDY_CLAIMS_CSV, run_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Read and check the study's claims.

    Parameters
    ----------
    file
        The claims table.
    run_ids
        Run ids of ``notebooks/runs.yml``; a claim naming another run is rejected. ``None``
        reads them from the run list.
    """
    from lib.build import load_runs
    from lib.tables import read_curated

    claims = read_curated(file, columns=CLAIM_COLUMNS, dtype=str, keep_default_na=False)
    lines = pd.Series(range(2, len(claims) + 2), index=claims.index)  # header is line 1
    unknown = sorted(set(claims["comparison"]) - set(COMPARISONS))
    if unknown:
        raise ClaimsTableError(f"Unknown comparison(s) {unknown} in {file}; use one of {COMPARISONS}.")
    for column in ("claim_id", "claim", "study_value", "run_id", "result_name"):
        empty = lines[claims[column].str.strip() == ""].tolist()
        if empty:
            raise ClaimsTableError(f"Empty {column!r} in {file} on line(s) {empty}.")
    numeric = claims["comparison"].isin(["count", "at_least"])
    for column in ("tolerance", "study_value") if numeric.any() else ():
        values = pd.to_numeric(claims.loc[numeric, column].str.replace(",", ""), errors="coerce")
        if column == "study_value":
            values = values[claims.loc[numeric, "comparison"] == "count"]
        bad = lines[values[values.isna()].index].tolist()
        if bad:
            raise ClaimsTableError(f"Non-numeric {column!r} in {file} on line(s) {bad}; count and at_least claims need numbers.")
    known_runs = {run.id for run in load_runs()} if run_ids is None else set(run_ids)
    unknown_runs = claims.loc[~claims["run_id"].isin(known_runs)]
    if len(unknown_runs):
        found = [f"line {lines[index]}: {run!r}" for index, run in unknown_runs["run_id"].items()]
        raise ClaimsTableError(f"Unknown run id(s) in {file} ({'; '.join(found)}); use one of {sorted(known_runs)}.")
    needs_tolerance = claims["comparison"].isin(["count", "at_least"]) & (claims["tolerance"] == "")
    if needs_tolerance.any():
        raise ClaimsTableError(f"Claims {claims.loc[needs_tolerance, 'claim_id'].tolist()} need a tolerance in {file}.")
    needs_pvalue = (claims["comparison"] == "negative_significant") & (claims["pvalue_name"] == "")
    if needs_pvalue.any():
        raise ClaimsTableError(f"Claims {claims.loc[needs_pvalue, 'claim_id'].tolist()} need a pvalue_name in {file}.")
    return claims


def glue_study_values(claims: pd.DataFrame | None = None) -> dict[str, float | str]:
    """Glue each claim's study value as ``study_<claim_id>`` so chapters quote it from one table.

    Numeric values (``"10628"``, ``"-1.93"``) are glued as numbers and text values
    (``"more than 350"``) as text. Returns the glued values by key.
    """
    from myst_nb import glue

    claims = load_claims() if claims is None else claims
    glued = {}
    for claim_id, text in zip(claims["claim_id"], claims["study_value"]):
        number = pd.to_numeric(text.replace(",", ""), errors="coerce")
        value = text if pd.isna(number) else (int(number) if float(number).is_integer() else float(number))
        glue(f"study_{claim_id}", value, display=False)
        glued[f"study_{claim_id}"] = value
    return glued


def _judge(claim: pd.Series, value: float, p_value: float | None, significance_level: float) -> tuple[Status, str]:
    comparison = claim["comparison"]
    if comparison == "not_comparable":
        return "not comparable", claim["note"]
    if comparison == "count":
        difference = value - float(claim["study_value"])
        if abs(difference) <= float(claim["tolerance"]):
            return "matches", f"Within {claim['tolerance']} {claim['unit']} of the study."
        shown = f"{difference:+,.0f}" if float(difference).is_integer() else f"{difference:+,.1f}"
        return "differs", f"{shown} {claim['unit']} against the study. {claim['note']}".strip()
    if comparison == "at_least":
        threshold = float(claim["tolerance"])
        if value >= threshold:
            return "matches", f"At least {threshold:,.0f} {claim['unit']}."
        return "differs", f"Below {threshold:,.0f} {claim['unit']}. {claim['note']}".strip()
    if comparison == "negative_significant":
        if value < 0 and p_value < significance_level:
            return "matches", f"Negative, p = {p_value:.3f}."
        sign = "negative" if value < 0 else "not negative"
        return "differs", f"Our estimate is {sign} with p = {p_value:.3f}. {claim['note']}".strip()
    # comparison == "negative"
    detail = "" if p_value is None else f", p = {p_value:.3f}"
    if value < 0:
        return "matches", f"Negative{detail}. {claim['note']}".strip()
    return "differs", f"Not negative{detail}. {claim['note']}".strip()


def compare_claims(
    claims: pd.DataFrame, results: pd.DataFrame, significance_level: float = SIGNIFICANCE_LEVEL
) -> pd.DataFrame:
    """Return one row per claim with the study's value, ours, a status and the reason.

    Parameters
    ----------
    claims
        Output of :func:`load_claims`.
    results
        All recorded results (:func:`lib.results.read_all`), with columns ``run_id``,
        ``name`` and ``value``.
    significance_level
        p-value below which a ``negative_significant`` claim matches.

    Returns
    -------
    pandas.DataFrame
        Columns ``claim_id``, ``claim``, ``place_in_study``, ``study_value``, ``our_value``,
        ``status`` (matches, differs, not comparable, not available) and ``reason``.
    """
    recorded = {(row.run_id, row.name): row.value for row in results.itertuples(index=False)}
    rows = []
    for _, claim in claims.iterrows():
        key = (claim["run_id"], claim["result_name"])
        p_key = (claim["run_id"], claim["pvalue_name"])
        if key not in recorded or (claim["pvalue_name"] and p_key not in recorded):
            status, reason, ours = "not available", f"No recorded value {claim['result_name']!r} from run {claim['run_id']!r}.", ""
        else:
            value = float(recorded[key])
            p_value = float(recorded[p_key]) if claim["pvalue_name"] else None
            status, reason = _judge(claim, value, p_value, significance_level)
            ours = f"{value:,.0f}" if value.is_integer() else f"{value:,.3f}"
            if p_value is not None:
                ours += f" (p = {p_value:.3f})"
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "claim": claim["claim"],
                "place_in_study": claim["place_in_study"],
                "study_value": claim["study_value"],
                "our_value": ours,
                "status": status,
                "reason": reason,
            }
        )
    return pd.DataFrame(rows)
