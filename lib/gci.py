"""Read, check and reconcile the ITU Global Cybersecurity Index (GCI) transcriptions.

The ITU publishes the GCI as PDF reports only, so the book reads two third-party
transcriptions from the data registry:

``gci_summary``
    Scores and ranks of the editions 2014, 2017, 2018, 2020 and 2024, one row per country
    name. Scores are on a 0-1 scale up to the 2018 edition and on a 0-100 scale from 2020.
    Tied countries share a rank, and the next score gets the next integer (dense ranking).
    Canada is missing from every edition, and two countries appear under an old and a new
    name in separate rows (Swaziland/Eswatini, Cape Verde/Cabo Verde).
``gci_2020_compilation``
    GCI 2020 scores only (0-100), with Canada but without ranks.

:func:`load_gci_summary` and :func:`load_gci_2020_compilation` return long tables keyed by
ISO3 code, :func:`reconcile_2020` lists where the two files disagree on the 2020 edition,
:func:`choose_edition` picks the edition a candidate could be judged by in an election
year, and :func:`derive_dense_rank` places a score from another file in the ranking.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib import countries, registry

logger = logging.getLogger(__name__)

#: Year in which each GCI edition was published. The first results of GCI 2014 were
#: released in December 2014 (news.itu.int, 28 May 2015). The GCI 2017 report carries the
#: revision date 6 July 2017. The GCI 2018 report's imprint reads "Geneva, 2019". GCI 2020
#: was released on 29 June 2021 (press reports of 30 June 2021).
#: NOTE: GCI 2024 is dated by the year in its title; its release date was not checked.
EDITION_PUBLISHED: Mapping[str, int] = {"2014": 2014, "2017": 2017, "2018": 2019, "2020": 2021, "2024": 2024}

#: Editions whose scores run from 0 to 1 in the transcription; the later ones run from 0 to 100.
UNIT_SCALE_EDITIONS: tuple[str, ...] = ("2014", "2017", "2018")

#: Editions for which the ITU published tiers, not ranks. The summary transcription has a
#: rank column for them anyway, made by the transcriber; the reader drops it.
UNRANKED_EDITIONS: tuple[str, ...] = ("2024",)

# Header of gci-local-indicator-summary.csv as pandas reads it: the duplicate "Global Rank"
# names get suffixes, the 2014 rank column is spelled "Globa Rank", and a trailing comma
# adds an empty "Unnamed: 11" column.
_SUMMARY_COLUMNS: dict[str, tuple[str, str]] = {
    "2014": ("2014", "Globa Rank"),
    "2017": ("2017", "Global Rank"),
    "2018": ("2018", "Global Rank.1"),
    "2020": ("2020", "Global Rank.2"),
    "2024": ("2024", "Global Rank.3"),
}
_SUMMARY_TRAILING_COLUMN = "Unnamed: 11"

GCI_COLUMNS = ["iso3", "name", "edition", "score", "score_100", "rank"]


class GCIError(ValueError):
    """Base class of the errors raised while reading or combining GCI files."""


class GCIFormatError(GCIError):
    """A GCI file whose layout or values differ from what the reader expects."""


class EditionChoiceError(GCIError):
    """No GCI edition was published before the requested election year."""


class RankDerivationError(GCIError):
    """A score that cannot be placed in an edition's ranking without renumbering it."""


def choose_edition(election_year: int, published: Mapping[str, int] = EDITION_PUBLISHED) -> str:
    """Return the most recent GCI edition published in a calendar year before ``election_year``.

    The publication dates are known here to the year only, so an edition published in the
    election year itself is never chosen, whether or not it appeared before the vote.

    Parameters
    ----------
    election_year
        Year of the ITU Plenipotentiary Conference, for example 2018.
    published
        Edition label to publication year; defaults to :data:`EDITION_PUBLISHED`.

    Raises
    ------
    EditionChoiceError
        No edition in ``published`` appeared before ``election_year``.
    """
    if not isinstance(election_year, (int, np.integer)) or isinstance(election_year, bool):
        raise TypeError(f"Invalid election year {election_year!r}; pass an integer such as 2018.")
    earlier = {edition: year for edition, year in published.items() if year < election_year}
    if not earlier:
        raise EditionChoiceError(
            f"No GCI edition was published before {election_year}; the earliest listed is "
            f"{min(published.values()) if published else 'none'}."
        )
    # The latest publication year wins; if two editions share it, the later label does.
    return max(earlier, key=lambda edition: (earlier[edition], edition))


