"""List the named non-state hacker groups whose country of origin two sources agree on.

Three independent sources name groups and their countries:

``EuRepoC``
    The EuRepoC 1.1 attribution table and the EuRepoC dashboard extract. Both come from the
    same project, so they count as one source. Only attributions in the categories
    ``Non-state-group`` and ``Individual hacker(s)`` are evidence; the category
    ``Non-state actor, state-affiliation suggested`` is not.
``CISSM``
    The CISSM Cyber Events Database (the full export and the dated subset, again one source).
    Its ``actor_country`` is often the victim's country, so a CISSM country may be one of two
    agreeing sources but never enough on its own.
``MISP``
    The MISP threat-actor galaxy: ISO2 ``meta.country``, and ``meta.synonyms`` that link
    spellings of one group.

Inclusion rule (:func:`select_groups`): a group enters when at least two of these sources
name the same state for it and no source names another state. A group that EuRepoC codes as
``State`` or CISSM as ``Nation-State`` in any record is left out, because the chapter
studies non-state hackers. Names are compared after :func:`normalise_name` and merged through
MISP synonyms only; similar names that were not merged are listed as near misses.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lib.tables import require_columns

logger = logging.getLogger(__name__)

SourceName = Literal["EuRepoC", "CISSM", "MISP"]
SOURCES: tuple[str, ...] = ("EuRepoC", "CISSM", "MISP")
Status = Literal["included", "country conflict", "single source", "no country", "coded as state actor"]

EUREPOC_NON_STATE_CATEGORIES: tuple[str, ...] = ("Non-state-group", "Individual hacker(s)")
EUREPOC_STATE_CATEGORY = "State"
CISSM_STATE_ACTOR_TYPE = "Nation-State"

# Normalised spellings that stand for "no name" in the sources.
PLACEHOLDER_KEYS: frozenset[str] = frozenset(
    {"", "na", "nan", "none", "notavailable", "unknown", "undetermined", "unattributed", "notattributed"}
)

CLAIM_COLUMNS = ["source", "name", "iso3", "state_actor"]
DEFAULT_NEAR_MISS_THRESHOLD = 0.85
MIN_AGREEING_SOURCES = 2


class GroupSourceError(ValueError):
    """A source table or claims table with missing columns or invalid values."""


@dataclass(frozen=True)
class GroupSelection:
    """Result of :func:`select_groups`.

    Attributes
    ----------
    decisions
        One row per merged group, included or not, with its status and the countries each
        source names.
    near_misses
        Pairs of normalised names in different groups whose similarity reaches the threshold.
    """

    decisions: pd.DataFrame
    near_misses: pd.DataFrame

    @property
    def groups(self) -> pd.DataFrame:
        """Included groups only."""
        return self.decisions[self.decisions["status"] == "included"].reset_index(drop=True)


def normalise_name(name: str) -> str:
    """Reduce a group name to a matching key: lower case, letters and digits only.

    Accents are removed (Unicode NFKD), so ``"Ayyıldız Tim"`` and ``"AYYILDIZ-TIM"`` differ
    only in the dotless i, which has no decomposition. Spacing and punctuation disappear, so
    ``"Turk Hack Team"`` and ``"TurkHackTeam"`` share the key ``"turkhackteam"``.
    """
    if not isinstance(name, str):
        raise TypeError(f"Invalid group name {name!r}: expected a string.")
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(character for character in decomposed if not unicodedata.combining(character))
    return "".join(character for character in without_marks.casefold() if character.isalnum())


def _split_names(value, separator: str) -> list[str]:
    if not isinstance(value, str):
        return []
    parts = [part.strip() for part in re.split(separator, value)]
    return [part for part in parts if normalise_name(part) not in PLACEHOLDER_KEYS]


def _require_columns(frame: pd.DataFrame, columns, what: str) -> None:
    require_columns(frame, columns, what, GroupSourceError)


def _state_codes(names: pd.Series, source: str) -> pd.Series:
    """Map country names to ISO3, leaving regions, organisations and placeholders empty."""
    from lib import countries

    present = names.dropna().astype(str).str.strip()
    if present.empty:
        return pd.Series("", index=names.index, dtype=object)
    kinds = countries.classify(present.unique(), source)
    lookup = kinds["iso3"].where(kinds["kind"] == "state", "")
    return names.map(lambda name: lookup.get(str(name).strip(), "") if isinstance(name, str) else "").astype(object)


def eurepoc_claims(attribution: pd.DataFrame, dashboard: pd.DataFrame | None = None) -> pd.DataFrame:
    """Turn EuRepoC attribution rows into name-country claims of the source ``EuRepoC``.

    Parameters
    ----------
    attribution
        EuRepoC 1.1 attribution table (``attributed_initiator``, ``attributed_initiator_country``,
        ``attributed_initiator_category``).
    dashboard
        Optional EuRepoC dashboard extract (``initiator_name``, ``initiator_country``,
        ``initiator_category``), treated as more records of the same source.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAIM_COLUMNS`. Rows in the non-state categories give a claim with the
        country, which is empty when it is not a state. Rows coded ``State`` give a claim with
        ``state_actor`` true and no country. A name with slashes (``"Molerats/Gaza Cybergang"``)
        gives one claim per part, because EuRepoC joins both aliases and co-initiators so.
    """
    _require_columns(
        attribution,
        ["attributed_initiator", "attributed_initiator_country", "attributed_initiator_category"],
        "EuRepoC attribution table",
    )
    frames = [
        attribution.rename(
            columns={
                "attributed_initiator": "name",
                "attributed_initiator_country": "country",
                "attributed_initiator_category": "category",
            }
        )[["name", "country", "category"]]
    ]
    if dashboard is not None:
        _require_columns(dashboard, ["initiator_name", "initiator_country", "initiator_category"], "EuRepoC dashboard extract")
        frames.append(
            dashboard.rename(
                columns={"initiator_name": "name", "initiator_country": "country", "initiator_category": "category"}
            )[["name", "country", "category"]]
        )
    records = pd.concat(frames, ignore_index=True)
    records = records[records["category"].isin(EUREPOC_NON_STATE_CATEGORIES + (EUREPOC_STATE_CATEGORY,))].copy()
    records["state_actor"] = records["category"] == EUREPOC_STATE_CATEGORY
    records["iso3"] = _state_codes(records["country"], "EuRepoC")
    records.loc[records["state_actor"], "iso3"] = ""
    records["name"] = records["name"].map(lambda value: _split_names(value, r"/"))
    return _finish_claims(records.explode("name"), "EuRepoC")


def cissm_claims(*tables: pd.DataFrame) -> pd.DataFrame:
    """Turn CISSM event rows into name-country claims of the source ``CISSM``.

    Each table needs ``actor``, ``actor_type`` and ``actor_country``. Several actors of one
    event are separated by semicolons and each gets the claim. Rows of actor type
    ``Nation-State`` give claims with ``state_actor`` true and no country.
    """
    if not tables:
        raise GroupSourceError("No CISSM table given.")
    frames = []
    for table in tables:
        _require_columns(table, ["actor", "actor_type", "actor_country"], "CISSM table")
        frames.append(table[["actor", "actor_type", "actor_country"]])
    records = pd.concat(frames, ignore_index=True).drop_duplicates()
    records["state_actor"] = records["actor_type"] == CISSM_STATE_ACTOR_TYPE
    records["iso3"] = _state_codes(records["actor_country"], "CISSM")
    records.loc[records["state_actor"], "iso3"] = ""
    records["name"] = records["actor"].map(lambda value: _split_names(value, r";"))
    return _finish_claims(records.explode("name"), "CISSM")


def misp_claims(galaxy: Mapping) -> tuple[pd.DataFrame, list[list[str]]]:
    """Turn the MISP threat-actor galaxy into claims and synonym sets.

    Returns
    -------
    claims
        One claim per actor (its ``value``), with the ISO3 code of ``meta.country`` or empty.
    synonym_sets
        For each actor, its value followed by its ``meta.synonyms``.

    Raises
    ------
    GroupSourceError
        The galaxy has no ``values`` list, or an ISO2 code is not a country in pycountry.
    """
    import pycountry

    if not isinstance(galaxy.get("values"), list):
        raise GroupSourceError("Invalid MISP galaxy: expected a top-level 'values' list of actors.")
    rows, synonym_sets = [], []
    for actor in galaxy["values"]:
        name = actor.get("value")
        if not isinstance(name, str) or not name.strip():
            raise GroupSourceError(f"Invalid MISP actor without a 'value': {str(actor)[:200]}")
        meta = actor.get("meta") or {}
        code = meta.get("country")
        iso3 = ""
        if code:
            country = pycountry.countries.get(alpha_2=str(code).upper())
            if country is None:
                raise GroupSourceError(f"Invalid ISO2 country code {code!r} of MISP actor {name!r}.")
            iso3 = country.alpha_3
        rows.append({"name": name, "iso3": iso3, "state_actor": False})
        synonyms = [synonym for synonym in meta.get("synonyms", []) if isinstance(synonym, str)]
        synonym_sets.append([name, *synonyms])
    return _finish_claims(pd.DataFrame(rows), "MISP"), synonym_sets


def _finish_claims(records: pd.DataFrame, source: str) -> pd.DataFrame:
    records = records.dropna(subset=["name"]).copy()
    records["name"] = records["name"].astype(str).str.strip()
    records = records[~records["name"].map(normalise_name).isin(PLACEHOLDER_KEYS)]
    records["source"] = source
    records["iso3"] = records["iso3"].fillna("").astype(str)
    records["state_actor"] = records["state_actor"].astype(bool)
    return records[CLAIM_COLUMNS].drop_duplicates().reset_index(drop=True)


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, first: str, second: str) -> None:
        first_root, second_root = self.find(first), self.find(second)
        if first_root != second_root:
            self.parent[max(first_root, second_root)] = min(first_root, second_root)


def select_groups(
    claims: pd.DataFrame,
    synonym_sets: Iterable[Iterable[str]] = (),
    near_miss_threshold: float = DEFAULT_NEAR_MISS_THRESHOLD,
) -> GroupSelection:
    """Merge the claims into groups and apply the inclusion rule.

    Parameters
    ----------
    claims
        Columns :data:`CLAIM_COLUMNS`: ``source`` (one of :data:`SOURCES`), ``name`` (as spelled
        in the source), ``iso3`` (ISO 3166 alpha-3, or empty when the source names the group
        without a state) and ``state_actor`` (the record codes the name as a state actor).
    synonym_sets
        Sets of names that denote one group (MISP value and synonyms). Names are merged when
        their normalised keys are equal or linked through a synonym set.
    near_miss_threshold
        Minimum :class:`difflib.SequenceMatcher` ratio of two normalised names in different
        groups for the pair to be listed as a near miss (only pairs where at least one group has
        a country claim from EuRepoC or CISSM are compared).

    Returns
    -------
    GroupSelection
        ``decisions`` has one row per group. Its columns are ``group`` (the MISP value if
        there is one, else the most frequent spelling), ``status`` (see :data:`Status`), ``iso3`` (the
        agreed country of an included group), ``n_sources`` (sources naming the one country
        that all sources agree on; 0 without a single country or for a state actor),
        one column per source with the codes it names (``eurepoc_iso3``, ``cissm_iso3``,
        ``misp_iso3``, comma-separated), ``state_actor_in`` (sources that code it as a state
        actor), ``misp_actors`` (MISP entries merged into it; more than one when entries share
        a synonym), ``names`` (every spelling in the claims, joined by ``" | "``) and ``keys``
        (their normalised keys).

    Raises
    ------
    GroupSourceError
        Missing columns, an unknown source, or a malformed ISO3 code.
    """
    _require_columns(claims, CLAIM_COLUMNS, "claims table")
    unknown_sources = sorted(set(claims["source"]) - set(SOURCES))
    if unknown_sources:
        raise GroupSourceError(f"Invalid source(s) {unknown_sources} in claims; use one of {SOURCES}.")
    codes = claims["iso3"].fillna("").astype(str)
    malformed = sorted(set(codes[(codes != "") & ~codes.str.fullmatch(r"[A-Z]{3}")]))
    if malformed:
        raise GroupSourceError(f"Invalid ISO3 code(s) {malformed} in claims; use upper-case alpha-3 codes or ''.")
    if not 0 < near_miss_threshold <= 1:
        raise ValueError(f"Invalid near_miss_threshold {near_miss_threshold}; it must lie in (0, 1].")

    synonym_sets = [list(names) for names in synonym_sets]
    claims = claims.assign(iso3=codes, key=claims["name"].astype(str).map(normalise_name))
    claims = claims[~claims["key"].isin(PLACEHOLDER_KEYS)]

    components = _UnionFind()
    for key in claims["key"]:
        components.add(key)
    for names in synonym_sets:
        keys = [normalise_name(name) for name in names]
        keys = [key for key in keys if key not in PLACEHOLDER_KEYS]
        for key in keys:
            components.add(key)
        for key in keys[1:]:
            components.union(keys[0], key)
    claims = claims.assign(component=claims["key"].map(components.find))
    spellings = _spellings(claims, synonym_sets)

    decisions = pd.DataFrame([_decide(component, rows) for component, rows in claims.groupby("component", sort=True)])
    decisions = decisions.sort_values(["status", "group"], key=_status_then_name, ignore_index=True)
    near_misses = _near_misses(claims, spellings, components, near_miss_threshold)
    counts = decisions["status"].value_counts().to_dict()
    logger.info("Group selection: %s; %d near misses at ratio >= %.2f", counts, len(near_misses), near_miss_threshold)
    return GroupSelection(decisions=decisions, near_misses=near_misses)


def _spellings(claims: pd.DataFrame, synonym_sets: Iterable[Iterable[str]]) -> dict[str, str]:
    """Pick one spelling per key for display: the first alphabetically among claims, else synonyms."""
    spellings: dict[str, str] = {}
    for names in synonym_sets:
        for name in names:
            spellings.setdefault(normalise_name(name), name)
    for key, names in claims.groupby("key")["name"]:
        spellings[key] = sorted(set(names))[0]
    return spellings


def _status_then_name(column: pd.Series) -> pd.Series:
    if column.name == "status":
        return column.map({"included": 0}).fillna(1)
    return column.str.casefold()


def _display_name(rows: pd.DataFrame) -> str:
    misp = rows.loc[rows["source"] == "MISP", "name"]
    if len(misp):
        return sorted(misp)[0]
    counts = rows["name"].value_counts()
    best = counts[counts == counts.max()].index
    return sorted(best)[0]


def _decide(component: str, rows: pd.DataFrame) -> dict:
    named = {source: sorted(set(rows.loc[(rows["source"] == source) & (rows["iso3"] != ""), "iso3"])) for source in SOURCES}
    countries = sorted({code for codes in named.values() for code in codes})
    state_sources = sorted(set(rows.loc[rows["state_actor"], "source"]))

    iso3, n_sources = "", 0
    if state_sources:
        status = "coded as state actor"
    elif not countries:
        status = "no country"
    elif len(countries) > 1:
        status = "country conflict"
    else:
        n_sources = sum(1 for codes in named.values() if codes)
        status = "included" if n_sources >= MIN_AGREEING_SOURCES else "single source"
        iso3 = countries[0] if status == "included" else ""

    return {
        "group": _display_name(rows),
        "status": status,
        "iso3": iso3,
        "n_sources": n_sources,
        "eurepoc_iso3": ", ".join(named["EuRepoC"]),
        "cissm_iso3": ", ".join(named["CISSM"]),
        "misp_iso3": ", ".join(named["MISP"]),
        "state_actor_in": ", ".join(state_sources),
        "misp_actors": " | ".join(sorted(set(rows.loc[rows["source"] == "MISP", "name"]), key=str.casefold)),
        "names": " | ".join(sorted(set(rows["name"]), key=str.casefold)),
        "keys": " | ".join(sorted(set(rows["key"]))),
    }


def _near_misses(claims: pd.DataFrame, spellings: Mapping[str, str], components: _UnionFind, threshold: float) -> pd.DataFrame:
    """List similar keys of different groups; one side must carry a EuRepoC or CISSM country.

    A letter-count bound (the same bound as :meth:`difflib.SequenceMatcher.quick_ratio`),
    computed for all keys at once with NumPy, discards most pairs before the exact ratio.
    """
    columns = ["name_a", "name_b", "key_a", "key_b", "similarity"]
    anchored = sorted(set(claims.loc[(claims["iso3"] != "") & (claims["source"] != "MISP"), "key"]))
    everyone = sorted(components.parent)
    alphabet = {character: index for index, character in enumerate(sorted({c for key in everyone for c in key}))}
    letter_counts = np.zeros((len(everyone), len(alphabet)), dtype=np.int32)
    for row, key in enumerate(everyone):
        for character in key:
            letter_counts[row, alphabet[character]] += 1
    lengths = letter_counts.sum(axis=1)
    position = {key: row for row, key in enumerate(everyone)}
    roots = np.array([components.find(key) for key in everyone], dtype=object)
    anchored_set = set(anchored)

    rows = []
    for key_a in anchored:
        row_a = position[key_a]
        common = np.minimum(letter_counts, letter_counts[row_a]).sum(axis=1)
        bound = 2.0 * common / (lengths + lengths[row_a])
        matcher = difflib.SequenceMatcher(b=key_a, autojunk=False)  # b is the side difflib caches
        for row_b in np.flatnonzero((bound >= threshold) & (roots != roots[row_a])):
            key_b = everyone[row_b]
            if key_b in anchored_set and key_b < key_a:
                continue  # the pair was compared from the other side
            matcher.set_seq1(key_b)
            similarity = matcher.ratio()
            if similarity >= threshold:
                rows.append((spellings[key_a], spellings[key_b], key_a, key_b, round(similarity, 3)))
    near = pd.DataFrame(rows, columns=columns)
    return near.sort_values(["similarity", "key_a", "key_b"], ascending=[False, True, True], ignore_index=True)
