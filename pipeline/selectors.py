"""Reads for the pipeline's dashboards."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from pipeline.models import Interest, Match, Region, Trust, Vacancy
from schemes.models import Fellowship
from trainees.models import Trainee


@dataclass(frozen=True)
class HeadlineCounts:
    trainees: int
    with_leadership_interest: int
    active_fellows: int
    alumni: int


def headline_counts(*, trainees: QuerySet[Trainee]) -> HeadlineCounts:
    """Counts for a set of trainees: everyone, active fellows, alumni."""
    fellowships = Fellowship.objects.filter(trainee__in=trainees)
    return HeadlineCounts(
        trainees=trainees.count(),
        with_leadership_interest=trainees.filter(leadership_interest=True).count(),
        active_fellows=fellowships.filter(status=Fellowship.Status.ACTIVE)
        .values("trainee").distinct().count(),
        alumni=fellowships.filter(status=Fellowship.Status.COMPLETED)
        .values("trainee").distinct().count(),
    )


def region_headline_counts(*, region: Region) -> HeadlineCounts:
    return headline_counts(trainees=Trainee.objects.filter(region=region))


def trust_vacancies(*, trust: Trust) -> QuerySet[Vacancy]:
    """A trust's vacancies with how many matches and interested candidates each has."""
    interested = Q(interests__status__in=[
        Interest.Status.INTERESTED, Interest.Status.SHORTLISTED, Interest.Status.APPOINTED,
    ])
    return (
        Vacancy.objects.filter(trust=trust)
        .select_related("role_type")
        .annotate(
            match_count=Count("matches", distinct=True),
            interested_count=Count("interests", filter=interested, distinct=True),
        )
        .order_by("status", "closing_date")
    )


def national_counts_by_region() -> QuerySet[Region]:
    """Per region: trainees, active fellows and alumni (for administrators)."""
    return Region.objects.annotate(
        trainee_count=Count("trainees", distinct=True),
        active_fellow_count=Count(
            "trainees", filter=Q(trainees__fellowships__status=Fellowship.Status.ACTIVE),
            distinct=True,
        ),
        alumni_count=Count(
            "trainees", filter=Q(trainees__fellowships__status=Fellowship.Status.COMPLETED),
            distinct=True,
        ),
    ).order_by("name")


def opportunities_for(*, trainee: Trainee) -> list[Match]:
    """Open vacancies matched to the trainee, best first, each with their interest."""
    matches = list(
        Match.objects.filter(trainee=trainee, vacancy__status=Vacancy.Status.OPEN)
        .select_related("vacancy__trust__region", "vacancy__role_type")
        .order_by("-score", "vacancy_id")
    )
    interests = dict(Interest.objects.filter(trainee=trainee).values_list("vacancy_id", "status"))
    for match in matches:
        match.interest_status = interests.get(match.vacancy_id)
    return matches


def opportunity_for(*, trainee: Trainee, vacancy_uuid) -> Match:
    """One matched open vacancy of the trainee's, or 404."""
    match = get_object_or_404(
        Match.objects.select_related("vacancy__trust__region", "vacancy__role_type",
                                     "vacancy__min_grade", "vacancy__max_grade"),
        trainee=trainee, vacancy__uuid=vacancy_uuid, vacancy__status=Vacancy.Status.OPEN,
    )
    match.interest = Interest.objects.filter(trainee=trainee, vacancy=match.vacancy).first()
    return match


def applications_of(*, trainee: Trainee) -> QuerySet[Interest]:
    """Everything the trainee has said they are interested in, whatever its status."""
    return Interest.objects.filter(trainee=trainee).select_related("vacancy__trust").order_by(
        "-updated_at")
