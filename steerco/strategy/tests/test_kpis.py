from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.accounts.models import Organisation
from steerco.strategy import actions
from steerco.strategy.models import KPI, SOCITM_KPIS, Measurement

pytestmark = pytest.mark.django_db


def url(name, organisation, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"org": organisation.slug, **kwargs})


def test_a_new_council_starts_with_the_socitm_indicators_once(organisation):
    names = [row[0] for row in SOCITM_KPIS]
    assert sorted(KPI.objects.filter(organisation=organisation).values_list("name", flat=True)) == (
        sorted(names)
    )
    assert not KPI.objects.filter(organisation=organisation, target__isnull=False).exists()
    reason = "A default indicator of the performance standards framework"
    history = KPI.history.filter(organisation=organisation, history_change_reason=reason)
    assert history.count() == len(names)
    actions.set_up_kpis(organisation)
    assert KPI.objects.filter(organisation=organisation).count() == len(names)


def test_the_data_migration_gives_existing_councils_the_same_indicators(organisation):
    from importlib import import_module

    from django.apps import apps

    KPI.objects.filter(organisation=organisation).delete()
    migration = import_module("steerco.strategy.migrations.0004_socitm_kpis")
    migration.set_up_kpis(apps, None)
    assert KPI.objects.filter(organisation=organisation).count() == len(SOCITM_KPIS)


def test_a_measurement_gets_its_status_from_the_target(availability, officer):
    rows = [("99.7", "green"), ("99.1", "amber"), ("98.9", "red")]
    for month, (value, expected) in enumerate(rows, start=4):
        measurement = actions.record_measurement(
            availability, period_starts_on=date(2026, month, 1), value=Decimal(value), by=officer
        )
        assert measurement.status == expected
    recorded = Measurement.history.filter(kpi_id=availability.pk).order_by("history_id").first()
    assert (recorded.history_user, recorded.history_change_reason) == (
        officer,
        "Measurement recorded",
    )


def test_changing_the_target_derives_every_status_again(availability, secretary, officer):
    actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal("99.2"), by=officer
    )
    availability.target = Decimal("99")
    actions.save_kpi(availability, by=secretary)
    assert list(Measurement.objects.values_list("status", flat=True)) == ["green"]
    availability.target = None
    actions.save_kpi(availability, by=secretary)
    assert list(Measurement.objects.values_list("status", flat=True)) == [""]


@pytest.mark.parametrize(
    ("period", "value", "field", "message"),
    [
        (
            date(2026, 4, 2),
            "99",
            "period_starts_on",
            "The period must start on the first day of a month.",
        ),
        (
            date(2026, 4, 1),
            "100.5",
            "value",
            "The value is a percentage: it must be from 0 to 100.",
        ),
    ],
)
def test_a_measurement_that_does_not_fit_the_kpi_is_refused(
    availability, officer, period, value, field, message
):
    with pytest.raises(ValidationError) as refused:
        actions.record_measurement(
            availability, period_starts_on=period, value=Decimal(value), by=officer
        )
    assert refused.value.message_dict == {field: [message]}
    assert not Measurement.objects.exists()


def test_a_quarterly_kpi_is_measured_for_quarters_of_the_financial_year(organisation, officer):
    kpi = KPI.objects.get(organisation=organisation, name="User satisfaction")
    with pytest.raises(ValidationError) as refused:
        actions.record_measurement(
            kpi, period_starts_on=date(2026, 5, 1), value=Decimal(80), by=officer
        )
    assert refused.value.message_dict["period_starts_on"][0].startswith(
        "A quarterly KPI is measured for quarters of the financial year"
    )
    measurement = actions.record_measurement(
        kpi, period_starts_on=date(2026, 7, 1), value=Decimal(80), by=officer
    )
    assert (measurement.period, measurement.status) == ("Q2 2026/27", "")


def test_a_second_measurement_for_a_period_is_refused(availability, officer):
    actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal(99), by=officer
    )
    with pytest.raises(ValidationError) as refused:
        actions.record_measurement(
            availability, period_starts_on=date(2026, 4, 1), value=Decimal(98), by=officer
        )
    assert refused.value.message_dict == {
        "period_starts_on": [
            "The KPI already has a measurement for April 2026: correct that one instead."
        ]
    }
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(99)]


