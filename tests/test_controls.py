"""WDI controls: reshaping, aggregates, transformations and bad inputs."""

import math

import numpy as np
import pandas as pd
import pytest

from lib import controls
from lib.controls import ControlsDataError, wdi_controls
from lib.registry import DataFileMissingError

YEARS = (2000, 2001)


def wide_file(indicator, rows):
    """World Bank API layout: one row per code, one column per year (plus a trailing empty column)."""
    frame = pd.DataFrame(
        [(name, code, "indicator name", indicator, *values, np.nan) for name, code, values in rows],
        columns=["Country Name", "Country Code", "Indicator Name", "Indicator Code", "1999", *map(str, YEARS), "Unnamed: 7"],
    )
    return frame


def ict_file(rows=None):
    rows = rows or [
        ("Aland", "AAA", (1.0, 0.0, 2_000_000.0)),
        ("Bland", "BBB", (5.0, np.nan, 500_000.0)),
        ("World", "WLD", (9.0, 9e9, 9e9)),
    ]
    return wide_file(controls.ICT_EXPORTS_CODE, rows)


def internet_file(rows=None):
    rows = rows or [
        ("Aland", "AAA", (1.0, 1.899999976, 3.5)),
        ("Bland", "BBB", (0.0, 0.0, np.nan)),
        ("World", "WLD", (5.0, 5.0, 6.0)),
    ]
    return wide_file(controls.INTERNET_USERS_CODE, rows)


def journal_file(rows=None):
    rows = rows or [
        ("AAA", 1999, 5.0),
        ("AAA", 2000, 0.0),
        ("AAA", 2001, 99.0),
        ("BBB", 2000, 10.0),
        ("WLD", 2000, 1e6),
    ]
    return pd.DataFrame(rows, columns=["Country_Code", "Year", "WB_Pubs"])


def metadata_file():
    return pd.DataFrame(
        {"Country Code": ["AAA", "BBB", "WLD"], "Region": ["Europe & Central Asia", "South Asia", np.nan]}
    )


def build(**overrides):
    inputs = {
        "ict_exports": ict_file(),
        "journal_articles": journal_file(),
        "internet_users": internet_file(),
        "country_metadata": metadata_file(),
        "first_year": YEARS[0],
        "last_year": YEARS[1],
    }
    inputs.update(overrides)
    return wdi_controls(**inputs)


def test_controls_known_values():
    table = build().set_index(["iso3", "year"])

    assert list(table.columns) == list(controls.OUTPUT_COLUMNS[2:])
    assert table.loc[("AAA", 2000), "ict_exports_musd"] == 0.0
    assert table.loc[("AAA", 2001), "ict_exports_musd"] == 2.0
    assert table.loc[("AAA", 2001), "ln_ict_exports"] == pytest.approx(math.log(3.0), abs=1e-12)
    assert table.loc[("BBB", 2001), "ln_ict_exports"] == pytest.approx(math.log(1.5), abs=1e-12)
    assert table.loc[("AAA", 2000), "ln_journal_articles"] == 0.0  # zero kept as recorded
    assert table.loc[("AAA", 2001), "ln_journal_articles"] == pytest.approx(math.log(100.0), abs=1e-12)
    assert table.loc[("AAA", 2000), "internet_users_pct"] == 1.899999976  # read as it is


def test_controls_drop_aggregates_and_other_years():
    table = build()
    assert sorted(table["iso3"].unique()) == ["AAA", "BBB"]
    assert sorted(table["year"].unique()) == list(YEARS)
    assert len(table) == 4


def test_controls_keep_gaps_missing():
    table = build().set_index(["iso3", "year"])
    assert np.isnan(table.loc[("BBB", 2000), "ict_exports_musd"])
    assert np.isnan(table.loc[("BBB", 2001), "journal_articles"])  # no row in the long file
    assert np.isnan(table.loc[("BBB", 2001), "internet_users_pct"])


def test_controls_reject_other_indicator():
    with pytest.raises(ControlsDataError, match="expected indicator BX.GSR.CCIS.CD"):
        build(ict_exports=internet_file())


def test_controls_reject_missing_year_column():
    with pytest.raises(ControlsDataError, match=r"missing column\(s\) \['2001'\]"):
        build(internet_users=internet_file().drop(columns="2001"))


def test_controls_reject_malformed_value():
    file = ict_file()
    file["2001"] = file["2001"].astype(object)
    file.loc[0, "2001"] = "2,000"
    with pytest.raises(ControlsDataError, match="Malformed value"):
        build(ict_exports=file)


def test_controls_reject_negative_exports():
    file = ict_file([("Aland", "AAA", (1.0, -5.0, 2.0))])
    with pytest.raises(ControlsDataError, match="ICT service exports"):
        build(ict_exports=file)


def test_controls_reject_internet_over_100():
    file = internet_file([("Aland", "AAA", (1.0, 101.0, 2.0))])
    with pytest.raises(ControlsDataError, match=r"within \[0, 100.0\]"):
        build(internet_users=file)


def test_controls_reject_duplicate_country():
    file = ict_file([("Aland", "AAA", (1.0, 1.0, 2.0)), ("Aland again", "AAA", (1.0, 1.0, 2.0))])
    with pytest.raises(ControlsDataError, match=r"duplicate Country Code\(s\) \['AAA'\]"):
        build(ict_exports=file)


def test_controls_reject_duplicate_journal_rows():
    file = journal_file([("AAA", 2000, 1.0), ("AAA", 2000, 2.0)])
    with pytest.raises(ControlsDataError, match="duplicate country-year"):
        build(journal_articles=file)


def test_controls_reject_metadata_without_regions():
    metadata = metadata_file().assign(Region=np.nan)
    with pytest.raises(ControlsDataError, match="no row has a Region"):
        build(country_metadata=metadata)


def test_read_controls_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("ITUBOOK_DATA_MIRROR", str(tmp_path))
    monkeypatch.setenv("ITUBOOK_OFFLINE", "1")
    with pytest.raises(DataFileMissingError, match="API_BX.GSR.CCIS.CD"):
        controls.read_wdi_controls()
