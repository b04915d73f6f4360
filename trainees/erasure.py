"""Erase a trainee's personal data at their request, keeping aggregates correct.

The trainee's row stays, stripped of everything that identifies them, so counts of
alumni, fellowships, appointments and representation do not change. Free text they
wrote goes; the audit history of their personal data is purged (it would otherwise
keep the old values); an ErasureRecord says that it happened.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import ErasureRecord, User
from mentoring.models import Meeting, MentorRequest, Mentorship
from pipeline.models import Interest, Match, Notification, StewardshipEvent
from schemes.models import Fellowship
from trainees.models import (
    Evidence,
    LeadershipRole,
    Placement,
    PortfolioView,
    Preferences,
    Project,
    Qualification,
    Trainee,
)

HISTORY_MODELS = [Trainee, Placement, Evidence, Project, Qualification, LeadershipRole, Preferences,
                  Fellowship, Mentorship]


def _placeholder_gmc(trainee: Trainee) -> str:
    """A unique 7-digit stand-in: '0' and six digits from the row id (no real GMC number
    starts with 0)."""
    return f"0{trainee.pk % 1_000_000:06d}"


def _purge_history(trainee: Trainee) -> None:
    Trainee.history.filter(id=trainee.pk).delete()
    for model in HISTORY_MODELS[1:]:
        model.history.filter(trainee_id=trainee.pk).delete()


@transaction.atomic
def trainee_erase(*, trainee: Trainee, requested_by: User) -> ErasureRecord:
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    user = trainee.user
    Match.objects.filter(trainee=trainee).delete()
    Preferences.objects.filter(trainee=trainee).delete()
    MentorRequest.objects.filter(trainee=trainee).delete()
    PortfolioView.objects.filter(trainee=trainee).delete()
    StewardshipEvent.objects.filter(trainee=trainee).delete()
    for model in (Evidence, Project, Qualification):
        model.objects.filter(trainee=trainee).delete()
    LeadershipRole.objects.filter(trainee=trainee).update(description="", organisation="")
    Interest.objects.filter(trainee=trainee).update(note="")
    Meeting.objects.filter(mentorship__trainee=trainee).update(private_notes="")
    Fellowship.objects.filter(trainee=trainee).update(project_title="", host_organisation="")
    Mentorship.objects.filter(trainee=trainee).update(goals="", trainee_feedback="")
    trainee.first_name, trainee.last_name = "Erased", "trainee"
    trainee.email = f"erased-{trainee.uuid}@erased.invalid"
    trainee.gmc_number = _placeholder_gmc(trainee)
    trainee.user = None
    trainee.save()
    if user is not None:
        Notification.objects.filter(recipient=user).delete()
        user.first_name, user.last_name = "Erased", "user"
        user.email = f"erased-{user.uuid}@erased.invalid"
        user.password = make_password(None)
        user.is_active = False
        user.save()
    _purge_history(trainee)
    return ErasureRecord.objects.create(subject_uuid=trainee.uuid, requested_by=requested_by)
