"""The fixed cast every feature is tested with, and the real services the tests use.

Two regions (A: North West London, B: North East), each with a trust, a director
and deanery staff; a trainee in A with another trainee beside them; a mentor
mentoring the trainee; an administrator; the national lead of the Darzi Fellowship. A
feature is tested allowed for the owner, and forbidden (404) for everyone outside their scope.
"""

import os
from dataclasses import dataclass

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache

from accounts.models import Role, User
from mentoring.models import Mentor
from reference import loading as reference_data
from reference.models import Region, Trust
from schemes.models import Scheme
from trainees.models import Trainee

from . import clock, factories
from .celery_worker import live_worker, tasks_via_broker  # noqa: F401  (fixtures)

# pytest-playwright runs an event loop in the test thread; Django refuses sync ORM
# calls there unless told this is safe (it is: the loop is idle during our calls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"


@pytest.fixture
def same_day():
    """Hold the clock on the run's date (tests/clock.py) for one test."""
    yield from clock.held_on_today()


def services_required() -> bool:
    """CI must run against PostgreSQL and Redis, never silently without them."""
    return os.environ.get("CI", "").lower() == "true"


def pytest_sessionstart(session) -> None:
    if services_required():
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine or not settings.REDIS_URL:
            raise pytest.UsageError(
                "CI runs against PostgreSQL and Redis: set DATABASE_URL and REDIS_URL."
            )


def pytest_runtest_logreport(report) -> None:
    """With TEST_TIMINGS=<file>, append each phase of each test as it ends (setup, call,
    teardown) with its time and outcome, so the slowest and the failed are known even when
    a run is cut short: `awk '{t[$1]+=$3} END {for (n in t) print t[n], n}' <file> | sort -rn`."""
    timings = os.environ.get("TEST_TIMINGS")
    # Under pytest-xdist the controller hears every worker's reports: it alone writes them.
    if timings and not os.environ.get("PYTEST_XDIST_WORKER"):
        with open(timings, "a", encoding="utf-8") as log:
            log.write(f"{report.nodeid} {report.when} {report.duration:.2f} {report.outcome}\n")


@dataclass
class Cast:
    region_a: Region
    region_b: Region
    trust_a: Trust
    trust_b: Trust
    trainee: Trainee
    other_trainee: Trainee
    trainee_user: User
    other_trainee_user: User
    staff_a: User
    staff_b: User
    director_a: User
    director_b: User
    mentor_user: User
    mentor: Mentor
    admin: User
    scheme_lead: User  # leads the Darzi Fellowship (the factories' default scheme)

    def users(self) -> dict[str, User]:
        return {
            "trainee": self.trainee_user,
            "other_trainee": self.other_trainee_user,
            "staff_a": self.staff_a,
            "staff_b": self.staff_b,
            "director_a": self.director_a,
            "director_b": self.director_b,
            "mentor": self.mentor_user,
            "admin": self.admin,
            "scheme_lead": self.scheme_lead,
        }


def make_cast() -> Cast:
    region_a = factories.region("north-west-london")
    region_b = factories.region("north-east")
    trust_a = factories.TrustFactory(region=region_a, name="Alderbrook Hospitals NHS Trust")
    trust_b = factories.TrustFactory(region=region_b, name="Bramwick Healthcare NHS Trust")
    trainee_user = factories.UserFactory(role=Role.TRAINEE, first_name="Alice", last_name="Ashworth")
    other_user = factories.UserFactory(role=Role.TRAINEE, first_name="Bob", last_name="Brightwater")
    trainee = factories.TraineeFactory(user=trainee_user, first_name="Alice", last_name="Ashworth",
                                       region=region_a, current_trust=trust_a)
    other = factories.TraineeFactory(user=other_user, first_name="Bob", last_name="Brightwater",
                                     region=region_b, current_trust=trust_b)
    mentor = factories.MentorFactory(region=region_a)
    factories.MentorshipFactory(mentor=mentor, trainee=trainee)
    return Cast(
        region_a=region_a, region_b=region_b, trust_a=trust_a, trust_b=trust_b,
        trainee=trainee, other_trainee=other, trainee_user=trainee_user,
        other_trainee_user=other_user,
        staff_a=factories.UserFactory(role=Role.DEANERY_STAFF, region=region_a),
        staff_b=factories.UserFactory(role=Role.DEANERY_STAFF, region=region_b),
        director_a=factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=trust_a),
        director_b=factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=trust_b),
        mentor_user=mentor.user, mentor=mentor,
        admin=factories.UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
        scheme_lead=_scheme_lead(),
    )


def _scheme_lead() -> User:
    lead = factories.UserFactory(role=Role.SCHEME_LEAD, first_name="Lena", last_name="Lead")
    Scheme.objects.get(short_name="Darzi Fellowship").leads.add(lead)
    return lead


@pytest.fixture(autouse=True)
def empty_cache():
    """Coalescing keys must not leak from one test to the next (ids are reused)."""
    cache.clear()
    yield


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def reference_data_loaded(transactional_db) -> None:
    """Transactional tests flush the database afterwards; put reference data back."""
    for loader in (reference_data.load_regions, reference_data.load_role_types,
                   reference_data.load_grades, reference_data.load_specialties,
                   reference_data.load_frameworks, reference_data.load_schemes,
                   reference_data.load_scheme_facts):
        loader(django_apps, None)


@pytest.fixture
def live_cast(reference_data_loaded) -> Cast:
    return make_cast()
