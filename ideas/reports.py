"""Is it listened to? Each trust's responsiveness to fresh-eyes ideas, for deanery staff (their
region's trusts) and administrators (every trust).

Small numbers are withheld as in the pipeline's reports (`pipeline.reports.SUPPRESS_BELOW`,
docs/disclosure.md): a trust that received fewer than 5 ideas whose answer was due shows no
figures, since a share of 1 or 2 ideas would tell a reader how one trainee's idea fared.
"""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Role, User
from ideas.models import Idea
from pipeline.reports import SUPPRESS_BELOW, SUPPRESSED
from reference.models import Trust

PERIOD_DAYS = 365


@dataclass(frozen=True)
class TrustRow:
    trust: str
    region: str
    counted: int  # ideas whose answer was due (or that were answered) in the period
    within_target: int | None  # per cent; None: withheld
    tried: int | None
    median_days: int | None

    @property
    def withheld(self) -> bool:
        return self.within_target is None


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _row(trust: Trust, ideas: list[Idea]) -> TrustRow:
    if len(ideas) < SUPPRESS_BELOW:
        return TrustRow(trust.name, trust.region.name, len(ideas), None, None, None)
    answered = [i for i in ideas if i.answered_at is not None]
    in_time = sum(timezone.localdate(i.answered_at) <= i.due_on for i in answered)
    days = [(i.answered_at - i.submitted_at).days for i in answered if i.answered_at is not None]
    return TrustRow(trust.name, trust.region.name, len(ideas), _percent(in_time, len(ideas)),
                    _percent(sum(i.status == Idea.Status.TRIED for i in ideas), len(ideas)),
                    round(statistics.median(days)) if days else None)


def responsiveness(*, viewer: User, today: date | None = None) -> list[TrustRow]:
    """A row for each trust the viewer reports on that received ideas in the last year: only
    ideas already answered or past their answer date count, so a trust is not marked down for
    an idea it still has time to answer."""
    today = today or timezone.localdate()
    trusts = Trust.objects.select_related("region").order_by("region__name", "name")
    if viewer.role == Role.DEANERY_STAFF:
        assert viewer.region_id is not None, "deanery staff always belong to a region"
        trusts = trusts.filter(region_id=viewer.region_id)
    since = today - timedelta(days=PERIOD_DAYS)
    counted = Idea.objects.filter(trust__in=trusts, submitted_at__date__gte=since)
    by_trust: dict[int, list[Idea]] = {}
    for idea in counted.only("trust_id", "status", "submitted_at", "answered_at", "due_on"):
        if idea.answered_at is not None or idea.due_on < today:
            by_trust.setdefault(idea.trust_id, []).append(idea)
    return [_row(trust, by_trust[trust.pk]) for trust in trusts if trust.pk in by_trust]


def responsiveness_report(*, viewer: User) -> dict:
    rows = responsiveness(viewer=viewer)
    return {"rows": rows, "shown": [r for r in rows if not r.withheld],
            "national": viewer.role == Role.ADMINISTRATOR,
            "threshold": SUPPRESS_BELOW, "withheld_word": SUPPRESSED, "period_days": PERIOD_DAYS,
            "as_of": timezone.now()}
