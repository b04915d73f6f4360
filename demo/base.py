"""What every part of the demo seeder shares: the seeded generator, the day, the reference
data, and the rows made so far."""

import calendar
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.utils import timezone

from accounts.models import Role
from demo.content import DEMO_LOGINS, FULL_SIZE_TRAINEES
from pipeline.models import GOVERNANCE_ROLE_TYPES
from reference.models import (
    FrameworkDomain,
    FrameworkElement,
    Grade,
    LeadershipRoleType,
    Region,
    Specialty,
)
from schemes.models import Cohort, Scheme
from trainees.models import (
    Trainee,
)


@dataclass
class Ref:
    """Reference data and the rows created so far, keyed for quick lookup."""

    regions: list
    grades: list
    specialties: list
    elements: list
    domains: list
    role_types: list
    schemes: list
    trusts_by_region: dict = field(default_factory=dict)

    def grade(self, code: str) -> Grade:
        return next(g for g in self.grades if g.code == code)

    def region(self, code: str) -> Region:
        return next(r for r in self.regions if r.code == code)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when it is short."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class SeederBase:
    """Every random choice comes from `rng`, UUIDs included; dates are relative to `today`."""

    trainee_rows: list[Trainee]
    fellow_ids: set[int]
    alumni_ids: set[int]
    cohorts: list[Cohort]
    completed: dict[int, tuple[date, str]]  # alumnus → when they completed, and which scheme
    story: dict[int, str]                   # alumnus → their story (demo/alumni.py)
    demo_staff_email = DEMO_LOGINS[Role.DEANERY_STAFF]
    demo_mentor_email = DEMO_LOGINS[Role.MENTOR]

    def __init__(self, *, trainees: int, seed: int, today: date) -> None:
        self.n_trainees = trainees
        # Cohorts, alumni and roles are at full size from FULL_SIZE_TRAINEES up, and shrink
        # with smaller demos (tests) so there are always more trainees than fellows.
        self.scale = min(1.0, trainees / FULL_SIZE_TRAINEES)
        self.rng = random.Random(seed)
        self.today = today
        self.ref = Ref(
            regions=list(Region.objects.order_by("code")),
            grades=list(Grade.objects.order_by("rank")),
            specialties=list(Specialty.objects.order_by("name")),
            elements=list(FrameworkElement.objects.mlcf().order_by("pk")),
            domains=list(FrameworkDomain.objects.mlcf()),
            # A post's kinds of role: governance roles are seeded apart (demo/governance.py).
            role_types=list(LeadershipRoleType.objects.exclude(code__in=GOVERNANCE_ROLE_TYPES.values())
                            .order_by("code")),
            schemes=list(Scheme.objects.order_by("short_name").prefetch_related("eligible_grades",
                                                                                  "regions")),
        )

    # -- helpers -------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(9, 0)))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def scaled(self, n: int, least: int = 1) -> int:
        return max(least, round(n * self.scale))

    @contextmanager
    def seeded_uuids(self) -> Iterator[None]:
        """Rows that the product's own services create (a round run and published) take
        their public ids from the seeded generator too, so the same seed gives the same ids."""
        fields = [model._meta.get_field("uuid") for model in apps.get_models()
                  if any(f.name == "uuid" and f.has_default() for f in model._meta.concrete_fields)]
        for f in fields:
            f.__dict__["_get_default"] = self.uuid  # Field._get_default is a cached_property
        try:
            yield
        finally:
            for f in fields:
                f.__dict__.pop("_get_default", None)
