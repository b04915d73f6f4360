"""A fellow's return plan from opening to done, as the fellow, staff and the receiving
director, in real Chromium with axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pipeline.return_plans import return_plans_open
from schemes.models import Fellowship
from tests import factories
from tests.browser.conftest import assert_accessible, fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, base_url: str, email: str):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, base_url, email)
    return context, page


def test_a_return_plan_from_opening_to_done(page, browser, live_server, live_cast):
    today = timezone.localdate()
    cohort = factories.CohortFactory(region=live_cast.region_a, start_date=today - dt.timedelta(days=300),
                                     end_date=today + dt.timedelta(days=60))
    factories.FellowshipFactory(trainee=live_cast.trainee, cohort=cohort, status=Fellowship.Status.ACTIVE,
                                completed_on=None, project_title="Safer discharges")
    role = factories.VacancyFactory(trust=live_cast.trust_a, status="open", title="Discharge lead")
    factories.MatchFactory(trainee=live_cast.trainee, vacancy=role)
    assert return_plans_open() == 1  # no next placement: the trust is not known yet
    name = live_cast.trainee.full_name

    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.goto(f"{live_server.url}/return-to-training/")
    assert_accessible(page)
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your return to training")
    expect(page.get_by_text("You tell them once the trust is known.")).to_be_visible()
    expect(page.get_by_role("link", name="Discharge lead")).to_have_count(0)  # no trust, no roles there
    assert_accessible(page)

    staff_context, staff = signed_in(browser, live_server.url, live_cast.staff_a.email)
    staff.get_by_role("link", name="Return to training").first.click()
    staff.get_by_role("link", name=name, exact=True).click()
    staff.get_by_role("button", name="Save the trust").click()
    expect(staff.locator(".nhsuk-error-summary")).to_contain_text("Select the trust they return to")
    assert_accessible(staff)
    staff.get_by_label("The trust they return to").select_option(label=str(live_cast.trust_a))
    staff.get_by_role("button", name="Save the trust").click()
    expect(staff.get_by_text("The receiving trust has been saved.")).to_be_visible()
    assert_accessible(staff)

    page.reload()
    page.get_by_label("My fellowship project and the summary below").check()
    page.get_by_label("Summary of your project (optional)").fill("Cut discharge delays by a day")
    page.get_by_role("button", name="Tell the medical director").click()
    expect(page.get_by_text("The medical director has been told.")).to_be_visible()
    expect(page.get_by_role("link", name="Discharge lead")).to_be_visible()
    page.get_by_role("button", name="I have looked at these roles").click()
    expect(page.get_by_text("Marked as looked at.")).to_be_visible()
    assert_accessible(page)

    director_context, director = signed_in(browser, live_server.url, live_cast.director_a.email)
    director.get_by_role("link", name="Return to training").first.click()
    assert_accessible(director)
    director.get_by_role("link", name=name, exact=True).click()
    expect(director.get_by_text("Cut discharge delays by a day")).to_be_visible()
    fill_date(director, "on", today)
    director.get_by_role("button", name="Propose this date").click()
    expect(director.get_by_text("The date has been proposed to the fellow.")).to_be_visible()
    assert_accessible(director)

    page.reload()
    page.get_by_role("button", name="Agree this date").click()
    expect(page.get_by_text("You have agreed the date of the session.")).to_be_visible()

    director.reload()
    director.get_by_label("What happened at the session (optional)").fill("Thirty colleagues came")
    director.get_by_role("button", name="Record that the session was held").click()
    expect(director.locator("#plan-done")).to_be_visible()
    assert_accessible(director)
    director_context.close()

    staff.reload()
    expect(staff.locator("#plan-done")).to_be_visible()
    expect(staff.get_by_text("Thirty colleagues came")).to_be_visible()
    assert_accessible(staff)
    staff_context.close()
    page.reload()
    expect(page.locator("#plan-done")).to_be_visible()
