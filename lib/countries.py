"""Convert the country names of the raw sources to ISO 3166 alpha-3 codes.

country_converter's name patterns do the matching. A small committed table,
``data/country_names/overrides.csv``, comes first: it marks regions, international
organisations and placeholders such as ``Unknown``, and corrects the library where it is
wrong. A name that is neither in the table nor matched by the library stops the caller
with :class:`UnknownCountryError`, which lists every such name.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from lib import paths

NameKind = Literal["state", "region", "organisation", "non-state", "unknown"]
NAME_KINDS: tuple[str, ...] = ("state", "region", "organisation", "non-state", "unknown")


class UnknownCountryError(ValueError):
    """Names that are neither in the override table nor matched by country_converter."""

    def __init__(self, names: Iterable[str], source: str):
        self.names = sorted(set(names))
        super().__init__(
            f"Unknown country name(s) in {source}: {self.names}. Add each to "
            f"{paths.COUNTRY_NAME_OVERRIDES_CSV.relative_to(paths.PROJECT_ROOT)} with its kind "
            f"({', '.join(NAME_KINDS)}) and, for a state, its ISO3 code."
        )


@functools.lru_cache(maxsize=1)
def _converter():
    import country_converter

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # it logs every miss
    return country_converter.CountryConverter()


def known_iso3_codes() -> frozenset[str]:
    """Return every ISO3 code in country_converter's table (ISO 3166 plus Kosovo's XKX)."""
    return frozenset(_converter().data["ISO3"])


@functools.lru_cache(maxsize=4)
def load_overrides(file: str = str(paths.COUNTRY_NAME_OVERRIDES_CSV)) -> pd.DataFrame:
    """Read the override table, checking its kinds, codes and names."""
    from lib.tables import read_curated

    table = read_curated(file, columns=["name", "kind", "iso3"], dtype=str, keep_default_na=False)
    table["name"] = table["name"].str.strip()
    duplicates = sorted(set(table.loc[table["name"].duplicated(), "name"]))
    if duplicates:
        raise ValueError(f"Duplicate name(s) {duplicates} in {file}; keep one row per name.")
    bad_kinds = sorted(set(table["kind"]) - set(NAME_KINDS))
    if bad_kinds:
        raise ValueError(f"Invalid kind(s) {bad_kinds} in {file}; use one of {NAME_KINDS}.")
    states_without_code = table.loc[(table["kind"] == "state") & ~table["iso3"].str.fullmatch(r"[A-Z]{3}"), "name"]
    if len(states_without_code):
        raise ValueError(f"Rows of kind 'state' without a valid ISO3 code in {file}: {list(states_without_code)}.")
    return table.set_index("name")


def classify(names: Iterable[str], source: str = "input") -> pd.DataFrame:
    """Return the kind and ISO3 code of each distinct name.

    Parameters
    ----------
    names
        Country names as spelled in a source. Missing values are not allowed.
    source
        Name of the source, used in error messages.

    Returns
    -------
    pandas.DataFrame
        Indexed by name, with columns ``kind`` (one of :data:`NAME_KINDS`) and ``iso3``
        (empty unless the kind is ``state``).

    Raises
    ------
    UnknownCountryError
        Some names are neither in the override table nor matched by country_converter.
    """
    distinct = pd.Series(list(names), dtype=object)
    if distinct.isna().any():
        raise ValueError(f"Missing country name(s) in {source}; drop or label them before converting.")
    distinct = sorted(set(distinct.astype(str).str.strip()))
    overrides = load_overrides()

    rows = {}
    to_match = []
    for name in distinct:
        if name in overrides.index:
            rows[name] = (overrides.at[name, "kind"], overrides.at[name, "iso3"])
        elif name.endswith("(region)"):
            rows[name] = ("region", "")
        else:
            to_match.append(name)

    if to_match:
        converter = _converter()
        matched = converter.convert(to_match, to="ISO3", not_found=None)
        matched = matched if isinstance(matched, list) else [matched]
        known_codes = known_iso3_codes()
        unknown = []
        for name, code in zip(to_match, matched):
            # With not_found=None, country_converter returns an unmatched name unchanged, so a
            # code is accepted only when it is one of the library's own ISO3 codes.
            if isinstance(code, str) and code in known_codes:
                rows[name] = ("state", code)
            else:  # no match, or several (country_converter then returns a list)
                unknown.append(name)
        if unknown:
            raise UnknownCountryError(unknown, source)

    return pd.DataFrame.from_dict(rows, orient="index", columns=["kind", "iso3"]).rename_axis("name")


def to_iso3(names: Iterable[str], source: str = "input") -> pd.Series:
    """Map every name to its ISO3 code, raising if any name is not a state.

    Use :func:`classify` first where the input may contain regions, organisations or
    placeholders that the caller drops.

    Raises
    ------
    UnknownCountryError
        Some names are unknown, or are known not to be states.
    """
    names = list(names)
    kinds = classify(names, source)
    not_states = kinds.index[kinds["kind"] != "state"]
    if len(not_states):
        raise UnknownCountryError(not_states, source)
    lookup = kinds["iso3"]
    return pd.Series([lookup[str(name).strip()] for name in names], index=range(len(names)), name="iso3")
