"""Assemble the country-year panel: outcome counts, ITU election spells and WDI controls.

The panel contains every UN member state, plus any other state that EuRepoC names as the
country of a non-state initiator, for every year of the study window. A country-year
without a qualifying incident has a count of zero. A country-year is a candidate year when
it lies inside one of the country's election spells (:func:`lib.itu.build_spells`).
States outside the ITU membership (:data:`NON_ITU_STATES`) stay in the counts but can
never be candidates.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lib.tables import read_curated, validate_schema
from lib import itu, paths

logger = logging.getLogger(__name__)

# States that EuRepoC can name but that are not ITU Member States.
NON_ITU_STATES: tuple[str, ...] = ("HKG", "PSE", "TWN", "XKX")
INTERNET_YEARS: tuple[int, int] = (2000, 2018)

SPELL_COLUMNS: tuple[str, ...] = (
    "candidate",
    "spell_id",
    "election_year",
    "years_to_election",
    "election_year_indicator",
    "bodies",
    "ever_candidate",
)

# Column, description, unit and source of every column of the published panel, in order.
PANEL_DICTIONARY = pd.DataFrame(
    [
        ("iso3", "Country, ISO 3166-1 alpha-3 code", "code", "country_converter 1.3.2"),
        ("country", "Country short name", "text", "country_converter 1.3.2"),
        ("year", "Calendar year", "year", "-"),
        ("un_member", "UN member state (today)", "0/1", "country_converter 1.3.2, column UNmember"),
        ("itu_member", "ITU Member State, so able to stand for ITU elected bodies", "0/1",
         "0 for Hong Kong, Palestine, Taiwan and Kosovo, else 1"),
        ("n_pairs", "Initiator-country / target pairs of incidents by non-state initiators (the outcome)",
         "count", "EuRepoC Global Database 1.1 (attribution and receiver tables)"),
        ("n_incidents", "Distinct incidents by non-state initiators based in the country", "count",
         "EuRepoC Global Database 1.1 (attribution table)"),
        ("candidate", "Year inside one of the country's ITU election spells", "0/1", "data/itu/candidates.csv"),
        ("spell_id", "Country-election spell: ISO3 code and election year, such as FRA_2002; empty outside spells", "id",
         "data/itu/candidates.csv"),
        ("election_year", "ITU Plenipotentiary election year of the spell", "year", "data/itu/candidates.csv"),
        ("years_to_election", "Year minus election year of the spell (-3 to 0)", "years", "data/itu/candidates.csv"),
        ("election_year_indicator", "1 in the election year of a spell, 0 in its other years", "0/1",
         "data/itu/candidates.csv"),
        ("bodies", "ITU bodies the country stood for in the spell's election, joined with +", "text",
         "data/itu/candidates.csv"),
        ("ever_candidate", "Country stood in at least one of the elections used", "0/1", "data/itu/candidates.csv"),
        ("ict_exports_musd", "ICT service exports (BoP)", "million current US$", "WDI BX.GSR.CCIS.CD"),
        ("ln_ict_exports", "ln(1 + ICT service exports in million current US$)", "log", "WDI BX.GSR.CCIS.CD"),
        ("journal_articles", "Scientific and technical journal articles", "count", "WDI IP.JRN.ARTC.SC"),
        ("ln_journal_articles", "ln(1 + journal articles)", "log", "WDI IP.JRN.ARTC.SC"),
        ("internet_users_pct", "Individuals using the Internet", "percent of population", "WDI IT.NET.USER.ZS"),
        ("internet_mean_2000_2018", "Mean of internet_users_pct over the years 2000-2018 with a value",
         "percent of population", "WDI IT.NET.USER.ZS"),
        ("high_internet", "internet_mean_2000_2018 at or above the threshold (25 percent by default)", "0/1",
         "WDI IT.NET.USER.ZS"),
    ],
    columns=["column", "description", "unit", "source"],
)

INFERRED_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.isin(itu.ELECTION_YEARS)),
        "body": pa.Column(str, pa.Check.isin(itu.BODIES)),
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
        "basis": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=False,
    coerce=True,
    name="inferred ITU candidacies table",
)


class PanelError(ValueError):
    """Inputs that cannot form a valid country-year panel."""


@functools.lru_cache(maxsize=1)
def _country_table() -> pd.DataFrame:
    import country_converter

    data = country_converter.CountryConverter().data
    return data[["ISO3", "name_short", "UNmember"]].rename(columns={"ISO3": "iso3", "name_short": "country"})


def candidacy_table(
    elections: Sequence[int] = itu.ELECTION_YEARS,
    include_inferred: bool = False,
    candidates_file: Path = paths.ITU_CANDIDATES_CSV,
    inferred_file: Path = paths.ITU_MEMBERSHIP_INFERRED_CSV,
) -> pd.DataFrame:
    """Return one row per country and ITU election it stood in.

    Parameters
    ----------
    elections
        Election years to keep (a subset of :data:`lib.itu.ELECTION_YEARS`).
    include_inferred
        Also count the candidacies of ``data/itu/membership_inferred.csv``, which no source
        reports directly (a robustness option).
    candidates_file, inferred_file
        Tables to read instead of the committed ones (tests pass small ones).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`lib.itu.candidacies` plus ``inferred_only``, True when
        only inferred rows support the candidacy.

    Raises
    ------
    lib.itu.CandidatesTableError
        The candidates table has invalid rows.
    PanelError
        The inferred table has invalid rows.
    """
    candidates = itu.load_candidates(candidates_file)[["year", "body", "iso3"]]
    reported = itu.candidacies(candidates, elections)
    if not include_inferred:
        return reported.assign(inferred_only=False)

    inferred_raw = read_curated(inferred_file, dtype=str)
    inferred = validate_schema(inferred_raw, INFERRED_SCHEMA, str(inferred_file), PanelError)[["year", "body", "iso3"]]

    combined = itu.candidacies(pd.concat([candidates, inferred], ignore_index=True), elections)
    reported_keys = pd.MultiIndex.from_frame(reported[["iso3", "election_year"]])
    combined_keys = pd.MultiIndex.from_frame(combined[["iso3", "election_year"]])
    return combined.assign(inferred_only=~combined_keys.isin(reported_keys))


def panel_universe(initiator_iso3: Sequence[str] = ()) -> pd.DataFrame:
    """Return the panel's countries: every UN member state plus the other initiator states.

    Parameters
    ----------
    initiator_iso3
        ISO3 codes of states named as initiator countries; those that are not UN members
        join the panel.

    Returns
    -------
    pandas.DataFrame
        ``iso3``, ``country``, ``un_member`` and ``itu_member`` (0/1), sorted by ``iso3``.

    Raises
    ------
    PanelError
        An initiator code is not in country_converter's table.
    """
    table = _country_table()
    members = table[table["UNmember"].notna()]
    extra = sorted(set(initiator_iso3) - set(members["iso3"]))
    unknown = sorted(set(extra) - set(table["iso3"]))
    if unknown:
        raise PanelError(f"Unknown initiator country code(s) {unknown}: not in country_converter's table.")
    universe = pd.concat([members, table[table["iso3"].isin(extra)]])
    universe = universe.assign(
        un_member=universe["UNmember"].notna().astype(int),
        itu_member=(~universe["iso3"].isin(NON_ITU_STATES)).astype(int),
    )
    return universe[["iso3", "country", "un_member", "itu_member"]].sort_values("iso3", ignore_index=True)


def attach_spells(base: pd.DataFrame, spells: pd.DataFrame, candidacies: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the spell columns (:data:`SPELL_COLUMNS`) to a country-year table.

    Parameters
    ----------
    base
        Country-year table with ``iso3``, ``year`` and ``itu_member``; existing spell
        columns are replaced.
    spells
        Output of :func:`lib.itu.build_spells`.
    candidacies
        Output of :func:`candidacy_table`, for the ``bodies`` column and ``ever_candidate``;
        when omitted, ``bodies`` is empty and ``ever_candidate`` comes from the spells.

    Raises
    ------
    PanelError
        A spell names a country or year outside ``base``, a state outside the ITU, or two
        spells of a country share a year.
    """
    frame = base.drop(columns=[column for column in SPELL_COLUMNS if column in base.columns])
    keys = set(zip(frame["iso3"], frame["year"]))
    outside = [(iso3, year) for iso3, year in zip(spells["iso3"], spells["year"]) if (iso3, year) not in keys]
    if outside:
        raise PanelError(f"Spell country-years outside the panel: {outside[:10]}.")
    non_itu = frame.loc[frame["itu_member"] == 0, "iso3"]
    barred = sorted(set(spells["iso3"]) & set(non_itu))
    if barred:
        raise PanelError(f"Candidacies of states outside the ITU membership {barred}; they cannot stand for ITU bodies.")
    overlapping = spells[spells.duplicated(["iso3", "year"], keep=False)]
    if len(overlapping):
        raise PanelError(f"Overlapping spells share country-years: {overlapping[['spell_id', 'year']].head(10).to_dict('records')}.")

    spell_rows = spells[["iso3", "year", "spell_id", "election_year", "years_to_election", "election_year_indicator"]]
    if candidacies is not None:
        spell_rows = spell_rows.merge(candidacies[["iso3", "election_year", "bodies"]], on=["iso3", "election_year"], how="left")
        ever = set(candidacies["iso3"])
    else:
        spell_rows = spell_rows.assign(bodies=pd.NA)
        ever = set(spells["iso3"])

    frame = frame.merge(spell_rows, on=["iso3", "year"], how="left", validate="one_to_one")
    frame["candidate"] = frame["spell_id"].notna().astype(int)
    frame["ever_candidate"] = frame["iso3"].isin(ever).astype(int)
    for column in ("election_year", "years_to_election", "election_year_indicator"):
        frame[column] = frame[column].astype("Int64")
    return frame


