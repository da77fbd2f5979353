# %% [markdown]
# # Data

# %% tags=["parameters"]
elections = [2002, 2006, 2010, 2014, 2018, 2022]

# %%
from lib.results import Results
results = Results("data")
results.report("n_elections", len(elections), "elections", "Number of elections")

# %% [markdown]
# There are {glue:text}`n_elections` elections. $y = x$.
