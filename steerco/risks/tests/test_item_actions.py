"""An action recorded through the meeting's own action form at the item where a risk was
escalated arose from the risk as well: it is the risk's mitigating action (one action model),
so the risk's page lists it and a restricted risk's restriction applies to it everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse

from steerco.meetings.models import Action, AgendaItem, Paper
from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows
from steerco.risks import actions
from steerco.risks.models import RiskAction
from steerco.risks.tests.conftest import SCORES
from steerco.risks.tests.test_register_download import add

SECRET = "Rotate the Kestrel keys"


def page(name, meeting, **kwargs):
    return reverse(name, kwargs={"org": meeting.organisation.slug, **kwargs})


@pytest.fixture
def owner(make_person, organisation):
    return make_person("owner", organisation, name="Ola Owner")


@pytest.fixture
def escalated(organisation, technology, owner, secretary, meeting, fixed_today):
    """A restricted risk owned by someone outside the steering group, accepted onto the agenda
    of its meeting: the item (titled by reference only) and the risk."""
    risk = add(
        organisation, secretary, "Kestrel firewall bypass", "Technology", owner=owner,
        restricted=True, exemption=Paper.Exemption.SECURITY,
    )  # fmt: skip
    actions.accept_for_agenda(risk, meeting=meeting, by=secretary, reason="Accepted")
    return risk.escalations.get().item, risk


def record(client, meeting, item, owner, description=SECRET):
    due = meeting.on + timedelta(days=30)
    return client.post(
        page("meetings:action-create", meeting, meeting_pk=meeting.pk),
        {
            "description": description,
            "owner": owner.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "item": item.pk,
        },
    )


def shown_to(client, person, meeting):
    """Whether the action shows, to `person`, on each page and download that lists actions."""
    client.force_login(person)
    log = page("meetings:action-log", meeting, meeting_pk=meeting.pk)
    texts = {
        "agenda": client.get(page("meetings:meeting-detail", meeting, meeting_pk=meeting.pk)),
        "action log": client.get(log),
        "my page": client.get(page("meetings:my-page", meeting)),
    }
    shown = {name: SECRET in response.content.decode() for name, response in texts.items()}
    for file_type, rows_of in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = rows_of(
            client.get(page(f"meetings:action-log-{file_type}", meeting, meeting_pk=meeting.pk))
        )
        shown[file_type] = any(SECRET in str(cell) for row in rows for cell in row)
    return shown


def test_an_action_at_a_restricted_risks_item_is_its_risks_and_hidden_as_the_risk_is(
    client, escalated, meeting, owner, secretary, officer, member
):
    item, risk = escalated
    client.force_login(secretary)

    assert record(client, meeting, item, owner).status_code == 302

    action = Action.objects.get(description=SECRET)
    assert RiskAction.objects.get(action=action).risk == risk
    link_history = RiskAction.history.get(action_id=action.pk)
    assert link_history.history_change_reason == "Arose at the item where R-001 was escalated"
    everywhere = dict.fromkeys(("agenda", "action log", "my page", "csv", "xlsx"), True)
    nowhere = dict.fromkeys(everywhere, False)
    # Whoever reads the risk sees the action (its owner on their own page too); the officer,
    # who may not read the risk, sees it nowhere.
    assert shown_to(client, owner, meeting) == everywhere
    assert shown_to(client, member, meeting) == {**everywhere, "my page": False}
    assert shown_to(client, officer, meeting) == nowhere
    # The risk's page lists it among its mitigating actions.
    client.force_login(member)
    risk_page = client.get(
        reverse("risks:risk", kwargs={"org": risk.organisation.slug, "risk_pk": risk.pk})
    )
    assert SECRET in risk_page.content.decode()

    # The risk passes to someone else: its old owner no longer reads it, nor their action.
    risk.owner = secretary
    actions.change_risk(risk, by=secretary, reason="The security lead owns it now")
    assert shown_to(client, owner, meeting) == nowhere
    client.force_login(owner)
    update = reverse(
        "meetings:action-update", kwargs={"org": risk.organisation.slug, "action_pk": action.pk}
    )
    assert client.get(update).status_code == 404


def test_the_action_form_refuses_an_owner_who_may_not_read_the_restricted_risk(
    client, escalated, meeting, secretary, officer
):
    item, _ = escalated
    client.force_login(secretary)

    response = record(client, meeting, item, officer)

    assert response.status_code == 200
    assert (
        "Select someone who may read the risk discussed at this item" in response.content.decode()
    )
    assert not Action.objects.exists()


def test_an_action_at_another_item_or_at_an_open_risks_item_is_as_before(
    client, organisation, technology, meeting, item, escalated, member, secretary, officer
):
    client.force_login(secretary)
    record(client, meeting, item, officer, description="Publish the hosting options")
    open_risk = actions.create_risk(
        organisation, by=secretary, scores=SCORES, title="Skills shortage", category=technology,
        owner=member, controls="Training budget",
    )  # fmt: skip
    actions.accept_for_agenda(open_risk, meeting=meeting, by=secretary, reason="Accepted")
    open_item = open_risk.escalations.get().item
    record(client, meeting, open_item, officer, description="Fund the cloud training")

    other = Action.objects.get(description="Publish the hosting options")
    assert not RiskAction.objects.filter(action=other).exists()
    # An open risk's action is linked, and shown as any action is.
    training = Action.objects.get(description="Fund the cloud training")
    assert RiskAction.objects.get(action=training).risk == open_risk
    client.force_login(officer)
    log = client.get(page("meetings:action-log", meeting, meeting_pk=meeting.pk)).content.decode()
    assert "Fund the cloud training" in log and "Publish the hosting options" in log


def test_an_action_at_a_copy_of_the_item_carried_to_a_later_meeting_is_the_risks_too(
    escalated, next_meeting, owner, secretary
):
    item, risk = escalated
    from steerco.meetings import actions as meeting_actions

    carried = meeting_actions.save_item(
        AgendaItem(meeting=next_meeting, title=item.title, carried_from=item), by=secretary
    )
    action = meeting_actions.add_action(
        next_meeting, item=carried, description=SECRET, owner=owner,
        due_on=next_meeting.on + timedelta(days=30), by=secretary,
    )  # fmt: skip

    assert RiskAction.objects.get(action=action).risk == risk


def test_a_mitigating_action_added_at_the_escalation_item_is_linked_once(
    escalated, meeting, owner, secretary
):
    item, risk = escalated

    action = actions.add_mitigating_action(
        risk, description=SECRET, owner=owner, due_on=meeting.on + timedelta(days=30),
        by=secretary, meeting=meeting, item=item,
    )  # fmt: skip

    assert list(RiskAction.objects.filter(action=action).values_list("risk", flat=True)) == [
        risk.pk
    ]


def test_the_migration_links_the_actions_recorded_at_escalation_items_before(
    escalated, meeting, next_meeting, item, owner, secretary
):
    """Migration 0009 (data only) links what was recorded before the receiver existed."""
    import importlib

    from django.apps import apps

    from steerco.meetings import actions as meeting_actions

    escalation_item, risk = escalated
    carried = meeting_actions.save_item(
        AgendaItem(meeting=next_meeting, title=escalation_item.title, carried_from=escalation_item),
        by=secretary,
    )
    due = next_meeting.on + timedelta(days=30)
    fields = {"owner": owner, "due_on": due, "by": secretary}
    at_item = meeting_actions.add_action(meeting, item=escalation_item, description="A", **fields)
    at_copy = meeting_actions.add_action(next_meeting, item=carried, description="B", **fields)
    elsewhere = meeting_actions.add_action(meeting, item=item, description="C", **fields)
    RiskAction.objects.all().delete()  # as they were before the receiver linked them
    migration = importlib.import_module("steerco.risks.migrations.0009_link_item_actions")

    migration.link_item_actions(apps, None)
    migration.link_item_actions(apps, None)  # run again, it adds nothing

    linked = dict(RiskAction.objects.values_list("action_id", "risk_id"))
    assert linked == {at_item.pk: risk.pk, at_copy.pk: risk.pk}
    assert elsewhere.pk not in linked
    reasons = set(
        RiskAction.history.filter(history_change_reason=migration.REASON).values_list(
            "action_id", flat=True
        )
    )
    assert reasons == {at_item.pk, at_copy.pk}
