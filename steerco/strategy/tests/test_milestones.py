from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.lib.dates import today
from steerco.meetings import actions as meeting_actions
from steerco.portfolio.models import Project
from steerco.strategy import actions
from steerco.strategy.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(strategy, secretary):
    theme = actions.add_theme(strategy, name="Digital First", by=secretary)
    return actions.add_objective(strategy, title="Services online", theme=theme, by=secretary)


@pytest.fixture
def milestone(objective, secretary):
    return actions.add_milestone(
        objective, title="Council tax online", due_on=today() + timedelta(days=30), by=secretary
    )


def add_url(objective):
    return reverse(
        "strategy:milestone-add",
        kwargs={
            "org": objective.organisation.slug,
            "strategy_pk": objective.strategy_id,
            "objective_pk": objective.pk,
        },
    )


def edit_url(milestone):
    return reverse(
        "strategy:milestone-edit",
        kwargs={"org": milestone.objective.organisation.slug, "milestone_pk": milestone.pk},
    )


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_milestone_is_added_under_an_objective_with_who_added_it(milestone, secretary):
    record = milestone.history.get()
    assert (record.history_user, record.history_change_reason) == (
        secretary,
        "Action plan of ICT strategy",
    )
    assert (milestone.achieved_on, milestone.is_achieved) == (None, False)


def test_an_achieved_date_in_the_future_is_refused_and_nothing_saved(objective, secretary):
    tomorrow = today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.add_milestone(
            objective, title="Ready", due_on=today(), achieved_on=tomorrow, by=secretary
        )
    assert refused.value.message_dict == {
        "achieved_on": ["The date achieved must be today or in the past."]
    }
    assert not Milestone.objects.exists()


def test_a_change_keeps_who_when_and_why(milestone, secretary):
    actions.change_milestone(
        milestone,
        title="Council tax online",
        due_on=milestone.due_on,
        achieved_on=today(),
        reason="Achieved at the February board",
        by=secretary,
        version=1,
    )
    trail = list(milestone.history.order_by("history_id"))
    assert [(r.achieved_on, r.history_change_reason) for r in trail] == [
        (None, "Action plan of ICT strategy"),
        (today(), "Achieved at the February board"),
    ]


def test_a_change_needs_a_reason_and_refuses_a_stale_page(milestone, secretary):
    with pytest.raises(ValidationError) as refused:
        actions.change_milestone(
            milestone,
            title="Council tax online",
            due_on=milestone.due_on,
            achieved_on=None,
            reason=" ",
            by=secretary,
        )
    assert refused.value.message_dict == {"reason": ["Enter why the milestone is changed."]}
    actions.change_milestone(
        milestone, title="New", due_on=milestone.due_on, achieved_on=None, reason="R", by=secretary
    )
    with pytest.raises(ValidationError, match="since you opened it"):
        actions.change_milestone(
            Milestone.objects.get(),
            title="Newer",
            due_on=milestone.due_on,
            achieved_on=None,
            reason="R",
            by=secretary,
            version=1,
        )
    assert Milestone.objects.get().title == "New"


