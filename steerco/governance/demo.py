"""The demo council's governance structure, taken from seeds 000 (2005 proposal) and 001 (2019 ToR)."""

from datetime import date

from steerco.governance import actions
from steerco.governance.models import Body, Membership, PolicyDriver, ReportingLine

STEERING_GROUP = "ICT & Digital Services Steering Group"
K, F, D = Body.Kind, Body.Frequency, Body.DecisionMethod
C, R = ReportingLine.Carries, ReportingLine.Relationship

BODIES = [
    # name, short name, kind, frequency, decision method, description
    (
        STEERING_GROUP,
        "DSSG",
        K.STEERING_GROUP,
        F.BI_MONTHLY,
        D.AGREEMENT,
        "Ensures the development, co-ordination and management of the Council's digital "
        "delivery and ICT service activities through effective direction and control.",
    ),
    (
        "Executive Management Team",
        "EMT",
        K.EXECUTIVE_TEAM,
        F.MONTHLY,
        D.AGREEMENT,
        "The Council's directors (the Directors Team).",
    ),
    ("Cabinet", "CAB", K.CABINET, F.MONTHLY, D.VOTE, ""),
    ("Council", "COU", K.COUNCIL, F.BI_MONTHLY, D.VOTE, "Full Council."),
    ("Efficiency Board", "EB", K.EFFICIENCY_BOARD, F.MONTHLY, D.AGREEMENT, ""),
    ("Scrutiny Commission", "SC", K.SCRUTINY, F.QUARTERLY, D.VOTE, ""),
    ("Service Improvement Board", "SIB", K.SERVICE_IMPROVEMENT_BOARD, F.QUARTERLY, D.AGREEMENT, ""),
    ("Staffing Committee", "STC", K.COMMITTEE, F.QUARTERLY, D.VOTE, ""),
    ("Digital Delivery Project Board", "DDPB", K.PROJECT_BOARD, F.MONTHLY, D.AGREEMENT, ""),
    (
        "ICT Project Board – Workflow and Mobility",
        "WMPB",
        K.PROJECT_BOARD,
        F.MONTHLY,
        D.AGREEMENT,
        "Established in response to approved project work.",
    ),
    (
        "Council services",
        "SERV",
        K.SERVICE,
        F.AS_REQUIRED,
        D.AGREEMENT,
        "Council services reporting in to request resource or the approval of a business case.",
    ),
]

LINES = [
    # from, to, relationship, what travels, condition
    (
        STEERING_GROUP,
        "Executive Management Team",
        R.REPORTS_TO,
        [C.APPROVED_MINUTES, C.DECISIONS, C.ACTION_LOG],
        "",
    ),
    (STEERING_GROUP, "Cabinet", R.REPORTS_TO, [C.APPROVED_MINUTES, C.DECISIONS], ""),
    (
        STEERING_GROUP,
        "Council",
        R.REPORTS_TO,
        [C.APPROVED_MINUTES, C.DECISIONS],
        "At the request of Cabinet",
    ),
    (
        STEERING_GROUP,
        "Efficiency Board",
        R.REPORTS_TO,
        [C.ACTION_LOG],
        "Agreed action logs, for information, at the next available meeting",
    ),
    (
        STEERING_GROUP,
        "Staffing Committee",
        R.REFERS_TO,
        [C.POLICIES],
        "Where necessary, policies developed and approved by the group",
    ),
    ("Digital Delivery Project Board", STEERING_GROUP, R.REPORTS_TO, [C.REPORTS], ""),
    ("ICT Project Board – Workflow and Mobility", STEERING_GROUP, R.REPORTS_TO, [C.REPORTS], ""),
    ("Council services", STEERING_GROUP, R.REPORTS_TO, [C.RESOURCE_REQUESTS, C.BUSINESS_CASES], ""),
    (STEERING_GROUP, "Scrutiny Commission", R.WORKS_ALONGSIDE, [], ""),
    (STEERING_GROUP, "Service Improvement Board", R.WORKS_ALONGSIDE, [], ""),
]

