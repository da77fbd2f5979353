"""Case studies of single ITU candidacies: parameters, event-time windows and the narrative.

The case-study notebook (``notebooks/case_study.py``) runs once per candidacy listed in
``notebooks/runs.yml``. This module checks its parameters (:func:`validate_case`), cuts a
yearly count series to the years around the election (:func:`event_time_window`), applies
the fixed comparison rule (:func:`compare_election_year`) and words the result
(:func:`describe_comparison`). The overview page reads the list of cases
(:func:`load_cases`) and the numbers each case run recorded (:func:`case_summary`).

The comparison rule, fixed before any case was looked at:

1. The election year and each of the :data:`lib.itu.YEARS_BEFORE_ELECTION` years before it
   must lie inside the years the data cover; otherwise the verdict is ``"years not
   covered"``.
2. The four spell years together must hold at least :data:`MIN_SPELL_EVENTS` events;
   otherwise the verdict is ``"too few events"``.
3. The count *fell* when the election-year count is below the mean of the three years
   before; an equal or higher count *did not fall*.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from lib import countries, itu, paths
from lib.tables import CuratedTableError, read_curated

Verdict = Literal["fell", "did not fall", "too few events", "years not covered"]
VERDICTS: tuple[str, ...] = ("fell", "did not fall", "too few events", "years not covered")
Period = Literal["before", "election", "around"]

# Results files store the verdict as 1 (fell), 0 (did not fall) or NA (no verdict).
VERDICT_CODES: dict[str, int | None] = {"fell": 1, "did not fall": 0, "too few events": None, "years not covered": None}
RESULT_NA = "NA"  # written to the results CSV for a missing code; pandas reads it back as NaN

MIN_SPELL_EVENTS = 3
WINDOW_MARGIN = 2  # years shown on either side of the spell, lighter, when the data cover them
CASE_NOTEBOOK = "case_study"
MEASURE_COLUMNS = ["iso3", "election_year", "date", "measure", "study_citation", "source"]

# The two count series of a case page, by the prefix of their results names.
SERIES_LABELS: dict[str, str] = {
    "operations": "Non-state operations (EuRepoC 1.1)",
    "group_events": "Events of listed hacker groups",
}
STUDY_DOI = "10.1177/00220027251323557"
# Column suffixes of the group-year table (events_<source>) and the databases they stand for.
EVENT_SOURCE_NAMES: dict[str, str] = {"cissm": "CISSM", "eurepoc": "EuRepoC", "zone_h": "Zone-H"}

# Results names that each case run records per count series; the overview reads them back.
SPELL_COUNT_NAMES: dict[int, str] = {-3: "count_before_3", -2: "count_before_2", -1: "count_before_1", 0: "count_election"}
RECORDED_ALWAYS: tuple[str, ...] = ("spell_events", "years_covered", "first_data_year", "last_data_year", "verdict_code")


class CaseError(ValueError):
    """Base class of the errors of this module."""


class CaseParameterError(CaseError):
    """A case-study parameter that names no valid candidacy."""


class UnknownCaseCountryError(CaseParameterError):
    """A ``country`` parameter that is neither a known ISO3 code nor a convertible name."""


class NotAnElectionYearError(CaseParameterError):
    """An ``election_year`` parameter that is not an ITU Plenipotentiary election year."""


class NotACandidateError(CaseParameterError):
    """A country that did not stand for any ITU elected body in the given election."""


class CaseDataError(CaseError):
    """A count table or window that cannot give the counts of a case."""


class MeasuresTableError(CaseError):
    """A measures table with missing columns or invalid rows."""


class CaseListError(CaseError):
    """A case-study entry of ``notebooks/runs.yml`` that the overview cannot use."""


@dataclass(frozen=True)
class Case:
    """One candidacy: a country (ISO3 code) and an ITU election year."""

    iso3: str
    election_year: int

    @property
    def run_id(self) -> str:
        """Run id of the case page and name of its results file, such as ``case_tza_2014``."""
        return case_run_id(self.iso3, self.election_year)


def case_run_id(iso3: str, election_year: int) -> str:
    """Return the run id of a case, ``case_<iso3 in lower case>_<election year>``."""
    return f"case_{iso3.lower()}_{election_year}"


def window_file(run_id: str) -> Path:
    """Return the CSV file to which a case run writes its event-time window."""
    return paths.CASE_WINDOWS_DIR / f"{run_id}.csv"


def validate_case(country, election_year, candidates: pd.DataFrame) -> Case:
    """Check the case-study parameters against the candidates table.

    Parameters
    ----------
    country
        ISO 3166-1 alpha-3 code (``"TZA"``) or a country name that
        :func:`lib.countries.to_iso3` converts (``"Tanzania"``).
    election_year
        ITU Plenipotentiary election year, one of :data:`lib.itu.ELECTION_YEARS`.
    candidates
        The ITU candidates table (:func:`lib.itu.load_candidates`): ``year``, ``iso3``, ``body``.

    Returns
    -------
    Case

    Raises
    ------
    UnknownCaseCountryError
        ``country`` is empty, not text, or neither a known ISO3 code nor a convertible name.
    NotAnElectionYearError
        ``election_year`` is not an integer election year of :data:`lib.itu.ELECTION_YEARS`.
    NotACandidateError
        The country has no row in ``candidates`` for that election.
    """
    if not isinstance(country, str) or not country.strip():
        raise UnknownCaseCountryError(
            f"Invalid country parameter {country!r}: give an ISO3 code such as 'TZA' or a country name such as 'Tanzania'."
        )
    try:
        iso3 = countries.to_iso3([country.strip()], source="the case-study parameter 'country'").iloc[0]
    except countries.UnknownCountryError as error:
        raise UnknownCaseCountryError(
            f"Unknown country {country!r}: it is neither an ISO3 code nor a country name that country_converter "
            "recognises. Give an ISO3 code such as 'TZA' or a name such as 'Tanzania'."
        ) from error

    if isinstance(election_year, bool) or not isinstance(election_year, int) or election_year not in itu.ELECTION_YEARS:
        raise NotAnElectionYearError(
            f"Invalid election_year {election_year!r}: ITU Plenipotentiary elections used here were held in "
            f"{', '.join(map(str, itu.ELECTION_YEARS))}; give one of these years as an integer."
        )

    stood = candidates.loc[candidates["iso3"] == iso3, "year"]
    if not (stood == election_year).any():
        years = sorted(set(stood.astype(int)))
        elsewhere = f"it stood in {', '.join(map(str, years))}" if years else "it has no candidacy in the table"
        named = iso3 if country.strip().upper() == iso3 else f"{country.strip()} ({iso3})"
        raise NotACandidateError(
            f"{named} did not stand for an ITU elected body in {election_year} according to "
            f"{paths.ITU_CANDIDATES_CSV.relative_to(paths.PROJECT_ROOT)}; {elsewhere}. Choose a candidacy from "
            "that table, or add the candidacy there with its source."
        )
    return Case(iso3=iso3, election_year=int(election_year))


def candidacy_rows(candidates: pd.DataFrame, case: Case) -> pd.DataFrame:
    """Return the candidates-table rows of a case, one per body, in :data:`lib.itu.BODIES` order."""
    rows = candidates[(candidates["iso3"] == case.iso3) & (candidates["year"] == case.election_year)]
    order = {body: position for position, body in enumerate(itu.BODIES)}
    return rows.sort_values("body", key=lambda bodies: bodies.map(order)).reset_index(drop=True)


def load_measures(file: Path = paths.CASE_MEASURES_CSV) -> pd.DataFrame:
    """Read and check the table of measures that the study reports for each case.

    Raises
    ------
    MeasuresTableError
        The file is missing, a record has more or fewer fields than the header, a column is
        missing, or a row has an invalid ISO3 code, election year or date, or an empty
        measure, citation or source.
    """
    try:
        table = read_curated(file, columns=MEASURE_COLUMNS, dtype=str, keep_default_na=False)
    except CuratedTableError as error:
        raise MeasuresTableError(str(error)) from error

    problems = []
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        if not re.fullmatch(r"[A-Z]{3}", row.iso3):
            problems.append(f"line {row_number}: iso3 {row.iso3!r} is not three capital letters")
        if row.election_year not in {str(year) for year in itu.ELECTION_YEARS}:
            problems.append(f"line {row_number}: election_year {row.election_year!r} is not one of {itu.ELECTION_YEARS}")
        if row.date and not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", row.date):
            problems.append(f"line {row_number}: date {row.date!r} is neither YYYY nor YYYY-MM")
        for column in ("measure", "study_citation", "source"):
            if not getattr(row, column).strip():
                problems.append(f"line {row_number}: {column} is empty")
    if problems:
        raise MeasuresTableError(f"Invalid rows in {file}: " + "; ".join(problems) + ".")
    return table.assign(election_year=table["election_year"].astype(int))


def case_measures(measures: pd.DataFrame, case: Case) -> pd.DataFrame:
    """Return the measures of one case, dated ones first in date order."""
    rows = measures[(measures["iso3"] == case.iso3) & (measures["election_year"] == case.election_year)]
    return rows.sort_values("date", key=lambda dates: dates.replace("", "9999"), kind="stable").reset_index(drop=True)


# Country names that take "the" in running text ("from the Philippines").
NAMES_WITH_ARTICLE: frozenset[str] = frozenset(
    {"Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines", "Seychelles"}
)
ARTICLE_WORDS: tuple[str, ...] = ("Republic", "Kingdom", "States", "Islands", "Emirates", "Federation")


def country_in_text(name: str) -> str:
    """Return a country name as it reads inside a sentence, with "the" where English needs it."""
    if name in NAMES_WITH_ARTICLE or any(word in name.split() for word in ARTICLE_WORDS):
        return f"the {name}"
    return name


def study_only_bodies(rows: pd.DataFrame) -> list[str]:
    """Return the bodies of a candidacy whose only source in the candidates table is the study itself."""
    return rows.loc[rows["source"].str.contains(STUDY_DOI, regex=False), "body"].tolist()


def event_sources(events: pd.DataFrame) -> list[str]:
    """Name the databases behind a group-year table from its ``events_<source>`` columns."""
    suffixes = [column.removeprefix("events_") for column in events.columns if column.startswith("events_")]
    return [EVENT_SOURCE_NAMES.get(suffix, suffix) for suffix in suffixes]


def country_year_counts(panel: pd.DataFrame, iso3: str, column: str) -> pd.Series:
    """Return one country's yearly values of ``column`` from the country-year panel, indexed by year.

    Raises
    ------
    CaseDataError
        The panel lacks the column, has no row for the country, or has a year twice.
    """
    for needed in ("iso3", "year", column):
        if needed not in panel.columns:
            raise CaseDataError(f"The country-year panel has no column {needed!r}; found {list(panel.columns)}.")
    rows = panel[panel["iso3"] == iso3]
    if rows.empty:
        raise CaseDataError(
            f"The country-year panel has no row for {iso3}; the panel covers UN member states and EuRepoC initiator "
            "countries, so a country outside both has no counts."
        )
    if rows["year"].duplicated().any():
        raise CaseDataError(f"The country-year panel has more than one row for {iso3} in some year.")
    return rows.set_index("year")[column].astype(int).rename(column).sort_index()


def group_year_counts(events: pd.DataFrame, iso3: str) -> tuple[pd.Series, int]:
    """Sum the yearly events of the listed hacker groups of one country.

    Parameters
    ----------
    events
        Counts per group and year, zeros included (``lib.defacements.count_group_years``):
        ``group``, ``iso3``, ``year`` and ``events``.
    iso3
        The country.

    Returns
    -------
    tuple
        The yearly sum over the country's groups for every year of ``events`` (zero in every
        year when no listed group has that country), and the number of such groups.

    Raises
    ------
    CaseDataError
        The table lacks a column or has no rows, so its years are unknown.
    """
    for needed in ("group", "iso3", "year", "events"):
        if needed not in events.columns:
            raise CaseDataError(f"The group-year table has no column {needed!r}; found {list(events.columns)}.")
    if events.empty:
        raise CaseDataError("The group-year table is empty, so the years it covers are unknown.")
    years = pd.RangeIndex(int(events["year"].min()), int(events["year"].max()) + 1, name="year")
    rows = events[events["iso3"] == iso3]
    counts = rows.groupby("year")["events"].sum().reindex(years, fill_value=0).astype(int).rename("events")
    return counts, int(rows["group"].nunique())


def event_time_window(
    counts: pd.Series,
    election_year: int,
    first_year: int,
    last_year: int,
    margin: int = WINDOW_MARGIN,
    years_before: int = itu.YEARS_BEFORE_ELECTION,
) -> pd.DataFrame:
    """Cut a yearly count series to the years around one election.

    The window runs from ``years_before + margin`` years before the election to ``margin``
    years after it, cut to ``first_year``..``last_year``, the years the data cover. So an
    election in the first data year keeps only the election year and the years after it.

    Parameters
    ----------
    counts
        Counts indexed by calendar year; every window year inside the data years must be present.
    election_year
        The ITU election year.
    first_year, last_year
        First and last year that the data cover.
    margin
        Years shown on either side of the spell.
    years_before
        Spell years before the election year.

    Returns
    -------
    pandas.DataFrame
        One row per year: ``year``, ``years_to_election`` (year minus election year),
        ``period`` (``"before"``, ``"election"`` or ``"around"`` for the margin years) and
        ``count``. Empty when no window year lies inside the data years.

    Raises
    ------
    CaseDataError
        The data years are reversed, ``margin`` or ``years_before`` is negative, or a window
        year inside the data years is missing from ``counts`` or has a missing or negative count.
    """
    if first_year > last_year:
        raise CaseDataError(f"first_year {first_year} is after last_year {last_year}.")
    if margin < 0 or years_before < 0:
        raise CaseDataError(f"margin ({margin}) and years_before ({years_before}) must be zero or more.")

    start = max(first_year, election_year - years_before - margin)
    end = min(last_year, election_year + margin)
    years = list(range(start, end + 1))
    missing = [year for year in years if year not in counts.index]
    if missing:
        raise CaseDataError(f"The count series has no value for year(s) {missing}, which lie inside the data years.")
    values = counts.reindex(years)
    if values.isna().any() or (values < 0).any():
        raise CaseDataError(f"The count series has missing or negative counts in {years}: {values.tolist()}.")

    window = pd.DataFrame({"year": years, "count": values.astype(int).to_numpy()})
    window["years_to_election"] = window["year"] - election_year
    window["period"] = "around"
    window.loc[window["years_to_election"].between(-years_before, -1), "period"] = "before"
    window.loc[window["years_to_election"] == 0, "period"] = "election"
    return window[["year", "years_to_election", "period", "count"]]


@dataclass(frozen=True)
class Comparison:
    """Outcome of the comparison rule for one count series of one case.

    Attributes
    ----------
    verdict
        One of :data:`VERDICTS`.
    election_year
        The ITU election year.
    years_before
        Spell years before the election year.
    spell_counts
        Counts of the spell years that the data cover, keyed by years to the election (-3..0).
    missing_years
        Spell years outside the data years.
    spell_events
        Sum of ``spell_counts``.
    election_count
        Count in the election year, or None when the data do not cover it.
    mean_before
        Mean count of the years before the election, or None unless the data cover all of them.
    """

    verdict: Verdict
    election_year: int
    years_before: int
    spell_counts: Mapping[int, int]
    missing_years: tuple[int, ...]
    spell_events: int
    election_count: int | None
    mean_before: float | None

    @property
    def code(self) -> int | None:
        """1 when the count fell, 0 when it did not, None when there is no verdict."""
        return VERDICT_CODES[self.verdict]

    @property
    def result_code(self) -> int | str:
        """:attr:`code` as recorded in a results file, with :data:`RESULT_NA` for None."""
        return RESULT_NA if self.code is None else self.code


def compare_election_year(
    window: pd.DataFrame,
    election_year: int,
    min_events: int = MIN_SPELL_EVENTS,
    years_before: int = itu.YEARS_BEFORE_ELECTION,
) -> Comparison:
    """Apply the comparison rule of this module to one event-time window.

    Parameters
    ----------
    window
        Output of :func:`event_time_window` for ``election_year``.
    election_year
        The ITU election year.
    min_events
        Minimum number of events over the spell years for a verdict on the fall.
    years_before
        Spell years before the election year.

    Returns
    -------
    Comparison
    """
    if min_events < 1:
        raise CaseError(f"min_events must be at least 1, not {min_events}.")
    counts = window.set_index("year")["count"]
    spell_years = range(election_year - years_before, election_year + 1)
    spell_counts = {year - election_year: int(counts[year]) for year in spell_years if year in counts.index}
    missing_years = tuple(year for year in spell_years if year not in counts.index)
    spell_events = sum(spell_counts.values())
    election_count = spell_counts.get(0)
    before = [spell_counts[offset] for offset in range(-years_before, 0) if offset in spell_counts]
    mean_before = sum(before) / years_before if len(before) == years_before and years_before > 0 else None

    if missing_years:
        verdict = "years not covered"
    elif spell_events < min_events:
        verdict = "too few events"
    elif election_count < mean_before:
        verdict = "fell"
    else:
        verdict = "did not fall"
    return Comparison(verdict, election_year, years_before, spell_counts, missing_years, spell_events, election_count, mean_before)


def format_count(value: float) -> str:
    """Format a count or a mean of counts: whole numbers without decimals, others with two."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _year_span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def describe_comparison(comparison: Comparison, label: str, min_events: int = MIN_SPELL_EVENTS) -> str:
    """Word the verdict of a comparison in one or two sentences.

    Parameters
    ----------
    comparison
        Output of :func:`compare_election_year`.
    label
        Plural noun phrase for what is counted, starting with a capital letter, such as
        ``"Non-state operations from Tanzania"``.
    min_events
        The threshold that :func:`compare_election_year` used.
    """
    year = comparison.election_year
    first_before = year - comparison.years_before
    if comparison.verdict == "years not covered":
        missing = ", ".join(map(str, comparison.missing_years))
        return (
            f"{label}: the data do not cover {missing}, so the election year cannot be compared with the "
            f"years before it and there is no verdict."
        )
    spell = _year_span(first_before, year)
    if comparison.verdict == "too few events":
        return (
            f"{label}: {format_count(comparison.spell_events)} in the spell years {spell}, fewer than the "
            f"{min_events} the rule needs, so there are too few events to say whether the count fell."
        )
    before = _year_span(first_before, year - 1)
    election = format_count(comparison.election_count)
    mean = format_count(comparison.mean_before)
    if comparison.verdict == "fell":
        return f"{label}: {election} in the election year {year}, below the mean of {mean} in {before}, so the count fell."
    relation = "above" if comparison.election_count > comparison.mean_before else "equal to"
    return f"{label}: {election} in the election year {year}, {relation} the mean of {mean} in {before}, so the count did not fall."


