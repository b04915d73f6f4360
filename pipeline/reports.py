"""Reports on a region's pipeline for deanery staff.

Equality monitoring answers leave this module only as protected aggregates
(`pipeline.disclosure`, docs/disclosure.md): counts under 5 are withheld, and so is any
other count that would let a small one be worked out, and the figures are published once
a month so that comparing two downloads reveals nobody.
"""

import csv
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from pipeline import disclosure
from pipeline.models import EqualitySnapshot, Interest
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


@dataclass(frozen=True)
class RepresentationRow:
    stage: str
    total: int | str
    cells: list[int | str]


CHARACTERISTICS = {"ethnic_group": EqualityMonitoring.EthnicGroup, "sex": EqualityMonitoring.Sex}


def _equality_table(trainees: QuerySet[Trainee], characteristic: str) -> disclosure.Table:
    """Everyone at any stage: the stages they are at, and their answer (no answer counts as
    "prefer not to say")."""
    choices = CHARACTERISTICS[characteristic]
    answer_of = dict(EqualityMonitoring.objects.filter(trainee__in=trainees)
                     .values_list("trainee_id", characteristic))
    stages = _stage_ids(trainees)
    everyone = set().union(*stages.values())
    people = ((frozenset(key for key, _ in STAGES if t in stages[key]),
               answer_of.get(t, EqualityMonitoring.PREFER_NOT_TO_SAY)) for t in everyone)
    return disclosure.Table.of([key for key, _ in STAGES], list(choices.values), people)


def _representation_now(region: Region, characteristic: str) -> dict:
    """The published form of one characteristic's table, worked out from today's data."""
    table = _equality_table(Trainee.objects.filter(region=region), characteristic)
    shown = disclosure.protect(table)
    rows = []
    for key, label in STAGES:
        total = table.total(key)
        cells = [shown[(key, value)] for value in table.groups]
        rows.append({"stage": str(label), "total": total if total >= SUPPRESS_BELOW else SUPPRESSED,
                     "cells": [SUPPRESSED if n is None else n for n in cells]})
    return {"labels": [str(label) for label in CHARACTERISTICS[characteristic].labels], "rows": rows}


def representation(*, region: Region, characteristic: str) -> tuple[list[str], list[RepresentationRow]]:
    """People at each stage by ethnic group or sex, as published this month (see
    `equality_figures`). Individual answers never leave."""
    published = equality_figures(region=region).figures[characteristic]
    return published["labels"], [RepresentationRow(**row) for row in published["rows"]]


@dataclass(frozen=True)
class RelativeLikelihood:
    white_rate: float | None
    bme_rate: float | None
    ratio: float | None
    withheld: bool


def _likelihood_now(region: Region) -> dict:
    """White vs BME relative likelihood of appointment from interest (REFERENCE.md).

    Withheld unless, on each side, at least 5 were appointed and at least 5 were not: a rate
    of 100% or 0% (or near it) would tell a reader how every candidate in a group fared."""
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
    counts = [n for side in ("white", "bme")
              for n in (tallies[side][1], tallies[side][0] - tallies[side][1])]
    if any(n < SUPPRESS_BELOW for n in counts):
        return {"white_rate": None, "bme_rate": None, "ratio": None, "withheld": True}
    white = tallies["white"][1] / tallies["white"][0]
    bme = tallies["bme"][1] / tallies["bme"][0]
    return {"white_rate": white, "bme_rate": bme, "ratio": white / bme, "withheld": False}


def relative_likelihood(*, region: Region) -> RelativeLikelihood:
    return RelativeLikelihood(**equality_figures(region=region).figures["likelihood"])


def equality_figures(*, region: Region, today: date | None = None) -> EqualitySnapshot:
    """This month's published equality figures for a region, worked out on the first visit of
    the month (or by the monthly task) and then fixed until the month ends, so that two
    downloads around one change show the same figures (docs/disclosure.md)."""
    period = (today or timezone.localdate()).replace(day=1)
    snapshot = EqualitySnapshot.objects.filter(region=region, period=period).first()
    if snapshot is not None:
        return snapshot
    figures = {"ethnic_group": _representation_now(region, "ethnic_group"),
               "sex": _representation_now(region, "sex"), "likelihood": _likelihood_now(region)}
    with transaction.atomic():  # two first visits at once: the first to save wins
        snapshot, _ = EqualitySnapshot.objects.get_or_create(
            region=region, period=period,
            defaults={"figures": figures, "worked_out_at": timezone.now()})
    return snapshot


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
            "equality_month": equality_figures(region=region).period,
            "ethnicity": representation(region=region, characteristic="ethnic_group"),
            "sex": representation(region=region, characteristic="sex"),
            "likelihood": relative_likelihood(region=region),
            "peak": max(overall.counts) or 1, "as_of": timezone.now(),
        }

    report = cache.get_or_set(f"region-report:v1:{region.pk}:{by or ''}", compute, REPORT_CACHE_SECONDS)
    assert report is not None  # compute() never returns None
    return report
