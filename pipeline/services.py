"""Writes to vacancies and the pipeline. Matching jobs live in pipeline/matching/."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.limits import fit
from core.rules import refuse
from notifications.selectors import queued_since
from notifications.services import notification_queue
from pipeline import rules
from pipeline.matching.services import remove_closed_vacancy_matches
from pipeline.models import GOVERNANCE_ROLE_TYPES, Interest, Match, Vacancy
from pipeline.tasks import match_vacancy, rematch_pending_key, rematch_trainee
from reference.models import LeadershipRoleType
from trainees import services as trainee_services
from trainees.models import Evidence, LeadershipRole, Trainee


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User | None = None) -> Vacancy:
    """Open a draft to candidates; its matches are computed once this commits."""
    refuse(rules.publish_error(vacancy))
    vacancy.status = Vacancy.Status.OPEN
    vacancy.published_at = timezone.now()
    vacancy.full_clean()
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    match_vacancy.delay_on_commit(vacancy.pk)
    return vacancy


def trainee_request_rematch(*, trainee: Trainee) -> bool:
    """Queue one rematch for a burst of changes (after commit); True if one was queued.

    The first change in a window of MATCH_REMATCH_DELAY_SECONDS queues a rematch to
    run at the end of the window; changes during the window ride along with it.
    """
    delay = settings.MATCH_REMATCH_DELAY_SECONDS
    if not cache.add(rematch_pending_key(trainee.pk), 1, timeout=delay + 60):
        return False
    rematch_trainee.apply_async_on_commit((trainee.pk,), countdown=delay)
    return True


@transaction.atomic
def interest_express(*, trainee: Trainee, vacancy: Vacancy, note: str = "") -> Interest:
    """The trainee says they are interested: from now on the director may see who they are."""
    interest = Interest.objects.select_for_update().filter(trainee=trainee, vacancy=vacancy).first()
    matched = Match.objects.filter(trainee=trainee, vacancy=vacancy).exists()
    refuse(rules.express_error(vacancy, interest, matched=matched, trainee=trainee))
    interest = interest or Interest(trainee=trainee, vacancy=vacancy)
    interest.status = Interest.Status.INTERESTED
    interest.note = note.strip()
    interest.full_clean()
    interest.save()
    _notify_directors(vacancy, interest)
    return interest


@transaction.atomic
def interest_withdraw(*, trainee: Trainee, vacancy: Vacancy) -> Interest:
    interest = Interest.objects.select_for_update().filter(trainee=trainee, vacancy=vacancy).first()
    refuse(rules.withdraw_error(interest))
    assert interest is not None  # the rule refuses when there is none
    interest.status = Interest.Status.WITHDRAWN
    interest.save(update_fields=["status", "updated_at"])
    return interest


# -- the medical director's journey ------------------------------------------------

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
    refuse(rules.change_error(vacancy))
    errors = vacancy_rule_errors(min_grade=vacancy.min_grade, max_grade=vacancy.max_grade,
                                 start_date=vacancy.start_date, closing_date=vacancy.closing_date)
    errors |= rules.kind_rule_errors(kind=vacancy.kind, hours=vacancy.hours, ends_on=vacancy.ends_on,
                                     start_date=vacancy.start_date, element=vacancy.element)
    errors |= rules.post_rule_errors(kind=vacancy.kind, role_type_id=vacancy.role_type_id,
                                     sessions_per_week=vacancy.sessions_per_week)
    if errors:
        raise ValidationError(errors)
    _fit_to_kind(vacancy)
    vacancy.trust = trust
    vacancy.created_by = vacancy.created_by or by
    vacancy.full_clean()
    vacancy.save()
    form_m2m()
    if vacancy.status == Vacancy.Status.OPEN:
        match_vacancy.delay_on_commit(vacancy.pk)
    return vacancy


def _fit_to_kind(vacancy: Vacancy) -> None:
    """A post keeps what the director chose; another kind takes its own kind of role and
    counts as the sessions a week its hours come to (docs/matching.md), so the matching
    engine scores it as it scores any role."""
    if vacancy.is_post:
        vacancy.hours = vacancy.ends_on = vacancy.element = None
        return
    assert vacancy.hours is not None and vacancy.ends_on is not None  # kind_rule_errors said so
    vacancy.role_type = LeadershipRoleType.objects.get(code=GOVERNANCE_ROLE_TYPES[vacancy.kind])
    vacancy.sessions_per_week = rules.sessions_for_hours(vacancy.hours, vacancy.start_date, vacancy.ends_on)


def _move(vacancy: Vacancy, problem: str | None, to: str) -> Vacancy:
    refuse(problem)
    vacancy.status = to
    vacancy.save(update_fields=["status", "updated_at"])
    remove_closed_vacancy_matches(vacancy_ids=[vacancy.pk])  # the shortlist stays
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy) -> Vacancy:
    return _move(vacancy, rules.close_error(vacancy), Vacancy.Status.CLOSED)


@transaction.atomic
def vacancy_mark_filled(*, vacancy: Vacancy) -> Vacancy:
    return _move(vacancy, rules.fill_error(vacancy), Vacancy.Status.FILLED)


def _notify_directors(vacancy: Vacancy, interest: Interest) -> None:
    """Tell the trust's directors, once per candidate and role in INTEREST_EMAIL_WINDOW_HOURS:
    a candidate who withdraws and says yes again must not email them each time.

    Decided from the outbox, which every process shares (a cache could be cleared or differ).
    The caller has locked the interest's row (or is inserting it, which the unique constraint
    serialises), so two changes of one candidate's interest cannot both find no email."""
    about = {"vacancy_uuid": str(vacancy.uuid), "trainee_uuid": str(interest.trainee.uuid)}
    since = timezone.now() - dt.timedelta(hours=settings.INTEREST_EMAIL_WINDOW_HOURS)
    directors = list(vacancy.trust.directors.filter(is_active=True))
    if queued_since(template="candidate_interested", since=since, recipients=directors, **about):
        return
    for director in directors:
        notification_queue(
            recipient=director, to_address=director.email, template="candidate_interested",
            subject=f"A candidate is interested in {vacancy.title}",
            context={"first_name": director.first_name, "vacancy_title": vacancy.title,
                     "candidate_name": interest.trainee.full_name, **about},
        )