def test_the_secretary_adds_and_corrects_a_milestone_through_the_pages(
    client, objective, secretary
):
    client.force_login(secretary)
    response = client.post(add_url(objective), {})
    page = response.content.decode()
    assert "Enter the milestone." in page
    assert "Enter the date the milestone is due." in page
    due = today() + timedelta(days=10)
    response = client.post(
        add_url(objective), {"title": "Forms online", **date_fields("due_on", due)}
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    future = today() + timedelta(days=3)
    response = client.post(
        edit_url(milestone),
        {
            "title": "Forms online",
            **date_fields("due_on", due),
            **date_fields("achieved_on", future),
            "reason": "Done",
            "version": 1,
        },
    )
    assert "The date achieved must be today or in the past." in response.content.decode()
    response = client.post(
        edit_url(milestone),
        {
            "title": "Forms online",
            **date_fields("due_on", due),
            **date_fields("achieved_on", today()),
            "reason": "Went live on Monday",
            "version": 1,
        },
    )
    assert response.status_code == 302
    page = client.get(milestone.get_absolute_url()).content.decode()
    assert "Went live on Monday" in page
    assert secretary.get_full_name() in page


@pytest.mark.parametrize(
    ("persona", "read", "change"),
    [("secretary", 200, 200), ("member", 200, 403), ("outsider", 404, 404)],
)
def test_who_reads_and_changes_a_milestone(
    client, milestone, secretary, member, outsider, persona, read, change
):
    client.force_login({"secretary": secretary, "member": member}.get(persona, outsider))
    assert client.get(milestone.get_absolute_url()).status_code == read
    assert client.get(edit_url(milestone)).status_code == change
    assert client.get(add_url(milestone.objective)).status_code == change


def test_the_milestone_pages_refuse_other_methods(client, milestone, secretary):
    client.force_login(secretary)
    assert client.post(milestone.get_absolute_url()).status_code == 405
    assert client.put(edit_url(milestone)).status_code == 405


def test_the_strategy_page_shows_progress_from_actions_milestones_and_projects(
    client, objective, milestone, steering_group, member, secretary, organisation
):
    action = actions.add_plan_action(
        objective,
        description="Publish the forms",
        owner=member,
        due_on=today() + timedelta(days=5),
        body=steering_group,
        by=secretary,
    )
    project = Project.objects.create(
        organisation=organisation, reference="ICT-001", name="Forms", stage="in_delivery"
    )
    project.objectives.add(objective)
    Project.objects.create(organisation=organisation, reference="ICT-002", name="Idea")
    client.force_login(member)
    url = objective.strategy.get_absolute_url()
    page = client.get(url).content.decode()
    assert "How progress is worked out" in page
    assert "0% done" in page and "(0 of 3 parts)" in page
    assert "ICT-001 Forms" in page and "ICT-002" not in page
    meeting_actions.update_action(action, status="done", text="Published", on=today(), by=member)
    actions.change_milestone(
        milestone,
        title=milestone.title,
        due_on=milestone.due_on,
        achieved_on=today(),
        reason="Done",
        by=secretary,
    )
    page = client.get(url).content.decode()
    # The action done and the milestone achieved; the project still in delivery.
    assert "66% done" in page and "(2 of 3 parts)" in page


def test_the_strategy_page_shows_the_first_of_each_part_and_the_whole_plan_when_asked(
    client, objective, secretary, member, organisation
):
    """An objective delivered by many projects shows the first PLAN_ROWS of its projects and
    milestones on the strategy page, with how many there are; its progress counts them all, and
    `?objective=<pk>` shows all of them."""
    from steerco.strategy.plan import PLAN_ROWS

    for number in range(PLAN_ROWS + 2):
        actions.add_milestone(
            objective,
            title=f"Step {number}",
            due_on=today() + timedelta(days=number + 1),
            by=secretary,
        )
        project = Project.objects.create(
            organisation=organisation,
            reference=f"ICT-{number:03}",
            name=f"Forms {number}",
            stage="closed",
        )
        project.objectives.add(objective)
    client.force_login(member)
    url = objective.strategy.get_absolute_url()
    parts = 2 * (PLAN_ROWS + 2)

    page = client.get(url).content.decode()

    assert f"({PLAN_ROWS + 2} of {parts} parts)" in page
    assert f"0 actions, {PLAN_ROWS + 2} milestones and {PLAN_ROWS + 2} projects" in page
    last = PLAN_ROWS + 1
    assert "ICT-000 Forms 0" in page and f"ICT-00{last} Forms {last}" not in page
    assert "Step 0" in page and f"Step {last}" not in page
    assert f'href="?objective={objective.pk}#objective-{objective.pk}"' in page

    opened = client.get(f"{url}?objective={objective.pk}").content.decode()
    assert f"ICT-00{last} Forms {last}" in opened and f"Step {last}" in opened
    assert "All of its plan is shown" in opened
    # An address naming no objective of the strategy shows the first of each, as without it.
    for other in ("999999", "²", "x"):
        assert f"Step {last}" not in client.get(f"{url}?objective={other}").content.decode()


def test_an_objective_with_nothing_to_measure_is_not_started(client, objective, member):
    client.force_login(member)
    page = client.get(objective.strategy.get_absolute_url()).content.decode()
    assert "Not started" in page
    assert "% done" not in page


def test_kpis_measurements_and_milestones_are_in_the_admin_to_read(
    client, administrator, milestone, availability, secretary
):
    from datetime import date
    from decimal import Decimal

    from django.contrib import admin

    from steerco.strategy.models import KPI, Measurement

    measurement = actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal("99.9"), by=secretary
    )
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    for model, row in ((KPI, availability), (Measurement, measurement), (Milestone, milestone)):
        assert not admin.site._registry[model].has_change_permission(None)
        name = f"admin:strategy_{model._meta.model_name}"
        page = client.get(reverse(f"{name}_changelist")).content.decode()
        assert str(row) in page, model
        assert client.get(reverse(f"{name}_change", args=[row.pk])).status_code == 200


def test_the_pages_showing_only_progress_read_the_same_stages_as_the_strategy_page(
    objective, organisation, secretary
):
    """The annual report and the chair's dashboard read only the stages of the projects
    (`stages_delivering`); the progress is the one the strategy page works out from them."""
    from steerco.strategy import plan
    from steerco.strategy.delivery import projects_delivering, stages_delivering

    for number, stage in enumerate(["closed", "in_delivery", "idea", "cancelled", "approved"]):
        Project.objects.create(
            organisation=organisation, reference=f"ICT-{number}", name="P", stage=stage
        ).objectives.add(objective)

    assert sorted(stages_delivering([objective.pk])[objective.pk]) == sorted(
        project.stage for project in projects_delivering([objective.pk])[objective.pk]
    )
    (theme,) = plan.themes_with_progress(objective.strategy)
    (read,) = theme.objective_list
    assert (read.progress.done, read.progress.total) == (1, 3)
