"""Load events of listed hacker groups and lay out the hacker-spell panel.

Three loaders return events in one layout (:data:`EVENT_COLUMNS`, one row per event, group
and calendar year):

* :func:`cissm_events`: CISSM Cyber Events Database rows, where ``Message Manipulation``
  is CISSM's subtype for defacement;
* :func:`eurepoc_events`: EuRepoC incidents, counted once in every year from the start date
  to the end date;
* :func:`read_zoneh_export`: a reader-supplied export of Zone-H defacement notifications,
  one row per defacement (notifier, date, URL), joined to a notifier-to-country table.

Events are matched to groups through the normalised names of :mod:`lib.hacker_groups`.
:func:`count_group_years` and :func:`hacker_spell_panel` turn them into counts per group and
year, and into the group-by-election spells that the count models use.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from lib.hacker_groups import PLACEHOLDER_KEYS, normalise_name
from lib.tables import require_columns

logger = logging.getLogger(__name__)

EventTypes = Literal["defacement", "all"]
# Event sources of the hacker-level chapter: CISSM and EuRepoC events, or a Zone-H export.
EventSource = Literal["cissm_eurepoc", "zoneh"]
EVENT_SOURCES: tuple[str, ...] = ("cissm_eurepoc", "zoneh")
BadDateAction = Literal["raise", "drop"]

EVENT_COLUMNS = ["source", "event_id", "group", "iso3", "year"]
CISSM_DEFACEMENT_SUBTYPE = "Message Manipulation"
# EuRepoC has no defacement type; defacements and denial of service are both "Disruption".
EUREPOC_DEFACEMENT_TYPE = "Disruption"
CISSM_DATE_FORMAT = "%Y %b"  # "2014 Jan": CISSM dates events to the month


class EventDataError(ValueError):
    """An event table with missing columns or values that cannot be read."""


class NotifierTableError(EventDataError):
    """A notifier-to-country table that is missing, incomplete or ambiguous."""


class ZoneHFormatError(EventDataError):
    """A Zone-H export that is missing, lacks columns, or has malformed dates."""


def _require_columns(frame: pd.DataFrame, columns, what: str, hint: str = "") -> None:
    require_columns(frame, columns, what, EventDataError, hint=hint)


def group_name_index(groups: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Map every normalised name of the listed groups to ``(group, iso3)``.

    ``groups`` needs ``group``, ``iso3`` and ``keys`` (normalised names joined by ``" | "``,
    as :func:`lib.hacker_groups.select_groups` writes them).

    Raises
    ------
    EventDataError
        A column is missing, or one key belongs to two groups.
    """
    _require_columns(groups, ["group", "iso3", "keys"], "group list")
    index: dict[str, tuple[str, str]] = {}
    for group, iso3, keys in groups[["group", "iso3", "keys"]].itertuples(index=False):
        for key in [normalise_name(group), *str(keys).split(" | ")]:
            key = key.strip()
            if not key or key in PLACEHOLDER_KEYS:
                continue
            if key in index and index[key][0] != group:
                raise EventDataError(f"Invalid group list: the name key {key!r} belongs to {index[key][0]!r} and {group!r}.")
            index[key] = (group, iso3)
    return index


def _match_names(names: pd.Series, index: Mapping[str, tuple[str, str]], separator: str) -> pd.DataFrame:
    """Split each name cell at ``separator`` and keep the parts that name a listed group."""
    rows = []
    for position, cell in names.items():
        if not isinstance(cell, str):
            continue
        for part in re.split(separator, cell):
            match = index.get(normalise_name(part))
            if match is not None:
                rows.append((position, *match))
    return pd.DataFrame(rows, columns=["position", "group", "iso3"])


