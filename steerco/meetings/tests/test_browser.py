import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steerco.governance.models import Body
from steerco.meetings.models import Attendance, Meeting
from steerco.meetings.rules import notice
from steerco.meetings.tests.conftest import pdf_bytes
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"


@pytest.fixture
def demo_steering_group(demo_council):
    return Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_the_secretary_runs_a_meeting(page, live_server, demo_steering_group):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.goto(f"/northby/bodies/{demo_steering_group.pk}/")
    page.get_by_role("link", name=re.compile("^All meetings")).click()
    heading(page, "Meetings")
    assert_accessible(page)

    # Schedule an ad hoc meeting, agreed by the chair.
    page.get_by_role("link", name="Schedule a meeting").click()
    heading(page, "Schedule a meeting")
    assert_accessible(page)
    day = notice.next_working_day(timezone.localdate() + timedelta(days=60), "ENG")
    page.get_by_label("Ad hoc meeting").check()
    fill_date(page, "^Date$", day)
    page.get_by_label("Start time").fill("14:00")
    # The usual meeting ends at 12:00: this one starts later, so it ends later too.
    page.get_by_label("End time").fill("16:00")
    page.get_by_role("button", name="Schedule the meeting").click()
    heading(page, "Meeting on")
    expect(page.get_by_role("main")).to_contain_text("Agreed by")
    assert_accessible(page)
    meeting = Meeting.objects.get(body=demo_steering_group, on=day)

    # An agenda item with a paper.
    page.get_by_role("link", name="Add an agenda item").click()
    assert_accessible(page)
    page.get_by_label("Title of the item").fill("Telephony replacement")
    page.get_by_role("button", name=re.compile("Add")).click()
    expect(page.get_by_role("heading", name="4. Telephony replacement")).to_be_visible()
    page.get_by_role("link", name="Add a paper to item 4").click()
    assert_accessible(page)
    page.get_by_label("Title of the paper").fill("Telephony options appraisal")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "telephony.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Options")}
    )
    page.get_by_label("No, it is open to the public").check()
    page.get_by_role("button", name=re.compile("Upload|Add")).click()
    expect(page.get_by_role("link", name="Telephony options appraisal")).to_be_visible()

    # Move it up the agenda without a page reload: the agenda renumbers.
    page.evaluate("window.__not_reloaded = true")
    page.get_by_role("button", name="Move up Telephony replacement").click()
    expect(page.get_by_role("heading", name="3. Telephony replacement")).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile(r"^4\. Minutes and action log"))
    ).to_be_visible()
    assert page.evaluate("window.__not_reloaded") is True
    assert_accessible(page)

    # With a mouse, drag it onto the first item's place: it becomes item 1, the rest close up.
    page.get_by_role("heading", name="3. Telephony replacement").drag_to(
        page.get_by_role("heading", name=re.compile(r"^1\. Apologies"))
    )
    expect(page.get_by_role("heading", name="1. Telephony replacement")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^2\. Apologies"))).to_be_visible()
    assert page.evaluate("window.__not_reloaded") is True

    # Publish in time.
    page.get_by_role("link", name="Publish the agenda").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_role("main")).to_contain_text("Published")
    assert_accessible(page)

    # Attendance: one row saved without reloading the page.
    page.get_by_role("link", name="Record attendance").click()
    heading(page, "Attendance")
    assert_accessible(page)
    first_card = page.locator(".govuk-summary-card").first
    first_card.get_by_label("Apologies", exact=True).check()
    page.evaluate("window.__not_reloaded = true")
    first_card.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(".govuk-summary-card").first).to_contain_text("saved")
    assert page.evaluate("window.__not_reloaded") is True
    assert Attendance.objects.filter(meeting=meeting, status="apologies").count() == 1
    assert_accessible(page)

    # The dashboard and the secretary's own page.
    page.get_by_role("link", name="Dashboard", exact=True).click()
    heading(page, "dashboard")
    expect(page.get_by_role("main")).to_contain_text("Efficient Meetings Protocol")
    assert_accessible(page)
    page.get_by_role("link", name="My meetings").click()
    assert_accessible(page)


def test_a_held_meeting_shows_its_record_to_the_public(page, demo_steering_group):
    held = Meeting.objects.get(
        body=demo_steering_group,
        minutes_approved_at__isnull=False,
        items__papers__restricted=True,
    )
    page.goto(held.get_absolute_url())
    main = page.get_by_role("main")
    expect(main).to_contain_text("Restricted paper")
    expect(main).to_contain_text("Decision DSSG/")
    expect(main).not_to_contain_text("Action log")
    assert_accessible(page)
    page.get_by_role("link", name="See the attendance of each member").click()
    heading(page, "Attendance")
    expect(page.get_by_role("main")).to_contain_text("Quorate")
    assert_accessible(page)
    page.goto(f"/northby/bodies/{demo_steering_group.pk}/decisions/")
    assert_accessible(page)


