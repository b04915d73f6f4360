"""Who may rank what: a trainee of the round's region, for posts their grade and
specialty fit. Each rule answers with the sentence the trainee is shown, or None."""

from allocation.models import AllocationRound, RoundPost
from trainees.models import Trainee


def round_ineligibility(round: AllocationRound, trainee: Trainee) -> str | None:
    if trainee.region_id != round.region_id:
        return f"This round is for trainees in {round.region.name}."
    return None


def trainees_who_may_rank(round: AllocationRound, trainees=None) -> list[Trainee]:
    """The round's region's trainees with an active account who may rank at least one of
    its posts (among `trainees` if given)."""
    posts = list(round.posts.select_related("vacancy__min_grade", "vacancy__max_grade")
                 .prefetch_related("vacancy__specialties"))
    trainees = Trainee.objects.all() if trainees is None else trainees
    in_region = trainees.filter(region_id=round.region_id, user__is_active=True).select_related(
        "user", "grade")
    return [t for t in in_region if any(post_ineligibility(post, t) is None for post in posts)]


def post_ineligibility(post: RoundPost, trainee: Trainee) -> str | None:
    """Why the trainee cannot rank the post (its grade range or specialties), if so.

    Expects the post's vacancy with its grades and specialties loaded."""
    vacancy = post.vacancy
    if not vacancy.min_grade.rank <= trainee.grade.rank <= vacancy.max_grade.rank:
        return (f"{vacancy.title} is for grades {vacancy.min_grade} to {vacancy.max_grade}; "
                f"your grade is {trainee.grade}.")
    specialties = list(vacancy.specialties.all())
    if specialties and trainee.specialty_id not in {s.pk for s in specialties}:
        names = ", ".join(s.name for s in specialties)
        return f"{vacancy.title} is for trainees in {names}."
    return None