def verdict_from_results(code: float, years_covered: float) -> Verdict:
    """Recover the verdict from the code and the covered spell years that a case run recorded."""
    if pd.isna(code):
        return "years not covered" if years_covered < itu.YEARS_BEFORE_ELECTION + 1 else "too few events"
    if code == 1:
        return "fell"
    if code == 0:
        return "did not fall"
    raise CaseError(f"Invalid verdict code {code!r}; a case run records 1, 0 or NA.")


@dataclass(frozen=True)
class CaseRun:
    """A case-study entry of ``notebooks/runs.yml``."""

    run_id: str
    case: Case


def load_cases(runs_file: Path | None = None, candidates: pd.DataFrame | None = None) -> list[CaseRun]:
    """Read the case-study runs from ``notebooks/runs.yml``, in the order listed.

    Parameters
    ----------
    runs_file
        Runs file to read instead of ``notebooks/runs.yml`` (tests pass small ones).
    candidates
        Candidates table to validate against (default: :func:`lib.itu.load_candidates`).

    Raises
    ------
    CaseListError
        An entry lacks a parameter, or its id is not :func:`case_run_id` of its parameters
        (the overview finds a case's results under that id).
    CaseParameterError
        An entry's parameters name no valid candidacy.
    """
    from lib.build import load_runs

    candidates = itu.load_candidates() if candidates is None else candidates
    cases = []
    for run in load_runs(runs_file):
        if run.notebook != CASE_NOTEBOOK:
            continue
        missing = [name for name in ("country", "election_year") if name not in run.parameters]
        if missing:
            raise CaseListError(f"Run {run.id!r} of notebook {CASE_NOTEBOOK!r} lacks parameter(s) {missing}.")
        case = validate_case(run.parameters["country"], run.parameters["election_year"], candidates)
        if run.id != case.run_id:
            raise CaseListError(
                f"Run {run.id!r} has parameters country={run.parameters['country']!r}, "
                f"election_year={run.parameters['election_year']!r}; its id must be {case.run_id!r}, the name "
                "under which the case page records its results."
            )
        cases.append(CaseRun(run_id=run.id, case=case))
    return cases