def test_the_secretary_updates_an_action_in_place(page, live_server, demo_steering_group):
    from steerco.meetings.models import Action

    action = Action.objects.filter(body=demo_steering_group).still_open().order_by("number").first()
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    page.goto(action.meeting.get_absolute_url())
    page.get_by_role("link", name="See the action log").click()
    heading(page, "Action log")
    page.evaluate("window.__not_reloaded = true")
    row = page.locator(f"#action-{action.pk}")
    row.get_by_role("link", name=f"Update action {action.number}").click()
    row.get_by_label("Update").fill("Supplier workshop booked for next week.")
    row.get_by_label("Status").select_option("in_progress")
    row.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Supplier workshop booked")
    assert page.evaluate("window.__not_reloaded") is True
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert_accessible(page)


def test_every_page_the_secretary_uses_is_accessible(page, live_server, demo_steering_group):
    from django.urls import reverse

    from steerco.meetings.models import Action, Decision, Paper

    held = (
        Meeting.objects.filter(body=demo_steering_group, minutes_approved_at__isnull=True)
        .exclude(agenda_published_at=None)
        .order_by("-on")
        .first()
    )
    upcoming = Meeting.objects.filter(body=demo_steering_group).order_by("-on").first()
    last_held = (
        Meeting.objects.filter(body=demo_steering_group, on__lte=timezone.localdate())
        .order_by("-on")
        .first()
    )
    approved = Meeting.objects.filter(body=demo_steering_group, minutes_approved_at__isnull=False)
    item = held.items.order_by("-position").first()
    org = {"org": "northby"}
    pages = [
        reverse("meetings:meeting-schedule", kwargs=org | {"pk": demo_steering_group.pk}),
        reverse("meetings:template-edit", kwargs=org | {"pk": demo_steering_group.pk}),
        reverse("meetings:attendance-review", kwargs=org | {"pk": demo_steering_group.pk}),
        reverse("meetings:meeting-move", kwargs=org | {"meeting_pk": upcoming.pk}),
        reverse("meetings:meeting-cancel", kwargs=org | {"meeting_pk": upcoming.pk}),
        # The record of the previous meeting is agreed at a meeting that has been held.
        reverse("meetings:previous-approve", kwargs=org | {"meeting_pk": last_held.pk}),
        reverse("meetings:action-create", kwargs=org | {"meeting_pk": held.pk}),
        reverse("meetings:action-log", kwargs=org | {"meeting_pk": held.pk}),
        reverse("meetings:meeting-roll", kwargs=org | {"meeting_pk": upcoming.pk}),
        f"{held.get_absolute_url()}?q=report",
        reverse("meetings:forward", kwargs=org | {"meeting_pk": approved.last().pk}),
        reverse("meetings:item-edit", kwargs=org | {"item_pk": item.pk}),
        reverse("meetings:item-carry", kwargs=org | {"item_pk": item.pk}),
        reverse("meetings:declaration-create", kwargs=org | {"item_pk": item.pk}),
        reverse("meetings:withdrawal-create", kwargs=org | {"item_pk": item.pk}),
        reverse("meetings:decision-create", kwargs=org | {"item_pk": item.pk}),
        reverse("meetings:item-minutes", kwargs=org | {"item_pk": item.pk}),
        reverse(
            "meetings:decision-edit",
            kwargs=org | {"decision_pk": Decision.objects.filter(item__meeting=held).first().pk},
        ),
        reverse("meetings:paper-create", kwargs=org | {"item_pk": item.pk}),
        Paper.objects.get(restricted=True).get_absolute_url(),
        reverse(
            "meetings:paper-replace",
            kwargs=org | {"paper_pk": Paper.objects.get(restricted=True).pk},
        ),
        reverse("meetings:action-update", kwargs=org | {"action_pk": Action.objects.first().pk}),
        # Putting mistakes right.
        *(
            reverse(name, kwargs=org | {"paper_pk": Paper.objects.get(restricted=True).pk})
            for name in ("meetings:paper-retitle", "meetings:paper-restriction")
        ),
        reverse("meetings:paper-withdraw", kwargs=org | {"paper_pk": Paper.objects.first().pk}),
        reverse(
            "meetings:decision-void",
            kwargs=org | {"decision_pk": Decision.objects.filter(item__meeting=held).first().pk},
        ),
        reverse(
            "meetings:action-void",
            kwargs=org | {"action_pk": Action.objects.filter(meeting=held).first().pk},
        ),
    ]
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_the_chair_agrees_the_agenda_and_the_officer_sees_their_item(
    page, live_server, demo_steering_group
):
    sign_in(page, live_server, "chair", DEMO_PASSWORD)
    page.goto("/northby/my-meetings/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("agendas to agree")).click()
    heading(page, "Chair's view")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Agree this agenda")).click()
    expect(page.get_by_text("Agreed", exact=True)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, "officer", DEMO_PASSWORD)
    page.goto("/northby/my-meetings/")
    expect(page.get_by_text("Usually in attendance").first).to_be_visible()
    assert_accessible(page)
