"""Count cyber incidents by non-state initiators per initiator country and year (EuRepoC 1.1).

The outcome of the study is, for each initiator country and year, the number of
initiator-country / target pairs of incidents by non-state initiators. Four coding rules
turn EuRepoC's three tables into that count:

1. Non-state initiators. An attribution row counts when ``attributed_initiator_category``
   is one of :data:`NONSTATE_CATEGORIES`. Proxies ("Non-state actor, state-affiliation
   suggested"), states, unknown, not available and missing categories are out. The
   attribution table pairs each initiator's country with its category (the list cells of
   the global table are not aligned by position, so they are not used). An incident and
   initiator country named by several qualifying rows count once.
2. Years. An incident covers every calendar year from the year of ``start_date`` to the
   year of ``end_date`` and counts once in each. A missing ``end_date``, or one before
   ``start_date``, gives the start year only. A missing ``start_date`` drops the incident.
3. Targets. Each distinct ``receiver_country`` entry of the incident in the receiver table
   is one target, whether a state, a region or an international organisation. The
   placeholders :data:`TARGET_PLACEHOLDERS` and missing entries are ignored when the
   incident has another target. An incident with placeholder targets only, or without a
   receiver row, counts as one pair with an unknown target.
4. Initiator countries. Names that :func:`lib.countries.classify` marks as regions,
   organisations, non-state entries or unknown, and missing names, are dropped and counted.

:func:`count_nonstate_pairs` applies all four rules; :func:`nonstate_initiators`,
:func:`incident_years` and :func:`incident_targets` apply one rule each.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from lib.tables import validate_schema
from lib import countries

logger = logging.getLogger(__name__)

NONSTATE_CATEGORIES: tuple[str, ...] = ("Non-state-group", "Individual hacker(s)")
TARGET_PLACEHOLDERS: tuple[str, ...] = ("Unknown", "Not available")

# Reason for dropping a qualifying attribution row, keyed by the kind that lib.countries assigns to its country.
INITIATOR_DROP_REASONS: dict[str, str] = {
    "region": "initiator country is a region",
    "organisation": "initiator country is an international organisation",
    "non-state": "initiator country is a non-state entry",
    "unknown": "initiator country unknown or not available",
    "missing": "initiator country missing",
}

_DATE_FORMAT = "%Y-%m-%d"

GLOBAL_SCHEMA = pa.DataFrameSchema(
    {
        "ID": pa.Column(int, unique=True),
        "start_date": pa.Column(str, nullable=True),
        "end_date": pa.Column(str, nullable=True),
    },
    strict=False,
    coerce=True,
    name="EuRepoC global table",
)
ATTRIBUTION_SCHEMA = pa.DataFrameSchema(
    {
        "incident_ID": pa.Column(int),
        "attributed_initiator_country": pa.Column(str, nullable=True),
        "attributed_initiator_category": pa.Column(str, nullable=True),
    },
    strict=False,
    coerce=True,
    name="EuRepoC attribution table",
)
RECEIVER_SCHEMA = pa.DataFrameSchema(
    {
        "ID": pa.Column(int),
        "receiver_country": pa.Column(str, nullable=True),
    },
    strict=False,
    coerce=True,
    name="EuRepoC receiver table",
)


class EurepocTableError(ValueError):
    """An EuRepoC table with missing columns, malformed values or dangling incident ids."""


@dataclass(frozen=True)
class EurepocTables:
    """The three EuRepoC 1.1 tables as read from the data registry."""

    global_table: pd.DataFrame
    attribution: pd.DataFrame
    receiver: pd.DataFrame


@dataclass(frozen=True)
class OutcomeCounts:
    """Result of :func:`count_nonstate_pairs`.

    Attributes
    ----------
    counts
        One row per initiator country (``iso3``) and year with at least one qualifying
        incident: ``n_pairs`` (initiator-country / target pairs) and ``n_incidents``
        (distinct incidents).
    incident_countries
        One row per qualifying incident and initiator country: ``ID``, ``iso3``,
        ``first_year``, ``last_year`` (before the cut to the study window) and ``n_targets``.
    dropped_initiators
        Qualifying attribution rows dropped under rule 4, by reason: ``rows`` and
        ``incidents`` (distinct incidents among those rows).
    defects
        Checks on the dates and targets of the incidents with a qualifying row and a state
        initiator, each with the rule applied and the number of incidents it applies to.
    """

    counts: pd.DataFrame
    incident_countries: pd.DataFrame
    dropped_initiators: pd.DataFrame
    defects: pd.DataFrame


def read_eurepoc_tables() -> EurepocTables:
    """Read the global, attribution and receiver tables of EuRepoC 1.1 from the data registry."""
    from lib import registry

    return EurepocTables(
        global_table=registry.read_csv("eurepoc_global", low_memory=False),
        attribution=registry.read_csv("eurepoc_attribution"),
        receiver=registry.read_csv("eurepoc_receiver"),
    )


def _validate(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    return validate_schema(frame, schema, schema.name, EurepocTableError)


def _strip(values: pd.Series) -> pd.Series:
    """Strip surrounding spaces and turn empty strings into missing values (None)."""
    stripped = values.map(lambda value: value.strip() if isinstance(value, str) else None)
    return stripped.where(stripped.notna() & (stripped != ""), None)


def nonstate_initiators(attribution: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply rules 1 and 4: keep the state initiator countries of non-state attributions.

    Parameters
    ----------
    attribution
        EuRepoC attribution table with ``incident_ID``, ``attributed_initiator_country``
        and ``attributed_initiator_category``.

    Returns
    -------
    pairs : pandas.DataFrame
        Distinct ``ID`` (the incident) and ``iso3`` of every qualifying row whose country
        is a state, sorted.
    dropped : pandas.DataFrame
        One row per reason in :data:`INITIATOR_DROP_REASONS` (all reasons listed, zeros
        included) with ``rows`` and ``incidents``.

    Raises
    ------
    EurepocTableError
        A required column is missing or an incident id is not an integer.
    lib.countries.UnknownCountryError
        A qualifying row names a country that neither the override table nor
        country_converter matches.
    """
    table = _validate(attribution, ATTRIBUTION_SCHEMA)
    category = _strip(table["attributed_initiator_category"])
    qualifying = table.loc[category.isin(NONSTATE_CATEGORIES).to_numpy(), ["incident_ID"]].copy()
    qualifying["country"] = _strip(table.loc[qualifying.index, "attributed_initiator_country"])

    named = qualifying["country"].dropna()
    kinds = countries.classify(named.unique(), source="EuRepoC attribution table (attributed_initiator_country)")
    qualifying["kind"] = qualifying["country"].map(kinds["kind"]).fillna("missing")
    qualifying["iso3"] = qualifying["country"].map(kinds["iso3"])

    dropped_rows = qualifying[qualifying["kind"] != "state"]
    dropped = (
        dropped_rows.groupby("kind")
        .agg(rows=("incident_ID", "size"), incidents=("incident_ID", "nunique"))
        .reindex(list(INITIATOR_DROP_REASONS), fill_value=0)
        .rename(index=INITIATOR_DROP_REASONS)
        .rename_axis("reason")
        .reset_index()
    )
    if len(dropped_rows):
        logger.info("Dropped %d non-state attribution rows without a state as initiator country", len(dropped_rows))

    pairs = (
        qualifying.loc[qualifying["kind"] == "state", ["incident_ID", "iso3"]]
        .rename(columns={"incident_ID": "ID"})
        .drop_duplicates()
        .sort_values(["ID", "iso3"], ignore_index=True)
    )
    return pairs, dropped


