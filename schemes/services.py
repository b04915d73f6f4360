"""Writes to cohorts and fellowships: statuses move only along legal transitions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import changes_by
from core.rules import refuse
from notifications.services import notification_queue
from reference.models import Region
from schemes import rules
from schemes.events import fellowship_completed
from schemes.models import Cohort, Fellowship, Scheme, SchemeInterest
from schemes.selectors import is_alumnus
from trainees.models import Project, Story, Trainee

INELIGIBLE = "ineligible"  # the code of the refusal that an override reason answers


@transaction.atomic
def cohort_create(*, scheme: Scheme, region: Region | None, name: str, intake_year: int,
                  start_date: date, end_date: date) -> Cohort:
    cohort = Cohort(scheme=scheme, region=region, name=name, intake_year=intake_year,
                    start_date=start_date, end_date=end_date)
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def fellowship_enrol(*, cohort: Cohort, trainee: Trainee, by: User, host_organisation: str = "",
                     project_title: str = "", override_reason: str = "") -> Fellowship:
    """Enrol a trainee in a cohort (applied); the dates are the cohort's.

    A trainee the scheme's eligibility says no to is enrolled only with a reason, kept
    with who gave it (`eligibility_override_by`)."""
    if Fellowship.objects.filter(cohort=cohort, trainee=trainee).exists():
        raise ValidationError(f"{trainee.full_name} is already in this cohort")
    ineligible = rules.eligibility_errors(cohort.scheme, trainee, ends_on=cohort.end_date)
    override_reason = override_reason.strip()
    if ineligible and not override_reason:
        raise ValidationError(f"{trainee.full_name} is not eligible. " + ". ".join(ineligible)
                              + ". To enrol them anyway, say why", code=INELIGIBLE)
    fellowship = Fellowship(trainee=trainee, cohort=cohort, status=Fellowship.Status.APPLIED,
                            host_organisation=host_organisation, project_title=project_title,
                            start_date=cohort.start_date, end_date=cohort.end_date)
    if ineligible:
        fellowship.eligibility_override_by = by
        fellowship.eligibility_override_reason = override_reason
    fellowship.full_clean()
    fellowship.save()
    return fellowship


@transaction.atomic
def fellowship_move(*, fellowship: Fellowship, to: str, on: date | None = None) -> Fellowship:
    """Activate, complete or withdraw; anything else is refused with the reason."""
    fellowship = Fellowship.objects.select_for_update().get(pk=fellowship.pk)
    refuse(rules.move_error(fellowship, to))
    fellowship.status = to
    if to == Fellowship.Status.COMPLETED:
        fellowship.completed_on = on or timezone.localdate()
    fellowship.full_clean()
    fellowship.save()
    if to == Fellowship.Status.COMPLETED:
        fellowship_completed.send(fellowship=fellowship)  # a new alumnus gets a status at once
    return fellowship


@transaction.atomic
def scheme_interest_set(*, trainee: Trainee, scheme: Scheme, interested: bool) -> None:
    """A trainee says they are interested in a scheme, or no longer. Saying it also says
    they are interested in leadership: the funnel's first stage."""
    if not interested:
        SchemeInterest.objects.filter(trainee=trainee, scheme=scheme).delete()
        return
    SchemeInterest.objects.get_or_create(trainee=trainee, scheme=scheme)
    if not trainee.leadership_interest:
        trainee.leadership_interest = True
        trainee.save(update_fields=["leadership_interest"])


@transaction.atomic
def scheme_facts_save(*, scheme: Scheme, eligible_grades, regions, by: User,
                      leads: list[User] | None = None) -> Scheme:
    """Save a scheme's corrected facts (a bound form's instance), its grades and regions and,
    when given, its national leads; the history row names `by` and holds the grades, regions
    and leads as saved (they are set first: the history copies them when the scheme is saved)."""
    scheme.full_clean()
    if problem := rules.regions_change_error(by, scheme, regions):
        raise ValidationError({"regions": problem})
    if leads is not None and (problem := rules.leads_error(by, scheme, leads)):
        raise ValidationError({"leads": problem})
    with changes_by(by):
        scheme.eligible_grades.set(eligible_grades)
        scheme.regions.set(regions)
        if leads is not None:
            scheme.leads.set(leads)
        scheme.save()
    return scheme


# -- the showcase ----------------------------------------------------------------------------

NOT_AN_ALUMNUS = "You can write a story for the showcase once you have completed a leadership fellowship"


@transaction.atomic
def story_save(*, trainee: Trainee, story: Story, projects: list[Project]) -> Story:
    """Save the alumnus's story (new or changed) and the projects whose outcomes it shows.

    A saved change takes a published story off the showcase until its author consents again
    (they agreed to the words they saw), and a story staff took down can be published again
    once changed."""
    refuse(None if is_alumnus(trainee) else NOT_AN_ALUMNUS)
    if any(p.trainee_id != trainee.pk for p in projects):
        raise ValidationError({"projects": "Choose only your own improvement projects"})
    story.trainee = trainee
    if problem := rules.story_fellowship_error(story):
        raise ValidationError({"fellowship": problem})
    story.status, story.consented_at = Story.Status.DRAFT, None
    story.full_clean()
    story.save()
    story.projects.set(projects)
    return story


def _own_story(trainee: Trainee) -> Story:
    story = Story.objects.select_for_update().filter(trainee=trainee).first()
    if story is None:
        raise ValidationError("Write your story first")
    return story


@transaction.atomic
def story_publish(*, trainee: Trainee, consent: bool) -> Story:
    """Publish the alumnus's story on the showcase, with their consent to what it shows."""
    story = _own_story(trainee)
    refuse(rules.story_publish_error(story))
    refuse(None if consent else "Confirm that you agree to publish your story as shown")
    story.status, story.consented_at, story.hidden_reason = Story.Status.PUBLISHED, timezone.now(), ""
    story.full_clean()
    story.save(update_fields=["status", "consented_at", "hidden_reason", "updated_at"])
    return story


@transaction.atomic
def story_withdraw(*, trainee: Trainee) -> Story:
    """Take the story off the showcase at once: the page and the API stop showing it now."""
    story = _own_story(trainee)
    refuse(rules.story_withdraw_error(story))
    story.status, story.consented_at = Story.Status.DRAFT, None
    story.save(update_fields=["status", "consented_at", "updated_at"])
    return story


@transaction.atomic
def story_hide(*, story: Story, by: User, reason: str) -> Story:
    """Staff take down a story that breaks the rules, saying why; its author is told by email."""
    story = Story.objects.select_for_update().select_related("trainee").get(pk=story.pk)
    refuse(rules.story_hide_error(story))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are taking the story down"})
    story.status, story.consented_at, story.hidden_reason = Story.Status.HIDDEN, None, reason
    story.full_clean()
    with changes_by(by):
        story.save(update_fields=["status", "consented_at", "hidden_reason", "updated_at"])
    trainee = story.trainee
    notification_queue(recipient=trainee.user, to_address=trainee.email, template="story_hidden",
                       subject="Your story has been taken off the showcase",
                       context={"first_name": trainee.first_name, "title": story.title, "reason": reason})
    return story
