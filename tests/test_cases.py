"""Case studies: parameter checks, event-time windows, the comparison rule and the case list."""

import math

import pandas as pd
import pytest

from lib import cases, itu, paths
from lib.cases import (
    CaseDataError,
    CaseListError,
    MeasuresTableError,
    NotACandidateError,
    NotAnElectionYearError,
    UnknownCaseCountryError,
)


@pytest.fixture
def candidates():
    return pd.DataFrame(
        [
            (2014, "Council", "Tanzania", "TZA"),
            (2014, "RRB", "Tanzania", "TZA"),
            (2022, "Council", "Tanzania", "TZA"),
            (2018, "Council", "Mauritius", "MUS"),
        ],
        columns=["year", "body", "country", "iso3"],
    )


def yearly(values: dict[int, int]) -> pd.Series:
    return pd.Series(values, name="count").rename_axis("year")


def window_for(values: dict[int, int], election_year: int, first_year: int, last_year: int, margin: int = 2):
    return cases.event_time_window(yearly(values), election_year, first_year, last_year, margin=margin)


# Parameters


@pytest.mark.parametrize("country", ["TZA", "tza", "Tanzania", " Tanzania "])
def test_validate_case_accepts_code_or_name(candidates, country):
    case = cases.validate_case(country, 2014, candidates)

    assert case == cases.Case("TZA", 2014)
    assert case.run_id == "case_tza_2014"


def test_validate_case_unknown_name(candidates):
    with pytest.raises(UnknownCaseCountryError, match="Unknown country 'Atlantis'"):
        cases.validate_case("Atlantis", 2014, candidates)


def test_validate_case_unknown_code(candidates):
    with pytest.raises(UnknownCaseCountryError, match="Unknown country 'XYZ'"):
        cases.validate_case("XYZ", 2014, candidates)


@pytest.mark.parametrize("country", ["", "   ", None, 834])
def test_validate_case_country_not_text(candidates, country):
    with pytest.raises(UnknownCaseCountryError, match="Invalid country parameter"):
        cases.validate_case(country, 2014, candidates)


@pytest.mark.parametrize("year", [2015, 1998, "2014", 2014.0, True])
def test_validate_case_not_an_election_year(candidates, year):
    with pytest.raises(NotAnElectionYearError, match="2002, 2006, 2010, 2014, 2018, 2022"):
        cases.validate_case("TZA", year, candidates)


def test_validate_case_did_not_stand_that_year(candidates):
    with pytest.raises(NotACandidateError, match=r"did not stand .* in 2018.*it stood in 2014, 2022"):
        cases.validate_case("Tanzania", 2018, candidates)


def test_validate_case_never_stood(candidates):
    with pytest.raises(NotACandidateError, match="has no candidacy in the table"):
        cases.validate_case("KEN", 2014, candidates)


def test_parameter_errors_are_value_errors():
    for error in (UnknownCaseCountryError, NotAnElectionYearError, NotACandidateError):
        assert issubclass(error, cases.CaseParameterError)
        assert issubclass(error, ValueError)


def test_candidacy_rows_in_body_order(candidates):
    rows = cases.candidacy_rows(candidates.iloc[[1, 0, 2]], cases.Case("TZA", 2014))

    assert rows["body"].tolist() == ["Council", "RRB"]


# Event-time window


def test_window_middle_of_data_years():
    counts = {year: year - 2000 for year in range(2000, 2023)}

    window = window_for(counts, 2014, 2000, 2022)

    assert window["year"].tolist() == list(range(2009, 2017))
    assert window["years_to_election"].tolist() == list(range(-5, 3))
    assert window["period"].tolist() == ["around", "around", "before", "before", "before", "election", "around", "around"]
    assert window["count"].tolist() == list(range(9, 17))


def test_window_election_in_first_data_year():
    counts = {year: 1 for year in range(2014, 2023)}

    window = window_for(counts, 2014, 2014, 2022)

    assert window["year"].tolist() == [2014, 2015, 2016]
    assert window["period"].tolist() == ["election", "around", "around"]


def test_window_election_in_last_data_year():
    counts = {year: 0 for year in range(2014, 2023)}

    window = window_for(counts, 2022, 2014, 2022)

    assert window["year"].tolist() == list(range(2017, 2023))
    assert window["period"].tolist() == ["around", "around", "before", "before", "before", "election"]


def test_window_election_before_data_years():
    counts = {year: 0 for year in range(2014, 2023)}

    window = window_for(counts, 2010, 2014, 2022)

    assert window["year"].tolist() == []


