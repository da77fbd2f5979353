"""Tests of lib.gci: edition choice, reading the two transcriptions, reconciliation, ranks."""

import numpy as np
import pandas as pd
import pytest

from lib import countries, gci, registry


def _summary_row(country, values):
    """Return one raw summary row; ``values`` maps edition label to (score, rank)."""
    row = {"Country": country}
    for edition, (score_column, rank_column) in gci._SUMMARY_COLUMNS.items():
        score, rank = values.get(edition, (np.nan, np.nan))
        row[score_column] = score
        row[rank_column] = rank
    row["Unnamed: 11"] = np.nan
    return row


@pytest.fixture
def raw_summary():
    return pd.DataFrame(
        [
            _summary_row("United States", {"2017": (0.919, 2), "2020": (100.0, 1), "2024": (99.86, 2)}),
            _summary_row("Singapore", {"2017": (0.925, 1), "2020": (98.52, 3), "2024": (99.86, 1)}),
            _summary_row("United Kingdom", {"2017": (0.783, 3), "2020": (99.54, 2)}),
            _summary_row("Saudi Arabia", {"2017": (0.7, 4), "2020": (99.54, 2)}),
            _summary_row("Swaziland", {"2014": (0.059, 27), "2017": (0.041, 5)}),
            _summary_row("Eswatini", {"2020": (18.23, 5), "2024": (79.43, 3)}),
            _summary_row("France", {"2020": (97.6, 4)}),
        ]
    )


