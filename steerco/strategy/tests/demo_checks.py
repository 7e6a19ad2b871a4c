"""The strategy part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from steerco.strategy.demo import PRINCIPLES, SEED_002_PRIORITIES
from steerco.strategy.models import CorporateObjective, Strategy


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
