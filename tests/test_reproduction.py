"""Reproduction report: each comparison rule on hand-made claims and results."""

import pandas as pd
import pytest

from lib import reproduction


def _claim(**fields):
    base = {
        "claim_id": "c",
        "claim": "A claim",
        "study_value": "10",
        "unit": "countries",
        "place_in_study": "Table 1",
        "comparison": "count",
        "run_id": "run",
        "result_name": "value",
        "pvalue_name": "",
        "tolerance": "0",
        "note": "",
    }
    base.update(fields)
    return pd.DataFrame([base])


def _results(**values):
    return pd.DataFrame([{"run_id": "run", "name": name, "value": value} for name, value in values.items()])


@pytest.mark.parametrize(
    ("fields", "values", "status"),
    [
        ({}, {"value": 10}, "matches"),
        ({}, {"value": 9}, "differs"),
        ({"tolerance": "1"}, {"value": 9}, "matches"),
        ({"comparison": "at_least", "tolerance": "351"}, {"value": 351}, "matches"),
        ({"comparison": "at_least", "tolerance": "351"}, {"value": 350}, "differs"),
        ({"comparison": "negative_significant", "pvalue_name": "p"}, {"value": -1.0, "p": 0.01}, "matches"),
        ({"comparison": "negative_significant", "pvalue_name": "p"}, {"value": -1.0, "p": 0.2}, "differs"),
        ({"comparison": "negative_significant", "pvalue_name": "p"}, {"value": 1.0, "p": 0.01}, "differs"),
        ({"comparison": "negative"}, {"value": -0.1}, "matches"),
        ({"comparison": "negative"}, {"value": 0.1}, "differs"),
        ({"comparison": "not_comparable", "note": "Other source."}, {"value": 5}, "not comparable"),
        ({}, {"other": 1}, "not available"),
    ],
)
def test_compare_claims_status(fields, values, status):
    report = reproduction.compare_claims(_claim(**fields), _results(**values))

    assert report.loc[0, "status"] == status


def test_compare_claims_reason_for_difference():
    report = reproduction.compare_claims(_claim(), _results(value=7))

    assert report.loc[0, "reason"].startswith("-3 countries")


def test_load_claims_rejects_unknown_comparison(tmp_path):
    file = tmp_path / "claims.csv"
    _claim(comparison="roughly").to_csv(file, index=False)

    with pytest.raises(reproduction.ClaimsTableError, match="Unknown comparison"):
        reproduction.load_claims(file, run_ids=["run"])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"tolerance": "zero"}, "Non-numeric 'tolerance'"),
        ({"study_value": "ten"}, "Non-numeric 'study_value'"),
        ({"run_id": "dta"}, "Unknown run id"),
        ({"claim_id": " "}, "Empty 'claim_id'"),
    ],
)
def test_load_claims_rejects_bad_rows(tmp_path, fields, message):
    file = tmp_path / "claims.csv"
    _claim(**fields).to_csv(file, index=False)

    with pytest.raises(reproduction.ClaimsTableError, match=message) as error:
        reproduction.load_claims(file, run_ids=["run"])

    assert "line(s) [2]" in str(error.value) or "line 2" in str(error.value)


def test_shipped_claims_table_is_valid():
    claims = reproduction.load_claims()

    assert claims["claim_id"].is_unique
    assert len(claims) >= 12


def test_glue_study_values_parses_numbers(monkeypatch):
    glued_calls = {}
    monkeypatch.setattr("myst_nb.glue", lambda name, value, display: glued_calls.__setitem__(name, value))
    claims = pd.concat([_claim(claim_id="a", study_value="10628"), _claim(claim_id="b", study_value="-1.93"),
                        _claim(claim_id="c", study_value="more than 350")], ignore_index=True)

    glued = reproduction.glue_study_values(claims)

    assert glued == {"study_a": 10628, "study_b": -1.93, "study_c": "more than 350"}
    assert glued_calls == glued
