"""The demo council (`manage.py load_demo`), loaded once for every app's checks: loading it is
the slow part, so each app's checks (steerco/<app>/tests/demo_checks.py) are mixed into one
test case whose data is loaded once and rolled back after each check."""

import shutil
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase, override_settings

from steerco.accounts.tests.demo_checks import AccountsDemoChecks
from steerco.dashboard.tests.demo_checks import DashboardDemoChecks
from steerco.documents.models import Pack
from steerco.documents.tests.demo_checks import DocumentsDemoChecks
from steerco.meetings.tests.demo_checks import MeetingsDemoChecks
from steerco.planning.tests.demo_checks import PlanningDemoChecks
from steerco.portfolio.tests.demo_checks import PortfolioDemoChecks
from steerco.progress_report.tests.demo_checks import ProgressReportDemoChecks
from steerco.risks.tests.demo_checks import RisksDemoChecks
from steerco.strategy.tests.demo_checks import StrategyDemoChecks
from steerco.strategy.tests.register_demo_checks import RegistersDemoChecks


def counts():
    """How many rows every model of steerco holds, history included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("steerco.")
    }


# A day on which the demo's next meeting is past its agenda deadline, so it is published and
# its packs are built.
@time_machine.travel(datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Europe/London")))
class TestTheDemoCouncil(
    AccountsDemoChecks,
    DashboardDemoChecks,
    MeetingsDemoChecks,
    PortfolioDemoChecks,
    RisksDemoChecks,
    StrategyDemoChecks,
    RegistersDemoChecks,
    DocumentsDemoChecks,
    PlanningDemoChecks,
    ProgressReportDemoChecks,
    TestCase,
):
    @classmethod
    def setUpClass(cls):
        media = tempfile.mkdtemp(prefix="steerco-demo-")  # the demo's papers and packs
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo")

    def test_loading_the_demo_again_changes_nothing(self):
        first = counts()
        packs = list(Pack.objects.values_list("pk", "build").order_by("pk"))
        # The steering group's seven, and the City Executive Board's of 7 December 2011 that
        # approved the current strategy (steerco/strategy/demo.py).
        assert first["meetings.Meeting"] == 8
        call_command("load_demo")
        assert counts() == first
        assert list(Pack.objects.values_list("pk", "build").order_by("pk")) == packs
