"""Reads about schemes and cohorts, scoped to a member of deanery staff's region."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from mentoring.models import Mentorship
from reference.models import Region
from schemes import rules
from schemes.events import alumni_statuses
from schemes.models import Cohort, Fellowship, FellowshipQuerySet, Scheme, SchemeInterest
from trainees.models import LeadershipRole, Trainee


def alumni_among(trainees: QuerySet[Trainee]) -> QuerySet[Trainee]:
    """The alumni among these trainees: everyone with a completed fellowship (no duplicates,
    so no DISTINCT, which would make the database work out every row before paging)."""
    return trainees.filter(Exists(Fellowship.objects.completed().filter(trainee=OuterRef("pk"))))


def schemes_with_counts(*, region: Region) -> QuerySet[Scheme]:
    in_region = Q(cohorts__fellowships__trainee__region=region)
    return Scheme.objects.annotate(
        fellows=Count("cohorts__fellowships", filter=in_region, distinct=True)).order_by("name")


def cohorts_for(*, region: Region, scheme: Scheme | None = None) -> QuerySet[Cohort]:
    """Cohorts staff may open: their region's, and national cohorts (no region)."""
    cohorts = Cohort.objects.filter(Q(region=region) | Q(region__isnull=True)).select_related("scheme")
    return cohorts.filter(scheme=scheme) if scheme else cohorts


def fellowships_in(*, cohort: Cohort, region: Region) -> FellowshipQuerySet:
    """The cohort's fellows who belong to the region: other regions' people stay hidden."""
    return (Fellowship.objects.filter(cohort=cohort, trainee__region=region)
            .select_related("trainee__grade", "trainee__specialty").order_by("trainee__last_name"))


def fellows_without_a_mentor(*, cohort: Cohort, region: Region) -> list[Trainee]:
    """The cohort's fellows from the region, not withdrawn, with no mentor yet."""
    return [f.trainee for f in fellowships_in(cohort=cohort, region=region)
            .exclude(status=Fellowship.Status.WITHDRAWN)
            .exclude(trainee__mentorships__status__in=Mentorship.OPEN)]


@dataclass(frozen=True)
class CohortOutcomes:
    alumni: int
    by_status: dict[str, int]
    roles: list[tuple[str, int]]  # kinds of role alumni went on to, most common first


def cohort_outcomes(*, cohort: Cohort, region: Region) -> CohortOutcomes:
    alumni_ids = list(fellowships_in(cohort=cohort, region=region).completed()
                      .values_list("trainee_id", flat=True))
    statuses: Counter[str] = Counter()
    for answer in alumni_statuses.ask(trainee_ids=alumni_ids):
        statuses.update(answer)
    roles = Counter(LeadershipRole.objects.filter(trainee_id__in=alumni_ids, start_date__gte=cohort.end_date)
                    .values_list("role_type__name", flat=True))
    return CohortOutcomes(
        alumni=len(alumni_ids),
        by_status={s: statuses.get(s, 0) for s in ("engaged", "at_risk", "lost")},
        roles=[(name or "Other role", n) for name, n in roles.most_common()],
    )


def cohort_size(cohort: Cohort) -> int:
    """Fellows in the whole cohort, every region, not counting withdrawals."""
    return cohort.fellowships.exclude(status=Fellowship.Status.WITHDRAWN).count()


@dataclass(frozen=True)
class CatalogueEntry:
    """A scheme as a trainee sees it: whether they could join, and why not."""

    scheme: Scheme
    not_eligible: list[str]  # reasons, in the trainee's words; empty: eligible
    interested: bool


def catalogue_for(trainee: Trainee) -> list[CatalogueEntry]:
    """The active schemes, with the trainee's eligibility and interest in each."""
    interested = set(SchemeInterest.objects.filter(trainee=trainee).values_list("scheme_id", flat=True))
    schemes = Scheme.objects.filter(is_active=True).prefetch_related("eligible_grades", "regions")
    return [CatalogueEntry(scheme=s, not_eligible=rules.eligibility_errors(s, trainee, you=True),
                           interested=s.pk in interested)
            for s in schemes]
