"""A new starter shares an idea, the receiving trust's lead answers it, the trainee reads the
answer and makes it a project: in real Chromium, with axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.ideas.helpers import invite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainee_shares_an_idea_the_lead_answers_and_the_trainee_reads_it(page, browser, live_server,
                                                                         live_cast):
    invite(live_cast.trainee, live_cast.trust_a)
    trust = live_cast.trust_a.name

    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.get_by_role("link", name=f"Share an idea with {trust}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Share an idea with {trust}")
    assert_accessible(page)
    page.get_by_role("button", name="Send your idea").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your idea in a few words")
    expect(page).to_have_title(re.compile(f"^Error: Share an idea with {trust} –"))
    assert_accessible(page)
    page.get_by_label("Handover and communication").check()
    page.get_by_label("Your idea in a few words").fill("Weekend handover checklist")
    page.get_by_label("What worked better, and how could it work here?").fill(
        "A one-page checklist for Friday handover cut weekend bleeps by half.")
    page.get_by_label("Do not give my name to the trust").check()
    page.get_by_role("button", name="Send your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekend handover checklist")
    expect(page.locator("#idea-answer")).to_have_text("Not answered yet.")
    assert_accessible(page)

    director_context = browser.new_context(bypass_csp=True)
    director = director_context.new_page()
    sign_in(director, live_server.url, live_cast.director_a.email)
    director.get_by_role("link", name="Ideas from new starters").first.click()
    expect(director.get_by_role("heading", level=1)).to_have_text("Ideas from new starters")
    assert_accessible(director)
    director.get_by_role("link", name="Weekend handover checklist").click()
    expect(director.get_by_text("A trainee (they chose not to give their name)")).to_be_visible()
    expect(director.get_by_text(live_cast.trainee.full_name)).to_have_count(0)
    director.get_by_label("Tried").check()
    director.get_by_role("button", name="Send your answer").click()
    expect(director.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter what happened when the trust tried it")
    assert_accessible(director)
    director.get_by_label("Tried").check()
    director.get_by_label("What happened, or why not").fill("Weekend bleeps fell by a third.")
    director.get_by_role("button", name="Send your answer").click()
    expect(director.get_by_text("Your answer has been sent to the trainee.")).to_be_visible()
    expect(director.get_by_role("button", name="Send your answer")).to_have_count(0)
    assert_accessible(director)
    director_context.close()

    page.reload()
    expect(page.locator("#idea-answer")).to_have_text("Tried: Weekend bleeps fell by a third.")
    page.get_by_role("button", name="Add it to my portfolio").click()
    expect(page.get_by_text("Your idea is now an improvement project in your portfolio.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to ideas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ideas")
    expect(page.locator("table")).to_contain_text("Tried")
    assert_accessible(page)