def cissm_events(
    cissm: pd.DataFrame,
    groups: pd.DataFrame,
    event_types: EventTypes = "defacement",
) -> pd.DataFrame:
    """Return the CISSM events of the listed groups.

    Exact duplicate rows are dropped first (the exports contain some). An event whose actor
    cell names several actors (separated by semicolons) counts once for each listed group
    among them. With ``event_types="defacement"`` only events whose comma-separated
    ``event_subtype`` includes ``Message Manipulation`` are kept.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_COLUMNS`; ``event_id`` is the row number in ``cissm``.

    Raises
    ------
    EventDataError
        A column is missing, or a date is not of the form ``"2014 Jan"``.
    """
    _require_columns(cissm, ["evtDate", "actor", "event_subtype"], "CISSM table")
    _check_event_types(event_types)
    events = cissm.reset_index(drop=True)
    duplicated = events.duplicated()
    logger.info("CISSM: dropping %d exact duplicate rows of %d", int(duplicated.sum()), len(events))
    events = events[~duplicated]

    dates = pd.to_datetime(events["evtDate"], format=CISSM_DATE_FORMAT, errors="coerce")
    bad = events.loc[dates.isna(), "evtDate"]
    if len(bad):
        raise EventDataError(
            f"Invalid CISSM date(s) in {len(bad)} row(s), for example {bad.head(5).tolist()} "
            f"at rows {bad.index[:5].tolist()}; expected year and month such as '2014 Jan'."
        )
    if event_types == "defacement":
        subtypes = events["event_subtype"].fillna("").str.split(",")
        events = events[subtypes.map(lambda parts: CISSM_DEFACEMENT_SUBTYPE in [part.strip() for part in parts])]

    matched = _match_names(events["actor"], group_name_index(groups), r";")
    matched["year"] = dates.loc[matched["position"]].dt.year.to_numpy()
    matched["event_id"] = matched["position"].astype(str)
    matched["source"] = "CISSM"
    return matched[EVENT_COLUMNS].drop_duplicates().reset_index(drop=True)


def eurepoc_events(
    incidents: pd.DataFrame,
    attribution: pd.DataFrame,
    groups: pd.DataFrame,
    event_types: EventTypes = "defacement",
) -> pd.DataFrame:
    """Return the EuRepoC incidents of the listed groups, once per year each incident covers.

    An incident belongs to a group when any of its attributions names the group (a
    ``attributed_initiator`` with slashes names several initiators or aliases). It counts in
    every calendar year from ``start_date`` to ``end_date``. Without an end date, or with an
    end date before the start, it counts in its start year only. Incidents without a start
    date are dropped. With ``event_types="defacement"`` only incidents whose
    ``incident_type`` includes ``Disruption`` are kept.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_COLUMNS`; ``event_id`` is EuRepoC's incident ``ID``.

    Raises
    ------
    EventDataError
        A column is missing, or a date is present but malformed.
    """
    _require_columns(incidents, ["ID", "start_date", "end_date", "incident_type"], "EuRepoC incident table")
    _require_columns(attribution, ["incident_ID", "attributed_initiator"], "EuRepoC attribution table")
    _check_event_types(event_types)

    incidents = incidents[["ID", "start_date", "end_date", "incident_type"]].copy()
    starts = _parse_iso_dates(incidents["start_date"], "start_date")
    ends = _parse_iso_dates(incidents["end_date"], "end_date")
    undated = starts.isna()
    if undated.any():
        logger.info("EuRepoC: dropping %d incident(s) without a start date", int(undated.sum()))
    incidents["first_year"] = starts.dt.year
    incidents["last_year"] = ends.dt.year.where(ends.notna() & (ends >= starts), starts.dt.year)
    incidents = incidents[~undated]
    if event_types == "defacement":
        types = incidents["incident_type"].fillna("").str.split(";")
        incidents = incidents[types.map(lambda parts: EUREPOC_DEFACEMENT_TYPE in [part.strip() for part in parts])]

    attribution = attribution.reset_index(drop=True)
    matched = _match_names(attribution["attributed_initiator"], group_name_index(groups), r"/")
    matched["event_id"] = attribution.loc[matched["position"], "incident_ID"].to_numpy()
    matched = matched.merge(incidents, left_on="event_id", right_on="ID", how="inner")
    matched["year"] = [list(range(int(first), int(last) + 1)) for first, last in zip(matched["first_year"], matched["last_year"])]
    matched = matched.explode("year")
    matched["year"] = matched["year"].astype(int)
    matched["event_id"] = matched["event_id"].astype(str)
    matched["source"] = "EuRepoC"
    return matched[EVENT_COLUMNS].drop_duplicates().reset_index(drop=True)


