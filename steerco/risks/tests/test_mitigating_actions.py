from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.governance.models import Membership
from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Action, Meeting, Paper
from steerco.risks import actions
from steerco.risks.models import RiskAction
from steerco.risks.tests.conftest import SCORES

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def risk_url(name, risk, **kwargs):
    return reverse(
        f"risks:{name}", kwargs={"org": risk.organisation.slug, "risk_pk": risk.pk, **kwargs}
    )


def log_url(meeting, download=""):
    return reverse(
        f"meetings:action-log{download}",
        kwargs={"org": meeting.organisation.slug, "meeting_pk": meeting.pk},
    )


def update_url(action):
    return reverse(
        "meetings:action-update",
        kwargs={"org": action.organisation.slug, "action_pk": action.pk},
    )


def raise_one(risk, owner, by, **fields):
    return actions.add_mitigating_action(
        risk,
        description=fields.pop("description", "Fail over to the second site"),
        owner=owner,
        due_on=fields.pop("due_on", date(2026, 9, 1)),
        by=by,
        **fields,
    )


@pytest.fixture
def restricted(organisation, technology, member, secretary):
    return actions.create_risk(
        organisation,
        by=secretary,
        scores=SCORES,
        title="Kestrel firewall bypass",
        category=technology,
        owner=member,
        controls="Nightly off-site backups",
        restricted=True,
        exemption=Paper.Exemption.SECURITY,
    )


def test_an_action_raised_from_the_risk_page_has_no_meeting_and_is_on_the_register_bodys_log(
    client, risk, member, steering_group, meeting, fixed_today
):
    client.force_login(member)
    page = client.get(risk_url("action-create", risk)).content.decode()
    assert "The action goes on the action log of Digital Services Steering Group" in page

    response = client.post(
        risk_url("action-create", risk),
        {
            "description": "Run a full failover test",
            "owner": member.pk,
            "due_on_0": "1",
            "due_on_1": "9",
            "due_on_2": "2026",
        },
    )

    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.meeting, action.item, action.body, action.raised_on, action.number) == (
        None,
        None,
        steering_group,
        fixed_today,
        1,
    )
    assert RiskAction.objects.get().risk == risk
    assert action.history.get().history_change_reason == "Action added"
    risk_page = client.get(risk.get_absolute_url()).content.decode()
    assert "Run a full failover test" in risk_page
    assert "not raised at a meeting" in risk_page
    # The steering group's next meeting carries it on its action log, saying where it arose.
    log = client.get(log_url(meeting)).content.decode()
    assert "Run a full failover test" in log
    assert (
        f'Arose from <a class="govuk-link" href="{risk.get_absolute_url()}">risk R-001</a>, '
        "not at a meeting"
    ) in log
    csv = client.get(log_url(meeting, "-csv")).content.decode()
    assert "Risk R-001, not at a meeting" in csv.splitlines()[1]


