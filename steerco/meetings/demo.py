"""The demo steering group's year of meetings (issue 3, §13), dated relative to today.

Six ordinary meetings held on the second Tuesday of every other month and the next one ahead,
each built through the actions of the meeting cycle, so that the history reads as if the
secretary had run the year in steerco.
"""

import io
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from steerco.governance.demo import STEERING_GROUP
from steerco.governance.models import Body
from steerco.meetings import actions, queries
from steerco.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Forwarding,
    Paper,
    PaperVersion,
    Purpose,
    Withdrawal,
)
from steerco.meetings.rules import notice

LOCATION = "Committee Room 2, Northby Civic Centre"
HELD = 6
ONE_DAY = timedelta(days=1)
Outcome, S, P = Decision.Outcome, AgendaItem.Source, Purpose
A = Attendance.Status


@dataclass(frozen=True)
class PaperSpec:
    title: str
    file_name: str  # .pdf papers are made with WeasyPrint, .docx ones with python-docx
    paragraphs: tuple[str, ...]
    restricted: bool = False
    # Set for a paper added after the agenda was published.
    late_reason: str = ""


@dataclass(frozen=True)
class ActionSpec:
    owner: str
    description: str
    # Days after the meeting; None for the date of the next meeting.
    due_in: int | None
    # (index of the meeting on whose day it was updated, status, update)
    updates: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True)
class ItemSpec:
    title: str
    presenter: str
    purpose: str
    source: str
    minutes: str = ""
    papers: tuple[PaperSpec, ...] = ()
    outcome: str = ""
    statement: str = ""
    conditions: str = ""
    review_in: int | None = None  # days after the meeting
    actions: tuple[ActionSpec, ...] = ()
    # (username, kind, nature), made when the agenda was read.
    declarations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class MeetingSpec:
    items: tuple[ItemSpec, ...]
    late_reason: str = ""
    # Carried from the meeting before, with its papers: (title of the item there,)
    carried: tuple[str, ...] = ()
    # username: record_attendance keywords, for everyone who was not simply present.
    attendance: dict | None = None
    corrections: str = ""  # to the minutes of the meeting before, made when approving them


JO = "Jo Whitfield, Digital Delivery Manager"
SAM = "Sam Okafor, ICT Operations and Development Manager"
PRIYA = "Priya Shah, Executive Director, Resources and Support Services"
HELEN = "Helen Price, Head of Communications"
DAN = "Dan Hughes, ICT Project Manager"
# The portfolio's demo links its business case to this item's decision.
WORKFLOW_CASE = "Business case: workflow technologies"
IN_PROGRESS, DONE = "in_progress", "done"


def highlight_report(paragraphs, minutes):
    return ItemSpec(
        title="Highlight report from the Digital Delivery Project Board",
        presenter=JO,
        purpose=P.INFORMATION,
        source=S.PROJECT_BOARD,
        papers=(
            PaperSpec(
                "Digital Delivery Project Board highlight report – {month}",
                "ddpb-highlight-report.pdf",
                paragraphs,
            ),
        ),
        outcome=Outcome.NOTED,
        statement="The group noted the highlight report of the Digital Delivery Project Board.",
        minutes=minutes,
    )


