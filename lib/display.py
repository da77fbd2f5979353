"""Show a table in the book so that it reads well in both the HTML site and the PDF.

A pandas ``Styler`` has no LaTeX form that MyST-NB uses, and its plain-text form contains a
memory address that changes on every run. :class:`BookTable` wraps a DataFrame and gives
MyST-NB an HTML form (index hidden), a LaTeX ``longtable`` with wrapping columns that fits the
page, and a deterministic plain-text form. Glue it like any other object::

    glue("tbl_inputs", BookTable(frame), display=False)
"""

from __future__ import annotations

import re

import pandas as pd

LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
LONG_TOKEN = re.compile(r"\S{21,}")
BREAK_EVERY = 12  # characters between allowed line breaks inside long words (URLs, checksums)


def escape_latex(text: str) -> str:
    """Escape LaTeX's special characters and allow line breaks inside long words."""

    def breakable(match: re.Match) -> str:
        token = match.group(0)
        return "\u0000".join(token[start : start + BREAK_EVERY] for start in range(0, len(token), BREAK_EVERY))

    text = LONG_TOKEN.sub(breakable, str(text))
    escaped = "".join(LATEX_SPECIAL.get(character, character) for character in text)
    return escaped.replace("\u0000", r"\allowbreak{}")


class BookTable:
    """A DataFrame shown as a table in HTML and as a page-wide ``longtable`` in LaTeX.

    Parameters
    ----------
    frame
        The table. Its index is not shown; reset it first if it carries information.
    font_size
        LaTeX size command for the PDF, for example ``"small"`` or ``"scriptsize"``.
    """

    def __init__(self, frame: pd.DataFrame, font_size: str = "small"):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"BookTable needs a pandas DataFrame, not {type(frame).__name__}.")
        self.frame = frame
        self.font_size = font_size

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)

    def _repr_html_(self) -> str:
        return self.frame.style.hide(axis="index").to_html()

    def _column_widths(self) -> list[float]:
        lengths = []
        for column in self.frame.columns:
            values = [str(column)] + [str(value) for value in self.frame[column]]
            lengths.append(min(max(len(value) for value in values), 60) + 4)
        total = sum(lengths)
        return [0.95 * length / total for length in lengths]

    def _repr_latex_(self) -> str:
        column_spec = "".join(
            rf">{{\raggedright\arraybackslash}}p{{{width:.3f}\linewidth}}" for width in self._column_widths()
        )
        header = " & ".join(rf"\textbf{{{escape_latex(column)}}}" for column in self.frame.columns)
        body = "\n".join(
            " & ".join(escape_latex("" if pd.isna(value) else value) for value in row) + r" \\"
            for row in self.frame.itertuples(index=False)
        )
        return "\n".join(
            [
                rf"\begin{{{self.font_size}}}",
                rf"\begin{{longtable}}{{{column_spec}}}",
                r"\hline",
                header + r" \\",
                r"\hline",
                r"\endhead",
                body,
                r"\hline",
                r"\end{longtable}",
                rf"\end{{{self.font_size}}}",
            ]
        )
