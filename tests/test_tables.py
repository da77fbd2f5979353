"""Curated-table reader: malformed records are reported with the file and line."""

import pytest

from lib.tables import CuratedTableError, read_curated


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
