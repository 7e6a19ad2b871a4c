"""The strategy's part of the leak walk's scenario (steerco/meetings/tests/test_leaks.py): a
current strategy approved at the item that holds the restricted papers, so that every strategy
page is walked with the approving decision beside it; the strategy shows the decision, never
the papers of its item. A KPI, owned by the secretary and evidencing the theme, with a
measurement and its correction, so that the KPI pages are walked with rows in them. A milestone
of the plan with a change in its trail. An entry in each of the registers the strategy keeps
(legislation, a skill with a team's level and its development action, a digital champion), so
that their pages are walked with rows in them."""

from datetime import date, timedelta
from decimal import Decimal

from steerco.meetings.models import Decision
from steerco.strategy import actions
from steerco.strategy.models import KPI, Strategy


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
    objective = actions.add_objective(
        strategy, title="Services online", theme=theme, cobit=["EDM02"], by=secretary
    )
    # An action of the plan, on the action log of the body of the restricted papers' meeting.
    actions.add_plan_action(
        objective,
        description="Move the council tax forms online",
        owner=secretary,
        due_on=item.meeting.on + timedelta(days=90),
        body=item.meeting.body,
        by=secretary,
        on=item.meeting.on,
    )
    actions.add_principle(strategy, title="Customer focus", by=secretary)
    # A milestone of the plan, changed once, so that its page is walked with its trail.
    milestone = actions.add_milestone(
        objective, title="Forms online", due_on=date(2026, 6, 1), by=secretary
    )
    actions.change_milestone(
        milestone,
        title="Council tax forms online",
        due_on=date(2026, 7, 1),
        achieved_on=None,
        reason="Moved after the supplier's delay",
        by=secretary,
    )
    kpi = KPI.objects.get(organisation=organisation, name="User satisfaction")
    kpi.owner, kpi.theme, kpi.target, kpi.tolerance = secretary, theme, Decimal(85), Decimal(5)
    actions.save_kpi(kpi, by=secretary)
    measurement = actions.record_measurement(
        kpi, period_starts_on=date(2026, 4, 1), value=Decimal(82), by=secretary
    )
    actions.correct_measurement(measurement, value=Decimal(81), reason="Late returns", by=secretary)
    register_entries(theme, person=secretary, body=item.meeting.body, due_on=date(2026, 9, 1))
    return {"strategy": strategy, "kpi": kpi}


def register_entries(theme, *, person, body, due_on):
    """An entry in each register (legislation, a skill with a team's level and its development
    action due on `due_on`, a champion), kept by `person`; the isolation walk uses them too."""
    from steerco.strategy import register_actions
    from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel

    organisation = theme.strategy.organisation
    legislation = register_actions.save_legislation(
        Legislation(
            organisation=organisation, title="Data (Use and Access) Act 2025",
            requires="Smart data schemes", impact="medium", owner=person,
            review_on=date(2027, 4, 1), theme=theme,
        ),
        by=person,
    )  # fmt: skip
    skill = register_actions.save_skill(
        Skill(
            organisation=organisation, name="Cloud services", owner=person,
            review_on=date(2027, 4, 1), theme=theme,
        ),
        by=person,
    )  # fmt: skip
    team = register_actions.add_team(organisation, name="Service desk", by=person)
    level = register_actions.save_skill_level(
        SkillLevel(skill=skill, team=team, current=1, target=3, assessed_on=date(2026, 4, 1)),
        by=person,
    )
    register_actions.add_development_action(
        level, description="Cloud training", owner=person, due_on=due_on,
        body=body, by=person,
    )  # fmt: skip
    champion = register_actions.save_champion(
        DigitalChampion(
            organisation=organisation,
            person=person,
            service="Revenues",
            since=date(2026, 4, 1),
            theme=theme,
        ),
        by=person,
    )
    return {"legislation": legislation, "skill": skill, "level": level, "champion": champion}
