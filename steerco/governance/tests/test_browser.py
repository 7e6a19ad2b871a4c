import re

import pytest
from playwright.sync_api import expect

from steerco.governance.models import Body
from steerco.tests.browser import assert_accessible, sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "steerco-demo"
ADD_MEMBER = re.compile(r"^add (a )?member", re.IGNORECASE)
TERMS_OF_REFERENCE = re.compile(r"terms of reference", re.IGNORECASE)


@pytest.fixture
def demo_steering_group(demo_council):
    return Body.objects.get(organisation__slug="northby", kind=Body.Kind.STEERING_GROUP)


def open_governance_model(page):
    page.goto("/northby/governance-model/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Governance model")


def open_body(page, body):
    page.get_by_role("main").get_by_role("link", name=body.name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(body.name)


def open_terms_of_reference(page):
    page.get_by_role("main").get_by_role("link", name="Terms of reference").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TERMS_OF_REFERENCE)


def test_the_public_can_read_the_steering_group_and_its_terms_of_reference(
    page, demo_steering_group
):
    open_governance_model(page)
    assert_accessible(page)

    open_body(page, demo_steering_group)
    expect(page.get_by_role("link", name=ADD_MEMBER)).to_have_count(0)
    assert_accessible(page)

    open_terms_of_reference(page)
    assert_accessible(page)


def test_the_secretary_signs_in_and_reaches_the_form_to_add_a_member(
    page, live_server, demo_steering_group
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    assert_accessible(page)

    open_governance_model(page)
    assert_accessible(page)

    open_body(page, demo_steering_group)
    assert_accessible(page)

    open_terms_of_reference(page)
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name=ADD_MEMBER).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ADD_MEMBER)
    assert_accessible(page)


def test_an_empty_add_member_form_is_refused_with_an_error_summary(
    page, live_server, demo_steering_group
):
    sign_in(page, live_server, "secretary", DEMO_PASSWORD)
    open_governance_model(page)
    open_body(page, demo_steering_group)
    page.get_by_role("link", name=ADD_MEMBER).click()

    page.get_by_role("main").locator("form").get_by_role("button").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_be_focused()
    unlinked = summary.get_by_role("link").evaluate_all(
        "links => links.filter(a => !document.getElementById(a.hash.slice(1)))"
        ".map(a => a.textContent)"
    )
    assert unlinked == [], "these errors in the summary do not link to their field"
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)


def test_pages_are_served_under_a_strict_content_security_policy(page, demo_steering_group):
    response = page.goto("/northby/governance-model/")

    header = response.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    # Our own scripts still run under it: GOV.UK Frontend marks the page once it starts.
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))
    assert_accessible(page)