@transaction.atomic
def candidate_invite(*, match: Match, by: User) -> Interest:
    """Invite an anonymised candidate to consider the role; they are emailed.

    The director learns who they are only if they say they are interested.
    """
    vacancy, trainee = match.vacancy, match.trainee
    refuse(rules.invite_error(vacancy, Interest.objects.filter(trainee=trainee, vacancy=vacancy).first()))
    interest = Interest.objects.create(trainee=trainee, vacancy=vacancy, status=Interest.Status.INVITED)
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="invited",
        subject=f"You are invited to consider a leadership role: {vacancy.title}",
        context={"first_name": trainee.first_name, "vacancy_title": vacancy.title,
                 "trust_name": vacancy.trust.name, "vacancy_uuid": str(vacancy.uuid)},
    )
    return interest


def _locked_interest(match: Match) -> Interest | None:
    return Interest.objects.select_for_update().filter(trainee=match.trainee, vacancy=match.vacancy).first()


def _decide(interest: Interest | None, problem: str | None, to: str) -> Interest:
    refuse(problem)
    assert interest is not None  # every decision's rule refuses when there is no interest
    interest.status = to
    interest.save(update_fields=["status", "updated_at"])
    return interest


@transaction.atomic
def candidate_shortlist(*, match: Match) -> Interest:
    interest = _locked_interest(match)
    return _decide(interest, rules.shortlist_error(interest), Interest.Status.SHORTLISTED)


@transaction.atomic
def candidate_not_selected(*, match: Match) -> Interest:
    interest = _locked_interest(match)
    return _decide(interest, rules.not_selected_error(interest), Interest.Status.NOT_SELECTED)


