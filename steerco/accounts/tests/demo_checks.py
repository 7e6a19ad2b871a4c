"""The accounts part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from steerco.governance.models import Approval, Body, Membership


class AccountsDemoChecks:
    def test_the_demo_council_is_built_from_the_seeds(self):
        group = Body.objects.get(short_name="DSSG")
        assert (group.quorum_minimum, group.quorum_requires_chair, group.notice_working_days) == (
            5,
            True,
            4,
        )
        assert group.decision_method == Body.DecisionMethod.AGREEMENT
        assert [t.version for t in group.terms_versions.order_by("created_at", "id")] == [
            "1.0",
            "1.1",
            "1.2",
            "1.3",
            "1.4",
        ]
        current = group.terms_versions.get(version="1.4")
        assert current.objectives.count() == 10
        assert [a.approver for a in Approval.objects.filter(terms__version="1.3")] == [
            "M Hamilton",
            "J Willis",
            "D Adams",
        ]
        members = group.memberships.exclude(role=Membership.Role.SECRETARY)
        assert members.count() == 9
        assert (
            group.memberships.filter(
                role=Membership.Role.SECRETARY, counts_toward_quorum=False
            ).count()
            == 1
        )
        action_log_to = sorted(
            line.to_body.name for line in group.lines_out.all() if "action_log" in line.carries
        )
        assert action_log_to == ["Efficiency Board", "Executive Management Team"]
