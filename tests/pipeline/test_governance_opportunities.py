"""Governance roles and short projects (issue #20): a trust offers committee seats, mortality
and morbidity meeting roles, inspection roles and short improvement projects as well as posts;
they are matched like posts, and once the trust confirms someone took part it becomes
evidence in their portfolio."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.personal_data import history_model
from pipeline import rules
from pipeline.matching import services as matching
from pipeline.models import Interest, Match, Vacancy
from pipeline.services import interest_express, taking_part_confirm
from reference.models import FrameworkElement, LeadershipRoleType
from tests import factories
from tests.clock import TODAY
from tests.helpers import date_fields
from tests.pipeline.matching_scenarios import candidate
from trainees.models import Evidence

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def element(domain: int = 2, number: int = 4) -> FrameworkElement:
    return FrameworkElement.objects.mlcf().get(domain__number=domain, number=number)


def seat_form(**overrides) -> dict:
    data = {"title": "Trainee seat on the patient safety committee",
            "description": "Bring the trainees' view to the monthly patient safety committee.",
            "required_domains": [str(factories.mlcf_domain(2).pk)],
            "min_grade": str(factories.grade("ST3").pk), "max_grade": str(factories.grade("ST8").pk),
            "hours": "24", "element": str(element().pk), "location": "Main site", "remote_possible": "no",
            **date_fields("closing_date", TODAY + dt.timedelta(days=20)),
            **date_fields("start_date", TODAY + dt.timedelta(days=30)),
            **date_fields("ends_on", TODAY + dt.timedelta(days=30 + 7 * 26))}
    return {**data, **overrides}


def governance(kind: str = Vacancy.Kind.COMMITTEE, **fields) -> Vacancy:
    """An open governance opportunity of trust `trust`, saved as the service saves it."""
    vacancy = factories.VacancyFactory(
        kind=kind, hours=fields.pop("hours", 24), ends_on=TODAY + dt.timedelta(days=200),
        element=element(), role_type=LeadershipRoleType.objects.get(
            code={"committee": "committee-seat", "mortality_meeting": "mortality-meeting-role",
                  "inspection": "inspection-role", "short_project": "short-improvement-project"}[kind]),
        sessions_per_week=1, **fields)
    return vacancy


@pytest.fixture
def director(client, cast):
    client.force_login(cast.director_a)
    return client


def test_the_director_is_asked_what_they_offer_before_the_form(director):
    page = director.get(reverse("roles:new")).content.decode()
    assert "What are you offering?" in page and "Committee seat" in page and '<form method="get"' in page
    unanswered = director.get(reverse("roles:new") + "?kind=").content.decode()
    assert "Select what you are offering" in unanswered
    seat = director.get(reverse("roles:new") + "?kind=committee").content.decode()
    assert "Offer a committee seat" in seat and "Hours in all" in seat and "Sessions a week" not in seat
    post = director.get(reverse("roles:new") + "?kind=post").content.decode()
    assert "Sessions a week" in post and "Hours in all" not in post


@pytest.mark.parametrize("overrides, message", [
    ({"hours": ""}, "Enter how many hours it will take in all"),
    ({"hours": "0"}, "Hours must be between 1 and 300"),
    ({"hours": "301"}, "Hours must be between 1 and 300"),
    ({"element": ""}, "Select what taking part is evidence of"),
    ({"ends_on[day]": "", "ends_on[month]": "", "ends_on[year]": ""}, "Enter the end date"),
    (date_fields("ends_on", TODAY + dt.timedelta(days=29)),
     "The end date must be on or after the start date"),
])
def test_a_governance_role_needs_its_hours_end_date_and_element(director, overrides, message):
    response = director.post(reverse("roles:new") + "?kind=committee", seat_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vacancy.objects.filter(kind="committee").exists()


def test_a_committee_seat_takes_its_kind_of_role_and_counts_as_sessions_from_its_hours(director, cast):
    response = director.post(reverse("roles:new") + "?kind=committee", seat_form(hours="200"))
    seat = Vacancy.objects.get(kind="committee")
    assert response.url == reverse("roles:detail", kwargs={"uuid": seat.uuid})
    assert (seat.role_type.code, seat.hours, seat.element, seat.trust) == ("committee-seat", 200, element(),
                                                                            cast.trust_a)
    # 200 hours over 27 weeks, in half days of 4 hours: 2 sessions a week.
    assert seat.sessions_per_week == rules.sessions_for_hours(200, seat.start_date, seat.ends_on) == 2
    page = director.get(response.url).content.decode()
    assert "200 hours in all" in page and "Publish this committee seat" in page


@pytest.mark.parametrize("hours, days, sessions", [(1, 0, 1), (4, 6, 1), (40, 6, 10), (80, 13, 10),
                                                   (300, 364, 2), (24, 27, 2), (20, 181, 1)])
def test_sessions_for_hours_spreads_the_hours_over_the_weeks(hours, days, sessions):
    """Hours a week in half days of 4 hours, rounded up, from 1 to 10."""
    start = dt.date(2027, 1, 4)
    assert rules.sessions_for_hours(hours, start, start + dt.timedelta(days=days)) == sessions


def test_the_database_refuses_a_kind_without_what_it_needs():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.VacancyFactory(kind=Vacancy.Kind.INSPECTION)  # no hours, end date or element
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.VacancyFactory(hours=10)  # a post with hours


def test_a_trainee_who_wants_committee_seats_sees_them_higher(cast):
    seat = governance(trust=cast.trust_a)
    keen, indifferent = candidate(region=cast.region_a), candidate(region=cast.region_a)
    keen.preferences.role_types.set([seat.role_type])
    matching.match_vacancy(vacancy_id=seat.pk)
    scores = dict(Match.objects.filter(vacancy=seat).values_list("trainee_id", "score"))
    assert scores[keen.pk] > scores[indifferent.pk]


def interested_in(vacancy: Vacancy, cast):
    trainee = candidate(region=cast.region_a, user=factories.UserFactory(role="trainee"))
    match = Match.objects.create(trainee=trainee, vacancy=vacancy, score=60.0, computed_at=timezone.now())
    interest_express(trainee=trainee, vacancy=vacancy)
    return match


def test_confirming_they_took_part_adds_evidence_once_with_who_confirmed(director, cast):
    seat = governance(trust=cast.trust_a)
    match = interested_in(seat, cast)
    url = reverse("roles:candidate", kwargs={"uuid": seat.uuid, "match_uuid": match.uuid})
    assert "Confirm they took part" in director.get(url).content.decode()
    action = reverse("roles:candidate-action", kwargs={"uuid": seat.uuid, "match_uuid": match.uuid})
    director.post(action, {"action": "confirm"})
    director.post(action, {"action": "confirm"})  # again, as a double click would
    evidence = Evidence.objects.get(trainee=match.trainee, element=element())
    assert (evidence.element, evidence.title) == (element(), f"Committee seat: {seat.title}")
    interest = Interest.objects.get(trainee=match.trainee, vacancy=seat)
    assert interest.evidence == evidence and interest.took_part_confirmed_at is not None
    history = history_model(Interest)._default_manager.filter(id=interest.pk,
                                                              took_part_confirmed_at__isnull=False)
    assert [row.history_user for row in history] == [cast.director_a]  # recorded once, by them
    page = director.get(url).content.decode()
    assert "You confirmed they took part" in page and "Confirm they took part" not in page


def test_the_trainee_sees_the_evidence_in_their_portfolio(client, cast):
    seat = governance(trust=cast.trust_a)
    match = interested_in(seat, cast)
    taking_part_confirm(match=match)
    client.force_login(match.trainee.user)
    assert f"Committee seat: {seat.title}" in client.get(reverse("trainees:portfolio")).content.decode()
    page = client.get(reverse("opportunities:opportunity", kwargs={"uuid": seat.uuid})).content.decode()
    assert "The trust confirmed you took part" in page


def test_a_post_or_an_uninterested_candidate_cannot_be_confirmed(cast):
    post = factories.VacancyFactory(trust=cast.trust_a)
    match = interested_in(post, cast)
    with pytest.raises(Exception, match="appoint"):
        taking_part_confirm(match=match)
    seat = governance(trust=cast.trust_a)
    unasked = Match.objects.create(trainee=candidate(region=cast.region_a), vacancy=seat, score=50.0,
                                   computed_at=timezone.now())
    with pytest.raises(Exception, match="said they are interested"):
        taking_part_confirm(match=unasked)
    assert not Evidence.objects.filter(title__startswith="Committee seat").exists()


def test_an_anonymous_candidate_stays_anonymous_for_a_governance_role(director, cast):
    seat = governance(trust=cast.trust_a)
    trainee = candidate(region=cast.region_a, first_name="Zebedee", last_name="Quorum")
    match = Match.objects.create(trainee=trainee, vacancy=seat, score=70.0, computed_at=timezone.now())
    url = reverse("roles:candidate", kwargs={"uuid": seat.uuid, "match_uuid": match.uuid})
    page = director.get(url).content.decode()
    assert "Quorum" not in page and "Confirm they took part" not in page


def test_the_api_posts_a_committee_seat_with_what_the_form_asks(cast):
    api = APIClient()
    api.force_authenticate(cast.director_a)
    body = {"kind": "committee", "title": "Trainee seat on the board", "description": "Sit on the board.",
            "required_domains": [2], "min_grade": "ST3", "max_grade": "ST8", "location": "Main site",
            "start_date": str(TODAY + dt.timedelta(days=30)),
            "closing_date": str(TODAY + dt.timedelta(days=20)),
            "ends_on": str(TODAY + dt.timedelta(days=120))}
    refused = api.post(reverse("api:vacancy-list"), body, format="json")
    assert refused.status_code == 409  # well formed, refused by a rule of the service
    assert refused.json()["errors"] == ["Enter how many hours it will take in all",
                                        "Select what taking part is evidence of"]
    saved = api.post(reverse("api:vacancy-list"), {**body, "hours": 12, "element": "2.4"}, format="json")
    assert saved.status_code == 201, saved.json()
    data = saved.json()
    assert (data["kind"], data["hours"], data["element"], data["role_type"]) == ("committee", 12, "2.4",
                                                                                  "committee-seat")
    changed = api.patch(reverse("api:vacancy-detail", kwargs={"uuid": data["uuid"]}), {"kind": "post"},
                        format="json")
    assert changed.status_code == 409
    assert changed.json()["detail"] == "The kind cannot be changed once it is posted."
