"""ITU candidacies and country-election spells on small hand-made tables."""

import pandas as pd
import pytest

from lib import itu


def _candidates(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "body"])


def test_candidacies_collapse_bodies_in_fixed_order():
    table = _candidates([("KEN", 2014, "RRB"), ("KEN", 2014, "Council"), ("KEN", 2018, "Council"), ("GHA", 2014, "BDT")])

    result = itu.candidacies(table, elections=[2014, 2018])

    assert result.to_dict("records") == [
        {"iso3": "GHA", "election_year": 2014, "bodies": "BDT"},
        {"iso3": "KEN", "election_year": 2014, "bodies": "Council+RRB"},
        {"iso3": "KEN", "election_year": 2018, "bodies": "Council"},
    ]


def test_candidacies_reject_unknown_election_year():
    with pytest.raises(ValueError, match="Invalid election year"):
        itu.candidacies(_candidates([("KEN", 2014, "Council")]), elections=[2015])


def test_spells_cover_election_year_and_three_before():
    spells = itu.build_spells(pd.DataFrame({"iso3": ["KEN"], "election_year": [2014]}))

    assert spells["year"].tolist() == [2011, 2012, 2013, 2014]
    assert spells["years_to_election"].tolist() == [-3, -2, -1, 0]
    assert spells["election_year_indicator"].tolist() == [0, 0, 0, 1]
    assert set(spells["spell_id"]) == {"KEN_2014"}


def test_spells_cut_at_first_data_year():
    spells = itu.build_spells(pd.DataFrame({"iso3": ["KEN"], "election_year": [2002]}), first_year=2000)

    assert spells["year"].tolist() == [2000, 2001, 2002]


def test_spells_skip_elections_outside_data_years():
    spells = itu.build_spells(pd.DataFrame({"iso3": ["KEN", "KEN"], "election_year": [2018, 2022]}), last_year=2020)

    assert set(spells["spell_id"]) == {"KEN_2018"}


def test_load_candidates_reports_invalid_rows(tmp_path):
    file = tmp_path / "candidates.csv"
    file.write_text(
        "year,body,country,iso3,region,elected,votes,source\n"
        "2014,Council,Kenya,KEN,D,1,120,https://example.org\n"
        "2015,Senate,Kenya,ke,D,2,-5,\n"
    )

    with pytest.raises(itu.CandidatesTableError) as error:
        itu.load_candidates(file)

    message = str(error.value)
    for column in ("year", "body", "iso3", "elected", "votes", "source"):
        assert column in message


def test_shipped_candidates_table_is_valid():
    table = itu.load_candidates()

    assert len(table) > 0
    assert table["iso3"].str.fullmatch(r"[A-Z]{3}").all()


def test_load_candidates_rejects_code_name_mismatch(tmp_path):
    file = tmp_path / "candidates.csv"
    file.write_text(
        "year,body,country,iso3,region,elected,votes,source\n"
        "2014,Council,Kenya,KEN,D,1,120,https://example.org\n"
        "2014,Council,Brazil,ARG,A,1,,https://example.org\n"
    )

    with pytest.raises(itu.CandidatesTableError) as error:
        itu.load_candidates(file)

    assert "line 3: 'Brazil' is BRA, not ARG" in str(error.value)


def test_load_candidates_reports_extra_field(tmp_path):
    file = tmp_path / "candidates.csv"
    file.write_text(
        "year,body,country,iso3,region,elected,votes,source\n"
        "2014,Council,Kenya,KEN,D,1,120,https://example.org,stray\n"
    )

    with pytest.raises(ValueError, match="line 2 has 9"):
        itu.load_candidates(file)
