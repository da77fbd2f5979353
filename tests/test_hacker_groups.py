import pandas as pd
import pytest

from lib.hacker_groups import (
    GroupSourceError,
    cissm_claims,
    eurepoc_claims,
    misp_claims,
    normalise_name,
    select_groups,
)


def claim(source, name, iso3="", state_actor=False):
    return {"source": source, "name": name, "iso3": iso3, "state_actor": state_actor}


def decision(selection, group):
    rows = selection.decisions[selection.decisions["group"] == group]
    assert len(rows) == 1, f"expected one decision row for {group!r}, found {len(rows)}"
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Turk Hack Team", "turkhackteam"),
        ("TurkHackTeam", "turkhackteam"),
        ("  Anti-Armenia   Team ", "antiarmeniateam"),
        ("NoName057(16)", "noname05716"),
        ("Café Crew", "cafecrew"),
        ("Ayyıldız Tim", "ayyıldıztim"),  # the dotless i has no decomposition
    ],
)
def test_normalise_name(name, key):
    assert normalise_name(name) == key


def test_normalise_name_rejects_non_string():
    with pytest.raises(TypeError, match="Invalid group name"):
        normalise_name(None)


RULE_CLAIMS = pd.DataFrame(
    [
        # two sources agree -> included
        claim("EuRepoC", "Alpha Team", "TUR"),
        claim("MISP", "Alpha Team", "TUR"),
        # CISSM alone -> single source
        claim("CISSM", "Bravo Crew", "RUS"),
        # CISSM may be one of two agreeing sources
        claim("CISSM", "Charlie", "IRN"),
        claim("EuRepoC", "Charlie", "IRN"),
        # a third source names another state -> conflict
        claim("EuRepoC", "Delta", "TUR"),
        claim("MISP", "Delta", "TUR"),
        claim("CISSM", "Delta", "RUS"),
        # one source naming two states -> conflict
        claim("EuRepoC", "Echo", "PAK"),
        claim("EuRepoC", "Echo", "IND"),
        claim("MISP", "Echo", "PAK"),
        # two EuRepoC records (attribution table and dashboard) are one source
        claim("EuRepoC", "Foxtrot", "SYR"),
        claim("EuRepoC", "Foxtrot", "SYR"),
        # coded as a state actor somewhere -> out, whatever countries the sources name
        claim("EuRepoC", "Golf", "CHN"),
        claim("MISP", "Golf", "CHN"),
        claim("CISSM", "Golf", "", state_actor=True),
        # named without any state
        claim("EuRepoC", "Hotel"),
        claim("CISSM", "Hotel"),
        # a placeholder country ("Unknown" -> "") does not contradict
        claim("EuRepoC", "India Squad", ""),
        claim("CISSM", "India Squad", "IRN"),
        claim("MISP", "India Squad", "IRN"),
    ]
)


@pytest.mark.parametrize(
    ("group", "status", "iso3", "n_sources"),
    [
        ("Alpha Team", "included", "TUR", 2),
        ("Bravo Crew", "single source", "", 1),
        ("Charlie", "included", "IRN", 2),
        ("Delta", "country conflict", "", 0),
        ("Echo", "country conflict", "", 0),
        ("Foxtrot", "single source", "", 1),
        ("Golf", "coded as state actor", "", 0),
        ("Hotel", "no country", "", 0),
        ("India Squad", "included", "IRN", 2),
    ],
)
def test_inclusion_rule(group, status, iso3, n_sources):
    row = decision(select_groups(RULE_CLAIMS), group)
    assert row["status"] == status
    assert row["iso3"] == iso3
    assert row["n_sources"] == n_sources


def test_inclusion_rule_records_each_source():
    row = decision(select_groups(RULE_CLAIMS), "Delta")
    assert row["eurepoc_iso3"] == "TUR"
    assert row["cissm_iso3"] == "RUS"
    assert row["misp_iso3"] == "TUR"


def test_groups_property_keeps_included_only():
    selection = select_groups(RULE_CLAIMS)
    assert sorted(selection.groups["group"]) == ["Alpha Team", "Charlie", "India Squad"]


def test_names_merge_through_normalisation():
    claims = pd.DataFrame([claim("EuRepoC", "Turk Hack Team", "TUR"), claim("CISSM", "TurkHackTeam", "TUR")])
    selection = select_groups(claims)
    assert len(selection.decisions) == 1
    assert selection.decisions.loc[0, "status"] == "included"


def test_names_merge_through_misp_synonyms():
    claims = pd.DataFrame(
        [claim("EuRepoC", "Syrian Electronic Army", "SYR"), claim("MISP", "Deadeye Jackal", "SYR")]
    )
    selection = select_groups(claims, [["Deadeye Jackal", "SyrianElectronicArmy", "SEA"]])
    assert len(selection.decisions) == 1
    row = selection.decisions.iloc[0]
    assert row["group"] == "Deadeye Jackal"
    assert row["status"] == "included"
    assert row["names"] == "Deadeye Jackal | Syrian Electronic Army"


def test_synonyms_accept_a_generator():
    claims = pd.DataFrame([claim("EuRepoC", "Syrian Electronic Army", "SYR"), claim("MISP", "Deadeye Jackal", "SYR")])
    selection = select_groups(claims, (names for names in [["Deadeye Jackal", "Syrian Electronic Army"]]))
    assert selection.decisions.iloc[0]["status"] == "included"


