import pandas as pd
import pytest

from lib.defacements import (
    EventDataError,
    NotifierTableError,
    ZoneHColumns,
    ZoneHFormatError,
    cissm_events,
    count_group_years,
    eurepoc_events,
    group_name_index,
    hacker_spell_panel,
    notifier_countries_from_groups,
    read_notifier_countries,
    read_zoneh_export,
)

GROUPS = pd.DataFrame(
    {
        "group": ["Turk Hack Team", "Anti-Armenia Team", "Ghost Crew"],
        "iso3": ["TUR", "AZE", "TUR"],
        "keys": ["turkhackteam | tht", "antiarmeniateam", "ghostcrew"],
    }
)


def event_tuples(events):
    return sorted(zip(events["source"], events["event_id"], events["group"], events["year"]))


def test_group_name_index_maps_every_key():
    index = group_name_index(GROUPS)
    assert index["tht"] == ("Turk Hack Team", "TUR")
    assert index["antiarmeniateam"] == ("Anti-Armenia Team", "AZE")


def test_group_name_index_rejects_shared_key():
    groups = pd.DataFrame({"group": ["A", "B"], "iso3": ["TUR", "RUS"], "keys": ["x", "x"]})
    with pytest.raises(EventDataError, match="'x' belongs to 'A' and 'B'"):
        group_name_index(groups)


CISSM = pd.DataFrame(
    {
        "evtDate": ["2015 Jan", "2015 Jan", "2016 Mar", "2016 Apr", "2017 May", "2018 Jun", "2018 Jul"],
        "actor": ["Turk Hack Team", "Turk Hack Team", "THT; Anti-Armenia Team", "TurkHackTeam; THT", "Ghost Crew", "Someone Else", "Ghost Crew"],
        "event_subtype": [
            "Message Manipulation",
            "Message Manipulation",  # exact duplicate of the row above
            "Message Manipulation",
            "Data Attack,Message Manipulation",
            "External Denial of Service",
            "Message Manipulation",
            "Message Manipulation",
        ],
    }
)


def test_cissm_events_defacements():
    events = cissm_events(CISSM, GROUPS)
    assert event_tuples(events) == [
        ("CISSM", "0", "Turk Hack Team", 2015),
        ("CISSM", "2", "Anti-Armenia Team", 2016),
        ("CISSM", "2", "Turk Hack Team", 2016),
        ("CISSM", "3", "Turk Hack Team", 2016),  # two aliases of one group count once
        ("CISSM", "6", "Ghost Crew", 2018),
    ]


def test_cissm_events_all_types():
    events = cissm_events(CISSM, GROUPS, event_types="all")
    assert ("CISSM", "4", "Ghost Crew", 2017) in event_tuples(events)
    assert len(events) == 6


def test_cissm_events_reject_malformed_date():
    bad = CISSM.assign(evtDate=["2015 Jan", "2015 Jan", "March 2016", "2016 Apr", "2017 May", "2018 Jun", "2018 Jul"])
    with pytest.raises(EventDataError, match="'March 2016'"):
        cissm_events(bad, GROUPS)


def test_cissm_events_reject_invalid_event_types():
    with pytest.raises(ValueError, match="Invalid event_types"):
        cissm_events(CISSM, GROUPS, event_types="defacements")


def test_cissm_events_reject_missing_column():
    with pytest.raises(EventDataError, match="event_subtype"):
        cissm_events(CISSM.drop(columns="event_subtype"), GROUPS)


INCIDENTS = pd.DataFrame(
    {
        "ID": [1, 2, 3, 4, 5],
        "start_date": ["2015-03-01", "2016-05-01", "2017-01-01", None, "2019-12-01"],
        "end_date": ["2017-02-01", None, "2016-01-01", "2018-01-01", "2019-12-31"],
        "incident_type": ["Disruption", "Data theft", "Disruption; Hijacking with Misuse", "Disruption", "Disruption"],
    }
)
ATTRIBUTION = pd.DataFrame(
    {
        "incident_ID": [1, 1, 2, 3, 4, 5],
        "attributed_initiator": ["Turk Hack Team", "THT/Anti-Armenia Team", "Ghost Crew", "Ghost Crew", "Ghost Crew", "Nobody"],
    }
)


def test_eurepoc_events_count_each_covered_year():
    events = eurepoc_events(INCIDENTS, ATTRIBUTION, GROUPS)
    assert event_tuples(events) == [
        ("EuRepoC", "1", "Anti-Armenia Team", 2015),
        ("EuRepoC", "1", "Anti-Armenia Team", 2016),
        ("EuRepoC", "1", "Anti-Armenia Team", 2017),
        ("EuRepoC", "1", "Turk Hack Team", 2015),  # named twice in incident 1, counted once a year
        ("EuRepoC", "1", "Turk Hack Team", 2016),
        ("EuRepoC", "1", "Turk Hack Team", 2017),
        ("EuRepoC", "3", "Ghost Crew", 2017),  # end before start: start year only
    ]


