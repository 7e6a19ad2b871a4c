from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from steerco.meetings import actions
from steerco.meetings.models import (
    Action,
    Attendance,
    Decision,
    Declaration,
    Paper,
    Withdrawal,
)

PRESENT = Attendance.Status.PRESENT


def url(name, organisation, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"org": organisation.slug, **kwargs})


def file_url(paper, version):
    return url("paper-file", paper.organisation, paper_pk=paper.pk, version_pk=version.pk)


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def quorate(meeting, members, secretary):
    for person in members:
        actions.record_attendance(
            meeting, person=person, status=PRESENT, by=secretary, now=meeting.starts()
        )
    return meeting


@pytest.fixture
def open_paper(item, secretary, upload):
    return actions.add_paper(
        item, title="Staff at risk list", upload=upload("list.pdf"), by=secretary
    )


def decide(item, secretary, chair, outcome=Decision.Outcome.APPROVED):
    return actions.record_decision(
        item, statement="The case is approved.", outcome=outcome, confirmed_by=chair, by=secretary
    )


def last_reason(record):
    return record.history.latest().history_change_reason


# Putting a paper right.


def test_the_secretary_renames_a_paper_with_the_reason_kept(
    client, organisation, secretary, open_paper
):
    client.force_login(secretary)
    path = url("paper-retitle", organisation, paper_pk=open_paper.pk)
    assert client.get(path).status_code == 200
    response = client.post(path, {"title": "Staffing summary", "reason": "Wrong title"})
    assert response.status_code == 302
    open_paper.refresh_from_db()
    assert (open_paper.title, last_reason(open_paper)) == (
        "Staffing summary",
        "Retitled: Wrong title",
    )


def test_a_paper_is_not_renamed_without_a_reason(client, organisation, secretary, open_paper):
    client.force_login(secretary)
    response = client.post(
        url("paper-retitle", organisation, paper_pk=open_paper.pk), {"title": "New", "reason": ""}
    )
    assert response.context["form"].errors == {"reason": ["Enter why the paper is renamed."]}
    open_paper.refresh_from_db()
    assert open_paper.title == "Staff at risk list"


def test_an_open_paper_is_restricted_at_once_and_opened_again(
    client, organisation, secretary, officer, open_paper
):
    page = open_paper.get_absolute_url()
    client.force_login(officer)
    assert client.get(page).status_code == 200
    client.force_login(secretary)
    path = url("paper-restriction", organisation, paper_pk=open_paper.pk)
    response = client.post(
        path, {"restricted": "yes", "exemption": "individuals", "reason": "Names staff"}
    )
    assert response.status_code == 302
    open_paper.refresh_from_db()
    assert (open_paper.restricted, open_paper.exemption, last_reason(open_paper)) == (
        True,
        "individuals",
        "Restricted: Names staff",
    )
    client.force_login(officer)
    assert client.get(page).status_code == 404
    assert client.get(file_url(open_paper, open_paper.versions.get())).status_code == 404
    client.force_login(secretary)
    client.post(path, {"restricted": "no", "reason": "Names removed"})
    open_paper.refresh_from_db()
    assert (open_paper.restricted, open_paper.exemption, last_reason(open_paper)) == (
        False,
        "",
        "Opened to the public: Names removed",
    )
    client.force_login(officer)
    assert client.get(page).status_code == 200


def test_restricting_without_an_exemption_is_refused(client, organisation, secretary, open_paper):
    client.force_login(secretary)
    response = client.post(
        url("paper-restriction", organisation, paper_pk=open_paper.pk),
        {"restricted": "yes", "exemption": "", "reason": "Names staff"},
    )
    assert response.context["form"].errors == {"exemption": ["Select why the paper is restricted."]}


