"""What `mentoring` holds about a trainee: their requests and mentorships, with the
meetings and notes the pair keeps (core.personal_data)."""

from core import personal_data
from mentoring.models import Meeting, MentorRequest, Mentorship


def _requests(trainee) -> list[dict]:
    return [{"goals": r.goals, "status": r.get_status_display(), "asked_on": r.created_at,
             "domains": [d.name for d in r.domains.all()]}
            for r in MentorRequest.objects.filter(trainee=trainee).prefetch_related("domains")]


def _mentorships(trainee) -> list[dict]:
    mentorships = (Mentorship.objects.filter(trainee=trainee).select_related("mentor__user")
                   .prefetch_related("meetings__topics"))
    return [{"mentor": m.mentor.user.get_full_name(), "status": m.get_status_display(),
             "goals": m.goals, "started_on": m.started_on, "ended_on": m.ended_on,
             "your_feedback": m.trainee_feedback,
             "meetings": [{"held_on": meeting.held_on, "topics": [t.name for t in meeting.topics.all()],
                           "notes": meeting.private_notes} for meeting in m.meetings.all()]}
            for m in mentorships]


def _erase_mentorships(trainee) -> None:
    Meeting.objects.filter(mentorship__trainee=trainee).update(private_notes="")
    Mentorship.objects.filter(trainee=trainee).update(goals="", trainee_feedback="")
    Mentorship.history.filter(trainee_id=trainee.pk).delete()


def register() -> None:
    personal_data.register("mentor_requests", export=_requests,
                           erase=lambda t: MentorRequest.objects.filter(trainee=t).delete())
    personal_data.register("mentorships", export=_mentorships, erase=_erase_mentorships)
