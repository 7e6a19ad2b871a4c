import itertools
from datetime import date, timedelta

from steerco.meetings.demo import meeting_dates
from steerco.meetings.models import MeetingTemplate
from steerco.meetings.rules import notice


def test_the_demo_dates_are_six_held_meetings_and_the_next_one_ahead():
    template = MeetingTemplate()  # the second Tuesday
    for offset in range(0, 800, 3):
        today = date(2026, 1, 1) + timedelta(days=offset)
        dates = meeting_dates(today, template, "ENG")
        assert len(dates) == 7
        assert all(day <= today for day in dates[:6])
        assert dates[6] > today
        # Twelve months before the next meeting, give or take the weekday of the month.
        assert dates[0] >= today - timedelta(days=372)
        assert all(notice.is_working_day(day, "ENG") for day in dates)
        months = [day.year * 12 + day.month for day in dates]
        assert [b - a for a, b in itertools.pairwise(months)] == [2] * 6
