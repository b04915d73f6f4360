"""Who may rank what: a trainee of the round's region, for posts their grade and
specialty fit. Each rule answers with the sentence the trainee is shown, or None."""

from allocation.models import AllocationRound, RoundPost
from trainees.models import Trainee


def round_ineligibility(round: AllocationRound, trainee: Trainee) -> str | None:
    if trainee.region_id != round.region_id:
        return f"This round is for trainees in {round.region.name}."
    return None


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
