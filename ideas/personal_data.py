"""What fresh-eyes ideas hold about a person (core.personal_data): a trainee's invitations and
the ideas they shared; the answers a trust's people gave and who was named improvement lead.

A trainee's ideas go when they are erased (the words are theirs), and with them their trust's
record of answering them. Answers others gave stay, by no one."""

from django.urls import reverse

from core import personal_data
from ideas.models import Idea, IdeaReminder, ImprovementLead, Invitation
from notifications.models import Notification
from trainees.personal_data import trainee_part

TRUST_EMAILS = ["idea_received", "idea_reminder", "idea_escalated"]


def _ideas(trainee) -> dict:
    return {
        "invitations": [{"trust": str(i.trust), "invited_on": i.invited_on, "closes_on": i.closes_on,
                         "dismissed_at": i.dismissed_at}
                        for i in Invitation.objects.filter(trainee=trainee).select_related("trust")],
        "ideas": [{"trust": str(i.trust), "previous_trust": str(i.previous_trust),
                   "area": i.get_area_display(),
                   "title": i.title, "idea": i.idea, "anonymous": i.anonymous, "submitted_at": i.submitted_at,
                   "answer": i.get_status_display(), "answer_words": i.answer, "answered_at": i.answered_at}
                  for i in Idea.objects.filter(trainee=trainee).select_related("trust", "previous_trust")],
    }


def _erase_ideas(trainee) -> None:
    # The emails about their ideas to the trust's people carry the trainee's words: they go too.
    ideas = Idea.objects.filter(trainee=trainee)
    paths = [reverse("ideas:idea", kwargs={"uuid": uuid}) for uuid in ideas.values_list("uuid", flat=True)]
    Notification.objects.filter(template__in=TRUST_EMAILS, context__path__in=paths).delete()
    ideas.delete()
    Invitation.objects.filter(trainee=trainee).delete()
    personal_data.purge_history(Idea, trainee_id=trainee.pk)


def _answers_given(user) -> dict:
    lead = ImprovementLead.objects.filter(user=user).select_related("trust").first()
    return {
        "improvement_lead_of": str(lead.trust) if lead else None,
        "ideas_answered": [{"title": i.title, "trust": str(i.trust), "answer": i.get_status_display(),
                            "answer_words": i.answer, "at": i.changed_at}
                           for i in Idea.objects.filter(answered_by=user).select_related("trust")],
    }


def _erase_answers_given(person: personal_data.Person) -> None:
    # The answer stays with the idea (the trainee reads it), by no one.
    user = person.user
    Idea.objects.filter(answered_by=user).update(answered_by=None)
    ImprovementLead.objects.filter(user=user).delete()
    ImprovementLead.objects.filter(named_by=user).update(named_by=None)
    idea_history = personal_data.history_model(Idea)
    if idea_history is not None:
        idea_history._default_manager.filter(answered_by=user).update(answered_by=None)
    lead_history = personal_data.history_model(ImprovementLead)
    if lead_history is not None:
        lead_history._default_manager.filter(user=user).delete()
        lead_history._default_manager.filter(named_by=user).update(named_by=None)
    personal_data.scrub_mentions(Idea.objects.all(), ["answer"], person.identifiers)


def register() -> None:
    export, erase = trainee_part(_ideas, _erase_ideas, empty=dict)
    personal_data.register("fresh_eyes_ideas", models=[Invitation, Idea, IdeaReminder], export=export,
                           erase=erase)
    personal_data.register("ideas_you_answered", models=[Idea, ImprovementLead], export=_answers_given,
                           erase=_erase_answers_given)