@transaction.atomic
def candidate_appoint(*, match: Match) -> Interest:
    """Appoint: the role joins the trainee's portfolio, where staff see it as a destination,
    and is filled (a role has one place), so no one else can be appointed to it."""
    # Locked first, so two directors appointing two candidates at once cannot both succeed.
    vacancy = Vacancy.objects.select_for_update().select_related("trust").get(pk=match.vacancy_id)
    interest = _locked_interest(match)
    interest = _decide(interest, rules.appoint_error(vacancy, interest), Interest.Status.APPOINTED)
    vacancy.status = Vacancy.Status.FILLED
    vacancy.save(update_fields=["status", "updated_at"])
    remove_closed_vacancy_matches(vacancy_ids=[vacancy.pk])  # the shortlist stays
    match.vacancy = vacancy
    appointment_to_portfolio(trainee=match.trainee, vacancy=vacancy,
                             how="Appointed through the leadership pipeline.")
    return interest


def appointment_to_portfolio(*, trainee: Trainee, vacancy: Vacancy, how: str) -> None:
    """The role joins the trainee's portfolio, where staff see it as a destination, and the
    trainee is rematched: a role held counts in their leadership experience."""
    if not LeadershipRole.objects.filter(trainee=trainee, vacancy=vacancy).exists():
        portfolio_role(trainee=trainee, vacancy=vacancy, how=how).save()
        trainee_request_rematch(trainee=trainee)


def portfolio_role(*, trainee: Trainee, vacancy: Vacancy, how: str):
    """The (unsaved) leadership role an appointment to `vacancy` adds to a portfolio; the
    allocation round saves these in bulk."""
    return LeadershipRole(trainee=trainee, vacancy=vacancy, title=vacancy.title,
                          role_type=vacancy.role_type, organisation=vacancy.trust.name,
                          trust=vacancy.trust, start_date=vacancy.start_date, description=how)


@transaction.atomic
def taking_part_confirm(*, match: Match) -> Interest:
    """The trust confirms the candidate took part in a governance role or short project: it
    becomes evidence in their portfolio against the element the opportunity names. Done once:
    confirming again changes nothing. Who confirmed, and when, is in the interest's history."""
    vacancy = Vacancy.objects.select_related("trust", "element").get(pk=match.vacancy_id)
    interest = _locked_interest(match)
    if interest is not None and interest.took_part_confirmed_at is not None:
        return interest
    refuse(rules.confirm_error(vacancy, interest))
    assert interest is not None and vacancy.element is not None  # the rule and the model say so
    today = timezone.localdate()
    evidence = Evidence(
        element=vacancy.element,
        title=fit(f"{vacancy.get_kind_display()}: {vacancy.title}", Evidence, "title"),
        what_i_did=fit(f"I took part in this {vacancy.noun} at {vacancy.trust.name} "
                       f"({vacancy.hours} hours, {vacancy.start_date:%-d %B %Y} to "
                       f"{vacancy.ends_on:%-d %B %Y}): "
                       f"{vacancy.description}",
                       Evidence, "what_i_did"),
        occurred_on=min(today, vacancy.ends_on or today))
    trainee_services.portfolio_item_save(trainee=match.trainee, item=evidence)
    interest.took_part_confirmed_at, interest.evidence = timezone.now(), evidence
    interest.save(update_fields=["took_part_confirmed_at", "evidence", "updated_at"])
    return interest


# What a director can decide about a candidate: the pages and the API both go through here.
CANDIDATE_DECISIONS = ("invite", "shortlist", "appoint", "not_selected", "confirm")


def candidate_decide(*, match: Match, decision: str, by: User) -> Interest:
    """Carry out one of CANDIDATE_DECISIONS for a matched candidate."""
    if decision == "invite":
        return candidate_invite(match=match, by=by)
    if decision == "shortlist":
        return candidate_shortlist(match=match)
    if decision == "appoint":
        return candidate_appoint(match=match)
    if decision == "not_selected":
        return candidate_not_selected(match=match)
    if decision == "confirm":
        return taking_part_confirm(match=match)
    raise ValueError(f"Unknown decision {decision!r}")
