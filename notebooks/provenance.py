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
from lib.display import glue_table
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
glue_table("raw_inputs_table", inputs[["key", "version", "doi", "licence", "redistributed"]], index=False)

# %% [markdown]
# ~~~~{table} Raw inputs with their version, DOI and licence. "redistributed" shows whether the archive of this build contains the file; the others are named here only.
# :name: tbl-raw-inputs
#
# ```{glue:md} raw_inputs_table
# :format: myst
# ```
# ~~~~
#
# The second table gives each file's path in the mirror folder, the address the build
# downloads it from, and its SHA-256. In the PDF, long addresses and checksums are broken by
# spaces so that they fit the column; the HTML page and `data_manifest.csv` in the archive
# show them whole.

# %%
locations = inputs[["key", "file", "origin"]].copy()
if show_checksums:
    locations["sha256"] = inputs["sha256"]
glue_table("raw_locations_table", locations, index=False)

# %% [markdown]
# ~~~~{table} Where each raw input comes from, and its SHA-256.
# :name: tbl-raw-locations
#
# ```{glue:md} raw_locations_table
# :format: myst
# ```
# ~~~~
#
# ## Curated tables
#
# The {glue:text}`n_curated_tables` tables below were compiled for this project from public
# pages and are committed with the book, each with a `SOURCES.md` beside it.

# %%
glue_table("curated_table", curated, index=False)

# %% [markdown]
# ~~~~{table} Curated tables: rows, columns, rows without a source and distinct sources.
# :name: tbl-curated
#
# ```{glue:md} curated_table
# :format: myst
# ```
# ~~~~
