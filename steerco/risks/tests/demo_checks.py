"""The risks part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from django.urls import reverse

from steerco.accounts.models import Organisation, User
from steerco.lib.dates import today
from steerco.risks.models import Assessment, Escalation, Risk
from steerco.risks.queries import flag_q, with_tolerance


class RisksDemoChecks:
    def test_the_demo_register_has_twenty_risks_with_their_history(self):
        organisation = Organisation.objects.get(slug="northby")
        risks = Risk.objects.filter(organisation=organisation)
        assert risks.count() == 20
        assert Assessment.objects.filter(risk__organisation=organisation).count() == 43
        assert risks.filter(projects__isnull=False).distinct().count() == 18
        outside = with_tolerance(risks, organisation).filter(flag_q("outside_appetite", today()))
        assert sorted(outside.values_list("title", flat=True)) == [
            "CRM supplier fails to deliver the replacement",
            "Disaster recovery facilities not proven",
        ]
        assert list(
            with_tolerance(risks, organisation).filter(flag_q("any", today())).order_by("number")
        ) == list(outside.order_by("number"))
        escalation = Escalation.objects.get(risk__organisation=organisation, item__isnull=False)
        assert escalation.risk.title == "Disaster recovery facilities not proven"
        assert escalation.item.meeting.on >= today()
        assert escalation.item.meeting.body.kind == "steering_group"

    def test_the_demo_has_a_risk_escalated_from_a_project_board(self):
        organisation = Organisation.objects.get(slug="northby")
        escalation = Escalation.objects.get(risk__organisation=organisation, item__isnull=True)
        assert escalation.risk.title == "CRM supplier fails to deliver the replacement"
        assert escalation.from_body.name == "Digital Delivery Project Board"
        assert escalation.to_body.kind == "steering_group"
        self.client.force_login(User.objects.get(username="member"))
        page = self.client.get(
            reverse("risks:escalations", kwargs={"org": organisation.slug})
        ).content.decode()
        assert "Escalated by Digital Delivery Project Board on" in page
