"""An allocation round in real Chromium: staff set it up, a trainee ranks posts, the
director ranks applicants, staff run, review and publish, the trainee reads their outcome.
Every page on the way is checked with axe. Time passing (deadlines closing) is the only
thing done behind the browser's back."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from allocation import services
from allocation.models import AllocationRound
from tests import factories
from tests.browser.conftest import assert_accessible, fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def close_ranking(who: str) -> None:
    """Let time pass: the trainees' (then the directors') deadline is behind us."""
    today = timezone.localdate()
    if who == "trainees":
        AllocationRound.objects.update(trainee_deadline=today - dt.timedelta(days=1))
    else:
        AllocationRound.objects.update(trainee_deadline=today - dt.timedelta(days=2),
                                       director_deadline=today - dt.timedelta(days=1))


def new_page(browser, base_url: str, email: str):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, base_url, email)
    return context, page


def test_a_round_from_set_up_to_outcome(page, browser, live_server, live_cast):
    trust = live_cast.trust_a.name
    factories.VacancyFactory(trust=live_cast.trust_a, title="Ward flow lead")
    factories.VacancyFactory(trust=live_cast.trust_a, title="Theatre safety lead")
    rival = factories.TraineeFactory(region=live_cast.region_a, first_name="Rhea", last_name="Ventris")
    today = timezone.localdate()

    # Staff set the round up and open it.
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Allocation rounds").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Create a round").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the name of the round")
    assert_accessible(page)
    page.get_by_label("Name of the round").fill("Leadership fellowships 2027")
    fill_date(page, "trainee_deadline", today + dt.timedelta(days=7))
    fill_date(page, "director_deadline", today + dt.timedelta(days=14))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leadership fellowships 2027")
    assert_accessible(page)
    page.get_by_role("button", name="Change name and dates").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Delete this draft round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this draft round?")
    assert_accessible(page)
    page.get_by_role("link", name="No, go back").click()
    page.get_by_role("button", name="Choose posts").click()
    assert_accessible(page)
    page.get_by_label("Places in Ward flow lead").fill("1")
    page.get_by_label("Places in Theatre safety lead").fill("1")
    page.get_by_role("button", name="Save posts").click()
    expect(page.locator("table")).to_contain_text("Theatre safety lead")
    page.get_by_role("link", name="Open the round for ranking").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, open it").click()
    expect(page.locator("body")).to_contain_text("The round is open")
    page.get_by_role("link", name="Extend the deadlines").click()
    fill_date(page, "trainee_deadline", today + dt.timedelta(days=6))
    page.get_by_role("button", name="Save the deadlines").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("can only be moved later")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the round").click()
    round = AllocationRound.objects.get()

    # The trainee ranks both posts; a rival ranks the ward post too.
    trainee_context, trainee_page = new_page(browser, live_server.url, live_cast.trainee_user.email)
    expect(trainee_page.locator(".nhsuk-inset-text").first).to_contain_text(
        "Rank leadership posts in Leadership fellowships 2027")
    assert_accessible(trainee_page)  # the home page, pointing to the round
    trainee_page.get_by_role("link", name="Allocation rounds").first.click()
    assert_accessible(trainee_page)
    trainee_page.get_by_role("link", name="Rank posts").click()
    trainee_page.get_by_label("First choice").select_option(label=f"Ward flow lead, {trust}")
    trainee_page.get_by_label("Second choice").select_option(label=f"Ward flow lead, {trust}")
    trainee_page.get_by_role("button", name="Save your ranking").click()
    expect(trainee_page.locator(".nhsuk-error-summary")).to_contain_text("choose each post once")
    assert_accessible(trainee_page)
    trainee_page.get_by_label("Second choice").select_option(label=f"Theatre safety lead, {trust}")
    trainee_page.get_by_role("button", name="Save your ranking").click()
    expect(trainee_page.locator("body")).to_contain_text("Your ranking of 2 posts has been saved")
    assert_accessible(trainee_page)
    ward = round.posts.get(vacancy__title="Ward flow lead")
    services.choices_save(round=round, trainee=rival, posts=[ward])
    close_ranking("trainees")

    # The director ranks the ward post's applicants: the rival first.
    director_context, director_page = new_page(browser, live_server.url, live_cast.director_a.email)
    expect(director_page.locator(".nhsuk-inset-text").first).to_contain_text("Rank the applicants")
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Allocation rounds").first.click()
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Ward flow lead").click()
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Alice Ashworth").click()
    expect(director_page.get_by_role("heading", level=1)).to_have_text("Alice Ashworth")
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Back to the applicants").click()
    director_page.get_by_label("Rank for Rhea Ventris").select_option("1")
    director_page.get_by_label("Rank for Alice Ashworth").select_option("2")
    director_page.get_by_role("button", name="Save your ranking").click()
    expect(director_page.locator("body")).to_contain_text("Your ranking of 2 applicants has been saved")
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Leadership roles").first.click()
    director_page.get_by_role("link", name="Ward flow lead").click()
    expect(director_page.locator(".nhsuk-inset-text").first).to_contain_text(
        "This role is offered in the allocation round")
    assert_accessible(director_page)  # the role page, saying the round fills the role
    director_context.close()
    close_ranking("directors")

    # Staff are pointed to the round from home, run it, review it and publish.
    page.get_by_role("link", name="Home").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Leadership fellowships 2027").click()
    page.get_by_role("button", name="Run the round").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, run it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Result of the round")
    expect(page.locator("body")).to_contain_text(
        "Yes: running the round again on the same rankings gives this result")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the result").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.locator("body")).to_contain_text("The result is published")

    # The trainee reads their outcome, explained.
    trainee_page.get_by_role("link", name="Allocation rounds").first.click()
    trainee_page.get_by_role("link", name="See your outcome").click()
    expect(trainee_page.locator(".nhsuk-inset-text").first).to_contain_text(
        f"You have been placed in your second choice: Theatre safety lead at {trust}.")
    expect(trainee_page.locator("table")).to_contain_text(
        "Its place was filled by applicants its director ranked above you.")
    assert_accessible(trainee_page)
    trainee_page.get_by_role("link", name="portfolio", exact=True).click()
    expect(trainee_page.locator("body")).to_contain_text("Theatre safety lead")
    trainee_context.close()
