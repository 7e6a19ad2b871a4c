from datetime import date

import pytest
from django.core.exceptions import ValidationError

from steerco.governance.models import Body, Membership, PolicyDriver, ReportingLine


@pytest.fixture
def their_body(other_organisation):
    return Body.objects.create(organisation=other_organisation, name="Their steering group")


def membership(organisation, body, person):
    return Membership(
        organisation=organisation,
        body=body,
        person=person,
        role=Membership.Role.SUPPORTING_OFFICER,
        starts_on=date(2026, 1, 1),
    )


def test_a_membership_of_one_organisation_on_a_body_of_another_is_refused(
    organisation, other_organisation, steering_group, officer
):
    with pytest.raises(ValidationError) as refusal:
        membership(other_organisation, steering_group, officer).full_clean()
    assert refusal.value.messages == [
        "The body and the person must belong to Southby District Council."
    ]


def test_a_member_from_outside_the_organisation_is_refused(organisation, steering_group, outsider):
    with pytest.raises(ValidationError) as refusal:
        membership(organisation, steering_group, outsider).full_clean()
    assert refusal.value.messages == ["The person must belong to Northby Borough Council."]


def test_a_membership_within_the_organisation_is_accepted(organisation, steering_group, officer):
    membership(organisation, steering_group, officer).full_clean()


def test_a_reporting_line_to_another_organisations_body_is_refused(
    organisation, steering_group, their_body
):
    line = ReportingLine(organisation=organisation, from_body=steering_group, to_body=their_body)
    with pytest.raises(ValidationError) as refusal:
        line.full_clean()
    assert refusal.value.messages == ["The to body must belong to Northby Borough Council."]


def test_a_policy_driver_of_another_organisations_body_is_refused(organisation, their_body):
    with pytest.raises(ValidationError):
        PolicyDriver(
            organisation=organisation, body=their_body, name="Digital strategy"
        ).full_clean()
