"""Control variables of the GCI plausibility probe, one row per candidate country and election.

The study takes its controls from Dreher et al.'s models of UN Security Council elections.
Three are measured in the year before the election: GDP per capita and population (both
logged, World Development Indicators) and UN General Assembly voting agreement with the
United States and with Russia (Bailey, Strezhnev and Voeten). Membership of the EU, the
G77, NATO and the OIC is taken in the election year (``data/memberships/memberships.csv``).

Membership rule: a country counts as a member in year ``Y`` when it was a member at any time
during ``Y``, that is it joined in or before ``Y`` and had not left before ``Y`` began. Join
and leave dates are used to the year only.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from lib import paths, registry
from lib.tables import CuratedTableError, read_curated

logger = logging.getLogger(__name__)

ORGANISATIONS: tuple[str, ...] = ("EU", "G77", "NATO", "OIC")

#: Organisations whose rows in the membership table carry no join year. The transcribed G77
#: list is the membership of about 2024; a blank join year is read as "member in every year".
UNDATED_ORGANISATIONS: tuple[str, ...] = ("G77",)

#: UN General Assembly sessions open in September, so session ``s`` covers most of year ``s + 1945``.
UNGA_SESSION_OFFSET = 1945

#: Columns that ``data/memberships/memberships.csv`` must have; ``note`` is optional.
MEMBERSHIP_COLUMNS: tuple[str, ...] = ("country", "iso3", "organisation", "joined", "left", "source")

COVARIATE_COLUMNS: tuple[str, ...] = (
    "log_gdp_per_capita", "log_population", "us_agreement", "russia_agreement", "eu", "g77", "nato", "oic",
)


class CovariateError(ValueError):
    """Base class of the errors raised while building the probe's controls."""


class MembershipTableError(CovariateError):
    """A membership table with missing columns or invalid rows."""


class UndatedMembershipError(MembershipTableError):
    """A membership row without a join year for an organisation that needs one."""


def _year_of(value: object, column: str, row: int, file: Path) -> float:
    """Return the year of ``"1958-01-01"``, ``"1949"`` or a blank (missing) value of line ``row`` of ``file``."""
    if pd.isna(value) or str(value).strip() == "":
        return np.nan
    text = str(value).strip()
    year_text = text[:4]
    if not year_text.isdigit() or (len(text) > 4 and pd.isna(pd.to_datetime(text, errors="coerce", format="%Y-%m-%d"))):
        raise MembershipTableError(
            f"Invalid {column} {text!r} on line {row} of membership table {file}; write a year (1949) or a date (1958-01-01)."
        )
    return float(year_text)


def read_memberships(
    file: Path = paths.MEMBERSHIPS_CSV,
    undated: Collection[str] = UNDATED_ORGANISATIONS,
) -> pd.DataFrame:
    """Read the membership table and parse its join and leave years.

    Parameters
    ----------
    file
        CSV with columns ``country``, ``iso3``, ``organisation``, ``joined``, ``left`` and
        ``source``; ``joined`` and ``left`` are years or ISO dates, ``left`` blank while
        still a member.
    undated
        Organisations whose rows may lack a join year; such rows count as members in every year.

    Returns
    -------
    pandas.DataFrame
        The table with ``joined_year`` and ``left_year`` (floats, missing when blank) added.

    Raises
    ------
    FileNotFoundError
        ``file`` does not exist.
    MembershipTableError
        A record with more or fewer fields than the header, missing columns, an unknown organisation, a malformed ISO3 code or date, a row
        without a source, or a leave year before the join year.
    UndatedMembershipError
        A row without a join year for an organisation not in ``undated``.
    """
    file = Path(file)
    if not file.is_file():
        raise FileNotFoundError(f"Membership table not found at {file}.")
    try:
        table = read_curated(file, columns=MEMBERSHIP_COLUMNS, dtype=str, keep_default_na=False)
    except CuratedTableError as error:
        raise MembershipTableError(str(error)) from error

    unknown = sorted(set(table["organisation"]) - set(ORGANISATIONS))
    if unknown:
        raise MembershipTableError(f"Invalid membership table {file}: unknown organisation(s) {unknown}; use {ORGANISATIONS}.")
    bad_codes = table.loc[~table["iso3"].str.fullmatch(r"[A-Z]{3}"), "country"].tolist()
    if bad_codes:
        raise MembershipTableError(f"Invalid membership table {file}: malformed ISO3 code for {bad_codes}.")
    unsourced = table.loc[table["source"].str.strip() == "", "country"].tolist()
    if unsourced:
        raise MembershipTableError(f"Invalid membership table {file}: rows without a source for {unsourced}.")

    table["joined_year"] = [_year_of(value, "joined", row, file) for row, value in enumerate(table["joined"], start=2)]
    table["left_year"] = [_year_of(value, "left", row, file) for row, value in enumerate(table["left"], start=2)]

    undated_rows = table[table["joined_year"].isna() & ~table["organisation"].isin(list(undated))]
    if len(undated_rows):
        raise UndatedMembershipError(
            f"Membership rows without a join year in {file}: "
            f"{undated_rows[['country', 'organisation']].to_dict('records')}. Add the year, or list the "
            f"organisation as undated if only current membership is known."
        )
    reversed_rows = table[table["left_year"] < table["joined_year"]]
    if len(reversed_rows):
        raise MembershipTableError(
            f"Invalid membership table {file}: leave year before join year for "
            f"{reversed_rows[['country', 'organisation', 'joined', 'left']].to_dict('records')}."
        )
    if table["joined_year"].isna().any():
        logger.warning(
            "Membership rows without a join year for %s count as members in every year",
            sorted(table.loc[table["joined_year"].isna(), "organisation"].unique()),
        )
    return table


