"""Reads about schemes and cohorts, scoped to a member of deanery staff's region."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from pipeline.models import Region, Stewardship
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import LeadershipRole


def schemes_with_counts(*, region: Region) -> QuerySet[Scheme]:
    in_region = Q(cohorts__fellowships__trainee__region=region)
    return Scheme.objects.annotate(
        fellows=Count("cohorts__fellowships", filter=in_region, distinct=True)).order_by("name")


def cohorts_for(*, region: Region, scheme: Scheme | None = None) -> QuerySet[Cohort]:
    """Cohorts staff may open: their region's, and national cohorts (no region)."""
    cohorts = Cohort.objects.filter(Q(region=region) | Q(region__isnull=True)).select_related("scheme")
    return cohorts.filter(scheme=scheme) if scheme else cohorts


def fellowships_in(*, cohort: Cohort, region: Region) -> QuerySet[Fellowship]:
    """The cohort's fellows who belong to the region: other regions' people stay hidden."""
    return (cohort.fellowships.filter(trainee__region=region)
            .select_related("trainee__grade", "trainee__specialty").order_by("trainee__last_name"))


@dataclass(frozen=True)
class CohortOutcomes:
    alumni: int
    by_status: dict[str, int]
    roles: list[tuple[str, int]]  # kinds of role alumni went on to, most common first


def cohort_outcomes(*, cohort: Cohort, region: Region) -> CohortOutcomes:
    alumni_ids = list(fellowships_in(cohort=cohort, region=region).filter(
        status=Fellowship.Status.COMPLETED).values_list("trainee_id", flat=True))
    statuses = Counter(Stewardship.objects.filter(trainee_id__in=alumni_ids).values_list("status", flat=True))
    roles = Counter(LeadershipRole.objects.filter(trainee_id__in=alumni_ids, start_date__gte=cohort.end_date)
                    .values_list("role_type__name", flat=True))
    return CohortOutcomes(
        alumni=len(alumni_ids),
        by_status={s: statuses.get(s, 0) for s in ("engaged", "at_risk", "lost")},
        roles=[(name or "Other role", n) for name, n in roles.most_common()],
    )
