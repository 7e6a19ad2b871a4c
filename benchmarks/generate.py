"""A large, deterministic organisation built with bulk inserts.

`make bench` builds one into its own SQLite file; the query-count tests build two of different
sizes in the test database. The same seed always gives the same rows, so timings are comparable
between runs. Historical records are not written: no benchmarked page depends on them.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from steerco.accounts.models import Organisation, OrganisationMembership, User
from steerco.governance.models import (
    Approval,
    Body,
    Membership,
    Objective,
    PolicyDriver,
    ReportingLine,
    Section,
    TermsOfReference,
)
from steerco.governance.rules.terms import parse_version

# Bump when the generator changes so that `make bench` rebuilds stale data.
GENERATOR_VERSION = 2
PASSWORD = "bench-password-not-for-production"

FIXED_BODIES = [
    ("Digital Services Steering Group", "DSSG", Body.Kind.STEERING_GROUP),
    ("Executive Management Team", "EMT", Body.Kind.EXECUTIVE_TEAM),
    ("Cabinet", "CAB", Body.Kind.CABINET),
    ("Council", "COU", Body.Kind.COUNCIL),
    ("Efficiency Board", "EFB", Body.Kind.EFFICIENCY_BOARD),
    ("Overview and Scrutiny Committee", "OSC", Body.Kind.SCRUTINY),
    ("Service Improvement Board", "SIB", Body.Kind.SERVICE_IMPROVEMENT_BOARD),
    ("Audit and Governance Committee", "AGC", Body.Kind.COMMITTEE),
]
PROJECTS = [
    "Customer Portal", "Telephony Replacement", "Data Centre Exit", "Revenues and Benefits",
    "Social Care Case Management", "Planning Portal", "Cyber Resilience", "Network Refresh",
    "Housing Repairs", "Waste Routing", "Electronic Document Management", "Payroll",
    "Libraries Self-Service", "Parking Permits", "Schools Broadband", "Council Tax Online",
    "Microsoft 365 Adoption",
]  # fmt: skip
FIRST_NAMES = [
    "Aisha", "Ben", "Catrin", "Dev", "Elin", "Farah", "Gareth", "Hannah", "Imran", "Jo",
    "Kwame", "Lowri", "Mei", "Niall", "Olu", "Priya", "Rhys", "Sian", "Tom", "Zara",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Brown", "Chen", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel", "Roberts", "Smith", "Taylor", "Walsh",
]  # fmt: skip
SERVICES = [
    "Digital Delivery", "Finance", "Adult Social Care", "Children's Services", "Housing",
    "Environment", "Legal and Democratic Services", "Human Resources", "Customer Services",
]  # fmt: skip
WORDS = [
    "ensure", "the", "council", "delivers", "secure", "reliable", "digital", "services", "that",
    "meet", "residents'", "needs", "oversee", "investment", "in", "technology", "and", "data",
    "agree", "priorities", "monitor", "benefits", "risks", "report", "progress", "to",
    "executive", "scrutiny", "with", "openness", "value", "for", "money",
]  # fmt: skip
SECTION_HEADINGS = [
    "Purpose", "Roles", "Membership", "Quorum", "Frequency of meetings", "Standards",
    "Reporting", "Support to the body", "Review",
]  # fmt: skip
# Roles beyond the chair, vice chair and secretary, weighted towards the ordinary members.
OTHER_ROLES = (
    [Membership.Role.SENIOR_RESPONSIBLE_OFFICER] * 3
    + [Membership.Role.SUPPORTING_OFFICER] * 6
    + [Membership.Role.OBSERVER]
)
START = date(2019, 4, 1)


@dataclass(frozen=True)
class Size:
    bodies: int
    people: int
    memberships: int  # in total, spread unevenly so that one body is clearly the busiest
    versions_per_body: int
    objectives_per_version: int = 10
    sections_per_version: int = 8
    approvals_per_version: tuple[int, int] = (1, 3)
    drivers_per_body: tuple[int, int] = (0, 3)


BENCH_SIZE = Size(bodies=25, people=500, memberships=2000, versions_per_body=10)


@cache
def password_hash():
    # Argon2 is deliberately slow: hash once and share the result with every person.
    return make_password(PASSWORD)


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body_names(count):
    names = list(FIXED_BODIES)
    for number in range(count - len(FIXED_BODIES)):
        project = PROJECTS[number % len(PROJECTS)]
        suffix = f" {number // len(PROJECTS) + 1}" if number >= len(PROJECTS) else ""
        names.append(
            (f"{project} Project Board{suffix}", f"PB{number + 1}", Body.Kind.PROJECT_BOARD)
        )
    return names[:count]


def build_organisation(slug, size, *, seed=2026):
    """Builds organisation `slug` at `size` and returns it.

    The first person is the organisation's administrator and the second an officer; both sit on
    every body, and between them each body has one secretary, so whoever a page is browsed as
    sees the rows that grow with the organisation.
    """
    rng = random.Random(f"{seed}-{slug}")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=f"{slug.replace('-', ' ').title()} Council", slug=slug
        )
        people = make_people(rng, organisation, size)
        bodies = make_bodies(rng, organisation, size)
        make_memberships(rng, organisation, size, bodies, people)
        make_reporting_lines(rng, organisation, bodies)
        make_policy_drivers(rng, organisation, size, bodies)
        make_terms(rng, organisation, size, bodies, people)
    return organisation


def make_people(rng, organisation, size):
    people = User.objects.bulk_create(
        User(
            username=f"{organisation.slug}-{number:04d}",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"person{number:04d}@{organisation.slug}.gov.uk",
            password=password_hash(),
            job_title=rng.choice(["Head of Service", "Project Manager", "Director", "Officer"]),
            service_area=rng.choice(SERVICES),
        )
        for number in range(size.people)
    )
    Role = OrganisationMembership.Role
    OrganisationMembership.objects.bulk_create(
        OrganisationMembership(
            user=person,
            organisation=organisation,
            role=Role.ADMINISTRATOR if i == 0 else Role.OFFICER,
        )
        for i, person in enumerate(people)
    )
    return people


def make_bodies(rng, organisation, size):
    return Body.objects.bulk_create(
        Body(
            organisation=organisation,
            name=name,
            short_name=short_name,
            kind=kind,
            description=sentence(rng, 30),
            frequency=rng.choice(Body.Frequency.values),
            notice_working_days=rng.choice([3, 4, 5, 10]),
            quorum_minimum=rng.choice([0, 3, 5]),
            quorum_requires_chair=rng.random() < 0.5,
            decision_method=rng.choice(Body.DecisionMethod.values),
            support="Democratic Services",
        )
        for name, short_name, kind in body_names(size.bodies)
    )


def make_memberships(rng, organisation, size, bodies, people):
    administrator, officer, others = people[0], people[1], people[2:]
    weights = [rng.uniform(0.3, 2.0) for _ in bodies]
    spare = max(size.memberships - 2 * len(bodies), 0)
    # Rounding cumulative shares makes the counts add up to exactly `spare`.
    marks = [0] + [round(spare * c / sum(weights)) for c in itertools.accumulate(weights)]
    counts = [min(b - a, len(others)) for a, b in itertools.pairwise(marks)]
    rows = []

    def join(body, person, role, starts_on, ends_on=None):
        rows.append(
            Membership(
                organisation=organisation,
                body=body,
                person=person,
                role=role,
                area=rng.choice(SERVICES) if role == Membership.Role.SUPPORTING_OFFICER else "",
                position=f"Head of {rng.choice(SERVICES)}",
                starts_on=starts_on,
                ends_on=ends_on,
                counts_toward_quorum=role not in Membership.NOT_COUNTED,
            )
        )

    Role = Membership.Role
    for index, (body, count) in enumerate(zip(bodies, counts, strict=True)):
        secretary_first = index % 2 == 0
        join(
            body,
            administrator,
            Role.SECRETARY if secretary_first else Role.SUPPORTING_OFFICER,
            START,
        )
        join(body, officer, Role.OBSERVER if secretary_first else Role.SECRETARY, START)
        for position, person in enumerate(rng.sample(others, count)):
            role = (
                [Role.CHAIR, Role.VICE_CHAIR][position] if position < 2 else rng.choice(OTHER_ROLES)
            )
            starts_on = START + timedelta(days=rng.randrange(2000))
            # About one in five has left, so pages show past as well as current members.
            left = position >= 2 and rng.random() < 0.2
            join(body, person, role, starts_on, starts_on + timedelta(days=180) if left else None)
    Membership.objects.bulk_create(rows)


def make_reporting_lines(rng, organisation, bodies):
    R, C = ReportingLine.Relationship, ReportingLine.Carries
    pairs = {}
    # A hierarchy: every body reports to one earlier in the list, as the seed documents draw it.
    for index, body in enumerate(bodies[1:], start=1):
        pairs[(body, bodies[rng.randrange(index)], R.REPORTS_TO)] = None
    for _ in range(len(bodies) // 2):
        first, second = rng.sample(bodies, 2)
        pairs.setdefault((first, second, rng.choice([R.REFERS_TO, R.WORKS_ALONGSIDE])), None)
    ReportingLine.objects.bulk_create(
        ReportingLine(
            organisation=organisation,
            from_body=from_body,
            to_body=to_body,
            relationship=relationship,
            carries=rng.sample(C.values, rng.randint(1, 3)),
            condition=rng.choice(["", "", "at the request of Cabinet", "each quarter"]),
        )
        for from_body, to_body, relationship in pairs
    )


def make_policy_drivers(rng, organisation, size, bodies):
    PolicyDriver.objects.bulk_create(
        PolicyDriver(
            organisation=organisation, body=body, name=f"Driver {number}: {sentence(rng, 5)}"
        )
        for body in bodies
        for number in range(rng.randint(*size.drivers_per_body))
    )


def make_terms(rng, organisation, size, bodies, people):
    versions = []
    for body in bodies:
        for number in range(size.versions_per_body):
            version = f"{1 + number // 5}.{number % 5}"
            versions.append(
                TermsOfReference(
                    organisation=organisation,
                    body=body,
                    version=version,
                    # save() would fill this; bulk_create does not call save().
                    version_key=list(parse_version(version)),
                    issued_on=START + timedelta(days=120 * number),
                    author=rng.choice(people).display_name,
                    summary_of_change=sentence(rng, 8),
                    title=f"{body.name} terms of reference",
                    purpose=sentence(rng, 40),
                    created_by=rng.choice(people),
                )
            )
    versions = TermsOfReference.objects.bulk_create(versions)
    Objective.objects.bulk_create(
        Objective(terms=terms, number=number, text=sentence(rng, 20))
        for terms in versions
        for number in range(1, size.objectives_per_version + 1)
    )
    Section.objects.bulk_create(
        Section(
            terms=terms,
            order=order,
            heading=SECTION_HEADINGS[order % len(SECTION_HEADINGS)],
            text=sentence(rng, 60),
        )
        for terms in versions
        for order in range(size.sections_per_version + rng.choice([-1, 0, 1]))
    )
    Approval.objects.bulk_create(
        Approval(
            terms=terms,
            approver=rng.choice(people).display_name,
            approved_on=terms.issued_on + timedelta(days=day),
        )
        for terms in versions
        for day in range(rng.randint(*size.approvals_per_version))
    )


def counts(organisation):
    """How much the organisation holds, for the results."""
    terms = TermsOfReference.objects.filter(organisation=organisation)
    return {
        "bodies": organisation.bodies.count(),
        "people": organisation.memberships.count(),
        "memberships": organisation.body_memberships.count(),
        "terms_versions": terms.count(),
        "objectives": Objective.objects.filter(terms__in=terms).count(),
        "sections": Section.objects.filter(terms__in=terms).count(),
        "approvals": Approval.objects.filter(terms__in=terms).count(),
        "reporting_lines": organisation.reporting_lines.count(),
        "policy_drivers": organisation.policy_drivers.count(),
    }
