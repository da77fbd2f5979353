"""Country-name conversion: regions and placeholders are labelled, unknown names stop."""

import pytest

from lib import countries


def test_classify_marks_regions_organisations_and_placeholders():
    kinds = countries.classify(
        ["EU (region)", "South China Sea (region)", "Interpol", "Unknown", "ISIS", "Turkey"], "test"
    )

    assert kinds.loc["EU (region)", "kind"] == "region"
    assert kinds.loc["South China Sea (region)", "kind"] == "region"
    assert kinds.loc["Interpol", "kind"] == "organisation"
    assert kinds.loc["Unknown", "kind"] == "unknown"
    assert kinds.loc["ISIS", "kind"] == "non-state"
    assert kinds.loc["Turkey", "iso3"] == "TUR"


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Iran, Islamic Republic of", "IRN"),
        ("Korea, Democratic People's Republic of", "PRK"),
        ("Korea, Republic of", "KOR"),
        ("Palestine", "PSE"),
        ("Holy See (Vatican City State)", "VAT"),
        ("Namibia", "NAM"),
        ("Swaziland", "SWZ"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
    ],
)
def test_to_iso3_eurepoc_spellings(name, iso3):
    assert countries.to_iso3([name], "test").tolist() == [iso3]


def test_to_iso3_unknown_name_is_named_in_error():
    with pytest.raises(countries.UnknownCountryError) as error:
        countries.to_iso3(["Atlantis", "France"], "test source")

    assert error.value.names == ["Atlantis"]
    assert "test source" in str(error.value)
    assert "overrides.csv" in str(error.value)


def test_to_iso3_rejects_region():
    with pytest.raises(countries.UnknownCountryError, match="EU \\(region\\)"):
        countries.to_iso3(["EU (region)"], "test")


def test_classify_rejects_missing_name():
    with pytest.raises(ValueError, match="Missing country name"):
        countries.classify(["France", None], "test")


def test_to_iso3_rejects_unassigned_code():
    with pytest.raises(countries.UnknownCountryError) as error:
        countries.to_iso3(["XYZ"], "test")

    assert error.value.names == ["XYZ"]


def test_to_iso3_accepts_iso3_code():
    assert countries.to_iso3(["FRA"], "test").tolist() == ["FRA"]


def test_load_overrides_rejects_duplicate_names(tmp_path):
    file = tmp_path / "overrides.csv"
    file.write_text("name,kind,iso3,note\nAfrica,region,,a\nAfrica ,region,,b\n")

    with pytest.raises(ValueError, match=r"Duplicate name\(s\) \['Africa'\]"):
        countries.load_overrides(str(file))
