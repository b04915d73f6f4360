"""Each role signs in and sees its own home page, and nothing of another's."""

import pytest
from django.urls import reverse

from pipeline.models import Vacancy
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def home_as(client, user) -> str:
    assert client.post(reverse("account_login"),
                       {"login": user.email, "password": PASSWORD}).status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_trainee_sees_their_portfolio_summary_and_fellowships(client, cast):
    factories.EvidenceFactory(trainee=cast.trainee)
    factories.FellowshipFactory(trainee=cast.trainee)
    factories.FellowshipFactory(trainee=cast.other_trainee, host_organisation="Secret Host Org")
    html = home_as(client, cast.trainee_user)
    assert "Your leadership portfolio" in html
    assert "Alice Ashworth" in html
    assert "1 of 4" in html  # one Improving Services element evidenced
    assert "Fellowship in Clinical Leadership" in html
    assert "Brightwater" not in html
    assert "Secret Host Org" not in html


def test_new_trainee_is_guided_to_their_first_evidence(client, cast):
    html = home_as(client, cast.trainee_user)
    assert "You have no evidence yet" in html
    assert "You have no leadership fellowships recorded" in html


def test_staff_see_their_regions_headline_counts_only(client, cast):
    factories.FellowshipFactory(trainee=cast.trainee)
    factories.FellowshipFactory(trainee=cast.other_trainee)
    factories.FellowshipFactory(trainee=factories.TraineeFactory(region=cast.region_b),
                                status="active", completed_on=None)
    html = home_as(client, cast.staff_a)
    assert "North West London: the leadership pipeline" in html
    assert "North East" not in html
    assert '<span class="app-count">1</span> Trainee in the region' in html
    assert '<span class="app-count">0</span> Active fellows' in html
    assert '<span class="app-count">1</span> Alumnus of a scheme' in html


def test_director_sees_their_trusts_vacancies_only(client, cast):
    factories.VacancyFactory(trust=cast.trust_a, title="Clinical lead for sepsis")
    factories.VacancyFactory(trust=cast.trust_a, title="Draft role", status=Vacancy.Status.DRAFT)
    factories.VacancyFactory(trust=cast.trust_b, title="Other trust's QI lead")
    html = home_as(client, cast.director_a)
    assert "Alderbrook Hospitals NHS Trust: leadership roles" in html
    assert "Clinical lead for sepsis" in html
    assert "Draft role" in html
    assert "Other trust" not in html


def test_director_with_no_roles_is_told_so(client, cast):
    assert "has not posted any leadership roles yet" in home_as(client, cast.director_b)


def test_mentor_sees_their_mentees_only(client, cast):
    other_mentor = factories.MentorFactory()
    factories.MentorshipFactory(mentor=other_mentor, trainee=cast.other_trainee)
    html = home_as(client, cast.mentor_user)
    assert "Your mentees" in html
    assert "Alice Ashworth" in html
    assert "Brightwater" not in html


def test_administrator_sees_the_national_overview(client, cast):
    html = home_as(client, cast.admin)
    assert "National overview" in html
    assert "North West London" in html and "North East" in html


@pytest.mark.parametrize("role_user", ["trainee_user", "staff_a", "director_a", "mentor_user"])
def test_only_administrators_see_the_national_overview(client, cast, role_user):
    assert "National overview" not in home_as(client, getattr(cast, role_user))
