"""Sign-in and every role's home page in real Chromium: NHS.UK styles, zero axe violations."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, nhsuk_styles_applied, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = [
    ("trainee_user", "Your leadership portfolio"),
    ("staff_a", "North West London: the leadership pipeline"),
    ("director_a", "Alderbrook Hospitals NHS Trust: leadership roles"),
    ("mentor_user", "Your mentees"),
    ("admin", "National overview"),
]


def test_sign_in_page_is_styled_and_accessible(page, live_server, live_cast):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert nhsuk_styles_applied(page)
    assert axe_violations(page) == []


def test_a_visitor_starts_on_the_start_page_and_signs_in_from_it(page, live_server, live_cast):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find and grow clinical leaders")
    assert nhsuk_styles_applied(page)
    assert axe_violations(page) == []
    start = page.get_by_role("button", name="Sign in", exact=True)
    start.or_(page.get_by_role("link", name="Sign in", exact=True)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(live_cast.staff_a.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North West London: the leadership pipeline")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find and grow clinical leaders")


def test_sign_in_errors_are_accessible_and_titled(page, live_server, live_cast):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_title("Error: Sign in – Clinical leadership pipeline – NHS")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your email address")
    assert axe_violations(page) == []


def test_sign_in_works_with_the_keyboard_alone(page, live_server, live_cast):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.keyboard.press("Tab")  # skip link first
    expect(page.locator(".nhsuk-skip-link")).to_be_focused()
    page.locator("#id_login").focus()
    page.keyboard.type(live_cast.staff_a.email)
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "North West London: the leadership pipeline")


@pytest.mark.parametrize("user_attr, heading", HOMES)
def test_each_roles_home_is_styled_and_accessible(page, live_server, live_cast, user_attr, heading):
    sign_in(page, live_server.url, getattr(live_cast, user_attr).email)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert nhsuk_styles_applied(page)
    assert axe_violations(page) == []


def test_the_accessibility_check_itself_catches_a_violation(page, live_server, live_cast):
    """Guards against an axe check that passes vacuously."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.evaluate("document.querySelector('#id_login').removeAttribute('id')")
    assert "label" in {v["id"] for v in axe_violations(page)}


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("user_attr, path", [
    (None, "/accounts/sign-in/"),
    ("trainee_user", "/portfolio/evidence/add/"),
    ("trainee_user", "/portfolio/"),
    ("staff_a", "/alumni/reports/"),
    ("director_a", "/roles/new/"),
    ("mentor_user", "/mentoring/profile/"),
])
def test_pages_break_no_rule_of_the_content_security_policy(browser, live_server, live_cast, user_attr, path):
    context = browser.new_context()  # CSP enforced: no bypass here
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    if user_attr:
        sign_in(page, live_server.url, getattr(live_cast, user_attr).email)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    assert nhsuk_styles_applied(page)
    context.close()
