"""Every page works on a phone: at 375 px wide nothing makes the page scroll sideways. Wide
tables scroll inside their own focusable region and long words wrap."""

import re
from collections import Counter
from datetime import timedelta
from urllib.parse import urldefrag, urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steerco.governance.models import Body
from steerco.meetings.models import AgendaItem, Meeting
from steerco.tests.browser import assert_accessible, open_page, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DEMO_PASSWORD = "steerco-demo"
# Files and feeds are not pages; signing out would end the walk.
NOT_PAGES = re.compile(r"/file/|\.json|\.csv|\.ics|\.pdf|\.docx|\.xlsx|sign-out|/admin/|/api/")
# A few pages of each shape (ids made alike) are enough: the rest share their template.
PER_SHAPE = 2

# The elements wider than the window, for the failure message.
WIDEST = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${String(e.className).split(" ").join(".")}`
      + ` (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth"


def sideways(page):
    """What makes the page scroll sideways, or None."""
    if not page.evaluate(SIDEWAYS):
        return None
    width = page.evaluate("document.documentElement.scrollWidth")
    return f"{page.url}: {width} px wide: " + "; ".join(page.evaluate(WIDEST))


def shape(path):
    return re.sub(r"\d+", "N", path)


def walk(page, start, *, limit=150):
    """Every page of the site reachable by following links from `start`, a few per shape;
    gives the pages that scroll sideways."""
    host = urlparse(start).netloc
    queue, seen, shapes, wide = [start], {start}, Counter(), []
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if problem := sideways(page):
            wide.append(problem)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = urldefrag(href).url
            parts = urlparse(href)
            if parts.netloc != host or NOT_PAGES.search(href) or href in seen:
                continue
            if shapes[shape(parts.path)] >= PER_SHAPE:
                continue
            shapes[shape(parts.path)] += 1
            seen.add(href)
            queue.append(href)
    return wide, len(seen)


@pytest.fixture
def demo(demo_council):
    return Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)


@pytest.fixture
def phone(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield open_page(context)
    context.close()


def sign_in_on_a_phone(page, live_server, username):
    # On a phone "Sign out" is behind the menu button: sign in wide, then narrow the window.
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, live_server, username, DEMO_PASSWORD)
    page.set_viewport_size(PHONE)


def test_no_page_a_secretary_reaches_scrolls_sideways_on_a_phone(phone, live_server, demo):
    sign_in_on_a_phone(phone, live_server, "secretary")
    wide, visited = walk(phone, f"{live_server.url}/northby/")
    assert visited > 40  # the walk reached the site, not just the home page
    assert wide == [], "Pages that scroll sideways at 375 px:\n" + "\n".join(wide)


def test_no_public_page_scrolls_sideways_on_a_phone(phone, live_server, demo):
    wide, visited = walk(phone, f"{live_server.url}/northby/bodies/{demo.pk}/decisions/")
    assert visited > 5
    assert wide == [], "Pages that scroll sideways at 375 px:\n" + "\n".join(wide)


def test_the_secretarys_day_on_a_phone(phone, live_server, demo):
    """Attendance and the minutes of a meeting that is being held, at 375 px."""
    page = phone
    held = (
        Meeting.objects.filter(body=demo, minutes_approved_at__isnull=True)
        .filter(on__lte=timezone.localdate(), on__gte=timezone.localdate() - timedelta(days=90))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-on")
        .first()
    )
    assert held is not None, "the demo has a held meeting whose minutes are not approved"
    # A long word (an address, a reference) wraps rather than widening the page.
    AgendaItem.objects.create(
        meeting=held,
        position=held.items.count() + 1,
        title="Update on NBC/ICT/CloudHostingExitPlanAndDataCentreDecommissioning2031",
    )
    sign_in_on_a_phone(page, live_server, "secretary")

    page.goto(held.get_absolute_url())
    assert sideways(page) is None
    page.get_by_role("link", name="Record attendance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    assert sideways(page) is None
    assert_accessible(page)

    # Start from everyone present, change one row, save the page: focus moves to the banner.
    page.get_by_role("button", name="Mark everyone present").click()
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text(re.compile("marked present|already recorded"))
    first = page.locator(".govuk-summary-card").first
    absent = first.get_by_label("Absent", exact=True)
    (first.get_by_label("Present", exact=True) if absent.is_checked() else absent).check()
    page.get_by_role("button", name="Save attendance", exact=True).click()
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Attendance of 1 member saved.")
    expect(banner).to_be_focused()
    assert sideways(page) is None
    assert_accessible(page)

    # Enter in a field saves the whole page too, not just the first row.
    second = page.locator(".govuk-summary-card").nth(1)
    absent = second.get_by_label("Absent", exact=True)
    (second.get_by_label("Present", exact=True) if absent.is_checked() else absent).check()
    second.get_by_label("Name of the substitute").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Attendance of 1 member saved.")

    # Write the minutes of the whole meeting, previewed before saving.
    page.goto(held.get_absolute_url())
    page.get_by_role("link", name="Write the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the minutes")
    assert sideways(page) is None
    assert_accessible(page)
    item = held.items.order_by("position").last()
    box = page.get_by_label(f"Minutes of item {item.position}: {item.title}")
    box.fill("# Discussion\n\nMembers **agreed** the plan.\n\n1. First\n2. Second")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name=f"Preview of item {held.items.first().position}")
    expect(preview).to_be_visible()
    expect(page.locator(".steerco-minutes strong")).to_have_text("agreed")
    assert sideways(page) is None
    assert_accessible(page)
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.get_by_role("alert")).to_contain_text("saved")
    item = AgendaItem.objects.get(pk=item.pk)
    assert "<strong>agreed</strong>" in item.minutes
    assert sideways(page) is None
    assert_accessible(page)
