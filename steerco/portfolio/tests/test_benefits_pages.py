import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from steerco.lib.dates import today
from steerco.portfolio import actions
from steerco.portfolio.models import Benefit, BenefitRealisation, Project


def url(name, organisation, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"org": organisation.slug, **kwargs})


@pytest.fixture
def benefit(project, officer):
    return actions.add_benefit(
        project,
        description="Office accommodation released",
        kind=Benefit.Kind.CASHABLE,
        target_value=Decimal("150000"),
        target_on=today() - timedelta(days=1),
        by=officer,
    )


@pytest.fixture
def realisation(benefit, officer):
    return actions.record_realisation(
        benefit, on=today(), value=Decimal("750000"), evidence="Lease surrendered.", by=officer
    )


def test_the_benefits_page_sets_planned_against_realised_and_flags_what_is_overdue(
    client, organisation, project, benefit, officer, member
):
    actions.add_benefit(
        project,
        description="Travel time saved",
        kind=Benefit.Kind.NON_CASHABLE,
        target_value=Decimal("60000"),
        target_on=today() + timedelta(days=100),
        by=officer,
    )
    actions.record_realisation(
        benefit, on=today(), value=Decimal("50000"), evidence="Lease.", by=officer
    )
    client.force_login(member)
    page = client.get(url("benefits", organisation)).content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Cashable £150,000 £50,000 33%" in text
    assert "Non-cashable £60,000 £0 0%" in text
    assert "All benefits valued in pounds £210,000 £50,000 24%" in text
    assert "ICT-001 Home Working 2 £210,000 £50,000 24% 1" in text
    assert "1 benefit passed its target date without being realised." in text
    assert "Office accommodation released (Cashable)" in text
    assert "Travel time saved (Non-cashable)" not in text
    # The chart draws the same figures as the table beside it.
    assert "Planned £210,000" in page and "Realised £50,000" in page
    assert page.count("<rect") == 2 * 2 + 2 * 1


def test_the_longest_overdue_benefits_are_shown_and_all_of_them_paged(
    client, organisation, project, officer, member
):
    for days in range(1, 13):
        actions.add_benefit(
            project,
            description=f"Overdue by {days:02d} days",
            kind=Benefit.Kind.QUALITATIVE,
            target_on=today() - timedelta(days=days),
            by=officer,
        )
    client.force_login(member)
    page = client.get(url("benefits", organisation)).content.decode()
    assert "12 benefits passed their target date" in page
    assert "Overdue by 12 days" in page and "Overdue by 03 days" in page
    assert "Overdue by 02 days" not in page
    listing = url("benefits-overdue", organisation)
    assert "See all 12 benefits past their target date" in page and listing in page
    everything = client.get(listing).content.decode()
    assert all(f"Overdue by {days:02d} days" in everything for days in range(1, 13))
    assert everything.index("Overdue by 12 days") < everything.index("Overdue by 01 days")


def test_the_overdue_benefits_download_is_every_page_of_the_list(
    client, organisation, project, benefit, officer, member, monkeypatch
):
    from steerco.meetings.tests.test_exports import csv_rows, xlsx_rows

    monkeypatch.setattr("steerco.portfolio.benefit_views.OVERDUE_PER_PAGE", 1)
    actions.add_benefit(
        project, description="Fewer complaints", kind=Benefit.Kind.QUALITATIVE,
        target_on=today() - timedelta(days=3), by=officer,
    )  # fmt: skip
    actions.record_realisation(
        benefit, on=today(), value=Decimal("50000.50"), evidence="Lease.", by=officer
    )
    client.force_login(member)
    page = client.get(url("benefits-overdue", organisation))
    descriptions = dict(Benefit.objects.values_list("pk", "description"))
    listed = [descriptions[pk] for pk in page.context["page"].paginator.object_list]

    rows = csv_rows(client.get(url("benefits-overdue-csv", organisation)))
    sheet = xlsx_rows(client.get(url("benefits-overdue-xlsx", organisation)))

    assert listed == ["Fewer complaints", "Office accommodation released"]
    assert [row[2] for row in rows[1:]] == [row[2] for row in sheet[1:]] == listed
    assert rows[1][3:] == [
        "Qualitative",
        (today() - timedelta(days=3)).isoformat(),
        "Qualitative",
        "Nothing recorded",
    ]
    assert sheet[2][5:] == [150000, 50000.5]
    assert url("benefits-overdue-csv", organisation) in page.content.decode()


def test_the_overdue_benefits_are_for_the_council_only(client, organisation, outsider):
    client.force_login(outsider)
    assert client.get(url("benefits-overdue", organisation)).status_code == 404
    assert client.get(url("benefits-overdue-csv", organisation)).status_code == 404


def test_the_benefits_page_is_for_the_council_only(client, organisation, benefit, outsider):
    client.force_login(outsider)
    assert client.get(url("benefits", organisation)).status_code == 404


def test_the_benefits_page_answers_only_get(client, organisation, member):
    client.force_login(member)
    assert client.post(url("benefits", organisation)).status_code == 405


