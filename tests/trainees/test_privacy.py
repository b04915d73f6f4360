"""Who has viewed my portfolio, and equality answers that only the trainee sees."""

import pytest
from django.urls import reverse

from pipeline.matching import services as matching
from pipeline.services import interest_express
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from trainees.models import EqualityMonitoring, PortfolioView

pytestmark = pytest.mark.django_db


def test_views_by_director_mentor_and_staff_are_logged_and_shown(client, cast):
    factories.FellowshipFactory(trainee=cast.trainee)
    factories.PreferencesFactory(trainee=cast.trainee)
    factories.EvidenceFactory(trainee=cast.trainee)
    vacancy = open_vacancy(trust=cast.trust_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    interest_express(trainee=cast.trainee, vacancy=vacancy)
    match = vacancy.matches.get(trainee=cast.trainee)
    client.force_login(cast.director_a)
    client.get(reverse("roles:candidate", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}))
    client.force_login(cast.mentor_user)
    client.get(reverse("mentoring:mentorship", kwargs={"uuid": cast.trainee.mentorships.get().uuid}))
    client.force_login(cast.staff_a)
    client.get(reverse("alumni:detail", kwargs={"uuid": cast.trainee.uuid}))
    assert PortfolioView.objects.filter(trainee=cast.trainee).count() == 3
    client.force_login(cast.trainee_user)
    html = client.get(reverse("trainees:viewers")).content.decode()
    assert cast.director_a.get_full_name() in html and "Alderbrook Hospitals NHS Trust" in html
    assert "mentoring" in html and "alumni record" in html


def test_an_anonymous_candidate_view_is_not_logged_as_a_portfolio_view(client, cast):
    trainee = candidate(region=cast.region_a)
    vacancy = open_vacancy(trust=cast.trust_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    match = vacancy.matches.get(trainee=trainee)
    client.force_login(cast.director_a)
    client.get(reverse("roles:candidate", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}))
    assert not PortfolioView.objects.filter(trainee=trainee).exists()


def test_the_trainee_sees_and_changes_their_own_equality_answers(client, cast):
    client.force_login(cast.trainee_user)
    response = client.post(reverse("trainees:equality"),
                           {"sex": "female", "ethnic_group": "asian", "disability": "no"})
    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(trainee=cast.trainee)
    assert (answers.sex, answers.ethnic_group) == ("female", "asian")
    html = client.get(reverse("trainees:equality")).content.decode()
    assert 'value="asian" checked' in html


@pytest.mark.parametrize("role", ["staff_a", "director_a", "mentor", "admin", "other_trainee"])
def test_nobody_else_sees_a_trainees_equality_answers(client, cast, role):
    EqualityMonitoring.objects.create(trainee=cast.trainee, ethnic_group="black", sex="male")
    factories.FellowshipFactory(trainee=cast.trainee)
    client.force_login(cast.users()[role])
    pages = [reverse("home"), reverse("trainees:equality"),
             reverse("alumni:detail", kwargs={"uuid": cast.trainee.uuid})]
    html = "".join(client.get(page).content.decode() for page in pages)
    assert 'value="black" checked' not in html
