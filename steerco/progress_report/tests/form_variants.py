"""The annual progress report's forms, as its pages make them, for the forms walk
(steerco/meetings/tests/test_forms.py): form class -> [function(data, files)]."""

from steerco.progress_report import actions, forms
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.strategy import actions as strategy_actions
from steerco.strategy.models import Strategy


def variants(organisation, secretary):
    strategy = strategy_actions.save_strategy(
        Strategy(organisation=organisation, title="Report forms", starts_in=2026, ends_in=2030),
        by=secretary,
    )
    written = actions.save_commentary(
        Commentary(strategy=strategy, year=2026, section="kpis"), text="Steady", by=secretary
    )
    front = actions.save_front_matter(FrontMatter(strategy=strategy, year=2026), by=secretary)
    return {
        forms.CommentaryForm: [
            lambda d, f: forms.CommentaryForm(
                d, commentary=Commentary(strategy=strategy, year=2026, section="risks")
            ),
            lambda d, f: forms.CommentaryForm(d, commentary=written),
        ],
        forms.FrontMatterForm: [
            lambda d, f: forms.FrontMatterForm(
                d, instance=FrontMatter(strategy=strategy, year=2027)
            ),
            lambda d, f: forms.FrontMatterForm(d, instance=front),
        ],
    }
