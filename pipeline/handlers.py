"""What the pipeline does when something happens below it (core.events)."""

from pipeline import stewardship
from pipeline.matching.services import remove_trainee_matches
from pipeline.services import trainee_request_rematch
from schemes.events import alumni_statuses, fellowship_completed
from trainees.events import consent_withdrawn, matching_inputs_changed


def rematch_the_trainee(*, trainee, **facts) -> None:
    trainee_request_rematch(trainee=trainee)


def hide_the_trainee_at_once(*, trainee, **facts) -> None:
    # Not queued: a trainee who withdraws consent is hidden from every director now.
    remove_trainee_matches(trainee_id=trainee.pk)


matching_inputs_changed.connect(rematch_the_trainee)
consent_withdrawn.connect(hide_the_trainee_at_once)


def assess_the_new_alumnus(*, fellowship, **facts) -> None:
    stewardship.reassess(fellowship.trainee)


def count_alumni_statuses(*, trainee_ids, **facts) -> dict[str, int]:
    return stewardship.status_counts(trainee_ids=trainee_ids)


fellowship_completed.connect(assess_the_new_alumnus)
alumni_statuses.connect(count_alumni_statuses)
