"""Show a table in the book so that it reads well in both the HTML site and the PDF.

A pandas ``Styler`` has no form that MyST-NB renders in the PDF, and its plain-text form
contains a memory address that changes on every run. :class:`BookTable` wraps a DataFrame
and gives MyST-NB three forms: HTML (index hidden) for the site, a Markdown table that the
LaTeX builder turns into a real table for the PDF, and deterministic plain text. The Markdown
form matters because MyST-NB 1.4 prefers ``text/markdown`` for LaTeX output and renders
``text/latex`` as math. Glue it like any other object::

    glue("tbl_inputs", BookTable(frame), display=False)
"""

from __future__ import annotations

import re

import pandas as pd

LONG_TOKEN = re.compile(r"\S{21,}")
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")  # some raw names carry C1 bytes from bad decoding
MARKDOWN_SPECIAL = re.compile(r"[|*_`\[\]<>#$]")
BREAK_EVERY = 20  # characters between the spaces inserted into long words (URLs, checksums) in the PDF


def markdown_cell(value) -> str:
    """Format one value for a Markdown table cell, with spaces inside words too long for a PDF column."""
    text = "" if not isinstance(value, str) and pd.isna(value) else str(value)
    text = CONTROL_CHARACTERS.sub("", text.replace("\n", " "))
    text = LONG_TOKEN.sub(
        lambda match: " ".join(match.group(0)[start : start + BREAK_EVERY] for start in range(0, len(match.group(0)), BREAK_EVERY)),
        text,
    )
    text = text.replace("\\", "\\\\")
    return MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def markdown_table(table: pd.DataFrame, index: bool = False) -> str:
    """Render ``table`` as a GitHub-flavoured Markdown pipe table.

    MyST-NB turns it into a real table in both the HTML site and the PDF, for example inside
    a ``{table}`` directive through ``{glue:md}``. Cells are written with ``str`` (missing values
    as empty cells), so format numbers first; Markdown characters such as ``*`` (significance
    stars), ``_``, ``$`` and ``<`` are escaped with a backslash.
    """
    frame = table.reset_index(names=[table.index.name or ""]) if index else table
    header = "| " + " | ".join(markdown_cell(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def glue_table(key: str, table: pd.DataFrame, index: bool = True) -> None:
    """Glue ``table`` as Markdown under ``key``, for a numbered ``{table}`` block with ``{glue:md}``."""
    from IPython.display import Markdown
    from myst_nb import glue

    glue(key, Markdown(markdown_table(table, index=index)), display=False)


def show_table(table: pd.DataFrame) -> None:
    """Display ``table`` as a :class:`BookTable`, keeping a meaningful index as the first column."""
    from IPython.display import display

    if not isinstance(table.index, pd.RangeIndex):
        table = table.reset_index()
    display(BookTable(table))


class BookTable:
    """A DataFrame shown as an HTML table on the site and a Markdown table in the PDF.

    Parameters
    ----------
    frame
        The table. Its index is not shown; reset it first if it carries information.
    """

    def __init__(self, frame: pd.DataFrame):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"BookTable needs a pandas DataFrame, not {type(frame).__name__}.")
        self.frame = frame

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, border=0)

    def _repr_markdown_(self) -> str:
        """Return a GitHub-flavoured Markdown table, which MyST-NB renders in the PDF."""
        return markdown_table(self.frame)
