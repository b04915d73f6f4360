"""Pages keep a constant number of SQL queries as the data behind them grows (no N+1).

Every page of the permission matrix is measured at two data sizes
(`test_every_page_keeps_its_query_count_as_data_grows`); the tests above it grow the
particular data behind each role's busiest pages, and the API's lists."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens import token_create
from allocation.services import choices_save, round_publish, round_run
from imports.models import ImportBatch
from mentoring.models import Mentorship
from pipeline.matching import services as matching
from pipeline.models import EqualitySnapshot, ForecastSnapshot, Stewardship
from pipeline.services import interest_express
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from tests.test_url_permissions import MATRIX, ROLES, client_as, kwargs_for, round_at_stage, trainee_objects
from trainees.models import LeadershipRole, Project, Qualification
from trainees.services import portfolio_view_record

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_portfolio(cast, n: int) -> None:
    for _ in range(n):
        factories.EvidenceFactory(trainee=cast.trainee)
        factories.PlacementFactory(trainee=cast.trainee)
        factories.FellowshipFactory(trainee=cast.trainee)


def grow_region(cast, n: int) -> None:
    cache.clear()  # the region report is cached: count the queries that work it out
    EqualitySnapshot.objects.all().delete()  # and so are the month's equality figures
    for _ in range(n):
        trainee = factories.TraineeFactory(region=cast.region_a)
        factories.FellowshipFactory(trainee=trainee)
        factories.MentorshipFactory(trainee=trainee, mentor=factories.MentorFactory(region=cast.region_a))


def grow_candidates(cast, vacancy, n: int) -> None:
    for _ in range(n):
        trainee = candidate(region=cast.region_a)
        matching.match_vacancy(vacancy_id=vacancy.pk)
        interest_express(trainee=trainee, vacancy=vacancy)


def test_the_trainees_pages(client, cast):
    client.force_login(cast.trainee_user)
    urls = [reverse("home"), reverse("trainees:portfolio"), reverse("trainees:portfolio-print")]
    grow_portfolio(cast, 1)
    small = [queries(client, u) for u in urls]
    grow_portfolio(cast, 5)
    assert [queries(client, u) for u in urls] == small


def test_the_staff_pages(client, cast):
    client.force_login(cast.staff_a)
    urls = [reverse("home"), reverse("alumni:list"), reverse("alumni:report")]
    grow_region(cast, 1)
    small = [queries(client, u) for u in urls]
    grow_region(cast, 5)
    assert [queries(client, u) for u in urls] == small


def test_the_directors_pages(client, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    client.force_login(cast.director_a)
    urls = [reverse("home"), reverse("roles:list"),
            reverse("roles:candidates", kwargs={"uuid": vacancy.uuid})]
    grow_candidates(cast, vacancy, 1)
    small = [queries(client, u) for u in urls]
    grow_candidates(cast, vacancy, 5)
    assert [queries(client, u) for u in urls] == small


def test_the_cohort_mentor_assignment(client, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    url = reverse("schemes:cohort-mentors", kwargs={"uuid": cohort.uuid})

    def grow(n: int) -> None:
        for _ in range(n):
            factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                        trainee=factories.TraineeFactory(region=cast.region_a))
            mentor = factories.MentorFactory(region=cast.region_a, capacity=2)
            mentor.expertise.set([factories.mlcf_domain(2)])

    grow(1)
    small = queries(client, url)
    grow(5)
    assert queries(client, url) == small


def test_the_mentors_home(client, cast):
    client.force_login(cast.mentor_user)
    url = reverse("home")
    small = queries(client, url)
    cast.mentor.capacity = 10
    cast.mentor.save()
    for _ in range(5):
        factories.MentorshipFactory(mentor=cast.mentor, status=Mentorship.Status.ACTIVE)
    assert queries(client, url) == small


def grow_alumni_with_roles(cast, n: int) -> None:
    """Alumni like the cast trainee (their scheme, their stage, their region), each with roles."""
    cache.clear()  # the career paths are cached: count the queries that work them out
    for i in range(n):
        trainee = factories.TraineeFactory(region=cast.region_a)
        factories.FellowshipFactory(trainee=trainee)
        for kind, days in (("clinical-lead", 400 + i), ("clinical-director", 900 + i)):
            LeadershipRole.objects.create(trainee=trainee, title=kind, organisation="Trust",
                                          role_type_id=factories.role_type_id(kind),
                                          start_date=dt.date(2025, 8, 31) + dt.timedelta(days=days))


def test_the_career_paths(client, cast):
    """Worked out in the same few queries however many alumni there are, for every role's view."""
    factories.FellowshipFactory(trainee=cast.trainee, status="active", completed_on=None)
    reads = [(cast.trainee_user, reverse("careers")), (cast.staff_a, reverse("careers")),
             (cast.admin, reverse("careers"))]

    def measure() -> list[int]:
        counts = []
        for user, url in reads:
            client.force_login(user)
            counts.append(queries(client, url))
            cache.clear()
            counts.append(api_queries(user, reverse("api:careerpath-list")))
        return counts

    grow_alumni_with_roles(cast, 5)
    small = measure()
    grow_alumni_with_roles(cast, 12)
    assert measure() == small


