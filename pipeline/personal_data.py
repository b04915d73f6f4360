"""What the pipeline holds about a trainee: matches, interest, stewardship history
(core.personal_data)."""

from core import personal_data
from pipeline.models import Interest, Match, StewardshipEvent


def _matches(trainee) -> list[dict]:
    return [{"vacancy": m.vacancy.title, "trust": str(m.vacancy.trust), "score": m.score,
             "reasons": m.reasons}
            for m in Match.objects.filter(trainee=trainee).select_related("vacancy__trust")]


def _interests(trainee) -> list[dict]:
    return [{"vacancy": i.vacancy.title, "status": i.get_status_display(), "note": i.note,
             "updated_at": i.updated_at}
            for i in Interest.objects.filter(trainee=trainee).select_related("vacancy")]


def register() -> None:
    personal_data.register("matches", export=_matches,
                           erase=lambda t: Match.objects.filter(trainee=t).delete())
    # Interest stays (without the note) so appointments still count.
    personal_data.register("interests", export=_interests,
                           erase=lambda t: Interest.objects.filter(trainee=t).update(note=""))
    personal_data.register("stewardship_events",
                           erase=lambda t: StewardshipEvent.objects.filter(trainee=t).delete())
