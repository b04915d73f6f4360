"""The medical director's journey in real Chromium, with the trainee in a second browser."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.pipeline.matching_scenarios import candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_post_publish_invite_accept_appoint(page, browser, live_server, live_cast):
    trainee_user = factories.UserFactory(role=Role.TRAINEE, first_name="Priya", last_name="Lindqvist")
    trainee = candidate(region=live_cast.region_a, user=trainee_user,
                        first_name="Priya", last_name="Lindqvist", project_text="Sepsis screening")
    today = timezone.localdate()

    sign_in(page, live_server.url, live_cast.director_a.email)
    page.get_by_role("link", name="Leadership roles").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Post a role or opportunity").click()
    assert_accessible(page)
    page.get_by_label("Leadership post").check()
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter title")
    assert_accessible(page)

    page.get_by_label("Title").fill("Sepsis clinical lead")
    page.get_by_label("Kind of role").select_option(label="Clinical lead")
    page.get_by_label("Description").fill("Lead sepsis screening across the trust.")
    page.get_by_label("Improving Services").check()
    page.get_by_label("Most junior eligible grade").select_option(label="ST3")
    page.get_by_label("Most senior eligible grade").select_option(label="ST8")
    page.get_by_label("Location").fill("Main site")
    page.get_by_label("No", exact=True).check()
    fill_date(page, "closing_date", today + dt.timedelta(days=20))
    fill_date(page, "start_date", today + dt.timedelta(days=60))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sepsis clinical lead")
    assert_accessible(page)

    page.get_by_role("button", name="Publish this role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish this role to candidates?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, publish it").click()
    page.get_by_role("button", name="See candidates").click()
    candidate_link = page.get_by_role("link", name="Candidate ")
    expect(candidate_link).to_have_count(1)
    assert "Lindqvist" not in page.content()
    assert_accessible(page)
    candidate_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidate ")
    assert_accessible(page)
    page.get_by_role("button", name="Invite them to consider the role").click()
    expect(page.locator("body")).to_contain_text("You will see who they are if they")

    trainee_context = browser.new_context(bypass_csp=True)
    trainee_page = trainee_context.new_page()
    sign_in(trainee_page, live_server.url, trainee_user.email)
    trainee_page.get_by_role("link", name="Opportunities").first.click()
    trainee_page.get_by_role("link", name="Sepsis clinical lead").click()
    expect(trainee_page.locator("#interest-status")).to_contain_text("Invited")
    trainee_page.get_by_role("button", name="I'm interested").click()
    expect(trainee_page.locator("#interest-status")).to_contain_text("Interested")
    trainee_context.close()

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Lindqvist")
    assert trainee.email in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Appoint").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Appoint Priya Lindqvist to Sepsis clinical lead?")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#candidate-status")).to_contain_text("Appointed")

    trainee_context = browser.new_context(bypass_csp=True)
    trainee_page = trainee_context.new_page()
    sign_in(trainee_page, live_server.url, trainee_user.email)
    trainee_page.get_by_role("link", name="Portfolio").first.click()
    expect(trainee_page.locator("#roles + dl, #roles ~ dl").first).to_contain_text("Sepsis clinical lead")
    trainee_context.close()
