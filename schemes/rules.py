"""What can happen next to a fellowship, and why not (as `allocation.rules`): the
services refuse with these sentences and the cohort page offers only what is possible."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from schemes.models import Cohort, Fellowship, Scheme
from trainees.models import Story, Trainee

Status = Fellowship.Status
# Where a fellowship may move to, from which statuses.
TRANSITIONS: dict[str, set[str]] = {
    Status.ACTIVE: {Status.APPLIED},
    Status.COMPLETED: {Status.ACTIVE},
    Status.WITHDRAWN: {Status.APPLIED, Status.ACTIVE},
}


# What cannot happen to a fellowship before it starts, in words.
NOT_BEFORE_THE_START: dict[str, str] = {Status.ACTIVE: "marked active",
                                        Status.COMPLETED: "recorded as completed"}


def not_started_error(start_date: date, to: str, today: date | None = None) -> str | None:
    """A fellowship (its cohort) that has not started yet cannot be active or completed:
    for the cohort page, the services and the fellowships import alike."""
    if to in NOT_BEFORE_THE_START and start_date > (today or timezone.localdate()):
        return (f"The fellowship starts on {start_date:%-d %B %Y}. "
                f"It can be {NOT_BEFORE_THE_START[to]} from then.")
    return None


def _status_error(fellowship: Fellowship, to: str) -> str | None:
    if fellowship.status not in TRANSITIONS.get(to, set()):
        return (f"A fellowship that is {fellowship.get_status_display().lower()} "
                f"cannot become {Status(to).label.lower()}")
    return None


def move_error(fellowship: Fellowship, to: str, today: date | None = None) -> str | None:
    return _status_error(fellowship, to) or not_started_error(fellowship.start_date, to, today)


def fellowship_moves(fellowship: Fellowship, today: date | None = None) -> list[tuple[str, str | None]]:
    """The statuses this fellowship's status could move to next, in the order of a
    fellowship's life, each with why it cannot yet (None: it can now)."""
    return [(to, not_started_error(fellowship.start_date, to, today))
            for to in TRANSITIONS if _status_error(fellowship, to) is None]


# -- eligibility -----------------------------------------------------------------------------

def _either(codes: list[str]) -> str:
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + " or " + codes[-1]


def eligibility_errors(scheme: Scheme, trainee: Trainee, *, ends_on: date | None = None,
                       today: date | None = None, you: bool = False) -> list[str]:
    """Why a trainee cannot join a scheme (a cohort ending `ends_on`), in words; empty if
    they can. Staff read "Their grade is ST2"; the trainee reads "Your grade is ST2"
    (`you`). The scheme's facts decide: grades, regions and CCT dates."""
    today = today or timezone.localdate()
    their = "your" if you else "their"
    errors = []
    grades = sorted(scheme.eligible_grades.all(), key=lambda g: g.rank)
    if grades and trainee.grade_id not in {g.pk for g in grades}:
        errors.append(f"The {scheme.short_name} is for {_either([g.code for g in grades])}: "
                      f"{their} grade is {trainee.grade.code}")
    regions = list(scheme.regions.all())
    if regions and trainee.region_id not in {r.pk for r in regions}:
        errors.append(f"The {scheme.short_name} recruits in {_either([r.name for r in regions])}: "
                      f"{their} region is {trainee.region.name}")
    errors += _cct_errors(scheme, trainee, ends_on=ends_on, today=today, their=their)
    return errors


def _cct_errors(scheme: Scheme, trainee: Trainee, *, ends_on: date | None, today: date,
                their: str) -> list[str]:
    cct = trainee.expected_cct_date
    if cct is None:
        return []  # not known: nothing to check it against
    errors = []
    if scheme.cct_after_end and ends_on and cct < ends_on:
        errors.append(f"{their.capitalize()} CCT date ({cct:%-d %B %Y}) falls before the fellowship "
                      f"ends ({ends_on:%-d %B %Y})")
    if scheme.cct_within_months and (cct - today).days > scheme.cct_within_months * 30.44:
        errors.append(f"The {scheme.short_name} is for those within {scheme.cct_within_months} months "
                      f"of CCT: {their} CCT date is {cct:%-d %B %Y}")
    return errors


