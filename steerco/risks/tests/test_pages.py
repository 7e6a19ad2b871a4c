from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steerco.meetings import actions as meeting_actions
from steerco.meetings.models import Action
from steerco.meetings.tests.conftest import MEETING_DAY
from steerco.meetings.tests.test_cycle import date_fields, travel_to
from steerco.risks import actions
from steerco.risks.models import Escalation, Risk
from steerco.risks.tests.conftest import SCORES


def url(name, organisation, **kwargs):
    return reverse(f"risks:{name}", kwargs={"org": organisation.slug, **kwargs})


def reassessment(**scores):
    data = {"assessed_on_0": "1", "assessed_on_1": "6", "assessed_on_2": "2026"}
    return {**data, **{name: str(value) for name, value in {**SCORES, **scores}.items()}}


def test_the_whole_journey_from_a_reassessment_to_the_flag_clearing(
    request, client, organisation, risk, member, secretary, chair, members, meeting, fixed_today
):
    org = {"org": organisation.slug}
    # A reassessment moves the risk above the technology appetite (cautious: 12).
    client.force_login(member)
    response = client.post(
        url("reassess", organisation, risk_pk=risk.pk),
        {**reassessment(current_likelihood=4, current_impact=4), "version": risk.version},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.current_score == 16

    # It appears on the escalation list.
    client.force_login(secretary)
    page = client.get(url("escalations", organisation)).content.decode()
    assert "R-001: Disaster recovery site not tested" in page
    assert "Outside appetite, Score rose at the last review" in page

    # The secretary accepts it onto the next agenda.
    response = client.post(
        url("accept", organisation, risk_pk=risk.pk),
        {"meeting": meeting.pk, "reason": "Outside the technology appetite"},
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get(risk=risk)
    item = escalation.item
    assert item.title == "Risk for escalation R-001: Disaster recovery site not tested"
    assert item.meeting == meeting
    assert (escalation.to_body, escalation.item, escalation.by) == (
        meeting.body,
        item,
        secretary,
    )
    assert "On the agenda" in client.get(url("escalations", organisation)).content.decode()

    # On the day, the meeting decides at the item and adds a mitigating action there, through
    # its own pages (the decision's form and the action's); both show on the risk.
    travel_to(request, MEETING_DAY)
    client.force_login(secretary)
    for person in members:
        client.post(
            reverse("meetings:attendance", kwargs=org | {"meeting_pk": meeting.pk}),
            {"person": person.pk, "status": "present"},
        )
    response = client.post(
        reverse("meetings:decision-create", kwargs=org | {"item_pk": item.pk}),
        {
            "statement": "The group asked for a full failover test before the next meeting.",
            "outcome": "approved",
            "confirmed_by": chair.pk,
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:action-create", kwargs=org | {"meeting_pk": meeting.pk}),
        {
            "description": "Run a full failover test",
            "owner": member.pk,
            **date_fields("due_on", MEETING_DAY.replace(month=4)),
            "item": item.pk,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(item=item)
    page = client.get(url("risk", organisation, risk_pk=risk.pk)).content.decode()
    assert "The group asked for a full failover test before the next meeting." in page
    assert "Run a full failover test" in page
    assert f"agenda item {item.position} of" in page

    # The action is done; the next reassessment brings the risk within appetite.
    meeting_actions.update_action(
        action,
        status=Action.Status.DONE,
        text="Failover ran in 40 minutes",
        on=MEETING_DAY,
        by=member,
    )
    risk.refresh_from_db()
    client.force_login(member)
    client.post(
        url("reassess", organisation, risk_pk=risk.pk),
        {**reassessment(current_likelihood=2, current_impact=4), "version": risk.version},
    )
    risk.refresh_from_db()
    assert (risk.current_score, risk.previous_score) == (8, 16)
    page = client.get(url("escalations", organisation)).content.decode()
    assert "No risk needs escalating." in page


def test_a_refused_reassessment_shows_the_error_and_saves_nothing(
    client, organisation, risk, member
):
    client.force_login(member)
    response = client.post(
        url("reassess", organisation, risk_pk=risk.pk),
        {**reassessment(target_likelihood=5, target_impact=5), "version": risk.version},
    )
    assert response.status_code == 200
    assert "Enter why the target score is higher than the score before controls." in (
        response.content.decode()
    )
    assert risk.assessments.count() == 1


def test_a_risk_is_added_through_its_form(client, organisation, technology, member):
    client.force_login(member)
    response = client.post(
        url("risk-create", organisation),
        {
            "title": "Key network engineer leaving",
            "category": technology.pk,
            "owner": member.pk,
            "proximity": "near",
            "treatment": "treat",
            "controls": "Documented runbooks",
            **{name: str(value) for name, value in SCORES.items()},
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get(organisation=organisation)
    assert (risk.reference, risk.title, risk.current_score) == (
        "R-001",
        "Key network engineer leaving",
        9,
    )


def test_the_heat_map_counts_in_one_query_and_links_to_the_register(
    client, organisation, risk, member
):
    client.force_login(member)
    response = client.get(url("heat-map", organisation))
    page = response.content.decode()
    assert "?which=current&amp;likelihood=3&amp;impact=3&amp;status=open" in page
    with CaptureQueriesContext(connection) as queries:
        client.get(url("heat-map", organisation) + "?which=inherent")
    assert sum("GROUP BY" in q["sql"] for q in queries.captured_queries) == 1
    register = client.get(
        url("register", organisation) + "?which=inherent&likelihood=4&impact=4"
    ).content.decode()
    assert "1 risk matches the filters." in register


def test_the_register_filters_on_flags(client, organisation, risk, member):
    client.force_login(member)
    assert (
        "No risk matches the filters."
        in client.get(url("register", organisation) + "?flag=outside_appetite").content.decode()
    )
    actions.reassess_risk(risk, by=member, scores={**SCORES, "current_likelihood": 5})
    assert (
        "1 risk matches the filters."
        in client.get(url("register", organisation) + "?flag=outside_appetite").content.decode()
    )


def test_a_restricted_risk_is_not_known_to_those_who_may_not_read_it(
    client, organisation, risk, member, officer, administrator, secretary
):
    risk.restricted = True
    risk.exemption = "security"
    actions.change_risk(risk, by=secretary, reason="Security of systems")
    for person, sees in ((member, True), (officer, False), (administrator, False)):
        client.force_login(person)
        register = client.get(url("register", organisation)).content.decode()
        heat_map = client.get(url("heat-map", organisation)).content.decode()
        detail = client.get(url("risk", organisation, risk_pk=risk.pk))
        assert ("Disaster recovery site" in register) is sees
        assert ("1 open risk," in heat_map) is sees
        assert detail.status_code == (200 if sees else 404)


def test_another_council_gets_404_and_an_officer_may_not_change_anothers_risk(
    client, organisation, risk, officer, outsider
):
    client.force_login(outsider)
    assert client.get(url("risk", organisation, risk_pk=risk.pk)).status_code == 404
    client.force_login(officer)
    assert client.get(url("risk", organisation, risk_pk=risk.pk)).status_code == 200
    assert client.get(url("reassess", organisation, risk_pk=risk.pk)).status_code == 403
    assert client.get(url("accept", organisation, risk_pk=risk.pk)).status_code == 403
    assert client.delete(url("risk", organisation, risk_pk=risk.pk)).status_code == 405


def test_the_project_and_business_case_pages_show_their_risks_to_those_who_may_read_them(
    client, organisation, member, officer, secretary
):
    from steerco.portfolio.models import BusinessCase, Project
    from steerco.risks.tests.cases import link_assessed_risk

    project = Project.objects.create(organisation=organisation, reference="ICT-1", name="CRM")
    case = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="CRM", base_year=2026
    )
    risk = link_assessed_risk(case, member, title="CRM supplier capacity")
    hidden = link_assessed_risk(case, member, title="Osprey credential leak")
    hidden.restricted, hidden.exemption = True, "security"
    actions.change_risk(hidden, by=member, reason="Security", links={"projects": [project]})
    actions.change_risk(risk, by=member, reason="Project too", links={"projects": [project]})
    for person, sees_hidden in ((member, True), (officer, False)):
        client.force_login(person)
        for page in (project.get_absolute_url(), case.get_absolute_url()):
            content = client.get(page).content.decode()
            assert "R-001: CRM supplier capacity" in content
            assert ("Osprey" in content) is sees_hidden


def test_changing_a_risk_keeps_its_link_to_a_restricted_business_case_it_does_not_offer(
    client, organisation, member, risk
):
    from steerco.portfolio.models import BusinessCase, Project

    project = Project.objects.create(organisation=organisation, reference="ICT-3", name="Vault")
    hidden = BusinessCase.objects.create(
        organisation=organisation, project=project, number=1, title="Vault hosting bid",
        base_year=2026, restricted=True, exemption="commercial",
    )  # fmt: skip
    actions.change_risk(risk, by=member, reason="Linked", links={"business_cases": [hidden]})
    risk.refresh_from_db()
    client.force_login(member)
    edit = client.get(url("risk-edit", organisation, risk_pk=risk.pk)).content.decode()
    assert "Vault hosting bid" not in edit
    response = client.post(
        url("risk-edit", organisation, risk_pk=risk.pk),
        {
            "title": "Disaster recovery site not tested",
            "category": risk.category_id,
            "owner": member.pk,
            "proximity": "near",
            "treatment": "treat",
            "controls": "Nightly off-site backups",
            "reason": "Retitled",
            "version": risk.version,
        },
    )
    assert response.status_code == 302
    assert list(risk.business_cases.all()) == [hidden]
    assert risk.history.first().history_change_reason == "Retitled"


def test_the_risks_for_escalation_come_a_page_at_a_time_the_most_serious_first(
    client, organisation, member, technology
):
    # 51 risks outside the technology appetite (cautious: 12): odd numbers at 16 (4 × 4), even
    # ones at 15 (5 × 3).
    def levels(number):
        likelihood, impact = (4, 4) if number % 2 else (5, 3)
        return {
            **{f"{which}_likelihood": likelihood for which in ("inherent", "current", "target")},
            **{f"{which}_impact": impact for which in ("inherent", "current", "target")},
            **{
                f"{which}_score": likelihood * impact for which in ("inherent", "current", "target")
            },
        }

    Risk.objects.bulk_create(
        Risk(
            organisation=organisation,
            number=number,
            title=f"Risk {number}",
            category=technology,
            owner=member,
            controls="Some",
            **levels(number),
        )
        for number in range(1, 52)
    )
    client.force_login(member)

    first = client.get(url("escalations", organisation))
    second = client.get(url("escalations", organisation) + "?page=2")

    listed = [risk.reference for risk in first.context["page"]]
    assert len(listed) == 50
    assert listed[:2] == ["R-001", "R-003"]
    assert [risk.reference for risk in second.context["page"]] == ["R-050"]
    assert first.context["page"].paginator.count == 51
    assert 'href="?page=2"' in first.content.decode()
