"""Curated-table reader: malformed records are reported with the file and line."""

import pandas as pd
import pandera.pandas as pa
import pytest

from lib.tables import CuratedTableError, read_curated, require_columns, validate_schema


def test_read_curated_returns_frame(tmp_path):
    file = tmp_path / "table.csv"
    file.write_text('a,b\n1,"x, y"\n2,z\n')

    frame = read_curated(file, columns=["a", "b"])

    assert frame["b"].tolist() == ["x, y", "z"]


@pytest.mark.parametrize("row", ["1,x,extra", "1"])
def test_read_curated_reports_wrong_field_count(tmp_path, row):
    file = tmp_path / "table.csv"
    file.write_text(f"a,b\n1,x\n{row}\n")

    with pytest.raises(CuratedTableError) as error:
        read_curated(file)

    assert "line 3 has" in str(error.value)
    assert str(file) in str(error.value)


def test_read_curated_reports_missing_column(tmp_path):
    file = tmp_path / "table.csv"
    file.write_text("a,b\n1,2\n")

    with pytest.raises(CuratedTableError, match=r"missing column\(s\) \['c'\]"):
        read_curated(file, columns=["a", "c"])


def test_read_curated_reports_missing_file(tmp_path):
    with pytest.raises(CuratedTableError, match="Missing curated table"):
        read_curated(tmp_path / "absent.csv")


def test_read_curated_rejects_empty_file(tmp_path):
    file = tmp_path / "table.csv"
    file.write_text("")

    with pytest.raises(CuratedTableError, match="empty"):
        read_curated(file)


class _ExampleError(ValueError):
    pass


def test_require_columns_raises_callers_error():
    frame = pd.DataFrame(columns=["a", "b"])

    with pytest.raises(_ExampleError) as error:
        require_columns(frame, ["a", "c"], "example table", _ExampleError, hint=" Check the export.")

    assert "Invalid example table: missing column(s) ['c']" in str(error.value)
    assert "found ['a', 'b']" in str(error.value)
    assert str(error.value).endswith("Check the export.")


def test_validate_schema_reports_file_lines():
    schema = pa.DataFrameSchema({"year": pa.Column(int, pa.Check.ge(2000))}, coerce=True)
    frame = pd.DataFrame({"year": [2001, 1999, 2002]})

    with pytest.raises(_ExampleError) as error:
        validate_schema(frame, schema, "example.csv", _ExampleError)

    message = str(error.value)
    assert "Invalid rows in example.csv" in message
    assert "1999" in message
    assert " 3" in message.splitlines()[-1]  # the second data row is line 3 of the file