def api_queries(user, url: str) -> int:

    client = APIClient()
    client.force_authenticate(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_apis_lists_and_records(cast):
    """The API's lists and a trainee's full record, for the roles that read them most."""
    vacancy = open_vacancy(trust=cast.trust_a)
    reads = [
        (cast.staff_a, reverse("api:trainee-list")), (cast.staff_a, reverse("api:fellowship-list")),
        (cast.staff_a, reverse("api:mentor-list")), (cast.staff_a, reverse("api:cohort-list")),
        (cast.trainee_user, reverse("api:trainee-detail", args=[cast.trainee.uuid])),
        (cast.trainee_user, reverse("api:mentorship-list")),
        (cast.director_a, reverse("api:match-list")), (cast.director_a, reverse("api:interest-list")),
        (cast.director_a, reverse("api:vacancy-list")),
    ]

    def grow(n: int) -> None:
        grow_region(cast, n)
        grow_portfolio(cast, n)
        grow_candidates(cast, vacancy, n)

    grow(1)
    small = [api_queries(user, url) for user, url in reads]
    grow(5)
    assert [api_queries(user, url) for user, url in reads] == small


def grow_nation(cast, n: int) -> None:
    """n more Darzi fellows and alumni in each region (the cast's national lead runs the
    Darzi Fellowship), with stewardship, expected CCT dates and open roles to forecast."""
    cache.clear()  # the national pipeline is cached: count the queries that work it out
    ForecastSnapshot.objects.all().delete()  # and so is the month's forecast
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for region, trust in ((cast.region_a, cast.trust_a), (cast.region_b, cast.trust_b)):
        for _ in range(n):
            soon = factories.TODAY + dt.timedelta(days=60)
            alumnus = factories.FellowshipFactory(trainee=factories.TraineeFactory(
                region=region, expected_cct_date=soon)).trainee
            Stewardship.objects.create(trainee=alumnus, status="engaged", reason="Test",
                                       status_since=now, computed_at=now)
            cohort = factories.CohortFactory(start_date=factories.TODAY - dt.timedelta(days=200),
                                             end_date=soon)
            factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                        trainee=factories.TraineeFactory(region=region))
            factories.VacancyFactory(trust=trust)


def test_the_national_pages(client, cast):
    """The national lead's pages, the national pipeline and the forecast, and their API."""
    grow_nation(cast, 1)
    fellow = cast.scheme_lead.led_schemes.get().cohorts.first().fellowships.first().trainee
    pages = [(cast.scheme_lead, reverse("home")), (cast.scheme_lead, reverse("national:fellows")),
             (cast.scheme_lead, reverse("national:fellow", kwargs={"uuid": fellow.uuid})),
             (cast.scheme_lead, reverse("national:forecast")), (cast.admin, reverse("national:pipeline")),
             (cast.admin, reverse("national:forecast")), (cast.staff_a, reverse("national:forecast"))]
    reads = [(cast.admin, reverse("api:national-pipeline-list")), (cast.admin, reverse("api:forecast-list")),
             (cast.scheme_lead, reverse("api:forecast-list")),
             (cast.scheme_lead, reverse("api:fellowship-list"))]

    def measure() -> list[int]:
        counts = []
        for user, url in pages:
            client.force_login(user)
            counts.append(queries(client, url))
        cache.clear()
        ForecastSnapshot.objects.all().delete()
        return counts + [api_queries(user, url) for user, url in reads]

    small = measure()
    grow_nation(cast, 5)
    assert measure() == small


def grow_round(cast, post, n: int) -> None:
    """n more posts in the round, and n more applicants ranking the first post and a new one."""

    for _ in range(n):
        vacancy = factories.VacancyFactory(trust=cast.trust_a)
        extra = factories.RoundPostFactory(round=post.round, vacancy=vacancy)
        choices_save(round=post.round, trainee=factories.TraineeFactory(region=cast.region_a),
                     posts=[post, extra])


