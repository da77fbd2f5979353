"""Results files: every reported number is stored with its unit and description."""

import math

import pandas as pd
import pytest

from lib import results


def test_report_writes_sorted_results_file(tmp_path):
    recorder = results.Results("unit_test", results_dir=tmp_path, glue=False)

    recorder.report("b_value", 2.5, "pairs", "Second value")
    returned = recorder.report("a_count", 3, "countries", "First value")

    table = pd.read_csv(tmp_path / "unit_test.csv")
    assert returned == 3
    assert table["name"].tolist() == ["a_count", "b_value"]
    assert table.loc[1, "unit"] == "pairs"
    assert table.columns.tolist() == results.RESULT_COLUMNS
    assert "a_count,3," in (tmp_path / "unit_test.csv").read_text()


def test_report_rejects_nan(tmp_path):
    recorder = results.Results("unit_test", results_dir=tmp_path, glue=False)

    with pytest.raises(ValueError, match="only finite numbers"):
        recorder.report("bad", math.nan, "x", "Not a number")


def test_results_reject_invalid_run_id(tmp_path):
    with pytest.raises(ValueError, match="Invalid run_id"):
        results.Results("bad id!", results_dir=tmp_path, glue=False)


def test_read_all_combines_runs(tmp_path):
    results.Results("first", results_dir=tmp_path, glue=False).report("x", 1, "u", "d")
    results.Results("second", results_dir=tmp_path, glue=False).report("y", 2, "u", "d")

    table = results.read_all(tmp_path)

    assert sorted(table["run_id"]) == ["first", "second"]
