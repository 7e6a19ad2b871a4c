"""The strategy's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): a
current strategy approved at the item that holds the restricted papers, so that every strategy
page is walked with the approving decision beside it; the strategy shows the decision, never
the papers of its item."""

from steerco.meetings.models import Decision
from steerco.strategy import actions
from steerco.strategy.models import Strategy


def strategy_scenario(organisation, *, secretary, item):
    decision = Decision.objects.create(
        organisation=organisation,
        body=item.meeting.body,
        item=item,
        year=item.meeting.on.year,
        number=90,
        statement="The ICT strategy is approved.",
        outcome=Decision.Outcome.APPROVED,
    )
    strategy = actions.save_strategy(
        Strategy(
            organisation=organisation,
            title="ICT strategy 2026 to 2030",
            starts_in=2026,
            ends_in=2030,
            vision="Digital by default",
        ),
        by=secretary,
    )
    actions.approve_strategy(strategy, decision=decision, by=secretary)
    actions.make_current(strategy, by=secretary)
    theme = actions.add_theme(strategy, name="Digital First", by=secretary)
    actions.add_objective(
        strategy, title="Services online", theme=theme, cobit=["EDM02"], by=secretary
    )
    actions.add_principle(strategy, title="Customer focus", by=secretary)
    return {"strategy": strategy}
