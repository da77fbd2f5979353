"""Tests of lib.probe_covariates: membership in a year, WDI and UNGA values, assembled controls."""

import numpy as np
import pandas as pd
import pytest

from lib import countries, paths, probe_covariates, registry

HEADER = "country,iso3,organisation,joined,left,source,note\n"


def _write(tmp_path, rows: str):
    file = tmp_path / "memberships.csv"
    file.write_text(HEADER + rows, encoding="utf-8")
    return file


@pytest.fixture
def memberships(tmp_path):
    file = _write(
        tmp_path,
        "Poland,POL,EU,2004-05-01,,src,\n"
        "United Kingdom,GBR,EU,1973-01-01,2020-01-31,src,\n"
        "Albania,ALB,NATO,2009,,src,\n"
        "Ghana,GHA,G77,,,src,current list only\n"
        "Gabon,GAB,OIC,1974,1990,src,first spell\n"
        "Gabon,GAB,OIC,1995,,src,second spell\n",
    )
    return probe_covariates.read_memberships(file)


def _in_year(memberships, iso3, year, column):
    pairs = pd.DataFrame({"iso3": [iso3], "year": [year]})
    return int(probe_covariates.membership_in_year(memberships, pairs)[column].iloc[0])


# --- membership table and rule --------------------------------------------------------------


def test_memberships_parse_years(memberships):
    parsed = memberships.set_index("iso3")
    assert parsed.loc["POL", "joined_year"] == 2004
    assert parsed.loc["GBR", "left_year"] == 2020
    assert np.isnan(parsed.loc["GHA", "joined_year"])
    assert parsed.loc["GAB", "joined_year"].tolist() == [1974, 1995]


@pytest.mark.parametrize(
    ("iso3", "year", "column", "member"),
    [
        ("POL", 2003, "eu", 0),
        ("POL", 2004, "eu", 1),  # joined in May: a member at some time during 2004
        ("GBR", 2020, "eu", 1),  # left on 31 January: still a member during part of 2020
        ("GBR", 2021, "eu", 0),
        ("ALB", 2008, "nato", 0),
        ("ALB", 2009, "nato", 1),
        ("GHA", 1990, "g77", 1),  # undated: a member in every year
        ("GHA", 2022, "g77", 1),
        ("GAB", 1992, "oic", 0),  # between two spells
        ("GAB", 1990, "oic", 1),
        ("GAB", 2018, "oic", 1),
        ("POL", 2018, "nato", 0),  # not listed for that organisation
        ("FRA", 2018, "eu", 0),  # not listed at all
    ],
)
def test_membership_in_year_rule(memberships, iso3, year, column, member):
    assert _in_year(memberships, iso3, year, column) == member


def test_membership_keeps_rows_and_index(memberships):
    pairs = pd.DataFrame({"iso3": ["GBR", "POL", "GBR"], "year": [2018, 2018, 2022]}, index=[7, 3, 5])
    out = probe_covariates.membership_in_year(memberships, pairs)
    assert list(out.index) == [7, 3, 5]
    assert out["eu"].tolist() == [1, 1, 0]
    assert list(out.columns) == ["iso3", "year", "eu", "g77", "nato", "oic"]


def test_memberships_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        probe_covariates.read_memberships(tmp_path / "absent.csv")


