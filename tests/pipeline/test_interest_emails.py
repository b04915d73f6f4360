"""Emails about a candidate and a role: a title as long as a role's may be never stops them,
and a candidate changing their mind does not email the trust's directors each time."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from notifications.models import Notification
from pipeline.matching import services as matching
from pipeline.models import Match, Vacancy
from pipeline.services import candidate_invite, interest_express, interest_withdraw
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy

pytestmark = pytest.mark.django_db


def matched(cast, **vacancy_fields):
    vacancy = open_vacancy(trust=cast.trust_a, **vacancy_fields)
    trainee = candidate(region=cast.region_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    return vacancy, trainee


def test_a_title_as_long_as_a_role_may_have_still_sends_the_emails(cast, django_capture_on_commit_callbacks):
    longest = ("Clinical lead for frailty " * 20)[: Vacancy._meta.get_field("title").max_length]
    vacancy, trainee = matched(cast, title=longest)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        candidate_invite(match=Match.objects.get(vacancy=vacancy, trainee=trainee), by=cast.director_a)
        interest_express(trainee=trainee, vacancy=vacancy)

    limit = Notification._meta.get_field("subject").max_length
    subjects = dict(Notification.objects.values_list("template", "subject"))
    assert set(subjects) == {"invited", "candidate_interested"}
    assert all(len(s) == limit and s.endswith("…") for s in subjects.values())
    assert sorted(m.subject for m in mail.outbox) == sorted(subjects.values())


def test_directors_hear_of_a_candidates_interest_once_in_the_window(cast, settings):
    vacancy, trainee = matched(cast)
    other_director = factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=cast.trust_a)
    directors = sorted([cast.director_a.email, other_director.email])

    def told() -> list[str]:
        return sorted(Notification.objects.filter(template="candidate_interested")
                      .values_list("to_address", flat=True))

    interest_express(trainee=trainee, vacancy=vacancy)
    interest_withdraw(trainee=trainee, vacancy=vacancy)
    interest_express(trainee=trainee, vacancy=vacancy)
    assert told() == directors, "one email to each director, not one for each change of mind"

    window = dt.timedelta(hours=settings.INTEREST_EMAIL_WINDOW_HOURS)
    Notification.objects.update(created_at=timezone.now() - window - dt.timedelta(minutes=1))
    interest_withdraw(trainee=trainee, vacancy=vacancy)
    interest_express(trainee=trainee, vacancy=vacancy)
    assert told() == sorted(directors * 2), "after the window, the news is told again"