def _to_iso3(names: pd.Series, source: str) -> pd.Series:
    """Map names to ISO3 codes, raising UnknownCountryError on any unknown or non-state name."""
    return pd.Series(countries.to_iso3(names, source).to_numpy(), index=names.index, name="iso3")


def _to_number(values: pd.Series, names: pd.Series, column: str, label: str) -> pd.Series:
    """Convert a column of scores or ranks to numbers, raising on any non-empty cell that is not a number.

    Blank cells and cells that :func:`pandas.read_csv` already parsed as missing stay missing.
    """
    numbers = pd.to_numeric(values, errors="coerce")
    text = values.astype("string").str.strip()
    failed = numbers.isna() & values.notna() & (text != "")
    if failed.any():
        cells = [
            f"{name} {value!r}" for name, value in zip(names[failed].head(10), values[failed].head(10))
        ]
        more = f" and {int(failed.sum()) - 10} more" if failed.sum() > 10 else ""
        raise GCIFormatError(
            f"Invalid {label}: non-numeric value(s) in column {column!r} for {', '.join(cells)}{more}. "
            "Correct the cell to a number or leave it empty (#N/A) if the edition does not cover the country."
        )
    return numbers


def _check_range(frame: pd.DataFrame, column: str, low: float, high: float, label: str) -> None:
    values = frame[column].dropna()
    outside = frame.loc[values.index[(values < low) | (values > high)]]
    if len(outside):
        raise GCIFormatError(
            f"Invalid {label}: values outside [{low}, {high}] for "
            f"{outside[['name', column]].head(10).to_dict('records')}."
        )


