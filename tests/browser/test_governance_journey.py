"""A director offers a committee seat, a trainee says they are interested, the director
confirms they took part and the evidence appears in the trainee's portfolio: in real
Chromium, with axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.pipeline.matching_scenarios import candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEAT = "Trainee seat on the patient safety committee"


def test_director_offers_a_committee_seat_and_confirms_the_trainee_took_part(page, browser, live_server,
                                                                           live_cast):
    trainee_user = factories.UserFactory(role=Role.TRAINEE, first_name="Tomasz", last_name="Okafor")
    candidate(region=live_cast.region_a, user=trainee_user, first_name="Tomasz", last_name="Okafor")
    today = timezone.localdate()

    sign_in(page, live_server.url, live_cast.director_a.email)
    page.get_by_role("link", name="Leadership roles").first.click()
    page.get_by_role("button", name="Post a role or opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What are you offering?")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select what you are offering")
    assert_accessible(page)
    page.get_by_label("Committee seat").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer a committee seat")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter how many hours it will take in all")
    assert_accessible(page)

    page.get_by_label("Title").fill(SEAT)
    page.get_by_label("Description").fill("Bring the trainees' view to the monthly patient safety committee.")
    page.get_by_label("Improving Services").check()
    page.get_by_label("Most junior eligible grade").select_option(label="ST3")
    page.get_by_label("Most senior eligible grade").select_option(label="ST8")
    page.get_by_label("Hours in all").fill("24")
    page.get_by_label("Location").fill("Main site")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("What taking part is evidence of").select_option(
        label="Improving Services: Ensuring Patient Safety")
    fill_date(page, "closing_date", today + dt.timedelta(days=20))
    fill_date(page, "start_date", today + dt.timedelta(days=30))
    fill_date(page, "ends_on", today + dt.timedelta(days=200))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEAT)
    expect(page.locator("main")).to_contain_text("24 hours in all")
    assert_accessible(page)
    page.get_by_role("button", name="Publish this committee seat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish this committee seat to candidates?")
    page.get_by_role("button", name="Yes, publish it").click()
    page.get_by_role("button", name="See candidates").click()
    expect(page.get_by_role("link", name="Candidate ")).to_have_count(1)
    assert "Okafor" not in page.content()

    trainee_context = browser.new_context(bypass_csp=True)
    trainee_page = trainee_context.new_page()
    sign_in(trainee_page, live_server.url, trainee_user.email)
    trainee_page.get_by_role("link", name="Opportunities").first.click()
    expect(trainee_page.locator("main")).to_contain_text("Committee seat · 24 hours in all")
    assert_accessible(trainee_page)
    trainee_page.get_by_role("link", name=SEAT).click()
    assert_accessible(trainee_page)
    trainee_page.get_by_role("button", name="I'm interested").click()
    expect(trainee_page.locator("#interest-status")).to_contain_text("Interested")

    page.get_by_role("link", name="Candidate ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tomasz Okafor")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm they took part").click()
    expect(page.get_by_text("Confirmed. It has been added to their portfolio as evidence.")).to_be_visible()
    expect(page.locator("#took-part")).to_contain_text("You confirmed they took part")
    expect(page.get_by_role("button", name="Confirm they took part")).to_have_count(0)
    assert_accessible(page)

    trainee_page.get_by_role("link", name="Portfolio").first.click()
    expect(trainee_page.locator("main")).to_contain_text(f"Committee seat: {SEAT}")
    assert_accessible(trainee_page)
    trainee_context.close()
