"""Country-year panel assembly: universe, zero counts, spells, controls and bad inputs."""

import numpy as np
import pandas as pd
import pytest

from lib import itu
from lib.panel import (
    PANEL_DICTIONARY,
    PanelError,
    attach_spells,
    build_country_year_panel,
    candidacy_table,
    panel_universe,
)

FIRST, LAST = 2000, 2003


def counts_table(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "n_pairs", "n_incidents"])


def controls_table(rows):
    return pd.DataFrame(
        rows, columns=["iso3", "year", "ict_exports_musd", "ln_ict_exports", "journal_articles", "ln_journal_articles", "internet_users_pct"]
    )


def spells_for(pairs):
    table = pd.DataFrame(pairs, columns=["iso3", "election_year"])
    return itu.build_spells(table, FIRST, LAST)


def build(counts=None, spells=None, controls=None, threshold=25.0):
    counts = counts_table([("RUS", 2001, 3, 2), ("PSE", 2002, 1, 1)]) if counts is None else counts
    spells = spells_for([("FRA", 2002)]) if spells is None else spells
    controls = (
        controls_table(
            [
                ("FRA", 2000, 1.0, np.log1p(1.0), 10.0, np.log1p(10.0), 20.0),
                ("FRA", 2001, 1.0, np.log1p(1.0), 10.0, np.log1p(10.0), 30.0),
                ("RUS", 2000, np.nan, np.nan, 5.0, np.log1p(5.0), 24.0),
            ]
        )
        if controls is None
        else controls
    )
    return build_country_year_panel(counts, spells, controls, first_year=FIRST, last_year=LAST, internet_threshold=threshold)


def test_universe_un_members_plus_initiators():
    universe = panel_universe(["PSE", "RUS"]).set_index("iso3")
    assert len(universe) == 194
    assert universe.loc["PSE", "un_member"] == 0
    assert universe.loc["PSE", "itu_member"] == 0
    assert universe.loc["RUS", "un_member"] == 1
    assert universe.loc["RUS", "itu_member"] == 1
    assert "TWN" not in universe.index


def test_universe_rejects_unknown_code():
    with pytest.raises(PanelError, match=r"\['QQQ'\]"):
        panel_universe(["QQQ"])


def test_panel_grid_and_zero_counts():
    panel = build()
    assert len(panel) == 194 * 4
    assert list(panel.columns) == list(PANEL_DICTIONARY["column"])
    indexed = panel.set_index(["iso3", "year"])
    assert indexed.loc[("RUS", 2001), "n_pairs"] == 3
    assert indexed.loc[("RUS", 2001), "n_incidents"] == 2
    assert indexed.loc[("RUS", 2002), "n_pairs"] == 0
    assert indexed.loc[("PSE", 2002), "n_pairs"] == 1
    assert panel["n_pairs"].sum() == 4


def test_panel_spell_columns():
    indexed = build().set_index(["iso3", "year"])
    france = indexed.loc["FRA"]
    assert france["candidate"].tolist() == [1, 1, 1, 0]
    assert france["years_to_election"].tolist()[:3] == [-2, -1, 0]
    assert france["election_year_indicator"].tolist()[:3] == [0, 0, 1]
    assert france["spell_id"].tolist()[:3] == ["FRA_2002"] * 3
    assert pd.isna(france["spell_id"].iloc[3])
    assert indexed.loc[("FRA", 2003), "ever_candidate"] == 1
    assert indexed.loc[("RUS", 2000), "ever_candidate"] == 0
    assert indexed["candidate"].sum() == 3


def test_panel_controls_and_internet_group():
    indexed = build().set_index(["iso3", "year"])
    assert indexed.loc[("FRA", 2000), "internet_users_pct"] == 20.0
    assert np.isnan(indexed.loc[("FRA", 2002), "internet_users_pct"])
    assert indexed.loc[("FRA", 2002), "internet_mean_2000_2018"] == 25.0
    assert indexed.loc[("FRA", 2002), "high_internet"] == 1  # mean 25 is at the threshold
    assert indexed.loc[("RUS", 2000), "high_internet"] == 0
    assert indexed.loc[("DEU", 2000), "high_internet"] == 0  # no value at all