def _parse_iso_dates(values: pd.Series, column: str) -> pd.Series:
    dates = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    bad = values[dates.isna() & values.notna()]
    if len(bad):
        raise EventDataError(
            f"Invalid EuRepoC {column} value(s) {bad.head(5).tolist()} at rows {bad.index[:5].tolist()}; expected YYYY-MM-DD."
        )
    return dates


def _check_event_types(event_types: str) -> None:
    if event_types not in ("defacement", "all"):
        raise ValueError(f"Invalid event_types {event_types!r}; use 'defacement' or 'all'.")


@dataclass(frozen=True)
class ZoneHColumns:
    """Column names of a Zone-H export; the defaults are those of the HCRL Web Hacking Profiling data."""

    notifier: str = "Notify"
    date: str = "Date"
    url: str = "URL"


@dataclass(frozen=True)
class ZoneHLoad:
    """Events read from a Zone-H export, and what was dropped on the way.

    Attributes
    ----------
    events
        Columns :data:`EVENT_COLUMNS`, one row per defacement by a notifier in the table.
    rows
        Data rows in the file.
    dropped
        Rows dropped, by reason: ``blank notifier``, ``malformed date`` (only with
        ``on_bad_date="drop"``), ``duplicate`` (same notifier, date and URL) and
        ``unknown notifier`` (not in the notifier-to-country table).
    unknown_notifiers
        Defacements per notifier that the table does not list, largest first.
    first_year, last_year
        Calendar years of the earliest and latest dated row in the whole file, which bound
        the years the export covers.
    """

    events: pd.DataFrame
    rows: int
    dropped: dict[str, int]
    unknown_notifiers: pd.Series = field(repr=False)
    first_year: int
    last_year: int


def read_notifier_countries(file: str | Path) -> pd.DataFrame:
    """Read a notifier-to-country table.

    The CSV needs a ``notifier`` column and either ``iso3`` (ISO 3166 alpha-3) or
    ``country`` (a name that :func:`lib.countries.to_iso3` converts). An optional ``group``
    column merges several handles into one group; without it each notifier is its own group.

    Returns
    -------
    pandas.DataFrame
        Columns ``notifier``, ``group``, ``iso3``.

    Raises
    ------
    NotifierTableError
        The file is missing, lacks columns, has a blank notifier, a malformed ISO3 code, or
        one notifier (after name normalisation) with two different countries or groups.
    """
    file = Path(file)
    if not file.is_file():
        raise NotifierTableError(f"Notifier-to-country table not found: {file}.")
    table = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if "notifier" not in table.columns or not {"iso3", "country"} & set(table.columns):
        raise NotifierTableError(
            f"Invalid notifier-to-country table {file}: it needs a 'notifier' column and an 'iso3' or "
            f"'country' column; found {list(table.columns)}."
        )
    if "iso3" not in table.columns:
        from lib import countries

        table["iso3"] = countries.to_iso3(table["country"], source=str(file)).to_numpy()
    if "group" not in table.columns:
        table["group"] = table["notifier"]
    table = table[["notifier", "group", "iso3"]].apply(lambda column: column.str.strip())
    return _check_notifier_table(table, str(file))


def notifier_countries_from_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """Build a notifier-to-country table from a group list, one row per name key."""
    _require_columns(groups, ["group", "iso3", "keys"], "group list")
    rows = [(key, group, iso3) for key, (group, iso3) in group_name_index(groups).items()]
    return _check_notifier_table(pd.DataFrame(rows, columns=["notifier", "group", "iso3"]), "group list")


def _check_notifier_table(table: pd.DataFrame, where: str) -> pd.DataFrame:
    blank = table.index[table["notifier"].map(normalise_name).isin(PLACEHOLDER_KEYS)]
    if len(blank):
        raise NotifierTableError(f"Invalid notifier-to-country table {where}: blank notifier at data row(s) {list(blank[:10])}.")
    malformed = table.loc[~table["iso3"].str.fullmatch(r"[A-Z]{3}"), "iso3"]
    if len(malformed):
        raise NotifierTableError(
            f"Invalid ISO3 code(s) {sorted(set(malformed))[:10]} in notifier-to-country table {where}; use codes such as 'TUR'."
        )
    keyed = table.assign(key=table["notifier"].map(normalise_name))
    ambiguous = keyed.groupby("key")[["group", "iso3"]].nunique().max(axis=1) > 1
    if ambiguous.any():
        raise NotifierTableError(
            f"Ambiguous notifier-to-country table {where}: the notifier(s) {list(ambiguous.index[ambiguous][:10])} "
            "(normalised) have more than one country or group."
        )
    return table.reset_index(drop=True)


