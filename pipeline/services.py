"""Writes to vacancies and the pipeline. Matching jobs live in pipeline/matching/."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from pipeline.models import Interest, Match, Vacancy
from trainees.models import Trainee


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User | None = None) -> Vacancy:
    """Open a draft to candidates; its matches are computed once this commits."""
    from pipeline.tasks import match_vacancy

    if vacancy.status != Vacancy.Status.DRAFT:
        status = vacancy.get_status_display().lower()
        raise ValidationError(f"Only a draft can be published; this role is {status}.")
    vacancy.status = Vacancy.Status.OPEN
    vacancy.published_at = timezone.now()
    vacancy.full_clean()
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    transaction.on_commit(lambda: match_vacancy.delay(vacancy.pk))
    return vacancy


def round_holding(vacancy: Vacancy) -> str | None:
    """The open (or run, unpublished) allocation round offering this role, if any: while it
    runs, the role is filled by the round, so it is not changed or appointed to here."""
    from allocation.models import AllocationRound, RoundPost

    post = RoundPost.objects.filter(vacancy=vacancy, round__status__in=[
        AllocationRound.Status.OPEN, AllocationRound.Status.MATCHED]).select_related("round").first()
    return post.round.name if post else None


def _refuse_if_in_a_round(vacancy: Vacancy, what: str) -> None:
    if vacancy.pk and (name := round_holding(vacancy)):
        raise ValidationError(f"This role is offered in the allocation round {name}, so it cannot be "
                              f"{what} until the round's result is published.")


# Statuses from which the trainee may say "I'm interested" (again).
CAN_EXPRESS = {None, Interest.Status.INVITED, Interest.Status.WITHDRAWN}
CAN_WITHDRAW = {Interest.Status.INVITED, Interest.Status.INTERESTED, Interest.Status.SHORTLISTED}


@transaction.atomic
def interest_express(*, trainee: Trainee, vacancy: Vacancy, note: str = "") -> Interest:
    """The trainee says they are interested: from now on the director may see who they are."""
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError("This role is no longer open to expressions of interest.")
    if not Match.objects.filter(trainee=trainee, vacancy=vacancy).exists():
        raise ValidationError("This role is not one of your matched opportunities.")
    interest = Interest.objects.select_for_update().filter(trainee=trainee, vacancy=vacancy).first()
    if interest and interest.status not in CAN_EXPRESS:
        status = interest.get_status_display().lower()
        raise ValidationError(f"You have already responded to this role ({status}).")
    interest = interest or Interest(trainee=trainee, vacancy=vacancy)
    interest.status = Interest.Status.INTERESTED
    interest.note = note.strip()
    interest.full_clean()
    interest.save()
    _notify_directors(vacancy, interest)
    return interest


@transaction.atomic
def interest_withdraw(*, trainee: Trainee, vacancy: Vacancy) -> Interest:
    interest = Interest.objects.select_for_update().get(trainee=trainee, vacancy=vacancy)
    if interest.status not in CAN_WITHDRAW:
        status = interest.get_status_display().lower()
        raise ValidationError(f"This interest cannot be withdrawn now ({status}).")
    interest.status = Interest.Status.WITHDRAWN
    interest.save(update_fields=["status", "updated_at"])
    return interest


# -- the medical director's journey ------------------------------------------------

IDENTIFIED = {Interest.Status.INTERESTED, Interest.Status.SHORTLISTED, Interest.Status.APPOINTED,
              Interest.Status.NOT_SELECTED}


def vacancy_rule_errors(*, min_grade, max_grade, start_date, closing_date) -> dict[str, str]:
    """What is wrong with a role's grades and dates (the form shows these by its fields)."""
    errors = {}
    if min_grade and max_grade and min_grade.rank > max_grade.rank:
        errors["max_grade"] = "The most senior grade must not be junior to the most junior grade"
    if closing_date and closing_date <= timezone.localdate():
        errors["closing_date"] = "The closing date must be in the future"
    if closing_date and start_date and start_date <= closing_date:
        errors["start_date"] = "The start date must be after the closing date"
    return errors


@transaction.atomic
def vacancy_save(*, vacancy: Vacancy, trust, by: User, form_m2m) -> Vacancy:
    """Create or change a role of the director's own trust; open roles are rematched."""
    from pipeline.tasks import match_vacancy

    if vacancy.status in (Vacancy.Status.CLOSED, Vacancy.Status.FILLED):
        raise ValidationError("A closed or filled role cannot be changed.")
    _refuse_if_in_a_round(vacancy, "changed")
    errors = vacancy_rule_errors(min_grade=vacancy.min_grade, max_grade=vacancy.max_grade,
                                 start_date=vacancy.start_date, closing_date=vacancy.closing_date)
    if errors:
        raise ValidationError(errors)
    vacancy.trust = trust
    vacancy.created_by = vacancy.created_by or by
    vacancy.full_clean()
    vacancy.save()
    form_m2m()
    if vacancy.status == Vacancy.Status.OPEN:
        transaction.on_commit(lambda: match_vacancy.delay(vacancy.pk))
    return vacancy


