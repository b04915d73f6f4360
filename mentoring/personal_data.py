"""What `mentoring` holds about a person (core.personal_data): a trainee's requests and
mentorships, with the meetings and notes the pair keeps; a mentor's profile, mentees and
feedback.

A mentorship stays when either side is erased (a mentor's count of mentees, a scheme's
count of mentored fellows), ended if it was still open. The leaver's words go: a trainee's
goals, feedback and the pair's notes; a mentor's profile and feedback. Mentees keep the
dates and notes of their meetings, without the mentor's name.
"""

from django.db.models import Q
from django.utils import timezone

from core import personal_data
from mentoring.models import Meeting, Mentor, MentorRequest, Mentorship, MentorSuggestion
from trainees.personal_data import trainee_part


def _meetings(mentorship: Mentorship) -> list[dict]:
    return [{"held_on": meeting.held_on, "topics": [t.name for t in meeting.topics.all()],
             "notes": meeting.private_notes} for meeting in mentorship.meetings.all()]


def _requests(trainee) -> list[dict]:
    return [{"goals": r.goals, "status": r.get_status_display(), "asked_on": r.created_at,
             "domains": [d.name for d in r.domains.all()]}
            for r in MentorRequest.objects.filter(trainee=trainee).prefetch_related("domains")]


def _erase_requests(trainee) -> None:
    MentorRequest.objects.filter(trainee=trainee).delete()  # their suggestions go with them
    personal_data.purge_history(MentorRequest, trainee_id=trainee.pk)


def _mentorships(trainee) -> list[dict]:
    mentorships = (Mentorship.objects.filter(trainee=trainee).select_related("mentor__user")
                   .prefetch_related("meetings__topics"))
    return [{"mentor": m.mentor.user.get_full_name(), "status": m.get_status_display(),
             "goals": m.goals, "started_on": m.started_on, "ended_on": m.ended_on,
             "your_feedback": m.trainee_feedback, "mentors_feedback": m.mentor_feedback,
             "meetings": _meetings(m)}
            for m in mentorships]


def _end_open(mentorships) -> None:
    today = timezone.localdate()
    mentorships.open().filter(Q(started_on__isnull=True) | Q(started_on__lte=today)).update(
        status=Mentorship.Status.ENDED, ended_on=today)
    mentorships.open().update(status=Mentorship.Status.ENDED, ended_on=None)  # not yet started


def _erase_mentorships(trainee) -> None:
    mentorships = Mentorship.objects.filter(trainee=trainee)
    _end_open(mentorships)
    Meeting.objects.filter(mentorship__trainee=trainee).update(private_notes="")
    mentorships.update(goals="", trainee_feedback="", mentor_feedback="")
    personal_data.purge_history(Mentorship, trainee_id=trainee.pk)
    personal_data.purge_history(Meeting, mentorship__trainee_id=trainee.pk)


def _mentor(user) -> Mentor | None:
    return Mentor.objects.filter(user=user).prefetch_related("expertise").select_related("region").first()


def _profile(user) -> dict:
    mentor = _mentor(user)
    return {} if mentor is None else {
        "organisation": mentor.organisation, "current_role": mentor.current_role,
        "past_roles": mentor.past_roles, "bio": mentor.bio, "region": mentor.region.name,
        "expertise": [d.name for d in mentor.expertise.all()], "capacity": mentor.capacity,
        "accepting_mentees": mentor.accepting,
    }


def _erase_profile(person: personal_data.Person) -> None:
    # The profile stays (mentorships point at it) with nothing about them in it.
    mentor = _mentor(person.user)
    if mentor is None:
        return
    MentorSuggestion.objects.filter(mentor=mentor).delete()
    Mentor.objects.filter(pk=mentor.pk).update(organisation="", current_role="", past_roles="", bio="",
                                               accepting=False)
    mentor.expertise.clear()
    personal_data.purge_history(Mentor, id=mentor.pk)


def _mentees(user) -> list[dict]:
    mentorships = (Mentorship.objects.filter(mentor__user=user).select_related("trainee")
                   .prefetch_related("meetings__topics"))
    return [{"mentee": m.trainee.full_name, "status": m.get_status_display(), "goals": m.goals,
             "started_on": m.started_on, "ended_on": m.ended_on, "your_feedback": m.mentor_feedback,
             "meetings": _meetings(m)}
            for m in mentorships]


def _erase_mentees(person: personal_data.Person) -> None:
    mentorships = Mentorship.objects.filter(mentor__user=person.user)
    _end_open(mentorships)
    mentorships.update(mentor_feedback="")
    history = personal_data.history_model(Mentorship)
    if history is not None:  # it keeps the feedback they wrote
        history._default_manager.filter(mentor__user=person.user).update(mentor_feedback="")
    # Their name in the pair's notes (and anywhere else a mentee's mentoring mentions them).
    personal_data.scrub_mentions(Meeting.objects.filter(mentorship__in=mentorships), ["private_notes"],
                                 person.identifiers)
    personal_data.scrub_mentions(Mentorship.objects.all(), ["goals", "trainee_feedback"], person.identifiers)


def register() -> None:
    export, erase = trainee_part(_requests, _erase_requests)
    personal_data.register("mentor_requests", models=[MentorRequest], export=export, erase=erase)
    export, erase = trainee_part(_mentorships, _erase_mentorships)
    personal_data.register("mentorships", models=[Mentorship, Meeting], export=export, erase=erase)
    personal_data.register("mentor_profile", models=[Mentor, MentorSuggestion], export=_profile,
                           erase=_erase_profile)
    personal_data.register("mentees", models=[Mentorship, Meeting], export=_mentees, erase=_erase_mentees)