def test_a_correction_keeps_the_value_it_replaces_with_who_and_why(availability, officer):
    measurement = actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal("98.9"), by=officer
    )
    with pytest.raises(ValidationError):
        actions.correct_measurement(measurement, value=Decimal("99.6"), reason=" ", by=officer)
    actions.correct_measurement(
        measurement, value=Decimal("99.6"), reason="The supplier revised it", by=officer
    )
    measurement.refresh_from_db()
    assert (measurement.value, measurement.status) == (Decimal("99.6"), "green")
    history = list(measurement.history.order_by("history_id"))
    assert [(row.value, row.history_change_reason, row.history_user) for row in history] == [
        (Decimal("98.9"), "Measurement recorded", officer),
        (Decimal("99.6"), "Corrected: The supplier revised it", officer),
    ]


def test_a_stale_correction_is_refused(availability, officer, secretary):
    measurement = actions.record_measurement(
        availability, period_starts_on=date(2026, 4, 1), value=Decimal("98.9"), by=officer
    )
    opened = measurement.version
    actions.correct_measurement(measurement, value=Decimal(99), reason="Revised", by=secretary)
    stale = Measurement.objects.get()
    with pytest.raises(ValidationError):
        actions.correct_measurement(
            stale, value=Decimal(97), reason="Mine", by=officer, version=opened
        )
    assert Measurement.objects.get().value == Decimal(99)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"target": Decimal(120)},
            {"target": ["The target is a percentage: it must be from 0 to 100."]},
        ),
        ({"tolerance": Decimal(-1)}, {"tolerance": ["The tolerance must be 0 or more."]}),
        (
            {"benchmark_median": Decimal(99), "benchmark_lower_quartile": Decimal("99.5")},
            {
                "benchmark_median": [
                    "The lower quartile, the median and the upper quartile must be in order, "
                    "from the lowest figure to the highest."
                ],
                "benchmark_source": ["Enter the source of the benchmark."],
                "benchmark_year": ["Enter the year of the benchmark."],
            },
        ),
    ],
)
def test_a_kpi_in_the_wrong_unit_or_with_a_muddled_benchmark_is_refused(
    availability, secretary, changes, errors
):
    for name, value in changes.items():
        setattr(availability, name, value)
    with pytest.raises(ValidationError) as refused:
        actions.save_kpi(availability, by=secretary)
    assert refused.value.message_dict == errors


def test_a_unit_or_frequency_its_measurements_do_not_fit_is_refused(
    availability, secretary, officer
):
    actions.record_measurement(
        availability, period_starts_on=date(2026, 5, 1), value=Decimal(99), by=officer
    )
    availability.frequency = "quarterly"
    with pytest.raises(ValidationError) as refused:
        actions.save_kpi(availability, by=secretary)
    assert list(refused.value.message_dict) == ["frequency"]
    assert KPI.objects.get(pk=availability.pk).frequency == "monthly"


def test_the_kpi_list_shows_latest_status_and_trend_and_filters_by_status(
    client, organisation, availability, officer
):
    for month, value in ((4, "99.7"), (5, "99.1")):
        actions.record_measurement(
            availability, period_starts_on=date(2026, month, 1), value=Decimal(value), by=officer
        )
    client.force_login(officer)
    page = client.get(url("kpis", organisation)).content.decode()
    row = page.split("Service availability</a>")[1].split("</tr>")[0]
    assert "May 2026" in row and "99.10%" in row and "Amber" in row and "Worsening" in row
    assert "8 KPIs." in page
    amber = client.get(url("kpis", organisation) + "?status=amber").content.decode()
    assert "1 KPI matches the filters." in amber and "Service availability" in amber
    unrated = client.get(url("kpis", organisation) + "?status=none").content.decode()
    assert "7 KPIs match the filters." in unrated and "Service availability</a>" not in unrated


def test_the_kpi_page_draws_the_trend_with_its_table_and_the_benchmark(
    client, organisation, availability, officer, secretary
):
    availability.benchmark_median = Decimal("99.6")
    availability.benchmark_lower_quartile = Decimal("99.2")
    availability.benchmark_upper_quartile = Decimal("99.8")
    availability.benchmark_source = "Socitm benchmarking, unitary councils"
    availability.benchmark_year = 2025
    actions.save_kpi(availability, by=secretary)
    for month, value in ((4, "99.7"), (5, "98.8")):
        actions.record_measurement(
            availability, period_starts_on=date(2026, month, 1), value=Decimal(value), by=officer
        )
    client.force_login(officer)
    page = client.get(availability.get_absolute_url()).content.decode()
    assert '<svg class="steerco-chart"' in page and "<title>May 2026: 98.80%, red</title>" in page
    assert "Peer group median 99.60%" in page and "Socitm benchmarking, unitary councils" in page
    assert "in the worst quarter of the peer group" in page
    assert page.count('scope="row" class="govuk-table__header">April 2026') == 1
    # The owner may record and correct; the page offers it.
    assert "Record a measurement" in page and "Change the KPI" not in page