def tidy_gci_summary(raw: pd.DataFrame, source: str = "gci_summary") -> pd.DataFrame:
    """Reshape the wide summary transcription into one row per country and edition.

    Parameters
    ----------
    raw
        The file as :func:`pandas.read_csv` reads it, with ``#N/A`` parsed as missing.
    source
        Name used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GCI_COLUMNS`: ``score`` on the edition's own scale, ``score_100`` on a
        0-100 scale for every edition, and ``rank`` (dense, ties share a rank; missing for
        :data:`UNRANKED_EDITIONS`). Rows without a score are dropped. A country spread over two name rows (an old and a new name) is
        merged; ``name`` then lists both spellings.

    Raises
    ------
    GCIFormatError
        Unexpected columns, a non-empty trailing column, a non-numeric score or rank (such as
        ``n.a.``), a score without a rank (or the reverse), scores or ranks out of range, two rows with values for the same country and
        edition, or ranks that contradict the order of the scores.
    lib.countries.UnknownCountryError
        A name is not a known state.
    """
    expected = ["Country"] + [column for pair in _SUMMARY_COLUMNS.values() for column in pair]
    missing = [column for column in expected if column not in raw.columns]
    if missing:
        raise GCIFormatError(f"Invalid {source}: missing column(s) {missing}; found {list(raw.columns)}.")
    if _SUMMARY_TRAILING_COLUMN in raw.columns and raw[_SUMMARY_TRAILING_COLUMN].notna().any():
        raise GCIFormatError(f"Invalid {source}: the trailing column {_SUMMARY_TRAILING_COLUMN!r} contains values.")
    if raw["Country"].isna().any():
        raise GCIFormatError(f"Invalid {source}: {int(raw['Country'].isna().sum())} row(s) without a country name.")

    names = raw["Country"].astype(str).str.strip()
    iso3 = _to_iso3(names, source)

    pieces = []
    for edition, (score_column, rank_column) in _SUMMARY_COLUMNS.items():
        piece = pd.DataFrame(
            {
                "iso3": iso3,
                "name": names,
                "edition": edition,
                "score": _to_number(raw[score_column], names, score_column, f"{source} scores of edition {edition}"),
                "rank": _to_number(raw[rank_column], names, rank_column, f"{source} ranks of edition {edition}"),
            }
        )
        half_filled = piece[piece["score"].isna() != piece["rank"].isna()]
        if len(half_filled):
            raise GCIFormatError(
                f"Invalid {source}, edition {edition}: a score without a rank or a rank without a score for "
                f"{half_filled['name'].tolist()}."
            )
        pieces.append(piece.dropna(subset=["score"]))
    long = pd.concat(pieces, ignore_index=True)

    for edition, group in long.groupby("edition"):
        high = 1.0 if edition in UNIT_SCALE_EDITIONS else 100.0
        _check_range(group, "score", 0.0, high, f"{source} scores of edition {edition}")
    _check_range(long, "rank", 1, 250, f"{source} ranks")
    if not (long["rank"] == long["rank"].round()).all():
        raise GCIFormatError(f"Invalid {source}: non-integer ranks.")

    duplicated = long[long.duplicated(["iso3", "edition"], keep=False)]
    if len(duplicated):
        raise GCIFormatError(
            f"Invalid {source}: two rows give values for the same country and edition: "
            f"{duplicated[['name', 'iso3', 'edition']].to_dict('records')}."
        )
    spellings = pd.DataFrame({"iso3": iso3, "name": names}).groupby("iso3")["name"].agg(lambda s: " / ".join(sorted(set(s))))
    long["name"] = long["iso3"].map(spellings)

    long["rank"] = long["rank"].astype("Int64")
    long.loc[long["edition"].isin(UNRANKED_EDITIONS), "rank"] = pd.NA
    long["score_100"] = np.where(long["edition"].isin(UNIT_SCALE_EDITIONS), long["score"] * 100, long["score"])
    _check_dense_ranking(long, source)
    return long[GCI_COLUMNS].sort_values(["edition", "rank", "iso3"], ignore_index=True)


def _check_dense_ranking(long: pd.DataFrame, source: str) -> None:
    """Raise unless, within each edition, a higher score never has a worse rank and ties share a rank."""
    for edition, group in long.dropna(subset=["rank"]).groupby("edition"):
        ordered = group.sort_values(["score", "rank"], ascending=[False, True])
        rank_steps = ordered["rank"].diff().dropna()
        score_steps = ordered["score"].diff().dropna()
        contradictions = (rank_steps < 0) | ((score_steps == 0) & (rank_steps != 0)) | ((score_steps < 0) & (rank_steps == 0))
        if contradictions.any():
            where = ordered.loc[contradictions[contradictions].index, ["name", "score", "rank"]]
            raise GCIFormatError(
                f"Invalid {source}, edition {edition}: ranks contradict the order of the scores at "
                f"{where.to_dict('records')}."
            )


def load_gci_summary() -> pd.DataFrame:
    """Read ``gci_summary`` from the registry and return :func:`tidy_gci_summary` of it."""
    raw = registry.read_csv("gci_summary", na_values=["#N/A"])
    return tidy_gci_summary(raw, source=_source_label("gci_summary"))


