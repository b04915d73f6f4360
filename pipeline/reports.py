"""Reports on a region's pipeline for deanery staff.

Equality monitoring answers leave this module only as suppressed aggregates: any
count under 5 about people is withheld, and so is the next smallest count in the
same row when one alone would let it be worked back from the total.
"""

import csv
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from pipeline.models import Interest
from reference.models import Region
from schemes.models import Fellowship
from trainees.models import EqualityMonitoring, LeadershipRole, Trainee

SUPPRESS_BELOW = 5
SUPPRESSED = "withheld"
STAGES = [
    ("interest", "Leadership interest"),
    ("applied", "Applied to a scheme"),
    ("active", "Active fellows"),
    ("alumni", "Alumni"),
    ("leading", "Alumni in leadership roles"),
]
BME = {"asian", "black", "mixed", "other"}
NOT_APPLICABLE = "not applicable"


def _stage_ids(trainees: QuerySet[Trainee]) -> dict[str, set[int]]:
    """The trainees at each stage of the pipeline."""
    fellowships = Fellowship.objects.filter(trainee__in=trainees)
    applied = set(fellowships.values_list("trainee_id", flat=True))
    alumni_done: dict[int, date] = {}
    for trainee_id, done in fellowships.completed().values_list(
            "trainee_id", "completed_on"):
        assert done is not None  # the database requires a completed fellowship's date
        alumni_done[trainee_id] = min(done, alumni_done.get(trainee_id, done))
    leading = {t for t, start in LeadershipRole.objects.filter(trainee_id__in=alumni_done)
               .values_list("trainee_id", "start_date") if start >= alumni_done[t]}
    return {
        "interest": set(trainees.filter(leadership_interest=True).values_list("pk", flat=True)) | applied,
        "applied": applied,
        "active": set(fellowships.filter(status=Fellowship.Status.ACTIVE)
                      .values_list("trainee_id", flat=True)),
        "alumni": set(alumni_done),
        "leading": leading,
    }


@dataclass(frozen=True)
class FunnelRow:
    group: str
    counts: list[int | str]


def funnel(*, region: Region, by: str | None = None) -> list[FunnelRow]:
    """Counts at each stage, overall or by specialty or grade (counts of trainees, not people's
    protected characteristics, so no suppression is needed)."""
    trainees = Trainee.objects.filter(region=region)
    stages = _stage_ids(trainees)
    if by is None:
        return [FunnelRow("All trainees", [len(stages[key]) for key, _ in STAGES])]
    if by in ("scheme", "year"):
        return _funnel_by_fellowship(trainees, stages, by)
    field = {"specialty": "specialty__name", "grade": "grade__code"}[by]
    group_of = dict(trainees.values_list("pk", field))
    rows = []
    for group in sorted(set(group_of.values())):
        rows.append(FunnelRow(group, [sum(1 for t in stages[key] if group_of.get(t) == group)
                                      for key, _ in STAGES]))
    return [r for r in rows if any(r.counts)]


def _funnel_by_fellowship(trainees, stages, by: str) -> list[FunnelRow]:
    """By scheme or intake year: the fellowship stages only (interest has no scheme).

    A trainee with fellowships in two schemes counts once in each.
    """
    field = "cohort__scheme__short_name" if by == "scheme" else "cohort__intake_year"
    groups: dict[str, set[int]] = defaultdict(set)
    for trainee_id, group in Fellowship.objects.filter(trainee__in=trainees).values_list("trainee_id", field):
        groups[str(group)].add(trainee_id)
    return [FunnelRow(group, [NOT_APPLICABLE] + [len(stages[key] & members) for key, _ in STAGES[1:]])
            for group, members in sorted(groups.items())]


def destinations(*, region: Region) -> list[tuple[str, int]]:
    """The kinds of leadership role the region's alumni went on to."""
    alumni = _stage_ids(Trainee.objects.filter(region=region))["alumni"]
    roles = Counter(LeadershipRole.objects.filter(trainee_id__in=alumni)
                    .values_list("role_type__name", flat=True))
    return [(name or "Other role", n) for name, n in roles.most_common()]


def median_days_to_first_role(*, region: Region) -> int | None:
    done: dict[int, date] = {}
    for t, d in Fellowship.objects.completed().filter(trainee__region=region).values_list(
            "trainee_id", "completed_on"):
        assert d is not None  # the database requires a completed fellowship's date
        done[t] = min(d, done.get(t, d))
    firsts: dict[int, date] = {}
    roles = LeadershipRole.objects.filter(trainee_id__in=done).values_list("trainee_id", "start_date")
    for t, start in roles:
        if start >= done[t] and (t not in firsts or start < firsts[t]):
            firsts[t] = start
    gaps = [(firsts[t] - done[t]).days for t in firsts]
    return int(statistics.median(gaps)) if gaps else None


