"""A trainee's "Your path" page: fellowships, return plan, roles held, CCT and what comes next."""

import datetime as dt

import pytest
from django.urls import reverse

from mentoring.models import Mentorship
from pipeline.path import path_of
from pipeline.return_plans import return_plans_open
from schemes.models import Fellowship
from tests import factories
from tests.clock import TODAY
from trainees.models import LeadershipRole

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