def test_eurepoc_events_all_types_keep_open_ended_incident():
    events = eurepoc_events(INCIDENTS, ATTRIBUTION, GROUPS, event_types="all")
    assert ("EuRepoC", "2", "Ghost Crew", 2016) in event_tuples(events)
    assert not (events["event_id"] == "4").any()  # no start date


def test_eurepoc_events_reject_malformed_date():
    bad = INCIDENTS.assign(start_date=["2015-03-01", "1 May 2016", "2017-01-01", None, "2019-12-01"])
    with pytest.raises(EventDataError, match="'1 May 2016'"):
        eurepoc_events(bad, ATTRIBUTION, GROUPS)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


NOTIFIERS = pd.DataFrame({"notifier": ["TurkHackTeam", "ghost crew"], "group": ["Turk Hack Team", "Ghost Crew"], "iso3": ["TUR", "TUR"]})


def test_zoneh_export_default_layout(tmp_path):
    export = write(
        tmp_path / "cases.csv",
        "Notify,Date,URL,Country\n"
        "Turk Hack Team,2012-01-05,http://a.example,DE\n"
        "Turk Hack Team,2012-01-05,http://a.example,DE\n"  # duplicate
        "GHOST-CREW,2013-07-01,http://b.example,FR\n"
        "Stranger,2013-08-01,http://c.example,FR\n"
        "Stranger,2014-08-01,http://d.example,FR\n"
        ",2011-01-01,http://e.example,FR\n",
    )
    load = read_zoneh_export(export, NOTIFIERS)
    assert event_tuples(load.events) == [
        ("Zone-H", "2", "Turk Hack Team", 2012),
        ("Zone-H", "4", "Ghost Crew", 2013),
    ]
    assert set(load.events["iso3"]) == {"TUR"}
    assert load.rows == 6
    assert load.dropped == {"blank notifier": 1, "malformed date": 0, "duplicate": 1, "unknown notifier": 2}
    assert load.unknown_notifiers.to_dict() == {"Stranger": 2}
    assert (load.first_year, load.last_year) == (2011, 2014)


def test_zoneh_export_custom_columns_and_format(tmp_path):
    export = write(tmp_path / "export.csv", "handle;when;site\nTurkHackTeam;05/01/2012;http://a.example\n")
    load = read_zoneh_export(
        export, NOTIFIERS, ZoneHColumns(notifier="handle", date="when", url="site"), date_format="%d/%m/%Y", sep=";"
    )
    assert event_tuples(load.events) == [("Zone-H", "2", "Turk Hack Team", 2012)]


def test_zoneh_export_malformed_date_raises(tmp_path):
    export = write(tmp_path / "cases.csv", "Notify,Date,URL\nTurkHackTeam,2012-01-05,http://a\nTurkHackTeam,not a date,http://b\n")
    with pytest.raises(ZoneHFormatError, match=r"'not a date'\] on line\(s\) \[3\]"):
        read_zoneh_export(export, NOTIFIERS, date_format="%Y-%m-%d")


def test_zoneh_export_blank_date_raises(tmp_path):
    export = write(tmp_path / "cases.csv", "Notify,Date,URL\nTurkHackTeam,2012-01-05,http://a\nTurkHackTeam,,http://b\n")
    with pytest.raises(ZoneHFormatError, match="Malformed or blank date"):
        read_zoneh_export(export, NOTIFIERS, date_format="%Y-%m-%d")


def test_zoneh_export_malformed_date_dropped(tmp_path):
    export = write(tmp_path / "cases.csv", "Notify,Date,URL\nTurkHackTeam,2012-01-05,http://a\nTurkHackTeam,2012-13-45,http://b\n")
    load = read_zoneh_export(export, NOTIFIERS, date_format="%Y-%m-%d", on_bad_date="drop")
    assert len(load.events) == 1
    assert load.dropped["malformed date"] == 1


def test_zoneh_export_missing_column(tmp_path):
    export = write(tmp_path / "cases.csv", "notifier,Date,URL\nTurkHackTeam,2012-01-05,http://a\n")
    with pytest.raises(ZoneHFormatError, match=r"missing column\(s\) \['Notify'\].*ZoneHColumns"):
        read_zoneh_export(export, NOTIFIERS)


def test_zoneh_export_missing_file(tmp_path):
    with pytest.raises(ZoneHFormatError, match="not found"):
        read_zoneh_export(tmp_path / "absent.csv", NOTIFIERS)


def test_zoneh_export_rejects_invalid_bad_date_action(tmp_path):
    export = write(tmp_path / "cases.csv", "Notify,Date,URL\nTurkHackTeam,2012-01-05,http://a\n")
    with pytest.raises(ValueError, match="Invalid on_bad_date"):
        read_zoneh_export(export, NOTIFIERS, on_bad_date="skip")