def read_zoneh_export(
    file: str | Path,
    notifier_countries: pd.DataFrame,
    columns: ZoneHColumns = ZoneHColumns(),
    date_format: str | None = None,
    on_bad_date: BadDateAction = "raise",
    **read_options,
) -> ZoneHLoad:
    """Read a Zone-H export (one row per defacement) and attach each notifier's group and country.

    Parameters
    ----------
    file
        CSV file with at least the notifier, date and URL columns.
    notifier_countries
        Table with ``notifier``, ``group`` and ``iso3`` (:func:`read_notifier_countries` or
        :func:`notifier_countries_from_groups`). Notifiers are matched after
        :func:`lib.hacker_groups.normalise_name`.
    columns
        Names of the notifier, date and URL columns.
    date_format
        :func:`pandas.to_datetime` format of the date column; ``None`` lets pandas infer one
        format from the first value and apply it to all rows.
    on_bad_date
        ``"raise"`` stops at the first malformed or blank date; ``"drop"`` drops those rows
        and counts them in :attr:`ZoneHLoad.dropped`.
    **read_options
        Passed to :func:`pandas.read_csv` (for example ``sep`` or ``encoding``).

    Raises
    ------
    ZoneHFormatError
        The file is missing, a column is missing, or (with ``on_bad_date="raise"``) a date
        is malformed or blank.
    """
    if on_bad_date not in ("raise", "drop"):
        raise ValueError(f"Invalid on_bad_date {on_bad_date!r}; use 'raise' or 'drop'.")
    file = Path(file)
    if not file.is_file():
        raise ZoneHFormatError(f"Zone-H export not found: {file}.")
    _require_columns(notifier_countries, ["notifier", "group", "iso3"], "notifier-to-country table")

    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    options.update(read_options)
    export = pd.read_csv(file, **options)
    required_columns = [columns.notifier, columns.date, columns.url]
    missing = [column for column in required_columns if column not in export.columns]
    if missing:
        raise ZoneHFormatError(
            f"Invalid Zone-H export {file}: missing column(s) {missing}; found {list(export.columns)[:20]}. "
            "Pass ZoneHColumns(notifier=..., date=..., url=...) with this file's column names."
        )
    export = export[required_columns].set_axis(["notifier", "date", "url"], axis=1)
    dropped = {"blank notifier": 0, "malformed date": 0, "duplicate": 0, "unknown notifier": 0}

    export["key"] = export["notifier"].map(normalise_name)
    blank = export["key"].isin(PLACEHOLDER_KEYS)
    dropped["blank notifier"] = int(blank.sum())

    dates = pd.to_datetime(export["date"].str.strip(), format=date_format, errors="coerce")
    bad = dates.isna() & ~blank  # rows without a notifier are dropped whatever their date
    if bad.any() and on_bad_date == "raise":
        examples = export.loc[bad, "date"].head(5).tolist()
        rows = (export.index[bad][:5] + 2).tolist()  # file line numbers: 1-based, after the header
        raise ZoneHFormatError(
            f"Malformed or blank date(s) in {int(bad.sum())} row(s) of {file}, for example {examples} on "
            f"line(s) {rows}. Pass date_format= to match the file, or on_bad_date='drop' to drop those rows."
        )
    if not dates.notna().any():
        raise ZoneHFormatError(f"No readable date in {file}; check date_format and the date column {columns.date!r}.")
    first_year, last_year = int(dates.min().year), int(dates.max().year)
    dropped["malformed date"] = int(bad.sum())
    export = export.assign(year=dates.dt.year)[~blank & ~bad]

    duplicated = export.duplicated(subset=["key", "date", "url"])
    dropped["duplicate"] = int(duplicated.sum())
    export = export[~duplicated]

    lookup = notifier_countries.assign(key=notifier_countries["notifier"].map(normalise_name))
    lookup = lookup.drop_duplicates("key").set_index("key")[["group", "iso3"]]
    known = export["key"].isin(lookup.index)
    unknown_notifiers = export.loc[~known, "notifier"].value_counts()
    dropped["unknown notifier"] = int((~known).sum())
    export = export[known].join(lookup, on="key")

    events = export.assign(source="Zone-H", event_id=(export.index + 2).astype(str), year=export["year"].astype(int))
    logger.info("Zone-H export %s: %d rows, %d events kept, dropped %s", file, len(dates), len(events), dropped)
    return ZoneHLoad(
        events=events[EVENT_COLUMNS].reset_index(drop=True),
        rows=len(dates),
        dropped=dropped,
        unknown_notifiers=unknown_notifiers,
        first_year=first_year,
        last_year=last_year,
    )


