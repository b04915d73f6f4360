"""The account page's API tokens and the API documentation, in real Chromium with axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, nhsuk_styles_applied, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_token_journey_create_see_once_and_revoke(page, live_server, live_cast):
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.locator(".nhsuk-header__account").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)

    page.get_by_role("button", name="Create token").click()  # no name: a clear error
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a name for the token")
    assert_accessible(page)

    page.get_by_label("Token name").fill("TIS nightly export")
    page.get_by_label("Token name").press("Enter")
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("nlp_")
    expect(page.get_by_text("It stops working on")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Expires")).to_be_visible()
    assert_accessible(page)
    page.goto(page.url)  # the account page read again (a GET): the secret is not shown again
    expect(page.locator("#new-token")).to_have_count(0)

    api = page.request.get(f"{live_server.url}/api/v1/trainees/",
                           headers={"Authorization": f"Bearer {secret}"})
    assert api.status == 200

    page.get_by_role("link", name="Revoke TIS nightly export").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, revoke it").click()
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("has been revoked")
    refused = page.request.get(f"{live_server.url}/api/v1/trainees/",
                               headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_api_documentation_is_an_accessible_nhs_page(page, live_server, live_cast):
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Clinical leadership talent pipeline API")
    expect(page.locator("#op-trainees_bulk_upsert_create")).to_be_visible()
    assert nhsuk_styles_applied(page)
    assert_accessible(page)