def test_a_risk_action_form_with_no_owner_names_the_field(client, risk, member):
    client.force_login(member)
    response = client.post(risk_url("action-create", risk), {"description": "Test it"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select the owner of the action." in page
    assert Action.objects.count() == 0


def test_only_who_may_change_the_risk_adds_its_actions(client, risk, officer):
    client.force_login(officer)
    assert client.get(risk_url("action-create", risk)).status_code == 403


def test_an_action_raised_after_a_meeting_is_not_on_that_meetings_log(
    risk, member, secretary, meeting, next_meeting, fixed_today
):
    action = raise_one(risk, member, secretary)
    action.raised_on = next_meeting.on - timedelta(days=1)
    action.save()

    assert list(Action.objects.log_for(meeting, None)) == []
    assert list(Action.objects.log_for(next_meeting, meeting.on)) == [action]


def test_an_open_action_stays_on_every_log_and_one_done_before_a_meeting_leaves_it(
    risk, member, secretary, meeting, next_meeting, fixed_today
):
    done = raise_one(risk, member, secretary)
    still_open = raise_one(risk, member, secretary, description="Write the runbook")
    meeting_actions.update_action(
        done, status=Action.Status.DONE, text="Done", on=fixed_today, by=member
    )

    assert list(Action.objects.log_for(meeting, None)) == [still_open]
    assert list(Action.objects.log_for(next_meeting, meeting.on)) == [still_open]


def test_a_due_date_before_the_day_it_was_raised_is_refused(risk, member, secretary, fixed_today):
    with pytest.raises(ValidationError) as refused:
        raise_one(risk, member, secretary, due_on=fixed_today - timedelta(days=1))
    assert refused.value.message_dict == {
        "due_on": [
            "The due date must be on or after the day the action was raised, Monday 1 June 2026."
        ]
    }
    assert Action.objects.count() == 0


def test_an_update_dated_before_the_day_it_was_raised_is_refused(
    risk, member, secretary, fixed_today
):
    action = raise_one(risk, member, secretary)
    with pytest.raises(ValidationError) as refused:
        meeting_actions.update_action(
            action,
            status=Action.Status.IN_PROGRESS,
            text="Started",
            on=fixed_today - timedelta(days=1),
            by=member,
        )
    assert refused.value.message_dict == {
        "on": ["The date of the update must be on or after the day the action was raised, "
               "Monday 1 June 2026."]
    }  # fmt: skip


def test_a_closed_risk_takes_no_action(risk, member, secretary):
    actions.close_risk(risk, by=member, note="The site was decommissioned")
    with pytest.raises(ValidationError, match=r"A closed risk takes no new actions\."):
        raise_one(risk, member, secretary)


def test_a_register_without_a_body_takes_no_action(risk, member, secretary, steering_group):
    steering_group.kind = steering_group.Kind.COMMITTEE
    steering_group.save()
    with pytest.raises(ValidationError, match="The register has no body whose action log"):
        raise_one(risk, member, secretary)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("action owner", True),
        ("risk owner", True),
        ("body member", True),
        ("secretary", True),
        ("officer", False),
        ("outsider", False),
    ],
)
def test_who_updates_an_action_raised_from_a_risk(
    client, risk, member, chair, secretary, officer, outsider, make_person, organisation,
    persona, allowed,
):  # fmt: skip
    owner = make_person("owner", organisation, name="Olive Owner")
    action = raise_one(risk, owner, secretary)
    people = {
        "action owner": owner,
        "risk owner": member,
        "body member": chair,
        "secretary": secretary,
        "officer": officer,
        "outsider": outsider,
    }
    client.force_login(people[persona])
    status = client.get(update_url(action)).status_code
    assert status == (200 if allowed else 403 if persona == "officer" else 404)


def test_the_action_page_says_where_an_action_raised_from_a_risk_arose(
    client, risk, member, secretary
):
    action = raise_one(risk, member, secretary)
    client.force_login(member)
    page = client.get(update_url(action)).content.decode()
    assert (
        f'<a class="govuk-link" href="{risk.get_absolute_url()}">Risk R-001</a>, '
        "not raised at a meeting, on 1 June 2026"
    ) in page
    assert f'href="{risk.get_absolute_url()}" class="govuk-back-link">Back to risk R-001' in page