def test_near_miss_listed_not_merged():
    claims = pd.DataFrame([claim("EuRepoC", "Pakistan Cyber Army", "PAK"), claim("MISP", "Pakistani Cyber Army", "PAK")])
    selection = select_groups(claims, near_miss_threshold=0.9)
    assert len(selection.decisions) == 2
    assert set(selection.decisions["status"]) == {"single source"}
    assert len(selection.near_misses) == 1
    pair = selection.near_misses.iloc[0]
    assert {pair["name_a"], pair["name_b"]} == {"Pakistan Cyber Army", "Pakistani Cyber Army"}
    assert pair["similarity"] == pytest.approx(2 * 17 / (17 + 18), abs=1e-3)


def test_near_miss_threshold_filters_pairs():
    claims = pd.DataFrame([claim("EuRepoC", "Pakistan Cyber Army", "PAK"), claim("MISP", "Pakistani Cyber Army", "PAK")])
    assert select_groups(claims, near_miss_threshold=0.99).near_misses.empty


def test_near_miss_needs_a_non_misp_country():
    claims = pd.DataFrame([claim("MISP", "Pakistan Cyber Army", "PAK"), claim("MISP", "Pakistani Cyber Army", "PAK")])
    assert select_groups(claims, near_miss_threshold=0.9).near_misses.empty


def test_select_groups_rejects_missing_column():
    with pytest.raises(GroupSourceError, match="missing column"):
        select_groups(pd.DataFrame({"source": ["EuRepoC"], "name": ["X"], "iso3": ["TUR"]}))


def test_select_groups_rejects_unknown_source():
    with pytest.raises(GroupSourceError, match="Invalid source"):
        select_groups(pd.DataFrame([claim("Wikipedia", "X", "TUR")]))


def test_select_groups_rejects_malformed_iso3():
    with pytest.raises(GroupSourceError, match="Invalid ISO3"):
        select_groups(pd.DataFrame([claim("EuRepoC", "X", "Turkey")]))


def test_eurepoc_claims_filters_categories_and_splits_names():
    attribution = pd.DataFrame(
        {
            "attributed_initiator": ["Molerats/Gaza Cybergang", "Fancy Bear", "Shadow Crew", "Not available", "Lone Wolf"],
            "attributed_initiator_country": ["Palestine", "Russia", "Turkey", "Iran", "Unknown"],
            "attributed_initiator_category": [
                "Non-state-group",
                "State",
                "Non-state actor, state-affiliation suggested",
                "Non-state-group",
                "Individual hacker(s)",
            ],
        }
    )
    claims = eurepoc_claims(attribution).set_index("name")
    assert sorted(claims.index) == ["Fancy Bear", "Gaza Cybergang", "Lone Wolf", "Molerats"]
    assert claims.loc["Molerats", "iso3"] == "PSE"
    assert claims.loc["Gaza Cybergang", "iso3"] == "PSE"
    assert claims.loc["Lone Wolf", "iso3"] == ""
    assert bool(claims.loc["Fancy Bear", "state_actor"])
    assert claims.loc["Fancy Bear", "iso3"] == ""
    assert set(claims["source"]) == {"EuRepoC"}


def test_eurepoc_claims_reads_dashboard_as_same_source():
    attribution = pd.DataFrame(
        {"attributed_initiator": ["A"], "attributed_initiator_country": ["Turkey"], "attributed_initiator_category": ["Non-state-group"]}
    )
    dashboard = pd.DataFrame({"initiator_name": ["B"], "initiator_country": ["Greece"], "initiator_category": ["Non-state-group"]})
    claims = eurepoc_claims(attribution, dashboard)
    assert sorted(zip(claims["name"], claims["iso3"], claims["source"])) == [("A", "TUR", "EuRepoC"), ("B", "GRC", "EuRepoC")]


def test_eurepoc_claims_rejects_missing_column():
    with pytest.raises(GroupSourceError, match="attributed_initiator_category"):
        eurepoc_claims(pd.DataFrame({"attributed_initiator": ["A"], "attributed_initiator_country": ["Turkey"]}))


def test_cissm_claims_splits_actors_and_marks_states():
    cissm = pd.DataFrame(
        {
            "actor": ["Romantic; Intruder", "APT99", "Undetermined", "Romantic; Intruder"],
            "actor_type": ["Hacktivist", "Nation-State", "Undetermined", "Hacktivist"],
            "actor_country": ["Morocco", "China", "Undetermined", "Morocco"],
        }
    )
    claims = cissm_claims(cissm).set_index("name")
    assert sorted(claims.index) == ["APT99", "Intruder", "Romantic"]
    assert claims.loc["Romantic", "iso3"] == "MAR"
    assert bool(claims.loc["APT99", "state_actor"])
    assert claims.loc["APT99", "iso3"] == ""


def test_cissm_claims_rejects_unknown_country_name():
    from lib.countries import UnknownCountryError

    cissm = pd.DataFrame({"actor": ["X"], "actor_type": ["Hacktivist"], "actor_country": ["Atlantis Republic"]})
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        cissm_claims(cissm)


def test_misp_claims_converts_iso2_and_collects_synonyms():
    galaxy = {
        "values": [
            {"value": "Deadeye Jackal", "meta": {"country": "SY", "synonyms": ["SyrianElectronicArmy", "SEA"]}},
            {"value": "Nameless", "meta": {}},
        ]
    }
    claims, synonyms = misp_claims(galaxy)
    assert claims.set_index("name")["iso3"].to_dict() == {"Deadeye Jackal": "SYR", "Nameless": ""}
    assert synonyms == [["Deadeye Jackal", "SyrianElectronicArmy", "SEA"], ["Nameless"]]


def test_misp_claims_rejects_unknown_iso2():
    with pytest.raises(GroupSourceError, match="'QQ'"):
        misp_claims({"values": [{"value": "X", "meta": {"country": "QQ"}}]})


def test_misp_claims_rejects_galaxy_without_values():
    with pytest.raises(GroupSourceError, match="'values'"):
        misp_claims({"name": "Threat Actor"})
