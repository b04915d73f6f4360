"""The trainee's journey through the pages: portfolio, consent, opportunities, exports."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pipeline.matching import services as matching
from pipeline.models import Interest, Match, MatchRun
from reference.models import FrameworkElement
from tests import factories
from tests.helpers import date_fields
from tests.pipeline.matching_scenarios import open_vacancy
from trainees.models import Evidence, Preferences, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast.trainee_user)
    return client



def evidence_form(**overrides) -> dict:
    element = FrameworkElement.objects.get(framework__code="mlcf", domain__number=2, number=1)
    data = {"title": "Built a regional trainee network", "element": str(element.pk),
            "level": "strong", "what_i_did": "Set up and chaired it.", "what_i_learned": "",
            "link": "", **date_fields("occurred_on", timezone.localdate() - dt.timedelta(days=3))}
    return {**data, **overrides}


def test_a_new_trainee_is_guided_to_a_first_entry(signed_in):
    html = signed_in.get(reverse("trainees:portfolio")).content.decode()
    assert "Add what you have done against the leadership frameworks" in html
    assert html.count("0 of 4 (0%)") == 5


def test_adding_evidence_changes_that_domains_completeness(signed_in, cast):
    response = signed_in.post(reverse("trainees:evidence-add"), evidence_form())
    assert response.status_code == 302
    assert Evidence.objects.filter(trainee=cast.trainee).count() == 1
    html = signed_in.get(reverse("trainees:portfolio")).content.decode()
    assert 'data-domain="2">1 of 4 (25%)' in html
    cast.trainee.refresh_from_db()
    assert cast.trainee.portfolio_updated_at is not None


def test_evidence_in_the_future_is_refused_with_a_clear_message(signed_in, cast):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = signed_in.post(reverse("trainees:evidence-add"),
                              evidence_form(**date_fields("occurred_on", tomorrow)))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<!DOCTYPE html>") and "<title>Error: Add evidence" in html
    assert "The date must be today or in the past" in html
    assert 'href="#id_occurred_on-day"' in html
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("parts, message", [
    ({"occurred_on[day]": "31", "occurred_on[month]": "2", "occurred_on[year]": "2025"},
     "Date must be a real date"),
    ({"occurred_on[day]": "", "occurred_on[month]": "2", "occurred_on[year]": "2025"},
     "Date must include a day"),
    ({"occurred_on[day]": "", "occurred_on[month]": "", "occurred_on[year]": ""}, "Enter date"),
])
def test_dates_that_make_no_sense_are_refused(signed_in, parts, message):
    html = signed_in.post(reverse("trainees:evidence-add"), evidence_form(**parts)).content.decode()
    assert message in html


def test_missing_fields_are_named(signed_in):
    html = signed_in.post(reverse("trainees:evidence-add"),
                          evidence_form(title="", element="", what_i_did="")).content.decode()
    assert "Enter title" in html and "Select framework element" in html and "Enter what you did" in html


def test_a_project_cannot_end_before_it_starts(signed_in):
    data = {"title": "Flow", "aim": "Better flow", "measures": "", "baseline": "", "outcome": "",
            "status": "in_progress", **date_fields("start_date", dt.date(2025, 5, 1)),
            **date_fields("end_date", dt.date(2025, 4, 1))}
    html = signed_in.post(reverse("trainees:projects-add"), data).content.decode()
    assert "The end date must be after the start date" in html
    assert not Project.objects.exists()


def test_a_completed_project_needs_its_outcome(signed_in):
    data = {"title": "Flow", "aim": "Better flow", "status": "completed",
            **date_fields("start_date", dt.date(2025, 5, 1))}
    html = signed_in.post(reverse("trainees:projects-add"), data).content.decode()
    assert "Enter the outcome of a completed project" in html


def test_removing_an_item_asks_first_then_removes_it(signed_in, cast):
    evidence = factories.EvidenceFactory(trainee=cast.trainee)
    url = reverse("trainees:evidence-delete", kwargs={"uuid": evidence.uuid})
    assert "Are you sure you want to remove" in signed_in.get(url).content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    signed_in.post(url)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_another_trainees_item_cannot_be_changed_or_removed(signed_in, cast):
    theirs = factories.EvidenceFactory(trainee=cast.other_trainee)
    for action in ("edit", "delete"):
        url = reverse(f"trainees:evidence-{action}", kwargs={"uuid": theirs.uuid})
        assert signed_in.post(url, evidence_form()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Led a sepsis screening improvement"


def test_editing_the_portfolio_triggers_one_coalesced_rematch(signed_in, cast,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        signed_in.post(reverse("trainees:evidence-add"), evidence_form())
        signed_in.post(reverse("trainees:evidence-add"), evidence_form(title="Second"))
    assert len(callbacks) >= 1
    assert MatchRun.objects.filter(kind="trainee", target=str(cast.trainee.pk)).exists()


def consent(client, answer: str = "yes", **extra) -> None:
    data = {"sessions_per_week": "2", "discoverable": answer, "weekly_roles_email": "yes", **extra}
    assert client.post(reverse("trainees:preferences"), data).status_code == 302


def test_consent_is_plain_and_recorded_with_its_time(signed_in, cast):
    html = signed_in.get(reverse("trainees:preferences")).content.decode()
    assert "They will not see your name, your GMC number" in html
    consent(signed_in)
    preferences = Preferences.objects.get(trainee=cast.trainee)
    assert preferences.discoverable and preferences.discoverable_consent_at is not None


def test_withdrawing_consent_hides_the_trainee_at_once(signed_in, cast):
    consent(signed_in)
    vacancy = open_vacancy(trust=cast.trust_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    assert Match.objects.filter(trainee=cast.trainee).exists()
    consent(signed_in, "no")
    assert not Match.objects.filter(trainee=cast.trainee).exists()
    assert not Preferences.objects.get(trainee=cast.trainee).discoverable


def test_opportunities_show_reasons_and_interest_is_recorded(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee)
    consent(signed_in)
    vacancy = open_vacancy(trust=cast.trust_a, title="Sepsis clinical lead")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    listing = signed_in.get(reverse("opportunities:list")).content.decode()
    assert "Sepsis clinical lead" in listing
    assert "You have evidence in 1 of the 1 leadership domain the role asks for" in listing
    url = reverse("opportunities:opportunity", kwargs={"uuid": vacancy.uuid})
    assert "Why this role matches you" in signed_in.get(url).content.decode()
    signed_in.post(url, {"action": "interested", "note": "Free on Tuesdays"})
    interest = Interest.objects.get(trainee=cast.trainee, vacancy=vacancy)
    assert (interest.status, interest.note) == ("interested", "Free on Tuesdays")
    assert "Interested" in signed_in.get(url).content.decode()
    signed_in.post(url, {"action": "withdraw"})
    interest.refresh_from_db()
    assert interest.status == "withdrawn"


def test_a_role_not_matched_to_the_trainee_is_not_found(signed_in, cast):
    vacancy = open_vacancy()
    url = reverse("opportunities:opportunity", kwargs={"uuid": vacancy.uuid})
    assert signed_in.get(url).status_code == 404


def test_hidden_trainees_are_told_how_to_see_opportunities(signed_in):
    assert "Agree to be found" in signed_in.get(reverse("opportunities:list")).content.decode()


def test_download_all_my_data_has_mine_and_nobody_elses(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee, title="My evidence")
    factories.EvidenceFactory(trainee=cast.other_trainee, title="Their evidence")
    response = signed_in.get(reverse("trainees:my-data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["trainee"]["gmc_number"] == cast.trainee.gmc_number
    assert [e["title"] for e in data["evidence"]] == ["My evidence"]
    assert "Their evidence" not in response.content.decode()


def test_the_print_view_has_the_whole_portfolio(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee, title="Printed evidence")
    html = signed_in.get(reverse("trainees:portfolio-print")).content.decode()
    assert "Printed evidence" in html and cast.trainee.gmc_number in html


def test_the_pdf_downloads_with_the_trainees_evidence(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee, title="Chaired the <b>rota</b> group & more")
    response = signed_in.get(reverse("trainees:portfolio-pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Chaired the <b>rota</b> group & more" in text  # shown as written, not as markup
    assert cast.trainee.gmc_number in text


def test_the_json_export_has_every_record_about_them(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee)
    factories.PlacementFactory(trainee=cast.trainee)
    factories.FellowshipFactory(trainee=cast.trainee)
    consent(signed_in)
    data = json.loads(signed_in.get(reverse("trainees:my-data")).content)
    assert {"trainee", "placements", "fellowships", "evidence", "projects", "qualifications", "roles",
            "preferences", "equality_monitoring", "portfolio_views", "matches", "interests",
            "mentor_requests", "mentorships", "emails", "round_choices", "round_outcomes",
            "stewardship"} <= set(data)
    assert len(data["evidence"]) == len(data["placements"]) == len(data["fellowships"]) == 1
    assert data["preferences"]["discoverable"] is True
