"""The Django admin shows a person only the organisations they administer, superuser or not, and
changes nothing except through the actions."""

import html

import pytest
from django.contrib import admin
from django.urls import reverse

from steerco.accounts.models import OrganisationMembership, User
from steerco.governance.models import Body
from steerco.tests.test_isolation import their_objects  # noqa: F401

WRITABLE = {"accounts.user", "accounts.organisation", "accounts.organisationmembership"}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser(administrator):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    return administrator


@pytest.fixture
def our_objects(steering_group, secretary, chair):
    return [steering_group, secretary, chair]


def test_a_superuser_sees_no_row_of_an_organisation_they_do_not_administer(
    client,
    superuser,
    organisation,
    other_organisation,
    our_objects,
    their_objects,  # noqa: F811
):
    client.force_login(superuser)
    theirs, leaks = 0, {}
    for model, model_admin in admin.site._registry.items():
        page = client.get(admin_url(model, "changelist")).content.decode()
        rows = model_admin.scope(model._default_manager.all(), {other_organisation.pk})
        # Rows every council has by default (the Socitm KPIs) are named as ours are.
        ours = {
            str(row) for row in model_admin.scope(model._default_manager.all(), {organisation.pk})
        }
        for row in rows:
            theirs += 1
            if str(row) not in ours and (str(row) in page or html.escape(str(row)) in page):
                leaks.setdefault(model._meta.label, []).append(str(row))
            assert client.get(admin_url(model, "change", row.pk)).status_code == 302
            assert client.get(admin_url(model, "history", row.pk)).status_code in (302, 403, 404)
    assert leaks == {}
    assert theirs >= 10
    bodies = client.get(admin_url(Body, "changelist")).content.decode()
    assert "Digital Services Steering Group" in bodies


def test_a_staff_member_who_administers_nothing_sees_nothing(client, secretary):
    secretary.is_staff = True
    secretary.save()
    client.force_login(secretary)
    for model in admin.site._registry:
        assert client.get(admin_url(model, "changelist")).status_code == 403


def test_the_admin_adds_and_changes_nothing_outside_the_actions(
    client, superuser, our_objects, other_organisation
):
    client.force_login(superuser)
    for model in admin.site._registry:
        if model._meta.label_lower in WRITABLE:
            continue
        assert client.get(admin_url(model, "add")).status_code == 403, model
        assert client.post(admin_url(model, "add"), {}).status_code == 403, model
        row = model._default_manager.first()
        if row is not None:
            assert client.post(admin_url(model, "change", row.pk), {}).status_code == 403
            assert (
                client.post(admin_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
            )


def test_an_old_version_is_not_saved_back_from_the_history(client, superuser, steering_group):
    client.force_login(superuser)
    version = steering_group.history.earliest()
    steering_group.name = "Renamed"
    steering_group.save()
    address = reverse(
        "admin:governance_body_simple_history", args=[steering_group.pk, version.history_id]
    )
    assert client.get(address).status_code == 200
    data = {"organisation": steering_group.organisation_id, "name": "Reverted", "kind": "other"}
    assert client.post(address, data).status_code == 403
    steering_group.refresh_from_db()
    assert steering_group.name == "Renamed"


def person_data(organisation, **changes):
    return {
        "username": "newcomer",
        "name": "Nia Newton",
        "email": "newcomer@northby.gov.uk",
        "organisation": organisation.pk,
        "role": "officer",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
    } | changes


def test_an_administrator_adds_a_person_to_their_organisation(client, superuser, organisation):
    client.force_login(superuser)
    response = client.post(admin_url(User, "add"), person_data(organisation))
    assert response.status_code == 302, response.context["adminform"].form.errors
    newcomer = User.objects.get(username="newcomer")
    assert list(newcomer.organisation_memberships.values_list("organisation", "role")) == [
        (organisation.pk, "officer")
    ]
    record = newcomer.history.get()
    assert (record.history_user, record.history_change_reason) == (
        superuser,
        "Added to Northby Borough Council",
    )


def test_an_administrator_cannot_add_a_person_to_another_organisation(
    client, superuser, other_organisation
):
    client.force_login(superuser)
    response = client.post(admin_url(User, "add"), person_data(other_organisation))
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="newcomer").exists()


def test_an_administrator_cannot_give_a_role_in_another_organisation(
    client, superuser, officer, other_organisation
):
    client.force_login(superuser)
    response = client.post(
        admin_url(OrganisationMembership, "add"),
        {"user": officer.pk, "organisation": other_organisation.pk, "role": "administrator"},
    )
    assert response.status_code == 200
    assert not OrganisationMembership.objects.filter(organisation=other_organisation).exists()


def test_a_superuser_adds_a_council_and_administers_it(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_organisation_add"),
        {"name": "Eastby Council", "slug": "eastby", "nation": "WLS"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(
        superuser.organisation_memberships.filter(organisation__slug="eastby").values_list(
            "role", flat=True
        )
    ) == ["administrator"]


def test_an_administrator_changes_a_persons_details_but_not_their_privileges(
    client, superuser, officer
):
    client.force_login(superuser)
    response = client.post(
        admin_url(User, "change", officer.pk),
        {
            "email": "olu.okafor@northby.gov.uk",
            "is_active": "on",
            "name": "Olu Okafor",
            "job_title": "ICT project manager",
            "service_area": "ICT",
            "is_superuser": "on",
            "is_staff": "on",
            # The read-only list of their roles, as the page sends it back.
            "organisation_memberships-TOTAL_FORMS": "1",
            "organisation_memberships-INITIAL_FORMS": "1",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert (officer.job_title, officer.is_staff, officer.is_superuser) == (
        "ICT project manager",
        False,
        False,
    )
    record = officer.history.first()
    assert (record.history_user, record.history_change_reason) == (superuser, "Details changed")
