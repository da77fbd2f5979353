"""Build the country-year controls of Model 2 from World Development Indicators files.

Three series, with transformations fixed before any model was run:

- ICT service exports (``BX.GSR.CCIS.CD``, balance of payments, current US$), converted to
  million current US$ and logged as ln(1 + x) (``ln_ict_exports``).
- Scientific and technical journal articles (``IP.JRN.ARTC.SC``), logged as ln(1 + x)
  (``ln_journal_articles``). Zeros are kept as recorded, although some may be gaps that
  the third party who made the long file filled with zero.
- Individuals using the Internet (``IT.NET.USER.ZS``, percent of population), untransformed
  (``internet_users_pct``).

Nothing is imputed: a country-year without a value keeps a missing value. Regional and
income aggregates are dropped: only codes whose ``Region`` is non-empty in the WDI country
metadata are economies.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from lib.tables import require_columns

logger = logging.getLogger(__name__)

ICT_EXPORTS_CODE = "BX.GSR.CCIS.CD"
INTERNET_USERS_CODE = "IT.NET.USER.ZS"
CONTROL_COLUMNS: tuple[str, ...] = ("ln_ict_exports", "ln_journal_articles", "internet_users_pct")
OUTPUT_COLUMNS: tuple[str, ...] = (
    "iso3",
    "year",
    "ict_exports_musd",
    "ln_ict_exports",
    "journal_articles",
    "ln_journal_articles",
    "internet_users_pct",
)


class ControlsDataError(ValueError):
    """A WDI table with missing columns, duplicate rows or values that cannot be right."""


def _require_columns(frame: pd.DataFrame, columns, what: str) -> None:
    require_columns(frame, columns, what, ControlsDataError)


def _economies(country_metadata: pd.DataFrame) -> pd.Index:
    """Return the WDI codes of economies, i.e. rows with a non-empty ``Region``."""
    _require_columns(country_metadata, ["Country Code", "Region"], "WDI country metadata")
    region = country_metadata["Region"].astype("string").str.strip()
    codes = country_metadata.loc[region.notna() & (region != ""), "Country Code"]
    if codes.empty:
        raise ControlsDataError("Invalid WDI country metadata: no row has a Region, so no economy can be kept.")
    return pd.Index(codes.astype(str).str.strip().unique(), name="iso3")


def _numeric(values: pd.Series, table: str, where: pd.DataFrame) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    malformed = values.notna() & numbers.isna()
    if malformed.any():
        examples = where.loc[malformed[malformed].index].head(5).assign(value=values[malformed].head(5))
        raise ControlsDataError(
            f"Malformed value(s) in {table}, which should be numbers:\n{examples.to_string(index=False)}"
        )
    return numbers


def _wide_to_long(wide: pd.DataFrame, indicator_code: str, years: range, table: str) -> pd.Series:
    """Reshape a World Bank API file (one column per year) to a series indexed by (iso3, year)."""
    year_columns = [str(year) for year in years]
    _require_columns(wide, ["Country Code", "Indicator Code", *year_columns], table)
    codes = set(wide["Indicator Code"].dropna().astype(str).str.strip())
    if codes != {indicator_code}:
        raise ControlsDataError(f"Invalid {table}: expected indicator {indicator_code}, found {sorted(codes)}.")
    duplicated = wide["Country Code"][wide["Country Code"].duplicated()]
    if len(duplicated):
        raise ControlsDataError(f"Invalid {table}: duplicate Country Code(s) {sorted(set(duplicated))[:10]}.")

    long = wide.melt(id_vars=["Country Code"], value_vars=year_columns, var_name="year", value_name="value")
    long["year"] = long["year"].astype(int)
    long["value"] = _numeric(long["value"], table, long[["Country Code", "year"]])
    return long.rename(columns={"Country Code": "iso3"}).set_index(["iso3", "year"])["value"]


def _journal_long(journal_articles: pd.DataFrame, years: range) -> pd.Series:
    table = "WDI journal articles file"
    _require_columns(journal_articles, ["Country_Code", "Year", "WB_Pubs"], table)
    frame = journal_articles.rename(columns={"Country_Code": "iso3", "Year": "year", "WB_Pubs": "value"})
    frame = frame[["iso3", "year", "value"]].copy()
    frame["year"] = _numeric(frame["year"], table, frame[["iso3"]])
    frame = frame[frame["year"].between(years.start, years.stop - 1)].astype({"year": int})
    frame["value"] = _numeric(frame["value"], table, frame[["iso3", "year"]])
    duplicated = frame.duplicated(["iso3", "year"])
    if duplicated.any():
        raise ControlsDataError(
            f"Invalid {table}: duplicate country-year rows {frame.loc[duplicated, ['iso3', 'year']].head(5).to_dict('records')}."
        )
    return frame.set_index(["iso3", "year"])["value"]


def _check_range(values: pd.Series, name: str, upper: float | None = None) -> None:
    out_of_range = values < 0
    if upper is not None:
        out_of_range |= values > upper
    if out_of_range.any():
        limit = f"within [0, {upper}]" if upper is not None else "non-negative"
        raise ControlsDataError(f"Invalid {name}: values must be {limit}; found {values[out_of_range].head(5).to_dict()}.")


def wdi_controls(
    ict_exports: pd.DataFrame,
    journal_articles: pd.DataFrame,
    internet_users: pd.DataFrame,
    country_metadata: pd.DataFrame,
    first_year: int = 2000,
    last_year: int = 2022,
) -> pd.DataFrame:
    """Combine the three WDI series into one country-year table of controls.

    Parameters
    ----------
    ict_exports
        World Bank API file of ``BX.GSR.CCIS.CD`` (one column per year, in US$).
    journal_articles
        Long file of ``IP.JRN.ARTC.SC`` with ``Country_Code``, ``Year`` and ``WB_Pubs``.
    internet_users
        World Bank API file of ``IT.NET.USER.ZS`` (percent of population).
    country_metadata
        WDI country metadata with ``Country Code`` and ``Region``; codes with an empty
        ``Region`` are aggregates and are dropped.
    first_year, last_year
        Years to keep.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OUTPUT_COLUMNS`, one row per economy and year, missing values left
        missing.

    Raises
    ------
    ControlsDataError
        A column is missing, a file contains another indicator, a country or country-year
        appears twice, a value is not a number, or a value is negative (or above 100 for
        the internet share).
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}.")
    years = range(first_year, last_year + 1)
    economies = _economies(country_metadata)

    ict = _wide_to_long(ict_exports, ICT_EXPORTS_CODE, years, "WDI ICT service exports file")
    internet = _wide_to_long(internet_users, INTERNET_USERS_CODE, years, "WDI internet users file")
    journals = _journal_long(journal_articles, years)
    _check_range(ict.dropna(), "ICT service exports")
    _check_range(journals.dropna(), "journal articles")
    _check_range(internet.dropna(), "internet users (percent)", upper=100.0)

    grid = pd.MultiIndex.from_product([economies, years], names=["iso3", "year"])
    controls = pd.DataFrame(index=grid)
    controls["ict_exports_musd"] = ict.reindex(grid) / 1e6
    controls["ln_ict_exports"] = np.log1p(controls["ict_exports_musd"])
    controls["journal_articles"] = journals.reindex(grid)
    controls["ln_journal_articles"] = np.log1p(controls["journal_articles"])
    controls["internet_users_pct"] = internet.reindex(grid)
    logger.info(
        "WDI controls: %d economies, %d country-years, %d with all three controls",
        len(economies), len(controls), int(controls[list(CONTROL_COLUMNS)].notna().all(axis=1).sum()),
    )
    return controls.reset_index()[list(OUTPUT_COLUMNS)]


def read_wdi_controls(first_year: int = 2000, last_year: int = 2022) -> pd.DataFrame:
    """Read the registered WDI files and return :func:`wdi_controls` of them.

    The API files carry a 4-line preamble (the registry skips it) and a byte-order mark;
    the internet file was resaved by Excel, which leaves CRLF line ends and digits such as
    1.899999976 (a float32 value of 1.9). Those digits are read as they are.
    """
    from lib import registry

    return wdi_controls(
        ict_exports=registry.read_csv("wdi_ict_exports"),
        journal_articles=registry.read_csv("wdi_journal_articles"),
        internet_users=registry.read_csv("wdi_internet_users"),
        country_metadata=registry.read_csv("wdi_ict_exports_metadata"),
        first_year=first_year,
        last_year=last_year,
    )
