from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from steerco.governance import actions
from steerco.governance.models import Body, Membership, ReportingLine, TermsOfReference


def url(name, organisation, **kwargs):
    return reverse(f"governance:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def terms(steering_group, secretary):
    first = actions.issue_terms_of_reference(
        steering_group,
        version="1.0",
        issued_on=None,
        author="R. Bloor",
        summary_of_change="Initial creation of terms of reference",
        title="",
        purpose="",
        objectives=[],
        sections=[],
        by=secretary,
    )
    second = actions.issue_terms_of_reference(
        steering_group,
        version="1.1",
        issued_on=date(2019, 4, 9),
        author="D Elkington",
        summary_of_change="Inclusion of ICT Steering Group requirements",
        title="Terms of Reference",
        purpose="To ensure effective direction and control.",
        objectives=["Provide the governance framework.", "Oversee the strategies."],
        sections=[("Standards", "Decisions will be taken by agreement.")],
        by=secretary,
    )
    return first, second


@pytest.fixture
def cabinet(organisation):
    return Body.objects.create(organisation=organisation, name="Cabinet", kind=Body.Kind.CABINET)


# Public pages: the governance structure is published for transparency.


def test_anyone_can_read_the_governance_model(client, organisation, steering_group, cabinet):
    ReportingLine.objects.create(
        organisation=organisation,
        from_body=steering_group,
        to_body=cabinet,
        carries=["approved_minutes", "decisions"],
        condition="",
    )
    response = client.get(url("model", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="steerco-model"' in html
    assert "Approved minutes, Decisions" in html
    assert html.count('class="steerco-model__body') == 2


def test_anyone_can_read_a_body_page(client, organisation, steering_group, chair, terms):
    response = client.get(url("body-detail", organisation, pk=steering_group.pk))
    assert response.status_code == 200
    assert response.context["chair"].person == chair
    assert "At least 5 members present, including the chair or the nominated vice chair" in (
        response.content.decode()
    )
    assert response.context["terms"] == terms[1]


def test_current_terms_of_reference_show_the_latest_version(
    client, organisation, steering_group, terms
):
    response = client.get(url("terms-current", organisation, pk=steering_group.pk))
    assert response.status_code == 200
    assert response.context["document"] == terms[1]
    assert response.context["is_current"] is True
    html = response.content.decode()
    assert "Provide the governance framework." in html
    assert "Inclusion of ICT Steering Group requirements" in html
    assert "Initial creation of terms of reference" in html


def test_an_earlier_version_is_readable_and_marked_as_earlier(
    client, organisation, steering_group, terms
):
    response = client.get(
        url("terms-version", organisation, pk=steering_group.pk, version_pk=terms[0].pk)
    )
    assert response.status_code == 200
    assert response.context["is_current"] is False
    assert "This is version 1.0, an earlier version." in response.content.decode()


def test_a_version_of_another_body_is_not_found(
    client, organisation, steering_group, cabinet, terms
):
    response = client.get(url("terms-version", organisation, pk=cabinet.pk, version_pk=terms[0].pk))
    assert response.status_code == 404


# Members-only pages and forms.


def test_signing_in_is_needed_to_manage(client, organisation, steering_group):
    response = client.get(url("membership-create", organisation, pk=steering_group.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_a_secretary_adds_a_member(client, organisation, steering_group, secretary, officer):
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        {
            "person": officer.pk,
            "role": "supporting_officer",
            "area": "ICT",
            "position": "ICT Operations Manager",
            "starts_on_0": "1",
            "starts_on_1": "9",
            "starts_on_2": "2025",
            "counts_toward_quorum": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=officer)
    assert (membership.role, membership.starts_on) == ("supporting_officer", date(2025, 9, 1))
    record = membership.history.get()
    assert (record.history_user, record.history_change_reason) == (secretary, "Member added")


def test_a_member_who_is_not_secretary_may_not_add_members(
    client, organisation, steering_group, member
):
    client.force_login(member)
    response = client.get(url("membership-create", organisation, pk=steering_group.pk))
    assert response.status_code == 403


def test_an_outsider_gets_not_found(client, organisation, steering_group, outsider):
    client.force_login(outsider)
    response = client.get(url("membership-create", organisation, pk=steering_group.pk))
    assert response.status_code == 404


def test_the_chair_review_accepts_only_post(client, organisation, steering_group, secretary, chair):
    client.force_login(secretary)
    assert client.get(url("chair-review", organisation, pk=steering_group.pk)).status_code == 405


def test_chair_review_due_after_twelve_months(
    client, organisation, steering_group, secretary, chair
):
    client.force_login(secretary)
    response = client.get(url("body-detail", organisation, pk=steering_group.pk))
    # The chair fixture joined on 1 January 2025, so the review has been due since 1 January 2026.
    assert response.context["chair_review_due"] is True
    assert "Chair review due" in response.content.decode()
    response = client.post(url("chair-review", organisation, pk=steering_group.pk), follow=True)
    assert response.context["chair_review_due"] is False
    chair_membership = Membership.objects.get(person=chair)
    assert chair_membership.chair_reviewed_on is not None
    assert chair_membership.history.first().history_change_reason == "Chair's term reviewed"


def test_chair_review_is_not_shown_to_the_public(client, organisation, steering_group, chair):
    response = client.get(url("body-detail", organisation, pk=steering_group.pk))
    assert response.context["chair_review_due"] is False


# Bad input: a clear message and nothing saved.


def membership_data(person, role="supporting_officer", starts=("1", "1", "2026"), ends=None):
    data = {
        "person": person.pk,
        "role": role,
        "starts_on_0": starts[0],
        "starts_on_1": starts[1],
        "starts_on_2": starts[2],
    }
    if ends:
        data |= {"ends_on_0": ends[0], "ends_on_1": ends[1], "ends_on_2": ends[2]}
    return data


def test_a_membership_ending_before_it_starts_is_refused(
    client, organisation, steering_group, secretary, officer
):
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        membership_data(officer, starts=("1", "6", "2026"), ends=("31", "5", "2026")),
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["form"].errors["ends_on"] == [
        "The end date must be the same as or after the start date."
    ]
    assert not Membership.objects.filter(person=officer).exists()


def test_a_second_chair_at_the_same_time_is_refused(
    client, organisation, steering_group, secretary, chair, officer
):
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        membership_data(officer, role="chair", starts=("1", "3", "2026")),
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["role"]
    assert error.startswith("Carol Chen is already chair of Digital Services Steering Group")
    assert not Membership.objects.filter(person=officer).exists()


def test_a_new_chair_after_the_last_one_ended_is_accepted(
    client, organisation, steering_group, secretary, chair, officer
):
    Membership.objects.filter(person=chair).update(ends_on=date(2026, 2, 28))
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        membership_data(officer, role="chair", starts=("1", "3", "2026")),
    )
    assert response.status_code == 302
    assert Membership.objects.filter(person=officer, role="chair").count() == 1


def test_a_date_that_does_not_exist_is_refused(
    client, organisation, steering_group, secretary, officer
):
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        membership_data(officer, starts=("31", "2", "2026")),
    )
    assert response.context["form"].errors["starts_on"] == [
        "Enter a real date, for example 27 3 2026."
    ]
    assert 'value="31"' in response.content.decode()


def test_a_person_from_another_organisation_cannot_be_made_a_member(
    client, organisation, steering_group, secretary, outsider
):
    client.force_login(secretary)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk), membership_data(outsider)
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Membership.objects.filter(person=outsider).exists()


def test_a_reporting_line_from_a_body_to_itself_is_refused(
    client, organisation, steering_group, administrator
):
    client.force_login(administrator)
    response = client.post(
        url("line-create", organisation),
        {
            "from_body": steering_group.pk,
            "to_body": steering_group.pk,
            "relationship": "reports_to",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["to_body"] == [
        "A body cannot report to itself: choose another body."
    ]
    assert not ReportingLine.objects.exists()


def test_an_administrator_adds_a_reporting_line(
    client, organisation, steering_group, cabinet, administrator
):
    client.force_login(administrator)
    response = client.post(
        url("line-create", organisation),
        {
            "from_body": steering_group.pk,
            "to_body": cabinet.pk,
            "relationship": "reports_to",
            "carries": ["approved_minutes", "decisions"],
            "condition": "",
        },
    )
    assert response.status_code == 302
    line = ReportingLine.objects.get()
    assert line.carries == ["approved_minutes", "decisions"]
    assert line.history.get().history_user == administrator


def test_a_duplicate_reporting_line_is_refused(
    client, organisation, steering_group, cabinet, administrator
):
    ReportingLine.objects.create(
        organisation=organisation, from_body=steering_group, to_body=cabinet
    )
    client.force_login(administrator)
    response = client.post(
        url("line-create", organisation),
        {"from_body": steering_group.pk, "to_body": cabinet.pk, "relationship": "reports_to"},
    )
    assert response.status_code == 200
    assert ReportingLine.objects.count() == 1


def test_a_secretary_may_not_change_reporting_lines(client, organisation, secretary):
    client.force_login(secretary)
    assert client.get(url("line-create", organisation)).status_code == 403


def test_a_reporting_line_is_removed_only_by_post(
    client, organisation, steering_group, cabinet, administrator
):
    line = ReportingLine.objects.create(
        organisation=organisation, from_body=steering_group, to_body=cabinet
    )
    client.force_login(administrator)
    assert client.get(url("line-delete", organisation, pk=line.pk)).status_code == 200
    assert ReportingLine.objects.exists()
    assert client.post(url("line-delete", organisation, pk=line.pk)).status_code == 302
    assert not ReportingLine.objects.exists()


def terms_data(version, **overrides):
    return {
        "version": version,
        "issued_on_0": "1",
        "issued_on_1": "10",
        "issued_on_2": "2026",
        "author": "Sam Shah",
        "summary_of_change": "Annual review",
        "title": "Terms of Reference",
        "purpose": "To direct and control ICT.",
        "objectives": "First objective\n\nSecond objective\n",
        "sections": "## Quorum\nAt least five members.\n## Standards\nNo voting.",
    } | overrides


def test_a_new_version_is_added_and_the_old_one_kept(
    client, organisation, steering_group, secretary, terms
):
    client.force_login(secretary)
    before = [(t.pk, t.version, t.purpose) for t in TermsOfReference.objects.order_by("pk")]
    response = client.post(
        url("terms-create", organisation, pk=steering_group.pk), terms_data("1.2")
    )
    assert response.status_code == 302
    after = [(t.pk, t.version, t.purpose) for t in TermsOfReference.objects.order_by("pk")]
    assert after[:2] == before
    new = TermsOfReference.objects.get(version="1.2")
    assert [o.text for o in new.objectives.all()] == ["First objective", "Second objective"]
    assert [(s.heading, s.text) for s in new.sections.all()] == [
        ("Quorum", "At least five members."),
        ("Standards", "No voting."),
    ]


def test_the_new_version_form_starts_from_the_current_text(
    client, organisation, steering_group, secretary, terms
):
    client.force_login(secretary)
    response = client.get(url("terms-create", organisation, pk=steering_group.pk))
    form = response.context["form"]
    assert (
        form.initial["objectives"] == "Provide the governance framework.\nOversee the strategies."
    )
    assert form.initial["sections"] == "## Standards\nDecisions will be taken by agreement."


@pytest.mark.parametrize("version", ["1.1", "1.0", "0.9"])
def test_a_version_number_that_goes_backwards_is_refused(
    client, organisation, steering_group, secretary, terms, version
):
    client.force_login(secretary)
    response = client.post(
        url("terms-create", organisation, pk=steering_group.pk), terms_data(version)
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["version"]
    assert "version numbers never go backwards" in error
    assert TermsOfReference.objects.count() == 2


def test_sections_must_start_with_a_heading(client, organisation, steering_group, secretary, terms):
    client.force_login(secretary)
    response = client.post(
        url("terms-create", organisation, pk=steering_group.pk),
        terms_data("2.0", sections="Some text with no heading"),
    )
    assert "sections" in response.context["form"].errors
    assert TermsOfReference.objects.count() == 2


def test_an_approval_is_recorded_against_a_version(
    client, organisation, steering_group, secretary, terms
):
    client.force_login(secretary)
    response = client.post(
        url("approval-create", organisation, pk=steering_group.pk, version_pk=terms[1].pk),
        {
            "approver": "M Hamilton",
            "approved_on_0": "7",
            "approved_on_1": "5",
            "approved_on_2": "2019",
        },
    )
    assert response.status_code == 302
    [approval] = terms[1].approvals.all()
    assert (approval.approver, approval.approved_on) == ("M Hamilton", date(2019, 5, 7))


def test_an_administrator_creates_and_changes_a_body(client, organisation, administrator):
    client.force_login(administrator)
    data = {
        "name": "Efficiency Board",
        "short_name": "EB",
        "kind": "efficiency_board",
        "frequency": "monthly",
        "notice_working_days": "5",
        "quorum_minimum": "3",
        "decision_method": "agreement",
    }
    assert client.post(url("body-create", organisation), data).status_code == 302
    body = Body.objects.get(name="Efficiency Board")
    assert (body.organisation, body.notice_working_days) == (organisation, 5)
    response = client.post(
        url("body-edit", organisation, pk=body.pk), data | {"quorum_minimum": "4"}
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.quorum_minimum == 4
    assert [h.history_change_reason for h in body.history.all()] == [
        "Body details changed",
        "Body created",
    ]


def test_a_body_name_used_twice_is_refused(client, organisation, steering_group, administrator):
    client.force_login(administrator)
    response = client.post(
        url("body-create", organisation),
        {
            "name": steering_group.name.upper(),
            "kind": "other",
            "frequency": "monthly",
            "notice_working_days": "4",
            "quorum_minimum": "0",
            "decision_method": "agreement",
        },
    )
    assert response.context["form"].errors["name"] == ["There is already a body with this name."]
    assert Body.objects.count() == 1


def test_a_secretary_may_not_create_bodies(client, organisation, secretary):
    client.force_login(secretary)
    assert client.get(url("body-create", organisation)).status_code == 403


def test_a_secretary_ends_a_membership(client, organisation, steering_group, secretary, member):
    membership = Membership.objects.get(person=member)
    client.force_login(secretary)
    response = client.post(
        reverse(
            "governance:membership-edit",
            kwargs={"org": organisation.slug, "membership_pk": membership.pk},
        ),
        membership_data(
            member,
            role="senior_responsible_officer",
            starts=("1", "1", "2025"),
            ends=("30", "9", "2026"),
        ),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_on == date(2026, 9, 30)
    assert membership.history.first().history_change_reason == "Membership changed"


class _FormValues(HTMLParser):
    """The values a browser would send back from the first form of a page, unchanged."""

    def __init__(self):
        super().__init__()
        self.values, self.select = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") in ("radio", "checkbox") and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.values[name] = ""
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def test_a_membership_saved_unchanged_keeps_its_start_date(
    client, organisation, steering_group, secretary, make_person
):
    person = make_person("veteran", organisation, name="Val Vance")
    membership = Membership.objects.create(
        organisation=organisation,
        body=steering_group,
        person=person,
        role=Membership.Role.SUPPORTING_OFFICER,
        starts_on=date(2019, 4, 1),
    )
    client.force_login(secretary)
    address = url("membership-edit", organisation, membership_pk=membership.pk)
    page = _FormValues()
    page.feed(client.get(address).content.decode())
    assert client.post(address, page.values).status_code == 302
    membership.refresh_from_db()
    assert membership.starts_on == date(2019, 4, 1)
