"""Coding rules of the EuRepoC outcome, each on a small hand-made table with a known result."""

import numpy as np
import pandas as pd
import pytest

from lib.countries import UnknownCountryError
from lib.eurepoc import (
    INITIATOR_DROP_REASONS,
    EurepocTableError,
    count_nonstate_pairs,
    incident_targets,
    incident_years,
    nonstate_initiators,
    read_eurepoc_tables,
)
from lib.registry import DataFileMissingError

NSG = "Non-state-group"
HACKER = "Individual hacker(s)"
PROXY = "Non-state actor, state-affiliation suggested"


def attribution_table(rows):
    return pd.DataFrame(rows, columns=["incident_ID", "attributed_initiator_country", "attributed_initiator_category"])


def global_table(rows):
    return pd.DataFrame(rows, columns=["ID", "start_date", "end_date"])


def receiver_table(rows):
    return pd.DataFrame(rows, columns=["ID", "receiver_country"])


# Rule 1: which attribution rows count.

def test_nonstate_categories_only():
    attribution = attribution_table(
        [
            (1, "Russia", NSG),
            (2, "China", HACKER),
            (3, "Iran, Islamic Republic of", PROXY),
            (4, "United States", "State"),
            (5, "Turkey", "Unknown - not attributed"),
            (6, "India", "Not available"),
            (7, "Pakistan", np.nan),
        ]
    )
    pairs, _ = nonstate_initiators(attribution)
    assert pairs.to_dict("records") == [{"ID": 1, "iso3": "RUS"}, {"ID": 2, "iso3": "CHN"}]


def test_repeated_attribution_counts_once():
    attribution = attribution_table(
        [(1, "Russia", NSG), (1, "Russia", HACKER), (1, "Russia", NSG), (1, "Ukraine", NSG)]
    )
    pairs, _ = nonstate_initiators(attribution)
    assert pairs.to_dict("records") == [{"ID": 1, "iso3": "RUS"}, {"ID": 1, "iso3": "UKR"}]


# Rule 4: initiator "countries" that are not states.

def test_non_state_initiators_dropped_and_counted():
    attribution = attribution_table(
        [
            (1, "Europe (region)", NSG),
            (1, "Mena Region (region)", NSG),
            (2, "South America", HACKER),
            (3, "Interpol", NSG),
            (4, "ISIS", NSG),
            (5, "Unknown", NSG),
            (5, "Not available", NSG),
            (6, "Unknown", NSG),
            (7, np.nan, NSG),
            (8, "Palestine", NSG),
            (9, "Unknown", "State"),  # not a qualifying row, so not counted as dropped
        ]
    )
    pairs, dropped = nonstate_initiators(attribution)
    summary = dropped.set_index("reason")

    assert pairs.to_dict("records") == [{"ID": 8, "iso3": "PSE"}]
    assert list(summary.index) == list(INITIATOR_DROP_REASONS.values())
    assert summary.loc[INITIATOR_DROP_REASONS["region"]].tolist() == [3, 2]
    assert summary.loc[INITIATOR_DROP_REASONS["organisation"]].tolist() == [1, 1]
    assert summary.loc[INITIATOR_DROP_REASONS["non-state"]].tolist() == [1, 1]
    assert summary.loc[INITIATOR_DROP_REASONS["unknown"]].tolist() == [3, 2]
    assert summary.loc[INITIATOR_DROP_REASONS["missing"]].tolist() == [1, 1]


def test_unknown_initiator_name_raises_with_name():
    attribution = attribution_table([(1, "Atlantis Republic", NSG)])
    with pytest.raises(UnknownCountryError, match="Atlantis Republic"):
        nonstate_initiators(attribution)


def test_attribution_missing_column_raises():
    attribution = attribution_table([(1, "Russia", NSG)]).drop(columns="attributed_initiator_category")
    with pytest.raises(EurepocTableError, match="attributed_initiator_category"):
        nonstate_initiators(attribution)


# Rule 2: years an incident covers.

def test_incident_years_rules():
    table = global_table(
        [
            (1, "2010-05-01", "2012-02-01"),  # three years
            (2, "2011-01-01", np.nan),  # start year only
            (3, "2014-06-01", "2013-01-01"),  # end before start: start year only
            (4, np.nan, "2015-01-01"),  # dropped
            (5, "2016-12-31", "2016-12-31"),
        ]
    )
    years, flags = incident_years(table)

    assert years.to_dict("records") == [
        {"ID": 1, "first_year": 2010, "last_year": 2012},
        {"ID": 2, "first_year": 2011, "last_year": 2011},
        {"ID": 3, "first_year": 2014, "last_year": 2014},
        {"ID": 5, "first_year": 2016, "last_year": 2016},
    ]
    flagged = flags.set_index("ID")
    assert flagged["missing_start"].tolist() == [False, False, False, True, False]
    assert flagged["missing_end"].tolist() == [False, True, False, False, False]
    assert flagged["end_before_start"].tolist() == [False, False, True, False, False]


