"""Deanery staff in real Chromium: dashboard → at-risk alumnus → assign mentor → engaged."""

import re

import pytest
from playwright.sync_api import expect

from pipeline.stewardship import stewardship_sweep
from tests import factories
from tests.browser.conftest import axe_violations, sign_in
from tests.pipeline.test_stewardship import alumnus_at_risk
from tests.trainees.test_imports import csv_bytes, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_bring_an_at_risk_alumnus_back(page, live_server, live_cast):
    trainee = alumnus_at_risk(region=live_cast.region_a, first_name="Rosalind", last_name="Achterberg")
    mentor = factories.MentorFactory(region=live_cast.region_a, capacity=2)
    stewardship_sweep()

    sign_in(page, live_server.url, live_cast.staff_a.email)
    assert axe_violations(page) == []
    page.get_by_role("link", name="1 at risk of being lost").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alumni: where are they now")
    assert axe_violations(page) == []
    page.get_by_role("link", name=trainee.full_name).click()
    expect(page.locator("#stewardship-status")).to_contain_text("At risk")
    expect(page.locator("#stewardship-reason")).to_contain_text("no leadership role, no mentor")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add note").click()  # nothing typed
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the note")
    expect(page.locator(".nhsuk-form-group--error")).to_contain_text("Enter the note")
    assert axe_violations(page) == []
    page.get_by_label("Assign a mentor").select_option(value=str(mentor.uuid))
    page.get_by_role("button", name="Assign mentor").click()
    expect(page.locator("#stewardship-status")).to_contain_text("Engaged")
    expect(page.locator("#stewardship-reason")).to_contain_text("has a mentor")
    assert axe_violations(page) == []


def test_staff_import_a_spreadsheet(page, live_server, live_cast, tmp_path):

    path = tmp_path / "trainees.csv"
    path.write_bytes(csv_bytes([row("1234567"), row("2345678")]))
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Import trainees").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the file").click()  # no file chosen
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select a CSV or XLSX file")
    assert axe_violations(page) == []
    with page.expect_file_chooser() as chooser:  # NHS.UK frontend's button, as a person uses it
        page.get_by_role("button", name="Upload a spreadsheet").click()
    chooser.value.set_files(str(path))
    expect(page.locator(".nhsuk-file-upload__status")).to_have_text("trainees.csv")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-status")).to_contain_text("Checked, not yet imported")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Import these trainees").click()
    expect(page.locator("#import-status")).to_contain_text("Imported")
    assert axe_violations(page) == []


def test_schemes_and_cohorts_pages_are_accessible(page, live_server, live_cast):
    cohort = factories.CohortFactory(region=live_cast.region_a)
    fellowship = factories.FellowshipFactory(cohort=cohort, trainee=live_cast.trainee, status="active",
                                             completed_on=None)
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Schemes and cohorts").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Fellowship in Clinical Leadership ('Darzi' Fellowship)").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=cohort.name).click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the trainee's GMC number")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Record completion").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Yes, record it").click()
    expect(page.get_by_role("table")).to_contain_text("Completed")
    fellowship.refresh_from_db()
    assert fellowship.status == "completed"
    page.goto(f"{live_server.url}/schemes/{cohort.scheme.uuid}/cohorts/new/")
    assert axe_violations(page) == []
    factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                trainee=factories.TraineeFactory(region=live_cast.region_a))
    factories.MentorFactory(region=live_cast.region_a, capacity=1)
    page.goto(f"{live_server.url}/schemes/cohorts/{cohort.uuid}/mentors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign mentors")
    assert axe_violations(page) == []


def test_the_report_page_is_accessible(page, live_server, live_cast):
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Reports").click()
    expect(page.locator("#funnel-summary")).to_contain_text("trainees with an interest in leadership")
    assert axe_violations(page) == []
    page.get_by_label("Break the pipeline down by").select_option("specialty")
    page.get_by_role("button", name="Show").click()
    assert axe_violations(page) == []