def case_summary(cases: list[CaseRun], results: pd.DataFrame, series: Mapping[str, str]) -> pd.DataFrame:
    """Collect the numbers that each case run recorded into one row per case and count series.

    Parameters
    ----------
    cases
        Output of :func:`load_cases`.
    results
        All recorded results (:func:`lib.results.read_all`).
    series
        Count series keys (the prefix of the results names) mapped to their labels.

    Returns
    -------
    pandas.DataFrame
        ``run_id``, ``iso3``, ``election_year``, ``series`` (label), the counts of
        :data:`SPELL_COUNT_NAMES` (NaN for years the data do not cover), ``mean_before``,
        ``spell_events``, ``years_covered``, ``first_data_year``, ``last_data_year``,
        ``verdict_code`` and ``verdict``.

    Raises
    ------
    CaseDataError
        A case run recorded no results, or lacks a number that every case run records.
    """
    rows = []
    for case_run in cases:
        recorded = results[results["run_id"] == case_run.run_id]
        if recorded.empty:
            raise CaseDataError(
                f"No results recorded for {case_run.run_id!r}; execute that run before the overview."
            )
        values = pd.to_numeric(recorded.set_index("name")["value"], errors="coerce")
        for key, label in series.items():
            always = [f"{key}_{name}" for name in RECORDED_ALWAYS]
            absent = [name for name in always if name not in values.index]
            if absent:
                raise CaseDataError(f"Run {case_run.run_id!r} recorded no {absent}; execute it again.")
            row = {
                "run_id": case_run.run_id,
                "iso3": case_run.case.iso3,
                "election_year": case_run.case.election_year,
                "series": label,
            }
            for name in [*SPELL_COUNT_NAMES.values(), "mean_before"]:
                row[name] = values.get(f"{key}_{name}", float("nan"))
            for name in RECORDED_ALWAYS:
                row[name] = values[f"{key}_{name}"]
            row["verdict"] = verdict_from_results(row["verdict_code"], row["years_covered"])
            rows.append(row)
    return pd.DataFrame(rows)


