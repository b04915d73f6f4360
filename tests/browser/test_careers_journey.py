"""Where people like you went, in real Chromium: a trainee opens it from their home page
and sees the flow diagram and the table (under the service's own Content Security Policy,
with no console error), and deanery staff see their region's. axe on every page."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.pipeline.test_careers import alumnus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_STEP = "Darzi Fellowship, then Clinical lead"
SECOND_STEP = "Darzi Fellowship, then Clinical lead, then Clinical director"


def alumni_who_went_on(cast) -> None:
    for _ in range(6):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 3), ("clinical-director", 20)])
    for _ in range(5):
        alumnus(region=cast.region_a)
    factories.FellowshipFactory(trainee=cast.trainee, status="active", completed_on=None)


def test_a_trainee_sees_where_people_like_them_went(browser, page, live_server, live_cast):
    alumni_who_went_on(live_cast)
    # The service's own policy (other tests bypass it, to inject axe): the chart must draw under it.
    strict = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    errors: list[str] = []
    strict.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    strict.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(strict, live_server.url, live_cast.trainee_user.email)
    strict.get_by_role("link", name="Where people like you went").click()
    expect(strict.get_by_role("heading", name="Where people like you went", level=1)).to_be_visible()
    expect(strict.locator("#careers-chart svg")).to_be_visible()
    expect(strict.locator("#careers-chart")).to_have_attribute("aria-hidden", "true")
    expect(strict.get_by_role("rowheader", name=SECOND_STEP, exact=True)).to_be_visible()
    assert strict.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert errors == []
    strict.context.close()

    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.get_by_role("link", name="Your path").first.click()
    page.get_by_role("link", name="See where people like you went").click()
    expect(page.get_by_role("rowheader", name=FIRST_STEP, exact=True)).to_be_visible()
    expect(page.locator("#careers-firsts")).to_contain_text("Darzi Fellowship, then clinical lead")
    assert_accessible(page)


def test_staff_see_where_their_region_s_alumni_went(page, live_server, live_cast):
    alumni_who_went_on(live_cast)
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Where your region's alumni went").click()
    expect(page.get_by_role("heading", name="Where your region's alumni went")).to_be_visible()
    expect(page.locator("#careers-counted")).to_contain_text(live_cast.region_a.name)
    expect(page.get_by_role("rowheader", name=SECOND_STEP, exact=True)).to_be_visible()
    expect(page.locator("#careers-chart svg")).to_be_visible()
    assert_accessible(page)


def test_without_enough_people_the_page_says_so(page, live_server, live_cast):
    sign_in(page, live_server.url, live_cast.staff_b.email)
    page.get_by_role("link", name="Where your region's alumni went").click()
    expect(page.locator("#careers-empty")).to_contain_text("Not enough people yet")
    expect(page.locator("#careers-chart")).to_have_count(0)
    assert_accessible(page)