def _transition(vacancy: Vacancy, allowed_from: set[str], to: str, what: str) -> Vacancy:
    _refuse_if_in_a_round(vacancy, what)
    if vacancy.status not in allowed_from:
        raise ValidationError(f"A {vacancy.get_status_display().lower()} role cannot be {what}.")
    vacancy.status = to
    vacancy.save(update_fields=["status", "updated_at"])
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy) -> Vacancy:
    return _transition(vacancy, {Vacancy.Status.OPEN}, Vacancy.Status.CLOSED, "closed")


@transaction.atomic
def vacancy_mark_filled(*, vacancy: Vacancy) -> Vacancy:
    return _transition(vacancy, {Vacancy.Status.OPEN, Vacancy.Status.CLOSED}, Vacancy.Status.FILLED,
                       "marked filled")


def _notify_directors(vacancy: Vacancy, interest: Interest) -> None:
    from pipeline.notifications import notification_queue

    for director in vacancy.trust.directors.filter(is_active=True):
        notification_queue(
            recipient=director, to_address=director.email, template="candidate_interested",
            subject=f"A candidate is interested in {vacancy.title}",
            context={"first_name": director.first_name, "vacancy_title": vacancy.title,
                     "vacancy_uuid": str(vacancy.uuid), "candidate_name": interest.trainee.full_name},
        )


@transaction.atomic
def candidate_invite(*, match: Match, by: User) -> Interest:
    """Invite an anonymised candidate to consider the role; they are emailed.

    The director learns who they are only if they say they are interested.
    """
    from pipeline.notifications import notification_queue

    vacancy, trainee = match.vacancy, match.trainee
    _refuse_if_in_a_round(vacancy, "offered to candidates one by one")
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError("Candidates can only be invited to an open role.")
    if Interest.objects.filter(trainee=trainee, vacancy=vacancy).exists():
        raise ValidationError("This candidate has already been invited or responded.")
    interest = Interest.objects.create(trainee=trainee, vacancy=vacancy, status=Interest.Status.INVITED)
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="invited",
        subject=f"You are invited to consider a leadership role: {vacancy.title}",
        context={"first_name": trainee.first_name, "vacancy_title": vacancy.title,
                 "trust_name": vacancy.trust.name, "vacancy_uuid": str(vacancy.uuid)},
    )
    return interest


def _decide(match: Match, allowed_from: set[str], to: str, what: str) -> Interest:
    interest = Interest.objects.select_for_update().filter(
        trainee=match.trainee, vacancy=match.vacancy).first()
    if interest is None or interest.status not in allowed_from:
        raise ValidationError(f"Only a candidate who has said they are interested can be {what}.")
    interest.status = to
    interest.save(update_fields=["status", "updated_at"])
    return interest


@transaction.atomic
def candidate_shortlist(*, match: Match) -> Interest:
    return _decide(match, {Interest.Status.INTERESTED}, Interest.Status.SHORTLISTED, "shortlisted")


@transaction.atomic
def candidate_not_selected(*, match: Match) -> Interest:
    return _decide(match, {Interest.Status.INTERESTED, Interest.Status.SHORTLISTED},
                   Interest.Status.NOT_SELECTED, "marked not selected")


@transaction.atomic
def candidate_appoint(*, match: Match) -> Interest:
    """Appoint: the role joins the trainee's portfolio, where staff see it as a destination."""
    _refuse_if_in_a_round(match.vacancy, "appointed to directly")
    interest = _decide(match, {Interest.Status.INTERESTED, Interest.Status.SHORTLISTED},
                       Interest.Status.APPOINTED, "appointed")
    appointment_to_portfolio(trainee=match.trainee, vacancy=match.vacancy,
                             how="Appointed through the leadership pipeline.")
    return interest


def appointment_to_portfolio(*, trainee: Trainee, vacancy: Vacancy, how: str) -> None:
    """The role joins the trainee's portfolio, where staff see it as a destination."""
    from trainees.models import LeadershipRole

    if not LeadershipRole.objects.filter(trainee=trainee, vacancy=vacancy).exists():
        portfolio_role(trainee=trainee, vacancy=vacancy, how=how).save()


def portfolio_role(*, trainee: Trainee, vacancy: Vacancy, how: str):
    """The (unsaved) leadership role an appointment to `vacancy` adds to a portfolio; the
    allocation round saves these in bulk."""
    from trainees.models import LeadershipRole

    return LeadershipRole(trainee=trainee, vacancy=vacancy, title=vacancy.title,
                          role_type=vacancy.role_type, organisation=vacancy.trust.name,
                          trust=vacancy.trust, start_date=vacancy.start_date, description=how)