def _parse_dates(table: pd.DataFrame, column: str) -> pd.Series:
    text = _strip(table[column])
    parsed = pd.to_datetime(text, format=_DATE_FORMAT, errors="coerce")
    malformed = table.loc[text.notna() & parsed.isna(), ["ID", column]]
    if len(malformed):
        raise EurepocTableError(
            f"Malformed {column} in the EuRepoC global table (expected YYYY-MM-DD) for incident(s) "
            f"{malformed.head(10).to_dict('records')}. Restore the registered release of the file."
        )
    return parsed


def incident_years(global_table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply rule 2: the first and last calendar year of every incident.

    Parameters
    ----------
    global_table
        EuRepoC global table with ``ID``, ``start_date`` and ``end_date`` (``YYYY-MM-DD``).

    Returns
    -------
    years : pandas.DataFrame
        ``ID``, ``first_year`` (year of ``start_date``) and ``last_year`` (year of
        ``end_date``, or ``first_year`` when ``end_date`` is missing or before
        ``start_date``). Incidents without ``start_date`` are left out.
    flags : pandas.DataFrame
        ``ID`` and three booleans for every incident: ``missing_start``,
        ``missing_end`` and ``end_before_start``.

    Raises
    ------
    EurepocTableError
        A required column is missing, ``ID`` is not unique, or a date is malformed.
    """
    table = _validate(global_table, GLOBAL_SCHEMA)
    start = _parse_dates(table, "start_date")
    end = _parse_dates(table, "end_date")

    flags = pd.DataFrame(
        {
            "ID": table["ID"].to_numpy(),
            "missing_start": start.isna().to_numpy(),
            "missing_end": (start.notna() & end.isna()).to_numpy(),
            "end_before_start": (end < start).to_numpy(),
        }
    )
    first_year = start.dt.year
    last_year = end.dt.year.where(end >= start, first_year)
    years = pd.DataFrame({"ID": table["ID"], "first_year": first_year, "last_year": last_year})
    years = years[start.notna().to_numpy()].astype({"first_year": int, "last_year": int})
    return years.reset_index(drop=True), flags


def incident_targets(receiver: pd.DataFrame, incident_ids) -> pd.DataFrame:
    """Apply rule 3: the number of targets of each incident.

    Parameters
    ----------
    receiver
        EuRepoC receiver table with ``ID`` (the incident) and ``receiver_country``.
    incident_ids
        Incidents to count targets for; an incident without a receiver row gets one
        unknown target.

    Returns
    -------
    pandas.DataFrame
        One row per incident id: ``ID``, ``n_targets`` (at least 1) and ``unknown_target``
        (True when the incident has no target other than placeholders or missing entries,
        and so counts as one pair with an unknown target).

    Raises
    ------
    EurepocTableError
        A required column is missing or an id is not an integer.
    """
    table = _validate(receiver, RECEIVER_SCHEMA)
    ids = pd.Index(pd.unique(pd.Series(list(incident_ids), dtype="int64")), name="ID")
    targets = pd.DataFrame({"ID": table["ID"], "target": _strip(table["receiver_country"])})
    known = targets[targets["target"].notna() & ~targets["target"].isin(TARGET_PLACEHOLDERS)]
    counts = known.drop_duplicates().groupby("ID").size().reindex(ids)
    result = pd.DataFrame({"n_targets": counts.fillna(1).astype(int), "unknown_target": counts.isna()})
    return result.reset_index()


def _summarise_defects(flags: pd.DataFrame, targets: pd.DataFrame, receiver_ids, incident_ids, outside) -> pd.DataFrame:
    chosen = flags.set_index("ID").loc[incident_ids]
    has_receiver = pd.Index(incident_ids).isin(pd.Index(receiver_ids))
    target_flags = targets.set_index("ID").loc[incident_ids, "unknown_target"]
    rows = [
        ("start_date missing", "incident dropped", int(chosen["missing_start"].sum())),
        ("end_date before start_date", "start year only", int(chosen["end_before_start"].sum())),
        ("end_date missing", "start year only", int(chosen["missing_end"].sum())),
        ("no year inside the study window", "not counted", int(outside)),
        ("no receiver row", "one pair with an unknown target", int((~has_receiver).sum())),
        (
            "placeholder targets only",
            "one pair with an unknown target",
            int((target_flags.to_numpy() & has_receiver).sum()),
        ),
    ]
    return pd.DataFrame(rows, columns=["check", "rule applied", "incidents"])


def count_nonstate_pairs(
    global_table: pd.DataFrame,
    attribution: pd.DataFrame,
    receiver: pd.DataFrame,
    first_year: int = 2000,
    last_year: int = 2022,
) -> OutcomeCounts:
    """Count initiator-country / target pairs of non-state incidents per country and year.

    The yearly count of a country is the sum, over the qualifying incidents it initiated
    that are active in that year, of their number of targets (rules 1 to 4 of this module).

    Parameters
    ----------
    global_table, attribution, receiver
        The three EuRepoC tables (see :func:`read_eurepoc_tables`).
    first_year, last_year
        Study window; years of an incident outside it are not counted.

    Returns
    -------
    OutcomeCounts

    Raises
    ------
    EurepocTableError
        A table is malformed, or the attribution table names an incident that the global
        table lacks.
    lib.countries.UnknownCountryError
        An initiator country name is unknown.
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}.")
    pairs, dropped = nonstate_initiators(attribution)
    years, flags = incident_years(global_table)

    dangling = sorted(set(pairs["ID"]) - set(flags["ID"]))
    if dangling:
        raise EurepocTableError(
            f"The EuRepoC attribution table names incident(s) {dangling[:10]} that the global table "
            "lacks; the tables come from different releases."
        )

    incident_ids = sorted(set(pairs["ID"]))
    targets = incident_targets(receiver, incident_ids)
    incident_countries = pairs.merge(years, on="ID", how="inner").merge(targets[["ID", "n_targets"]], on="ID")

    in_window = (incident_countries["last_year"] >= first_year) & (incident_countries["first_year"] <= last_year)
    outside = incident_countries.loc[~in_window, "ID"].nunique()
    active = incident_countries[in_window].copy()
    active["year"] = [
        list(range(max(first, first_year), min(last, last_year) + 1))
        for first, last in zip(active["first_year"], active["last_year"])
    ]
    active = active.explode("year").astype({"year": int})
    counts = (
        active.groupby(["iso3", "year"])
        .agg(n_pairs=("n_targets", "sum"), n_incidents=("ID", "nunique"))
        .reset_index()
    )

    defects = _summarise_defects(flags, targets, _validate(receiver, RECEIVER_SCHEMA)["ID"], incident_ids, outside)
    return OutcomeCounts(
        counts=counts,
        incident_countries=incident_countries.sort_values(["ID", "iso3"], ignore_index=True),
        dropped_initiators=dropped,
        defects=defects,
    )