def test_window_partly_before_data_years():
    counts = {year: 0 for year in range(2014, 2023)}

    window = window_for(counts, 2016, 2014, 2022)

    assert window["year"].tolist() == [2014, 2015, 2016, 2017, 2018]
    assert window["period"].tolist() == ["before", "before", "election", "around", "around"]


def test_window_without_margin():
    counts = {year: 0 for year in range(2000, 2023)}

    window = window_for(counts, 2018, 2000, 2022, margin=0)

    assert window["year"].tolist() == [2015, 2016, 2017, 2018]


def test_window_ignores_counts_outside_data_years():
    counts = {year: 5 for year in range(2010, 2023)}

    window = window_for(counts, 2014, 2014, 2022)

    assert window["year"].min() == 2014


def test_window_rejects_missing_year():
    with pytest.raises(CaseDataError, match=r"no value for year\(s\) \[2012\]"):
        window_for({2011: 0, 2013: 0, 2014: 0}, 2014, 2011, 2014)


def test_window_rejects_negative_or_missing_count():
    with pytest.raises(CaseDataError, match="missing or negative"):
        window_for({2011: 0, 2012: -1, 2013: 0, 2014: 0}, 2014, 2011, 2014)
    with pytest.raises(CaseDataError, match="missing or negative"):
        window_for({2011: 0, 2012: float("nan"), 2013: 0, 2014: 0}, 2014, 2011, 2014)


def test_window_rejects_reversed_years_and_negative_margin():
    with pytest.raises(CaseDataError, match="after last_year"):
        window_for({2014: 0}, 2014, 2015, 2014)
    with pytest.raises(CaseDataError, match="zero or more"):
        window_for({2014: 0}, 2014, 2014, 2014, margin=-1)


# Comparison rule


def compare(spell: list[int], election_year: int = 2018, first_year: int = 2000, last_year: int = 2022):
    counts = {year: 0 for year in range(first_year, last_year + 1)}
    for offset, value in zip(range(-3, 1), spell):
        counts[election_year + offset] = value
    window = window_for(counts, election_year, first_year, last_year)
    return cases.compare_election_year(window, election_year)


def test_compare_fell():
    comparison = compare([2, 4, 3, 1])

    assert comparison.verdict == "fell"
    assert comparison.election_count == 1
    assert comparison.mean_before == 3
    assert comparison.spell_events == 10
    assert comparison.code == 1
    assert comparison.result_code == 1


def test_compare_rose_did_not_fall():
    comparison = compare([0, 1, 2, 5])

    assert comparison.verdict == "did not fall"
    assert comparison.code == 0
    assert comparison.result_code == 0


def test_compare_equal_to_mean_did_not_fall():
    comparison = compare([1, 2, 3, 2])

    assert comparison.verdict == "did not fall"
    assert comparison.mean_before == 2


def test_compare_too_few_events():
    comparison = compare([1, 0, 1, 0])

    assert comparison.verdict == "too few events"
    assert comparison.spell_events == 2
    assert comparison.mean_before == pytest.approx(2 / 3)
    assert comparison.code is None
    assert comparison.result_code == cases.RESULT_NA


def test_compare_three_events_suffice():
    comparison = compare([1, 1, 1, 0])

    assert comparison.verdict == "fell"


def test_compare_margin_years_do_not_count():
    counts = {year: 0 for year in range(2000, 2023)}
    counts.update({2013: 50, 2014: 50, 2019: 50, 2020: 50, 2018: 1})
    window = window_for(counts, 2018, 2000, 2022)

    comparison = cases.compare_election_year(window, 2018)

    assert comparison.spell_events == 1
    assert comparison.verdict == "too few events"


def test_compare_election_in_first_data_year_not_covered():
    comparison = compare([0, 0, 0, 9], election_year=2014, first_year=2014)

    assert comparison.verdict == "years not covered"
    assert comparison.missing_years == (2011, 2012, 2013)
    assert comparison.spell_counts == {0: 9}
    assert comparison.election_count == 9
    assert comparison.mean_before is None
    assert comparison.code is None


def test_compare_partly_covered_spell_gets_no_verdict():
    comparison = compare([0, 7, 7, 0], election_year=2002, first_year=2000)

    assert comparison.verdict == "years not covered"
    assert comparison.missing_years == (1999,)
    assert comparison.mean_before is None


