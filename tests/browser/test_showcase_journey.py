"""An alumnus's story in real Chromium, with axe on every page: written, checked and
consented to, seen by a visitor who is not signed in, withdrawn, and gone."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "A faster front door"


def test_an_alumnus_publishes_their_story_and_withdraws_it(page, browser, live_server, live_cast):
    factories.FellowshipFactory(trainee=live_cast.trainee)
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.get_by_role("link", name="Portfolio").first.click()
    page.get_by_role("link", name="Share what you did and what changed in an alumni story").click()
    expect(page.get_by_role("heading", name="Your alumni story")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save and check your story").click()  # empty: errors first
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a title")
    assert page.title().startswith("Error:")
    assert_accessible(page)

    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What you did").fill("Redesigned how patients are assessed on arrival.")
    page.get_by_label("What changed").fill("Patients wait less to be seen.")
    page.get_by_role("button", name="Save and check your story").click()
    expect(page.get_by_role("heading", name="Check and publish your story")).to_be_visible()
    # Not named unless they choose it: the preview says so before they agree.
    expect(page.locator("[data-byline]")).to_have_text("A fellow of the Darzi Fellowship, 2024")
    assert_accessible(page)

    page.get_by_role("button", name="Publish my story").click()  # without agreeing: refused
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Confirm that you agree")
    assert_accessible(page)
    page.get_by_label("I agree to publish my story on the public showcase, exactly as shown above").check()
    page.get_by_role("button", name="Publish my story").click()
    expect(page.locator("#story-status")).to_contain_text("Published")
    assert_accessible(page)

    visitor = browser.new_context(bypass_csp=True).new_page()  # not signed in
    visitor.goto(f"{live_server.url}/")
    visitor.get_by_role("link", name="Read alumni stories").click()
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(visitor.locator("main")).not_to_contain_text(live_cast.trainee.last_name)
    assert_accessible(visitor)

    page.get_by_role("button", name="Take my story off the showcase").click()
    expect(page.locator("#story-status")).to_contain_text("Not published")
    visitor.reload()
    expect(visitor.get_by_text("There are no stories yet")).to_be_visible()
    expect(visitor.get_by_role("heading", name=TITLE)).to_have_count(0)
    assert_accessible(visitor)
    visitor.context.close()