def test_notifier_table_with_country_names(tmp_path):
    table = read_notifier_countries(write(tmp_path / "n.csv", "notifier,country\nTurkHackTeam,Turkey\nGhostCrew,Greece\n"))
    assert table.to_dict("list") == {
        "notifier": ["TurkHackTeam", "GhostCrew"],
        "group": ["TurkHackTeam", "GhostCrew"],
        "iso3": ["TUR", "GRC"],
    }


def test_notifier_table_unknown_country_name(tmp_path):
    from lib.countries import UnknownCountryError

    with pytest.raises(UnknownCountryError, match="Atlantis"):
        read_notifier_countries(write(tmp_path / "n.csv", "notifier,country\nX,Atlantis Republic\n"))


def test_notifier_table_missing_file(tmp_path):
    with pytest.raises(NotifierTableError, match="not found"):
        read_notifier_countries(tmp_path / "absent.csv")


def test_notifier_table_missing_columns(tmp_path):
    with pytest.raises(NotifierTableError, match="'notifier' column and an 'iso3' or 'country'"):
        read_notifier_countries(write(tmp_path / "n.csv", "handle,iso3\nX,TUR\n"))


def test_notifier_table_malformed_iso3(tmp_path):
    with pytest.raises(NotifierTableError, match="Invalid ISO3"):
        read_notifier_countries(write(tmp_path / "n.csv", "notifier,iso3\nX,Turkey\n"))


def test_notifier_table_blank_notifier(tmp_path):
    with pytest.raises(NotifierTableError, match="blank notifier"):
        read_notifier_countries(write(tmp_path / "n.csv", "notifier,iso3\nX,TUR\n,RUS\n"))


def test_notifier_table_ambiguous_notifier(tmp_path):
    with pytest.raises(NotifierTableError, match="Ambiguous"):
        read_notifier_countries(write(tmp_path / "n.csv", "notifier,iso3\nTurk Hack Team,TUR\nTurkHackTeam,AZE\n"))


def test_notifier_table_from_groups():
    table = notifier_countries_from_groups(GROUPS)
    assert ("tht", "Turk Hack Team", "TUR") in set(table.itertuples(index=False, name=None))
    assert len(table) == 4


EVENTS = pd.DataFrame(
    {
        "source": ["CISSM", "CISSM", "EuRepoC", "CISSM"],
        "event_id": ["1", "2", "9", "3"],
        "group": ["Turk Hack Team", "Turk Hack Team", "Turk Hack Team", "Anti-Armenia Team"],
        "iso3": ["TUR", "TUR", "TUR", "AZE"],
        "year": [2015, 2015, 2015, 2013],
    }
)


def test_count_group_years_fills_zeros():
    counts = count_group_years(EVENTS, GROUPS, 2014, 2016).set_index(["group", "year"])
    assert len(counts) == 9
    assert counts.loc[("Turk Hack Team", 2015), "events"] == 3
    assert counts.loc[("Turk Hack Team", 2015), "events_cissm"] == 2
    assert counts.loc[("Turk Hack Team", 2015), "events_eurepoc"] == 1
    assert counts.loc[("Anti-Armenia Team", 2014), "events"] == 0  # its 2013 event is outside the years
    assert counts.loc[("Ghost Crew", 2016), "iso3"] == "TUR"


def test_count_group_years_rejects_unlisted_group():
    events = EVENTS.assign(group=["Nobody", "Turk Hack Team", "Turk Hack Team", "Anti-Armenia Team"])
    with pytest.raises(EventDataError, match="Nobody"):
        count_group_years(events, GROUPS, 2014, 2016)


CANDIDACIES = pd.DataFrame({"iso3": ["TUR", "TUR", "TUR", "GRC"], "election_year": [2014, 2018, 2022, 2018]})


def test_spell_panel_keeps_complete_spells():
    counts = count_group_years(EVENTS, GROUPS, 2014, 2022)
    panel = hacker_spell_panel(counts, CANDIDACIES, 2014, 2022)
    # 2014 spell incomplete (2011-2013 not covered); AZE never stood; GRC has no listed group
    assert sorted(panel["spell_id"].unique()) == [
        "Ghost Crew TUR_2018",
        "Ghost Crew TUR_2022",
        "Turk Hack Team TUR_2018",
        "Turk Hack Team TUR_2022",
    ]
    spell = panel[panel["spell_id"] == "Turk Hack Team TUR_2018"]
    assert spell["year"].tolist() == [2015, 2016, 2017, 2018]
    assert spell["years_to_election"].tolist() == [-3, -2, -1, 0]
    assert spell["election_year_indicator"].tolist() == [0, 0, 0, 1]
    assert spell["events"].tolist() == [3, 0, 0, 0]
    assert panel.groupby("spell_id").size().eq(4).all()


def test_spell_panel_rejects_counts_missing_years():
    counts = count_group_years(EVENTS, GROUPS, 2016, 2022)
    with pytest.raises(EventDataError, match=r"lacks year\(s\) \[2014, 2015\]"):
        hacker_spell_panel(counts, CANDIDACIES, 2014, 2022)
