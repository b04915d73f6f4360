"""Governance roles and short projects in the demo region (a part of the demo seeder, issue #20):
every trust of the region offers a committee seat, a mortality and morbidity meeting role, an
inspection role and a short improvement project; at the demo director's trust, candidates have
said they are interested, and one who took part has it confirmed, as evidence in their portfolio.
Runs last, so the random draws of every earlier step stay as they were."""

from datetime import timedelta

from accounts.models import Role, User
from demo.base import SeederBase
from demo.content import DEMO_LOGINS, DEMO_REGION
from pipeline.models import GOVERNANCE_ROLE_TYPES, Interest, Vacancy
from pipeline.rules import sessions_for_hours
from reference.models import FrameworkDomain, FrameworkElement, LeadershipRoleType, Region, Trust
from trainees.models import Evidence, Preferences, Trainee

Kind = Vacancy.Kind
# Each kind: title, what it involves, hours in all, weeks it runs, the MLCF element (domain, number).
OFFERS = {
    Kind.COMMITTEE: ("Trainee seat on the patient safety committee",
                     "Bring the trainees' view to the monthly patient safety committee and report back to "
                     "the junior doctors' forum.", 24, 26, (4, 1)),
    Kind.MORTALITY_MEETING: ("Mortality and morbidity meeting: case presenter",
                             "Prepare and present two cases a quarter at the surgical mortality and "
                             "morbidity meeting, and follow up the actions agreed.", 16, 13, (4, 2)),
    Kind.INSPECTION: ("Care Quality Commission inspection: trainee member",
                      "Join the trust's preparation for its Care Quality Commission inspection and speak "
                      "with the inspectors about training.", 12, 8, (3, 4)),
    Kind.SHORT_PROJECT: ("Short project: discharge before noon",
                         "Lead a short improvement project to move more discharges before noon on two wards, "
                         "with a named sponsor and weekly measures.", 40, 12, (4, 3)),
}


def seed_governance(seeder: SeederBase) -> None:
    region = Region.objects.get(code=DEMO_REGION)
    kinds = {r.code: r for r in LeadershipRoleType.objects.filter(code__in=GOVERNANCE_ROLE_TYPES.values())}
    elements = {(e.domain.number, e.number): e
                for e in FrameworkElement.objects.mlcf().select_related("domain")}
    grades = seeder.ref.grades
    rows, domains = [], []
    for trust in Trust.objects.filter(region=region).order_by("ods_code"):
        for kind, (title, description, hours, weeks, element) in OFFERS.items():
            closing = seeder.today + timedelta(days=seeder.rng.randint(10, 40))
            start = closing + timedelta(days=14)
            ends = start + timedelta(weeks=weeks)
            rows.append(Vacancy(
                uuid=seeder.uuid(), trust=trust, kind=kind, title=title, description=description,
                role_type=kinds[GOVERNANCE_ROLE_TYPES[kind]], min_grade=grades[0], max_grade=grades[-1],
                hours=hours, ends_on=ends, element=elements[element],
                sessions_per_week=sessions_for_hours(hours, start, ends), location=trust.name,
                remote_possible=kind == Kind.COMMITTEE, start_date=start, closing_date=closing,
                status=Vacancy.Status.OPEN, published_at=seeder.moment(seeder.days_ago(1, 10))))
            domains.append(elements[element].domain_id)
    Vacancy.objects.bulk_create(rows)
    through = Vacancy.required_domains.through
    through.objects.bulk_create([through(vacancy_id=v.pk, frameworkdomain_id=domain)
                                 for v, domain in zip(rows, domains, strict=True)])
    director = User.objects.get(email=DEMO_LOGINS[Role.MEDICAL_DIRECTOR])
    _taking_part(seeder, [v for v in rows if v.trust_id == director.trust_id], region)


def _taking_part(seeder: SeederBase, offers: list[Vacancy], region: Region) -> None:
    """At the demo director's trust: two interested in each offer, and one of them confirmed as
    having taken part in a committee seat that ran last year, with the evidence."""
    pool = list(Trainee.objects.filter(region=region, user__isnull=True, leadership_interest=True)
                .order_by("gmc_number")[:2 * len(offers)])
    interests = [Interest(uuid=seeder.uuid(), trainee=trainee, vacancy=vacancy,
                          status=Interest.Status.INTERESTED,
                          note="I would like to bring what I learnt at my last trust.")
                 for vacancy, trainee in zip([v for v in offers for _ in (0, 1)], pool, strict=False)]
    Interest.objects.bulk_create(interests)
    Preferences.objects.filter(trainee__in=pool, discoverable=False).update(
        discoverable=True, discoverable_consent_at=seeder.moment(seeder.days_ago(40, 200)))
    if pool:
        _confirmed(seeder, offers[0], pool[0])


def _confirmed(seeder: SeederBase, like: Vacancy, trainee: Trainee) -> None:
    """A committee seat that ran last year, and the trainee the trust confirmed took part."""
    start = seeder.days_ago(200, 240)
    element = like.element
    assert element is not None  # every kind but a post names one
    vacancy = Vacancy.objects.create(
        uuid=seeder.uuid(), trust=like.trust, kind=Kind.COMMITTEE,
        title="Trainee seat on the medicines safety committee",
        description="Bring the trainees' view to the medicines safety committee.", role_type=like.role_type,
        min_grade=like.min_grade, max_grade=like.max_grade, hours=20, ends_on=start + timedelta(weeks=20),
        element=element, sessions_per_week=1, location=like.location, start_date=start,
        closing_date=start - timedelta(days=14), status=Vacancy.Status.CLOSED,
        published_at=seeder.moment(start - timedelta(days=40)))
    vacancy.required_domains.set(FrameworkDomain.objects.filter(elements=element))
    confirmed = Interest.objects.create(uuid=seeder.uuid(), trainee=trainee, vacancy=vacancy,
                                        status=Interest.Status.INTERESTED)
    evidence = Evidence.objects.create(
        uuid=seeder.uuid(), trainee=confirmed.trainee, element=element,
        title=f"{vacancy.get_kind_display()}: {vacancy.title}",
        what_i_did=f"I took part in this {vacancy.noun} at {vacancy.trust.name}: {vacancy.description}",
        occurred_on=start + timedelta(weeks=20))
    Interest.objects.filter(pk=confirmed.pk).update(took_part_confirmed_at=seeder.moment(evidence.occurred_on),
                                                    evidence=evidence)