def tidy_gci_2020_compilation(raw: pd.DataFrame, source: str = "gci_2020_compilation") -> pd.DataFrame:
    """Return the compilation's GCI 2020 scores in the layout of :func:`tidy_gci_summary`.

    The compilation has no ranks, so ``rank`` is missing throughout. Countries listed
    without a GCI score keep their row with a missing score, so that :func:`reconcile_2020`
    can tell them from countries the file does not list.

    Raises
    ------
    GCIFormatError
        Missing columns, unnamed rows, non-numeric or out-of-range scores, or a country listed twice.
    lib.countries.UnknownCountryError
        A name is not a known state.
    """
    missing = [column for column in ("Country", "GCI") if column not in raw.columns]
    if missing:
        raise GCIFormatError(f"Invalid {source}: missing column(s) {missing}; found {list(raw.columns)}.")
    if raw["Country"].isna().any():
        raise GCIFormatError(f"Invalid {source}: {int(raw['Country'].isna().sum())} row(s) without a country name.")
    names = raw["Country"].astype(str).str.strip()
    table = pd.DataFrame(
        {
            "iso3": _to_iso3(names, source),
            "name": names,
            "edition": "2020",
            "score": _to_number(raw["GCI"], names, "GCI", f"{source} scores of edition 2020"),
        }
    )
    duplicated = table[table["iso3"].duplicated(keep=False)]
    if len(duplicated):
        raise GCIFormatError(f"Invalid {source}: countries listed twice: {duplicated[['name', 'iso3']].to_dict('records')}.")
    _check_range(table, "score", 0.0, 100.0, f"{source} scores")
    table["score_100"] = table["score"]
    table["rank"] = pd.array([pd.NA] * len(table), dtype="Int64")
    return table[GCI_COLUMNS].sort_values(["score", "iso3"], ascending=[False, True], ignore_index=True)


def load_gci_2020_compilation() -> pd.DataFrame:
    """Read ``gci_2020_compilation`` from the registry and return :func:`tidy_gci_2020_compilation` of it."""
    raw = registry.read_csv("gci_2020_compilation")
    return tidy_gci_2020_compilation(raw, source=_source_label("gci_2020_compilation"))


def _source_label(key: str) -> str:
    """Name a registry input in error messages by its key and file name, such as ``gci_summary (file.csv)``."""
    return f"{key} ({registry.load_registry()[key].file_name})"


def reconcile_2020(summary: pd.DataFrame, compilation: pd.DataFrame, tolerance: float = 0.005) -> pd.DataFrame:
    """List the countries whose GCI 2020 score differs between the two transcriptions.

    Parameters
    ----------
    summary, compilation
        Outputs of :func:`tidy_gci_summary` and :func:`tidy_gci_2020_compilation`.
    tolerance
        Largest absolute score difference (0-100 scale) still counted as agreement. Both
        files round to two decimals, so the default accepts rounding only.

    Returns
    -------
    pandas.DataFrame
        One row per disagreeing country: ``iso3``, ``name_summary``, ``name_compilation``,
        ``score_summary``, ``rank_summary``, ``score_compilation``, ``difference``
        (summary minus compilation) and ``disagreement``, one of ``"score differs"``,
        ``"only in gci_summary"``, ``"only in gci_2020_compilation"`` or
        ``"no score in gci_2020_compilation"`` (listed there with a blank score).
    """
    if tolerance < 0:
        raise ValueError(f"Invalid tolerance {tolerance}; it must be zero or positive.")
    left = summary.loc[summary["edition"] == "2020", ["iso3", "name", "score", "rank"]]
    right = compilation.loc[compilation["edition"] == "2020", ["iso3", "name", "score"]]
    merged = left.merge(right, on="iso3", how="outer", suffixes=("_summary", "_compilation"), indicator=True)
    merged = merged.rename(columns={"rank": "rank_summary"})
    merged["difference"] = merged["score_summary"] - merged["score_compilation"]
    listed_without_score = (merged["_merge"] == "both") & merged["score_compilation"].isna()
    absent_with_score = (merged["_merge"] == "right_only") & merged["score_compilation"].notna()
    merged["disagreement"] = np.select(
        [
            merged["_merge"] == "left_only",
            absent_with_score,
            listed_without_score,
            merged["difference"].abs() > tolerance,
        ],
        ["only in gci_summary", "only in gci_2020_compilation", "no score in gci_2020_compilation", "score differs"],
        default="",
    )
    columns = [
        "iso3", "name_summary", "name_compilation", "score_summary", "rank_summary",
        "score_compilation", "difference", "disagreement",
    ]
    disagreements = merged.loc[merged["disagreement"] != "", columns]
    logger.info("GCI 2020: %d countries in both files, %d disagreements", int((merged["_merge"] == "both").sum()), len(disagreements))
    return disagreements.sort_values(["disagreement", "iso3"], ignore_index=True)


