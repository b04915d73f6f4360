import pytest

from tests import factories
from tests.helpers import assert_refused


@pytest.mark.django_db
def test_one_match_per_trainee_and_vacancy():
    match = factories.MatchFactory()
    assert_refused(lambda: factories.MatchFactory(trainee=match.trainee, vacancy=match.vacancy))


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["R1", "RJ12", "rj1", "R-1"])
def test_trust_ods_code_is_three_capitals_or_digits(bad):
    assert_refused(lambda: factories.TrustFactory(ods_code=bad))


@pytest.mark.django_db
def test_trust_ods_codes_are_never_reused():
    factories.TrustFactory(ods_code="RJ1")
    assert_refused(lambda: factories.TrustFactory(ods_code="RJ1"))


@pytest.mark.django_db
@pytest.mark.parametrize("sessions", [0, 11])
def test_vacancy_sessions_a_week_are_sensible(sessions):
    assert_refused(lambda: factories.VacancyFactory(sessions_per_week=sessions))
