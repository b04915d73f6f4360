"""The story the demo tells, as `make seed` leaves it (seed_demo, then a full rematch and the
stewardship sweep): what each demo login has to look at, and the schemes as the report
describes them. Seeded once for the module at the default size of `make run`."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.core.management import call_command

from accounts.models import AccountRequest, Invitation, Role, User
from allocation.models import AllocationRound
from allocation.rules import Phase, phase
from demo.content import DEMO_LOGINS, EVIDENCE
from demo.reset import reset_demo_data
from demo.seeder import seed_demo
from mentoring.models import Mentorship
from pipeline import forecast, reports
from pipeline.models import Interest, Stewardship, StewardshipEvent, StewardshipStatus, Vacancy
from pipeline.national import schemes_across_regions
from pipeline.stewardship import stewardship_sweep
from schemes.models import Cohort, Fellowship
from trainees.models import Evidence, LeadershipRole, Placement, Trainee

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 28)
LONDON = {"north-west-london", "north-central-east-london", "south-london"}
FOUNDATION = {"F1", "F2"}


def make_seed(trainees: int, day: dt.date) -> None:
    seed_demo(trainees=trainees, seed=1, today=day, reset=True)
    call_command("rematch", "--all")
    stewardship_sweep(today=day)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        make_seed(2000, DAY)
    yield
    with django_db_blocker.unblock():
        reset_demo_data()


def login(role: Role) -> User:
    return User.objects.get(email=DEMO_LOGINS[role])


def demo_region_statuses() -> list[tuple[str, str]]:
    region = login(Role.DEANERY_STAFF).region
    return list(Stewardship.objects.filter(trainee__region=region).values_list("status", "reason"))


def months_back(reason: str) -> int:
    match = re.match(r"Completed the .+? (\d+) months? ago", reason)
    assert match, reason
    return int(match.group(1))


# -- deanery staff (North West London) ---------------------------------------------------


def test_the_demo_region_has_tens_of_alumni_engaged_at_risk_and_lost():
    counts = Counter(status for status, _ in demo_region_statuses())
    assert sum(counts.values()) >= 40
    assert counts[StewardshipStatus.ENGAGED] >= 15
    assert counts[StewardshipStatus.AT_RISK] >= 8
    assert counts[StewardshipStatus.LOST] >= 8


def test_the_demo_region_shows_every_reason_for_each_status():
    rows = demo_region_statuses()
    engaged = " ".join(reason for status, reason in rows if status == StewardshipStatus.ENGAGED)
    for why in ("recently returned", "holds a leadership role", "has a mentor",
                "interested in a leadership role", "contacted by the deanery"):
        assert why in engaged
    at_risk = [reason for status, reason in rows if status == StewardshipStatus.AT_RISK]
    assert any("portfolio never updated" in r for r in at_risk)
    assert any("portfolio untouched" in r and months_back(r) < 12 for r in at_risk)
    assert any(months_back(r) >= 12 for r in at_risk)  # back a year, but keeps the portfolio up
    lost = [reason for status, reason in rows if status == StewardshipStatus.LOST]
    assert any("portfolio never updated" in r for r in lost)
    assert any("portfolio untouched" in r for r in lost)


def test_alumni_needing_attention_have_histories_of_staff_actions():
    staff = login(Role.DEANERY_STAFF)
    events = StewardshipEvent.objects.filter(by=staff)
    assert set(events.values_list("kind", flat=True)) >= {
        StewardshipEvent.Kind.NOTE, StewardshipEvent.Kind.NUDGE, StewardshipEvent.Kind.CONTACTED,
        StewardshipEvent.Kind.MENTOR}
    needing = events.filter(trainee__stewardship__status__in=[StewardshipStatus.AT_RISK,
                                                              StewardshipStatus.LOST])
    assert needing.filter(kind=StewardshipEvent.Kind.NUDGE).values("trainee").distinct().count() >= 2
    assert needing.filter(kind=StewardshipEvent.Kind.CONTACTED).exists()  # contact long ago


def test_the_demo_region_reports_show_numbers():
    region = login(Role.DEANERY_STAFF).region
    assert all(n >= 5 for n in reports.funnel(region=region)[0].counts)
    assert reports._likelihood_now(region)["withheld"] is False
    rows = reports._representation_now(region, "ethnic_group")["rows"]
    assert all(row["total"] != reports.SUPPRESSED for row in rows)


def test_rounds_are_in_every_phase_on_the_day_of_seeding():
    phases = Counter(phase(r, DAY) for r in AllocationRound.objects.all())
    assert phases == Counter(set(Phase))
    run = [r for r in AllocationRound.objects.all() if phase(r, DAY) in (Phase.RUN, Phase.PUBLISHED)]
    assert all(r.allocations.exclude(post=None).exists() for r in run)


# -- trust medical director ---------------------------------------------------------------


def test_the_directors_trust_has_interested_invited_and_shortlisted_candidates():
    trust = login(Role.MEDICAL_DIRECTOR).trust
    open_roles = Interest.objects.filter(vacancy__trust=trust, vacancy__status=Vacancy.Status.OPEN)
    counts = Counter(open_roles.values_list("status", flat=True))
    assert counts[Interest.Status.INTERESTED] >= 3
    assert counts[Interest.Status.INVITED] >= 2
    assert counts[Interest.Status.SHORTLISTED] >= 2


def test_the_director_has_a_post_to_rank_in_the_round_in_their_window():
    trust = login(Role.MEDICAL_DIRECTOR).trust
    ranking = next(r for r in AllocationRound.objects.all() if phase(r, DAY) == Phase.DIRECTORS_RANKING)
    post = ranking.posts.get(vacancy__trust=trust)
    assert post.choices.exists() and post.ranked_at is None


# -- mentor and trainee ------------------------------------------------------------------


def test_the_demo_mentor_has_proposed_and_active_mentees():
    counts = Counter(Mentorship.objects.filter(mentor__user=login(Role.MENTOR))
                     .values_list("status", flat=True))
    assert counts[Mentorship.Status.PROPOSED] >= 1
    assert counts[Mentorship.Status.ACTIVE] >= 2
    assert counts[Mentorship.Status.ENDED] >= 1


def test_the_demo_trainee_is_an_engaged_darzi_alumnus():
    trainee = login(Role.TRAINEE).trainee
    assert trainee.fellowships.completed().filter(cohort__scheme__short_name="Darzi Fellowship").exists()
    assert trainee.stewardship.status == StewardshipStatus.ENGAGED
    assert trainee.matches.exists()


# -- the schemes, as the report describes them ------------------------------------------


def fellows(scheme: str):
    return Fellowship.objects.filter(cohort__scheme__short_name=scheme)


def intake_sizes(scheme: str) -> list[int]:
    return [c.fellowships.count() for c in Cohort.objects.filter(scheme__short_name=scheme)]


def grades(scheme: str) -> set[str]:
    return set(fellows(scheme).values_list("trainee__grade__code", flat=True))


def regions(scheme: str) -> set[str]:
    return set(fellows(scheme).values_list("trainee__region__code", flat=True))


def test_darzi_takes_40_to_60_a_year_across_london_in_their_own_trusts():
    assert all(40 <= n <= 60 for n in intake_sizes("Darzi Fellowship"))
    assert regions("Darzi Fellowship") == LONDON
    assert not grades("Darzi Fellowship") & (FOUNDATION | {"CT1", "CT2", "CT3", "ST1", "ST2"})
    for f in fellows("Darzi Fellowship").select_related("trainee__current_trust"):
        assert f.host_organisation == f.trainee.current_trust.name


def test_clahrc_fellows_are_in_north_west_london_7_to_13_a_year():
    assert all(7 <= n <= 13 for n in intake_sizes("CLAHRC Fellowship"))
    assert regions("CLAHRC Fellowship") == {"north-west-london"}


def test_nmdcf_takes_25_to_30_past_foundation_hosted_by_national_bodies():
    assert all(25 <= n <= 30 for n in intake_sizes("NMDCF Scheme"))
    assert not grades("NMDCF Scheme") & FOUNDATION
    hosts = set(fellows("NMDCF Scheme").values_list("host_organisation", flat=True))
    assert hosts <= {"NHS England", "General Medical Council", "Care Quality Commission",
                     "Health Education England"}
    for f in fellows("NMDCF Scheme").select_related("trainee"):
        assert f.trainee.expected_cct_date > f.end_date  # CCT after the fellowship year


def test_mlp_takes_12_a_year_at_gp_st3_or_st4_and_above_in_the_north_west():
    assert set(intake_sizes("MLP")) == {12}
    assert grades("MLP") <= {"GPST3", "ST4", "ST5", "ST6", "ST7", "ST8"}
    assert regions("MLP") == {"north-west"}
    assert all(c.end_date - c.start_date > dt.timedelta(days=700)
               for c in Cohort.objects.filter(scheme__short_name="MLP"))  # two years


def test_clinicians_in_management_is_a_short_course_for_senior_registrars():
    cohorts = Cohort.objects.filter(scheme__short_name="Clinicians in Management")
    assert cohorts and all((c.end_date - c.start_date).days in (1, 2) for c in cohorts)
    assert grades("Clinicians in Management") <= {"ST6", "ST7", "ST8"}
    assert regions("Clinicians in Management") == {"north-east"}


def test_harkness_fellows_are_hosted_by_us_organisations():
    hosts = set(fellows("Harkness Fellowship").values_list("host_organisation", flat=True))
    assert hosts and hosts <= {"Harvard University", "Kaiser Permanente",
                               "Institute for Healthcare Improvement"}


def test_every_scheme_has_finished_running_and_upcoming_intakes():
    for scheme in Cohort.objects.values_list("scheme__short_name", flat=True).distinct():
        statuses = set(fellows(scheme).values_list("status", flat=True))
        assert {Fellowship.Status.COMPLETED, Fellowship.Status.APPLIED} <= statuses, scheme


# -- content that agrees with itself -------------------------------------------------


def test_evidence_text_is_about_its_element():
    # Evidence a trust confirmed (a governance role taken part in) says what the role was instead.
    confirmed = Interest.objects.filter(evidence__isnull=False).values("evidence")
    for evidence in Evidence.objects.exclude(pk__in=confirmed).select_related("element"):
        topic = evidence.title.split(": ", 1)[1]
        assert evidence.title.startswith(evidence.element.name)
        assert evidence.what_i_did == EVIDENCE[evidence.element.name].format(topic=topic)


def test_senior_roles_are_not_open_to_junior_grades():
    senior = Vacancy.objects.filter(role_type__code__in=["associate-medical-director", "clinical-director"])
    assert senior.exists()
    assert not senior.filter(min_grade__rank__lt=90).exists()  # ST6 and above
    held = LeadershipRole.objects.filter(role_type__code__in=["associate-medical-director",
                                                              "clinical-director"])
    assert not held.filter(trainee__grade__rank__lt=90).exists()


def test_a_trainees_current_trust_is_their_current_placements():
    current = dict(Placement.objects.filter(start_date__lte=DAY, end_date__gte=DAY)
                   .values_list("trainee_id", "trust_id"))
    trainees = dict(Trainee.objects.values_list("pk", "current_trust_id"))
    assert current == trainees


# -- never stale --------------------------------------------------------------------


@pytest.mark.parametrize("day", [dt.date(2029, 2, 14), dt.date(2031, 7, 31)])
def test_the_story_holds_whatever_the_day(day):
    """Seeded on another day (smaller, for speed), the same things are there to see."""
    seed_demo(trainees=1000, seed=5, today=day, reset=True)
    stewardship_sweep(today=day)
    assert Counter(phase(r, day) for r in AllocationRound.objects.all()) == Counter(set(Phase))
    region = login(Role.DEANERY_STAFF).region
    statuses = set(Stewardship.objects.filter(trainee__region=region).values_list("status", flat=True))
    assert statuses == set(StewardshipStatus)
    trust = login(Role.MEDICAL_DIRECTOR).trust
    assert {Interest.Status.INTERESTED, Interest.Status.INVITED, Interest.Status.SHORTLISTED} <= set(
        Interest.objects.filter(vacancy__trust=trust).values_list("status", flat=True))
    mentees = set(Mentorship.objects.filter(mentor__user=login(Role.MENTOR)).values_list("status", flat=True))
    assert {Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE} <= mentees


def test_trainees_interested_in_leadership_name_schemes_that_fit_them():
    from schemes.models import SchemeInterest  # noqa: PLC0415

    interests = list(SchemeInterest.objects.select_related("trainee", "scheme"))
    assert len(interests) >= 50
    for interest in interests:
        grades = set(interest.scheme.eligible_grades.values_list("pk", flat=True))
        regions = set(interest.scheme.regions.values_list("pk", flat=True))
        assert not grades or interest.trainee.grade_id in grades
        assert not regions or interest.trainee.region_id in regions
        assert interest.trainee.leadership_interest


def test_the_demo_region_has_invitations_waiting_and_a_request_for_an_account(client):
    staff = login(Role.DEANERY_STAFF)
    waiting = Invitation.objects.filter(region=staff.region, accepted_at__isnull=True,
                                        revoked_at__isnull=True)
    assert waiting.count() == 5 and sum(i.is_expired for i in waiting) == 1
    assert set(waiting.values_list("invited_by", flat=True)) == {staff.pk}
    [asked] = AccountRequest.objects.filter(region=staff.region, status="waiting")
    # The request matches an imported record, so approving names it.
    assert Trainee.objects.filter(gmc_number=asked.gmc_number, email=asked.email, user__isnull=True).exists()
    client.force_login(staff)
    listing = client.get("/accounts/invitations/").content.decode()
    assert all(i.email in listing for i in waiting)
    assert asked.email in client.get("/accounts/requests/").content.decode()


# -- the national scheme lead and the national view ----------------------------------------


def test_the_demo_lead_sees_the_nmdcf_in_many_regions_with_alumni_to_look_after():
    lead = login(Role.SCHEME_LEAD)
    [scheme] = schemes_across_regions(lead)
    assert scheme.scheme.short_name == "NMDCF Scheme"
    assert len(scheme.rows) >= 3 and scheme.active > 0 and scheme.alumni > 0
    assert sum(scheme.status_total(s) for s in StewardshipStatus.values) > 0


def test_the_national_forecast_has_people_and_roles_to_show():
    f = forecast.forecast(forecast.scope_for(login(Role.ADMINISTRATOR)), today=DAY)
    assert any(isinstance(row["total"], int) for row in f.returners + f.consultants)
    assert sum(row["total"] for row in f.roles) > 0