def cohort_size_warning(cohort: Cohort, fellows: int) -> str | None:
    """A cohort larger than the places the scheme offers in a year, in words."""
    places = cohort.scheme.clinicians_per_year_max
    if places is None or fellows <= places:
        return None
    return (f"This cohort has {fellows} fellows; the {cohort.scheme.short_name} offers "
            f"{places} places a year")


def may_change_facts(user: User, scheme: Scheme) -> bool:
    """Administrators correct any scheme's facts; deanery staff those of schemes that run
    in or recruit from their region (a national scheme's are the administrators')."""
    if user.role == Role.ADMINISTRATOR:
        return True
    if user.role != Role.DEANERY_STAFF or user.region_id is None:
        return False
    return scheme.region_id == user.region_id or scheme.regions.filter(pk=user.region_id).exists()


def regions_change_error(user: User, scheme: Scheme, regions) -> str | None:
    """Deanery staff cannot take their own region off a scheme they correct: it would then
    no longer be theirs to correct (an administrator can)."""
    if user.role != Role.DEANERY_STAFF or user.region is None or scheme.region_id == user.region_id:
        return None
    if user.region_id in {r.pk for r in regions}:
        return None
    return (f"Keep {user.region.name} among the regions it recruits from. "
            "Ask an administrator if the scheme no longer recruits there")


# -- the showcase ----------------------------------------------------------------------------
# Alumni publish a story of what they did and what changed (trainees.models.Story). Who is an
# alumnus is this app's to say, so the rules of publishing live here.

def story_fellowship_error(story: Story) -> str | None:
    """A story is about one of its author's completed fellowships."""
    fellowship = story.fellowship
    if fellowship is None:
        return "Choose the fellowship your story is about"
    if fellowship.trainee_id != story.trainee_id or fellowship.status != Status.COMPLETED:
        return "Your story can only be about a fellowship you have completed"
    return None


def story_publish_error(story: Story) -> str | None:
    """Why the alumnus cannot publish their story now, or None."""
    if story.status == Story.Status.PUBLISHED:
        return "Your story is already published"
    if story.status == Story.Status.HIDDEN:
        return (f"Staff took your story off the showcase because: {story.hidden_reason} "
                "Change your story so it keeps to the rules, then publish it again")
    return story_fellowship_error(story)


def story_withdraw_error(story: Story) -> str | None:
    if story.status != Story.Status.PUBLISHED:
        return "Your story is not published"
    return None


def story_hide_error(story: Story) -> str | None:
    if story.status != Story.Status.PUBLISHED:
        return "Only a published story can be taken off the showcase"
    return None


# -- a scheme's national leads ---------------------------------------------------------------

def may_choose_leads(user: User) -> bool:
    """Administrators choose who leads a scheme nationally: a lead sees its fellows in every
    region, which no region's staff may grant."""
    return user.is_administrator


def possible_leads(scheme: Scheme) -> QuerySet[User]:
    """Whom a scheme's leads can be chosen from: active national scheme leads, and whoever
    leads it now (so that a lead whose account changed can be seen and taken off)."""
    current = Q(led_schemes=scheme) if scheme.pk else Q(pk__in=[])
    return User.objects.filter(Q(role=Role.SCHEME_LEAD, is_active=True) | current).distinct().order_by(
        "last_name", "first_name", "email")


def leads_error(by: User, scheme: Scheme, leads: list[User]) -> str | None:
    """Why `by` cannot make `leads` the scheme's national leads."""
    if not may_choose_leads(by):
        return "Only administrators can choose a scheme's national leads."
    allowed = set(possible_leads(scheme).values_list("pk", flat=True))
    if any(lead.pk not in allowed for lead in leads):
        return "A scheme's national leads must have an account as a national scheme lead."
    return None
