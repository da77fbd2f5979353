"""BookTable: deterministic text, escaped Markdown for the PDF."""

import pandas as pd
import pytest

from lib.display import BookTable, markdown_cell


def test_markdown_cell_escapes_table_syntax():
    assert markdown_cell("a|b") == "a\\|b"
    assert markdown_cell("x_y*z") == "x\\_y\\*z"


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
