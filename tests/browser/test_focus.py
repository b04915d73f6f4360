"""Where focus goes once NHS.UK frontend has started: to the error summary after a failed
submit, so a screen reader reads the problems first, and to the main content from the skip link."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/portfolio/evidence/add/", "/portfolio/projects/add/"])
def test_after_a_failed_submit_the_error_summary_has_focus(page, live_server, live_cast, path):
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name="Save").click()  # nothing filled in
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, live_cast):
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#maincontent")).to_be_focused()