def suppress(counts: list[int]) -> list[str | int]:
    """Withhold counts under 5, and a second cell where one alone could be worked back."""
    shown: list[str | int] = list(counts)
    # Zero is a count under 5 too: "no one from this group" can identify as surely.
    hidden = [i for i, n in enumerate(counts) if n < SUPPRESS_BELOW]
    if len(hidden) == 1:
        others = sorted((n, i) for i, n in enumerate(counts) if i not in hidden)
        if others:
            hidden.append(others[0][1])
    for i in hidden:
        shown[i] = SUPPRESSED
    return shown


@dataclass(frozen=True)
class RepresentationRow:
    stage: str
    total: int | str
    cells: list[int | str]


def representation(*, region: Region, characteristic: str) -> tuple[list[str], list[RepresentationRow]]:
    """People at each stage by ethnic group or sex, suppressed. Individual answers never leave."""
    choices = {"ethnic_group": EqualityMonitoring.EthnicGroup,
               "sex": EqualityMonitoring.Sex}[characteristic]
    trainees = Trainee.objects.filter(region=region)
    answer_of = dict(EqualityMonitoring.objects.filter(trainee__in=trainees)
                     .values_list("trainee_id", characteristic))
    stages = _stage_ids(trainees)
    rows = []
    for key, label in STAGES:
        tally = Counter(answer_of.get(t, EqualityMonitoring.PREFER_NOT_TO_SAY) for t in stages[key])
        counts = [tally.get(value, 0) for value in choices.values]
        total = sum(counts)
        shown_total = total if total >= SUPPRESS_BELOW else SUPPRESSED
        rows.append(RepresentationRow(label, shown_total, suppress(counts)))
    return [str(label) for label in choices.labels], rows


@dataclass(frozen=True)
class RelativeLikelihood:
    white_rate: float | None
    bme_rate: float | None
    ratio: float | None
    withheld: bool


def relative_likelihood(*, region: Region) -> RelativeLikelihood:
    """White vs BME relative likelihood of appointment from interest (REFERENCE.md)."""
    decided = Interest.objects.filter(trainee__region=region).exclude(
        status__in=[Interest.Status.INVITED, Interest.Status.WITHDRAWN])
    groups = dict(EqualityMonitoring.objects.filter(trainee__region=region)
                  .values_list("trainee_id", "ethnic_group"))
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # [interested, appointed]
    for trainee_id, status in decided.values_list("trainee_id", "status"):
        group = groups.get(trainee_id)
        side = "white" if group == "white" else "bme" if group in BME else None
        if side:
            tallies[side][0] += 1
            tallies[side][1] += status == Interest.Status.APPOINTED
    counts = [n for side in ("white", "bme") for n in tallies[side]]
    if any(n < SUPPRESS_BELOW for n in counts):
        return RelativeLikelihood(None, None, None, withheld=True)
    white = tallies["white"][1] / tallies["white"][0]
    bme = tallies["bme"][1] / tallies["bme"][0]
    return RelativeLikelihood(white, bme, white / bme if bme else None, withheld=False)


# -- downloads -------------------------------------------------------------------------


def safe_cell(value) -> str | int | float:
    """Text a spreadsheet will not run: formulas are shown as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def funnel_table(*, region: Region, by: str | None) -> list[list]:
    header = ["Group", *[label for _, label in STAGES]]
    return [header] + [[r.group, *r.counts] for r in funnel(region=region, by=by)]


def representation_table(*, region: Region, characteristic: str) -> list[list]:
    labels, rows = representation(region=region, characteristic=characteristic)
    return [["Stage", "Total", *labels]] + [[r.stage, r.total, *r.cells] for r in rows]


def as_csv(table: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([[safe_cell(c) for c in row] for row in table])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(table: list[list], title: str) -> bytes:

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in table:
        sheet.append([safe_cell(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()



# -- the report page -----------------------------------------------------------------

REPORT_CACHE_SECONDS = 300


def region_report(*, region: Region, by: str | None) -> dict:
    """Everything the report page shows for a region (and a breakdown), worked out at most
    once every five minutes: it reads the whole region's pipeline, thousands of trainees,
    and staff come back to it often. The page says when the figures were worked out."""

    def compute() -> dict:
        overall = funnel(region=region)[0]
        return {
            "overall": overall, "breakdown": funnel(region=region, by=by) if by else [],
            "destinations": destinations(region=region),
            "median_days": median_days_to_first_role(region=region),
            "ethnicity": representation(region=region, characteristic="ethnic_group"),
            "sex": representation(region=region, characteristic="sex"),
            "likelihood": relative_likelihood(region=region),
            "peak": max(overall.counts) or 1, "as_of": timezone.now(),
        }

    report = cache.get_or_set(f"region-report:v1:{region.pk}:{by or ''}", compute, REPORT_CACHE_SECONDS)
    assert report is not None  # compute() never returns None
    return report