def test_panel_rejects_non_itu_candidate():
    with pytest.raises(PanelError, match=r"outside the ITU membership \['PSE'\]"):
        build(spells=spells_for([("PSE", 2002)]))


def test_panel_rejects_overlapping_spells():
    spells = pd.concat([spells_for([("FRA", 2002)]), spells_for([("FRA", 2002)]).assign(spell_id="FRA_dup")])
    with pytest.raises(PanelError, match="Overlapping spells"):
        build(spells=spells)


def test_panel_rejects_spell_outside_panel():
    spells = spells_for([("FRA", 2002)]).assign(iso3="ZZZ")
    with pytest.raises(PanelError, match="outside the panel"):
        build(spells=spells)


def test_panel_rejects_counts_outside_window():
    with pytest.raises(PanelError, match="Counts outside 2000-2003"):
        build(counts=counts_table([("RUS", 2010, 1, 1)]))


def test_panel_rejects_duplicate_counts():
    with pytest.raises(PanelError, match="duplicate country-years"):
        build(counts=counts_table([("RUS", 2001, 1, 1), ("RUS", 2001, 2, 1)]))


def test_attach_spells_replaces_old_columns():
    panel = build()
    replaced = attach_spells(panel, spells_for([("DEU", 2002)]))
    assert replaced.loc[replaced["iso3"] == "FRA", "candidate"].sum() == 0
    assert replaced.loc[replaced["iso3"] == "DEU", "candidate"].sum() == 3
    assert len(replaced) == len(panel)


def test_dictionary_complete():
    assert PANEL_DICTIONARY["column"].is_unique
    assert PANEL_DICTIONARY.notna().all().all()
    assert (PANEL_DICTIONARY.map(len) > 0).all().all()


CANDIDATES_CSV = """year,body,country,iso3,region,elected,votes,source
2002,Council,France,FRA,B,1,,https://example.org/a
2002,RRB,France,FRA,B,0,,https://example.org/b
2006,Council,Germany,DEU,B,1,120,https://example.org/c
"""
INFERRED_CSV = """year,body,country,iso3,region,elected_inferred,basis,source
2002,Council,Germany,DEU,B,1,reported as continuous member,https://example.org/d
2002,Council,France,FRA,B,1,reported as continuous member,https://example.org/e
"""


def write(tmp_path, name, text):
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return file


def test_candidacies_without_inferred(tmp_path):
    table = candidacy_table(candidates_file=write(tmp_path, "c.csv", CANDIDATES_CSV), inferred_file=tmp_path / "none.csv")
    assert table[["iso3", "election_year", "bodies"]].values.tolist() == [["DEU", 2006, "Council"], ["FRA", 2002, "Council+RRB"]]
    assert not table["inferred_only"].any()


def test_candidacies_with_inferred(tmp_path):
    table = candidacy_table(
        include_inferred=True,
        candidates_file=write(tmp_path, "c.csv", CANDIDATES_CSV),
        inferred_file=write(tmp_path, "i.csv", INFERRED_CSV),
    ).set_index(["iso3", "election_year"])
    assert sorted(table.index) == [("DEU", 2002), ("DEU", 2006), ("FRA", 2002)]
    assert table.loc[("DEU", 2002), "inferred_only"]
    assert not table.loc[("FRA", 2002), "inferred_only"]


def test_candidacies_election_subset(tmp_path):
    table = candidacy_table(elections=[2006], candidates_file=write(tmp_path, "c.csv", CANDIDATES_CSV))
    assert table["iso3"].tolist() == ["DEU"]


def test_candidacies_reject_bad_inferred_row(tmp_path):
    bad = INFERRED_CSV.replace("2002,Council,Germany", "2003,Council,Germany")
    with pytest.raises(PanelError, match="Invalid rows"):
        candidacy_table(
            include_inferred=True,
            candidates_file=write(tmp_path, "c.csv", CANDIDATES_CSV),
            inferred_file=write(tmp_path, "i.csv", bad),
        )


def test_candidacies_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        candidacy_table(candidates_file=tmp_path / "missing.csv")
