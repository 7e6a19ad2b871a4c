from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from steerco.lib.dates import today
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Attendance
from steerco.meetings.tests.conftest import fixed_today, item, meeting, members  # noqa: F401
from steerco.portfolio.models import ConfidenceAssessment, Project
from steerco.risks import actions as risk_actions
from steerco.risks.models import RiskCategory
from steerco.strategy import actions as strategy_actions
from steerco.strategy.models import KPI, Strategy
from steerco.strategy.tests.conftest import decision  # noqa: F401

pytestmark = pytest.mark.django_db


def page_url(organisation):
    return reverse("dashboard:chairs-dashboard", kwargs={"org": organisation.slug})


def text_of(client, organisation):
    response = client.get(page_url(organisation))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def current_strategy(organisation, secretary, decision):  # noqa: F811
    """A current strategy with two themes: one with an objective half done, one with nothing
    to measure."""
    strategy = strategy_actions.save_strategy(
        Strategy(organisation=organisation, title="ICT strategy", starts_in=2026, ends_in=2030),
        by=secretary,
    )
    strategy_actions.approve_strategy(strategy, decision=decision, by=secretary)
    strategy_actions.make_current(strategy, by=secretary)
    online = strategy_actions.add_theme(strategy, name="Digital First", by=secretary)
    strategy_actions.add_theme(strategy, name="Skills", by=secretary)
    objective = strategy_actions.add_objective(
        strategy, title="Forms online", theme=online, by=secretary
    )
    for achieved in (today(), None):
        strategy_actions.add_milestone(
            objective, title="Step", due_on=today(), achieved_on=achieved, by=secretary
        )
    return strategy


def test_a_member_reads_the_dashboard_without_the_secretarys_controls(
    client, organisation, member, secretary
):
    client.force_login(member)
    page = text_of(client, organisation)
    assert "The chair's dashboard" in page
    assert "Add a KPI" not in page
    assert "The secretary's dashboard" not in page
    client.force_login(secretary)
    page = text_of(client, organisation)
    assert "Add a KPI" in page
    assert "The secretary's dashboard" in page


def test_outsiders_get_404_and_other_methods_405(client, organisation, outsider, member):
    client.force_login(outsider)
    assert client.get(page_url(organisation)).status_code == 404
    client.force_login(member)
    assert client.post(page_url(organisation)).status_code == 405


def test_the_home_page_links_to_the_dashboard_for_the_councils_people(client, organisation, member):
    client.force_login(member)
    home = client.get(reverse("governance:home", kwargs={"org": organisation.slug}))
    assert page_url(organisation) in home.content.decode()


def test_progress_by_theme_of_the_current_strategy(client, organisation, member, current_strategy):
    client.force_login(member)
    page = text_of(client, organisation)
    assert "ICT strategy (2026\u20132030)" in page
    # Digital First: one milestone of two achieved. Skills: nothing to measure.
    assert "Digital First</td>" in page and "50% done" in page
    assert "Skills</td>" in page and "Not started" in page


def test_kpi_counts_by_latest_status_link_to_the_filtered_list(
    client, organisation, member, secretary
):
    kpi = KPI.objects.get(organisation=organisation, name="Service availability")
    kpi.target, kpi.tolerance = Decimal("99.5"), Decimal("0.5")
    strategy_actions.save_kpi(kpi, by=secretary)
    strategy_actions.record_measurement(
        kpi, period_starts_on=date(2026, 4, 1), value=Decimal("90"), by=secretary
    )
    total = KPI.objects.filter(organisation=organisation).count()
    client.force_login(member)
    page = text_of(client, organisation)
    kpis = reverse("strategy:kpis", kwargs={"org": organisation.slug})
    assert f'href="{kpis}?status=red">Red: 1 KPI</a>' in page
    assert f'href="{kpis}?status=green">Green: 0 KPIs</a>' in page
    assert f'href="{kpis}?status=none">No status: {total - 1} KPIs</a>' in page


