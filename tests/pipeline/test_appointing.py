"""Appointing a candidate: asked first, then the role is filled, on the pages and in the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from pipeline import services
from pipeline.matching import services as matching
from pipeline.models import Interest, Match, Vacancy
from pipeline.services import interest_express
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from trainees.models import LeadershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(client, cast):
    client.force_login(cast.director_a)
    return client


def interested(vacancy, **fields) -> Match:
    trainee = candidate(region=vacancy.trust.region, **fields)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    interest_express(trainee=trainee, vacancy=vacancy)
    return Match.objects.get(vacancy=vacancy, trainee=trainee)


def appoint_url(match: Match) -> str:
    return reverse("roles:appoint", kwargs={"uuid": match.vacancy.uuid, "match_uuid": match.uuid})


def test_appointing_asks_first_and_says_what_happens_next(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a, title="Associate medical director for flow")
    match = interested(vacancy, first_name="Imogen", last_name="Okonkwo")
    candidate_url = reverse("roles:candidate", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid})
    candidate_page = director.get(candidate_url).content.decode()
    assert f'href="{appoint_url(match)}"' in candidate_page
    html = director.get(appoint_url(match)).content.decode()
    assert "Appoint Imogen Okonkwo to Associate medical director for flow?" in html
    assert "marked as filled" in html and "Continue" in html and "Cancel" in html
    assert Interest.objects.get(trainee=match.trainee, vacancy=vacancy).status == "interested"
    assert not LeadershipRole.objects.filter(trainee=match.trainee).exists()


def test_continuing_appoints_and_fills_the_role(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    match = interested(vacancy)
    response = director.post(appoint_url(match))
    assert response.status_code == 302
    assert Interest.objects.get(trainee=match.trainee, vacancy=vacancy).status == "appointed"
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    assert LeadershipRole.objects.filter(trainee=match.trainee, vacancy=vacancy).exists()


def test_the_candidate_page_no_longer_appoints_without_asking(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    match = interested(vacancy)
    director.post(reverse("roles:candidate-action", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}),
                  {"action": "appoint"})
    assert Interest.objects.get(trainee=match.trainee, vacancy=vacancy).status == "interested"


def test_appointing_fills_the_role_in_the_service_the_api_uses(cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    first, second = interested(vacancy), interested(vacancy)
    services.candidate_decide(match=first, decision="appoint", by=cast.director_a)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    with pytest.raises(ValidationError, match="filled"):
        services.candidate_decide(match=second, decision="appoint", by=cast.director_a)


def test_a_filled_role_offers_no_appointment_and_says_why(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    first, second = interested(vacancy), interested(vacancy)
    services.candidate_appoint(match=first)
    candidate_page = director.get(reverse("roles:candidate", kwargs={
        "uuid": vacancy.uuid, "match_uuid": second.uuid})).content.decode()
    assert appoint_url(second) not in candidate_page
    html = director.get(appoint_url(second)).content.decode()
    assert "This role has been filled, so no one else can be appointed to it." in html
    assert ">Continue<" not in html
    html = director.post(appoint_url(second)).content.decode()
    assert "<title>Error: " in html and "This role has been filled" in html
    assert Interest.objects.get(trainee=second.trainee, vacancy=vacancy).status == "interested"


def test_the_api_appoint_fills_the_role(cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    match = interested(vacancy)
    api = APIClient()
    api.force_authenticate(cast.director_a)
    response = api.post(reverse("api:match-appoint", kwargs={"uuid": match.uuid}))
    assert response.status_code == 200, response.content
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
