"""Reads about schemes and cohorts, scoped to a member of deanery staff's region."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import Role, User
from mentoring.models import Mentorship
from reference.models import Region, Trust
from schemes import rules
from schemes.events import alumni_statuses
from schemes.models import Cohort, Fellowship, FellowshipQuerySet, Scheme, SchemeInterest
from trainees.models import LeadershipRole, Project, Story, Trainee


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


def is_alumnus(trainee: Trainee) -> bool:
    return Fellowship.objects.completed().filter(trainee=trainee).exists()


# -- the showcase ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """An improvement project's measured outcome, as the showcase shows it."""

    title: str
    baseline: Decimal | None
    result: Decimal | None
    unit: str
    value_pounds: Decimal | None


@dataclass(frozen=True)
class PublicStory:
    """Everything the public may see of a story, and nothing else: the page and the API
    show this, never the story's row (which leads to its author's record)."""

    uuid: str
    title: str
    what_i_did: str
    what_changed: str
    byline: str  # "Alice Ashworth, …" only if they chose to be named
    scheme: str
    year: int
    trust: str | None  # only if they chose one
    outcomes: list[Outcome]
    published_at: datetime


def _as_shown(stories: QuerySet[Story]) -> QuerySet[Story]:
    """Stories with everything `public_story` reads, in a fixed number of queries."""
    return (stories.select_related("trainee", "fellowship__cohort__scheme", "trust")
            .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("title", "pk"))))


def published_stories(*, scheme: Scheme | None = None, trust: Trust | None = None) -> QuerySet[Story]:
    """Stories on the showcase: published, about a fellowship still recorded as completed."""
    stories = _as_shown(Story.objects.filter(status=Story.Status.PUBLISHED,
                                             fellowship__status=Fellowship.Status.COMPLETED)
                        ).order_by("-consented_at", "-pk")
    if scheme is not None:
        stories = stories.filter(fellowship__cohort__scheme=scheme)
    return stories.filter(trust=trust) if trust is not None else stories


def byline(story: Story) -> str:
    """Who wrote it, as its author chose: by name, or only as a fellow of their scheme."""
    cohort = story.fellowship.cohort if story.fellowship else None
    scheme = f"the {cohort.scheme.short_name}, {cohort.intake_year}" if cohort else "a leadership scheme"
    if story.show_name:
        return f"{story.trainee.full_name}, fellow of {scheme}"
    return f"A fellow of {scheme}"


def public_story(story: Story) -> PublicStory:
    """The story as the public sees it (published or, for its author's preview, not yet)."""
    cohort = story.fellowship.cohort if story.fellowship else None
    return PublicStory(
        uuid=str(story.uuid), title=story.title, what_i_did=story.what_i_did,
        what_changed=story.what_changed, byline=byline(story),
        scheme=cohort.scheme.name if cohort else "", year=cohort.intake_year if cohort else 0,
        trust=story.trust.name if story.trust else None,
        outcomes=[Outcome(title=p.title, baseline=p.baseline_value, result=p.result_value,
                          unit=p.measure_unit, value_pounds=p.value_pounds) for p in story.projects.all()],
        published_at=story.consented_at or story.updated_at)


def showcase_filters() -> tuple[QuerySet[Scheme], QuerySet[Trust]]:
    """The schemes and trusts that have a story on the showcase, to filter by."""
    shown = published_stories()
    return (Scheme.objects.filter(pk__in=shown.values("fellowship__cohort__scheme")).order_by("name"),
            Trust.objects.filter(pk__in=shown.values("trust")).order_by("name"))


def stories_staff_may_take_down(user: User | AnonymousUser) -> QuerySet[Story]:
    """Deanery staff may take down published stories of their own region's alumni."""
    if not isinstance(user, User) or user.role != Role.DEANERY_STAFF or user.region_id is None:
        return Story.objects.none()
    return published_stories().filter(trainee__region_id=user.region_id)


def stories_staff_moderate(user: User) -> QuerySet[Story]:
    """The stories of their region's alumni that staff may open to take down: published ones,
    and those already taken down (the page then says why it cannot be taken down again)."""
    if user.role != Role.DEANERY_STAFF or user.region_id is None:
        return Story.objects.none()
    return _as_shown(Story.objects.filter(trainee__region_id=user.region_id,
                                          status__in=[Story.Status.PUBLISHED, Story.Status.HIDDEN]))


def story_of(trainee: Trainee) -> Story | None:
    return (Story.objects.filter(trainee=trainee)
            .select_related("trainee", "fellowship__cohort__scheme", "trust").first())


def completed_fellowships(trainee: Trainee) -> FellowshipQuerySet:
    return Fellowship.objects.completed().filter(trainee=trainee).select_related("cohort__scheme")


def story_trust_choices(trainee: Trainee) -> QuerySet[Trust]:
    """The trusts a story may name: where the alumnus works or worked, or ran a project."""
    return Trust.objects.filter(
        Q(pk=trainee.current_trust_id) | Q(placements__trainee=trainee)
        | Q(pk__in=Project.objects.filter(trainee=trainee).values("trust"))).distinct().order_by("name")