def test_delivery_confidence_counts_only_projects_in_delivery_by_their_latest_assessment(
    client, organisation, member
):
    def project(reference, stage, *ratings):
        made = Project.objects.create(
            organisation=organisation, reference=reference, name=reference, stage=stage
        )
        for days, rating in enumerate(ratings):
            ConfidenceAssessment.objects.create(
                project=made,
                assessed_on=date(2026, 1, 1) + timedelta(days=days),
                scale="five",
                rating=rating,
            )

    project("ICT-1", "in_delivery", "green", "red")  # red now
    project("ICT-2", "in_delivery", "amber")
    project("ICT-3", "in_delivery")
    project("ICT-4", "closed", "red")
    client.force_login(member)
    page = text_of(client, organisation)
    assert 'stage=in_delivery&amp;confidence=red">Red: 1 project</a>' in page
    assert 'confidence=amber">Amber: 1 project</a>' in page
    assert 'confidence=green">Green: 0 projects</a>' in page
    assert "Not assessed: 1 project<" in page


def test_top_risks_leave_out_a_restricted_risk_the_reader_may_not_read(
    client, organisation, member, officer
):
    category = RiskCategory.objects.get(organisation=organisation, name="Technology")

    def risk(title, level, person=officer, **fields):
        scores = {
            f"{which}_{part}": level
            for which in ("inherent", "current", "target")
            for part in ("likelihood", "impact")
        }
        return risk_actions.create_risk(
            organisation, by=person, scores=scores, title=title, category=category,
            owner=person, **fields,
        )  # fmt: skip

    # The officer is not of the steering group, whose register it is; the member is.
    risk("Firewall weakness", 5, member, restricted=True, exemption="security")
    risk("Legacy payroll", 4)
    risk("Minor thing", 1)
    client.force_login(officer)
    page = text_of(client, organisation)
    assert "Legacy payroll" in page and "Minor thing" in page
    assert "Firewall weakness" not in page
    client.force_login(member)  # who may read it reads it first
    page = text_of(client, organisation)
    assert page.index("Firewall weakness") < page.index("Legacy payroll")


def test_overdue_actions_of_the_steering_group(
    client, organisation, steering_group, member, secretary, current_strategy
):
    objective = current_strategy.objectives.get()
    for days in (40, 10):
        strategy_actions.add_plan_action(
            objective,
            description=f"Overdue by {days} days",
            owner=member,
            due_on=today() + timedelta(days=5),
            body=steering_group,
            by=secretary,
            on=today() - timedelta(days=60),
        )
    strategy_actions.add_plan_action(
        objective,
        description="Not yet due",
        owner=member,
        due_on=today() + timedelta(days=5),
        body=steering_group,
        by=secretary,
    )
    from steerco.meetings.models import Action

    for days in (40, 10):
        Action.objects.filter(description=f"Overdue by {days} days").update(
            due_on=today() - timedelta(days=days)
        )
    client.force_login(member)
    page = text_of(client, organisation)
    assert "2 actions of the Digital Services Steering Group's action log are overdue." in page
    assert page.index("Overdue by 40 days") < page.index("Overdue by 10 days")
    assert "Not yet due" not in page
    assert current_strategy.get_absolute_url() in page


def test_the_next_meeting_and_its_quorum_risk_from_the_apologies(
    client,
    organisation,
    meeting,  # noqa: F811
    members,  # noqa: F811
    secretary,
    member,
):
    client.force_login(member)
    page = text_of(client, organisation)
    assert meeting.get_absolute_url() in page
    assert "Expected to be quorate" in page
    for person in members[:3]:
        meeting_actions.record_attendance(
            meeting, person=person, status=Attendance.Status.APOLOGIES, by=secretary
        )
    page = text_of(client, organisation)
    assert "Quorum at risk" in page
    assert "Apologies received: " + members[0].display_name in page


