from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows
from steerco.strategy import actions, register_actions
from steerco.strategy.models import KPI, Strategy
from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel, Team

pytestmark = pytest.mark.django_db


def address(name, organisation, query="", file_type=None):
    suffix = f"-{file_type}" if file_type else ""
    return reverse(f"strategy:{name}{suffix}", kwargs={"org": organisation.slug}) + query


def downloads(client, name, organisation, query=""):
    """The CSV and the workbook of the list, as rows."""
    csv_file = csv_rows(client.get(address(name, organisation, query, "csv")))
    workbook = xlsx_rows(client.get(address(name, organisation, query, "xlsx")))
    return csv_file, workbook


def listed(client, name, organisation, query=""):
    page = client.get(address(name, organisation, query))
    assert address(name, organisation, query, "xlsx").replace("&", "&amp;") in page.content.decode()
    return page.context["page"].paginator.object_list


def test_the_kpi_download_is_every_kpi_the_filtered_list_shows(
    client, organisation, availability, officer, member, monkeypatch
):
    monkeypatch.setattr("steerco.strategy.views.KPIS_PER_PAGE", 1)
    actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal("99.7"), by=officer
    )
    client.force_login(member)

    everything = [kpi.name for kpi in listed(client, "kpis", organisation)]
    not_rated = [kpi.name for kpi in listed(client, "kpis", organisation, "?status=none")]
    csv_file, workbook = downloads(client, "kpis", organisation, "?status=none")
    green_csv, green_book = downloads(client, "kpis", organisation, "?status=green")

    assert len(everything) == KPI.objects.filter(organisation=organisation).count() > 2
    assert "Service availability" not in not_rated and len(not_rated) == len(everything) - 1
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == not_rated
    assert green_csv[1] == [
        "Service availability", "No theme", "April 2026", "99.70", "99.50", "Percentage", "Green",
        "Not enough measurements", str(officer),
    ]  # fmt: skip
    assert green_book[1][3] == 99.7  # a figure is a number cell
    assert len(green_book) == 2


def test_the_strategies_download_is_the_list(client, organisation, strategy, member, secretary):
    actions.save_strategy(
        Strategy(organisation=organisation, title="=Digital", starts_in=2018, ends_in=2022),
        by=secretary,
    )
    client.force_login(member)
    page = client.get(address("strategies", organisation))
    shown = [strategy.title for strategy in page.context["strategies"]]

    csv_file, workbook = downloads(client, "strategies", organisation)

    assert csv_file[0] == ["Strategy", "Period", "Status", "Approved by"]
    assert [row[0] for row in workbook[1:]] == shown
    assert sorted(shown) == ["=Digital", "ICT strategy"]
    assert [row[0] for row in csv_file[1:]] == [
        f"'{title}" if title.startswith("=") else title for title in shown
    ]
    assert csv_file[1][1:] == ["2018\u20132022", "Draft", "Not approved"]


@pytest.fixture
def theme(strategy, secretary):
    return actions.add_theme(strategy, name="Digital First", by=secretary)


def test_the_legislation_download_is_every_entry_the_filtered_register_shows(
    client, organisation, theme, officer, member, secretary, monkeypatch
):
    monkeypatch.setattr("steerco.strategy.register_views.PER_PAGE", 1)
    for title, impact in [
        ("Procurement Act 2023", Legislation.Impact.HIGH),
        ("Data (Use and Access) Act 2025", Legislation.Impact.MEDIUM),
        ("Online Safety Act 2023", Legislation.Impact.HIGH),
    ]:
        entry = Legislation(
            organisation=organisation, title=title, requires="Something.", impact=impact,
            owner=officer, review_on=date(2027, 4, 1), theme=theme,
        )  # fmt: skip
        register_actions.save_legislation(entry, by=secretary)
    client.force_login(member)
    query = "?impact=high"

    shown = [entry.title for entry in listed(client, "legislation-list", organisation, query)]
    csv_file, workbook = downloads(client, "legislation-list", organisation, query)

    assert shown == ["Online Safety Act 2023", "Procurement Act 2023"]
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == shown
    assert csv_file[1][2:] == [
        "Not known", "High", "Being assessed", str(officer), "2027-04-01", "Digital First",
    ]  # fmt: skip


def test_the_champions_download_is_every_champion_the_filtered_register_shows(
    client, organisation, theme, officer, member, secretary, monkeypatch
):
    monkeypatch.setattr("steerco.strategy.register_views.PER_PAGE", 1)
    for person, service in [(officer, "Planning"), (member, "Housing"), (secretary, "Planning")]:
        register_actions.save_champion(
            DigitalChampion(
                organisation=organisation, person=person, service=service,
                since=date(2026, 4, 1), theme=theme,
            ),
            by=secretary,
        )  # fmt: skip
    client.force_login(member)
    query = "?service=Planning"

    shown = [str(entry.person) for entry in listed(client, "champions", organisation, query)]
    csv_file, workbook = downloads(client, "champions", organisation, query)

    assert sorted(shown) == sorted([str(officer), str(secretary)])
    assert [row[1] for row in csv_file[1:]] == [row[1] for row in workbook[1:]] == shown
    assert {row[0] for row in csv_file[1:]} == {"Planning"}


def test_the_skills_download_is_every_skill_with_its_gaps(
    client, organisation, theme, officer, member, secretary, monkeypatch
):
    monkeypatch.setattr("steerco.strategy.register_views.PER_PAGE", 1)
    team = register_actions.add_team(organisation, name="ICT service desk", by=secretary)
    for name in ("Project management", "Data analysis"):
        skill = register_actions.save_skill(
            Skill(
                organisation=organisation, name=name, owner=officer,
                review_on=date(2027, 4, 1), theme=theme,
            ),
            by=secretary,
        )  # fmt: skip
    register_actions.save_skill_level(
        SkillLevel(skill=skill, team=team, current=1, target=4, assessed_on=date(2026, 10, 1)),
        by=secretary,
    )
    client.force_login(member)

    shown = [skill.name for skill in listed(client, "skills", organisation)]
    csv_file, workbook = downloads(client, "skills", organisation)

    assert shown == ["Data analysis", "Project management"]
    assert [row[0] for row in csv_file[1:]] == [row[0] for row in workbook[1:]] == shown
    assert workbook[1][1:] == ["None", 1, 1, 3, "In the framework", str(officer)]
    assert Team.objects.count() == 1


def test_the_skills_pages_teams_download_is_its_teams_table(
    client, organisation, member, secretary
):
    for name in ("ICT service desk", "=Data team"):
        register_actions.add_team(organisation, name=name, by=secretary)
    client.force_login(member)
    page = client.get(address("skills", organisation)).content.decode()

    csv_file, workbook = downloads(client, "skill-teams", organisation)

    assert address("skill-teams", organisation, file_type="csv") in page
    assert csv_file[0] == ["Team", "Skills assessed in", "Retired on"]
    assert csv_file[1:] == [["'=Data team", "0", ""], ["ICT service desk", "0", ""]]
    assert workbook[1:] == [["=Data team", 0, None], ["ICT service desk", 0, None]]


@pytest.mark.parametrize(
    "name", ["kpis", "strategies", "legislation-list", "skills", "champions", "skill-teams"]
)
def test_the_downloads_are_for_the_councils_people(client, organisation, outsider, member, name):
    for file_type in ("csv", "xlsx"):
        client.force_login(outsider)
        assert client.get(address(name, organisation, file_type=file_type)).status_code == 404
        client.force_login(member)
        assert client.post(address(name, organisation, file_type=file_type)).status_code == 405
