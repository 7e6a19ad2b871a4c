"""The registers' forms, as their pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from datetime import date

from steerco.strategy import actions, register_actions, register_forms
from steerco.strategy.models import Strategy
from steerco.strategy.registers import DigitalChampion, Legislation, Skill, SkillLevel


def variants(organisation, secretary):
    org = {"organisation": organisation}
    strategy = actions.save_strategy(
        Strategy(organisation=organisation, title="Registers", starts_in=2026, ends_in=2030),
        by=secretary,
    )
    theme = actions.add_theme(strategy, name="Skills", by=secretary)
    actions.add_objective(strategy, title="Skilled staff", theme=theme, by=secretary)
    linked = {**org, "theme": theme}
    legislation = register_actions.save_legislation(
        Legislation(
            title="Accessibility regulations", requires="Accessible websites", impact="high",
            owner=secretary, review_on=date(2027, 4, 1), **linked,
        ),
        by=secretary,
    )  # fmt: skip
    skill = register_actions.save_skill(
        Skill(name="Cloud", owner=secretary, review_on=date(2027, 4, 1), **linked), by=secretary
    )
    team = register_actions.add_team(organisation, name="Service desk", by=secretary)
    register_actions.add_team(organisation, name="Applications", by=secretary)
    level = register_actions.save_skill_level(
        SkillLevel(skill=skill, team=team, current=1, target=3, assessed_on=date(2026, 4, 1)),
        by=secretary,
    )
    champion = register_actions.save_champion(
        DigitalChampion(person=secretary, service="Planning", since=date(2026, 4, 1), **linked),
        by=secretary,
    )
    return {
        register_forms.LegislationForm: [
            lambda d, f: register_forms.LegislationForm(d, **org),
            lambda d, f: register_forms.LegislationForm(d, instance=legislation, **org),
        ],
        register_forms.SkillForm: [
            lambda d, f: register_forms.SkillForm(d, **org),
            lambda d, f: register_forms.SkillForm(d, instance=skill, **org),
        ],
        register_forms.TeamForm: [lambda d, f: register_forms.TeamForm(d, **org)],
        register_forms.SkillLevelForm: [
            lambda d, f: register_forms.SkillLevelForm(d, skill=skill),
            lambda d, f: register_forms.SkillLevelForm(d, instance=level, skill=skill),
        ],
        register_forms.ChampionForm: [
            lambda d, f: register_forms.ChampionForm(d, **org),
            lambda d, f: register_forms.ChampionForm(d, instance=champion, **org),
        ],
        register_forms.LegislationFilterForm: [
            lambda d, f: register_forms.LegislationFilterForm(d)
        ],
        register_forms.ChampionFilterForm: [
            lambda d, f: register_forms.ChampionFilterForm(d, **org)
        ],
    }
