"""What the API shows and does: tokens, anonymity, private notes, bulk upsert, writes."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import token_create
from allocation.services import round_publish
from mentoring.models import Meeting
from pipeline.models import Interest, Match, Vacancy
from tests import factories
from tests.test_url_permissions import round_at_stage
from trainees.models import PortfolioView, Trainee

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# -- personal API tokens ------------------------------------------------------------

def test_token_lifecycle_create_use_revoke(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(reverse("accounts:account"), {"name": "TIS nightly export"}, follow=True)
    token = ApiToken.objects.get(user=cast.staff_a)
    page = response.content.decode()
    secret = page.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("nlp_") and secret not in (token.digest, token.prefix)
    assert secret not in client.get(reverse("accounts:account")).content.decode(), "shown once only"

    used = bearer(secret).get(reverse("api:trainee-list"))
    assert used.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    confirm = client.get(reverse("accounts:token-revoke", args=[token.uuid]))
    assert "Are you sure" in confirm.content.decode()
    client.post(reverse("accounts:token-revoke", args=[token.uuid]))
    refused = bearer(secret).get(reverse("api:trainee-list"))
    assert refused.status_code == 401
    assert "not valid" in refused.json()["detail"]


def test_token_is_stored_only_as_a_digest(cast):
    token, raw = token_create(user=cast.director_a, name="Reports")
    stored = ApiToken.objects.filter(pk=token.pk).values_list("digest", "prefix", "name").get()
    assert raw not in stored
    assert bearer(raw).get(reverse("api:vacancy-list")).status_code == 200
    altered = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert bearer(altered).get(reverse("api:vacancy-list")).status_code == 401


def test_a_token_must_be_named_and_errors_say_so(client, cast):
    client.force_login(cast.trainee_user)
    response = client.post(reverse("accounts:account"), {"name": ""})
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_deactivated_users_token_is_refused(cast):
    _, raw = token_create(user=cast.mentor_user, name="Mine")
    cast.mentor_user.is_active = False
    cast.mentor_user.save()
    assert bearer(raw).get(reverse("api:mentor-list")).status_code == 401


def test_anonymous_gets_401_with_a_bearer_challenge():
    response = APIClient().get(reverse("api:region-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


# -- the same privacy as the pages --------------------------------------------------

@pytest.fixture
def matched(cast):
    vacancy = factories.VacancyFactory(trust=cast.trust_a)
    match = Match.objects.create(trainee=cast.trainee, vacancy=vacancy, score=70.0,
                                 computed_at=timezone.now(),
                                 reasons=[{"feature": "grade", "points": 70.0, "sentence": "Right grade"}])
    return vacancy, match


def test_director_sees_candidates_anonymised_until_interested(cast, matched):
    vacancy, match = matched
    client = as_user(cast.director_a)
    body = client.get(reverse("api:match-list"), {"vacancy": vacancy.uuid}).json()
    candidate = body["results"][0]["candidate"]
    assert candidate["identified"] is False
    assert candidate["name"] == candidate["email"] == ""
    text = str(body)
    for secret in (cast.trainee.first_name, cast.trainee.last_name, cast.trainee.email,
                   cast.trainee.gmc_number, str(cast.trainee.uuid)):
        assert secret not in text
    assert client.get(reverse("api:trainee-detail", args=[cast.trainee.uuid])).status_code == 404

    Interest.objects.create(trainee=cast.trainee, vacancy=vacancy, status="interested", note="Keen")
    candidate = client.get(reverse("api:match-detail", args=[match.uuid])).json()["candidate"]
    assert candidate["identified"] is True
    assert candidate["name"] == cast.trainee.full_name and candidate["note"] == "Keen"
    assert client.get(reverse("api:trainee-detail", args=[cast.trainee.uuid])).status_code == 200


def test_trainee_sees_own_matches_with_reasons_and_no_candidate_block(cast, matched):
    body = as_user(cast.trainee_user).get(reverse("api:match-list")).json()
    assert body["count"] == 1
    assert body["results"][0]["reasons"][0]["sentence"] == "Right grade"
    assert body["results"][0]["candidate"] is None
    assert as_user(cast.other_trainee_user).get(reverse("api:match-list")).json()["count"] == 0


def test_private_meeting_notes_and_equality_answers_never_leave(cast):
    mentorship = cast.trainee.mentorships.get()
    Meeting.objects.create(mentorship=mentorship, held_on=dt.date(2026, 1, 5),
                           private_notes="PRIVATE-NOTE-XYZ")
    for user in cast.users().values():
        client = as_user(user)
        for name in ("mentorship-list", "trainee-list", "mentor-list", "fellowship-list"):
            response = client.get(reverse(f"api:{name}"))
            assert "PRIVATE-NOTE-XYZ" not in response.content.decode()
        detail = client.get(reverse("api:trainee-detail", args=[cast.trainee.uuid]))
        assert "ethnic" not in detail.content.decode() and "disability" not in detail.content.decode()


def test_opening_a_trainee_is_logged_for_their_viewers_page(cast):
    as_user(cast.staff_a).get(reverse("api:trainee-detail", args=[cast.trainee.uuid]))
    view = PortfolioView.objects.get(trainee=cast.trainee)
    assert view.viewer == cast.staff_a and view.where == "API"
    as_user(cast.trainee_user).get(reverse("api:trainee-detail", args=[cast.trainee.uuid]))
    assert PortfolioView.objects.count() == 1, "the trainee reading their own record is not a view"


def test_trainee_detail_carries_placements_and_portfolio(cast):
    factories.EvidenceFactory(trainee=cast.trainee, title="Led the sepsis audit")
    body = as_user(cast.trainee_user).get(reverse("api:trainee-detail", args=[cast.trainee.uuid])).json()
    assert body["evidence"][0]["title"] == "Led the sepsis audit"
    assert {"placements", "projects", "qualifications", "leadership_roles"} <= set(body)


# -- writes go through the services -------------------------------------------------

def vacancy_body(**changes) -> dict:
    today = timezone.localdate()
    return {"title": "Clinical lead for frailty", "role_type": "clinical-lead",
            "description": "Lead the frailty pathway redesign.", "required_domains": [1, 3],
            "min_grade": "ST3", "max_grade": "ST8", "specialties": [], "sessions_per_week": 2,
            "location": "Main site", "remote_possible": False,
            "start_date": str(today + dt.timedelta(days=120)),
            "closing_date": str(today + dt.timedelta(days=30)), **changes}


def test_director_posts_then_publishes_a_role(cast):
    client = as_user(cast.director_a)
    created = client.post(reverse("api:vacancy-list"), vacancy_body(), format="json")
    assert created.status_code == 201, created.content
    vacancy = Vacancy.objects.get(uuid=created.json()["uuid"])
    assert (vacancy.trust, vacancy.status, vacancy.created_by) == (cast.trust_a, "draft", cast.director_a)
    assert sorted(vacancy.required_domains.values_list("number", flat=True)) == [1, 3]
    assert client.post(reverse("api:vacancy-publish", args=[vacancy.uuid])).json()["status"] == "open"
    again = client.post(reverse("api:vacancy-publish", args=[vacancy.uuid]))
    assert again.status_code == 409 and "Only a draft can be published" in again.json()["detail"]


def test_the_services_rules_refuse_with_409_and_the_reasons(cast):
    body = vacancy_body(min_grade="ST8", max_grade="ST3", closing_date=str(dt.date(2020, 1, 1)))
    response = as_user(cast.director_a).post(reverse("api:vacancy-list"), body, format="json")
    assert response.status_code == 409
    assert "The most senior grade must not be junior" in response.json()["detail"]
    assert "The closing date must be in the future" in response.json()["detail"]
    assert not Vacancy.objects.exists()


def test_malformed_requests_are_400_with_the_fields_at_fault(cast):
    body = vacancy_body(min_grade="XX9", sessions_per_week=40)
    response = as_user(cast.director_a).post(reverse("api:vacancy-list"), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"min_grade", "sessions_per_week"}


def test_trainee_expresses_then_withdraws_interest(cast, matched):
    vacancy, _ = matched
    client = as_user(cast.trainee_user)
    created = client.post(reverse("api:interest-list"), {"vacancy": str(vacancy.uuid), "note": "Yes"},
                          format="json")
    assert created.status_code == 201 and created.json()["status"] == "interested"
    withdrawn = client.post(reverse("api:interest-withdraw", args=[created.json()["uuid"]]))
    assert withdrawn.json()["status"] == "withdrawn"
    unmatched = factories.VacancyFactory(trust=cast.trust_b)
    refused = client.post(reverse("api:interest-list"), {"vacancy": str(unmatched.uuid)}, format="json")
    assert refused.status_code == 409 and "not one of your matched opportunities" in refused.json()["detail"]


def test_lists_refuse_unknown_ordering_and_filter_values(cast):
    client = as_user(cast.staff_a)
    assert client.get(reverse("api:trainee-list"), {"ordering": "email"}).status_code == 400
    assert client.get(reverse("api:trainee-list"), {"ordering": ""}).status_code == 400  # given, empty
    assert client.get(reverse("api:fellowship-list"), {"status": "nonsense"}).status_code == 400
    assert client.get(reverse("api:trainee-list"), {"ordering": "-last_name"}).status_code == 200


def test_lists_are_paginated(cast):
    factories.TraineeFactory.create_batch(55, region=cast.region_a)
    body = as_user(cast.staff_a).get(reverse("api:trainee-list")).json()
    assert body["count"] == 56 and len(body["results"]) == 50 and body["next"]


# -- bulk upsert by GMC number ------------------------------------------------------

def row(gmc: str, **changes) -> dict:
    return {"gmc_number": gmc, "first_name": "Ada", "last_name": "Okafor", "email": f"{gmc}@example.org",
            "grade": "ST4", "specialty": "Cardiology", "region": "north-west-london", "current_trust": "",
            **changes}


def test_bulk_upsert_creates_and_updates_by_gmc_number(cast):
    client = as_user(cast.staff_a)
    url = reverse("api:trainee-bulk-upsert")
    first = client.post(url, {"rows": [row("7000001"), row("7000002")]}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["counts"]["create"] == 2 and first.json()["written"] is True
    again = client.post(url, {"rows": [row("7000001"), row("7000002", last_name="Mensah")]}, format="json")
    assert again.json()["counts"] == {"create": 0, "update": 1, "unchanged": 1, "refused": 0}
    assert Trainee.objects.get(gmc_number="7000002").last_name == "Mensah"


def test_bulk_upsert_is_all_or_nothing_with_a_row_by_row_report(cast):
    response = as_user(cast.staff_a).post(reverse("api:trainee-bulk-upsert"), {"rows": [
        row("7000011"), row("12"), row("7000013", grade="XX1"), row("7000014", region="north-east"),
    ]}, format="json")
    assert response.status_code == 409
    report = response.json()
    assert report["written"] is False and report["counts"]["refused"] == 3
    refused = {r["row"]: r["errors"] for r in report["rows"] if r["action"] == "refused"}
    assert set(refused) == {2, 3, 4}
    assert "not 7 digits" in refused[2][0] and "Unknown grade" in refused[3][0]
    assert "not yours" in refused[4][0]
    assert not Trainee.objects.filter(gmc_number="7000011").exists()


def test_bulk_upsert_dry_run_writes_nothing(cast):
    response = as_user(cast.admin).post(reverse("api:trainee-bulk-upsert"),
                                        {"rows": [row("7000021")], "dry_run": True}, format="json")
    assert response.status_code == 200 and response.json()["counts"]["create"] == 1
    assert response.json()["written"] is False
    assert not Trainee.objects.filter(gmc_number="7000021").exists()


def test_hostile_text_comes_back_as_data_not_markup(cast):
    hostile = '<script>alert(1)</script>=HYPERLINK("http://x")'
    as_user(cast.staff_a).post(reverse("api:trainee-bulk-upsert"),
                               {"rows": [row("7000031", last_name=hostile)]}, format="json")
    response = as_user(cast.staff_a).get(reverse("api:trainee-list"), {"gmc_number": "7000031"})
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"][0]["last_name"] == hostile


def test_placements_are_seen_by_staff_once_run_and_by_the_trainee_and_director_once_published(cast):
    post = round_at_stage(cast, "matched")
    url = reverse("api:placement-list")

    def seen_by(user) -> list[dict]:
        client = APIClient()
        client.force_authenticate(user)
        return client.get(url, {"round": str(post.round.uuid)}).json()["results"]

    expected = [{"round": str(post.round.uuid), "trainee": str(cast.trainee.uuid),
                 "gmc_number": cast.trainee.gmc_number, "vacancy": str(post.vacancy.uuid),
                 "vacancy_title": post.vacancy.title}]
    assert seen_by(cast.staff_a) == expected
    assert seen_by(cast.trainee_user) == seen_by(cast.director_a) == []  # not yet published
    assert seen_by(cast.staff_b) == []
    round_publish(round=post.round, by=cast.staff_a)
    assert seen_by(cast.trainee_user) == seen_by(cast.director_a) == expected
    assert seen_by(cast.other_trainee_user) == seen_by(cast.director_b) == []


# -- server errors: JSON, nothing of what went wrong --------------------------------

def _broken(*args, **kwargs):
    raise RuntimeError("SECRET-INTERNALS at /srv/app/settings.py")


# An API view (DRF's exception handler answers) and a page under /api/ (handler500 answers).
BREAKABLE = {"api:trainee-list": "api.views.records.trainees_for", "api-docs": "api.docs._operations"}


@pytest.mark.parametrize("name", BREAKABLE)
def test_a_server_error_in_the_api_is_json_without_internals(cast, monkeypatch, name):
    monkeypatch.setattr(BREAKABLE[name], _broken)
    client = as_user(cast.staff_a)
    client.raise_request_exception = False
    response = client.get(reverse(name))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Sorry, there is a problem with the service. Try again later."}
    for internal in ("SECRET-INTERNALS", "RuntimeError", "Traceback", "settings.py"):
        assert internal not in response.content.decode()


@pytest.mark.parametrize("name", BREAKABLE)
def test_the_database_out_of_reach_is_a_json_503_to_try_again(cast, name):
    if connection.vendor != "postgresql":
        pytest.skip("a server to be out of reach: PostgreSQL (CI)")
    client = as_user(cast.staff_a)
    client.raise_request_exception = False
    saved = dict(connection.settings_dict)
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        connection.close()
        response = client.get(reverse(name))
    finally:
        connection.settings_dict.update(saved)
        connection.close()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert response["Content-Type"] == "application/json"
    assert "Try again shortly" in response.json()["detail"]
    assert "OperationalError" not in response.content.decode()
