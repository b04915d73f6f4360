"""Request → suggest → accept → meeting, in real Chromium, with axe on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import Mentorship
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_request_suggest_accept_meeting(page, browser, live_server, live_cast):
    live_cast.mentor.accepting = False
    live_cast.mentor.save()
    # A trainee has one mentor at a time: the cast trainee's mentorship has ended.
    Mentorship.objects.filter(trainee=live_cast.trainee).update(status="ended", ended_on=timezone.localdate())
    mentor = factories.MentorFactory(region=live_cast.region_a, capacity=2,
                                     user=factories.UserFactory(role="mentor", first_name="Marguerite",
                                                                last_name="Okonjo"))
    mentor.expertise.set([factories.mlcf_domain(3)])

    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.get_by_role("link", name="Mentoring").click()
    assert_accessible(page)
    page.get_by_role("button", name="Find mentors").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what you want from a mentor")
    assert_accessible(page)
    page.get_by_label("What you want from a mentor").fill("Get ready for a clinical director post")
    page.get_by_label("Managing Services").check()
    page.get_by_label("Yes, in my region").check()
    page.get_by_label("It does not matter").check()
    page.get_by_role("button", name="Find mentors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors suggested for you")
    expect(page.get_by_text("Expertise in Managing Services")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ask Marguerite Okonjo").click()
    expect(page.locator("#mentorship-status")).to_contain_text("Proposed")
    assert_accessible(page)

    mentor_context = browser.new_context(bypass_csp=True)
    mentor_page = mentor_context.new_page()
    sign_in(mentor_page, live_server.url, mentor.user.email)
    assert_accessible(mentor_page)
    mentor_page.get_by_role("link", name=live_cast.trainee.full_name).click()
    mentor_page.get_by_role("button", name="Accept this mentee").click()
    expect(mentor_page.locator("#mentorship-status")).to_contain_text("Active")
    assert_accessible(mentor_page)
    day = mentor_page.locator("#id_held_on-day")

    today = timezone.localdate()
    day.fill(str(today.day))
    mentor_page.locator("#id_held_on-month").fill(str(today.month))
    mentor_page.locator("#id_held_on-year").fill(str(today.year))
    mentor_page.get_by_label("Private notes").fill("Talked about the rota redesign")
    mentor_page.get_by_role("button", name="Log meeting").click()
    expect(mentor_page.get_by_text("Talked about the rota redesign")).to_be_visible()
    mentor_page.get_by_role("link", name="Your profile").click()
    assert_accessible(mentor_page)
    mentor_context.close()

    page.reload()
    expect(page.get_by_text("Talked about the rota redesign")).to_be_visible()