def test_malformed_date_raises_with_incident():
    table = global_table([(1, "2010-05-01", "2012-02-01"), (7, "01/05/2010", np.nan)])
    with pytest.raises(EurepocTableError, match="Malformed start_date.*'ID': 7"):
        incident_years(table)


def test_duplicate_incident_id_raises():
    table = global_table([(1, "2010-05-01", np.nan), (1, "2011-05-01", np.nan)])
    with pytest.raises(EurepocTableError, match="EuRepoC global table"):
        incident_years(table)


# Rule 3: targets of an incident.

def test_incident_targets_rules():
    receiver = receiver_table(
        [
            (1, "United States"),
            (1, "United States"),  # repeated entry counts once
            (1, "EU (region)"),  # a region counts once
            (1, "Unknown"),  # placeholder ignored: other targets exist
            (2, "United Nations Organization"),
            (2, "Eastern Europe"),
            (2, "Not available"),
            (2, np.nan),  # missing entry ignored
            (3, "Unknown"),  # placeholders only: one unknown target
            (3, "Not available"),
            (5, "Germany"),  # not asked for
        ]
    )
    targets = incident_targets(receiver, [1, 2, 3, 4]).set_index("ID")

    assert targets["n_targets"].to_dict() == {1: 2, 2: 2, 3: 1, 4: 1}
    assert targets["unknown_target"].to_dict() == {1: False, 2: False, 3: True, 4: True}


def test_receiver_missing_column_raises():
    receiver = pd.DataFrame({"ID": [1], "receiver_name": ["x"]})
    with pytest.raises(EurepocTableError, match="receiver_country"):
        incident_targets(receiver, [1])


# All rules together.

def test_count_pairs_known_answer():
    global_frame = global_table(
        [
            (1, "2010-03-01", "2011-06-01"),  # RUS, 2 targets, 2010-2011
            (2, "2011-01-01", np.nan),  # RUS and UKR, 1 unknown target, 2011
            (3, "2011-01-01", "2009-01-01"),  # RUS, end before start: 2011 only, 3 targets
            (4, np.nan, "2011-01-01"),  # RUS, missing start: dropped
            (5, "2011-01-01", "2011-01-01"),  # proxy only: not counted
            (6, "1998-01-01", "2000-06-01"),  # CHN, cut to 2000
            (7, "2023-01-01", "2023-02-01"),  # CHN, after the window
        ]
    )
    attribution = attribution_table(
        [
            (1, "Russia", NSG),
            (1, "Russia", HACKER),
            (2, "Russia", NSG),
            (2, "Ukraine", HACKER),
            (2, "Unknown", NSG),
            (3, "Russia", NSG),
            (4, "Russia", NSG),
            (5, "Russia", PROXY),
            (6, "China", NSG),
            (7, "China", NSG),
        ]
    )
    receiver = receiver_table(
        [
            (1, "Germany"),
            (1, "NATO (region)"),
            (2, "Unknown"),
            (3, "France"),
            (3, "Interpol"),
            (3, "Eastern Europe"),
            (3, "Not available"),
            (6, "Japan"),
            (7, "Japan"),
        ]
    )
    result = count_nonstate_pairs(global_frame, attribution, receiver, first_year=2000, last_year=2022)
    counts = result.counts.set_index(["iso3", "year"])

    assert counts["n_pairs"].to_dict() == {
        ("CHN", 2000): 1,
        ("RUS", 2010): 2,
        ("RUS", 2011): 2 + 1 + 3,
        ("UKR", 2011): 1,
    }
    assert counts["n_incidents"].to_dict() == {
        ("CHN", 2000): 1,
        ("RUS", 2010): 1,
        ("RUS", 2011): 3,
        ("UKR", 2011): 1,
    }
    defects = result.defects.set_index("check")["incidents"]
    assert defects["start_date missing"] == 1
    assert defects["end_date before start_date"] == 1
    assert defects["end_date missing"] == 1
    assert defects["no year inside the study window"] == 1
    assert defects["placeholder targets only"] == 1
    assert defects["no receiver row"] == 1  # incident 4
    dropped = result.dropped_initiators.set_index("reason")
    assert dropped.loc[INITIATOR_DROP_REASONS["unknown"], "rows"] == 1


def test_count_pairs_rejects_dangling_incident():
    global_frame = global_table([(1, "2010-03-01", np.nan)])
    attribution = attribution_table([(1, "Russia", NSG), (99, "Russia", NSG)])
    receiver = receiver_table([(1, "Germany")])
    with pytest.raises(EurepocTableError, match=r"incident\(s\) \[99\]"):
        count_nonstate_pairs(global_frame, attribution, receiver)


def test_count_pairs_rejects_reversed_window():
    with pytest.raises(ValueError, match="first_year 2022 is after last_year 2000"):
        count_nonstate_pairs(global_table([]), attribution_table([]), receiver_table([]), 2022, 2000)


def test_read_tables_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("ITUBOOK_DATA_MIRROR", str(tmp_path))
    monkeypatch.setenv("ITUBOOK_OFFLINE", "1")
    with pytest.raises(DataFileMissingError, match="EuRepoC_Global_Database_1.1.csv"):
        read_eurepoc_tables()
