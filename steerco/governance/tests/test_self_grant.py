from datetime import date

from django.urls import reverse

from steerco.governance.models import Membership


def url(name, organisation, **kwargs):
    return reverse(f"governance:{name}", kwargs={"org": organisation.slug, **kwargs})


def membership_form(person, starts_on=date(2025, 9, 1)):
    return {
        "person": person.pk,
        "role": "supporting_officer",
        "area": "ICT",
        "position": "",
        "starts_on_0": starts_on.day,
        "starts_on_1": starts_on.month,
        "starts_on_2": starts_on.year,
        "counts_toward_quorum": "on",
    }


def test_an_administrator_cannot_add_themselves_to_a_body(
    client, organisation, steering_group, administrator
):
    client.force_login(administrator)
    response = client.post(
        url("membership-create", organisation, pk=steering_group.pk),
        membership_form(administrator),
    )

    assert response.status_code == 200
    assert "You cannot add yourself to a body" in response.content.decode()
    assert not Membership.objects.filter(person=administrator).exists()


def test_a_secretary_cannot_change_their_own_membership(
    client, organisation, steering_group, secretary
):
    own = Membership.objects.get(person=secretary)
    client.force_login(secretary)

    page = client.get(url("membership-edit", organisation, membership_pk=own.pk))
    posted = client.post(
        url("membership-edit", organisation, membership_pk=own.pk),
        membership_form(secretary, starts_on=date(2020, 1, 1)),
    )

    assert (page.status_code, posted.status_code) == (403, 403)
    own.refresh_from_db()
    assert own.role == Membership.Role.SECRETARY


def test_the_body_page_offers_no_change_of_your_own_membership(
    client, organisation, steering_group, secretary, member
):
    client.force_login(secretary)
    page = client.get(url("body-detail", organisation, pk=steering_group.pk)).content.decode()
    own = Membership.objects.get(person=secretary)
    theirs = Membership.objects.get(person=member)

    assert url("membership-edit", organisation, membership_pk=own.pk) not in page
    assert url("membership-edit", organisation, membership_pk=theirs.pk) in page


def test_a_membership_added_by_the_administrator_is_in_the_history_with_who_and_why(
    client, organisation, steering_group, administrator, officer
):
    client.force_login(administrator)
    client.post(
        url("membership-create", organisation, pk=steering_group.pk), membership_form(officer)
    )

    record = Membership.objects.get(person=officer).history.get()
    assert (record.history_user, record.history_change_reason, record.history_type) == (
        administrator,
        "Member added",
        "+",
    )