def test_a_withdrawn_paper_is_served_only_to_whoever_manages_the_body(
    client, organisation, meeting, secretary, member, administrator, open_paper
):
    version = open_paper.versions.get()
    client.force_login(secretary)
    response = client.post(
        url("paper-withdraw", organisation, paper_pk=open_paper.pk),
        {"reason": "Uploaded as open by mistake"},
    )
    assert response.status_code == 302
    open_paper.refresh_from_db()
    assert last_reason(open_paper) == "Withdrawn: Uploaded as open by mistake"
    for person in (secretary, administrator):
        client.force_login(person)
        assert client.get(open_paper.get_absolute_url()).status_code == 200
        assert client.get(file_url(open_paper, version)).status_code == 200
        assert "Withdrawn" in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(member)
    assert client.get(open_paper.get_absolute_url()).status_code == 404
    assert client.get(file_url(open_paper, version)).status_code == 404
    assert "Staff at risk list" not in client.get(meeting.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(open_paper.get_absolute_url()).status_code == 404


def test_withdrawing_pulls_the_carried_copy_and_a_withdrawn_paper_is_not_carried(
    organisation, item, secretary, next_meeting, open_paper, upload
):
    carried = actions.carry_item(item, to=next_meeting, by=secretary)
    actions.withdraw_paper(open_paper, reason="Names staff", by=secretary)
    assert [p.is_withdrawn for p in carried.papers.all()] == [True]
    later = actions.schedule_meeting(
        item.meeting.body,
        on=date(2031, 7, 8),
        starts_at=next_meeting.starts_at,
        by=secretary,
        today=date(2026, 1, 1),
    )
    assert list(actions.carry_item(item, to=later, by=secretary).papers.all()) == []


def test_an_earlier_version_is_served_only_to_whoever_manages_the_body(
    client, organisation, secretary, member, open_paper, upload
):
    first = open_paper.versions.get()
    current = actions.replace_paper(open_paper, upload=upload("list-v2.pdf"), by=secretary)
    client.force_login(member)
    page = client.get(open_paper.get_absolute_url())
    assert (page.context["current"], page.context["earlier"]) == (current, [])
    assert "list.pdf" not in page.content.decode()
    assert client.get(file_url(open_paper, first)).status_code == 404
    assert client.get(file_url(open_paper, current)).status_code == 200
    client.force_login(secretary)
    page = client.get(open_paper.get_absolute_url())
    assert page.context["earlier"] == [first]
    assert client.get(file_url(open_paper, first)).status_code == 200


def test_only_whoever_manages_the_body_corrects_a_paper(
    client, organisation, member, outsider, open_paper
):
    paths = [
        url(name, organisation, paper_pk=open_paper.pk)
        for name in ("paper-retitle", "paper-restriction", "paper-withdraw")
    ]
    client.force_login(member)
    assert [client.get(path).status_code for path in paths] == [403, 403, 403]
    client.force_login(outsider)
    assert [client.get(path).status_code for path in paths] == [404, 404, 404]
    assert Paper.objects.get().history.count() == 1


# Voiding an entry made in error.


def test_the_secretary_voids_a_decision_and_its_number_is_not_reused(
    client, organisation, steering_group, quorate, secretary, chair, item
):
    decision = decide(item, secretary, chair)
    client.force_login(secretary)
    assert "Void" in client.get(quorate.get_absolute_url()).content.decode()
    response = client.post(
        url("decision-void", organisation, decision_pk=decision.pk),
        {"reason": "Recorded on the wrong item"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"Decision {decision.reference} voided. It stays in the history."
    ]
    voided = Decision.all_objects.get()
    assert (voided.voided_by, voided.void_reason, last_reason(voided)) == (
        secretary,
        "Recorded on the wrong item",
        "Voided: Recorded on the wrong item",
    )
    assert voided.voided_at is not None
    register = client.get(url("decision-list", organisation, pk=steering_group.pk))
    assert decision.reference not in register.content.decode()
    assert decision.reference not in client.get(quorate.get_absolute_url()).content.decode()
    assert decide(item, secretary, chair).number == 2


def test_voiding_without_a_reason_is_refused(client, organisation, quorate, secretary, chair, item):
    decision = decide(item, secretary, chair)
    client.force_login(secretary)
    response = client.post(url("decision-void", organisation, decision_pk=decision.pk), {})
    assert response.context["form"].errors == {"reason": ["Enter why it was entered in error."]}
    assert Decision.objects.get() == decision


def test_voiding_is_refused_once_the_minutes_are_approved(
    client, organisation, quorate, secretary, chair, item, next_meeting, on_the_next_day
):
    decision = decide(item, secretary, chair)
    actions.approve_minutes(quorate, at=next_meeting, by=secretary)
    client.force_login(secretary)
    assert "Void" not in client.get(quorate.get_absolute_url()).content.decode()
    response = client.post(
        url("decision-void", organisation, decision_pk=decision.pk),
        {"reason": "Wrong"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"The minutes of this meeting are approved, so decision {decision.reference} can no "
        "longer be voided. Record a later decision that supersedes it, or a correction with "
        "the approval of the minutes."
    ]
    assert Decision.objects.get() == decision


def test_a_voided_deferral_no_longer_offers_the_item_again(
    client, organisation, quorate, secretary, chair, item, next_meeting
):
    deferral = decide(item, secretary, chair, outcome=Decision.Outcome.DEFERRED)
    client.force_login(secretary)
    page = next_meeting.get_absolute_url()
    assert [i.pk for i in client.get(page).context["deferred"]] == [item.pk]
    actions.void_entry(deferral, reason="Not deferred after all", by=secretary)
    assert client.get(page).context["deferred"] == []


@pytest.fixture
def overdue_action(meeting, member, secretary):
    return actions.add_action(
        meeting,
        description="Draft the exit plan",
        owner=member,
        due_on=date(2031, 4, 1),
        by=secretary,
    )


# The day after the action fell due.
OVERDUE = datetime(2031, 4, 2, 10, tzinfo=ZoneInfo("Europe/London"))


@time_machine.travel(OVERDUE, tick=True)
def test_a_voided_action_leaves_the_action_log_my_meetings_the_dashboard_and_reminders(
    client, organisation, meeting, secretary, member, overdue_action, mailoutbox
):
    client.force_login(secretary)
    assert client.get(url("dashboard", organisation)).context["overdue_actions"] == [overdue_action]
    response = client.post(
        url("action-void", organisation, action_pk=overdue_action.pk), {"reason": "Duplicate"}
    )
    assert response.status_code == 302
    assert client.get(url("dashboard", organisation)).context["overdue_actions"] == []
    log = url("action-log", organisation, meeting_pk=meeting.pk)
    assert client.get(log).context["action_log"] == []
    client.force_login(member)
    assert client.get(url("my-page", organisation)).context["actions"] == []
    out = StringIO()
    call_command("send_reminders", "--today", "2031-04-02", stdout=out)
    assert mailoutbox == []
    assert Action.all_objects.get().void_reason == "Duplicate"
    later = actions.add_action(
        meeting, description="Draft the plan", owner=member, due_on=date(2031, 4, 1), by=secretary
    )
    assert later.number == 2


def test_an_action_is_not_voided_once_its_log_is_agreed(
    meeting, next_meeting, secretary, overdue_action, on_the_next_day
):
    actions.agree_action_log(meeting, at=next_meeting, by=secretary)
    with pytest.raises(ValidationError, match="can no longer be voided"):
        actions.void_entry(overdue_action, reason="Duplicate", by=secretary)


def test_a_voided_prejudicial_declaration_withholds_no_paper_and_counts_the_member_again(
    client, organisation, quorate, secretary, member, item, upload
):
    restricted = actions.add_paper(
        item,
        title="Supplier pricing",
        upload=upload(),
        by=secretary,
        restricted=True,
        exemption=Paper.Exemption.COMMERCIAL,
    )
    declaration = actions.declare_interest(
        item, person=member, kind="prejudicial", nature="Wrong person", by=secretary
    )
    client.force_login(member)
    assert client.get(restricted.get_absolute_url()).status_code == 404
    client.force_login(secretary)
    decide_path = url("decision-create", organisation, item_pk=item.pk)
    assert client.get(decide_path).context["quorum"].counted == 4
    response = client.post(
        url("declaration-void", organisation, declaration_pk=declaration.pk),
        {"reason": "Declared for the wrong member"},
    )
    assert response.status_code == 302
    assert client.get(decide_path).context["quorum"].counted == 5
    # The withdrawal that the declaration made goes with it.
    assert [w.void_reason for w in Withdrawal.all_objects.all()] == [
        "Declared for the wrong member"
    ]
    assert Withdrawal.objects.count() == 0
    client.force_login(member)
    assert client.get(restricted.get_absolute_url()).status_code == 200
    # The right declaration can then be recorded.
    actions.declare_interest(item, person=member, kind="personal", nature="Friend", by=secretary)
    assert [d.kind for d in Declaration.objects.all()] == ["personal"]


def test_a_voided_withdrawal_puts_the_member_back_in_the_room(
    client, organisation, quorate, secretary, member, item
):
    withdrawal = actions.record_withdrawal(item, person=member, by=secretary, reason="Phone call")
    client.force_login(secretary)
    decide_path = url("decision-create", organisation, item_pk=item.pk)
    assert client.get(decide_path).context["quorum"].counted == 4
    client.post(
        url("withdrawal-void", organisation, withdrawal_pk=withdrawal.pk), {"reason": "Stayed"}
    )
    assert client.get(decide_path).context["quorum"].counted == 5
    page = client.get(quorate.get_absolute_url())
    assert [entry.withdrawn for entry in page.context["record"].items] == [[]] * len(
        page.context["record"].items
    )


def test_only_whoever_manages_the_body_voids(
    client, organisation, quorate, secretary, chair, member, outsider, item
):
    decision = decide(item, secretary, chair)
    path = url("decision-void", organisation, decision_pk=decision.pk)
    client.force_login(member)
    assert client.post(path, {"reason": "Wrong"}).status_code == 403
    client.force_login(outsider)
    assert client.post(path, {"reason": "Wrong"}).status_code == 404
    assert Decision.objects.get() == decision


def test_the_admin_shows_a_voided_decision_for_the_trail(
    client, administrator, quorate, secretary, chair, item
):
    decision = decide(item, secretary, chair)
    actions.void_entry(decision, reason="Recorded on the wrong item", by=secretary)
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.get(reverse("admin:meetings_decision_changelist"))
    assert list(response.context["cl"].result_list) == [decision]


def test_voiding_a_superseding_decision_lets_the_earlier_one_stand(
    client, organisation, steering_group, quorate, secretary, chair, item
):
    earlier = decide(item, secretary, chair)
    later = actions.record_decision(
        item,
        statement="Replaced in error.",
        outcome=Decision.Outcome.REJECTED,
        confirmed_by=chair,
        supersedes=earlier,
        by=secretary,
    )
    actions.void_entry(later, reason="Superseded the wrong decision", by=secretary)
    client.force_login(secretary)
    path = url("decision-create", organisation, item_pk=item.pk)
    assert list(client.get(path).context["form"].fields["supersedes"].queryset) == [earlier]
    history = Decision.all_objects.get(pk=later.pk).history.order_by("history_id")
    assert [(h.supersedes_id, h.history_change_reason) for h in history] == [
        (earlier.pk, "Decision recorded"),
        (None, "Voided: Superseded the wrong decision"),
    ]


def test_the_action_log_page_offers_to_void_an_action_of_this_meeting(
    client, organisation, meeting, secretary, member, overdue_action
):
    client.force_login(secretary)
    page = client.get(url("action-log", organisation, meeting_pk=meeting.pk)).content.decode()
    client.force_login(member)
    as_member = client.get(url("action-log", organisation, meeting_pk=meeting.pk)).content.decode()

    void = url("action-void", organisation, action_pk=overdue_action.pk)
    assert (void in page, void in as_member) == (True, False)
