"""Reads for the pipeline's dashboards."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from mentoring.models import Mentorship
from pipeline import anonymity
from pipeline.models import (
    IDENTIFIED_INTEREST_STATUSES,
    Interest,
    Match,
    Stewardship,
    StewardshipStatus,
    Vacancy,
)
from reference.models import FrameworkDomain, Region, Trust
from schemes.models import Fellowship
from trainees.models import LeadershipRole, Trainee
from trainees.selectors import domain_evidence_counts


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
        active_fellows=fellowships.active().values("trainee").distinct().count(),
        alumni=fellowships.completed().values("trainee").distinct().count(),
    )


def stewardship_counts(*, region: Region) -> dict[str, int]:
    """How many of the region's alumni are engaged, at risk and lost."""

    counts = dict(Stewardship.objects.filter(trainee__region=region).values_list("status")
                  .annotate(n=Count("pk")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in StewardshipStatus.values}


def region_headline_counts(*, region: Region) -> HeadlineCounts:
    return headline_counts(trainees=Trainee.objects.filter(region=region))


def trust_vacancies(*, trust: Trust) -> QuerySet[Vacancy]:
    """A trust's vacancies with how many matches and interested candidates each has."""
    interested = Q(status__in=[
        Interest.Status.INTERESTED, Interest.Status.SHORTLISTED, Interest.Status.APPOINTED,
    ])
    # Counted per vacancy in subqueries: joining a trust's thousands of matches and then
    # de-duplicating them costs far more than counting each vacancy's on its index.
    return (
        Vacancy.objects.filter(trust=trust)
        .select_related("role_type")
        .annotate(
            match_count=_count_per_vacancy(Match.objects.filter(vacancy=OuterRef("pk"))),
            interested_count=_count_per_vacancy(Interest.objects.filter(interested, vacancy=OuterRef("pk"))),
        )
        .order_by("status", "closing_date")
    )


def _count_per_vacancy(rows: QuerySet) -> Coalesce:
    """How many of a vacancy's rows a correlated queryset has, as an annotation (0 if none)."""
    return Coalesce(Subquery(rows.order_by().values("vacancy").annotate(n=Count("pk")).values("n")[:1]), 0)


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


def opportunity_for(*, trainee: Trainee, vacancy_uuid) -> Match | None:
    """One matched open vacancy of the trainee's, with their interest in it; None if there is
    no such match."""
    match = Match.objects.select_related(
        "vacancy__trust__region", "vacancy__role_type", "vacancy__min_grade", "vacancy__max_grade",
        "vacancy__element__domain",
    ).filter(trainee=trainee, vacancy__uuid=vacancy_uuid, vacancy__status=Vacancy.Status.OPEN).first()
    if match is not None:
        match.interest = Interest.objects.filter(trainee=trainee, vacancy=match.vacancy).first()
    return match


def applications_of(*, trainee: Trainee) -> QuerySet[Interest]:
    """Everything the trainee has said they are interested in, whatever its status."""
    return Interest.objects.filter(trainee=trainee).select_related("vacancy__trust").order_by(
        "-updated_at")


@dataclass(frozen=True)
class Candidate:
    """A matched candidate as a director may see them: identity only once interested.

    Before that, only what `pipeline.anonymity` allows: `described` rows, each fact shared
    by at least k discoverable trainees of their region (`fits` of them), and no parts of
    the score. Grade, specialty and evidence counts are filled in once identified."""

    match: Match
    reference: str
    status: str | None
    identified: bool
    summary: str  # one line for the list: grade and specialty, or what may be shown
    region: str
    described: list[tuple[str, str]]  # (question, answer) rows
    fits: int  # trainees of the pool who fit what is shown (all of them, once identified: 1)
    grade: str = ""
    specialty: str = ""
    domain_evidence: list[tuple[str, int, int]] = field(default_factory=list)
    name: str = ""
    email: str = ""
    note: str = ""
    interest: Interest | None = None

    @property
    def title(self) -> str:
        return self.name if self.identified else self.reference


def candidate_matches(vacancy: Vacancy) -> QuerySet[Match]:
    """The vacancy's matches as the candidates page lists them: those who have said they are
    interested first (the people a director acts on), then the best match first."""
    said_interested = Exists(Interest.objects.filter(
        trainee_id=OuterRef("trainee_id"), vacancy_id=OuterRef("vacancy_id"),
        status__in=IDENTIFIED_INTEREST_STATUSES))
    return Match.objects.filter(vacancy=vacancy).select_related(
        "vacancy", "trainee__grade", "trainee__specialty", "trainee__region").alias(
        said_interested=said_interested).order_by("-said_interested", "-score", "trainee_id")


# Who is appointed comes first, then the rest in the order they went through.
_INTEREST_ORDER = Case(*(When(status=status, then=Value(rank)) for rank, status in enumerate((
    Interest.Status.APPOINTED, Interest.Status.SHORTLISTED, Interest.Status.INTERESTED,
    Interest.Status.NOT_SELECTED))))


def named_interests(vacancy: Vacancy) -> QuerySet[Interest]:
    """Everyone who said they were interested in the vacancy, named (they agreed to be).

    A closed or filled role has no matches (they are swept when it closes), so these are the
    people its candidates page still shows."""
    return Interest.objects.filter(vacancy=vacancy, status__in=IDENTIFIED_INTEREST_STATUSES).select_related(
        "trainee__grade", "trainee__specialty").order_by(_INTEREST_ORDER, "trainee__last_name", "trainee_id")


def candidates_for(*, vacancy: Vacancy, match_uuid=None) -> list[Candidate]:
    """The vacancy's matched candidates, best first; anonymised until interested.

    Only discoverable trainees have matches (consent withdrawn deletes them), so a
    withdrawn candidate disappears from every list at once.
    """
    matches = Match.objects.filter(vacancy=vacancy).select_related(
        "vacancy", "trainee__grade", "trainee__specialty", "trainee__region").order_by("-score", "trainee_id")
    if match_uuid is not None:
        matches = matches.filter(uuid=match_uuid)
    return candidates_from(list(matches))


def candidates_from(matches: list[Match]) -> list[Candidate]:
    """Matches (with vacancy and trainee grade, specialty and region loaded) as a director
    may see them.

    The one place anonymity is decided: the pages and the API both build candidates here.
    """

    # Interests of these trainees in these vacancies: a superset of the pairs, keyed exactly.
    interests = {(i.trainee_id, i.vacancy_id): i for i in Interest.objects.filter(
        trainee_id__in={m.trainee_id for m in matches}, vacancy_id__in={m.vacancy_id for m in matches})}
    identified = {m.pk for m in matches if _identified(interests.get((m.trainee_id, m.vacancy_id)))}
    evidence = domain_evidence_counts([m.trainee_id for m in matches if m.pk in identified])
    domains = list(FrameworkDomain.objects.mlcf().with_element_counts()) if identified else []
    anonymous = [m for m in matches if m.pk not in identified]
    describer = anonymity.Describer({m.trainee.region_id for m in anonymous}) if anonymous else None
    specialties = _vacancy_specialties({m.vacancy_id for m in anonymous})
    names = anonymity.specialty_names(m.trainee.specialty_id for m in anonymous)
    return [
        _identified_candidate(m, interests[(m.trainee_id, m.vacancy_id)], evidence.get(m.trainee_id, {}),
                              domains)
        if m.pk in identified else
        _anonymous_candidate(m, interests.get((m.trainee_id, m.vacancy_id)), describer,
                             specialties.get(m.vacancy_id, frozenset()), names)
        for m in matches
    ]


def _identified(interest: Interest | None) -> bool:
    return interest is not None and interest.status in IDENTIFIED_INTEREST_STATUSES


def _vacancy_specialties(vacancy_ids: set[int]) -> dict[int, frozenset[int]]:
    pairs = Vacancy.specialties.through.objects.filter(vacancy_id__in=vacancy_ids).values_list(
        "vacancy_id", "specialty_id")
    grouped: dict[int, set[int]] = {}
    for vacancy_id, specialty_id in pairs:
        grouped.setdefault(vacancy_id, set()).add(specialty_id)
    return {v: frozenset(ids) for v, ids in grouped.items()}


def _reference(match: Match) -> str:
    return f"Candidate {str(match.uuid)[:8].upper()}"


def _identified_candidate(match: Match, interest: Interest, evidence: dict[int, int],
                          domains) -> Candidate:
    trainee = match.trainee
    return Candidate(
        match=match, reference=_reference(match), status=interest.status, identified=True,
        interest=interest, summary=f"{trainee.grade.code} {trainee.specialty.name}",
        region=trainee.region.name, described=[], fits=1,
        grade=trainee.grade.code, specialty=trainee.specialty.name,
        domain_evidence=[(d.name, evidence.get(d.number, 0), d.element_count) for d in domains],
        name=trainee.full_name, email=trainee.email, note=interest.note,
    )


def _anonymous_candidate(match: Match, interest: Interest | None, describer, specialty_ids,
                         names: dict[int, str]) -> Candidate:
    shown = describer.shown(match.trainee_id, match.vacancy, specialty_ids)
    rows = anonymity.described(shown, match.trainee.region.name, names)
    answers = dict(rows)
    summary = anonymity.summary(rows)
    return Candidate(
        match=match, reference=_reference(match), status=interest.status if interest else None,
        identified=False, interest=interest, summary=summary or "Not shown yet",
        region=answers["Region"] if shown.region_shown else "Not shown yet",
        described=rows, fits=shown.fits,
    )


def alumni_list(*, trainees: QuerySet[Trainee], filters: dict) -> QuerySet[Trainee]:
    """Alumni among the viewer's trainees, filtered, with what staff need on each row."""

    # Exists rather than a join: no duplicate rows, so no DISTINCT, which would make the
    # database work out every row's annotations before it can sort and take one page.
    completed = Fellowship.objects.completed().filter(trainee=OuterRef("pk"))
    if filters.get("scheme"):
        completed = completed.filter(cohort__scheme=filters["scheme"])
    if filters.get("cohort_year"):
        completed = completed.filter(cohort__intake_year=filters["cohort_year"])
    alumni = trainees.filter(Exists(completed))
    if filters.get("status"):
        alumni = alumni.filter(stewardship__status=filters["status"])
    if filters.get("specialty"):
        alumni = alumni.filter(specialty=filters["specialty"])
    if filters.get("trust"):
        alumni = alumni.filter(current_trust=filters["trust"])

    latest_role = LeadershipRole.objects.filter(trainee=OuterRef("pk")).order_by("-start_date")
    open_mentorships = Mentorship.objects.filter(trainee=OuterRef("pk")).exclude(
        status=Mentorship.Status.ENDED)
    live_interests = Interest.objects.filter(trainee=OuterRef("pk")).exclude(
        status=Interest.Status.WITHDRAWN)
    return (alumni
            .select_related("grade", "specialty", "current_trust", "stewardship")
            .annotate(latest_role=Subquery(latest_role.values("title")[:1]),
                      mentored=Exists(open_mentorships),
                      interest_count=Subquery(live_interests.values("trainee").annotate(
                          n=Count("pk")).values("n")[:1]))
            .order_by("stewardship__status", "last_name", "first_name"))
