"""The whole meeting cycle through the web pages, as the secretary and the chair use it.

Both meetings are in 2031, ahead of any day the tests run, so the agenda is always in time.
"""

from datetime import date, datetime, time

import pytest
import time_machine
from django.apps import apps
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from steerco.governance.models import Body, ReportingLine
from steerco.meetings import actions, queries
from steerco.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    Paper,
    Purpose,
)
from steerco.meetings.tests.conftest import LONDON

FIRST_DAY = date(2031, 3, 11)
NEXT_DAY = date(2031, 5, 13)


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def travel_to(request, day):
    """Moves the clock on to eleven o'clock on the day, as the cycle goes, until the test ends."""
    traveller = time_machine.travel(datetime.combine(day, time(11), tzinfo=LONDON), tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)


def redirected(response):
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response.url


@pytest.fixture
def receiving_bodies(organisation, steering_group):
    board = Body.objects.create(
        organisation=organisation, name="Efficiency Board", kind=Body.Kind.EFFICIENCY_BOARD
    )
    emt = Body.objects.create(
        organisation=organisation,
        name="Executive Management Team",
        kind=Body.Kind.EXECUTIVE_TEAM,
    )
    for to_body in (board, emt):
        ReportingLine.objects.create(
            organisation=organisation,
            from_body=steering_group,
            to_body=to_body,
            carries=["action_log"],
        )
    return [board, emt]


def history_marks():
    """The last history row of every audited model of the cycle, to find the rows added after.

    Accounts are left out: signing in saves the user's last_login, which is no change of the
    record."""
    return {
        model: model.objects.aggregate(last=Max("history_id"))["last"] or 0
        for model in apps.get_models()
        if model._meta.app_label in ("governance", "meetings")
        and hasattr(model, "instance_type")
        and hasattr(model, "history_change_reason")
    }


def history_since(marks):
    return [
        row for model, last in marks.items() for row in model.objects.filter(history_id__gt=last)
    ]


def unexplained(rows):
    return [
        (type(row).__name__, row.history_type, row.history_change_reason, row.history_user)
        for row in rows
        if not (row.history_change_reason and row.history_user)
    ]


def schedule(client, organisation, body, day):
    redirected(
        client.post(
            url("meeting-create", organisation, pk=body.pk),
            {
                "kind": "ordinary",
                **date_fields("on", day),
                "starts_at": "10:00",
                "location": "Committee Room 1",
            },
        )
    )
    return Meeting.objects.get(body=body, on=day)


