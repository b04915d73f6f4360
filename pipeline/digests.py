"""The weekly email to trainees of roles newly matched to them (docs/matching.md, "Emails").

Sent on Mondays to each trainee who can be found, wants the email (their preferences) and
has open roles matched to them in the last 7 days. Claimed once per trainee and week, as
the date reminders are (`pipeline.reminders.claim`), so two beats send it once.
"""

from datetime import date, timedelta
from itertools import groupby

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from notifications.services import notification_queue
from pipeline.models import Match, Vacancy
from pipeline.reminders import claim
from trainees.models import Trainee

ROLES_IN_DIGEST = 10


def new_matches(*, since) -> list[Match]:
    """Open roles matched since `since` to trainees who want to hear of them, best first."""
    return list(Match.objects.filter(
        created_at__gte=since, vacancy__status=Vacancy.Status.OPEN, trainee__user__isnull=False,
        trainee__preferences__discoverable=True, trainee__preferences__weekly_roles_email=True,
    ).select_related("vacancy__trust", "trainee__user").order_by("trainee_id", "-score", "vacancy_id"))


def send_roles_digest(*, today: date | None = None) -> int:
    """Email the week's newly matched roles; how many trainees were emailed."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    sent = 0
    week = new_matches(since=timezone.now() - timedelta(days=7))
    for _, matches in groupby(week, key=lambda m: m.trainee_id):
        rows = list(matches)
        sent += _send(rows[0].trainee, rows, monday)
    return sent


@transaction.atomic
def _send(trainee: Trainee, matches: list[Match], monday: date) -> int:
    if not claim(trainee.pk, "roles-digest", monday):
        return 0
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="roles_digest",
        subject=ngettext("%(n)d new leadership role matches you", "%(n)d new leadership roles match you",
                         len(matches)) % {"n": len(matches)},
        context={"first_name": trainee.first_name, "count": len(matches),
                 "roles": [_role(m.vacancy) for m in matches[:ROLES_IN_DIGEST]]})
    return 1


def _role(vacancy: Vacancy) -> dict:
    return {"title": vacancy.title, "trust": vacancy.trust.name, "uuid": str(vacancy.uuid),
            "closing_date": f"{vacancy.closing_date:%-d %B %Y}"}
