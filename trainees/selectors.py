"""Reads about trainees and their portfolios."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from reference.models import FrameworkDomain, FrameworkElement, LeadershipFramework
from trainees.models import Evidence, Trainee
from trainees.portfolio import KINDS, PortfolioKind

MLCF = LeadershipFramework.MLCF
HLM = LeadershipFramework.HLM


@dataclass(frozen=True)
class DomainCoverage:
    domain: FrameworkDomain
    elements_total: int
    elements_evidenced: int
    evidence_count: int

    @property
    def percent(self) -> int:
        return round(100 * self.elements_evidenced / self.elements_total) if self.elements_total else 0


@dataclass(frozen=True)
class DimensionCoverage:
    dimension: FrameworkElement
    evidence_count: int


@dataclass(frozen=True)
class PortfolioSummary:
    coverage: list[DomainCoverage]
    evidence_count: int
    project_count: int
    qualification_count: int
    role_count: int


def mlcf_coverage(*, trainee: Trainee) -> list[DomainCoverage]:
    """How many of each MLCF domain's elements the trainee has evidence for.

    Two small queries: joining everyone's evidence to the domains and filtering it in the
    aggregate would read the whole evidence table for one trainee."""
    domains = FrameworkDomain.objects.mlcf().annotate(elements_total=Count("elements"))
    evidenced = {row["element__domain"]: row for row in Evidence.objects.filter(
        trainee=trainee, element__domain__framework__code=MLCF).values("element__domain").annotate(
        elements=Count("element", distinct=True), items=Count("pk"))}
    return [DomainCoverage(d, d.elements_total, evidenced.get(d.pk, {}).get("elements", 0),
                           evidenced.get(d.pk, {}).get("items", 0)) for d in domains]


def hlm_coverage(*, trainee: Trainee) -> list[DimensionCoverage]:
    """How many pieces of evidence the trainee has against each Healthcare Leadership Model
    dimension, in the model's order. Shown beside the MLCF, never scored (docs/matching.md)."""
    dimensions = FrameworkElement.objects.filter(framework__code=HLM).order_by("number")
    counts = dict(Evidence.objects.filter(trainee=trainee, element__framework__code=HLM)
                  .values("element").annotate(items=Count("pk")).values_list("element", "items"))
    return [DimensionCoverage(d, counts.get(d.pk, 0)) for d in dimensions]


def portfolio_summary(*, trainee: Trainee) -> PortfolioSummary:
    coverage = mlcf_coverage(trainee=trainee)
    return PortfolioSummary(
        coverage=coverage,
        evidence_count=trainee.evidence.count(),
        project_count=trainee.projects.count(),
        qualification_count=trainee.qualifications.count(),
        role_count=trainee.leadership_roles.count(),
    )


def fellowships_of(*, trainee: Trainee) -> QuerySet:
    """The trainee's fellowships, newest first (read through the relation `schemes` adds)."""
    return trainee.fellowships.select_related("cohort__scheme").order_by("-start_date")


def domain_evidence_counts(trainee_ids: list[int]) -> dict[int, dict[int, int]]:
    """Per trainee, how many elements of each MLCF domain they have evidenced (one query)."""
    rows = (Evidence.objects.filter(trainee_id__in=trainee_ids, element__framework__code=MLCF)
            .values_list("trainee_id", "element__domain__number")
            .annotate(elements=Count("element", distinct=True)))
    counts: dict[int, dict[int, int]] = {}
    for trainee_id, domain, elements in rows:
        counts.setdefault(trainee_id, {})[domain] = elements
    return counts


def trainee_of(user) -> Trainee:
    """The signed-in trainee's own record, or 404 (a trainee account not yet linked)."""
    trainee = Trainee.objects.filter(user=user).select_related(
        "grade", "specialty", "region", "current_trust").first()
    if trainee is None:
        raise Http404("No training record is linked to this account")
    return trainee


def portfolio_items(*, trainee: Trainee, model) -> QuerySet:
    """One kind of portfolio item, the trainee's own only."""
    items = model.objects.filter(trainee=trainee)
    if model.__name__ == "Evidence":
        items = items.select_related("element__domain", "element__framework")
    return items


def portfolio_sections(*, trainee: Trainee) -> list[tuple[PortfolioKind, QuerySet]]:
    """Every kind of portfolio item with the trainee's items of that kind, in order."""
    return [(kind, portfolio_items(trainee=trainee, model=kind.model)) for kind in KINDS.values()]


def placements_of(*, trainee: Trainee) -> QuerySet:
    return trainee.placements.select_related("trust", "grade", "specialty").order_by("-start_date")
