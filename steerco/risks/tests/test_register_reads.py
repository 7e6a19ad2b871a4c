import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steerco import permissions
from steerco.accounts.models import User
from steerco.lib.dates import today
from steerco.meetings.forms.meeting import people_of
from steerco.risks.forms import RegisterFilterForm
from steerco.risks.models import Risk
from steerco.risks.queries import flag_q, with_tolerance


def test_the_owner_filter_names_everyone_of_the_council_as_their_own_pages_do(
    organisation, make_person
):
    make_person("jbloggs", organisation, name="Jo Bloggs")
    # Accounts made without steerco's one name field: Django's names, or else the username.
    unnamed = make_person("ssmith", organisation)
    User.objects.filter(pk=unnamed.pk).update(first_name="Sam", last_name="Smith")
    make_person("zz-service-account", organisation)

    choices = RegisterFilterForm(None, organisation=organisation).fields["owner"].choices

    people = list(people_of(organisation))
    assert choices == [("", "Any"), *((str(person.pk), str(person)) for person in people)]
    assert {label for _, label in choices} == {
        "Any", "Jo Bloggs", "Sam Smith", "zz-service-account"
    }  # fmt: skip


@pytest.mark.parametrize("persona", ["administrator", "officer"])
def test_counting_the_flagged_risks_reads_the_index_alone(
    request, organisation, risk, steering_group, persona
):
    if connection.vendor != "sqlite":
        pytest.skip("the plan of a table of a few rows on PostgreSQL is a sequential scan")
    access = permissions.RiskAccess(
        request.getfixturevalue(persona), organisation, steering_group, today()
    )
    flagged = with_tolerance(
        Risk.objects.filter(organisation=organisation).filter(access.readable()), organisation
    ).filter(flag_q("any", today()))
    with CaptureQueriesContext(connection) as captured:
        flagged.count()

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + captured.captured_queries[-1]["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    # Not the rows of 20,000 risks with their texts (the filtered register, the escalations).
    assert "USING COVERING INDEX risk_flags_idx" in plan