MEETINGS = [
    MeetingSpec(
        items=(
            highlight_report(
                (
                    "Overall status: amber. The online council tax account went live this "
                    "month; 4,120 residents registered in its first three weeks.",
                    "The missed bin reporting form is in user research and on track for "
                    "the new year. The parking permits service is two weeks behind because of a "
                    "supplier change to the payment gateway.",
                    "Risks: the loss of a contract developer next month; mitigated by "
                    "bringing forward the recruitment of a permanent developer.",
                ),
                "Jo Whitfield presented the report. Members welcomed the take-up of the "
                "online council tax account and asked for the parking permits delay to be "
                "tracked on the action log.",
            ),
            ItemSpec(
                title="Microsoft 365 licensing renewal",
                presenter=SAM,
                purpose=P.DECISION,
                source=S.SUBMISSION,
                papers=(
                    PaperSpec(
                        "Microsoft 365 licensing renewal: options appraisal",
                        "m365-licensing-options.pdf",
                        (
                            "The Council's enterprise agreement for Microsoft 365 ends on "
                            "31 March. Three options were appraised: renew like for like (E3 "
                            "for all 1,450 staff), a mixed estate (E3 for office staff and F3 "
                            "for 520 frontline staff), or move to E5.",
                            "The mixed estate saves £96,000 a year against like for like "
                            "while keeping the security features the cyber security plan "
                            "depends on.",
                            "Recommendation: renew on a mixed estate of E3 and F3 licences "
                            "for three years.",
                        ),
                    ),
                ),
                outcome=Outcome.APPROVED_WITH_CONDITIONS,
                statement="The group approved the renewal of Microsoft 365 on a mixed "
                "estate of E3 and F3 licences for three years.",
                conditions="Finance confirms the cost within next year's ICT revenue budget.",
                minutes="Sam Okafor presented the options appraisal. Members discussed "
                "which frontline roles need full desktop applications and agreed the **mixed "
                "estate**, subject to Finance confirming the budget.\n\n"
                "Members noted:\n\n"
                "- frontline staff on F3 licences keep email and Teams on their phones\n"
                "- the E3 licences cover the office-based roles that need desktop applications",
                actions=(
                    ActionSpec(
                        "sam.okafor",
                        "Confirm the number of E3 and F3 licences with Finance before the renewal.",
                        28,
                        ((1, DONE, "Confirmed with Finance: 930 E3 and 520 F3 licences."),),
                    ),
                    ActionSpec(
                        "member",
                        "Circulate the revised digital delivery roadmap to all members.",
                        14,
                        ((1, DONE, "Circulated by email."),),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        attendance={"helen.price": {"status": A.APOLOGIES}},
        items=(
            ItemSpec(
                title="Business case for a new customer relationship management (CRM) system",
                presenter=DAN,
                purpose=P.DECISION,
                source=S.SUBMISSION,
                papers=(
                    PaperSpec(
                        "Business case: replacing the customer relationship management system",
                        "crm-business-case.pdf",
                        (
                            "The current CRM reaches the end of its support next year and cannot "
                            "connect to the Council's online forms, so 38% of contact is "
                            "re-keyed by hand in the contact centre.",
                            "A cloud CRM integrated with the website and the online account "
                            "would let residents track their requests and let the contact "
                            "centre resolve more enquiries at first contact.",
                            "The business case recommends procuring a cloud CRM through a "
                            "compliant framework, with implementation over the next financial year.",
                        ),
                    ),
                    PaperSpec(
                        "CRM replacement: supplier pricing and evaluation",
                        "crm-supplier-pricing.pdf",
                        (
                            "Soft market testing returned indicative prices from three "
                            "suppliers for five years, including implementation.",
                            "Supplier A: £412,000. Supplier B: £468,500. Supplier C: £389,000, "
                            "excluding data migration.",
                            "These prices were given in confidence and must not be shared "
                            "outside the group before the procurement concludes.",
                        ),
                        restricted=True,
                    ),
                ),
                declarations=(
                    (
                        "tom.barker",
                        Declaration.Kind.PREJUDICIAL,
                        "A close family member is a director of one of the suppliers that "
                        "gave indicative prices.",
                    ),
                    (
                        "rachel.doyle",
                        Declaration.Kind.PERSONAL,
                        "Her service is one of the main users of the current CRM.",
                    ),
                ),
                outcome=Outcome.APPROVED_WITH_CONDITIONS,
                statement="The group approved the business case for replacing the customer "
                "relationship management system and the move to procurement.",
                conditions="The procurement uses a compliant framework and the contract award "
                "comes back to the group for decision.",
                minutes="Tom Barker had declared a prejudicial interest and withdrew for "
                "this item. Dan Hughes presented the business case and the restricted pricing "
                "paper. Members asked about the cost of data migration, which is excluded "
                "from one of the indicative prices, and the contact centre's involvement in "
                "testing.",
                actions=(
                    ActionSpec(
                        "member",
                        "Prepare the procurement timetable for the CRM replacement.",
                        42,
                        ((2, DONE, "Timetable agreed with Procurement and circulated."),),
                    ),
                ),
            ),
            ItemSpec(
                title="Cyber security update",
                presenter=SAM,
                purpose=P.INFORMATION,
                source=S.OTHER,
                papers=(
                    PaperSpec(
                        "Cyber security update – {month}",
                        "cyber-security-update.docx",
                        (
                            "Phishing simulation: 9% of staff clicked the link last month, "
                            "down from 14% in the previous simulation.",
                            "All servers are within the 14-day patching target except two "
                            "legacy housing servers, which are isolated pending "
                            "decommissioning.",
                            "The Public Services Network compliance submission is due in the "
                            "spring.",
                        ),
                    ),
                ),
                outcome=Outcome.NOTED,
                statement="The group noted the cyber security update.",
                minutes="Sam Okafor presented the update. Members asked that cyber "
                "awareness training become part of the mandatory induction for new "
                "staff.",
                actions=(
                    ActionSpec(
                        "mark.ellis",
                        "Add cyber awareness training to the mandatory induction programme.",
                        90,
                        (
                            (
                                3,
                                IN_PROGRESS,
                                "Module chosen; waiting for the learning platform update.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        late_reason="The Digital Delivery Project Board met later than planned, so its "
        "highlight report was not ready by the deadline.",
        corrections="Item 4: the CRM implementation is planned over the next financial year.",
        attendance={
            "rachel.doyle": {"status": A.PRESENT, "arrived_at": time(10, 25), "arrived_for": 5}
        },
        items=(
            highlight_report(
                (
                    "Overall status: green. The parking permits service went live after "
                    "the payment gateway change.",
                    "The missed bin reporting form is live; 61% of reports in its first "
                    "month were made online.",
                    "Next: the housing repairs booking service enters discovery next month.",
                ),
                "Jo Whitfield presented the report. The group congratulated the team on "
                "the missed bin form's take-up.",
            ),
            ItemSpec(
                title="ICT strategy refresh: approach and timetable",
                presenter=PRIYA,
                purpose=P.DECISION,
                source=S.OTHER,
                papers=(
                    PaperSpec(
                        "ICT strategy refresh: approach and timetable",
                        "ict-strategy-refresh-approach.pdf",
                        (
                            "The current ICT strategy has ended. The refresh will align "
                            "the ICT strategy with the corporate plan and the digital "
                            "strategy, and will be shaped with every directorate.",
                            "Timetable: a workshop with each directorate over three months, a draft to "
                            "the group within six months, and approval by Cabinet after consultation.",
                        ),
                    ),
                ),
                outcome=Outcome.APPROVED,
                statement="The group approved the approach to and timetable for the ICT "
                "strategy refresh.",
                minutes="Priya Shah presented the approach. Members asked that schools and "
                "elected members are included in the engagement.",
                actions=(
                    ActionSpec(
                        "sam.okafor",
                        "Hold a workshop with each directorate on the ICT strategy refresh.",
                        84,
                        ((4, DONE, "Six workshops held; notes shared with the group."),),
                    ),
                ),
            ),
            ItemSpec(
                title="Digital Champions network: progress",
                presenter=HELEN,
                purpose=P.INFORMATION,
                source=S.OTHER,
                outcome=Outcome.NOTED,
                statement="The group noted the progress of the Digital Champions network.",
                minutes="Helen Price reported that 34 Digital Champions are in place "
                "across 11 services. Rachel Doyle joined the meeting during this item.",
                actions=(
                    ActionSpec(
                        "helen.price",
                        "Publish a recruitment article for Digital Champions on the intranet.",
                        21,
                        ((3, DONE, "Published on the intranet home page."),),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        attendance={
            "helen.price": {
                "status": A.SUBSTITUTE,
                "substitute_name": "Ben Carter, Communications Manager",
            }
        },
        items=(
            ItemSpec(
                title="Cyber security update",
                presenter=SAM,
                purpose=P.INFORMATION,
                source=S.OTHER,
                papers=(
                    PaperSpec(
                        "Cyber security update – {month}",
                        "cyber-security-update.pdf",
                        (
                            "The Public Services Network compliance certificate was renewed "
                            "last month.",
                            "The two legacy housing servers were decommissioned.",
                        ),
                    ),
                    PaperSpec(
                        "Supplier vulnerability: summary and response",
                        "supplier-vulnerability-summary.pdf",
                        (
                            "A vulnerability in a supplier's remote access tool was announced "
                            "after the agenda was published. The tool was disabled within "
                            "four hours and no compromise was found.",
                        ),
                        late_reason="Urgent: the vulnerability was announced after the "
                        "agenda was published and members needed the response before the "
                        "meeting.",
                    ),
                ),
                outcome=Outcome.NOTED,
                statement="The group noted the cyber security update and the response to the "
                "supplier vulnerability.",
                minutes="Sam Okafor presented the update and the late paper on the "
                "supplier vulnerability. The group thanked the ICT team for its quick "
                "response.",
            ),
            ItemSpec(
                title="Microsoft 365: Copilot pilot proposal",
                presenter=SAM,
                purpose=P.DECISION,
                source=S.SUBMISSION,
                papers=(
                    PaperSpec(
                        "Copilot pilot proposal",
                        "copilot-pilot-proposal.pdf",
                        (
                            "A three-month pilot of Microsoft 365 Copilot for 50 staff in "
                            "four services, measuring time saved on minutes, reports and "
                            "correspondence.",
                            "Cost: £15,000 for the licences, from the ICT transformation reserve.",
                        ),
                    ),
                ),
                outcome=Outcome.DEFERRED,
                statement="The group deferred the Copilot pilot to its next meeting until the "
                "data protection impact assessment is complete.",
                minutes="Members supported the aims of the pilot but asked for the data "
                "protection impact assessment before deciding.",
                actions=(
                    ActionSpec(
                        "mark.ellis",
                        "Complete the data protection impact assessment for the Copilot pilot.",
                        35,
                        ((4, DONE, "Completed with the Data Protection Officer."),),
                    ),
                ),
            ),
        ),
    ),
    MeetingSpec(
        attendance={"mark.ellis": {"status": A.APOLOGIES}},
        carried=("Microsoft 365: Copilot pilot proposal",),
        items=(
            highlight_report(
                (
                    "Overall status: amber. The housing repairs booking service has "
                    "finished discovery; alpha starts next month.",
                    "The CRM procurement is on the timetable agreed; the tender closes next month.",
                    "Risk: the housing repairs system supplier has not confirmed its "
                    "interface, which could delay alpha.",
                ),
                "Jo Whitfield presented the report. Members asked for the housing "
                "repairs interface risk to be escalated to the supplier's account "
                "director.",
            ),
            ItemSpec(
                title=WORKFLOW_CASE,
                presenter=DAN,
                purpose=P.DECISION,
                source=S.SUBMISSION,
                papers=(
                    PaperSpec(
                        "Business case: workflow technologies",
                        "workflow-business-case.pdf",
                        (
                            "The ICT strategy identified workflow as one of the two areas "
                            "needing investment: £500,000 capital over two years and £80,000 "
                            "a year in revenue costs over the ten-year period.",
                            "Electronic forms and workflow will replace paper processes in "
                            "Revenues and Benefits, Planning and Housing, and end the re-keying "
                            "of forms between systems.",
                            "A risk assessment is attached; the main risks are the integration "
                            "with the housing and revenues systems and the capacity of the "
                            "services to redesign their processes.",
                        ),
                    ),
                ),
                outcome=Outcome.APPROVED_WITH_CONDITIONS,
                statement="The group approved the business case for workflow technologies.",
                conditions="The revenue cost is confirmed in the medium term financial plan, "
                "and the benefits realisation plan comes back to the group within six months.",
                minutes="<p>Dan Hughes presented the business case on behalf of the Workflow "
                "and Mobility Project Board. Members asked how the savings in Revenues and "
                "Benefits would be measured and approved the case with conditions.</p>",
            ),
        ),
    ),
    MeetingSpec(
        attendance={"mark.ellis": {"status": A.APOLOGIES}},
        items=(
            ItemSpec(
                title="ICT strategy: draft for consultation",
                presenter=PRIYA,
                purpose=P.APPROVAL,
                source=S.OTHER,
                papers=(
                    PaperSpec(
                        "ICT strategy: draft for consultation",
                        "ict-strategy-draft.pdf",
                        (
                            "Vision: reliable, secure technology that lets residents and "
                            "staff do things online first time.",
                            "Priorities: cloud first; secure by design; data used well; "
                            "skills for digital working; value for money.",
                        ),
                    ),
                ),
                outcome=Outcome.APPROVED,
                statement="The group approved the draft ICT strategy for "
                "consultation with Cabinet members.",
                review_in=91,
                minutes="Priya Shah presented the draft, shaped by the directorate "
                "workshops. Members approved it for consultation.",
                actions=(
                    ActionSpec(
                        "priya.shah",
                        "Circulate the draft ICT strategy to Cabinet members for consultation.",
                        75,
                    ),
                    ActionSpec(
                        "member",
                        "Bring the CRM implementation plan to the next meeting.",
                        None,
                    ),
                ),
            ),
            ItemSpec(
                title="Cyber security update",
                presenter=SAM,
                purpose=P.INFORMATION,
                source=S.OTHER,
                outcome=Outcome.NOTED,
                statement="The group noted the cyber security update.",
                minutes="Sam Okafor gave a verbal update: Cyber Essentials Plus renewal "
                "is due within three months.",
                actions=(
                    ActionSpec(
                        "sam.okafor",
                        "Renew the Cyber Essentials Plus certification.",
                        100,
                        ((5, IN_PROGRESS, "Assessor booked."),),
                    ),
                ),
            ),
        ),
    ),
]

COPILOT_DECISION = {
    "outcome": Outcome.APPROVED_WITH_CONDITIONS,
    "statement": "The group approved a three-month pilot of Microsoft 365 Copilot for 50 staff.",
    "conditions": "The pilot follows the data protection impact assessment, and its results "
    "come back to the group.",
    "minutes": "The data protection impact assessment was complete. The group approved the "
    "pilot with conditions.",
    "actions": (
        ActionSpec(
            "tom.barker",
            "Report the Copilot pilot's first month of usage to the group.",
            42,
        ),
    ),
}

UPCOMING = (
    highlight_report(
        (
            "Overall status: green. The housing repairs booking service is in alpha with "
            "two repairs teams.",
            "The CRM tender has closed; the evaluation is on this agenda for decision.",
        ),
        "",
    ),
    ItemSpec(
        title="CRM replacement: contract award",
        presenter=DAN,
        purpose=P.DECISION,
        source=S.SUBMISSION,
    ),
    ItemSpec(
        title="Annual review of attendance",
        presenter="Linda Clarke, Secretary to the group",
        purpose=P.DISCUSSION,
        source=S.OTHER,
    ),
)
UPCOMING_APOLOGIES = "rachel.doyle"


def meeting_dates(today, template, nation):
    """Six ordinary meetings held in the last year and the next one ahead."""
    rhythm = {"weekday": template.weekday, "week_of_month": template.week_of_month}
    upcoming = notice.schedule(
        start=today + ONE_DAY,
        until=today + timedelta(days=75),
        every_months=1,
        nation=nation,
        **rhythm,
    )[0]
    month = upcoming.year * 12 + upcoming.month - 1 - 2 * HELD
    return notice.schedule(
        start=upcoming.replace(year=month // 12, month=month % 12 + 1, day=1),
        until=upcoming,
        every_months=2,
        nation=nation,
        **rhythm,
    )


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def pdf_file(title, paragraphs):
    from weasyprint import HTML

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    html = f"<h1>Northby Borough Council</h1><h2>{escape(title)}</h2>{body}"
    return HTML(string=html).write_pdf()


def docx_file(title, paragraphs):
    from docx import Document

    document = Document()
    document.add_heading("Northby Borough Council", level=1)
    document.add_heading(title, level=2)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(spec):
    make = docx_file if spec.file_name.endswith(".docx") else pdf_file
    return SimpleUploadedFile(spec.file_name, make(spec.title, spec.paragraphs))


class Year:
    """Runs the steering group's year, meeting by meeting, as its secretary."""

    def __init__(self, body, people, dates, today):
        self.body, self.people, self.dates, self.today = body, people, dates, today
        self.secretary, self.chair = people["secretary"], people["chair"]
        self.nation = body.organisation.nation
        self.meetings = [
            actions.schedule_meeting(
                body,
                on=day,
                starts_at=time(10),
                ends_at=time(12),
                location=LOCATION,
                by=self.secretary,
                today=day,
            )
            for day in dates
        ]
        # Every line that carries the action log: the secretary judges its condition met (the
        # Efficiency Board takes it "for information, at the next available meeting").
        self.recipients = [
            line.to_body for line in actions.lines_carrying(body, Forwarding.What.ACTION_LOG)
        ]
        self.pending_updates = []

    def add_item(self, meeting, spec):
        item = actions.save_item(
            AgendaItem(
                meeting=meeting,
                title=spec.title,
                presenter=spec.presenter,
                # Dan Hughes signs in as the demo's officer: he adds his own papers.
                presenting_officer=self.people["officer"] if spec.presenter == DAN else None,
                purpose=spec.purpose,
                source=spec.source,
            ),
            by=self.secretary,
        )
        for paper in spec.papers:
            if not paper.late_reason:
                self.add_paper(item, paper)
        return item

    def add_paper(self, item, spec):
        # A report covers the month before the meeting.
        month = (item.meeting.on.replace(day=1) - ONE_DAY).strftime("%B %Y")
        spec = replace(spec, title=spec.title.format(month=month))
        return actions.add_paper(
            item,
            title=spec.title,
            upload=upload(spec),
            by=self.secretary,
            restricted=spec.restricted,
            exemption=Paper.Exemption.COMMERCIAL if spec.restricted else "",
            readers=[self.people["officer"]] if spec.restricted else [],
            late_reason=spec.late_reason,
        )

    def publish(self, meeting, late_reason=""):
        deadline = meeting.agenda_deadline()
        if late_reason:
            published = at(notice.next_working_day(deadline + ONE_DAY, self.nation), 11, 30)
        else:
            published = at(notice.working_days_before(deadline, 1, self.nation), 15)
        actions.publish_agenda(meeting, by=self.secretary, now=published, late_reason=late_reason)
        return published

    def hold(self, index, spec):
        meeting = self.meetings[index]
        previous = self.meetings[index - 1] if index else None
        items = [self.add_item(meeting, item) for item in spec.items]
        for title in spec.carried:
            from_item = previous.items.get(title=title)
            items.append(actions.carry_item(from_item, to=meeting, by=self.secretary))
        published = self.publish(meeting, spec.late_reason)
        self.backdate(meeting, published)
        for item, item_spec in zip(items, spec.items, strict=False):
            for paper in item_spec.papers:
                if paper.late_reason:
                    self.add_paper(item, paper)
            for username, kind, nature in item_spec.declarations:
                actions.declare_interest(
                    item,
                    person=self.people[username],
                    kind=kind,
                    nature=nature,
                    by=self.secretary,
                    in_advance=True,
                )
        self.record_attendance(meeting, spec.attendance or {})
        for withdrawal in Withdrawal.objects.filter(item__meeting=meeting).select_related(
            "item", "person"
        ):
            actions.record_withdrawal(
                withdrawal.item,
                person=withdrawal.person,
                withdrew_at=time(10, 40),
                returned_at=time(11, 5),
                by=self.secretary,
            )
        if previous is not None:
            self.agree_previous(previous, meeting, spec.corrections)
        self.minute_standing_items(meeting, previous, spec)
        for update in [u for u in self.pending_updates if u[0] == index]:
            _, action, status, text = update
            actions.update_action(
                action, status=status, text=text, on=meeting.on, by=self.secretary
            )
        specs = list(spec.items) + [
            ItemSpec(title=title, presenter="", purpose="", source="", **COPILOT_DECISION)
            for title in spec.carried
        ]
        for item, item_spec in zip(items, specs, strict=True):
            self.record_item(index, item, item_spec)
        self.backdate_record(meeting)
        if previous is not None:
            forwarded_on = min(
                notice.next_working_day(meeting.on + ONE_DAY, self.nation), self.today
            )
            actions.forward(
                previous,
                what=Forwarding.What.ACTION_LOG,
                to_bodies=self.recipients,
                on=forwarded_on,
                by=self.secretary,
            )

    def record_attendance(self, meeting, exceptions):
        items = {item.position: item for item in meeting.items.all()}
        for membership in actions.members_on(meeting).select_related("person").in_role_order():
            person = membership.person
            if Attendance.objects.filter(meeting=meeting, person=person).exists():
                continue  # the vice chair also sits as a senior responsible officer
            details = dict(exceptions.get(person.username, {"status": A.PRESENT}))
            if "arrived_for" in details:
                details["arrived_for"] = items[details["arrived_for"]]
            actions.record_attendance(meeting, person=person, by=self.secretary, **details)

    def agree_previous(self, previous, meeting, corrections):
        actions.approve_minutes(previous, at=meeting, by=self.secretary, corrections=corrections)
        actions.agree_action_log(previous, at=meeting, by=self.secretary)

    def minute_standing_items(self, meeting, previous, spec):
        texts = {
            "apologies": self.apologies_minutes(meeting),
            "declarations": self.declarations_minutes(meeting),
            "previous_minutes": self.previous_minutes(previous, spec.corrections),
        }
        for item in meeting.items.filter(source=S.STANDING):
            if item.standing_kind in texts:
                actions.save_minutes(item, text=texts[item.standing_kind], by=self.secretary)

    def apologies_minutes(self, meeting):
        lines = []
        for attendance in meeting.attendance.select_related("person", "arrived_for"):
            name = attendance.person.name
            if attendance.status == A.APOLOGIES:
                lines.append(f"Apologies were received from {name}.")
            elif attendance.status == A.SUBSTITUTE:
                lines.append(
                    f"{name} sent apologies and was represented by {attendance.substitute_name}."
                )
            elif attendance.arrived_for:
                lines.append(
                    f"{name} joined the meeting at {attendance.arrived_at:%H.%M}, during item "
                    f"{attendance.arrived_for.position}."
                )
        return "\n\n".join(lines) or "There were no apologies."

    def declarations_minutes(self, meeting):
        lines = [
            f"{d.person.name} declared a {d.get_kind_display().split(' ')[0].lower()} interest in "
            f"item {d.item.position} ({d.item.title}): {d.nature}"
            + (" They withdrew from the meeting for that item." if d.is_prejudicial else "")
            for d in Declaration.objects.filter(item__meeting=meeting).select_related(
                "person", "item"
            )
        ]
        return "\n\n".join(lines) or "No interests were declared."

    def previous_minutes(self, previous, corrections):
        if previous is None:
            return (
                "The minutes and action log of the previous meeting were approved as an "
                "accurate record."
            )
        text = (
            f"The minutes of the meeting held on {previous.on:%-d %B %Y} were approved as an "
            "accurate record"
        )
        text += f", with this correction: {corrections}" if corrections else "."
        to = " and the ".join(body.name for body in self.recipients)
        return (
            f"{text}\n\nThe action log was agreed as an accurate record and will be forwarded "
            f"to the {to} for information."
        )

    def record_item(self, index, item, spec):
        meeting = self.meetings[index]
        if spec.outcome:
            actions.record_decision(
                item,
                statement=spec.statement,
                outcome=spec.outcome,
                conditions=spec.conditions,
                review_on=meeting.on + timedelta(days=spec.review_in) if spec.review_in else None,
                confirmed_by=self.chair,
                by=self.secretary,
            )
        if spec.minutes:
            actions.save_minutes(item, text=spec.minutes, by=self.secretary)
        for action_spec in spec.actions:
            due_on = (
                self.dates[index + 1]
                if action_spec.due_in is None
                else meeting.on + timedelta(days=action_spec.due_in)
            )
            action = actions.add_action(
                meeting,
                description=action_spec.description,
                owner=self.people[action_spec.owner],
                due_on=due_on,
                item=item,
                by=self.secretary,
            )
            for at_index, status, text in action_spec.updates:
                self.pending_updates.append((at_index, action, status, text))

    def backdate(self, meeting, published):
        # The actions stamp papers and declarations with the time they run; the demo's
        # papers were circulated with the agenda.
        uploaded = published - timedelta(hours=2)
        Paper.objects.filter(item__meeting=meeting).update(created_at=uploaded)
        PaperVersion.objects.filter(paper__item__meeting=meeting).update(uploaded_at=uploaded)

    def backdate_record(self, meeting):
        # Declarations were made when the agenda was read, decisions at the meeting.
        Declaration.objects.filter(item__meeting=meeting).update(declared_at=at(meeting.on, 9))
        Decision.objects.filter(item__meeting=meeting).update(recorded_at=at(meeting.on, 12))
        Paper.objects.filter(item__meeting=meeting).exclude(late_reason="").update(
            created_at=at(meeting.on - ONE_DAY, 16)
        )

    def prepare_upcoming(self):
        meeting = self.meetings[HELD]
        for spec in UPCOMING:
            self.add_item(meeting, spec)
        actions.record_attendance(
            meeting,
            person=self.people[UPCOMING_APOLOGIES],
            status=A.APOLOGIES,
            by=self.secretary,
        )
        if meeting.is_past_deadline(self.today):
            self.publish(meeting)


def load(organisation, people, today=None):
    body = Body.objects.get(organisation=organisation, name=STEERING_GROUP)
    if body.meetings.exists():
        return
    today = today or timezone.localdate()
    template = queries.template_for(body)
    template.location = LOCATION
    template.ends_at = time(12)
    actions.save_template(template, by=people["secretary"], usual_attendees=[people["officer"]])
    year = Year(body, people, meeting_dates(today, template, organisation.nation), today)
    for index, spec in enumerate(MEETINGS):
        year.hold(index, spec)
    year.prepare_upcoming()