def test_compare_rejects_min_events_below_one():
    window = window_for({year: 0 for year in range(2015, 2019)}, 2018, 2015, 2018)

    with pytest.raises(cases.CaseError, match="at least 1"):
        cases.compare_election_year(window, 2018, min_events=0)


# Narrative


def test_describe_fell():
    text = cases.describe_comparison(compare([2, 4, 3, 1]), "Operations from Kenya")

    assert text == "Operations from Kenya: 1 in the election year 2018, below the mean of 3 in 2015-2017, so the count fell."


def test_describe_rose_with_fractional_mean():
    text = cases.describe_comparison(compare([0, 1, 1, 5]), "Operations from Kenya")

    assert "above the mean of 0.67 in 2015-2017" in text
    assert text.endswith("so the count did not fall.")


def test_describe_equal():
    text = cases.describe_comparison(compare([1, 2, 3, 2]), "Operations")

    assert "equal to the mean of 2" in text


def test_describe_too_few():
    text = cases.describe_comparison(compare([1, 0, 1, 0]), "Operations")

    assert text.startswith("Operations: 2 in the spell years 2015-2018, fewer than the 3 the rule needs")
    assert "too few events" in text


def test_describe_not_covered():
    text = cases.describe_comparison(compare([0, 0, 0, 9], election_year=2014, first_year=2014), "Events")

    assert text.startswith("Events: the data do not cover 2011, 2012, 2013")
    assert "no verdict" in text


@pytest.mark.parametrize(
    ("code", "years_covered", "verdict"),
    [(1, 4, "fell"), (0, 4, "did not fall"), (math.nan, 4, "too few events"), (math.nan, 1, "years not covered")],
)
def test_verdict_from_results(code, years_covered, verdict):
    assert cases.verdict_from_results(code, years_covered) == verdict


def test_verdict_from_results_rejects_other_codes():
    with pytest.raises(cases.CaseError, match="Invalid verdict code"):
        cases.verdict_from_results(2, 4)


# Count series


def test_country_year_counts():
    panel = pd.DataFrame({"iso3": ["TZA", "TZA", "KEN"], "year": [2001, 2000, 2000], "n_pairs": [3, 1, 9]})

    counts = cases.country_year_counts(panel, "TZA", "n_pairs")

    assert counts.to_dict() == {2000: 1, 2001: 3}


def test_country_year_counts_errors():
    panel = pd.DataFrame({"iso3": ["TZA", "TZA"], "year": [2000, 2000], "n_pairs": [3, 1]})

    with pytest.raises(CaseDataError, match="no row for KEN"):
        cases.country_year_counts(panel, "KEN", "n_pairs")
    with pytest.raises(CaseDataError, match="more than one row"):
        cases.country_year_counts(panel, "TZA", "n_pairs")
    with pytest.raises(CaseDataError, match="no column 'n_incidents'"):
        cases.country_year_counts(panel, "TZA", "n_incidents")


def test_group_year_counts_sums_groups():
    events = pd.DataFrame(
        {
            "group": ["A", "A", "B", "B", "C", "C"],
            "iso3": ["TZA", "TZA", "TZA", "TZA", "KEN", "KEN"],
            "year": [2014, 2015, 2014, 2015, 2014, 2015],
            "events": [1, 0, 2, 5, 7, 7],
        }
    )

    counts, n_groups = cases.group_year_counts(events, "TZA")

    assert counts.to_dict() == {2014: 3, 2015: 5}
    assert n_groups == 2


def test_group_year_counts_country_without_groups():
    events = pd.DataFrame({"group": ["C", "C"], "iso3": ["KEN", "KEN"], "year": [2014, 2016], "events": [7, 7]})

    counts, n_groups = cases.group_year_counts(events, "TZA")

    assert counts.to_dict() == {2014: 0, 2015: 0, 2016: 0}
    assert n_groups == 0


def test_group_year_counts_empty_table():
    with pytest.raises(CaseDataError, match="empty"):
        cases.group_year_counts(pd.DataFrame(columns=["group", "iso3", "year", "events"]), "TZA")


# Measures


def write_measures(tmp_path, rows):
    file = tmp_path / "measures.csv"
    file.write_text("iso3,election_year,date,measure,study_citation,source\n" + "\n".join(rows) + "\n")
    return file


def test_load_measures_committed_table():
    measures = cases.load_measures()

    assert set(measures.columns) >= set(cases.MEASURE_COLUMNS)
    assert measures["election_year"].dtype.kind == "i"