WINDOW_COLOURS: dict[str, str] = {"before": "#4c72b0", "election": "#c44e52", "around": "#4c72b0"}
AROUND_ALPHA = 0.35


def draw_window(
    ax,
    window: pd.DataFrame,
    election_year: int,
    first_year: int,
    last_year: int,
    mean_before: float | None = None,
    margin: int = WINDOW_MARGIN,
    years_before: int = itu.YEARS_BEFORE_ELECTION,
) -> None:
    """Draw an event-time window as bars on a matplotlib axis.

    Spell years are solid (the election year in red), the years around the spell lighter,
    and years outside ``first_year``..``last_year`` are shaded grey and marked "no data".
    A dashed line over the years before the election shows ``mean_before`` unless it is
    None or NaN.
    """
    from matplotlib.ticker import MaxNLocator

    nominal = range(election_year - years_before - margin, election_year + margin + 1)
    for row in window.itertuples(index=False):
        alpha = AROUND_ALPHA if row.period == "around" else 1.0
        ax.bar(row.year, row.count, width=0.8, color=WINDOW_COLOURS[row.period], alpha=alpha)
        if row.count == 0:  # a short bar foot, so that a covered year with no event stays visible
            ax.plot([row.year - 0.4, row.year + 0.4], [0, 0], color=WINDOW_COLOURS[row.period], alpha=alpha,
                    linewidth=4, solid_capstyle="butt", clip_on=False)
    uncovered = [year for year in nominal if not first_year <= year <= last_year]
    for year in uncovered:
        ax.axvspan(year - 0.5, year + 0.5, color="0.9", zorder=0)
    top = max(1, int(window["count"].max()) if len(window) else 0)
    ax.set_ylim(0, top * 1.15)
    for year in uncovered:
        ax.text(year, top * 0.55, "no data", rotation=90, ha="center", va="center", fontsize=8, color="0.45")
    if mean_before is not None and not pd.isna(mean_before):
        ax.hlines(
            mean_before, election_year - years_before - 0.4, election_year - 0.6,
            colors="black", linestyles="dashed", linewidth=1,
        )
    ax.set_xlim(nominal.start - 0.6, nominal.stop - 0.4)
    ax.set_xticks(list(nominal))
    ax.set_xticklabels([str(year) for year in nominal], rotation=90)
    for label, year in zip(ax.get_xticklabels(), nominal):
        if year == election_year:
            label.set_color(WINDOW_COLOURS["election"])
            label.set_fontweight("bold")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)
