from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.lib.dates import today
from steerco.meetings.models import Action
from steerco.strategy import actions
from steerco.strategy.models import ObjectiveAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(strategy, secretary):
    theme = actions.add_theme(strategy, name="Digital First", by=secretary)
    return actions.add_objective(strategy, title="Services online", theme=theme, by=secretary)


def add_url(objective):
    return reverse(
        "strategy:plan-action-add",
        kwargs={
            "org": objective.organisation.slug,
            "strategy_pk": objective.strategy_id,
            "objective_pk": objective.pk,
        },
    )


def plan_one(objective, owner, body, by):
    return actions.add_plan_action(
        objective,
        description="Move the council tax forms online",
        owner=owner,
        due_on=today() + timedelta(days=60),
        body=body,
        by=by,
    )


def test_an_action_of_the_plan_goes_on_the_bodys_action_log_at_no_meeting(
    objective, steering_group, member, secretary
):
    action = plan_one(objective, member, steering_group, secretary)
    assert (action.body, action.meeting, action.raised_on, action.owner) == (
        steering_group,
        None,
        today(),
        member,
    )
    link = ObjectiveAction.objects.get()
    assert (link.objective, link.action) == (objective, action)
    assert link.history.get().history_change_reason == "Action plan of ICT strategy"


def test_an_objective_of_no_strategy_or_a_body_of_another_council_is_refused(
    objective, steering_group, member, secretary, other_organisation
):
    from steerco.governance.models import Body

    theirs = Body.objects.create(organisation=other_organisation, name="Their board")
    with pytest.raises(ValidationError) as refused:
        plan_one(objective, member, theirs, secretary)
    assert refused.value.message_dict == {"body": ["Select a body of the council."]}
    objective.strategy = None
    with pytest.raises(ValidationError):
        plan_one(objective, member, steering_group, secretary)
    assert not Action.objects.exists() and not ObjectiveAction.objects.exists()


def test_the_secretary_adds_an_action_to_the_plan_and_the_strategy_page_shows_its_status(
    client, objective, steering_group, member, secretary
):
    client.force_login(secretary)
    response = client.post(add_url(objective), {"description": ""})
    assert "Enter what the action is." in response.content.decode()
    due = today() + timedelta(days=30)
    response = client.post(
        add_url(objective),
        {
            "description": "Publish the digital inclusion plan",
            "owner": member.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "body": steering_group.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(objective.strategy.get_absolute_url()).content.decode()
    assert (
        f"Action 1 of {steering_group.name}: Publish the digital inclusion plan (Mo Mensah, due "
        f"{due.day} {due:%B %Y})"
    ) in page
    assert 'govuk-tag--blue">Open' in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("action owner", 200), ("secretary", 200), ("officer", 403), ("outsider", 404)],
)
def test_who_updates_an_action_of_the_plan(
    client, objective, steering_group, member, secretary, officer, outsider, persona, status
):
    action = plan_one(objective, member, steering_group, secretary)
    people = {"action owner": member, "secretary": secretary, "officer": officer}
    client.force_login(people.get(persona, outsider))
    url = reverse(
        "meetings:action-update",
        kwargs={"org": objective.organisation.slug, "action_pk": action.pk},
    )
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert "The action plan of ICT strategy</a>, not raised at a meeting" in (
            response.content.decode()
        )


def test_only_whoever_records_the_strategy_adds_to_the_plan(client, objective, member):
    client.force_login(member)
    assert client.get(add_url(objective)).status_code == 403