def test_the_owner_is_told_where_the_action_arose(
    settings, risk, member, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        raise_one(risk, member, secretary)

    (message,) = mailoutbox
    assert message.to == [member.email]
    assert (
        "You have a new action on the action log of Digital Services Steering Group, not raised "
        "at a meeting but arising from risk R-001, on 1 June 2026:"
    ) in message.body
    assert message.body.rstrip().endswith("Northby Borough Council")


def test_my_page_and_the_dashboard_say_where_it_arose(
    client, risk, member, secretary, organisation
):
    action = raise_one(risk, member, secretary, due_on=date(2026, 6, 1))
    client.force_login(member)
    mine = client.get(reverse("meetings:my-page", kwargs={"org": organisation.slug}))
    assert "Arose from" in mine.content.decode()
    assert action.description in mine.content.decode()


# A restricted risk's actions go no further than the risk.


def test_a_restricted_risks_action_goes_only_to_someone_who_may_read_the_risk(
    restricted, officer, secretary
):
    with pytest.raises(ValidationError) as refused:
        raise_one(restricted, officer, secretary)
    assert refused.value.message_dict == {
        "owner": ["Select someone who may read R-001: the risk is restricted, and so are its "
                  "actions."]
    }  # fmt: skip
    assert Action.objects.count() == 0


def test_a_restricted_risks_action_is_hidden_from_the_log_and_its_downloads(
    client, restricted, member, secretary, officer, meeting
):
    raise_one(restricted, member, secretary, description="Patch the Kestrel firewall")
    for person, shown in ((secretary, True), (member, True), (officer, False)):
        client.force_login(person)
        for download in ("", "-csv"):
            content = client.get(log_url(meeting, download)).content.decode()
            assert ("Kestrel" in content) is shown, (person, download)


def test_an_owner_who_can_no_longer_read_the_risk_loses_its_action(
    client, restricted, member, secretary, organisation, steering_group, fixed_today
):
    action = raise_one(restricted, member, secretary, description="Patch the Kestrel firewall")
    restricted.owner = secretary
    restricted.save()
    Membership.objects.filter(body=steering_group, person=member).update(
        ends_on=fixed_today - timedelta(days=1)
    )
    client.force_login(member)

    assert client.get(update_url(action)).status_code == 404
    mine = client.get(reverse("meetings:my-page", kwargs={"org": organisation.slug}))
    assert "Kestrel" not in mine.content.decode()
    from steerco.calendars.actions import reset_calendar_address

    token = reset_calendar_address(member, organisation, by=member)
    feed = client.get(
        reverse("calendars:personal", kwargs={"org": organisation.slug, "token": token})
    )
    assert feed.status_code == 200
    assert b"Kestrel" not in b"".join(feed.streaming_content)


def test_an_owner_who_can_no_longer_read_the_risk_is_not_reminded_of_its_action(
    restricted, risk, member, secretary, steering_group, fixed_today, mailoutbox
):
    from steerco.meetings.reminders import due_reminders

    due = fixed_today + timedelta(days=1)
    raise_one(restricted, member, secretary, description="Patch the Kestrel firewall", due_on=due)
    raise_one(risk, member, secretary, description="Fail over", due_on=due)
    later = due + timedelta(days=2)
    reminded = [r.action.description for r in due_reminders(later)]
    assert sorted(reminded) == ["Fail over", "Patch the Kestrel firewall"]

    restricted.owner = secretary
    restricted.save()
    Membership.objects.filter(body=steering_group, person=member).update(ends_on=fixed_today)

    assert [r.action.description for r in due_reminders(later)] == ["Fail over"]


def test_a_mitigating_action_entered_in_error_is_voided_with_its_reason(
    client, risk, member, secretary, meeting, fixed_today
):
    action = raise_one(risk, member, secretary, description="Fail over to the wrong site")
    client.force_login(member)
    void_url = risk_url("action-void", risk, action_pk=action.pk)
    assert void_url in client.get(risk.get_absolute_url()).content.decode()

    response = client.post(void_url, {"reason": "Raised on the wrong risk."})

    assert response.status_code == 302
    action = Action.all_objects.get(pk=action.pk)
    assert (action.voided_by, action.void_reason) == (member, "Raised on the wrong risk.")
    assert action.history.first().history_change_reason == "Voided: Raised on the wrong risk."
    assert "Fail over to the wrong site" not in client.get(risk.get_absolute_url()).content.decode()
    assert "Fail over to the wrong site" not in client.get(log_url(meeting)).content.decode()
    # Voided, it is gone: voiding it again finds nothing.
    assert client.get(void_url).status_code == 404


def test_only_whoever_changes_the_risk_voids_its_action(client, risk, member, officer, secretary):
    action = raise_one(risk, member, secretary)
    void_url = risk_url("action-void", risk, action_pk=action.pk)
    client.force_login(officer)
    assert client.get(void_url).status_code == 403
    assert "/void/" not in client.get(risk.get_absolute_url()).content.decode()
    client.force_login(secretary)
    assert client.get(void_url).status_code == 200


def test_an_action_raised_at_a_meeting_is_voided_with_the_meetings_record(
    risk, member, secretary, meeting
):
    at_meeting = raise_one(
        risk, member, secretary, meeting=meeting, due_on=meeting.on + timedelta(days=30)
    )
    other = actions.create_risk(
        risk.organisation,
        by=secretary,
        scores=SCORES,
        title="Another",
        category=risk.category,
        owner=member,
        controls="Some",
    )
    theirs = raise_one(other, member, secretary)

    with pytest.raises(ValidationError) as at_a_meeting:
        actions.void_mitigating_action(risk, at_meeting, reason="Wrong", by=secretary)
    with pytest.raises(ValidationError) as not_this_risks:
        actions.void_mitigating_action(risk, theirs, reason="Wrong", by=secretary)

    assert at_a_meeting.value.messages == [
        "This action was raised at a meeting: it is voided with that meeting's record."
    ]
    assert not_this_risks.value.messages == ["This action is not a mitigating action of R-001."]


def test_a_restricted_risks_action_raised_at_an_item_is_not_on_the_agenda_for_who_may_not_read_it(
    client, organisation, technology, officer, make_person, secretary, meeting, item
):
    """The agenda is kept for everyone shown the same papers: two officers who see the same
    papers but not the same risks must not share it."""
    owner = make_person("owner", organisation, name="Ola Owner")
    risk = actions.create_risk(
        organisation,
        by=secretary,
        scores=SCORES,
        title="Kestrel firewall bypass",
        category=technology,
        owner=owner,
        controls="Nightly off-site backups",
        restricted=True,
        exemption=Paper.Exemption.SECURITY,
    )
    raise_one(
        risk,
        owner,
        secretary,
        description="Patch the Kestrel firewall",
        meeting=meeting,
        item=item,
        due_on=meeting.on + timedelta(days=30),
    )
    page = reverse(
        "meetings:meeting-detail", kwargs={"org": organisation.slug, "meeting_pk": meeting.pk}
    )
    for person, shown in ((owner, True), (officer, False), (owner, True), (secretary, True)):
        client.force_login(person)
        content = client.get(page).content.decode()
        assert ("Patch the Kestrel firewall" in content) is shown, person


def test_an_action_raised_at_no_meeting_stands_once_an_action_log_carrying_it_is_agreed(
    risk, member, secretary, meeting, next_meeting
):
    action = raise_one(risk, member, secretary)
    assert action.raised_on <= meeting.on
    Meeting.objects.filter(pk=meeting.pk).update(action_log_agreed_at=next_meeting)

    with pytest.raises(ValidationError) as refused:
        actions.void_mitigating_action(risk, action, reason="Wrong", by=secretary)

    assert refused.value.messages == [
        "This action was on the action log of the meeting of 11 March 2031, which is agreed, "
        "so it can no longer be voided. Cancel it with an update that says why."
    ]
    action.refresh_from_db()
    assert not action.is_voided
    # An agreed log of a meeting before an action was raised does not hold it.
    later = raise_one(
        risk,
        member,
        secretary,
        description="Raised later",
        on=meeting.on + timedelta(days=1),
        due_on=meeting.on + timedelta(days=60),
    )
    assert actions.void_mitigating_action(risk, later, reason="Entered twice", by=secretary)