MEMBERS = [
    # username, role, area, post, start
    (
        "chair",
        Membership.Role.CHAIR,
        "",
        "Portfolio Holder – Corporate and Service Improvement, People and Partnerships",
        date(2025, 6, 1),
    ),
    (
        "priya.shah",
        Membership.Role.VICE_CHAIR,
        "",
        "Executive Director, Resources and Support Services",
        date(2019, 9, 1),
    ),
    (
        "priya.shah",
        Membership.Role.SENIOR_RESPONSIBLE_OFFICER,
        "",
        "Executive Director, Resources and Support Services",
        date(2019, 9, 1),
    ),
    (
        "tom.barker",
        Membership.Role.SENIOR_RESPONSIBLE_OFFICER,
        "",
        "Executive Director, Operational Services",
        date(2019, 9, 1),
    ),
    (
        "member",
        Membership.Role.SUPPORTING_OFFICER,
        "Digital Delivery",
        "Digital Delivery Manager",
        date(2019, 9, 1),
    ),
    (
        "sam.okafor",
        Membership.Role.SUPPORTING_OFFICER,
        "ICT",
        "ICT Operations and Development Manager",
        date(2019, 9, 1),
    ),
    (
        "helen.price",
        Membership.Role.SUPPORTING_OFFICER,
        "Communications",
        "Head of Communications",
        date(2021, 4, 1),
    ),
    (
        "mark.ellis",
        Membership.Role.SUPPORTING_OFFICER,
        "Human Resources",
        "Head of Human Resources",
        date(2019, 9, 1),
    ),
    (
        "rachel.doyle",
        Membership.Role.SUPPORTING_OFFICER,
        "Frontline Services",
        "Head of a Frontline Service",
        date(2023, 1, 9),
    ),
    (
        "secretary",
        Membership.Role.SECRETARY,
        "",
        "Secretary to the Executive Director, Resources and Support Services",
        date(2019, 9, 1),
    ),
]

POLICY_DRIVERS = [
    "Pledges",
    "Cabinet Work Plan",
    "Best Value Improvement Plans",
    "Children's Services framework",
    "National targets",
    "Efficiency agenda",
    "Service Directorate Plans / Balanced Scorecard",
    "Neighbourhood Plans",
    "Priority Service Outcomes",
    "Partnership working",
    "Customer contact strategy",
]

DOCUMENT_CONTROL = [
    ("1.0", None, "R. Bloor", "Initial creation of terms of reference"),
    (
        "1.1",
        date(2019, 4, 9),
        "D Elkington",
        "Inclusion of ICT Steering Group requirements and formatting changes.",
    ),
    ("1.2", date(2019, 5, 15), "R Bloor", "Feedback from EMT added"),
    ("1.3", date(2019, 5, 16), "D Elkington", "Reporting routes clarified"),
    ("1.4", date(2019, 8, 27), "D Elkington", "Portfolio Holder title updated."),
]
APPROVALS = [
    ("1.3", approver, date(2019, 5, 7)) for approver in ("M Hamilton", "J Willis", "D Adams")
]

PURPOSE = (
    "The purpose of the Digital Services Steering Group is to ensure the development, "
    "co-ordination and management of the Council's digital delivery and ICT service activities "
    "through effective direction and control."
)
OBJECTIVES = [
    "Provide the overarching governance and decision making framework to support both digital "
    "service development and ICT delivery.",
    "Provide oversight for the definition, review and currency of the Council's digital and ICT "
    "strategies, ensuring that these are compatible with and support Council's wider corporate plan.",
    "Authorising and directing the resources required for the development of strategic and "
    "operational plans for digital service development, ensuring this is linked to and delivers "
    "upon corporate objectives.",
    "To consider, challenge and approve proposals for both ICT and digital matters, ensuring they "
    "meet the strategic needs of the organisation and that any conflicts are appropriately resolved.",
    "Champion a 'Digital First' approach throughout all Council Services and activities, "
    "including those of elected members.",
    "Oversee additional opportunities and commission initiatives that will contribute to the "
    "improvement of services and promote joined up working across the Council.",
    "Promote customer consultation and data driven decisions making as the basis of digital "
    "service design and improvement.",
    "Work to establish a network of Digital Champions across the borough which will support the "
    "drive for increased take-up of digital Council services, within both the staff and Member "
    "arena's.",
    "To own, manage, understand and challenge the mitigation of risk for both the digital "
    "delivery and ICT services groups.",
    "Report on these matters to the Cabinet, Efficiency Board, and Executive Management Team as "
    "required.",
]
SECTIONS = [
    (
        "Key roles",
        "Group Chair: to effectively chair and facilitate group meetings, ensuring that agenda items "
        "are covered and all views actively sought and considered; commit to effective and efficient "
        "programme governance.\n\n"
        "Senior Responsible Officers: to effectively represent the interests of other service areas "
        "within the organisation and ensure that corporate priorities are aligned with the direction "
        "of the digital services steering group; commit and ensure the availability of resources to "
        "deliver the objectives of the Council's ICT and Digital plans; ensure that the work of the "
        "group is championed within their respective service areas and promote visibility to other "
        "corporate groups where appropriate.\n\n"
        "Supporting Officers: to provide technical or organisational expertise that is relevant to "
        "the work of the Digital Services Steering Group.",
    ),
    (
        "Membership",
        "Chair: Portfolio Holder – Corporate and Service Improvement, People and Partnerships. "
        "Vice Chair: Executive Director, Resources and Support Services. Senior Responsible Officers: "
        "Executive Director, Resources and Support Services; Executive Director, Operational "
        "Services. Supporting Officers: Digital Delivery Manager; ICT Operations and Development "
        "Manager; Head of Communications; Head of Human Resources; Head of a Frontline Service.",
    ),
    (
        "Quorum and attendance",
        "To ensure quoracy, at least five group members including the Chair or nominated Vice Chair "
        "must be in attendance.\n\n"
        "When a group member has sent their apologies to two consecutive meetings of the Group, they "
        "will be challenged in line with the Council's Efficient Meetings Protocol. This also "
        "requires an annual review of attendance and the addressing of individual poor attendance "
        "very proactively.\n\n"
        "If a nominated Officer is unable to attend then a suitable substitute should attend where "
        "possible.\n\n"
        "It may be necessary for a smaller group to meet (physically or virtually) at short notice "
        "due to a major incident that requires immediate attention.",
    ),
    (
        "Frequency of meetings",
        "Meetings will be held on a bi-monthly basis, with emails considered as an appropriate "
        "mechanism to keep the group up-to-date in-between. It may however be necessary for meetings "
        "to be called more frequently. Therefore meetings may be called as and when required / "
        "necessary with the agreement of the chair.",
    ),
    (
        "Standards",
        "Decisions will be taken by agreement. There will be no voting.\n\n"
        "Agendas will be electronically available at least four working days prior to meetings. "
        "Associated documents will be circulated with the agenda wherever possible; otherwise before "
        "the meeting except in exceptional circumstances or in relation to urgent items.\n\n"
        "Papers containing sensitive information will be restricted.\n\n"
        "An Action Log will be compiled for each meeting and agreed as an accurate record at the "
        "next meeting. Agreed Action Logs will be forwarded to the next available Efficiency Board "
        "and Executive Management Team for information.",
    ),
    (
        "Reporting",
        "The approved minutes and decisions of the group will be reported to the Executive "
        "Management Team, Cabinet, and Council (at the request of Cabinet).\n\n"
        "Corporate groups that report into the group include the Digital Delivery Project Board and "
        "ICT Project Boards (established in response to approved project work where necessary). "
        "Council Services may also report into the group for tasks such as requesting resource or "
        "the approval of a business case.\n\n"
        "Where necessary, the policies developed and approved by the group may require "
        "consideration by Staffing Committee and other appropriate consultative groups.",
    ),
    (
        "Support to the group",
        "Administrative Support – Secretary to the Executive Director, Resources and Support "
        "Services.",
    ),
]


