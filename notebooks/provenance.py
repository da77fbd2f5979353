# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Data provenance
#
# Every third-party input of this build, generated from the data registry
# (`lib/data_registry.yml`). The build refuses a file whose SHA-256 differs from the one
# listed here.

# %% tags=["parameters"]
show_checksums = True

# %% tags=["remove-cell"]
from myst_nb import glue

from lib import provenance
from lib.display import BookTable
from lib.results import Results

# %%
inputs = provenance.raw_inputs_table()
curated = provenance.curated_tables_summary()
results = Results("provenance")
results.report("n_raw_inputs", len(inputs), "files", "Third-party raw inputs in the data registry")
results.report("n_curated_tables", len(curated), "tables", "Curated tables committed with the book");

# %% [markdown]
# ## Third-party inputs
#
# The build reads {glue:text}`n_raw_inputs` third-party files. None of them is part of the
# book's repository. The build takes each from a local mirror folder or downloads it from
# its origin, then checks its SHA-256.

# %%
columns = ["key", "file", "version", "origin", "doi", "licence", "redistributed"]
if show_checksums:
    columns.append("sha256")
glue("raw_inputs_table", BookTable(inputs[columns]), display=False)

# %% [markdown]
# (tbl-raw-inputs)=
# **Table.** Raw inputs with their version, origin, licence and SHA-256. "redistributed" says whether the archive of this build contains the file; the others are named here only.
#
# ```{glue} raw_inputs_table
# ```
#
# ## Curated tables
#
# The {glue:text}`n_curated_tables` tables below were compiled for this project from public
# pages and are committed with the book, each with a `SOURCES.md` beside it.

# %%
glue("curated_table", BookTable(curated), display=False)

# %% [markdown]
# (tbl-curated)=
# **Table.** Curated tables: rows, columns, rows without a source and distinct sources.
#
# ```{glue} curated_table
# ```