def test_an_overdue_action_of_a_restricted_risk_is_left_out_for_whoever_may_not_read_it(
    client, organisation, steering_group, member, officer, secretary
):
    from steerco.meetings.models import Action

    category = RiskCategory.objects.get(organisation=organisation, name="Security")
    scores = {
        f"{which}_{part}": 3
        for which in ("inherent", "current", "target")
        for part in ("likelihood", "impact")
    }
    risk = risk_actions.create_risk(
        organisation, by=member, scores=scores, title="Firewall weakness", category=category,
        owner=member, restricted=True, exemption="security",
    )  # fmt: skip
    action = risk_actions.add_mitigating_action(
        risk,
        description="Retest the firewall",
        owner=member,
        due_on=today() + timedelta(days=1),
        by=member,
    )
    Action.objects.filter(pk=action.pk).update(due_on=today() - timedelta(days=3))
    client.force_login(officer)
    page = text_of(client, organisation)
    assert "0 actions of the Digital Services Steering Group" in page
    assert "Retest the firewall" not in page
    client.force_login(member)
    page = text_of(client, organisation)
    assert "1 action of the Digital Services Steering Group" in page
    assert "Retest the firewall" in page


def test_a_council_with_two_steering_groups_chooses_which_the_dashboard_follows(
    client, organisation, steering_group, member, secretary, current_strategy
):
    from steerco.governance.models import Body
    from steerco.meetings.models import Action

    schools = Body.objects.create(
        organisation=organisation,
        name="Schools ICT Steering Group",
        kind=Body.Kind.STEERING_GROUP,
        notice_working_days=4,
        quorum_minimum=3,
    )
    objective = current_strategy.objectives.get()
    strategy_actions.add_plan_action(
        objective,
        description="Overdue in schools",
        owner=member,
        due_on=today() + timedelta(days=5),
        body=schools,
        by=secretary,
        on=today() - timedelta(days=60),
    )
    Action.objects.filter(description="Overdue in schools").update(
        due_on=today() - timedelta(days=3)
    )
    client.force_login(member)
    first = text_of(client, organisation)
    assert "Following the Digital Services Steering Group. Follow instead:" in first
    assert f'href="?body={schools.pk}">Schools ICT Steering Group</a>' in first
    assert "Overdue in schools" not in first

    chosen = client.get(page_url(organisation), {"body": schools.pk}).content.decode()
    assert "Following the Schools ICT Steering Group." in chosen
    assert "1 action of the Schools ICT Steering Group's action log is overdue." in chosen
    assert "Overdue in schools" in chosen
    # Anything else in the address (another council's body, not a number) follows the first.
    for chosen in ("999999", "schools"):
        page = client.get(page_url(organisation), {"body": chosen}).content.decode()
        assert "Following the Digital Services Steering Group." in page


def test_legislation_past_its_review_date_is_a_reminder(
    client, organisation, member, secretary, current_strategy
):
    from steerco.strategy import register_actions
    from steerco.strategy.registers import Legislation

    theme = current_strategy.themes.first()
    common = {"organisation": organisation, "owner": secretary, "theme": theme}
    for title, days, status in (
        ("Data (Use and Access) Act 2025", -10, "assessing"),
        ("Accessibility regulations", -400, "compliant"),
        ("Computer Misuse Act 1990", -30, "closed"),
        ("Online Safety Act 2023", 30, "assessing"),
    ):
        register_actions.save_legislation(
            Legislation(
                title=title,
                requires="Something",
                impact="medium",
                status=status,
                review_on=today() + timedelta(days=days),
                **common,
            ),
            by=secretary,
        )
    client.force_login(member)
    response = client.get(page_url(organisation))
    assert response.context["reviews_count"] == 2
    assert [entry.title for entry in response.context["reviews"]] == [
        "Accessibility regulations",
        "Data (Use and Access) Act 2025",
    ]
    text = text_of(client, organisation)
    assert "2 entries of the legislation register are past their review date." in text
