"""Two-factor sign-in in Chromium: a member of staff, who must use it, sets up an authenticator
app straight after signing in, keeps the recovery codes, then signs in again with a code."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD
from tests.helpers import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_staff_set_up_two_factor_sign_in_then_sign_in_with_a_code(page, live_server, live_cast, settings):
    settings.MFA_REQUIRED_ROLES = ["deanery_staff", "medical_director", "administrator"]
    staff = live_cast.staff_a
    sign_in_with_password(page, live_server.url, staff.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_text("Your role must sign in with two factors")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Set up the app").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the code from your authenticator app")
    assert_accessible(page)
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Set up the app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").or_(page.get_by_role("link", name="Continue")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North West London: the leadership pipeline")

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, live_server.url, staff.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The code is not correct")
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North West London: the leadership pipeline")

    page.goto(f"{live_server.url}/accounts/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    assert_accessible(page)
