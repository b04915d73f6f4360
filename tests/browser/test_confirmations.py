"""Pages that ask before something that cannot be undone, and a role no longer open, in real
Chromium: each reads right and passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Mentorship
from pipeline.matching import services as matching
from pipeline.models import Match, Vacancy
from pipeline.services import interest_express
from tests.browser.conftest import assert_accessible, sign_in
from tests.pipeline.matching_scenarios import candidate, open_vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mentee_ends_their_mentorship_after_saying_yes(page, live_server, live_cast):
    mentorship = Mentorship.objects.get(trainee=live_cast.trainee)
    sign_in(page, live_server.url, live_cast.trainee_user.email)
    page.goto(live_server.url + reverse("mentoring:mentorship", kwargs={"uuid": mentorship.uuid}))
    page.get_by_label("Your feedback on the mentorship").fill("A year of good advice")
    page.get_by_role("button", name="End the mentorship").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("End your mentorship with")
    expect(page.locator("main")).to_contain_text("A year of good advice")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, end the mentorship").click()
    expect(page.locator("#mentorship-status")).to_have_text("Ended")


def test_a_closed_role_shows_who_said_they_were_interested(page, live_server, live_cast):
    vacancy = open_vacancy(trust=live_cast.trust_a, title="Sepsis clinical lead")
    keen = candidate(region=live_cast.region_a, first_name="Priya", last_name="Lindqvist")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    interest_express(trainee=keen, vacancy=vacancy)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    Match.objects.filter(vacancy=vacancy).delete()  # as the sweep does once a role closes
    sign_in(page, live_server.url, live_cast.director_a.email)
    page.goto(live_server.url + reverse("roles:detail", kwargs={"uuid": vacancy.uuid}))
    page.get_by_role("button", name="See who was interested").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who said they were interested")
    expect(page.locator("main")).to_contain_text("Priya Lindqvist")
    assert_accessible(page)