@pytest.fixture(scope="module")
def shipped_raw():
    """Read both shipped GCI files from the mirror, without downloading."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(registry.OFFLINE_ENV, "1")
        try:
            summary = registry.read_csv("gci_summary", na_values=["#N/A"])
            compilation = registry.read_csv("gci_2020_compilation")
        except registry.DataFileMissingError as error:
            pytest.skip(f"GCI raw files not available: {error}")
    return summary, compilation


# --- edition choice -------------------------------------------------------------------------


@pytest.mark.parametrize(("election", "edition"), [(2018, "2017"), (2022, "2020"), (2019, "2017"), (2020, "2018"), (2026, "2024")])
def test_edition_for_election_year(election, edition):
    assert gci.choose_edition(election) == edition


def test_edition_published_in_election_year_is_skipped():
    assert gci.choose_edition(2018, {"early": 2016, "same_year": 2018}) == "early"


def test_edition_none_published_before():
    with pytest.raises(gci.EditionChoiceError, match="before 2014"):
        gci.choose_edition(2014)


def test_edition_rejects_non_integer_year():
    with pytest.raises(TypeError, match="Invalid election year"):
        gci.choose_edition("2018")


def test_gci_for_elections_uses_chosen_edition():
    table = pd.DataFrame(
        {
            "iso3": ["USA", "USA", "GBR", "CAN"],
            "edition": ["2017", "2020", "2018", "2020"],
            "score": [0.9, 100.0, 0.93, 97.0],
            "score_100": [90.0, 100.0, 93.0, 97.0],
            "rank": pd.array([2, 1, 1, pd.NA], dtype="Int64"),
        }
    )
    candidates = pd.DataFrame({"iso3": ["USA", "USA", "GBR"], "year": [2018, 2022, 2018]}, index=[10, 11, 12])

    attached = gci.gci_for_elections(candidates, table)

    assert list(attached.index) == [10, 11, 12]
    assert attached["gci_edition"].tolist() == ["2017", "2020", "2017"]
    assert attached.loc[10, "gci_rank"] == 2
    assert attached.loc[11, "gci_score"] == 100.0
    assert pd.isna(attached.loc[12, "gci_rank"])  # GBR has no 2017 value, and 2018 is never used for 2018


# --- summary transcription ------------------------------------------------------------------


def test_summary_merges_renamed_country(raw_summary):
    tidy = gci.tidy_gci_summary(raw_summary)

    eswatini = tidy[tidy["iso3"] == "SWZ"].set_index("edition")
    assert sorted(eswatini.index) == ["2014", "2017", "2020", "2024"]
    assert eswatini.loc["2020", "score"] == 18.23
    assert eswatini.loc["2017", "name"] == "Eswatini / Swaziland"


def test_summary_scales_and_ranks(raw_summary):
    tidy = gci.tidy_gci_summary(raw_summary).set_index(["iso3", "edition"])

    assert tidy.loc[("USA", "2017"), "score_100"] == pytest.approx(91.9)
    assert tidy.loc[("USA", "2020"), "score_100"] == 100.0
    assert tidy.loc[("USA", "2017"), "rank"] == 2
    assert pd.isna(tidy.loc[("USA", "2024"), "rank"])  # GCI 2024 has tiers, not ranks
    assert tidy.loc[("GBR", "2020"), "rank"] == tidy.loc[("SAU", "2020"), "rank"]


def test_summary_rejects_unknown_name(raw_summary):
    raw = pd.concat([raw_summary, pd.DataFrame([_summary_row("Atlantis", {"2020": (1.0, 6)})])], ignore_index=True)
    with pytest.raises(countries.UnknownCountryError, match="Atlantis"):
        gci.tidy_gci_summary(raw)


def test_summary_rejects_duplicate_values(raw_summary):
    raw = pd.concat([raw_summary, pd.DataFrame([_summary_row("Swaziland", {"2020": (18.23, 5)})])], ignore_index=True)
    with pytest.raises(gci.GCIFormatError, match="same country and edition"):
        gci.tidy_gci_summary(raw)


def test_summary_rejects_score_without_rank(raw_summary):
    raw_summary.loc[0, "Global Rank.2"] = np.nan
    with pytest.raises(gci.GCIFormatError, match="score without a rank"):
        gci.tidy_gci_summary(raw_summary)


def test_summary_rejects_unit_scale_overflow(raw_summary):
    raw_summary.loc[0, "2017"] = 91.9
    with pytest.raises(gci.GCIFormatError, match=r"outside \[0.0, 1.0\]"):
        gci.tidy_gci_summary(raw_summary)


def test_summary_rejects_ranks_against_scores(raw_summary):
    raw_summary.loc[0, "Global Rank.2"] = 4  # the top 2020 score would rank below lower scores
    with pytest.raises(gci.GCIFormatError, match="contradict"):
        gci.tidy_gci_summary(raw_summary)


def test_summary_rejects_non_numeric_score(raw_summary):
    raw_summary["2020"] = raw_summary["2020"].astype(object)
    raw_summary.loc[0, "2020"] = "n.a."
    country = raw_summary.loc[0, "Country"]

    with pytest.raises(gci.GCIFormatError) as error:
        gci.tidy_gci_summary(raw_summary)

    message = str(error.value)
    assert "gci_summary scores of edition 2020" in message
    assert f"{country} 'n.a.'" in message
    assert "Unable to parse" not in message


def test_summary_rejects_non_numeric_rank(raw_summary):
    raw_summary["Global Rank.2"] = raw_summary["Global Rank.2"].astype(object)
    raw_summary.loc[0, "Global Rank.2"] = "1st"
    country = raw_summary.loc[0, "Country"]

    with pytest.raises(gci.GCIFormatError, match=f"ranks of edition 2020.*'Global Rank.2'.*{country} '1st'"):
        gci.tidy_gci_summary(raw_summary)


def test_summary_blank_text_cell_is_missing(raw_summary):
    raw_summary["2024"] = raw_summary["2024"].astype(object)
    raw_summary["Global Rank.3"] = raw_summary["Global Rank.3"].astype(object)
    raw_summary.loc[0, ["2024", "Global Rank.3"]] = "  "
    country = raw_summary.loc[0, "Country"]

    tidy = gci.tidy_gci_summary(raw_summary)

    assert tidy[(tidy["name"] == country) & (tidy["edition"] == "2024")].empty


def test_summary_rejects_missing_column(raw_summary):
    with pytest.raises(gci.GCIFormatError, match="missing column"):
        gci.tidy_gci_summary(raw_summary.drop(columns="Global Rank.2"))


def test_summary_rejects_filled_trailing_column(raw_summary):
    raw_summary.loc[0, "Unnamed: 11"] = 1.0
    with pytest.raises(gci.GCIFormatError, match="trailing column"):
        gci.tidy_gci_summary(raw_summary)


# --- compilation and reconciliation ---------------------------------------------------------


def _compilation(rows):
    return pd.DataFrame(rows, columns=["Country", "Region", "GCI"])


def test_compilation_keeps_blank_scores():
    tidy = gci.tidy_gci_2020_compilation(_compilation([["Canada", "North America", 97.67], ["Yemen", "Asia", np.nan]]))

    assert tidy.set_index("iso3")["score"].to_dict() == pytest.approx({"CAN": 97.67, "YEM": np.nan}, nan_ok=True)
    assert tidy["rank"].isna().all()


def test_compilation_rejects_duplicates():
    with pytest.raises(gci.GCIFormatError, match="listed twice"):
        gci.tidy_gci_2020_compilation(_compilation([["Russia", "Europe", 98.06], ["Russian Federation", "Europe", 98.06]]))


def test_compilation_rejects_out_of_range():
    with pytest.raises(gci.GCIFormatError, match="outside"):
        gci.tidy_gci_2020_compilation(_compilation([["Canada", "North America", 976.7]]))


def test_compilation_rejects_non_numeric_score():
    with pytest.raises(gci.GCIFormatError, match=r"gci_2020_compilation scores of edition 2020.*Yemen 'n\.a\.'"):
        gci.tidy_gci_2020_compilation(_compilation([["Canada", "North America", 97.67], ["Yemen", "Asia", "n.a."]]))


def test_reconcile_classifies_disagreements():
    summary = pd.DataFrame(
        {
            "iso3": ["USA", "ROU", "COD", "YEM", "EST"],
            "name": ["United States", "Romania", "DR Congo", "Yemen", "Estonia"],
            "edition": "2020",
            "score": [100.0, 76.5, 5.3, 0.0, 99.48],
            "rank": [1, 62, 170, 182, 3],
        }
    )
    compilation = pd.DataFrame(
        {
            "iso3": ["USA", "ROU", "YEM", "CAN", "EST", "PLW"],
            "name": ["United States", "Romania", "Yemen", "Canada", "Estonia", "Palau"],
            "edition": "2020",
            "score": [100.0, 76.29, np.nan, 97.67, 99.484, np.nan],
        }
    )

    found = gci.reconcile_2020(summary, compilation).set_index("iso3")["disagreement"].to_dict()

    assert found == {
        "ROU": "score differs",
        "COD": "only in gci_summary",
        "YEM": "no score in gci_2020_compilation",
        "CAN": "only in gci_2020_compilation",
    }


def test_reconcile_rejects_negative_tolerance():
    empty = pd.DataFrame(columns=["iso3", "name", "edition", "score", "rank"])
    with pytest.raises(ValueError, match="Invalid tolerance"):
        gci.reconcile_2020(empty, empty, tolerance=-1)


# --- rank derivation ------------------------------------------------------------------------


@pytest.fixture
def ranking():
    # Dense ranks with ties and one free place (rank 4), as when a country was dropped.
    return pd.DataFrame({"edition": "2020", "score": [100.0, 99.5, 99.5, 98.0, 96.0, 95.0], "rank": [1, 2, 2, 3, 5, 6]})


@pytest.mark.parametrize(("score", "rank"), [(97.0, 4), (99.5, 2), (95.0, 6)])
def test_dense_rank_derivation(ranking, score, rank):
    assert gci.derive_dense_rank(score, ranking) == rank


def test_dense_rank_at_top(ranking):
    shifted = ranking.assign(rank=ranking["rank"] + 1)  # rank 1 is free
    assert gci.derive_dense_rank(101.0, shifted) == 1


def test_dense_rank_without_free_place(ranking):
    with pytest.raises(gci.RankDerivationError, match="no free place"):
        gci.derive_dense_rank(98.5, ranking)


def test_dense_rank_rejects_mixed_editions(ranking):
    mixed = pd.concat([ranking, ranking.assign(edition="2017")])
    with pytest.raises(gci.RankDerivationError, match="one edition"):
        gci.derive_dense_rank(97.0, mixed)


# --- shipped files --------------------------------------------------------------------------


def test_every_shipped_name_is_a_state(shipped_raw):
    summary, compilation = shipped_raw
    for source, names in (("gci_summary", summary["Country"]), ("gci_2020_compilation", compilation["Country"])):
        kinds = countries.classify(names, source)
        assert len(kinds) == names.str.strip().nunique(), source
        assert (kinds["kind"] == "state").all(), kinds[kinds["kind"] != "state"]
        assert kinds["iso3"].str.fullmatch(r"[A-Z]{3}").all(), kinds[~kinds["iso3"].str.fullmatch(r"[A-Z]{3}")]


def test_shipped_summary_reads_cleanly(shipped_raw):
    tidy = gci.tidy_gci_summary(shipped_raw[0])

    assert not tidy.duplicated(["iso3", "edition"]).any()
    assert "CAN" not in set(tidy["iso3"])
    assert tidy.loc[tidy["edition"] == "2017", "rank"].max() == 164
    assert tidy.loc[tidy["edition"] == "2020", "rank"].max() == 182


def test_shipped_canada_fills_free_2020_rank(shipped_raw):
    summary = gci.tidy_gci_summary(shipped_raw[0])
    compilation = gci.tidy_gci_2020_compilation(shipped_raw[1])
    ranking = summary[summary["edition"] == "2020"]
    canada = float(compilation.loc[compilation["iso3"] == "CAN", "score"].iloc[0])

    assert gci.derive_dense_rank(canada, ranking) == 8
    assert 8 not in set(ranking["rank"])
