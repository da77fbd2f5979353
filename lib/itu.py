"""Read ITU candidacies and lay out country-election spells.

A country is a candidate in an election year when it stood for any elected body of the ITU
that year (Council, Radio Regulations Board, Secretary-General, Deputy Secretary-General or
a Bureau director), whether or not it won. Its spell for that election is the election year
and the three years before it, cut to the years the outcome data cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lib import countries, paths
from lib.tables import read_curated, validate_schema

BODIES: tuple[str, ...] = ("Council", "RRB", "SG", "DSG", "BR", "TSB", "BDT")
ELECTION_YEARS: tuple[int, ...] = (2002, 2006, 2010, 2014, 2018, 2022)
YEARS_BEFORE_ELECTION = 3

CANDIDATES_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.isin(ELECTION_YEARS)),
        "body": pa.Column(str, pa.Check.isin(BODIES)),
        "country": pa.Column(str),
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "region": pa.Column(str, pa.Check.isin(list("ABCDE")), nullable=True),
        "elected": pa.Column(float, pa.Check.isin([0.0, 1.0]), nullable=True),
        "votes": pa.Column(float, pa.Check.ge(0), nullable=True),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=False,
    coerce=True,
    name="ITU candidates table",
)


class CandidatesTableError(ValueError):
    """A candidates table with invalid rows."""


def load_candidates(file: Path = paths.ITU_CANDIDATES_CSV) -> pd.DataFrame:
    """Read and validate the ITU candidates table (one row per country, body and year).

    Raises
    ------
    CandidatesTableError
        A row has an unknown body or year, a malformed ISO3 code, a negative vote count,
        an ``elected`` value other than 0 or 1, or no source.
    """
    table = read_curated(file, columns=list(CANDIDATES_SCHEMA.columns), dtype={"region": str, "iso3": str})
    table = validate_schema(table, CANDIDATES_SCHEMA, str(file), CandidatesTableError)
    _check_codes_match_names(table, file)
    return table


def _check_codes_match_names(table: pd.DataFrame, file: Path) -> None:
    """Raise unless every ISO3 code is assigned and agrees with the country name beside it."""
    try:
        from_names = countries.to_iso3(table["country"], source=str(file))
    except countries.UnknownCountryError as error:
        raise CandidatesTableError(f"Invalid country name(s) in {file}: {error.names}.") from error
    known = countries.known_iso3_codes()
    mismatched = [
        f"line {position + 2}: {country!r} is {expected}, not {code}"
        for position, (country, code, expected) in enumerate(zip(table["country"], table["iso3"], from_names))
        if code != expected or code not in known
    ]
    if mismatched:
        raise CandidatesTableError(
            f"Invalid rows in {file}: the iso3 code does not match the country name ({'; '.join(mismatched[:10])}). "
            "Correct the code or the name."
        )


def candidacies(candidates: pd.DataFrame, elections: Sequence[int] = ELECTION_YEARS) -> pd.DataFrame:
    """Collapse candidate rows to one row per country and election year.

    Returns columns ``iso3``, ``election_year`` and ``bodies`` (the bodies it stood for,
    joined with ``+`` in :data:`BODIES` order), sorted by country and year.
    """
    unknown = sorted(set(elections) - set(ELECTION_YEARS))
    if unknown:
        raise ValueError(f"Invalid election year(s) {unknown}; ITU Plenipotentiary elections here are {ELECTION_YEARS}.")
    chosen = candidates[candidates["year"].isin(elections)]
    order = {body: position for position, body in enumerate(BODIES)}
    grouped = chosen.groupby(["iso3", "year"])["body"].agg(
        lambda bodies: "+".join(sorted(set(bodies), key=order.__getitem__))
    )
    return (
        grouped.rename("bodies")
        .reset_index()
        .rename(columns={"year": "election_year"})
        .sort_values(["iso3", "election_year"], ignore_index=True)
    )


def build_spells(candidacy_table: pd.DataFrame, first_year: int = 2000, last_year: int = 2022) -> pd.DataFrame:
    """Lay out one row per country, election spell and year.

    Each spell covers the election year and the :data:`YEARS_BEFORE_ELECTION` years before
    it, cut to ``first_year``..``last_year``. A spell whose election year lies outside that
    range is left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``election_year``, ``spell_id`` (``"<iso3>_<election year>"``),
        ``year``, ``years_to_election`` (0 in the election year, -3 three years before) and
        ``election_year_indicator`` (1 in the election year, else 0).
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}.")
    rows = []
    for iso3, election_year in candidacy_table[["iso3", "election_year"]].itertuples(index=False):
        if not first_year <= election_year <= last_year:
            continue
        for year in range(max(first_year, election_year - YEARS_BEFORE_ELECTION), election_year + 1):
            rows.append((iso3, election_year, f"{iso3}_{election_year}", year, year - election_year, int(year == election_year)))
    columns = ["iso3", "election_year", "spell_id", "year", "years_to_election", "election_year_indicator"]
    return pd.DataFrame(rows, columns=columns).sort_values(["iso3", "year"], ignore_index=True)