def round_pages(cast, post) -> list[tuple[object, str]]:
    uuid = post.round.uuid
    if post.round.status == "open":
        return [(cast.staff_a, reverse("rounds:detail", kwargs={"uuid": uuid})),
                (cast.staff_a, reverse("rounds:list")),
                (cast.trainee_user, reverse("rounds:rank", kwargs={"uuid": uuid})),
                (cast.trainee_user, reverse("rounds:yours")),
                (cast.director_a, reverse("rounds:applicants", kwargs={"uuid": post.uuid})),
                (cast.director_a, reverse("rounds:director-posts"))]
    return [(cast.staff_a, reverse("rounds:result", kwargs={"uuid": uuid})),
            (cast.trainee_user, reverse("rounds:outcome", kwargs={"uuid": uuid}))]


def round_queries(client, cast, post) -> list[int]:
    counts = []
    for user, url in round_pages(cast, post):
        client.force_login(user)
        counts.append(queries(client, url))
    return counts


def test_the_allocation_round_pages(client, cast):

    post = round_at_stage(cast, "open")
    grow_round(cast, post, 1)
    small = round_queries(client, cast, post)
    grow_round(cast, post, 5)
    assert round_queries(client, cast, post) == small

    assert round_queries(client, cast, published_round(cast, 1)) == round_queries(
        client, cast, published_round(cast, 5))


def published_round(cast, n: int):
    """A published round of region A with n + 1 applicants; returns its first post."""

    post = round_at_stage(cast, "open")
    grow_round(cast, post, n)
    after_deadlines = post.round.director_deadline + dt.timedelta(days=1)
    round_run(round=post.round, by=cast.staff_a, today=after_deadlines)
    round_publish(round=post.round, by=cast.staff_a)
    post.round.refresh_from_db()
    return post


def test_the_apis_round_lists(cast):
    """Rounds with their posts, and placements, as the number of rounds and trainees grows."""
    reads = [(cast.staff_a, reverse("api:round-list")), (cast.staff_a, reverse("api:placement-list")),
             (cast.trainee_user, reverse("api:placement-list"))]
    published_round(cast, 1)
    small = [api_queries(user, url) for user, url in reads]
    for _ in range(3):
        published_round(cast, 2)
    assert [api_queries(user, url) for user, url in reads] == small


# -- every page at once --------------------------------------------------------------

def grow_everything(cast, objects: dict, n: int) -> None:
    """n more of each thing a page lists: the trainee's portfolio, views of it, matches,
    the region's alumni, the cohort's fellows, imports, tokens, the mentor's mentees."""

    grow_portfolio(cast, n)
    grow_region(cast, n)
    day = factories.TODAY
    for i in range(n):
        trainee = cast.trainee
        Project.objects.create(trainee=trainee, title=f"Project {i}", aim="Better flow", start_date=day)
        Qualification.objects.create(trainee=trainee, title=f"PGCert {i}", kind="certificate",
                                     awarding_body="A university", awarded_on=day)
        LeadershipRole.objects.create(trainee=trainee, title=f"Lead {i}", organisation="Trust",
                                      start_date=day)
        portfolio_view_record(trainee=trainee, viewer=cast.staff_a, where="alumni record")
        factories.MatchFactory(trainee=trainee, vacancy=factories.VacancyFactory(trust=cast.trust_a))
        factories.MatchFactory(vacancy=objects["opportunity"], trainee=factories.TraineeFactory(
            region=cast.region_a))
        factories.FellowshipFactory(cohort=objects["cohort"], trainee=factories.TraineeFactory(
            region=cast.region_a))
        factories.MentorshipFactory(mentor=cast.mentor, status="active")
        ImportBatch.objects.create(region=cast.region_a, filename=f"t{i}.csv", content=b"",
                                   status=ImportBatch.Status.FAILED)
        token_create(user=cast.trainee_user, name=f"Export {i}")
    cache.clear()  # cached figures would hide the queries that work them out


def first_role_with_a_page(name: str) -> str | None:

    return next((role for role in ROLES if MATRIX[name][role] == 200), None)


def pages_for_everyone():

    return sorted(name for name in MATRIX if first_role_with_a_page(name))


@pytest.mark.parametrize("name", pages_for_everyone())
def test_every_page_keeps_its_query_count_as_data_grows(client, cast, name):

    objects = trainee_objects(cast)
    url = reverse(name, kwargs=kwargs_for(name, objects))
    client = client_as(client, cast, first_role_with_a_page(name))
    grow_everything(cast, objects, 1)
    queries(client, url)  # warm the process's own caches (e.g. the API schema's grade enum, read once)
    cache.clear()  # but measure pages uncached (the region report is cached for 5 minutes)
    EqualitySnapshot.objects.all().delete()  # (and the equality figures and forecast for a month)
    ForecastSnapshot.objects.all().delete()
    small = queries(client, url)
    grow_everything(cast, objects, 4)
    cache.clear()
    EqualitySnapshot.objects.all().delete()
    ForecastSnapshot.objects.all().delete()
    assert queries(client, url) == small, url
