"""BookTable: deterministic text, escaped Markdown for the PDF."""

import numpy as np
import pandas as pd
import pytest

from lib.display import BookTable, markdown_cell, markdown_table


def test_markdown_cell_escapes_table_syntax():
    assert markdown_cell("a|b") == "a\\|b"
    assert markdown_cell("x_y*z") == "x\\_y\\*z"


def test_markdown_cell_drops_control_characters():
    assert markdown_cell("People\u00c3\u008ds Army\nline") == "People\u00c3s Army line"


def test_markdown_cell_breaks_long_words():
    cell = markdown_cell("f" * 64)

    assert cell.replace(" ", "") == "f" * 64
    assert max(len(part) for part in cell.split(" ")) <= 20


def test_markdown_table_has_header_rule_and_rows():
    table = BookTable(pd.DataFrame({"name": ["a", "b"], "value": [1, 2]}))

    lines = table._repr_markdown_().splitlines()

    assert lines[0] == "| name | value |"
    assert lines[1] == "|---|---|"
    assert lines[2:] == ["| a | 1 |", "| b | 2 |"]


def test_repr_has_no_memory_address():
    assert " at 0x" not in repr(BookTable(pd.DataFrame({"a": [1]})))


def test_book_table_rejects_non_frame():
    with pytest.raises(TypeError, match="DataFrame"):
        BookTable([1, 2])


def test_markdown_table_layout_and_escapes():
    table = pd.DataFrame(
        {"Model 1": ["-0.5**", "(0.1)", "1,272"], "a_b": [np.nan, "US$ | x", "<iso3>"]},
        index=pd.Index(["Election year", "", "Observations"], name=""),
    )
    lines = markdown_table(table, index=True).splitlines()
    assert lines[0] == "|  | Model 1 | a\\_b |"
    assert lines[1] == "|---|---|---|"
    assert lines[2] == "| Election year | -0.5\\*\\* |  |"
    assert lines[3] == "|  | (0.1) | US\\$ \\| x |"
    assert lines[4] == "| Observations | 1,272 | \\<iso3\\> |"


def test_markdown_table_without_index():
    lines = markdown_table(pd.DataFrame({"x": [1, 2]}), index=False).splitlines()
    assert lines == ["| x |", "|---|", "| 1 |", "| 2 |"]
