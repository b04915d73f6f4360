"""The national view (docs/national.md): a national scheme lead's schemes in every region,
and the nation's pipeline by scheme and region for administrators.

A lead may open each of their schemes' fellows, so their counts are shown whole. The
administrators' table is anonymous: each row's counts are protected as the other reports'
are (`pipeline.disclosure`).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from pipeline.disclosure import THRESHOLD, protect_partition
from pipeline.models import StewardshipStatus
from pipeline.reports import SUPPRESSED
from reference.models import Region
from schemes.models import Fellowship, Scheme
from schemes.scopes import fellowships_for, schemes_led_by
from trainees.models import Trainee
from trainees.scopes import trainees_for

NOT_ASSESSED = "not_assessed"
STATUS_KEYS = [*StewardshipStatus.values, NOT_ASSESSED]
STATUS_LABELS = [*StewardshipStatus.labels, "Not yet assessed"]


@dataclass(frozen=True)
class RegionCounts:
    """One scheme's people in one region."""

    scheme_id: int
    region_id: int
    active: int
    alumni: int
    statuses: dict[str, int]  # alumni by stewardship status, NOT_ASSESSED included


def _counts(fellowships: QuerySet[Fellowship]) -> list[RegionCounts]:
    """Active fellows, alumni and alumni by stewardship status per scheme and region, in one
    grouped query (a trainee counts once per scheme, however many cohorts they joined)."""
    done = Q(status=Fellowship.Status.COMPLETED)
    by_status = {s: Count("trainee", filter=done & Q(trainee__stewardship__status=s), distinct=True)
                 for s in StewardshipStatus.values}
    rows = (fellowships.order_by().values("cohort__scheme_id", "trainee__region_id")
            .annotate(active=Count("trainee", filter=Q(status=Fellowship.Status.ACTIVE), distinct=True),
                      alumni=Count("trainee", filter=done, distinct=True), **by_status))
    found = []
    for row in rows:
        statuses = {s: row[s] for s in StewardshipStatus.values}
        statuses[NOT_ASSESSED] = row["alumni"] - sum(statuses.values())
        found.append(RegionCounts(row["cohort__scheme_id"], row["trainee__region_id"], row["active"],
                                  row["alumni"], statuses))
    return found


# -- a national scheme lead ---------------------------------------------------------------


@dataclass(frozen=True)
class SchemeAcrossRegions:
    scheme: Scheme
    rows: list[tuple[Region, RegionCounts]]  # regions with anyone, by name
    cohorts: list

    @property
    def active(self) -> int:
        return sum(c.active for _, c in self.rows)

    @property
    def alumni(self) -> int:
        return sum(c.alumni for _, c in self.rows)

    def status_total(self, status: str) -> int:
        return sum(c.statuses[status] for _, c in self.rows)


def schemes_across_regions(user: User) -> list[SchemeAcrossRegions]:
    """Each scheme the lead runs: its fellows and alumni in every region, and its cohorts."""
    schemes = list(schemes_led_by(user).prefetch_related("cohorts__region"))
    regions = {r.pk: r for r in Region.objects.all()}
    counts = _counts(fellowships_for(user))
    found = []
    for scheme in schemes:
        rows = sorted(((regions[c.region_id], c) for c in counts if c.scheme_id == scheme.pk),
                      key=lambda pair: pair[0].name)
        cohorts = sorted(scheme.cohorts.all(), key=lambda c: (-c.intake_year, c.name))
        found.append(SchemeAcrossRegions(scheme, rows, cohorts))
    return found


def fellows_list(user: User, *, filters: dict) -> QuerySet[Fellowship]:
    """The lead's schemes' fellowships in every region, filtered, with each fellow's region
    and stewardship status."""
    fellowships = fellowships_for(user)
    for key, lookup in (("scheme", "cohort__scheme"), ("cohort", "cohort"), ("region", "trainee__region"),
                        ("status", "status"), ("stewardship", "trainee__stewardship__status")):
        if filters.get(key):
            fellowships = fellowships.filter(**{lookup: filters[key]})
    return (fellowships.select_related("trainee__region", "trainee__grade", "trainee__stewardship",
                                       "cohort__scheme")
            .order_by("trainee__last_name", "trainee__first_name", "-start_date", "pk"))


def completed_among(fellowships) -> set[int]:
    """Which of these fellowships made their fellow an alumnus (whose stewardship status
    then says where they stand)."""
    return {f.pk for f in fellowships if f.status == Fellowship.Status.COMPLETED}


def fellow_for(user: User, uuid) -> Trainee | None:
    """One of the lead's fellows or alumni, or None when they are not the lead's to open."""
    return (trainees_for(user).select_related("region", "grade", "specialty", "current_trust",
                                              "stewardship").filter(uuid=uuid).first())


def fellow_fellowships(user: User, trainee: Trainee) -> QuerySet[Fellowship]:
    """The fellow's fellowships in the lead's schemes (not the other schemes they joined)."""
    return fellowships_for(user).filter(trainee=trainee).select_related("cohort__scheme", "cohort__region")


# -- administrators: the national pipeline ------------------------------------------------

PIPELINE_CACHE_SECONDS = 300


@dataclass(frozen=True)
class PipelineRow:
    scheme: str
    region: str
    active: int | str
    alumni: int | str
    statuses: list[int | str]  # in STATUS_KEYS order


def _protected(scheme: str, region: str, c: RegionCounts) -> PipelineRow:
    """A row as it may be shown: counts under 5 withheld, and the alumni's statuses protected
    against their total (which is shown when it is 5 or more)."""
    statuses = protect_partition(c.statuses)
    shown: list[int | str] = [SUPPRESSED if (n := statuses[s]) is None else n for s in STATUS_KEYS]
    return PipelineRow(
        scheme=scheme, region=region,
        active=c.active if c.active >= THRESHOLD else SUPPRESSED,
        alumni=c.alumni if c.alumni >= THRESHOLD else SUPPRESSED,
        statuses=shown)


def national_pipeline() -> dict:
    """Every scheme's active fellows and alumni (with where alumni stand) in each region, small
    numbers withheld; worked out at most once every five minutes, as the region report is."""

    def compute() -> dict:
        schemes = dict(Scheme.objects.values_list("pk", "name"))
        regions = dict(Region.objects.values_list("pk", "name"))
        rows = [_protected(schemes[c.scheme_id], regions[c.region_id], c)
                for c in _counts(Fellowship.objects.all()) if c.active or c.alumni]
        rows.sort(key=lambda r: (r.scheme, r.region))
        return {"rows": rows, "as_of": timezone.now()}

    report = cache.get_or_set("national-pipeline:v1", compute, PIPELINE_CACHE_SECONDS)
    assert report is not None  # compute() never returns None
    return report


def pipeline_table(rows: list[PipelineRow]) -> list[list]:
    header = ["Scheme", "Region", "Active fellows", "Alumni", *[f"Alumni: {s}" for s in STATUS_LABELS]]
    return [header] + [[r.scheme, r.region, r.active, r.alumni, *r.statuses] for r in rows]