def build_country_year_panel(
    counts: pd.DataFrame,
    spells: pd.DataFrame,
    controls: pd.DataFrame,
    candidacies: pd.DataFrame | None = None,
    first_year: int = 2000,
    last_year: int = 2022,
    internet_threshold: float = 25.0,
) -> pd.DataFrame:
    """Lay out the country-year panel.

    Parameters
    ----------
    counts
        ``iso3``, ``year``, ``n_pairs`` and ``n_incidents`` (see
        :func:`lib.eurepoc.count_nonstate_pairs`).
    spells
        Output of :func:`lib.itu.build_spells`.
    controls
        Output of :func:`lib.controls.wdi_controls`.
    candidacies
        Output of :func:`candidacy_table`, passed to :func:`attach_spells`.
    first_year, last_year
        Study window.
    internet_threshold
        A country is ``high_internet`` when its mean internet share over
        :data:`INTERNET_YEARS` (years with a value) is at least this many percent.

    Returns
    -------
    pandas.DataFrame
        One row per country of :func:`panel_universe` and year, with the columns of
        :data:`PANEL_DICTIONARY` in that order.

    Raises
    ------
    PanelError
        Counts outside the window or duplicated, or invalid spells (see :func:`attach_spells`).
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}.")
    if not 0 <= internet_threshold <= 100:
        raise ValueError(f"internet_threshold {internet_threshold} is not a percentage in [0, 100].")
    missing = {"iso3", "year", "n_pairs", "n_incidents"} - set(counts.columns)
    if missing:
        raise PanelError(f"Counts table lacks column(s) {sorted(missing)}.")
    if counts.duplicated(["iso3", "year"]).any():
        raise PanelError("Counts table has duplicate country-years.")
    outside = counts[~counts["year"].between(first_year, last_year)]
    if len(outside):
        raise PanelError(f"Counts outside {first_year}-{last_year}: {outside.head(5).to_dict('records')}.")

    universe = panel_universe(counts["iso3"].unique())
    grid = universe.merge(pd.DataFrame({"year": range(first_year, last_year + 1)}), how="cross")
    frame = grid.merge(counts[["iso3", "year", "n_pairs", "n_incidents"]], on=["iso3", "year"], how="left")
    frame[["n_pairs", "n_incidents"]] = frame[["n_pairs", "n_incidents"]].fillna(0).astype(int)

    frame = attach_spells(frame, spells, candidacies)
    control_columns = [column for column in PANEL_DICTIONARY["column"] if column in controls.columns and column not in ("iso3", "year")]
    frame = frame.merge(controls[["iso3", "year", *control_columns]], on=["iso3", "year"], how="left", validate="one_to_one")

    low, high = INTERNET_YEARS
    window = frame[frame["year"].between(low, high)]
    internet_mean = window.groupby("iso3")["internet_users_pct"].mean()
    frame["internet_mean_2000_2018"] = frame["iso3"].map(internet_mean)
    frame["high_internet"] = (frame["internet_mean_2000_2018"] >= internet_threshold).astype(int)

    logger.info("Country-year panel: %d countries, %d rows", frame["iso3"].nunique(), len(frame))
    return frame[list(PANEL_DICTIONARY["column"])].sort_values(["iso3", "year"], ignore_index=True)
