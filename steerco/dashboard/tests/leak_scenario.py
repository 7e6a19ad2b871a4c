"""The chair's dashboard's part of the leak walk's scenario (steerco/meetings/tests/
test_leaks.py): the restricted risk is already the highest scored (a top risk); here one of its
mitigating actions is overdue, so the dashboard's overdue actions are walked with a restricted
one among them. Only whoever reads the risk may find either on the dashboard."""

from datetime import timedelta

from steerco.lib.dates import today
from steerco.meetings.models import Action
from steerco.risks import actions


def dashboard_scenario(restricted_risk, *, secretary):
    action = actions.add_mitigating_action(
        restricted_risk,
        description="Close the Kestrel firewall finding",
        owner=secretary,
        due_on=today() + timedelta(days=1),
        by=secretary,
    )
    # Raised as due tomorrow, then the day passes: it is overdue.
    Action.objects.filter(pk=action.pk).update(due_on=today() - timedelta(days=7))
    return action
