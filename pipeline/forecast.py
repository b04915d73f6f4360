"""The forecast: who is expected to come through the pipeline in the next 24 months, set
against the leadership roles open now (docs/national.md).

- Fellows expected back in clinical practice, by the month their fellowship ends and their
  region (fellows on a fellowship now).
- New consultants, by the month of their expected CCT date and their region.
- Open leadership roles, by the month they start (those already started count in the first
  month) and their kind.

Counts of people are protected as the other reports' are (`pipeline.disclosure`): in each
month, a count under 5 is withheld, and so is any other that would let one be worked out
from the month's total. A month's total under 5 is withheld too. The forecast is worked out
once a month for each scope and kept (`ForecastSnapshot`), so two downloads either side of a
change give the same figures, and the page and its download always agree. Roles are not
people: their counts are shown as they are.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Role, User
from pipeline.disclosure import THRESHOLD, protect_partition
from pipeline.models import ForecastSnapshot, Vacancy
from pipeline.reports import SUPPRESSED, safe_cell
from reference.models import Region
from schemes.models import Fellowship
from schemes.scopes import schemes_led_by
from trainees.models import Trainee

MONTHS = 24
NATIONAL = "national"


@dataclass(frozen=True)
class Scope:
    """Whose forecast: the nation, a region, or a national lead's schemes."""

    key: str  # ForecastSnapshot.scope
    title: str
    region: Region | None = None
    scheme_ids: tuple[int, ...] = ()

    @property
    def by_scheme(self) -> bool:
        return self.key.startswith("schemes:")


def scope_for(user: User) -> Scope | None:
    """The forecast the viewer may read: administrators the nation's, staff their region's,
    a national lead their schemes'; None for anyone else."""
    if user.role == Role.ADMINISTRATOR:
        return Scope(NATIONAL, "England and the devolved nations")
    if user.role == Role.DEANERY_STAFF and user.region is not None:
        return Scope(f"region:{user.region_id}", user.region.name, region=user.region)
    if user.role == Role.SCHEME_LEAD:
        schemes = list(schemes_led_by(user))
        ids = tuple(s.pk for s in schemes)
        title = ", ".join(s.short_name for s in schemes) or "No scheme yet"
        return Scope(f"schemes:{','.join(map(str, ids))}", title, scheme_ids=ids)
    return None


def months_from(first: date) -> list[date]:
    """The first day of each of the 24 months from `first`'s month."""
    year, month = first.year, first.month
    found = []
    for _ in range(MONTHS):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _month_index(day: date, months: list[date]) -> int:
    return (day.year - months[0].year) * 12 + day.month - months[0].month


# -- who and what, in the scope ----------------------------------------------------------


def _regions(scope: Scope) -> list[Region]:
    return [scope.region] if scope.region is not None else list(Region.objects.order_by("name"))


def _fellowships(scope: Scope) -> QuerySet[Fellowship]:
    fellowships = Fellowship.objects.all()
    if scope.region is not None:
        fellowships = fellowships.filter(trainee__region=scope.region)
    if scope.by_scheme:
        fellowships = fellowships.filter(cohort__scheme_id__in=scope.scheme_ids)
    return fellowships


def _trainees(scope: Scope) -> QuerySet[Trainee]:
    trainees = Trainee.objects.all()
    if scope.region is not None:
        trainees = trainees.filter(region=scope.region)
    if scope.by_scheme:  # the schemes' fellows and alumni, however their fellowship went
        led = _fellowships(scope).exclude(status=Fellowship.Status.WITHDRAWN)
        trainees = trainees.filter(pk__in=led.values("trainee_id"))
    return trainees


def _returners(scope: Scope, months: list[date], end: date) -> list[tuple[date, int]]:
    rows = (_fellowships(scope).filter(status=Fellowship.Status.ACTIVE, end_date__gte=months[0],
                                       end_date__lt=end)
            .values_list("end_date", "trainee__region_id"))
    return list(rows)


def _new_consultants(scope: Scope, months: list[date], end: date) -> list[tuple[date, int]]:
    rows = (_trainees(scope).filter(expected_cct_date__gte=months[0], expected_cct_date__lt=end)
            .values_list("expected_cct_date", "region_id"))
    return [(day, region) for day, region in rows if day is not None]  # the filter leaves none


def _open_roles(scope: Scope, end: date) -> list[tuple[date, str]]:
    roles = Vacancy.objects.filter(status=Vacancy.Status.OPEN, start_date__lt=end)
    if scope.region is not None:
        roles = roles.filter(trust__region=scope.region)
    return list(roles.values_list("start_date", "role_type__name"))