def count_group_years(events: pd.DataFrame, groups: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Count events per listed group and year, zeros included.

    Returns
    -------
    pandas.DataFrame
        One row per group and year of ``first_year``..``last_year``: ``group``, ``iso3``,
        ``year``, ``events`` (all sources) and ``events_<source>`` for each source present
        in ``events`` (lower case, for example ``events_cissm``).
    """
    _require_columns(events, EVENT_COLUMNS, "event table")
    _require_columns(groups, ["group", "iso3"], "group list")
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}.")
    unlisted = sorted(set(events["group"]) - set(groups["group"]))
    if unlisted:
        raise EventDataError(f"Events of group(s) not in the group list: {unlisted[:10]}.")

    years = pd.RangeIndex(first_year, last_year + 1, name="year")
    grid = pd.MultiIndex.from_product([groups["group"].drop_duplicates(), years], names=["group", "year"])
    window = events[events["year"].between(first_year, last_year)]
    by_source = window.groupby(["group", "year", "source"]).size().unstack("source", fill_value=0)
    by_source.columns = [f"events_{re.sub(r'[^a-z0-9]+', '_', str(source).lower()).strip('_')}" for source in by_source.columns]
    counts = by_source.reindex(grid, fill_value=0)
    counts.insert(0, "events", counts.sum(axis=1))
    counts = counts.reset_index().merge(groups[["group", "iso3"]].drop_duplicates(), on="group", how="left")
    return counts[["group", "iso3", "year", *[column for column in counts.columns if column.startswith("events")]]]


def hacker_spell_panel(counts: pd.DataFrame, candidacy_table: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Lay out the hacker-spell panel: each group in each election its country stood in.

    A spell is the election year and the three years before it (:func:`lib.itu.build_spells`).
    Only complete spells inside ``first_year``..``last_year`` are kept, so every spell has
    four years and each year has a count.

    Parameters
    ----------
    counts
        Output of :func:`count_group_years` covering ``first_year``..``last_year``.
    candidacy_table
        Output of :func:`lib.itu.candidacies` (``iso3``, ``election_year``).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``iso3``, ``election_year``, ``spell_id`` (``"<group> <iso3>_<year>"``),
        ``year``, ``years_to_election``, ``election_year_indicator`` and ``events``.
    """
    from lib import itu

    _require_columns(counts, ["group", "iso3", "year", "events"], "count table")
    covered = set(counts["year"])
    missing_years = sorted(set(range(first_year, last_year + 1)) - covered)
    if missing_years:
        raise EventDataError(f"The count table lacks year(s) {missing_years} of {first_year}-{last_year}.")

    spells = itu.build_spells(candidacy_table, first_year, last_year)
    complete = spells.groupby(["iso3", "election_year"])["year"].transform("size") == itu.YEARS_BEFORE_ELECTION + 1
    spells = spells[complete]
    panel = counts[["group", "iso3", "year", "events"]].merge(spells, on=["iso3", "year"], how="inner")
    panel["spell_id"] = panel["group"] + " " + panel["iso3"] + "_" + panel["election_year"].astype(str)
    columns = ["group", "iso3", "election_year", "spell_id", "year", "years_to_election", "election_year_indicator", "events"]
    return panel[columns].sort_values(["group", "election_year", "year"], ignore_index=True)
