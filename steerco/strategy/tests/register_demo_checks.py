"""The registers' part of the demo council's checks: mixed into steerco/tests/test_demo.py."""

from steerco.strategy.register_demo import CHAMPIONS, LEGISLATION, LEVELS
from steerco.strategy.registers import DigitalChampion, Legislation, SkillAction, SkillLevel
from steerco.strategy.rules import skills as skill_rules


class RegistersDemoChecks:
    def test_the_demo_registers_serve_the_current_strategy(self):
        assert sorted(Legislation.objects.values_list("title", flat=True)) == sorted(
            entry["title"] for entry in LEGISLATION
        )
        entries = [
            *Legislation.objects.all(),
            *DigitalChampion.objects.all(),
            *{level.skill for level in SkillLevel.objects.select_related("skill")},
        ]
        assert {entry.strategy.is_current for entry in entries} == {True}
        accessibility = Legislation.objects.get(reference="SI 2018/952")
        assert (accessibility.impact, accessibility.status) == ("high", "responding")

    def test_the_demo_skills_have_their_gaps_and_a_development_action(self):
        levels = {
            (level.skill.name, level.team.name): (level.current, level.target)
            for level in SkillLevel.objects.select_related("skill", "team")
        }
        assert levels == LEVELS
        cloud = SkillLevel.objects.filter(skill__name="Cloud services")
        assert skill_rules.gaps([(level.current, level.target) for level in cloud]) == (
            skill_rules.Gaps(assessed=3, short=3, total=6, largest=3)
        )
        action = SkillAction.objects.select_related("action__body", "level__team").get()
        assert (action.level.team.name, action.action.body.name, action.action.meeting) == (
            "Applications and Development",
            "Service Improvement Board",
            None,
        )

    def test_the_demo_champions_include_one_who_stepped_down(self):
        assert DigitalChampion.objects.count() == len(CHAMPIONS)
        stepped_down = DigitalChampion.objects.get(status="stepped_down")
        assert (stepped_down.person.username, stepped_down.service) == (
            "tom.barker",
            "Operational services",
        )
