import contextlib
import hashlib
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from pytest_postgresql import factories

ROOT = Path(__file__).resolve().parent
PASSWORD = "correct horse battery staple"
JOINED_ON = date(2025, 1, 1)

# Shared CI machines are slow now and then; a deadline there only produces flaky failures.
hypothesis_settings.register_profile("steerco", deadline=None)
hypothesis_settings.load_profile("steerco")


def pytest_addoption(parser):
    parser.addoption(
        "--postgresql",
        action="store_true",
        help="run the tests against a throwaway PostgreSQL server instead of SQLite",
    )


# What a test must ask for to reach the database (pytest-django refuses it any other way).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, only the tests that reach the database: the others (the pure rules, the
    structure of the code) ran on SQLite already and cannot behave differently here. Nor do the
    crawls of every address for restricted information and server errors (`walk`), a third of
    the suite's time: they test which rows each person is shown, decided by the same ORM
    filters on both databases; the tests aimed at each leak, and the isolation walk between
    councils, still run here."""
    if not config.getoption("--postgresql"):
        return
    kept, dropped = [], []
    for item in items:
        reaches = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        walks = item.get_closest_marker("walk")
        (kept if reaches and not walks else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


# Started only when --postgresql asks for it. PostgreSQL will not run as root, so the wrapper
# runs pg_ctl in a user namespace; pg_ctl finds initdb and postgres beside its real path.
postgresql_proc = factories.postgresql_proc(
    executable=str(ROOT / "scripts" / "pg_ctl"),
    host="127.0.0.1",
    port=None,
    user="postgres",
    password="postgres",
    dbname="steerco",
    unixsocketdir="/tmp",
)


def migrated_template():
    """Where a SQLite database migrated by the project's migrations is kept between test runs,
    named by what decides its contents: every migration and the pinned requirements (the
    installed apps' own migrations). Migrating takes a minute of CPU (Django renders the models'
    states again for each operation); copying the result takes a moment."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("steerco/*/migrations/*.py"), *ROOT.glob("requirements/*.txt")]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return Path(tempfile.gettempdir()) / f"steerco-test-db-{digest.hexdigest()[:16]}.sqlite3"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    if not request.config.getoption("--postgresql"):
        if migrated_template().exists():
            from django.db import connections

            # Tables from the models in two seconds; the migrated copy then replaces them.
            connections["default"].settings_dict["TEST"]["MIGRATE"] = False
        return
    from django.conf import settings
    from django.db import connections

    server = request.getfixturevalue("postgresql_proc")
    settings.DATABASES["default"].update(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": server.dbname,
            "USER": server.user,
            "PASSWORD": server.password,
            "HOST": server.host,
            "PORT": server.port,
            # The SQLite pragmas mean nothing to PostgreSQL.
            "OPTIONS": {},
        }
    )
    # Django has already built a SQLite connection from the old settings: without dropping it
    # the tests would silently stay on SQLite.
    connections.close_all()
    connections.__dict__.pop("settings", None)
    del connections["default"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """On SQLite, the test database is migrated once and kept (`migrated_template`): later
    runs, and the browser tests after the rest, start from that copy. PostgreSQL migrates every
    run, so the migrations are proved on a fresh database each time."""
    if not request.config.getoption("--postgresql"):
        with django_db_blocker.unblock():
            _restore_or_keep(migrated_template())
    yield


def _restore_or_keep(template):
    import sqlite3

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.ensure_connection()
    if connection.settings_dict["TEST"].get("MIGRATE") is False:
        # Read only: a copy removed meanwhile fails here rather than giving an empty database.
        source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        # The content types the tables' creation made are gone: forget their ids.
        ContentType.objects.clear_cache()
        return
    # Migrated just now: keep a copy for the next run (written aside, then moved into place,
    # so a run started meanwhile never reads half a file).
    partial = template.with_name(f"{template.name}.{os.getpid()}.part")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, template)
    # Copies made from other migrations are of no further use once a day old (younger ones may
    # be in use by a run in another checkout of the project).
    day_ago = time.time() - 86400
    for other in template.parent.glob("steerco-test-db-*.sqlite3"):
        with contextlib.suppress(FileNotFoundError):
            if other != template and other.stat().st_mtime < day_ago:
                other.unlink()


@pytest.fixture(autouse=True, scope="session")
def static_files_found_on_request():
    """WhiteNoise otherwise lists every static file (over a thousand, GOV.UK Frontend's
    included) each time a test's client builds its middleware: a third of a page test's time.
    Found when asked for instead, as in development; the demo's own process serves them as in
    production (steerco/tests/test_system.py)."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing kept from another's pages."""
    from django.core.cache import cache

    cache.clear()


# People. Argon2 is deliberately slow, so every persona shares one hash made once a session.


@pytest.fixture(scope="session")
def password_hash():
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def make_person(db, password_hash):
    from steerco.accounts.models import OrganisationMembership, User

    def make_person(username, organisation, role=OrganisationMembership.Role.OFFICER, name=""):
        person = User.objects.create(
            username=username,
            name=name,
            email=f"{username}@{organisation.slug}.gov.uk",
            password=password_hash,
        )
        OrganisationMembership.objects.create(user=person, organisation=organisation, role=role)
        return person

    return make_person


@pytest.fixture
def organisation(db):
    from steerco.accounts.models import Nation, Organisation

    return Organisation.objects.create(
        name="Northby Borough Council", slug="northby", nation=Nation.ENGLAND
    )


@pytest.fixture
def other_organisation(db):
    from steerco.accounts.models import Organisation

    return Organisation.objects.create(name="Southby District Council", slug="southby")


@pytest.fixture
def steering_group(organisation):
    from steerco.governance.models import Body

    return Body.objects.create(
        organisation=organisation,
        name="Digital Services Steering Group",
        short_name="DSSG",
        kind=Body.Kind.STEERING_GROUP,
        notice_working_days=4,
        quorum_minimum=5,
        quorum_requires_chair=True,
        decision_method=Body.DecisionMethod.AGREEMENT,
    )


def _join(body, person, role):
    from steerco.governance.models import Membership

    return Membership.objects.create(
        organisation=body.organisation,
        body=body,
        person=person,
        role=role,
        starts_on=JOINED_ON,
        counts_toward_quorum=role not in Membership.NOT_COUNTED,
    )


@pytest.fixture
def administrator(make_person, organisation):
    from steerco.accounts.models import OrganisationMembership

    return make_person(
        "administrator",
        organisation,
        role=OrganisationMembership.Role.ADMINISTRATOR,
        name="Ada Ahmed",
    )


@pytest.fixture
def secretary(make_person, organisation, steering_group):
    from steerco.governance.models import Membership

    person = make_person("secretary", organisation, name="Sam Shah")
    _join(steering_group, person, Membership.Role.SECRETARY)
    return person


@pytest.fixture
def chair(make_person, organisation, steering_group):
    from steerco.governance.models import Membership

    person = make_person("chair", organisation, name="Carol Chen")
    _join(steering_group, person, Membership.Role.CHAIR)
    return person


@pytest.fixture
def member(make_person, organisation, steering_group):
    from steerco.governance.models import Membership

    person = make_person("member", organisation, name="Mo Mensah")
    _join(steering_group, person, Membership.Role.SENIOR_RESPONSIBLE_OFFICER)
    return person


@pytest.fixture
def officer(make_person, organisation):
    return make_person("officer", organisation, name="Olu Okafor")


@pytest.fixture
def outsider(make_person, other_organisation):
    return make_person("outsider", other_organisation, name="Oscar Owen")


# The browser. Debian's Chromium, never a downloaded one.


@pytest.fixture(scope="session")
def browser():
    from steerco.tests.browser import launch

    # Playwright's sync API leaves an event loop running in this thread for as long as the
    # browser lives, and Django refuses ORM calls from a thread with a running loop.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with launch() as browser:
            yield browser


@pytest.fixture
def page(browser, live_server, transactional_db):
    from steerco.tests.browser import open_page

    context = browser.new_context(base_url=live_server.url)
    yield open_page(context)
    context.close()


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory):
    """Where the demo council, once loaded, is kept for the session: its papers' folder and,
    on SQLite, a copy of the database."""
    return {"media": tmp_path_factory.mktemp("demo-media"), "database": None}


@pytest.fixture
def demo_council(transactional_db, demo_snapshot, settings):
    """The demo council as `manage.py load_demo` makes it, committed (for the browser tests,
    whose server reads what the test commits). Loading it is slow, so on SQLite it is loaded
    once a session and copied back into the database before each test (SQLite's backup API);
    elsewhere it is loaded each time."""
    import sqlite3

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = demo_snapshot["media"]
    if connection.vendor != "sqlite":
        call_command("load_demo")
        return
    connection.ensure_connection()
    if demo_snapshot["database"] is None:
        call_command("load_demo")
        demo_snapshot["database"] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(demo_snapshot["database"])
    else:
        demo_snapshot["database"].backup(connection.connection)
        # The flush after the last test made the content types afresh, with other ids.
        ContentType.objects.clear_cache()
