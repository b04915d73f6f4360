"""Deanery staff close a trainee's account in real Chromium: find them, confirm with a
reason (refused without one), and see the account deactivated in its history."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_deactivate_a_trainees_account(page, live_server, live_cast):
    trainee = live_cast.trainee_user
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    assert axe_violations(page) == []
    page.get_by_label("Name or email address").fill("ashworth")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#people-count")).to_have_text("1 person matches.")
    page.get_by_role("link", name=trainee.get_full_name()).click()
    expect(page.locator("#account-status")).to_contain_text("Active")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Deactivate account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Yes, deactivate the account").click()  # no reason given
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the reason")
    assert axe_violations(page) == []
    page.get_by_label("Reason").fill("Left the training programme")
    page.get_by_role("button", name="Yes, deactivate the account").click()
    expect(page.locator("#account-status")).to_contain_text("Deactivated")
    expect(page.get_by_role("table")).to_contain_text("Left the training programme")
    assert axe_violations(page) == []
    assert not User.objects.get(pk=trainee.pk).is_active