def test_memberships_reject_undated_nato(tmp_path):
    file = _write(tmp_path, "France,FRA,NATO,,,src,\n")
    with pytest.raises(probe_covariates.UndatedMembershipError, match="France"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_malformed_date(tmp_path):
    file = _write(tmp_path, "France,FRA,EU,01/01/1958,,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match="Invalid joined"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_leave_before_join(tmp_path):
    file = _write(tmp_path, "France,FRA,EU,1958,1950,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match="leave year before join year"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_unknown_organisation(tmp_path):
    file = _write(tmp_path, "France,FRA,OECD,1961,,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match="unknown organisation"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_missing_source(tmp_path):
    file = _write(tmp_path, "France,FRA,EU,1958,,,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match="without a source"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_bad_code(tmp_path):
    file = _write(tmp_path, "France,FR,EU,1958,,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match="malformed ISO3"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_missing_column(tmp_path):
    file = tmp_path / "memberships.csv"
    file.write_text("country,iso3,organisation,joined,source\nFrance,FRA,EU,1958,src\n", encoding="utf-8")
    with pytest.raises(probe_covariates.MembershipTableError, match="missing column"):
        probe_covariates.read_memberships(file)


def test_memberships_reject_extra_field(tmp_path):
    file = _write(tmp_path, "France,FRA,EU,1958,,src,note\nItaly,ITA,EU,1958,,src, with a comma,note\n")
    with pytest.raises(probe_covariates.MembershipTableError, match=r"memberships.csv.*line 3 has 8"):
        probe_covariates.read_memberships(file)


def test_memberships_date_error_names_file(tmp_path):
    file = _write(tmp_path, "France,FRA,EU,1958,,src,\nItaly,ITA,EU,1958,31/12/2099,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match=rf"'31/12/2099' on line 3 of membership table {file}"):
        probe_covariates.read_memberships(file)


def test_memberships_organisation_error_names_file(tmp_path):
    file = _write(tmp_path, "France,FRA,OECD,1961,,src,\n")
    with pytest.raises(probe_covariates.MembershipTableError, match=str(file)):
        probe_covariates.read_memberships(file)


# --- the shipped membership table, checked without the raw-data mirror ----------------------


@pytest.fixture(scope="module")
def shipped_memberships():
    return probe_covariates.read_memberships(paths.MEMBERSHIPS_CSV)


def test_shipped_memberships_cover_every_organisation(shipped_memberships):
    assert set(shipped_memberships["organisation"]) == set(probe_covariates.ORGANISATIONS)


def test_shipped_memberships_codes_match_names(shipped_memberships):
    unknown = set(shipped_memberships["iso3"]) - countries.known_iso3_codes()
    assert not unknown

    converted = countries.to_iso3(shipped_memberships["country"], source=str(paths.MEMBERSHIPS_CSV))
    mismatched = shipped_memberships.loc[converted.to_numpy() != shipped_memberships["iso3"].to_numpy(), ["country", "iso3"]]
    assert mismatched.empty, mismatched


def test_shipped_memberships_dates(shipped_memberships):
    dated = shipped_memberships[~shipped_memberships["organisation"].isin(probe_covariates.UNDATED_ORGANISATIONS)]
    assert dated["joined_year"].notna().all()
    # NATO, the oldest of the four organisations, was founded in 1949.
    assert dated["joined_year"].between(1949, 2024).all(), dated["joined_year"].describe()
    assert shipped_memberships["left_year"].dropna().between(1949, 2024).all()


def test_shipped_memberships_spells_do_not_overlap(shipped_memberships):
    for (iso3, organisation), spells in shipped_memberships.groupby(["iso3", "organisation"]):
        ordered = spells.sort_values("joined_year")
        previous_left = ordered["left_year"].iloc[:-1].to_numpy()
        next_joined = ordered["joined_year"].iloc[1:].to_numpy()
        assert not np.isnan(previous_left).any(), (iso3, organisation, "a spell before another has no leave year")
        assert (next_joined > previous_left).all(), (iso3, organisation)


def test_shipped_memberships_rule_gbr_fra(shipped_memberships):
    pairs = pd.DataFrame({"iso3": ["GBR", "GBR", "FRA"], "year": [2018, 2021, 2018]})

    members = probe_covariates.membership_in_year(shipped_memberships, pairs)

    # The table's own rows: the United Kingdom left the EU on 2020-01-31, France is in EU and NATO.
    assert members["eu"].tolist() == [1, 0, 1]
    assert members["nato"].tolist() == [1, 1, 1]


def test_shipped_memberships_match_cow_2000_2014():
    """The rule applied to the shipped table reproduces CoW IGO v3 for NATO, EU and OIC.

    CoW codes only its own state system, so Palestine is absent, and it codes Cameroon as
    outside the OIC in 2000-2005 while the transcribed table dates its accession to 1974.
    Those are the only differences allowed.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(registry.OFFLINE_ENV, "1")
        try:
            cow = registry.read_csv("cow_igo_extract")
            unga = registry.read_csv("unga_ideal_points")
        except registry.DataFileMissingError as error:
            pytest.skip(f"CoW or UNGA raw file not available: {error}")
    # The UNGA file carries both CoW codes and ISO3 codes; it serves as the crosswalk.
    crosswalk = unga[["ccode", "iso3c"]].drop_duplicates().rename(columns={"iso3c": "iso3"})
    cow = cow.merge(crosswalk, on="ccode", how="left")
    unmatched = cow[cow["iso3"].isna()]
    assert (unmatched[["nato", "eu", "oic"]] == 0).all().all(), unmatched["state"].unique()
    cow = cow.dropna(subset=["iso3"]).reset_index(drop=True)

    ours = probe_covariates.membership_in_year(probe_covariates.read_memberships(paths.MEMBERSHIPS_CSV), cow[["iso3", "year"]])

    for column in ("nato", "eu"):
        differ = cow[cow[column] != ours[column]]
        assert differ.empty, differ[["iso3", "year", column]]
    differ = cow[cow["oic"] != ours["oic"]]
    assert set(differ["iso3"]) <= {"CMR"}, differ[["iso3", "year"]]
    assert set(differ["year"]) <= set(range(2000, 2006))
    assert "PSE" in set(probe_covariates.read_memberships(paths.MEMBERSHIPS_CSV)["iso3"])


# --- WDI, UNGA and assembled controls -------------------------------------------------------


@pytest.fixture
def sources():
    gdp = pd.DataFrame({"Country Code": ["AAA", "BBB", "CCC"], "2017": [1000.0, np.nan, 50.0], "2021": [2000.0, 500.0, 60.0]})
    population = pd.DataFrame(
        {"Country Code": ["AAA", "BBB", "AAA", "BBB", "CCC", "CCC"], "Year": [2017, 2017, 2021, 2021, 2017, 2021], "Value": [10, 20, 11, 21, 5, 6]}
    )
    unga = pd.DataFrame(
        {"iso3c": ["AAA", "BBB", "AAA", "CCC"], "session": [72, 72, 76, 76], "USAgree": [0.5, 0.2, 0.6, 0.3], "RUSSAgree": [0.4, 0.9, 0.3, 0.7]}
    )
    return gdp, population, unga


def test_election_covariates_lag_and_logs(sources, memberships):
    gdp, population, unga = sources
    candidates = pd.DataFrame({"iso3": ["AAA", "BBB", "AAA"], "year": [2018, 2018, 2022]}, index=[4, 5, 6])

    out = probe_covariates.election_covariates(candidates, memberships, gdp, population, unga, lag=1)

    assert list(out.index) == [4, 5, 6]
    assert out.loc[4, "log_gdp_per_capita"] == pytest.approx(np.log(1000.0))
    assert out.loc[6, "log_gdp_per_capita"] == pytest.approx(np.log(2000.0))
    assert np.isnan(out.loc[5, "log_gdp_per_capita"])  # missing in the source stays missing
    assert out.loc[5, "log_population"] == pytest.approx(np.log(20))
    assert out.loc[6, "us_agreement"] == 0.6
    assert out.loc[5, "russia_agreement"] == 0.9


def test_missing_covariates_lists_gaps(sources, memberships):
    gdp, population, unga = sources
    candidates = pd.DataFrame({"iso3": ["BBB", "BBB"], "year": [2018, 2022]})
    out = probe_covariates.election_covariates(candidates, memberships, gdp, population, unga)

    gaps = probe_covariates.missing_covariates(out)

    assert gaps.to_dict("records") == [
        {"iso3": "BBB", "year": 2018, "variable": "log_gdp_per_capita"},
        {"iso3": "BBB", "year": 2022, "variable": "russia_agreement"},
        {"iso3": "BBB", "year": 2022, "variable": "us_agreement"},
    ]


def test_election_covariates_reject_nonpositive(sources, memberships):
    gdp, population, unga = sources
    gdp.loc[0, "2017"] = 0.0
    with pytest.raises(probe_covariates.CovariateError, match="non-positive GDP per capita 2017"):
        probe_covariates.election_covariates(pd.DataFrame({"iso3": ["AAA"], "year": [2018]}), memberships, gdp, population, unga)


def test_wdi_value_layouts(sources):
    gdp, population, _ = sources
    assert probe_covariates.wdi_value(gdp, 2021, "wide")["BBB"] == 500.0
    assert probe_covariates.wdi_value(population, 2017, "long")["CCC"] == 5


def test_wdi_value_missing_year(sources):
    with pytest.raises(KeyError, match="2030"):
        probe_covariates.wdi_value(sources[0], 2030, "wide")


def test_wdi_value_rejects_layout(sources):
    with pytest.raises(ValueError, match="Invalid layout"):
        probe_covariates.wdi_value(sources[0], 2017, "tall")


def test_wdi_value_rejects_duplicates(sources):
    doubled = pd.concat([sources[1], sources[1].head(1)])
    with pytest.raises(ValueError, match="listed twice"):
        probe_covariates.wdi_value(doubled, 2017, "long")


def test_unga_session_of_year(sources):
    agreement = probe_covariates.unga_agreement(sources[2], 2017)
    assert agreement.loc["AAA", "us_agreement"] == 0.5
    with pytest.raises(KeyError, match="session 80"):
        probe_covariates.unga_agreement(sources[2], 2025)