def membership_in_year(memberships: pd.DataFrame, pairs: pd.DataFrame, year_column: str = "year") -> pd.DataFrame:
    """Return 0/1 membership of each organisation for each country and year in ``pairs``.

    A country is a member in year ``Y`` when some row of ``memberships`` has ``joined_year``
    at most ``Y`` (or no join year) and ``left_year`` missing or at least ``Y``.

    Parameters
    ----------
    memberships
        Output of :func:`read_memberships`.
    pairs
        Rows with columns ``iso3`` and ``year_column``.
    year_column
        Column of ``pairs`` holding the year.

    Returns
    -------
    pandas.DataFrame
        ``pairs`` with one integer column per organisation of :data:`ORGANISATIONS`, named in
        lower case (``eu``, ``g77``, ``nato``, ``oic``).
    """
    missing = [column for column in ("iso3", year_column) if column not in pairs.columns]
    if missing:
        raise KeyError(f"Country-year table lacks column(s) {missing}.")
    needed = ["iso3", "organisation", "joined_year", "left_year"]
    absent = [column for column in needed if column not in memberships.columns]
    if absent:
        raise KeyError(f"Membership table lacks column(s) {absent}; read it with read_memberships().")

    out = pairs.copy()
    keyed = out[["iso3", year_column]].reset_index(drop=True).rename_axis("row").reset_index()
    for organisation in ORGANISATIONS:
        spells = memberships.loc[memberships["organisation"] == organisation, needed]
        merged = keyed.merge(spells, on="iso3", how="inner")
        year = merged[year_column].astype(int)
        joined = merged["joined_year"].isna() | (merged["joined_year"] <= year)
        not_left = merged["left_year"].isna() | (merged["left_year"] >= year)
        member_rows = set(merged.loc[joined & not_left, "row"])
        out[organisation.lower()] = [int(row in member_rows) for row in keyed["row"]]
    return out


def wdi_value(frame: pd.DataFrame, year: int, layout: str) -> pd.Series:
    """Return one year of a World Bank indicator as a Series indexed by ISO3 code.

    Parameters
    ----------
    frame
        A WDI download: ``layout="wide"`` has ``Country Code`` and one column per year
        (``"2017"``); ``layout="long"`` has ``Country Code``, ``Year`` and ``Value``.
    year
        Calendar year to take.
    layout
        ``"wide"`` or ``"long"``.

    Raises
    ------
    KeyError
        The year is not in the file.
    ValueError
        Unknown layout, or a country listed twice for the year.
    """
    if layout == "wide":
        if str(year) not in frame.columns:
            raise KeyError(f"Year {year} not found in the WDI file; its last year column is {frame.columns[-1]!r}.")
        values = frame.set_index("Country Code")[str(year)]
    elif layout == "long":
        chosen = frame[frame["Year"] == year]
        if chosen.empty:
            raise KeyError(f"Year {year} not found in the WDI file (years {frame['Year'].min()}-{frame['Year'].max()}).")
        values = chosen.set_index("Country Code")["Value"]
    else:
        raise ValueError(f"Invalid layout {layout!r}; use 'wide' or 'long'.")
    if values.index.duplicated().any():
        raise ValueError(f"Countries listed twice for {year}: {sorted(values.index[values.index.duplicated()])}.")
    return pd.to_numeric(values, errors="raise").rename(None)


