"""The trainee's journey in real Chromium, with axe on every page it passes through."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in
from tests.pipeline.matching_scenarios import open_vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_portfolio_consent_opportunity_interest(page, live_server, live_cast):
    open_vacancy(trust=live_cast.trust_a, title="Clinical lead for patient flow",
                 required_domains=[factories.mlcf_domain(2)])
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.get_by_role("link", name="Portfolio").first.click()
    expect(page.locator('[data-domain="2"]')).to_have_text("0 of 4 (0%)")
    assert_accessible(page)

    page.get_by_role("link", name="Add evidence").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()  # empty: errors first
    assert page.title().startswith("Error:")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter title")
    assert_accessible(page)

    page.get_by_label("Title").fill("Set up a regional trainee network")
    page.get_by_label("Framework element").select_option(label="Working with Others: Developing Networks")
    when = timezone.localdate() - dt.timedelta(days=10)
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("What you did").fill("Founded and chaired it for a year.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator('[data-domain="2"]')).to_have_text("1 of 4 (25%)")

    page.get_by_role("link", name="Preferences and consent").click()
    assert_accessible(page)
    page.get_by_label("Yes, trust medical directors may see").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".nhsuk-inset-text").first).to_contain_text(
        "Trust medical directors can now find you")

    page.get_by_role("link", name="Opportunities").first.click()
    assert_accessible(page)
    expect(page.get_by_text("You have evidence in 1 of the 1 leadership domain the role asks for")
           ).to_be_visible()
    page.get_by_role("link", name="Clinical lead for patient flow").click()
    expect(page.get_by_role("table")).to_contain_text("Why this role matches you")
    assert_accessible(page)
    page.get_by_label("A note to the trust (optional)").fill("Happy to talk any Tuesday.")
    page.get_by_role("button", name="I'm interested").click()
    expect(page.locator("#interest-status")).to_contain_text("Interested")
    assert_accessible(page)


def test_a_portfolio_form_can_be_completed_with_the_keyboard_alone(page, live_server, live_cast):
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.goto(f"{live_server.url}/portfolio/qualifications/add/")
    page.locator("#id_title").focus()
    page.keyboard.type("PGCert in Healthcare Leadership")
    page.keyboard.press("Tab")  # kind of qualification (a select)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("A university")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("2024")
    page.keyboard.press("Tab")  # the Save button
    page.keyboard.press("Enter")
    expect(page.locator("dt", has_text="PGCert in Healthcare Leadership")).to_be_visible()
    assert "/portfolio/" in page.url and "add" not in page.url


def test_print_view_and_preferences_are_accessible(page, live_server, live_cast):
    factories.EvidenceFactory(trainee=live_cast.trainee)
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    evidence = live_cast.trainee.evidence.first()
    for path in ("/portfolio/print/", "/preferences/", "/opportunities/", "/portfolio/viewers/",
                 "/equality/", "/mentoring/", "/delete-my-account/",
                 f"/portfolio/evidence/{evidence.uuid}/delete/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/portfolio/print/")
    assert page.locator("header.nhsuk-header").evaluate("el => getComputedStyle(el).display") == "none"