def test_the_project_manager_records_a_realisation(client, organisation, benefit, officer):
    client.force_login(officer)
    address = url("realisation-add", organisation, benefit_pk=benefit.pk)
    assert client.get(address).status_code == 200
    day = today()
    response = client.post(
        address,
        {
            "on_0": day.day,
            "on_1": day.month,
            "on_2": day.year,
            "value": "£12,500.50",
            "evidence": "First floor surrendered.",
        },
    )

    assert response.status_code == 302
    entry = benefit.realisations.get()
    assert (entry.value, entry.recorded_by) == (Decimal("12500.50"), officer)


def test_a_realisation_dated_tomorrow_is_refused_beside_its_field(
    client, organisation, benefit, officer
):
    client.force_login(officer)
    tomorrow = today() + timedelta(days=1)
    response = client.post(
        url("realisation-add", organisation, benefit_pk=benefit.pk),
        {
            "on_0": tomorrow.day,
            "on_1": tomorrow.month,
            "on_2": tomorrow.year,
            "value": "-3",
            "evidence": "x",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "on": ["The date of the realisation must be today or in the past."],
        "value": ["The value realised must be £0 or more."],
    }
    assert not BenefitRealisation.objects.exists()


def test_someone_who_may_not_change_the_project_may_not_record_or_correct(
    client, organisation, benefit, realisation, member
):
    client.force_login(member)
    record = url("realisation-add", organisation, benefit_pk=benefit.pk)
    assert client.get(record).status_code == 403
    assert client.post(record).status_code == 403
    correct = url("realisation-correct", organisation, realisation_pk=realisation.pk)
    assert client.post(correct).status_code == 403
    add = url("benefit-add", organisation, project_pk=benefit.project_id)
    assert client.get(add).status_code == 403


def test_another_council_finds_no_benefit(client, organisation, benefit, realisation, outsider):
    client.force_login(outsider)
    record = url("realisation-add", organisation, benefit_pk=benefit.pk)
    assert client.get(record).status_code == 404
    correct = url("realisation-correct", organisation, realisation_pk=realisation.pk)
    assert client.get(correct).status_code == 404


def test_the_secretary_corrects_a_mistaken_realisation_with_a_reason(
    client, organisation, realisation, secretary
):
    client.force_login(secretary)
    address = url("realisation-correct", organisation, realisation_pk=realisation.pk)
    form = client.get(address).context["form"]
    assert form.initial["value"] == Decimal("750000")
    day = today()
    data = {"on_0": day.day, "on_1": day.month, "on_2": day.year, "value": "75000",
            "evidence": "Lease surrendered.", "reason": "A nought too many."}  # fmt: skip
    assert client.post(address, data).status_code == 302
    again = client.post(address, data)

    correction = BenefitRealisation.objects.get(corrects=realisation)
    assert (correction.value, correction.reason) == (Decimal("75000"), "A nought too many.")
    assert again.context["form"].non_field_errors() == [
        "This entry has already been corrected. Correct the entry that replaced it."
    ]
    assert BenefitRealisation.objects.count() == 2


def test_the_project_manager_adds_a_benefit(client, organisation, project, officer):
    client.force_login(officer)
    response = client.post(
        url("benefit-add", organisation, project_pk=project.pk),
        {
            "description": "Printing stopped",
            "kind": "cashable",
            "target_value": "25000",
            "owner": officer.pk,
        },
    )

    assert response.status_code == 302
    benefit = project.benefits.get()
    assert (benefit.target_value, benefit.owner) == (Decimal("25000"), officer)


def render_section(project, person):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from steerco.portfolio.benefit_views import project_section

    request = RequestFactory().get("/")
    request.user, request.organisation = person, project.organisation
    project = Project.objects.select_related("organisation").get(pk=project.pk)
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "portfolio/sections/benefits.html", {"section": project_section(request, project)}
        )
    return html, [q["sql"] for q in queries]


def test_the_project_page_section_offers_the_forms_to_whoever_may_change_the_project(
    organisation, project, benefit, realisation, officer, member
):
    manager_sees, _ = render_section(project, officer)
    member_sees, _ = render_section(project, member)

    record = url("realisation-add", organisation, benefit_pk=benefit.pk)
    correct = url("realisation-correct", organisation, realisation_pk=realisation.pk)
    add = url("benefit-add", organisation, project_pk=project.pk)
    for address in (record, correct, add):
        assert address in manager_sees
        assert address not in member_sees
    assert 'govuk-tag--green">Realised' in member_sees
    assert "£750,000" in member_sees


def test_the_project_page_section_runs_the_same_queries_for_more_benefits(
    project, benefit, realisation, officer
):
    render_section(project, officer)  # the person's roles are read once, then kept
    _, few = render_section(project, officer)
    for number in range(5):
        more = actions.add_benefit(
            project, description=f"Benefit {number}", kind="non_cashable",
            target_value=Decimal(number), by=officer,
        )  # fmt: skip
        wrong = actions.record_realisation(
            more, on=today(), value=Decimal(1), evidence="e", by=officer
        )
        actions.correct_realisation(
            wrong, on=today(), value=Decimal(2), evidence="e", reason="r", by=officer
        )
    html, many = render_section(project, officer)

    assert html.count("Corrected</strong>") == 5
    assert len(many) == len(few)
