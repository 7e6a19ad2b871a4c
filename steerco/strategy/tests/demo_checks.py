"""The strategy part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min

from steerco.strategy.demo import PRINCIPLES, SEED_002_PRIORITIES
from steerco.strategy.models import KPI, SOCITM_KPIS, CorporateObjective, Measurement, Strategy


class StrategyDemoChecks:
    def test_the_demo_holds_seed_004_as_current_and_seed_002_as_an_earlier_strategy(self):
        current = Strategy.objects.get(is_current=True)
        assert (current.title, current.period, current.status) == (
            "ICT Strategy",
            "2012–2017",
            "approved",
        )
        assert current.decision.body.name == "Cabinet"
        assert current.decision.item.meeting.on.isoformat() == "2011-12-07"
        assert list(current.themes.values_list("name", flat=True)) == [
            "Establish the new ICT service",
            "Exploit new communication channels",
            "New ways of working",
            "Prepare for cloud services",
            "Manage our information better",
        ]
        assert list(current.principles.values_list("title", flat=True)) == PRINCIPLES
        assert current.drivers.count() == current.organisation.policy_drivers.count() > 0
        # Every objective of the current strategy sits under one of its themes, and the projects
        # of the portfolio serve them.
        objectives = CorporateObjective.objects.filter(strategy=current)
        assert not objectives.filter(theme__isnull=True).exists()
        assert not objectives.exclude(theme__strategy=current).exists()
        assert objectives.filter(projects__isnull=False).exists()

        earlier = Strategy.objects.get(is_current=False)
        assert (earlier.title, earlier.period, earlier.status) == (
            "Corporate ICT Strategy",
            "2007–2009",
            "draft",
        )
        assert list(earlier.objectives.values_list("title", flat=True)) == SEED_002_PRIORITIES

    def test_the_demo_measures_a_dozen_kpis_monthly_for_two_years(self):
        kpis = KPI.objects.annotate(
            measured=Count("measurements"),
            first=Min("measurements__period_starts_on"),
            last=Max("measurements__period_starts_on"),
        )
        assert kpis.count() == 12
        assert {row[0] for row in SOCITM_KPIS} <= set(kpis.values_list("name", flat=True))
        # The class runs on 7 December 2026: December 2024 to November 2026.
        assert set(kpis.values_list("frequency", "measured", "first", "last")) == {
            ("monthly", 24, date(2024, 12, 1), date(2026, 11, 1))
        }
        assert not kpis.filter(target__isnull=True).exists()
        assert not kpis.filter(owner__isnull=True).exists()
        current = Strategy.objects.get(is_current=True)
        assert not kpis.exclude(theme__strategy=current).exists()

    def test_every_demo_measurement_has_the_status_its_kpi_gives_it(self):
        for measurement in Measurement.objects.select_related("kpi"):
            assert measurement.status == measurement.kpi.status_of(measurement.value)

    def test_one_demo_kpi_is_below_target_and_one_has_a_benchmark(self):
        latest = KPI.objects.with_latest()
        assert list(latest.filter(latest_status="red").values_list("name", flat=True)) == [
            "Resolution of reported incidents"
        ]
        slipping = latest.get(latest_status="red")
        assert slipping.latest_value < slipping.previous_value
        benchmarked = KPI.objects.get(benchmark_median__isnull=False)
        assert (benchmarked.name, benchmarked.benchmark_source, benchmarked.benchmark_year) == (
            "Workstation support cost",
            "Socitm benchmarking, unitary councils",
            2025,
        )

    def test_the_demo_keeps_the_corrected_availability_figure_in_the_history(self):
        corrected = Measurement.history.filter(history_type="~").select_related("kpi")
        assert [(row.kpi.name, row.history_change_reason) for row in corrected] == [
            (
                "Service availability",
                "Corrected: The monitoring tool had missed a 20-minute outage",
            )
        ]
        measurement = Measurement.objects.get(pk=corrected.get().id)
        assert list(measurement.history.order_by("history_id").values_list("value", flat=True)) == [
            measurement.value + Decimal("0.05"),
            measurement.value,
        ]

    def test_the_demo_action_plan_has_milestones_one_corrected_and_progress_on_the_page(self):
        from django.test import Client

        from steerco.accounts.models import User
        from steerco.strategy.demo import CORRECTION, MILESTONES
        from steerco.strategy.models import Milestone

        current = Strategy.objects.get(is_current=True)
        milestones = Milestone.objects.filter(objective__strategy=current)
        assert milestones.count() == sum(len(rows) for rows in MILESTONES.values())
        corrected = milestones.get(
            pk__in=Milestone.history.filter(history_change_reason=CORRECTION).values("id")
        )
        assert corrected.achieved_on == date(2012, 11, 14)
        assert list(
            corrected.history.order_by("history_id").values_list("achieved_on", flat=True)
        ) == [date(2012, 10, 1), date(2012, 11, 14)]
        client = Client()
        client.force_login(User.objects.get(username="admin"))
        page = client.get(current.get_absolute_url()).content.decode()
        assert "How progress is worked out" in page
        assert "% done" in page

    def test_the_demo_plan_has_actions_one_done_and_one_overdue(self):
        from steerco.meetings.models import Action

        current = Strategy.objects.get(is_current=True)
        found = Action.objects.filter(objective_link__objective__strategy=current)
        assert found.count() == 4
        assert found.filter(status=Action.Status.DONE).count() == 1
        # The demo runs on 7 December 2026.
        overdue = found.filter(due_on__lt=date(2026, 12, 7)).exclude(status=Action.Status.DONE)
        assert overdue.count() == 1
        assert all(action.owner_id and action.meeting_id is None for action in found)
