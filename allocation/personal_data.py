"""What allocation rounds hold about a person (core.personal_data): a trainee's choices,
their place in directors' rankings and their outcomes; the rounds staff ran and the posts
directors ranked.

A round that has been run is kept whole (its inputs, digest and placements are its audit
record), so an erased trainee's choices and placement stay there, attached to their
anonymised record. In a round not yet run they are taken out, so the round cannot place
someone who has left.
"""

from allocation.models import Allocation, AllocationRound, ApplicantRank, RoundPost, TraineeChoice
from core import personal_data
from trainees.personal_data import trainee_part

Status = AllocationRound.Status
NOT_RUN = [Status.DRAFT, Status.OPEN]


def _choices(trainee) -> list[dict]:
    return [{"round": c.round.name, "post": c.post.vacancy.title, "trust": str(c.post.vacancy.trust),
             "your_choice": c.rank, "chosen_at": c.chosen_at}
            for c in TraineeChoice.objects.filter(trainee=trainee).select_related(
                "round", "post__vacancy__trust")]


def _erase_choices(trainee) -> None:
    TraineeChoice.objects.filter(trainee=trainee, round__status__in=NOT_RUN).delete()
    ApplicantRank.objects.filter(trainee=trainee, post__round__status__in=NOT_RUN).delete()


def _outcomes(trainee) -> dict:
    # Only published: before that nobody, the trainee included, is told a result.
    return {
        "placements": [{"round": a.round.name, "post": a.post.vacancy.title if a.post else None,
                        "your_choice": a.choice}
                       for a in Allocation.objects.filter(trainee=trainee, round__status=Status.PUBLISHED)
                       .select_related("round", "post__vacancy")],
        "directors_rankings_of_you": [
            {"round": r.post.round.name, "post": r.post.vacancy.title, "place": r.rank}
            for r in ApplicantRank.objects.filter(trainee=trainee, post__round__status=Status.PUBLISHED)
            .select_related("post__round", "post__vacancy")],
    }


def _keep_the_round_record(trainee) -> None:
    """A run round keeps its placements (its audit record), on the anonymised record."""


def _rounds_run(user) -> dict:
    rounds = AllocationRound.objects.all()
    return {
        "rounds_you_set_up": [r.name for r in rounds.filter(created_by=user)],
        "rounds_you_ran": [r.name for r in rounds.filter(run_by=user)],
        "rounds_you_published": [r.name for r in rounds.filter(published_by=user)],
        "posts_you_ranked": [
            {"round": p.round.name, "post": p.vacancy.title, "ranked_at": p.ranked_at}
            for p in RoundPost.objects.filter(ranked_by=user).select_related("round", "vacancy")],
    }


def register() -> None:
    export, erase = trainee_part(_choices, _erase_choices)
    personal_data.register("round_choices", models=[TraineeChoice, ApplicantRank], export=export, erase=erase)
    export, erase = trainee_part(_outcomes, _keep_the_round_record, empty=dict)
    personal_data.register("round_outcomes", models=[Allocation, ApplicantRank], export=export, erase=erase)
    personal_data.register("rounds_you_ran", models=[AllocationRound, RoundPost], export=_rounds_run,
                           erase=personal_data.keep_authored)
