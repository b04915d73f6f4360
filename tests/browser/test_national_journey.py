"""The national view in real Chromium, with axe on every page: a national scheme lead sees
their scheme across regions and opens a fellow; an administrator opens the national pipeline
and downloads the forecast."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _darzi_fellows(cast) -> list:
    """A Darzi alumnus in region A and an active Darzi fellow in region B."""
    alumnus = factories.FellowshipFactory(trainee=factories.TraineeFactory(
        region=cast.region_a, first_name="Priya", last_name="Okafor")).trainee
    cohort = factories.CohortFactory(start_date=factories.TODAY - dt.timedelta(days=100),
                                     end_date=factories.TODAY + dt.timedelta(days=200))
    in_b = factories.TraineeFactory(region=cast.region_b, first_name="Ewan", last_name="Fraser")
    fellow = factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None, trainee=in_b)
    return [alumnus, fellow.trainee]


def test_a_national_lead_sees_their_scheme_across_regions_and_opens_a_fellow(page, live_server, live_cast):
    alumnus, fellow = _darzi_fellows(live_cast)
    sign_in(page, live_server.url, live_cast.scheme_lead.email)
    expect(page.get_by_role("heading", name="Your schemes across every region")).to_be_visible()
    table = page.locator("table").first
    expect(table).to_contain_text(live_cast.region_a.name)
    expect(table).to_contain_text(live_cast.region_b.name)
    assert_accessible(page)

    page.get_by_role("link", name="See the Darzi Fellowship's fellows and alumni").click()
    expect(page.get_by_role("heading", name="Fellows and alumni")).to_be_visible()
    expect(page.locator("main")).to_contain_text(alumnus.full_name)
    assert_accessible(page)

    page.get_by_role("link", name=fellow.full_name).click()
    expect(page.get_by_role("heading", name=fellow.full_name)).to_be_visible()
    expect(page.locator("main")).to_contain_text(live_cast.region_b.name)
    assert_accessible(page)

    page.get_by_role("link", name="Forecast").first.click()
    expect(page.get_by_role("heading", name="Forecast for the next 24 months")).to_be_visible()
    assert_accessible(page)


def test_an_administrator_opens_the_national_pipeline_and_downloads_the_forecast(page, live_server,
                                                                                 live_cast):
    _darzi_fellows(live_cast)
    sign_in(page, live_server.url, live_cast.admin.email)
    page.get_by_role("link", name="The national pipeline by scheme and region").click()
    expect(page.get_by_role("heading", name="The national pipeline by scheme and region")).to_be_visible()
    expect(page.locator("main")).to_contain_text("withheld")  # 1 fellow in each region
    assert_accessible(page)

    page.get_by_role("link", name="Forecast", exact=True).click()
    expect(page.get_by_role("heading", name="Forecast for the next 24 months")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the forecast (CSV)").click()
    assert download.value.suggested_filename.startswith("forecast-national-")
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert body.startswith("What,Month,Region or kind of role,Number")
    assert "1" not in {line.rsplit(",", 1)[-1] for line in body.splitlines() if line.startswith("Fellows")}


def test_an_administrator_makes_someone_the_national_lead_of_a_scheme(page, live_server, live_cast):
    """Invited as a national scheme lead, someone sees nothing until an administrator chooses
    them on the scheme's page; then the scheme is on their home page."""
    sign_in(page, live_server.url, live_cast.admin.email)
    page.goto(f"{live_server.url}/schemes/")
    nmdcf = "NHS Medical Director's Clinical Fellow Scheme (FMLM)"
    page.get_by_role("link", name=nmdcf).click()
    expect(page.locator("#no-scheme-leads")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change the scheme's facts and leads").click()
    page.get_by_label(f"{live_cast.scheme_lead.get_full_name()} ({live_cast.scheme_lead.email})").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the facts").click()
    expect(page.locator("#scheme-leads")).to_contain_text(live_cast.scheme_lead.email)
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server.url, live_cast.scheme_lead.email)
    expect(page.get_by_role("heading", name=nmdcf)).to_be_visible()
