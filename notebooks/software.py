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
# # Software environment
#
# The Python version, every installed Python package and the TeX Live release that built
# this copy of the book. `requirements.txt` pins the same packages.

# %% tags=["parameters"]
# This page takes no parameters: it describes the environment that runs it.

# %% tags=["remove-cell"]
from myst_nb import glue

from lib import provenance
from lib.display import glue_table
from lib.results import Results

# %%
environment = provenance.environment_summary()
packages = provenance.installed_packages()
results = Results("software")
results.report("n_packages", len(packages), "packages", "Python packages installed in the build environment");
glue("python_version", environment["python"], display=False)
glue("tex_version", environment["tex"], display=False)
glue("platform", environment["platform"], display=False)

# %% [markdown]
# - Python: {glue:text}`python_version`
# - TeX: {glue:text}`tex_version`
# - Platform: {glue:text}`platform`
#
# The build environment contains {glue:text}`n_packages` Python packages.

# %%
glue_table("packages_table", packages, index=False)

# %% [markdown]
# ~~~~{table} Python packages of the build environment, by name and version.
# :name: tbl-packages
#
# ```{glue:md} packages_table
# :format: myst
# ```
# ~~~~
