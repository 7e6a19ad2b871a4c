"""Helpers for the browser tests: Debian's Chromium driven by Playwright, checked with axe-core."""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def launch(executable=CHROMIUM):
    # A missing browser fails the tests, never skips them: `make test` installs it.
    if not Path(executable).exists():
        pytest.fail(f"{executable} is missing: run scripts/system-packages as root", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(context):
    """A new page that remembers every script or style our Content-Security-Policy blocked."""
    page = context.new_page()
    page.csp_violations = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            page.csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.screenshots_taken = 0
    return page


def save_screenshot(page):
    """Keeps a picture of the page in test-artifacts/ for a person to look at."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "unknown").split(" ")[0].split("::")[-1]
    path = re.sub(r"[^a-z0-9]+", "-", page.url.split("://", 1)[-1].split("/", 1)[-1].lower())
    page.screenshots_taken += 1
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"{test}-{page.screenshots_taken:02d}-{path.strip('-') or 'home'}.png"
    page.screenshot(path=ARTIFACTS / name, full_page=True)


def assert_accessible(page):
    """Fails with every WCAG 2.2 A and AA failure axe-core finds on the page as it stands.

    Also fails if the page broke our Content-Security-Policy, since a blocked script or
    style leaves a page that works for nobody. axe is evaluated rather than added as a script
    tag: the policy (rightly) blocks inline scripts, and the test should see the page exactly
    as a person does, policy and all.
    """
    save_screenshot(page)
    if page.csp_violations:
        pytest.fail("The Content-Security-Policy blocked:\n" + "\n".join(page.csp_violations))
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = results["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" <{violation['helpUrl']}>"
            )
            lines.extend(
                f"    {' '.join(str(part) for part in node['target'])}"
                for node in violation["nodes"]
            )
        pytest.fail("\n".join(lines))


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/sign-in/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
