"""Benchmarks of the book's slow steps, each printed as a ratio to a baseline timed in the same run.

Run with ``make benchmark`` or ``.venv/bin/python benchmarks/run_all.py``. Absolute times depend
on the machine; the ratios show whether a step became slower relative to plain work that the
same machine does at the same moment.

1. Outcome coding: ``lib.eurepoc.count_nonstate_pairs`` on the EuRepoC 1.1 tables, against
   reading those tables (baseline). Needs the raw-data mirror.
2. Parametric bootstrap of the average marginal effect (1,000 draws), against one negative
   binomial fit with spell fixed effects (baseline), on a simulated panel of 150 spells.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib import count_models, eurepoc, paths  # noqa: E402

REPEATS = 5


def median_seconds(function, repeats: int = REPEATS) -> float:
    """Return the median wall time of ``repeats`` calls of ``function``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def simulated_hacker_panel(spells: int = 150, seed: int = 1) -> pd.DataFrame:
    """Return a simulated hacker-spell panel: four years per spell, negative binomial counts."""
    rng = np.random.default_rng(seed)
    rows = []
    for spell in range(spells):
        level = rng.gamma(2.0, 2.0)
        for years_to_election in (-3, -2, -1, 0):
            treated = int(years_to_election == 0)
            mean = level * np.exp(-0.3 * treated)
            rows.append(
                {
                    "group": f"g{spell % 80}",
                    "spell_id": f"s{spell}",
                    "year": 2018 + years_to_election,
                    "election_year_indicator": treated,
                    "events": rng.negative_binomial(2, 2 / (2 + mean)),
                }
            )
    return pd.DataFrame(rows)


def benchmark_outcome_coding() -> None:
    if paths.default_mirror() is None:
        print("outcome coding: skipped (no raw-data mirror)")
        return
    tables = eurepoc.read_eurepoc_tables()
    baseline = median_seconds(eurepoc.read_eurepoc_tables)
    coding = median_seconds(lambda: eurepoc.count_nonstate_pairs(tables.global_table, tables.attribution, tables.receiver))
    print(f"outcome coding / reading the tables: {coding / baseline:.2f}  ({coding:.3f} s / {baseline:.3f} s)")


def benchmark_bootstrap() -> None:
    panel = simulated_hacker_panel()
    baseline = median_seconds(lambda: count_models.fit_spell_fixed_effects(panel), repeats=3)
    fit = count_models.fit_spell_fixed_effects(panel)
    bootstrap = median_seconds(lambda: count_models.bootstrap_ame(fit, draws=1000, seed=0, progress=False), repeats=3)
    print(f"bootstrap (1,000 draws) / one negative binomial fit: {bootstrap / baseline:.2f}  ({bootstrap:.3f} s / {baseline:.3f} s)")


if __name__ == "__main__":
    benchmark_outcome_coding()
    benchmark_bootstrap()