def derive_dense_rank(score: float, edition_table: pd.DataFrame) -> int:
    """Place ``score`` in an edition's dense ranking (ties share a rank, no gaps).

    The score takes the rank of an equal score, or else one more than the rank of the
    nearest higher score (1 when no score is higher). The ranking must already have a free
    place for it: the nearest lower score must rank one below the derived rank (the
    transcription dropped the country but kept the ITU's ranks). Otherwise every rank
    below would have to change, and the function raises.

    Parameters
    ----------
    score
        Score on the edition's own scale.
    edition_table
        Rows of one edition from :func:`tidy_gci_summary` (columns ``score`` and ``rank``).

    Raises
    ------
    RankDerivationError
        The table is empty, mixes editions, or has no free rank for the score.
    """
    if edition_table.empty:
        raise RankDerivationError("Cannot derive a rank from an empty edition table.")
    if edition_table["edition"].nunique() != 1:
        raise RankDerivationError(f"Pass one edition, not {sorted(edition_table['edition'].unique())}.")
    if edition_table["rank"].isna().any():
        raise RankDerivationError(f"Edition {edition_table['edition'].iloc[0]} has no ranks to place the score in.")
    scores = edition_table["score"].to_numpy(dtype=float)
    ranks = edition_table["rank"].to_numpy(dtype=int)

    equal = ranks[np.isclose(scores, score, rtol=0, atol=1e-9)]
    if len(equal):
        return int(equal[0])
    higher = ranks[scores > score]
    derived = int(higher.max()) + 1 if len(higher) else 1
    lower = ranks[scores < score]
    if len(lower) and int(lower.min()) != derived + 1:
        raise RankDerivationError(
            f"Score {score} would take rank {derived}, but the next lower score has rank {int(lower.min())}, "
            f"not {derived + 1}: the ranking has no free place for it."
        )
    return derived


def gci_for_elections(
    candidates: pd.DataFrame,
    gci: pd.DataFrame,
    published: Mapping[str, int] = EDITION_PUBLISHED,
) -> pd.DataFrame:
    """Attach to each candidate the GCI score and rank of the edition chosen for its election.

    Parameters
    ----------
    candidates
        Rows with columns ``iso3`` and ``year`` (the election year).
    gci
        Long GCI table (:data:`GCI_COLUMNS`), for example from :func:`load_gci_summary`.
    published
        Edition publication years passed to :func:`choose_edition`.

    Returns
    -------
    pandas.DataFrame
        ``candidates`` with ``gci_edition``, ``gci_score``, ``gci_score_100`` and ``gci_rank``
        added; the score and rank are missing where the edition lacks the country.
    """
    missing = [column for column in ("iso3", "year") if column not in candidates.columns]
    if missing:
        raise KeyError(f"Candidates table lacks column(s) {missing}.")
    editions = {int(year): choose_edition(int(year), published) for year in candidates["year"].unique()}
    out = candidates.copy()
    out["gci_edition"] = out["year"].astype(int).map(editions)
    values = gci[["iso3", "edition", "score", "score_100", "rank"]].rename(
        columns={"edition": "gci_edition", "score": "gci_score", "score_100": "gci_score_100", "rank": "gci_rank"}
    )
    merged = out.merge(values, on=["iso3", "gci_edition"], how="left", validate="many_to_one")
    merged.index = out.index
    return merged