def test_committed_measures_belong_to_candidacies():
    measures = cases.load_measures()
    candidates = itu.load_candidates()

    for row in measures.drop_duplicates(["iso3", "election_year"]).itertuples():
        cases.validate_case(row.iso3, row.election_year, candidates)


def test_committed_measures_have_case_runs():
    """Every candidacy with a measure has a case page, so no measure drops out of the book."""
    # load_cases reads runs.yml through lib.build.load_runs and turns country names into ISO3 codes.
    case_runs = {(case_run.case.iso3, case_run.case.election_year) for case_run in cases.load_cases()}
    measures = cases.load_measures()
    pairs = set(measures[["iso3", "election_year"]].itertuples(index=False, name=None))

    without_run = sorted(pairs - case_runs)
    assert not without_run, f"measures.csv lists candidacies without a case_study run in runs.yml: {without_run}"


def test_load_measures_reports_extra_field(tmp_path):
    file = write_measures(
        tmp_path,
        [
            "TZA,2014,2014,A measure,Someone 2014,doi:x",
            "TZA,2014,2014,A measure, with an unquoted comma,Someone 2014,doi:x",
        ],
    )

    with pytest.raises(MeasuresTableError, match=r"measures.csv: the header has 6 fields, but line 3 has 7"):
        cases.load_measures(file)


def test_load_measures_missing_file(tmp_path):
    with pytest.raises(MeasuresTableError, match="Missing curated table"):
        cases.load_measures(tmp_path / "absent.csv")


def test_load_measures_reports_bad_rows(tmp_path):
    file = write_measures(
        tmp_path,
        [
            "tza,2014,2014,A measure,Someone 2014,doi:x",
            "TZA,2015,2014-13,A measure,Someone 2014,doi:x",
            "TZA,2014,,  ,Someone 2014,doi:x",
        ],
    )

    with pytest.raises(MeasuresTableError) as error:
        cases.load_measures(file)

    message = str(error.value)
    assert "line 2: iso3 'tza'" in message
    assert "line 3: election_year '2015'" in message
    assert "line 3: date '2014-13'" in message
    assert "line 4: measure is empty" in message


def test_load_measures_missing_column(tmp_path):
    file = tmp_path / "measures.csv"
    file.write_text("iso3,election_year,measure\nTZA,2014,A measure\n")

    with pytest.raises(MeasuresTableError, match=r"missing column\(s\) \['date', 'study_citation', 'source'\]"):
        cases.load_measures(file)


def test_case_measures_dated_first(tmp_path):
    file = write_measures(
        tmp_path,
        [
            "TZA,2014,,Undated,A 2014,doi:x",
            "TZA,2014,2014-05,May,A 2014,doi:x",
            "TZA,2014,2013,Earlier,A 2014,doi:x",
            "KEN,2014,2014,Other case,A 2014,doi:x",
        ],
    )

    rows = cases.case_measures(cases.load_measures(file), cases.Case("TZA", 2014))

    assert rows["measure"].tolist() == ["Earlier", "May", "Undated"]


# Case list and overview


def write_runs(tmp_path, entries: str):
    file = tmp_path / "runs.yml"
    file.write_text("runs:\n  - notebook: data\n" + entries)
    return file


def test_load_cases_reads_case_entries(tmp_path, candidates):
    file = write_runs(
        tmp_path,
        "  - notebook: case_study\n    id: case_mus_2018\n    parameters: {country: Mauritius, election_year: 2018}\n"
        "  - notebook: case_study\n    id: case_tza_2014\n    parameters: {country: TZA, election_year: 2014}\n",
    )

    loaded = cases.load_cases(file, candidates)

    assert [(run.run_id, run.case) for run in loaded] == [
        ("case_mus_2018", cases.Case("MUS", 2018)),
        ("case_tza_2014", cases.Case("TZA", 2014)),
    ]


def test_load_cases_rejects_wrong_id(tmp_path, candidates):
    file = write_runs(tmp_path, "  - notebook: case_study\n    id: case_tanzania\n    parameters: {country: TZA, election_year: 2014}\n")

    with pytest.raises(CaseListError, match="its id must be 'case_tza_2014'"):
        cases.load_cases(file, candidates)


def test_load_cases_rejects_missing_parameter(tmp_path, candidates):
    file = write_runs(tmp_path, "  - notebook: case_study\n    id: case_tza_2014\n    parameters: {country: TZA}\n")

    with pytest.raises(CaseListError, match=r"lacks parameter\(s\) \['election_year'\]"):
        cases.load_cases(file, candidates)