def load(organisation, people):
    admin = people["admin"]
    bodies = {}
    for name, short_name, kind, frequency, method, description in BODIES:
        body = Body.objects.filter(organisation=organisation, name=name).first()
        if body is None:
            body = Body(
                organisation=organisation,
                name=name,
                short_name=short_name,
                kind=kind,
                frequency=frequency,
                decision_method=method,
                description=description,
            )
            if kind == K.STEERING_GROUP:
                body.quorum_minimum = 5
                body.quorum_requires_chair = True
                body.support = "Secretary to the Executive Director, Resources and Support Services"
            actions.save_body(body, by=admin)
        bodies[name] = body

    for source, target, relationship, carries, condition in LINES:
        line = ReportingLine(
            organisation=organisation,
            from_body=bodies[source],
            to_body=bodies[target],
            relationship=relationship,
            carries=[str(value) for value in carries],
            condition=condition,
        )
        exists = ReportingLine.objects.filter(
            from_body=line.from_body, to_body=line.to_body, relationship=relationship
        ).exists()
        if not exists:
            actions.save_reporting_line(line, by=admin)

    steering_group = bodies[STEERING_GROUP]
    for username, role, area, position, starts_on in MEMBERS:
        person = people[username]
        if not Membership.objects.filter(body=steering_group, person=person, role=role).exists():
            actions.save_membership(
                Membership(
                    organisation=organisation,
                    body=steering_group,
                    person=person,
                    role=role,
                    area=area,
                    position=position,
                    starts_on=starts_on,
                ),
                by=admin,
            )

    for name in POLICY_DRIVERS:
        PolicyDriver.objects.get_or_create(
            organisation=organisation, body=steering_group, name=name
        )

    if not steering_group.terms_versions.exists():
        for version, issued_on, author, summary in DOCUMENT_CONTROL:
            full_text = version == DOCUMENT_CONTROL[-1][0]
            actions.issue_terms_of_reference(
                steering_group,
                version=version,
                issued_on=issued_on,
                author=author,
                summary_of_change=summary,
                title="Terms of reference: ICT & Digital Services Steering Group",
                purpose=PURPOSE if full_text else "",
                objectives=OBJECTIVES if full_text else [],
                sections=SECTIONS if full_text else [],
                by=people["secretary"],
            )
        versions = {document.version: document for document in steering_group.terms_versions.all()}
        for version, approver, approved_on in APPROVALS:
            actions.record_approval(
                versions[version],
                approver=approver,
                approved_on=approved_on,
                by=people["secretary"],
            )
    return bodies
