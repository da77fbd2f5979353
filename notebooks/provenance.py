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
glue("raw_inputs_table", BookTable(inputs[["key", "version", "doi", "licence", "redistributed"]]), display=False)

# %% [markdown]
# (tbl-raw-inputs)=
# **Table.** Raw inputs with their version, DOI and licence. "redistributed" says whether the
# archive of this build contains the file; the others are named here only.
#
# ```{glue} raw_inputs_table
# ```
#
# The second table gives each file's path in the mirror folder, the address the build
# downloads it from, and its SHA-256. In the PDF, long addresses and checksums are broken by
# spaces so that they fit the column; the HTML page and `data_manifest.csv` in the archive
# show them whole.

# %%
locations = inputs[["key", "file", "origin"]].copy()
if show_checksums:
    locations["sha256"] = inputs["sha256"]
glue("raw_locations_table", BookTable(locations), display=False)

# %% [markdown]
# (tbl-raw-locations)=
# **Table.** Where each raw input comes from, and its SHA-256.
#
# ```{glue} raw_locations_table
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
