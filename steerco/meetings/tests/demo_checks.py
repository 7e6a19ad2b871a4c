"""The meetings part of the demo council's checks: mixed into steerco/tests/test_demo.py, which
loads the demo once for them all."""

from django.core.files.storage import default_storage
from django.utils import timezone

from steerco.governance.models import Body
from steerco.meetings import actions, queries
from steerco.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
    Meeting,
    Paper,
    PaperVersion,
    Withdrawal,
)


class MeetingsDemoChecks:
    def test_the_demo_steering_group_has_a_year_of_meetings(self):
        today = timezone.localdate()
        group = Body.objects.get(short_name="DSSG")
        meetings = list(group.meetings.order_by("on"))
        held, upcoming = meetings[:6], meetings[6]
        assert [m.is_held(today) for m in meetings] == [True] * 6 + [False]
        assert {m.kind for m in meetings} == {Meeting.Kind.ORDINARY}

        assert all(m.is_published for m in held)
        assert [m.agenda_late_reason != "" for m in held] == [
            False,
            False,
            True,
            False,
            False,
            False,
        ]
        assert upcoming.is_published == upcoming.is_past_deadline(today)
        for meeting in held:
            standing = meeting.items.filter(source=AgendaItem.Source.STANDING)
            assert standing.count() == 3
            assert 2 <= meeting.items.exclude(source=AgendaItem.Source.STANDING).count() <= 3
            assert meeting.agenda_published_at.date() <= meeting.on

        restricted = Paper.objects.get(restricted=True)
        assert (restricted.title, restricted.get_exemption_display()) == (
            "CRM replacement: supplier pricing and evaluation",
            "Commercially sensitive",
        )
        assert [p.title for p in Paper.objects.exclude(late_reason="")] == [
            "Supplier vulnerability: summary and response"
        ]
        versions = PaperVersion.objects.all()
        assert sorted({v.file_type for v in versions}) == ["docx", "pdf"]
        assert all(default_storage.exists(v.file.name) for v in versions)

        assert [a.status for a in upcoming.attendance.all()] == [Attendance.Status.APOLOGIES]
        for meeting in held:
            people = set(actions.members_on(meeting).values_list("person", flat=True))
            assert set(meeting.attendance.values_list("person", flat=True)) == people
        due = queries.challenges_due([group], today)
        assert [(d.membership.person.username, d.run) for d in due] == [
            ("mark.ellis", (held[4].on, held[5].on))
        ]

        declaration = Declaration.objects.get(kind=Declaration.Kind.PREJUDICIAL)
        assert declaration.person.username == "tom.barker"
        assert [(w.person, w.declaration) for w in Withdrawal.objects.all()] == [
            (declaration.person, declaration)
        ]

        decisions = Decision.objects.filter(body=group)
        assert all(d.confirmed_by.username == "chair" for d in decisions)
        assert all(d.votes_for is None for d in decisions)
        first_year = held[0].on.year
        assert decisions.filter(year=first_year).first().reference == f"DSSG/{first_year}/001"

        assert [m.minutes_approved_at for m in held] == [*held[1:], None]
        assert [m.action_log_agreed_at for m in held] == [*held[1:], None]
        assert all(
            item.minutes
            for meeting in held
            for item in meeting.items.all()
            if item.source != AgendaItem.Source.STANDING or item.standing_kind
        )
        forwarded = sorted(
            (f.meeting.on, f.to_body.name)
            for f in Forwarding.objects.filter(what=Forwarding.What.ACTION_LOG)
        )
        assert forwarded == sorted(
            (m.on, name)
            for m in held[:5]
            for name in ("Efficiency Board", "Executive Management Team")
        )

        members = set(group.memberships.values_list("person", flat=True))
        log = Action.objects.filter(body=group)
        assert set(log.values_list("owner", flat=True)) <= members
        # With the strategy's action plan's four (one done, one overdue): strategy/demo.py.
        assert log.overdue(today).count() == 3
        assert log.filter(status=Action.Status.DONE).count() == 7
        assert log.still_open().filter(due_on__gte=today).count() == 5