def unga_agreement(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return agreement with the United States and Russia in the UNGA session of ``year``.

    The session is ``year - 1945`` (session 72 opened in September 2017).

    Returns
    -------
    pandas.DataFrame
        Indexed by ISO3 code, columns ``us_agreement`` and ``russia_agreement`` (shares of
        votes in agreement, 0 to 1).
    """
    session = year - UNGA_SESSION_OFFSET
    chosen = frame[frame["session"] == session]
    if chosen.empty:
        raise KeyError(f"UNGA session {session} (year {year}) not found; sessions run {frame['session'].min()}-{frame['session'].max()}.")
    chosen = chosen.dropna(subset=["iso3c"])
    if chosen["iso3c"].duplicated().any():
        raise ValueError(f"Countries listed twice in UNGA session {session}: {sorted(chosen.loc[chosen['iso3c'].duplicated(), 'iso3c'])}.")
    return chosen.set_index("iso3c")[["USAgree", "RUSSAgree"]].rename(
        columns={"USAgree": "us_agreement", "RUSSAgree": "russia_agreement"}
    ).rename_axis("iso3")


def _positive_log(values: pd.Series, label: str) -> pd.Series:
    bad = values[values <= 0]
    if len(bad):
        raise CovariateError(f"Cannot take the log of non-positive {label} for {bad.to_dict()}.")
    return np.log(values)


def election_covariates(
    candidates: pd.DataFrame,
    memberships: pd.DataFrame,
    gdp_per_capita: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
    unga: pd.DataFrame | None = None,
    lag: int = 1,
) -> pd.DataFrame:
    """Attach the probe's controls to candidates identified by ``iso3`` and election ``year``.

    Parameters
    ----------
    candidates
        Rows with columns ``iso3`` and ``year``.
    memberships
        Output of :func:`read_memberships`.
    gdp_per_capita, population, unga
        Raw tables (registry keys ``wdi_gdp_per_capita``, ``wdi_population`` and
        ``unga_ideal_points``); read from the registry when not given.
    lag
        Years before the election at which GDP, population and UNGA agreement are measured.

    Returns
    -------
    pandas.DataFrame
        ``candidates`` with :data:`COVARIATE_COLUMNS` added. Values a source lacks stay
        missing; nothing is filled in.
    """
    if lag < 0:
        raise ValueError(f"Invalid lag {lag}; it must be zero or positive.")
    gdp_per_capita = registry.read_csv("wdi_gdp_per_capita") if gdp_per_capita is None else gdp_per_capita
    population = registry.read_csv("wdi_population") if population is None else population
    unga = registry.read_csv("unga_ideal_points") if unga is None else unga

    pieces = []
    for election_year, group in candidates.groupby("year", sort=True):
        measured = int(election_year) - lag
        piece = group.copy()
        gdp = wdi_value(gdp_per_capita, measured, "wide")
        pop = wdi_value(population, measured, "long")
        piece["log_gdp_per_capita"] = _positive_log(piece["iso3"].map(gdp).astype(float), f"GDP per capita {measured}")
        piece["log_population"] = _positive_log(piece["iso3"].map(pop).astype(float), f"population {measured}")
        agreement = unga_agreement(unga, measured)
        piece["us_agreement"] = piece["iso3"].map(agreement["us_agreement"])
        piece["russia_agreement"] = piece["iso3"].map(agreement["russia_agreement"])
        pieces.append(piece)
    with_economy = pd.concat(pieces).loc[candidates.index]
    return membership_in_year(memberships, with_economy, year_column="year")


def missing_covariates(table: pd.DataFrame, columns: Iterable[str] = COVARIATE_COLUMNS) -> pd.DataFrame:
    """List every missing value of ``columns`` as rows ``country``/``iso3``, ``year`` and ``variable``."""
    columns = list(columns)
    identifiers = [column for column in ("country", "iso3", "year") if column in table.columns]
    long = table[identifiers + columns].melt(id_vars=identifiers, var_name="variable", value_name="value")
    return long[long["value"].isna()].drop(columns="value").sort_values(identifiers + ["variable"], ignore_index=True)
