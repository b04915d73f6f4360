"""What the pipeline holds about a person (core.personal_data): a trainee's matches,
interest in roles and stewardship history; the roles a director or staff member posted
and the alumni records staff kept.

Interest stays when a trainee is erased (appointments are counted from it), without its
note, and withdrawn if it was still going on; so does their stewardship status (counted
by cohort). Roles and notes others wrote stay, without the writer's name.
"""

from core import personal_data
from pipeline.matching.reasons import TRAINEE, sentence_for
from pipeline.models import (
    DateReminder,
    Interest,
    Match,
    ReturnPlan,
    Stewardship,
    StewardshipAlert,
    StewardshipEvent,
    Vacancy,
)
from trainees.personal_data import trainee_part

STILL_GOING = [Interest.Status.INVITED, Interest.Status.INTERESTED, Interest.Status.SHORTLISTED]


def _matches(trainee) -> list[dict]:
    return [{"vacancy": m.vacancy.title, "trust": str(m.vacancy.trust), "score": m.score,
             "reasons": [{"feature": r["feature"], "points": r["points"],
                          "sentence": sentence_for(r, TRAINEE)} for r in m.reasons]}
            for m in Match.objects.filter(trainee=trainee).select_related("vacancy__trust")]


def _interests(trainee) -> list[dict]:
    return [{"vacancy": i.vacancy.title, "trust": str(i.vacancy.trust), "status": i.get_status_display(),
             "note": i.note, "took_part_confirmed_at": i.took_part_confirmed_at, "updated_at": i.updated_at}
            for i in Interest.objects.filter(trainee=trainee).select_related("vacancy__trust")]


def _erase_interests(trainee) -> None:
    interests = Interest.objects.filter(trainee=trainee)
    interests.filter(status__in=STILL_GOING).update(status=Interest.Status.WITHDRAWN)
    interests.update(note="")
    personal_data.purge_history(Interest, trainee_id=trainee.pk)


def _stewardship(trainee) -> dict:
    status = Stewardship.objects.filter(trainee=trainee).first()
    return {
        "status": status.get_status_display() if status else None,
        "reason": status.reason if status else None,
        "alerts": [{"status": a.get_status_display(), "reason": a.reason, "raised_at": a.raised_at,
                    "resolved_at": a.resolved_at} for a in StewardshipAlert.objects.filter(trainee=trainee)],
        "history": [{"what": e.get_kind_display(), "text": e.text, "at": e.at}
                    for e in StewardshipEvent.objects.filter(trainee=trainee)],
    }


def _erase_stewardship(trainee) -> None:
    # The status stays (a cohort counts its engaged, at risk and lost alumni); what staff
    # wrote and were told about them goes.
    StewardshipEvent.objects.filter(trainee=trainee).delete()
    StewardshipAlert.objects.filter(trainee=trainee).delete()
    for model in (Stewardship, StewardshipEvent, StewardshipAlert):
        personal_data.purge_history(model, trainee_id=trainee.pk)


def _return_plans(trainee) -> list[dict]:
    return [{"fellowship": str(p.fellowship.cohort), "opened_on": p.opened_on,
             "receiving_trust": str(p.receiving_trust or ""), "share_project": p.share_project,
             "project_summary": p.project_summary, "share_portfolio": p.share_portfolio,
             "director_told_at": p.director_told_at, "session": p.get_session_display(),
             "session_on": p.session_on, "session_note": p.session_note, "done_on": p.done_on,
             "reminders": [{"kind": r.kind, "due_on": r.due_on, "sent_at": r.sent_at}
                           for r in DateReminder.objects.filter(trainee=trainee)]}
            for p in ReturnPlan.objects.filter(trainee=trainee).select_related("fellowship__cohort__scheme",
                                                                                 "receiving_trust")]


def _erase_return_plans(trainee) -> None:
    ReturnPlan.objects.filter(trainee=trainee).delete()
    DateReminder.objects.filter(trainee=trainee).delete()
    personal_data.purge_history(ReturnPlan, trainee_id=trainee.pk)


def _alumni_records_by(user) -> dict:
    return {
        "notes_and_actions": [{"alumnus": e.trainee.full_name, "what": e.get_kind_display(), "text": e.text,
                               "at": e.at} for e in StewardshipEvent.objects.filter(by=user)
                              .select_related("trainee")],
        "alerts_resolved": [{"alumnus": a.trainee.full_name, "raised_at": a.raised_at,
                             "resolved_at": a.resolved_at} for a in StewardshipAlert.objects.filter(
                                 resolved_by=user).select_related("trainee")],
    }


def _erase_alumni_records_by(person: personal_data.Person) -> None:
    # What they recorded stays, by the anonymised account; their name goes from what anyone
    # recorded ("Mentor assigned: ..." names the mentor).
    personal_data.scrub_mentions(StewardshipEvent.objects.all(), ["text"], person.identifiers)
    for model in (Stewardship, StewardshipAlert):
        personal_data.scrub_mentions(model.objects.all(), ["reason"], person.identifiers)


def _roles_posted(user) -> list[dict]:
    return [{"title": v.title, "trust": str(v.trust), "status": v.get_status_display(),
             "posted_at": v.created_at}
            for v in Vacancy.objects.filter(created_by=user).select_related("trust")]


def _erase_roles_posted(person: personal_data.Person) -> None:
    # The role stays with its trust (candidates and appointments hang on it), by no one.
    Vacancy.objects.filter(created_by=person.user).update(created_by=None)
    history = personal_data.history_model(Vacancy)
    if history is not None:
        history._default_manager.filter(created_by=person.user).update(created_by=None)
    personal_data.scrub_mentions(Vacancy.objects.all(), ["title", "description", "location"],
                                 person.identifiers)


def register() -> None:
    export, erase = trainee_part(_matches, lambda t: Match.objects.filter(trainee=t).delete())
    personal_data.register("matches", models=[Match], export=export, erase=erase)
    export, erase = trainee_part(_interests, _erase_interests)
    personal_data.register("interests", models=[Interest], export=export, erase=erase)
    export, erase = trainee_part(_stewardship, _erase_stewardship, empty=dict)
    personal_data.register("stewardship", models=[Stewardship, StewardshipAlert, StewardshipEvent],
                           export=export, erase=erase)
    export, erase = trainee_part(_return_plans, _erase_return_plans)
    personal_data.register("return_to_training", models=[ReturnPlan, DateReminder], export=export,
                           erase=erase)
    personal_data.register("alumni_records_you_kept", models=[StewardshipAlert, StewardshipEvent],
                           export=_alumni_records_by, erase=_erase_alumni_records_by)
    personal_data.register("roles_you_posted", models=[Vacancy], export=_roles_posted,
                           erase=_erase_roles_posted)