# -- working it out -----------------------------------------------------------------------


def _people_rows(rows: list[tuple[date, int]], months: list[date], region_ids: list[int]) -> list[dict]:
    """Per month: each region's count, protected, and the month's total (withheld under 5)."""
    counts: Counter[tuple[int, int]] = Counter((_month_index(day, months), region) for day, region in rows)
    out = []
    for i, month in enumerate(months):
        month_counts = {r: counts.get((i, r), 0) for r in region_ids}
        shown = protect_partition(month_counts)
        total = sum(month_counts.values())
        out.append({"month": month.isoformat(),
                    "cells": [SUPPRESSED if shown[r] is None else shown[r] for r in region_ids],
                    "total": total if total >= THRESHOLD else SUPPRESSED})
    return out


def _role_rows(rows: list[tuple[date, str]], months: list[date], kinds: list[str]) -> list[dict]:
    counts: Counter[tuple[int, str]] = Counter(
        (max(0, _month_index(day, months)), kind) for day, kind in rows)
    return [{"month": month.isoformat(), "cells": [counts.get((i, k), 0) for k in kinds],
             "total": sum(counts.get((i, k), 0) for k in kinds)} for i, month in enumerate(months)]


def _work_out(scope: Scope, months: list[date]) -> dict:
    end = months_from(months[-1])[1]
    regions = _regions(scope)
    region_ids = [r.pk for r in regions]
    roles = _open_roles(scope, end)
    kinds = sorted({kind for _, kind in roles})
    return {
        "regions": [r.name for r in regions],
        "returners": _people_rows(_returners(scope, months, end), months, region_ids),
        "consultants": _people_rows(_new_consultants(scope, months, end), months, region_ids),
        "kinds": kinds,
        "roles": _role_rows(roles, months, kinds),
    }


def published(scope: Scope, *, today: date | None = None) -> ForecastSnapshot:
    """The forecast as published this month for the scope: worked out on the first visit of
    the month, then fixed until the month ends."""
    period = (today or timezone.localdate()).replace(day=1)
    snapshot = ForecastSnapshot.objects.filter(scope=scope.key, period=period).first()
    if snapshot is not None:
        return snapshot
    figures = _work_out(scope, months_from(period))
    with transaction.atomic():  # two first visits at once: the first to save wins
        snapshot, _ = ForecastSnapshot.objects.get_or_create(
            scope=scope.key, period=period, defaults={"figures": figures, "worked_out_at": timezone.now()})
    return snapshot


@dataclass(frozen=True)
class Forecast:
    scope: Scope
    period: date
    worked_out_at: object
    regions: list[str]
    returners: list[dict]
    consultants: list[dict]
    kinds: list[str]
    roles: list[dict]

    @property
    def withheld_any(self) -> bool:
        return any(SUPPRESSED in (row["total"], *row["cells"])
                   for row in self.returners + self.consultants)


def forecast(scope: Scope, *, today: date | None = None) -> Forecast:
    snapshot = published(scope, today=today)
    figures = snapshot.figures
    return Forecast(scope=scope, period=snapshot.period, worked_out_at=snapshot.worked_out_at,
                    regions=figures["regions"], returners=figures["returners"],
                    consultants=figures["consultants"], kinds=figures["kinds"], roles=figures["roles"])


# -- the download ---------------------------------------------------------------------------

RETURNERS, CONSULTANTS, ROLES = "Fellows expected back", "New consultants expected", "Open leadership roles"
ALL_REGIONS, ALL_KINDS = "All", "All kinds"


def as_rows(f: Forecast) -> list[list]:
    """The forecast as one long table: what, month, region (or kind of role), number. Every
    number is the page's, withheld where the page withholds it."""
    table: list[list] = [["What", "Month", "Region or kind of role", "Number"]]
    for what, rows, names, everyone in ((RETURNERS, f.returners, f.regions, ALL_REGIONS),
                                        (CONSULTANTS, f.consultants, f.regions, ALL_REGIONS),
                                        (ROLES, f.roles, f.kinds, ALL_KINDS)):
        for row in rows:
            month = date.fromisoformat(row["month"]).strftime("%B %Y")
            table.extend([what, month, name, cell] for name, cell in zip(names, row["cells"], strict=True))
            table.append([what, month, everyone, row["total"]])
    return table


def as_csv(f: Forecast) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([[safe_cell(c) for c in row] for row in as_rows(f)])
    return out.getvalue().encode("utf-8-sig")


def filename(f: Forecast) -> str:
    slug = f.scope.key.replace(":", "-").replace(",", "-")
    return f"forecast-{slug}-{f.period:%Y-%m}.csv"



