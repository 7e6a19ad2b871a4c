"""Escalating a risk between bodies through its page: who, when, why (issue 10 §3)."""

import pytest
from django.urls import reverse

from steerco.governance.models import Body, Membership, ReportingLine
from steerco.portfolio.models import Project
from steerco.risks import actions
from steerco.risks.models import Escalation
from steerco.risks.queries import pending_escalations

JOINED = "2025-01-01"
WHY = "The supplier cannot fund the failover test this year."


def url(name, organisation, **kwargs):
    return reverse(f"risks:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def board(organisation, steering_group):
    board = Body.objects.create(
        organisation=organisation, name="CRM Project Board", kind=Body.Kind.PROJECT_BOARD
    )
    ReportingLine.objects.create(organisation=organisation, from_body=board, to_body=steering_group)
    return board


def on_board(make_person, board, username, name, role):
    person = make_person(username, board.organisation, name=name)
    Membership.objects.create(
        organisation=board.organisation, body=board, person=person, role=role, starts_on=JOINED
    )
    return person


@pytest.fixture
def board_secretary(make_person, board):
    return on_board(make_person, board, "board-secretary", "Bea Boateng", Membership.Role.SECRETARY)


@pytest.fixture
def project(organisation, board, risk):
    project = Project.objects.create(
        organisation=organisation, reference="ICT-1", name="CRM", board=board
    )
    risk.projects.add(project)
    return project


def test_a_board_escalates_a_risk_to_the_steering_group_through_the_pages(
    client, organisation, steering_group, board, board_secretary, project, risk, member,
    secretary, meeting, fixed_today,
):  # fmt: skip
    # The board's secretary (who, as every body's secretary, keeps the register) opens the
    # escalation from the risk's page.
    client.force_login(board_secretary)
    detail = client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    assert "Not escalated." in detail
    assert "Escalate this risk" in detail
    page = client.get(url("escalate", organisation, risk_pk=risk.pk)).content.decode()
    # It may come from the board of a project it affects or the steering group, and go to any
    # body of the council; the reporting line says where it goes by default.
    assert f'<option value="{board.pk}" selected>' in page
    assert f'<option value="{steering_group.pk}"' in page
    assert "CRM Project Board reports to Digital Services Steering Group" in page

    # The body it goes to left as it is: the one the board reports to.
    response = client.post(
        url("escalate", organisation, risk_pk=risk.pk),
        {"from_body": board.pk, "to_body": "", "reason": WHY},
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get(risk=risk)
    assert (escalation.from_body, escalation.to_body, escalation.by, escalation.item) == (
        board,
        steering_group,
        board_secretary,
        None,
    )
    assert escalation.escalated_at.date() == fixed_today
    # The history has who and why.
    recorded = escalation.history.get()
    assert recorded.history_user == board_secretary
    assert (recorded.reason, recorded.from_body, recorded.history_change_reason) == (
        WHY,
        board,
        "Escalated to Digital Services Steering Group",
    )

    # The risk page shows it: from → to, by whom, when, why.
    detail = client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    assert (
        "1 June 2026: from CRM Project Board to Digital Services Steering Group by Bea Boateng, "
        f"because {WHY}" in detail
    )

    # The risk is within appetite and not flagged, yet it is now on the steering group's list
    # of risks for escalation, with who escalated it, when and why.
    client.force_login(member)
    listed = client.get(url("escalations", organisation)).content.decode()
    assert "R-001: Disaster recovery site not tested" in listed
    assert f"Escalated by CRM Project Board on 1 June 2026: {WHY}" in listed
    download = client.get(url("escalations-csv", organisation)).getvalue().decode()
    assert f"Escalated by CRM Project Board on 1 June 2026: {WHY}" in download

    # The secretary accepts it onto the next agenda: the item answers the board's escalation.
    client.force_login(secretary)
    response = client.post(
        url("accept", organisation, risk_pk=risk.pk),
        {"meeting": meeting.pk, "reason": "Escalated by the CRM board"},
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get(risk=risk)
    assert escalation.item.meeting == meeting
    assert (escalation.from_body, escalation.by) == (board, board_secretary)
    accepted = escalation.history.first()
    assert accepted.history_user == secretary
    assert accepted.history_change_reason.startswith("Accepted onto the agenda of Digital")
    # Answered, it is no longer proposed: within appetite, it leaves the list for the agenda.
    listed = client.get(url("escalations", organisation)).content.decode()
    assert "No risk needs escalating." in listed
    detail = client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    assert "agenda item" in detail and "11 March 2031" in detail


def test_escalating_is_refused_with_clear_messages(
    client, organisation, other_organisation, steering_group, board, project, risk, secretary,
    board_secretary, fixed_today,
):  # fmt: skip
    theirs = Body.objects.create(organisation=other_organisation, name="Their Board")
    client.force_login(secretary)
    address = url("escalate", organisation, risk_pk=risk.pk)

    def refusal(data):
        response = client.post(address, data)
        assert response.status_code == 200
        return response.content.decode()

    assert "Enter why the risk is escalated." in refusal({"from_body": board.pk, "reason": ""})
    # The same body at both ends.
    page = refusal({"from_body": board.pk, "to_body": board.pk, "reason": WHY})
    assert "The risk is escalated from CRM Project Board: choose another body to take it." in page
    # Another council's body is not a choice.
    page = refusal({"from_body": board.pk, "to_body": theirs.pk, "reason": WHY})
    assert "Select the body the risk is escalated to." in page
    # No body to come from and none to go to.
    page = refusal({"from_body": "", "to_body": "", "reason": WHY})
    assert "Select the body the risk is escalated to." in page
    # A body that reports to no one, left to find where it goes.
    page = refusal({"from_body": steering_group.pk, "to_body": "", "reason": WHY})
    assert "reports to no body in the governance model" in page
    assert not Escalation.objects.exists()

    # A closed risk.
    client.force_login(secretary)
    actions.close_risk(risk, by=secretary, note="Failover tested")
    page = refusal({"from_body": board.pk, "to_body": steering_group.pk, "reason": WHY})
    assert "A closed risk is not escalated." in page
    assert (
        "Escalate this risk"
        not in client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    )
    assert not Escalation.objects.exists()


def test_who_may_escalate(
    client, organisation, make_person, board, project, risk, officer, member, board_secretary,
    outsider, administrator, fixed_today,
):  # fmt: skip
    board_chair = on_board(make_person, board, "board-chair", "Ben Bell", Membership.Role.CHAIR)
    address = url("escalate", organisation, risk_pk=risk.pk)
    # The risk's owner (here a member of the steering group), whoever keeps the register (an
    # administrator, a body's secretary) and so whoever manages the board; no one else.
    for person, status in (
        (member, 200),
        (administrator, 200),
        (board_secretary, 200),
        (board_chair, 403),
        (officer, 403),
        (outsider, 404),
    ):
        client.force_login(person)
        assert client.get(address).status_code == status, person
    client.force_login(board_chair)
    detail = client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    assert "Escalate this risk" not in detail
    response = client.post(address, {"from_body": board.pk, "reason": WHY})
    assert response.status_code == 403
    assert not Escalation.objects.exists()


def test_a_restricted_risk_is_escalated_only_by_those_who_may_read_it(
    client, organisation, board, project, risk, secretary, board_secretary, fixed_today
):
    risk.restricted = True
    risk.exemption = "security"
    actions.change_risk(risk, by=secretary, reason="Security of systems")
    client.force_login(board_secretary)
    address = url("escalate", organisation, risk_pk=risk.pk)
    assert client.get(address).status_code == 404
    assert client.post(address, {"from_body": board.pk, "reason": WHY}).status_code == 404
    assert not Escalation.objects.exists()


def test_an_escalation_waits_until_the_body_takes_it_on_its_agenda(
    organisation, steering_group, board, project, risk, secretary, meeting, fixed_today
):
    def waiting():
        return list(pending_escalations(steering_group).values_list("reason", flat=True))

    actions.escalate_risk(risk, to=steering_group, from_body=board, by=secretary, reason="First")
    actions.escalate_risk(risk, to=steering_group, from_body=board, by=secretary, reason="Again")
    assert waiting() == ["First", "Again"]
    # Accepting answers the latest; the earlier one is answered with it.
    escalation = actions.accept_for_agenda(risk, meeting=meeting, by=secretary, reason="Taken")
    assert (escalation.reason, escalation.item.meeting) == ("Again", meeting)
    assert Escalation.objects.count() == 2
    assert waiting() == []
    # Escalated again after that, it waits again; closed, it no longer does.
    actions.escalate_risk(risk, to=steering_group, from_body=board, by=secretary, reason="Worse")
    assert waiting() == ["Worse"]
    actions.close_risk(risk, by=secretary, note="Failover tested")
    assert waiting() == []
