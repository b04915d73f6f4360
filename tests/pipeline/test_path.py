"""A trainee's "Your path" page: fellowships, return plan, roles held, CCT and what comes next."""

import datetime as dt

import pytest
from django.urls import reverse

from mentoring.models import Mentorship
from pipeline.matching.facts import load_trainee_facts
from pipeline.path import path_of
from pipeline.return_plans import return_plans_open
from schemes.models import Fellowship
from tests import factories
from tests.clock import TODAY
from tests.pipeline.matching_scenarios import candidate
from trainees.models import LeadershipRole, Trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def test_the_path_shows_where_the_trainee_has_been_and_what_comes_next(client, cast):
    cohort = factories.CohortFactory(region=cast.region_a, start_date=TODAY - dt.timedelta(days=300),
                                     end_date=TODAY + dt.timedelta(days=50))
    factories.FellowshipFactory(trainee=cast.trainee, cohort=cohort, status=Fellowship.Status.ACTIVE,
                                completed_on=None)
    return_plans_open()
    LeadershipRole.objects.create(trainee=cast.trainee, title="Chief registrar", organisation="Alderbrook",
                                  start_date=TODAY - dt.timedelta(days=400))
    cast.trainee.expected_cct_date = TODAY + dt.timedelta(days=200)
    cast.trainee.save()
    role = factories.VacancyFactory(trust=cast.trust_a, status="open", title="New consultant lead",
                                    start_date=TODAY + dt.timedelta(days=190))
    factories.MatchFactory(trainee=cast.trainee, vacancy=role)
    client.force_login(cast.trainee_user)
    page = client.get(reverse("path")).content.decode()
    for words in ("Fellowship in Clinical Leadership", "Chief registrar", "1 of 5 steps done",
                  "Your return to training plan has 1 step for you", "in 6 months",
                  "New consultant lead", "Look at the roles that start around your CCT",
                  "Agree to be found"):
        assert words in page, words


def test_a_trainee_with_nothing_yet_is_told_where_to_start(cast):
    Mentorship.objects.filter(trainee=cast.trainee).update(status="ended")
    steps = [words for words, _ in path_of(cast.trainee).next_steps]
    assert steps == ["Agree to be found, so trusts can match you to leadership roles", "Ask for a mentor",
                     "Ask your deanery to record when you expect to complete training"]


def test_a_role_not_started_yet_is_to_come_not_held(client, cast):
    """A post won in a round goes into the portfolio before it starts: it is not held yet."""
    LeadershipRole.objects.create(trainee=cast.trainee, title="Project lead for discharge",
                                  organisation="Alderbrook", start_date=TODAY + dt.timedelta(days=80))
    LeadershipRole.objects.create(trainee=cast.trainee, title="Chief registrar", organisation="Alderbrook",
                                  start_date=TODAY)
    path = path_of(cast.trainee)
    assert ([r.title for r in path.roles], [r.title for r in path.roles_to_come]) == (
        ["Chief registrar"], ["Project lead for discharge"])
    client.force_login(cast.trainee_user)
    page = client.get(reverse("path")).content.decode()
    held, to_come = page.split("Leadership roles to come")
    assert "Chief registrar" in held and "Project lead for discharge" in to_come


def test_matching_counts_only_the_roles_started_as_held(cast):
    """The reason "held 1 leadership role" is about roles that have begun."""
    trainee = candidate(region=cast.region_a)
    LeadershipRole.objects.create(trainee=trainee, title="Project lead", organisation="Alderbrook",
                                  start_date=TODAY + dt.timedelta(days=80))

    def held() -> int:
        (facts,) = load_trainee_facts(Trainee.objects.filter(pk=trainee.pk), today=TODAY)
        return facts.roles_held

    assert held() == 0
    LeadershipRole.objects.create(trainee=trainee, title="Chief registrar", organisation="Alderbrook",
                                  start_date=TODAY)
    assert held() == 1
