"""The annual progress report's part of the leak walk's scenario
(steerco/meetings/tests/test_leaks.py): commentary and front matter for the year in progress
of the current strategy, so that the report and its PDF and Word documents are walked with
the top risks (the restricted one among them, where the reader may read it), the steering
group's decisions and its open actions in them."""

from steerco.lib.dates import today
from steerco.progress_report import actions
from steerco.progress_report.models import Commentary, FrontMatter
from steerco.progress_report.rules.years import financial_year


def progress_report_scenario(strategy, *, secretary):
    year = financial_year(today())
    actions.save_commentary(
        Commentary(strategy=strategy, year=year, section="risks"),
        text="The register's top risks are under treatment.",
        by=secretary,
    )
    actions.save_front_matter(
        FrontMatter(strategy=strategy, year=year, purpose="To report the year's progress."),
        by=secretary,
    )
    return year