def test_the_whole_meeting_cycle(
    request,
    client,
    organisation,
    steering_group,
    secretary,
    chair,
    members,
    upload,
    receiving_bodies,
):
    client.force_login(secretary)
    marks = history_marks()

    # Schedule the meeting, add an item with its paper and publish the agenda.
    meeting = schedule(client, organisation, steering_group, FIRST_DAY)
    assert (meeting.starts_at.hour, meeting.location) == (10, "Committee Room 1")
    redirected(
        client.post(
            url("item-create", organisation, meeting_pk=meeting.pk),
            {
                "title": "Cloud hosting business case",
                "presenter": "Head of ICT",
                "purpose": "decision",
                "source": "submission",
            },
        )
    )
    item = meeting.items.get(title="Cloud hosting business case")
    redirected(
        client.post(
            url("paper-create", organisation, item_pk=item.pk),
            {
                "title": "Hosting options appraisal",
                "file": upload("options.pdf"),
                "restricted": "no",
            },
        )
    )
    assert [paper.title for paper in item.papers.all()] == ["Hosting options appraisal"]
    redirected(
        client.post(url("agenda-publish", organisation, meeting_pk=meeting.pk), {"late_reason": ""})
    )
    meeting.refresh_from_db()
    assert (meeting.is_published, meeting.is_late) == (True, False)

    # The chair reads the agenda and declares an interest in advance.
    client.force_login(chair)
    redirected(
        client.post(
            url("declaration-create", organisation, item_pk=item.pk),
            {"kind": "personal", "nature": "A former colleague works for one supplier"},
        )
    )
    declaration = Declaration.objects.get()
    assert (declaration.person, declaration.kind, declaration.in_advance) == (
        chair,
        "personal",
        True,
    )

    # On the day, the secretary records attendance, one member without a page reload.
    travel_to(request, FIRST_DAY)
    client.force_login(secretary)
    attendance_url = url("attendance", organisation, meeting_pk=meeting.pk)
    for person in members[:4]:
        redirected(client.post(attendance_url, {"person": person.pk, "status": "present"}))
    row = client.post(
        attendance_url, {"person": members[4].pk, "status": "present"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in row.content.decode()
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("person", "status")) == (
        sorted((person.pk, "present") for person in members)
    )

    # The decision, by agreement, on a quorate item.
    decision_url = url("decision-create", organisation, item_pk=item.pk)
    assert client.get(decision_url).context["quorum"].quorate is True
    redirected(
        client.post(
            decision_url,
            {
                "statement": "The group approved the move to cloud hosting.",
                "outcome": "approved",
                "confirmed_by": chair.pk,
                **date_fields("review_on", date(2031, 11, 11)),
            },
        )
    )
    decision = Decision.objects.get()
    assert (decision.reference, decision.confirmed_by, decision.votes_for) == (
        "DSSG/2031/001",
        chair,
        None,
    )

    # Minutes of the item, and an action arising from it.
    redirected(
        client.post(
            url("item-minutes", organisation, item_pk=item.pk),
            {"text": "The group **approved** the business case.", "version": 1},
        )
    )
    redirected(
        client.post(
            url("action-create", organisation, meeting_pk=meeting.pk),
            {
                "description": "Draft the hosting exit plan",
                "owner": members[1].pk,
                **date_fields("due_on", date(2031, 4, 30)),
                "item": item.pk,
            },
        )
    )
    action = Action.objects.get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    log_url = url("action-log", organisation, meeting_pk=meeting.pk)
    assert "DSSG/2031/001" in page
    assert f'href="{log_url}?action={action.pk}#action-{action.pk}">Action 1</a>' in page
    assert f'id="action-{action.pk}"' in client.get(log_url).content.decode()

    # The next meeting approves the minutes and agrees the action log, when it sits.
    following = schedule(client, organisation, steering_group, NEXT_DAY)
    following_log = client.get(url("action-log", organisation, meeting_pk=following.pk))
    assert f'id="action-{action.pk}"' in following_log.content.decode()
    previous_url = url("previous-approve", organisation, meeting_pk=following.pk)
    assert client.get(previous_url).status_code == 403
    travel_to(request, NEXT_DAY)
    client.force_login(secretary)  # the session of two months ago has expired
    redirected(
        client.post(
            previous_url,
            {"approve_minutes": "on", "corrections": "", "agree_action_log": "on"},
        )
    )
    meeting.refresh_from_db()
    assert (meeting.minutes_approved_at, meeting.action_log_agreed_at) == (following, following)

    # The agreed action log goes where the reporting lines say.
    forward_url = url("forward", organisation, meeting_pk=meeting.pk)
    ticked = client.get(forward_url).context["form"]["to_bodies"].value()
    assert ticked == [body.pk for body in receiving_bodies]
    redirected(
        client.post(
            forward_url,
            {
                "what": "action_log",
                "to_bodies": ticked,
                **date_fields("forwarded_on", NEXT_DAY),
            },
        )
    )
    assert [
        (f.meeting, f.what, f.to_body.name, f.forwarded_on, f.by) for f in Forwarding.objects.all()
    ] == [
        (meeting, "action_log", "Efficiency Board", NEXT_DAY, secretary),
        (meeting, "action_log", "Executive Management Team", NEXT_DAY, secretary),
    ]

    # The record is now fixed: no new decision, no change to the minutes.
    refused = client.post(
        decision_url,
        {"statement": "Changed our minds.", "outcome": "rejected", "confirmed_by": chair.pk},
    )
    assert refused.status_code == 403
    refused = client.post(
        url("item-minutes", organisation, item_pk=item.pk),
        {"text": "Rewritten.", "version": 2},
    )
    assert refused.status_code == 403
    assert Decision.objects.count() == 1
    assert AgendaItem.objects.get(pk=item.pk).minutes == (
        "<p>The group <strong>approved</strong> the business case.</p>"
    )

    # Anyone can read the decision in the register.
    client.logout()
    register = client.get(url("decision-list", organisation, pk=steering_group.pk))
    assert [d.reference for d in register.context["page"]] == ["DSSG/2031/001"]

    # Every change on the way is in the history, with who made it and why.
    assert unexplained(history_since(marks)) == []


def test_every_change_through_the_actions_says_who_and_why(
    request,
    organisation,
    steering_group,
    secretary,
    chair,
    members,
    officer,
    upload,
    receiving_bodies,
):
    """Outside a request no middleware knows the user: each action must record it itself."""
    steering_group.frequency = "bi_monthly"
    steering_group.save()
    marks = history_marks()

    meeting, following, spare = actions.schedule_forward(
        steering_group, start=FIRST_DAY, until=date(2031, 7, 31), by=secretary, today=FIRST_DAY
    )
    template = queries.template_for(steering_group)
    template.location = "Committee Room 1"
    actions.save_template(template, by=secretary, usual_attendees=[officer])
    actions.move_meeting(
        spare,
        on=date(2031, 7, 15),
        starts_at=time(14),
        location="",
        reason="Leave",
        by=secretary,
        today=FIRST_DAY,
    )
    actions.cancel_meeting(spare, reason="No business", by=secretary)
    item = actions.save_item(
        AgendaItem(meeting=meeting, title="Cloud hosting", purpose=Purpose.DECISION),
        by=secretary,
    )
    dropped = actions.save_item(AgendaItem(meeting=meeting, title="Telephony"), by=secretary)
    actions.remove_item(dropped, by=secretary)
    paper = actions.add_paper(
        item,
        title="Supplier prices",
        upload=upload("prices.pdf"),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
        readers=[officer],
    )
    actions.replace_paper(paper, upload=upload("prices-v2.pdf"), by=secretary)
    actions.publish_agenda(meeting, by=secretary, now=timezone.now())
    actions.declare_interest(
        item, person=chair, kind=Declaration.Kind.PERSONAL, nature="A friend", by=chair
    )
    travel_to(request, FIRST_DAY)
    for person in members:
        actions.record_attendance(
            meeting, person=person, status=Attendance.Status.PRESENT, by=secretary
        )
    decision = actions.record_decision(
        item,
        by=secretary,
        statement="Approved.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
    )
    actions.amend_decision(
        decision,
        by=secretary,
        statement="Approved, as amended.",
        outcome=Decision.Outcome.APPROVED,
        confirmed_by=chair,
    )
    actions.record_withdrawal(item, person=members[1], reason="Left the room", by=secretary)
    actions.save_minutes(item, text="The group approved the move.", by=secretary)
    action = actions.add_action(
        meeting, description="Exit plan", owner=members[1], due_on=FIRST_DAY, by=secretary
    )
    actions.update_action(
        action, status=Action.Status.DONE, text="Written.", on=FIRST_DAY, by=members[1]
    )
    actions.carry_item(item, to=following, by=secretary)
    travel_to(request, NEXT_DAY)
    actions.agree_previous_record(
        meeting, at=following, by=secretary, minutes=True, action_log=True
    )
    actions.forward(
        meeting,
        what=Forwarding.What.ACTION_LOG,
        to_bodies=receiving_bodies,
        on=NEXT_DAY,
        by=secretary,
    )

    rows = history_since(marks)
    assert unexplained(rows) == []
    assert {type(row).__name__ for row in rows} == {
        "HistoricalAction",
        "HistoricalAgendaItem",
        "HistoricalAttendance",
        "HistoricalDecision",
        "HistoricalDeclaration",
        "HistoricalForwarding",
        "HistoricalMeeting",
        "HistoricalMeetingTemplate",
        "HistoricalPaper",
        "HistoricalWithdrawal",
    }
