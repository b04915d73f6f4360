"""Alumni's past leadership roles, so the career paths (pipeline.careers, docs/careers.md)
have steps to show: a role in training after the fellowship, then a clinical lead's role,
and for senior registrars who finished longer ago a clinical director's.

Every role written here has ended (by a fortnight before the day of seeding), and only
alumni with no role since their fellowship get them: stewardship reads only the roles held
now, so each alumnus's status and reason stay as `demo.alumni` planned them."""

from datetime import date, timedelta

from accounts.models import Role
from demo.base import SeederBase
from demo.content import BATCH, DEMO_LOGINS, DEMO_REGION, ROLE_MIN_GRADE
from schemes.models import Fellowship
from trainees.models import LeadershipRole, Trainee

MONTH = 30
# (kind, weight) for each step; an alumnus goes on while there is time before the day of seeding.
# A role in training first, then clinical lead, then clinical director, each only for
# alumni whose grade the kind fits (ROLE_MIN_GRADE, as for every demo role).
FIRST = (("leadership-fellow", 1), ("chief-registrar", 1))
SECOND = (("clinical-lead", 1),)
THIRD = (("clinical-director", 1),)
CHANCE = (0.8, 0.75, 0.6)  # of taking each step, once there is time for it
# The demo region's alumni go on more often, so its staff see paths of more than one step
# even in a small demo (a step is shown only when at least 5 people took it).
DEMO_REGION_CHANCE = (0.95, 0.9, 0.8)


def seed_career_histories(seeder: SeederBase) -> None:
    kinds = {r.code: r for r in seeder.ref.role_types}
    _promote_demo_region_role_holders(seeder, kinds)
    done = _alumni_without_roles_since(seeder)
    trainees = (Trainee.objects.filter(pk__in=done).select_related("current_trust", "region", "grade")
                .order_by("pk"))
    rows: list[LeadershipRole] = []
    for trainee in trainees:
        chance = DEMO_REGION_CHANCE if trainee.region.code == DEMO_REGION else CHANCE
        rows.extend(_history(seeder, trainee, done[trainee.pk], kinds, chance))
    LeadershipRole.objects.bulk_create(rows, batch_size=BATCH)


def _fits(seeder: SeederBase, kind, trainee: Trainee) -> bool:
    """A kind of role no more senior than the trainee's grade (as every demo role is)."""
    return seeder.ref.grade(ROLE_MIN_GRADE.get(kind.code, "F2")).rank <= trainee.grade.rank


def _promote_demo_region_role_holders(seeder: SeederBase, kinds) -> None:
    """The demo region's alumni who hold a role now (not one they were appointed to through
    the service): a clinical lead (a quality improvement lead below ST4), after an ended
    leadership fellow's role for those a year or more past the fellowship. They hold a role
    either way, so their stewardship status is the same."""
    fellow = kinds["leadership-fellow"]
    done = dict(Fellowship.objects.completed().filter(trainee__region__code=DEMO_REGION)
                .exclude(trainee__user__email=DEMO_LOGINS[Role.TRAINEE])
                .order_by("-completed_on").values_list("trainee_id", "completed_on"))
    holding = (LeadershipRole.objects.filter(trainee_id__in=done, vacancy__isnull=True, end_date__isnull=True)
               .select_related("trainee__grade").order_by("pk"))
    earlier: list[LeadershipRole] = []
    for role in holding:
        completed = done[role.trainee_id]
        if role.start_date < completed:
            continue
        months = (seeder.today - completed).days // MONTH
        lead = next((kinds[k] for k in ("clinical-lead", "quality-improvement-lead")
                     if _fits(seeder, kinds[k], role.trainee)), None)
        if lead is None:
            continue
        role.role_type, role.title = lead, lead.name
        if months >= 12:
            first_end = completed + timedelta(days=seeder.rng.randint(6, months - 4) * MONTH)
            earlier.append(LeadershipRole(
                uuid=seeder.uuid(), trainee=role.trainee, title=fellow.name, role_type=fellow,
                organisation=role.organisation, trust=role.trust, start_date=role.start_date,
                end_date=first_end))
            role.start_date = first_end + timedelta(days=1)
        role.save(update_fields=["role_type", "title", "start_date"])
    LeadershipRole.objects.bulk_create(earlier, batch_size=BATCH)


def _alumni_without_roles_since(seeder: SeederBase) -> dict[int, date]:
    """Each alumnus's first completion, for those with no role started since (the demo
    trainee, whose story is told elsewhere, is left out)."""
    done: dict[int, date] = {}
    alumni = Fellowship.objects.completed().exclude(trainee__user__email=DEMO_LOGINS[Role.TRAINEE])
    for trainee_id, on in alumni.order_by("completed_on", "pk").values_list("trainee_id", "completed_on"):
        done.setdefault(trainee_id, on)
    since = LeadershipRole.objects.filter(trainee_id__in=done).values_list("trainee_id", "start_date")
    held = {t for t, start in since if start >= done[t]}
    return {t: on for t, on in done.items() if t not in held}


def _history(seeder: SeederBase, trainee: Trainee, done: date, kinds,
             chances: tuple[float, ...]) -> list[LeadershipRole]:
    rows = []
    start = done + timedelta(days=seeder.rng.randint(1, 4) * MONTH)
    last_day = seeder.today - timedelta(days=14)
    for step, (choices, chance) in enumerate(zip((FIRST, SECOND, THIRD), chances, strict=True)):
        end = start + timedelta(days=seeder.rng.randint(6, 15) * MONTH)
        if end > last_day or seeder.rng.random() > chance:
            break
        kind = kinds[seeder.rng.choices([c for c, _ in choices], [w for _, w in choices])[0]]
        if not _fits(seeder, kind, trainee):
            kind = kinds[("leadership-fellow", "quality-improvement-lead", "clinical-director")[step]]
        if not _fits(seeder, kind, trainee):
            break
        trust = trainee.current_trust
        rows.append(LeadershipRole(
            uuid=seeder.uuid(), trainee=trainee, title=kind.name, role_type=kind,
            organisation=trust.name if trust else "NHS England", trust=trust,
            description="A fixed-term role, now ended." if step == 0 else "",
            start_date=start, end_date=end))
        start = end + timedelta(days=seeder.rng.randint(0, 2) * MONTH + 1)
    return rows
