"""The chair's dashboard's part of the demo council's checks: mixed into
steerco/tests/test_demo.py, which loads the demo once for them all."""

from django.test import Client
from django.urls import reverse

from steerco.accounts.models import Organisation, User
from steerco.strategy.models import KPI, Strategy


def _dashboard(organisation):
    """The chair's dashboard as a member reads it."""
    client = Client()
    client.force_login(User.objects.get(username="member"))
    return client.get(reverse("dashboard:chairs-dashboard", kwargs={"org": organisation.slug}))


class DashboardDemoChecks:
    def test_the_demo_chairs_dashboard_shows_every_part_from_the_records(self):
        organisation = Organisation.objects.get()
        page = _dashboard(organisation).content.decode()
        current = Strategy.objects.get(is_current=True)
        for theme in current.themes.all():
            assert f"{theme.name}</td>" in page
        red = KPI.objects.filter(organisation=organisation).with_latest()
        red = sum(kpi.latest_status == "red" for kpi in red)
        assert f"Red: {red} KPI{'' if red == 1 else 's'}</a>" in page
        assert "The steering group's next meeting" in page
        assert "Add a KPI" not in page

    def test_the_demo_chairs_dashboard_names_the_legislation_whose_review_is_overdue(self):
        response = _dashboard(Organisation.objects.get())
        assert response.context["reviews_count"] == 1
        assert [entry.title for entry in response.context["reviews"]] == [
            "Data Protection Act 2018"
        ]
        assert "Data Protection Act 2018" in response.content.decode()
