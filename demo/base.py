"""What every part of the demo seeder shares: the seeded generator, the day, the reference
data, and the rows made so far."""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

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


class SeederBase:
    """Every random choice comes from `rng`, UUIDs included; dates are relative to `today`."""

    trainee_rows: list[Trainee]
    fellow_ids: set[int]
    alumni_ids: set[int]
    cohorts: list[Cohort]

    def __init__(self, *, trainees: int, seed: int, today: date) -> None:
        self.n_trainees = trainees
        self.rng = random.Random(seed)
        self.today = today
        self.ref = Ref(
            regions=list(Region.objects.order_by("code")),
            grades=list(Grade.objects.order_by("rank")),
            specialties=list(Specialty.objects.order_by("name")),
            elements=list(FrameworkElement.objects.mlcf().order_by("pk")),
            domains=list(FrameworkDomain.objects.mlcf()),
            role_types=list(LeadershipRoleType.objects.order_by("code")),
            schemes=list(Scheme.objects.order_by("short_name")),
        )

    # -- helpers -------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(9, 0)))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))
