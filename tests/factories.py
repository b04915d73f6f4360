"""factory_boy factories for the domain. Reference data comes from the migrations."""

import datetime as dt

import factory
from django.utils import timezone

from accounts.models import Role, User
from mentoring.models import Mentor, Mentorship
from pipeline.models import Match, Vacancy
from reference.models import (
    FrameworkDomain,
    FrameworkElement,
    Grade,
    LeadershipRoleType,
    Region,
    Specialty,
    Trust,
)
from schemes import services as scheme_services
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Evidence, Placement, Preferences, Story, Trainee

TODAY = dt.date(2026, 11, 28)
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def region(code: str = "north-west-london") -> Region:
    return Region.objects.get(code=code)


def grade(code: str) -> Grade:
    return Grade.objects.get(code=code)


def role_type_id(code: str = "clinical-lead") -> int:
    return LeadershipRoleType.objects.get(code=code).pk


def mlcf_domain(number: int) -> FrameworkDomain:
    return FrameworkDomain.objects.get(framework__code="mlcf", number=number)


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust

    ods_code = factory.Sequence(lambda n: f"Z{BASE36[n // 36 % 36]}{BASE36[n % 36]}")
    name = factory.Sequence(lambda n: f"Testford {n} NHS Foundation Trust")
    region = factory.LazyFunction(region)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    role = Role.TRAINEE
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee

    gmc_number = factory.Sequence(lambda n: f"{7000000 + n}")
    first_name = factory.Sequence(lambda n: f"Trainee{n}")
    last_name = factory.Sequence(lambda n: f"Surname{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@trainee.example".lower())
    grade = factory.LazyFunction(lambda: grade("ST4"))
    specialty = factory.LazyFunction(lambda: Specialty.objects.get(name="Anaesthetics"))
    region = factory.LazyFunction(region)
    current_trust = factory.SubFactory(TrustFactory, region=factory.SelfAttribute("..region"))


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    trainee = factory.SubFactory(TraineeFactory)
    trust = factory.SelfAttribute("trainee.current_trust")
    specialty = factory.SelfAttribute("trainee.specialty")
    grade = factory.SelfAttribute("trainee.grade")
    start_date = TODAY - dt.timedelta(days=100)
    end_date = TODAY + dt.timedelta(days=100)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    trainee = factory.SubFactory(TraineeFactory)
    element = factory.LazyFunction(
        lambda: FrameworkElement.objects.get(framework__code="mlcf", domain__number=4, number=1)
    )
    title = "Led a sepsis screening improvement"
    what_i_did = "Chaired the weekly improvement huddle."
    occurred_on = TODAY - dt.timedelta(days=30)


class PreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preferences

    trainee = factory.SubFactory(TraineeFactory)
    discoverable = True
    discoverable_consent_at = factory.LazyFunction(timezone.now)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    trust = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Clinical lead for flow {n}")
    role_type = factory.LazyFunction(lambda: LeadershipRoleType.objects.get(code="clinical-lead"))
    description = "Lead the improvement of patient flow across the trust."
    min_grade = factory.LazyFunction(lambda: grade("ST3"))
    max_grade = factory.LazyFunction(lambda: grade("ST8"))
    sessions_per_week = 2
    location = "Main site"
    start_date = TODAY + dt.timedelta(days=90)
    closing_date = TODAY + dt.timedelta(days=30)
    status = Vacancy.Status.OPEN

    @factory.post_generation
    def required_domains(obj, create, extracted, **kwargs):
        if create:
            obj.required_domains.set(extracted or [mlcf_domain(4)])


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    trainee = factory.SubFactory(TraineeFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    score = 50.0
    computed_at = factory.LazyFunction(timezone.now)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    scheme = factory.LazyFunction(lambda: Scheme.objects.get(short_name="Darzi Fellowship"))
    name = factory.Sequence(lambda n: f"Test cohort {n}")
    intake_year = 2024
    start_date = dt.date(2024, 9, 1)
    end_date = dt.date(2025, 8, 31)


class FellowshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fellowship

    trainee = factory.SubFactory(TraineeFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = Fellowship.Status.COMPLETED
    host_organisation = "NHS England"
    start_date = factory.SelfAttribute("cohort.start_date")
    end_date = factory.SelfAttribute("cohort.end_date")
    completed_on = factory.SelfAttribute("cohort.end_date")


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    user = factory.SubFactory(UserFactory, role=Role.MENTOR)
    organisation = "Testford NHS Foundation Trust"
    current_role = "Medical director"
    region = factory.LazyFunction(region)
    capacity = 3


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentorship

    mentor = factory.SubFactory(MentorFactory)
    trainee = factory.SubFactory(TraineeFactory)
    status = Mentorship.Status.ACTIVE
    started_on = TODAY - dt.timedelta(days=20)


class RoundFactory(factory.django.DjangoModelFactory):
    """An allocation round; pass status and deadlines for the stage a test needs."""

    class Meta:
        model = "allocation.AllocationRound"

    name = factory.Sequence(lambda n: f"Leadership fellowships round {n}")
    region = factory.LazyFunction(region)
    status = "open"
    trainee_deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    director_deadline = factory.LazyAttribute(lambda o: o.trainee_deadline + dt.timedelta(days=10))


class RoundPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "allocation.RoundPost"

    round = factory.SubFactory(RoundFactory)
    vacancy = factory.SubFactory(VacancyFactory, trust=factory.SubFactory(
        TrustFactory, region=factory.SelfAttribute("...round.region")))
    places = 1


def published_story(*, trainee: Trainee, fellowship: Fellowship | None = None, projects=(), trust=None,
                    show_name: bool = False, title: str = "A faster front door") -> Story:
    """An alumnus's story, saved and published through the services (as the alumnus would)."""
    fellowship = fellowship or FellowshipFactory(trainee=trainee)
    story = Story(title=title, what_i_did="Redesigned how patients are assessed on arrival.",
                  what_changed="Patients wait less to be seen.", fellowship=fellowship, trust=trust,
                  show_name=show_name)
    scheme_services.story_save(trainee=trainee, story=story, projects=list(projects))
    return scheme_services.story_publish(trainee=trainee, consent=True)
