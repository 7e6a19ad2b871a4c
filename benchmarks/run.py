"""`make bench`: times every main page against a large generated organisation.

Each page is requested through the whole Django stack (middleware, view, templates) and set
beside its floor: the same SQL that the page ran, executed directly on the database driver.
The ratio shows how much of the page's time is Django's and ours rather than the database's.
"""

import argparse
import http.client
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import warnings
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

HERE = Path(__file__).resolve().parent
DATABASE = HERE / "bench.sqlite3"
SLUG = "bench"
BACKEND = "steerco.accounts.backends.UsernameOrEmailBackend"


@dataclass(frozen=True)
class Scene:
    """The objects the page addresses point at."""

    org: str
    body: int  # the body with the most memberships, which has the meeting history
    earlier_terms: int  # the first version of that body's terms of reference
    meeting: int  # its latest held meeting with the most items: the longest action log
    mid_meeting: int  # its held meeting halfway through the history
    long_agenda: int  # the organisation's meeting with the most agenda items
    project: int | None = None  # the project with the most dependencies and a business case
    business_case: int | None = None  # the first open business case, which everyone reads
    # A new end date for that project, 90 days later, as its "what if it ends later" form asks.
    project_slip: dict | None = None
    risk: int | None = None  # the open, unrestricted risk with the most assessments
    strategy: int | None = None  # the current strategy (else the latest)
    scenario: int | None = None  # the first planning scenario, optimised
    scenarios_compared: tuple = ()  # the first two scenarios
    candidate: int | None = None  # the first project at proposal or business case stage
    kpi: int | None = None  # the KPI with the most measurements, a benchmarked one first
    legislation: int | None = None  # the first legislation of the register
    skill: int | None = None  # the skill with the most teams assessed and development actions
    champion: int | None = None  # the first digital champion
    product: int | None = None  # the product or platform with the most uses

    @classmethod
    def of(cls, organisation):
        from django.db.models import Count
        from django.utils import timezone

        from benchmarks.generate import busiest_body, busiest_kpi, busiest_project, busiest_skill
        from steerco.meetings.models import Meeting
        from steerco.planning.models import Scenario
        from steerco.portfolio.models import BusinessCase, Product, Project
        from steerco.risks.models import Risk
        from steerco.strategy.models import DigitalChampion, Legislation, Strategy

        body = busiest_body(organisation)
        earlier = body.terms_versions.order_by("created_at", "pk").first()
        held = (
            Meeting.objects.filter(body=body)
            .held(timezone.localdate())
            .annotate(items_count=Count("items"))
        )
        meeting = held.order_by("-items_count", "-on", "-pk").first()
        dates = list(held.order_by("on", "pk").values_list("pk", flat=True))
        longest = (
            Meeting.objects.filter(organisation=organisation)
            .annotate(items_count=Count("items"))
            .order_by("-items_count", "pk")
            .first()
        )
        project = busiest_project(organisation)
        kpi = busiest_kpi(organisation)
        skill = busiest_skill(organisation)
        return cls(
            product=Product.objects.filter(organisation=organisation)
            .annotate(uses_count=Count("uses"))
            .order_by("-uses_count", "pk")
            .values_list("pk", flat=True)
            .first(),
            legislation=Legislation.objects.filter(organisation=organisation)
            .order_by("title", "pk")
            .values_list("pk", flat=True)
            .first(),
            skill=skill.pk if skill else None,
            champion=DigitalChampion.objects.filter(organisation=organisation)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first(),
            kpi=kpi.pk if kpi else None,
            project=project.pk if project else None,
            project_slip=_slip_of(project) if project and project.ends_on else None,
            org=organisation.slug,
            body=body.pk,
            earlier_terms=earlier.pk,
            meeting=meeting.pk,
            mid_meeting=dates[len(dates) // 2],
            long_agenda=longest.pk,
            business_case=BusinessCase.objects.filter(organisation=organisation, restricted=False)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first(),
            risk=Risk.objects.filter(organisation=organisation, restricted=False, status="open")
            .annotate(assessments_count=Count("assessments"))
            .order_by("-assessments_count", "pk")
            .values_list("pk", flat=True)
            .first(),
            strategy=Strategy.objects.filter(organisation=organisation)
            .for_listing()
            .values_list("pk", flat=True)
            .first(),
            scenario=Scenario.objects.filter(organisation=organisation)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first(),
            candidate=Project.objects.filter(
                organisation=organisation, stage__in=["proposal", "business_case"]
            )
            .order_by("reference")
            .values_list("pk", flat=True)
            .first(),
            scenarios_compared=tuple(
                Scenario.objects.filter(organisation=organisation)
                .order_by("pk")
                .values_list("pk", flat=True)[:2]
            ),
        )


def _slip_of(project):
    later = project.ends_on + timedelta(days=90)
    return {"slip": "1", "ends_on_0": later.day, "ends_on_1": later.month, "ends_on_2": later.year}


class Page(NamedTuple):
    name: str
    url: object  # Scene -> str
    # Whom the page is browsed as when not the run's own persona: "assessor", for a page only a
    # steering group's counted members may open (browse_as).
    persona: str | None = None


# Every main page, in one place: a later feature adds its pages here and both `make bench` and
# the query-count tests pick them up.
PAGES = [
    Page("home", lambda s: reverse("governance:home", kwargs={"org": s.org})),
    Page("governance model", lambda s: reverse("governance:model", kwargs={"org": s.org})),
    Page("bodies", lambda s: reverse("governance:body-list", kwargs={"org": s.org})),
    Page("body", lambda s: reverse("governance:body-detail", kwargs={"org": s.org, "pk": s.body})),
    Page(
        "terms current",
        lambda s: reverse("governance:terms-current", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page(
        "terms version",
        lambda s: reverse(
            "governance:terms-version",
            kwargs={"org": s.org, "pk": s.body, "version_pk": s.earlier_terms},
        ),
    ),
    Page("people", lambda s: reverse("accounts:people", kwargs={"org": s.org})),
    Page("forward plan", lambda s: reverse("documents:forward-plan", kwargs={"org": s.org})),
    Page("profile", lambda s: reverse("accounts:profile")),
    Page(
        "meeting",
        lambda s: reverse(
            "meetings:meeting-detail", kwargs={"org": s.org, "meeting_pk": s.meeting}
        ),
    ),
    Page(
        "meeting mid-history",
        lambda s: reverse(
            "meetings:meeting-detail", kwargs={"org": s.org, "meeting_pk": s.mid_meeting}
        ),
    ),
    Page(
        "meeting attendance",
        lambda s: reverse("meetings:meeting-roll", kwargs={"org": s.org, "meeting_pk": s.meeting}),
    ),
    Page(
        "attendance form",
        lambda s: reverse("meetings:attendance", kwargs={"org": s.org, "meeting_pk": s.meeting}),
    ),
    Page(
        "meeting action log",
        lambda s: reverse("meetings:action-log", kwargs={"org": s.org, "meeting_pk": s.meeting}),
    ),
    Page(
        "long agenda",
        lambda s: reverse(
            "meetings:meeting-detail", kwargs={"org": s.org, "meeting_pk": s.long_agenda}
        ),
    ),
    Page(
        "long agenda, page 3",
        lambda s: (
            reverse("meetings:meeting-detail", kwargs={"org": s.org, "meeting_pk": s.long_agenda})
            + "?page=3"
        ),
    ),
    Page(
        "long agenda, searched",
        lambda s: (
            reverse("meetings:meeting-detail", kwargs={"org": s.org, "meeting_pk": s.long_agenda})
            + "?q=business+case"
        ),
    ),
    Page(
        "body meetings",
        lambda s: reverse("meetings:body-meetings", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page("dashboard", lambda s: reverse("meetings:dashboard", kwargs={"org": s.org})),
    Page("portfolio register", lambda s: reverse("portfolio:register", kwargs={"org": s.org})),
    Page(
        "portfolio register, filtered",
        lambda s: (
            reverse("portfolio:register", kwargs={"org": s.org}) + "?confidence=red&sort=confidence"
        ),
    ),
    Page("programmes", lambda s: reverse("portfolio:programmes", kwargs={"org": s.org})),
    Page(
        "project",
        lambda s: reverse("portfolio:project", kwargs={"org": s.org, "project_pk": s.project}),
    ),
    Page(
        "project submissions",
        lambda s: reverse(
            "portfolio:project-submissions", kwargs={"org": s.org, "project_pk": s.project}
        ),
    ),
    Page("my page", lambda s: reverse("meetings:my-page", kwargs={"org": s.org})),
    Page(
        "decision register",
        lambda s: reverse("meetings:decision-list", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page(
        "attendance review",
        lambda s: reverse("meetings:attendance-review", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page("benefits realisation", lambda s: reverse("portfolio:benefits", kwargs={"org": s.org})),
    Page(
        "overdue benefits",
        lambda s: reverse("portfolio:benefits-overdue", kwargs={"org": s.org}),
    ),
    Page(
        "business case",
        lambda s: reverse(
            "portfolio:business-case", kwargs={"org": s.org, "case_pk": s.business_case}
        ),
    ),
    Page("portfolio finance", lambda s: reverse("portfolio:finance", kwargs={"org": s.org})),
    Page(
        "submissions waiting", lambda s: reverse("portfolio:submission-list", kwargs={"org": s.org})
    ),
    Page("my submissions", lambda s: reverse("portfolio:my-submissions", kwargs={"org": s.org})),
    Page(
        "submission",
        lambda s: reverse(
            "portfolio:submission", kwargs={"org": s.org, "submission_pk": decided_submission(s)}
        ),
    ),
    Page("dependency map", lambda s: reverse("portfolio:dependency-map", kwargs={"org": s.org})),
    Page(
        "project dependencies",
        lambda s: reverse(
            "portfolio:project-dependencies", kwargs={"org": s.org, "project_pk": s.project}
        ),
    ),
    Page(
        "project slip",
        lambda s: (
            reverse(
                "portfolio:project-dependencies", kwargs={"org": s.org, "project_pk": s.project}
            )
            + "?"
            + urlencode(s.project_slip)
        ),
    ),
    Page("product catalogue", lambda s: reverse("portfolio:products", kwargs={"org": s.org})),
    Page(
        "product",
        lambda s: reverse(
            "portfolio:product-detail", kwargs={"org": s.org, "product_pk": s.product}
        ),
    ),
    Page(
        "duplicate check",
        lambda s: (
            reverse("portfolio:duplicate-check", kwargs={"org": s.org})
            + "?name=Customer+Portal+replacement"
        ),
    ),
    Page("projects download", lambda s: reverse("portfolio:projects-csv", kwargs={"org": s.org})),
    Page(
        "cost profiles download",
        lambda s: reverse("portfolio:profiles-csv", kwargs={"org": s.org}),
    ),
    Page(
        "decision register download",
        lambda s: reverse("meetings:decision-list-xlsx", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page(
        "action log download",
        lambda s: reverse(
            "meetings:action-log-csv", kwargs={"org": s.org, "meeting_pk": s.meeting}
        ),
    ),
    Page(
        "body calendar feed",
        lambda s: reverse("calendars:body", kwargs={"org": s.org, "pk": s.body}),
    ),
    Page(
        "personal calendar feed",
        lambda s: reverse("calendars:personal", kwargs={"org": s.org, "token": calendar_token(s)}),
    ),
    Page(
        "organisation calendar feed",
        lambda s: reverse(
            "calendars:organisation", kwargs={"org": s.org, "token": calendar_token(s)}
        ),
    ),
    Page("risk register", lambda s: reverse("risks:register", kwargs={"org": s.org})),
    Page(
        "risk register, filtered",
        lambda s: (
            reverse("risks:register", kwargs={"org": s.org}) + "?flag=any&status=open&sort=score"
        ),
    ),
    Page(
        "risk register download",
        lambda s: reverse("risks:register-csv", kwargs={"org": s.org}),
    ),
    # Where a large register's Excel file is asked for, waited for and downloaded.
    Page("risk register file", lambda s: reverse("risks:register-file", kwargs={"org": s.org})),
    Page("risk heat map", lambda s: reverse("risks:heat-map", kwargs={"org": s.org})),
    Page(
        "risk heat map, inherent",
        lambda s: reverse("risks:heat-map", kwargs={"org": s.org}) + "?which=inherent",
    ),
    Page("risk", lambda s: reverse("risks:risk", kwargs={"org": s.org, "risk_pk": s.risk})),
    # Whoever may change the risk (or manages a body it comes from) escalates it.
    Page(
        "risk escalate",
        lambda s: reverse("risks:escalate", kwargs={"org": s.org, "risk_pk": s.risk}),
        persona="administrator",
    ),
    # Only whoever keeps the register opens its settings.
    Page(
        "risk settings",
        lambda s: reverse("risks:settings", kwargs={"org": s.org}),
        persona="administrator",
    ),
    Page("strategies", lambda s: reverse("strategy:strategies", kwargs={"org": s.org})),
    Page(
        "strategy",
        lambda s: reverse("strategy:strategy", kwargs={"org": s.org, "strategy_pk": s.strategy}),
    ),
    Page(
        "annual progress report",
        lambda s: reverse(
            "progress_report:report", kwargs={"org": s.org, "strategy_pk": s.strategy}
        ),
    ),
    Page("risks for escalation", lambda s: reverse("risks:escalations", kwargs={"org": s.org})),
    Page("scenarios", lambda s: reverse("planning:scenarios", kwargs={"org": s.org})),
    Page(
        "scenario",
        lambda s: reverse("planning:scenario", kwargs={"org": s.org, "scenario_pk": s.scenario}),
    ),
    Page(
        "scenario frontier",
        lambda s: reverse("planning:frontier", kwargs={"org": s.org, "scenario_pk": s.scenario}),
    ),
    Page(
        "scenario recommend",
        lambda s: reverse("planning:recommend", kwargs={"org": s.org, "scenario_pk": s.scenario}),
    ),
    Page("scoring model", lambda s: reverse("planning:scoring", kwargs={"org": s.org})),
    Page(
        "candidate scores",
        lambda s: reverse("planning:candidate", kwargs={"org": s.org, "project_pk": s.candidate}),
    ),
    Page(
        "candidate scoring form",
        lambda s: reverse(
            "planning:candidate-score", kwargs={"org": s.org, "project_pk": s.candidate}
        ),
        persona="assessor",
    ),
    Page(
        "scenarios compared",
        lambda s: (
            reverse("planning:compare", kwargs={"org": s.org})
            + "?"
            + "&".join(f"scenarios={pk}" for pk in s.scenarios_compared)
        ),
    ),
    Page("KPIs", lambda s: reverse("strategy:kpis", kwargs={"org": s.org})),
    Page(
        "KPIs, red, page 2",
        lambda s: reverse("strategy:kpis", kwargs={"org": s.org}) + "?status=red&page=2",
    ),
    Page("KPI", lambda s: reverse("strategy:kpi", kwargs={"org": s.org, "kpi_pk": s.kpi})),
    # The meetings "dashboard" above is the secretary's.
    Page(
        "chair's dashboard", lambda s: reverse("dashboard:chairs-dashboard", kwargs={"org": s.org})
    ),
    Page("legislation", lambda s: reverse("strategy:legislation-list", kwargs={"org": s.org})),
    Page(
        "legislation, high impact, page 2",
        lambda s: (
            reverse("strategy:legislation-list", kwargs={"org": s.org}) + "?impact=high&page=2"
        ),
    ),
    Page(
        "legislation entry",
        lambda s: reverse(
            "strategy:legislation", kwargs={"org": s.org, "legislation_pk": s.legislation}
        ),
    ),
    Page("skills", lambda s: reverse("strategy:skills", kwargs={"org": s.org})),
    Page("skill", lambda s: reverse("strategy:skill", kwargs={"org": s.org, "skill_pk": s.skill})),
    Page("digital champions", lambda s: reverse("strategy:champions", kwargs={"org": s.org})),
    Page(
        "digital champion",
        lambda s: reverse("strategy:champion", kwargs={"org": s.org, "champion_pk": s.champion}),
    ),
    Page(
        "digital champions, stepped down",
        lambda s: reverse("strategy:champions", kwargs={"org": s.org}) + "?status=stepped_down",
    ),
]


def calendar_token(scene):
    """A fresh secret calendar address of the secretary of the busiest body (only its digest is
    kept, so it is made anew): their meetings and actions."""
    from steerco.accounts.models import Organisation
    from steerco.calendars.actions import reset_calendar_address
    from steerco.governance.models import Membership

    secretary = (
        Membership.objects.filter(body_id=scene.body, role=Membership.Role.SECRETARY)
        .select_related("person")
        .order_by("pk")
        .first()
        .person
    )
    organisation = Organisation.objects.get(slug=scene.org)
    return reset_calendar_address(secretary, organisation, by=secretary)


def decided_submission(scene):
    """An open submission that went onto an agenda and was decided there."""
    from steerco.portfolio.models import Submission

    return (
        Submission.objects.filter(
            organisation__slug=scene.org, restricted=False, item__decisions__isnull=False
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


# The throughput step: these pages served by gunicorn on the loopback to this many clients at once.
LOADED_PAGES = ["meeting", "long agenda"]
CLIENTS = [1, 8, 32]
WORKERS = 2
HOST = "127.0.0.1"  # never anywhere else


def browse_as(organisation, role):
    """The first person with `role` in the organisation; the generator puts them on every body.
    An "assessor" is the first current counted member of the steering group, who may score
    candidates (`permissions.can_score_candidates`): the administrator and the officer are its
    secretary and an observer, unless it is the busiest body, where one is its secretary."""
    from django.utils import timezone

    from steerco.accounts.models import OrganisationMembership
    from steerco.governance.models import Body, Membership

    if role == "assessor":
        return (
            Membership.objects.current(timezone.localdate())
            .filter(organisation=organisation, body__kind=Body.Kind.STEERING_GROUP)
            .exclude(role__in=Membership.NOT_COUNTED)
            .select_related("person")
            .order_by("person_id")
            .first()
            .person
        )
    membership = (
        OrganisationMembership.objects.filter(organisation=organisation, role=role)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return membership.user


def get(client, page, url):
    """The page's response and its whole body: a streamed download is read to its end, as
    its time is mostly writing the file."""
    try:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    except Exception as error:
        error.add_note(f"while requesting the {page} page ({url})")
        raise
    if response.status_code != 200:
        sys.exit(f"The {page} page ({url}) answered {response.status_code}, not 200.")
    return body


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_page(client, page, url, requests, warm_up):
    for _ in range(warm_up):
        get(client, page, url)
    with CaptureQueriesContext(connection) as captured:
        size = len(get(client, page, url))
    # Copied now: every later request clears the connection's query log.
    statements = [query["sql"] for query in captured.captured_queries]
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        get(client, page, url)
        samples.append(time.perf_counter() - start)
    floor = time_sql(statements, requests)
    p50 = statistics.median(samples) * 1000
    return {
        "name": page,
        "p50_ms": round(p50, 3),
        "p95_ms": round(percentile(samples, 0.95) * 1000, 3),
        "queries": len(statements),
        "kb": round(size / 1024, 1),
        "floor_ms": round(floor * 1000, 3),
        "ratio": round(p50 / (floor * 1000), 1) if floor else None,
    }


def time_sql(statements, repetitions):
    """The median time to run these exact statements on the driver's own cursor."""
    reads = [sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    if len(reads) != len(statements):
        # A page that writes on GET is a finding in itself; the floor covers its reads only.
        print(
            f"  note: {len(statements) - len(reads)} statement(s) were not reads", file=sys.stderr
        )
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for sql in reads:
            cursor.execute(sql)
            cursor.fetchall()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped with status {process.returncode} before serving.")
        try:
            with closing(socket.create_connection((HOST, port), timeout=1)):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"gunicorn did not listen on {HOST}:{port} within {timeout} s.")


def load(port, path, cookie, clients, seconds, timeout=10):
    """`clients` threads each request `path` one after another for `seconds`: the requests
    answered per second and each one's time. Bounded: no request is started after `seconds`,
    and none waits longer than `timeout`."""
    samples, failures = [], []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < stop:
            start = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as error:
                status = error
            finally:
                connection.close()
            with lock:
                if status == 200:
                    samples.append(time.perf_counter() - start)
                else:
                    failures.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    elapsed = time.perf_counter() - started
    if any(not isinstance(failure, TimeoutError) for failure in failures):
        sys.exit(f"{len(failures)} request(s) of {path} failed under load: {failures[:3]}")
    return {
        "clients": clients,
        "requests": len(samples),
        "timed_out": len(failures),
        "per_second": round(len(samples) / elapsed, 1),
        "p50_ms": round(statistics.median(samples) * 1000, 1) if samples else None,
        "p95_ms": round(percentile(samples, 0.95) * 1000, 1) if samples else None,
    }


def throughput(scene, cookie, seconds, names):
    """Each page of LOADED_PAGES among `names` under gunicorn (WORKERS sync workers) at each
    of CLIENTS."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "steerco.wsgi",
        "--workers", str(WORKERS), "--bind", f"{HOST}:{port}", "--no-control-socket",
        "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=HERE.parent, env=os.environ.copy())
    rows = []
    try:
        wait_for(port, process)
        for page in PAGES:
            if page.name not in LOADED_PAGES or page.name not in names:
                continue
            path = page.url(scene)
            load(port, path, cookie, WORKERS, 1)  # warm both workers up
            for clients in CLIENTS:
                rows.append({"name": page.name, **load(port, path, cookie, clients, seconds)})
                print(
                    f"  {page.name}, {clients} client{'s' if clients > 1 else ''}: "
                    f"{rows[-1]['per_second']:.0f} a second, p95 {rows[-1]['p95_ms']} ms",
                    flush=True,
                )
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return rows


def session_cookie(client):
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def generated_version(path):
    """The generator version that filled `path`, or None if it is missing or half-built."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(path)) as database:
            return database.execute("SELECT version FROM benchmark_generator").fetchone()[0]
    except (sqlite3.Error, TypeError):
        return None


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def generate():
    from benchmarks.generate import BENCH_SIZE, GENERATOR_VERSION, build_organisation

    print("Generating the benchmark organisation…", flush=True)
    start = time.perf_counter()
    build_organisation(SLUG, BENCH_SIZE)
    seconds = time.perf_counter() - start
    # Written last, so an interrupted generation is rebuilt next time.
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE benchmark_generator (version integer, seconds real)")
        cursor.execute(
            "INSERT INTO benchmark_generator VALUES (%s, %s)", [GENERATOR_VERSION, seconds]
        )
    print(f"Generated in {seconds:.1f} s.")


def generation_seconds():
    with connection.cursor() as cursor:
        cursor.execute("SELECT seconds FROM benchmark_generator")
        return round(cursor.fetchone()[0], 2)


def machine():
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def table(rows):
    headings = ["page", "p50 ms", "p95 ms", "SQL queries", "floor ms", "page / floor", "KB"]
    cells = [
        [
            row["name"],
            f"{row['p50_ms']:.2f}",
            f"{row['p95_ms']:.2f}",
            str(row["queries"]),
            f"{row['floor_ms']:.3f}",
            "–" if row["ratio"] is None else f"{row['ratio']:.1f}",
            f"{row['kb']:.0f}",
        ]
        for row in rows
    ]
    return headings, cells


def load_table(rows):
    headings = ["page", "clients", "requests a second", "p50 ms", "p95 ms", "timed out"]
    cells = [
        [
            row["name"],
            str(row["clients"]),
            f"{row['per_second']:.1f}",
            "–" if row["p50_ms"] is None else f"{row['p50_ms']:.1f}",
            "–" if row["p95_ms"] is None else f"{row['p95_ms']:.1f}",
            str(row["timed_out"]),
        ]
        for row in rows
    ]
    return headings, cells


def print_table(rows, table=table):
    headings, cells = table(rows)
    widths = [max(len(line[i]) for line in [headings, *cells]) for i in range(len(headings))]
    for line in [headings, ["-" * w for w in widths], *cells]:
        padded = [
            cell.rjust(w) if i else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(padded))


# RESULTS.md from this heading on is written by hand, and kept when the bench rewrites the rest.
KEPT = "## Where the time goes"


def markdown_table(headings, cells):
    return [
        "| " + " | ".join(headings) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(headings) - 1)) + " |",
        *("| " + " | ".join(line) + " |" for line in cells),
    ]


def write_results(results, requests, role):
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    headings, cells = table(results["pages"])
    previous = (HERE / "RESULTS.md").read_text() if (HERE / "RESULTS.md").exists() else ""
    kept = previous[previous.index(KEPT) :] if KEPT in previous else ""
    loaded = []
    if results.get("throughput"):
        loaded = [
            "## Throughput",
            "",
            f"Each page served by gunicorn ({WORKERS} sync workers) on {HOST}, to 1, 8 and 32",
            f"clients requesting it one request after another for {results['load_seconds']} s,",
            f"signed in as the {role}; each request on a new connection.",
            "",
            *markdown_table(*load_table(results["throughput"])),
            "",
        ]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench`: each page requested {requests} times through the full Django",
        f"stack as the organisation's {role}, after a warm-up. The floor is the median time of",
        "the same page's SQL run directly on the database driver.",
        "",
        *markdown_table(headings, cells),
        "",
        *loaded,
        "## Data",
        "",
        *(f"- {name.replace('_', ' ')}: {value:,}" for name, value in results["generated"].items()),
        "",
        "## Machine",
        "",
        *(f"- {name}: {value}" for name, value in results["machine"].items()),
        "",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + ("\n" + kept if kept else ""))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regenerate", action="store_true", help="rebuild the organisation")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed requests per page first")
    parser.add_argument(
        "--load-seconds",
        type=int,
        default=5,
        help="seconds of load at each number of clients (0: no throughput step)",
    )
    parser.add_argument(
        "--as", dest="role", choices=["administrator", "officer"], default="administrator"
    )
    parser.add_argument(
        "--pages",
        default=os.environ.get("BENCH", ""),
        help="only the pages whose names contain one of these comma-separated words "
        "(or BENCH in the environment: BENCH=meeting,agenda); results are not written then",
    )
    parser.add_argument(
        "--skip",
        default="",
        help="leave out the pages whose names contain one of these comma-separated words "
        "(--pages risk --skip download: the risk pages but not their downloads)",
    )
    args = parser.parse_args(argv)
    skipped = [word.strip() for word in args.skip.split(",") if word.strip()]
    chosen = [
        page
        for page in PAGES
        if any(word.strip() in page.name for word in args.pages.split(","))
        and not any(word in page.name for word in skipped)
    ]

    started = time.perf_counter()
    # Read before Django opens the file, which it would otherwise create empty.
    from_version = generated_version(DATABASE)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "steerco.settings"
    os.environ["DEBUG"] = "0"  # time what production serves
    django.setup()
    # WhiteNoise warns that collectstatic has not run; pages are timed without static files.
    warnings.filterwarnings("ignore", message="No directory at")

    from django.core.management import call_command

    from benchmarks.generate import GENERATOR_VERSION, counts
    from steerco.accounts.models import Organisation

    fresh = args.regenerate or from_version != GENERATOR_VERSION
    if fresh:
        remove_database(DATABASE)
    call_command("migrate", interactive=False, verbosity=0)
    if fresh:
        generate()
    else:
        print(f"Reusing {DATABASE.name} (generator version {GENERATOR_VERSION}).")

    organisation = Organisation.objects.get(slug=SLUG)
    scene = Scene.of(organisation)
    client = Client()
    client.force_login(browse_as(organisation, args.role), backend=BACKEND)
    clients = {None: client}

    rows = []
    for page in chosen:
        if page.persona not in clients:
            clients[page.persona] = Client()
            person = browse_as(organisation, page.persona)
            clients[page.persona].force_login(person, backend=BACKEND)
        browsing = clients[page.persona]
        rows.append(time_page(browsing, page.name, page.url(scene), args.requests, args.warm_up))
        print(f"  {page.name}: {rows[-1]['p50_ms']:.2f} ms", flush=True)
    print("Throughput:", flush=True)
    loaded = (
        throughput(scene, session_cookie(client), args.load_seconds, [p.name for p in chosen])
        if args.load_seconds
        else []
    )
    packs = []
    if not args.pages or "pack" in args.pages:
        from benchmarks import packs as pack_bench

        print("Agenda packs:", flush=True)
        packs = pack_bench.run(DATABASE)
    optimiser = []
    if not args.pages or "optimiser" in args.pages:
        from benchmarks import optimiser as optimiser_bench

        print("Investment planning optimiser:", flush=True)
        optimiser = optimiser_bench.run()
    results = {
        "packs": packs,
        "optimiser": optimiser,
        "generated": {**counts(organisation), "generation_seconds": generation_seconds()},
        "pages": rows,
        "throughput": loaded,
        "load_seconds": args.load_seconds,
        "requests_per_page": args.requests,
        "browsed_as": args.role,
        "machine": machine(),
    }
    print()
    print_table(rows)
    if loaded:
        print()
        print_table(loaded, load_table)
    if packs:
        print()
        pack_bench.print_rows(packs)
    if optimiser:
        print()
        optimiser_bench.print_rows(optimiser)
    # The machine may be shared: what else was running is part of the figures.
    print("\nLoad average (1, 5, 15 minutes): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    elapsed = time.perf_counter() - started
    if args.pages:
        print(f"Some pages only: nothing written ({elapsed:.1f} s).")
        return
    write_results(results, args.requests, args.role)
    print(f"Wrote {HERE.name}/results.json and {HERE.name}/RESULTS.md in {elapsed:.1f} s.")


if __name__ == "__main__":
    main()