def test_recording_and_correcting_on_the_pages(client, organisation, availability, officer):
    client.force_login(officer)
    add = url("measurement-add", organisation, kpi_pk=availability.pk)
    response = client.post(
        add,
        {
            "period_starts_on_0": "3",
            "period_starts_on_1": "4",
            "period_starts_on_2": "2026",
            "value": "99",
        },
    )
    assert "The period must start on the first day of a month." in response.content.decode()
    response = client.post(
        add,
        {
            "period_starts_on_0": "1",
            "period_starts_on_1": "4",
            "period_starts_on_2": "2026",
            "value": "99%",
        },
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    correct = url(
        "measurement-correct", organisation, kpi_pk=availability.pk, measurement_pk=measurement.pk
    )
    assert f'href="{correct}"' in client.get(availability.get_absolute_url()).content.decode()
    response = client.post(correct, {"value": "99.8", "version": measurement.version})
    assert "Enter why the measurement is corrected." in response.content.decode()
    response = client.post(
        correct,
        {"value": "99.8", "reason": "Outage hours double counted", "version": measurement.version},
    )
    assert response.status_code == 302
    page = client.get(availability.get_absolute_url()).content.decode()
    assert "Corrected: Outage hours double counted" in page and "Olu Okafor" in page


def test_only_the_owner_or_a_manager_records_and_only_a_manager_changes_a_kpi(
    client, organisation, availability, member, outsider
):
    client.force_login(member)
    assert client.get(availability.get_absolute_url()).status_code == 200
    assert (
        client.get(url("measurement-add", organisation, kpi_pk=availability.pk)).status_code == 403
    )
    assert client.get(url("kpi-edit", organisation, kpi_pk=availability.pk)).status_code == 403
    assert client.get(url("kpi-create", organisation)).status_code == 403
    client.force_login(outsider)
    assert client.get(availability.get_absolute_url()).status_code == 404
    assert client.post(url("kpis", organisation)).status_code in (404, 405)


def test_the_secretary_adds_a_kpi_on_the_page(client, organisation, secretary):
    client.force_login(secretary)
    response = client.post(
        url("kpi-create", organisation),
        {
            "name": "Calls answered in 20 seconds",
            "definition": "The percentage of calls to the service desk answered in 20 seconds.",
            "unit": "percentage",
            "direction": "higher",
            "frequency": "monthly",
            "target": "140",
            "tolerance": "5",
        },
    )
    assert "The target is a percentage: it must be from 0 to 100." in response.content.decode()
    assert not KPI.objects.filter(name="Calls answered in 20 seconds").exists()
    data = {
        "name": "Calls answered in 20 seconds",
        "definition": "The percentage of calls answered in 20 seconds.",
        "unit": "percentage",
        "direction": "higher",
        "frequency": "monthly",
        "target": "80",
        "tolerance": "5",
    }
    response = client.post(url("kpi-create", organisation), data)
    kpi = KPI.objects.get(name="Calls answered in 20 seconds")
    assert response.url == kpi.get_absolute_url()
    assert kpi.history.get().history_change_reason == "KPI added"


def test_another_councils_organisation_does_not_share_kpis(organisation, other_organisation):
    assert isinstance(other_organisation, Organisation)
    assert KPI.objects.filter(organisation=other_organisation).count() == len(SOCITM_KPIS)


def test_the_strategy_page_names_the_kpis_that_evidence_each_theme(
    client, organisation, secretary, strategy, availability
):
    theme = actions.add_theme(strategy, name="Prepare for cloud services", by=secretary)
    availability.theme = theme
    actions.save_kpi(availability, by=secretary)
    client.force_login(secretary)
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert f'href="{availability.get_absolute_url()}">Service availability</a>.' in page
    listing = client.get(url("kpis", organisation) + f"?theme={theme.pk}").content.decode()
    assert "1 KPI matches the filters." in listing
