"""Investment planning's part of the demo council's checks: mixed into
steerco/tests/test_demo.py, which loads the demo once for them all."""

from decimal import Decimal

from steerco.documents.models import CouncilReport
from steerco.planning.models import Scenario, ScoringModel
from steerco.portfolio.models import Project


class PlanningDemoChecks:
    def test_the_demo_scores_its_proposed_projects_and_flags_the_spread(self):
        model = ScoringModel.objects.get()
        assert list(model.criteria.values_list("name", "weight")) == [
            ("Strategic alignment", Decimal(3)),
            ("Financial return", Decimal(2)),
            ("Risk reduction", Decimal(2)),
            ("Deliverability", Decimal(1)),
        ]
        network = model.score(Project.objects.get(reference="ICT-013"))
        # (3 × 3.5 + 2 × 1 + 2 × 4.5 + 1 × 3) / 8
        assert network.weighted == Decimal("3.06")
        assert network.flagged == ("Deliverability",)

    def test_the_demo_optimises_the_seed_envelope_and_a_20_percent_cut(self):
        envelope = Scenario.objects.get(name="Seed 003 envelope")
        cut = Scenario.objects.get(name="A 20% cut")
        assert envelope.budgets("capital")[:2] == (Decimal(400000), Decimal(350000))
        assert cut.budgets("capital")[:2] == (Decimal(320000), Decimal(280000))
        assert cut.budgets("revenue")[0] == Decimal(104000)
        answers = {s.name: s.last_answer() for s in (envelope, cut)}
        for stored in answers.values():
            assert stored["answer"]["status"] == "optimal"
            assert stored["answer"]["checked"]
            assert [c["id"] for c in stored["problem"]["candidates"]] == [
                "ICT-012",
                "ICT-013",
                "ICT-014",
            ]
            assert stored["answer"]["value"] >= stored["ranking"]["value"]
        chosen = {
            name: [s["id"] for s in stored["answer"]["selected"]]
            for name, stored in answers.items()
        }
        assert chosen["Seed 003 envelope"] == ["ICT-012", "ICT-013", "ICT-014"]
        assert len(chosen["A 20% cut"]) == 2
        assert envelope.answered_by.username == "admin"

    def test_the_demo_recommends_the_seed_envelope_to_the_steering_groups_next_meeting(self):
        envelope = Scenario.objects.get(name="Seed 003 envelope")
        item = envelope.recommended_at
        assert item.title == "ICT investment plan: Seed 003 envelope"
        assert item.meeting.body.kind == "steering_group"
        report = CouncilReport.objects.get(item=item)
        assert report.recommendations.startswith("Fund ICT-012")
        assert Scenario.objects.get(name="A 20% cut").recommended_at is None