def test_load_cases_rejects_non_candidacy(tmp_path, candidates):
    file = write_runs(tmp_path, "  - notebook: case_study\n    id: case_tza_2018\n    parameters: {country: TZA, election_year: 2018}\n")

    with pytest.raises(NotACandidateError):
        cases.load_cases(file, candidates)


def test_committed_case_list_is_valid():
    loaded = cases.load_cases()

    assert len(loaded) >= 1
    assert all(run.run_id.startswith("case_") for run in loaded)


def results_rows(run_id, values):
    return pd.DataFrame(
        [(run_id, name, value, "", "") for name, value in values.items()],
        columns=["run_id", "name", "value", "unit", "description"],
    )


def test_case_summary_reads_recorded_numbers():
    runs = [cases.CaseRun("case_tza_2014", cases.Case("TZA", 2014)), cases.CaseRun("case_mus_2018", cases.Case("MUS", 2018))]
    results = pd.concat(
        [
            results_rows(
                "case_tza_2014",
                {"ops_count_before_3": 2, "ops_count_before_2": 4, "ops_count_before_1": 3, "ops_count_election": 1,
                 "ops_mean_before": 3.0, "ops_spell_events": 10, "ops_years_covered": 4, "ops_first_data_year": 2000,
                 "ops_last_data_year": 2022, "ops_verdict_code": 1},
            ),
            results_rows("case_mus_2018", {"ops_count_election": 0, "ops_spell_events": 0, "ops_years_covered": 1,
                                           "ops_first_data_year": 2018, "ops_last_data_year": 2022,
                                           "ops_verdict_code": "NA"}),
        ],
        ignore_index=True,
    )
    # Results files are read back from CSV, where "NA" becomes NaN.
    results["value"] = pd.to_numeric(results["value"], errors="coerce")

    summary = cases.case_summary(runs, results, {"ops": "Operations"})

    assert summary["verdict"].tolist() == ["fell", "years not covered"]
    assert summary.loc[0, "count_before_3"] == 2
    assert math.isnan(summary.loc[1, "count_before_3"])
    assert summary["series"].tolist() == ["Operations", "Operations"]
    assert summary["first_data_year"].tolist() == [2000, 2018]


def test_case_summary_missing_run():
    runs = [cases.CaseRun("case_tza_2014", cases.Case("TZA", 2014))]
    empty = pd.DataFrame(columns=["run_id", "name", "value", "unit", "description"])

    with pytest.raises(CaseDataError, match="No results recorded for 'case_tza_2014'"):
        cases.case_summary(runs, empty, {"ops": "Operations"})


def test_case_summary_missing_number():
    runs = [cases.CaseRun("case_tza_2014", cases.Case("TZA", 2014))]
    results = results_rows("case_tza_2014", {"ops_spell_events": 3})

    with pytest.raises(CaseDataError, match="recorded no"):
        cases.case_summary(runs, results, {"ops": "Operations"})


def test_window_file_in_tables_folder():
    assert cases.window_file("case_tza_2014") == paths.CASE_WINDOWS_DIR / "case_tza_2014.csv"


@pytest.mark.parametrize(
    ("name", "text"),
    [("Philippines", "the Philippines"), ("United Arab Emirates", "the United Arab Emirates"),
     ("Czech Republic", "the Czech Republic"), ("Tanzania", "Tanzania"), ("Mauritius", "Mauritius")],
)
def test_country_in_text(name, text):
    assert cases.country_in_text(name) == text


def test_study_only_bodies():
    rows = pd.DataFrame({"body": ["Council", "RRB"], "source": [f"Joyce (2025), doi:{cases.STUDY_DOI}", "https://itu.int"]})

    assert cases.study_only_bodies(rows) == ["Council"]


def test_event_sources_from_columns():
    events = pd.DataFrame(columns=["group", "iso3", "year", "events", "events_cissm", "events_eurepoc"])

    assert cases.event_sources(events) == ["CISSM", "EuRepoC"]


def test_draw_window_marks_years_without_data():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    window = window_for({year: 1 for year in range(2014, 2023)}, 2014, 2014, 2022)
    fig, ax = plt.subplots()

    cases.draw_window(ax, window, 2014, 2014, 2022)

    no_data = [text for text in ax.texts if text.get_text() == "no data"]
    assert len(no_data) == 5  # 2009-2013 lie before the data
    assert len(ax.patches) == 3 + 5  # three bars and five shaded years
    plt.close(fig)
