import re

import pytest
from django.urls import reverse

from conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")


def test_sign_in_with_username(client, secretary):
    response = client.post(SIGN_IN, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretary.pk)


def test_sign_in_with_email_address_in_any_case(client, secretary):
    response = client.post(SIGN_IN, {"username": "SECRETARY@northby.gov.uk", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretary.pk)


def test_a_wrong_password_is_refused_with_an_error_summary(client, secretary):
    response = client.post(SIGN_IN, {"username": "secretary", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username or email address and password." in html
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_out(client, secretary, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": "secretary", "password": "wrong"})
    response = client.post(SIGN_IN, {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in_unless_public(client, organisation):
    response = client.get(reverse("accounts:people", kwargs={"org": organisation.slug}))
    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next=/northby/people/"
    assert (
        client.get(reverse("governance:model", kwargs={"org": organisation.slug})).status_code
        == 200
    )


def test_a_person_of_one_organisation_goes_straight_to_it(client, secretary, organisation):
    client.force_login(secretary)
    response = client.get(reverse("home"))
    assert response.url == "/northby/"


def test_the_people_page_lists_only_this_organisation(client, organisation, secretary, outsider):
    client.force_login(secretary)
    response = client.get(reverse("accounts:people", kwargs={"org": organisation.slug}))
    assert [person.username for person in response.context["page"]] == ["secretary"]


def test_the_people_page_is_not_found_for_outsiders(client, organisation, outsider):
    client.force_login(outsider)
    response = client.get(reverse("accounts:people", kwargs={"org": organisation.slug}))
    assert response.status_code == 404


def test_a_person_updates_their_profile(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("accounts:profile"),
        {
            "name": "Sam Shah",
            "job_title": "Secretary to the Executive Director",
            "service_area": "Resources",
            "email": "sam.shah@northby.gov.uk",
        },
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.job_title == "Secretary to the Executive Director"
    assert secretary.history.first().history_change_reason == "Profile updated by its owner"


def test_passwords_are_hashed_with_argon2(secretary):
    assert secretary.password.startswith("argon2$")


def test_the_error_page_uses_the_service_layout(client, db):
    response = client.get("/no-such-organisation/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="govuk-footer"' in response.content.decode()


def test_administrators_reach_the_django_admin_for_every_model(
    client, django_user_model, organisation
):
    from django.apps import apps
    from django.contrib import admin

    from steerco.accounts.models import OrganisationMembership

    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    OrganisationMembership.objects.create(
        user=superuser, organisation=organisation, role=OrganisationMembership.Role.ADMINISTRATOR
    )
    client.force_login(superuser)
    models = [
        *apps.get_app_config("accounts").get_models(),
        *apps.get_app_config("governance").get_models(),
    ]
    for model in models:
        if model.__name__.startswith("Historical"):
            continue
        assert model in admin.site._registry, model
        opts = model._meta
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert response.status_code == 200, model


def test_the_people_page_shows_a_hundred_at_a_time(client, organisation, make_person, officer):
    for number in range(100):
        make_person(f"person-{number:03d}", organisation, name=f"Person {number:03d}")
    client.force_login(officer)
    first = client.get(f"/{organisation.slug}/people/").content.decode()
    second = client.get(f"/{organisation.slug}/people/?page=2").content.decode()
    assert "101 people in Northby Borough Council (page 1 of 2)" in first
    assert "Olu Okafor" in first and "Person 098" in first and "Person 099" not in first
    assert "Person 099" in second and "Olu Okafor" not in second
    assert 'aria-label="Pages of people"' in first


def fail_to_sign_in(client, spellings):
    for username in spellings:
        response = client.post(SIGN_IN, {"username": username, "password": "wrong"})
        assert response.status_code in (200, 429)


@pytest.mark.parametrize("spelling", ["Chair", "CHAIR", "chair@northby.gov.uk"])
def test_failures_lock_the_account_whatever_spelling_signs_in(client, chair, settings, spelling):
    fail_to_sign_in(client, ["chair"] * settings.AXES_FAILURE_LIMIT)
    response = client.post(SIGN_IN, {"username": spelling, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_spread_over_spellings_lock_the_account(client, chair, settings):
    spellings = ["chair", "Chair", "chair@northby.gov.uk", "CHAIR@NORTHBY.GOV.UK", "cHaIr"]
    fail_to_sign_in(client, spellings[: settings.AXES_FAILURE_LIMIT])
    response = client.post(SIGN_IN, {"username": "chair", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_username_too_long_for_any_account_is_refused(client, chair):
    response = client.post(SIGN_IN, {"username": "a" * 60_000, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Enter your username or email address in 254 characters or fewer."
    ]


def test_signing_in_records_the_time_without_a_history_row(client, member):
    rows = member.history.count()

    client.post(reverse("accounts:sign-in"), {"username": "member", "password": PASSWORD})

    member.refresh_from_db()
    assert member.last_login is not None
    assert member.history.count() == rows


def test_a_profile_change_is_recorded_with_who_and_why(client, member):
    client.force_login(member)

    client.post(
        reverse("accounts:profile"),
        {"name": "Mo Mensah-Clarke", "email": "mo@northby.gov.uk", "job_title": "Head of ICT"},
    )

    latest = member.history.latest()
    assert (latest.name, latest.history_user, latest.history_change_reason) == (
        "Mo Mensah-Clarke",
        member,
        "Profile updated by its owner",
    )


def test_the_people_page_shows_each_persons_roles_on_the_bodies(
    client, organisation, secretary, chair, officer
):
    client.force_login(secretary)
    response = client.get(reverse("accounts:people", kwargs={"org": organisation.slug}))
    html = response.content.decode()

    rows = {
        re.sub(r"<[^>]+>", "", row.split("</td>", 1)[0]).strip(): re.sub(r"\s+", " ", row)
        for row in html.split('<tr class="govuk-table__row">')[1:]
    }
    assert "Chair, Digital Services Steering Group" in rows[chair.display_name]
    assert "Officer" not in rows[chair.display_name]
    assert "Secretary, Digital Services Steering Group" in rows[secretary.display_name]
    assert "None at present" in rows[officer.display_name]


@pytest.mark.django_db
def test_a_person_s_full_name_is_the_name_steerco_keeps():
    from steerco.accounts.models import User

    named = User(username="dhughes", name="Dan Hughes", first_name="", last_name="")
    assert named.get_full_name() == named.display_name == str(named) == "Dan Hughes"
    older = User(username="jw", first_name="Jo", last_name="Willis")
    assert older.get_full_name() == "Jo Willis"
    assert User(username="sam").get_full_name() == "sam"


def test_the_project_page_names_its_senior_responsible_owner(client, organisation, secretary):
    from steerco.portfolio.models import Project

    project = Project.objects.create(
        organisation=organisation, reference="ICT-7", name="Payroll", sro=secretary
    )
    client.force_login(secretary)
    page = client.get(project.get_absolute_url()).content.decode()
    assert secretary.name and secretary.name in page
