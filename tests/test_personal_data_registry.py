"""The data-protection registry (core.personal_data): every model that points at a person is
accounted for; "download my data" has every part for every role; erasure leaves no trace
of the person anywhere in the database and keeps the counts; retention is applied."""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data as accounts_personal_data
from accounts.account_requests import account_request_make
from accounts.erasure import account_erase
from accounts.models import AccountRequest, Invitation, Role, User
from accounts.tasks import apply_retention
from accounts.tokens import token_create
from allocation import services as rounds
from allocation.models import Allocation, TraineeChoice
from config.celery_app import app
from core import personal_data
from ideas.models import Invitation as IdeaInvitation
from ideas.services import idea_answer, idea_submit, lead_name
from imports.models import ImportBatch
from imports.services import import_batch_create, import_batch_validate
from mentoring.models import Meeting, MentorRequest, Mentorship
from notifications.models import Notification
from notifications.services import notification_queue
from pipeline import reports
from pipeline.models import Interest, Match, Stewardship, StewardshipAlert, StewardshipEvent, Vacancy
from pipeline.services import candidate_appoint, interest_express
from pipeline.stewardship import alumnus_add_note, alumnus_assign_mentor, stewardship_sweep
from reference.models import LeadershipRoleType
from schemes.models import Fellowship, Scheme
from tests import factories
from trainees.imports import COLUMNS
from trainees.models import (
    EqualityMonitoring,
    LeadershipRole,
    Placement,
    PortfolioView,
    Preferences,
    Project,
    Qualification,
    Trainee,
)
from trainees.services import equality_answers_update, portfolio_view_record

pytestmark = pytest.mark.django_db

PEOPLE = [User, Trainee]


# -- every model that points at a person is covered ---------------------------------------


def points_at_a_person(model: type[models.Model]) -> bool:
    return any(field.concrete and field.is_relation and (field.many_to_one or field.one_to_one)
               and field.related_model in PEOPLE for field in model._meta.get_fields())


def uncovered() -> list[str]:
    covered = personal_data.covered()
    return sorted(model._meta.label for model in apps.get_models(include_auto_created=True)
                  if points_at_a_person(model) and model not in covered)


def test_every_model_with_a_foreign_key_to_a_person_or_a_trainee_is_registered():
    assert uncovered() == [], "register it in its app's personal_data.py (or say why it holds nothing)"


def test_an_unregistered_model_is_caught(monkeypatch):
    kept = {name: h for name, h in personal_data._HOLDINGS.items() if name != "api_tokens"}
    monkeypatch.setattr(personal_data, "_HOLDINGS", kept)
    assert uncovered() == ["accounts.ApiToken"]


def test_the_checks_reach_third_party_models_and_audit_history():
    covered = personal_data.covered()
    for label in ("admin.LogEntry", "axes.AccessLog", "trainees.HistoricalTrainee",
                  "allocation.HistoricalAllocationRound", "accounts.User_groups"):
        assert apps.get_model(label) in covered
    assert "nothing personal" in covered[apps.get_model("accounts.ErasureRecord")]


# -- a person of each role, with data in every app ------------------------------------------


@dataclass
class World:
    trainee: Trainee
    other: Trainee
    people: dict[str, User]

    def traces(self, role: str) -> list[str]:
        """What would identify the person: surnames (distinctive here), addresses, GMC number."""
        user = self.people[role]
        found = [user.last_name, user.email]
        if role == "trainee":
            found += [self.trainee.email, self.trainee.gmc_number]
        return found


def csv_of(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def person(role: str, first: str, last: str, **extra) -> User:
    return factories.UserFactory(role=role, first_name=first, last_name=last,
                                 email=f"{first}.{last}@nhs.example".lower(), **extra)


def make_world() -> World:
    region = factories.region()
    trust = factories.TrustFactory(region=region)
    staff = person(Role.DEANERY_STAFF, "Seraphina", "Oakenshield", region=region)
    director = person(Role.MEDICAL_DIRECTOR, "Dorothea", "Pembertonwhyte", trust=trust)
    mentor = factories.MentorFactory(
        user=person(Role.MENTOR, "Mortimer", "Vandersloot"), region=region,
        bio="Mortimer Vandersloot has led two trusts.", past_roles="Medical director")
    user = factories.UserFactory(role=Role.TRAINEE, first_name="Zebedee", last_name="Quillfeather",
                                 email="zeb.account@nhs.example")
    trainee = factories.TraineeFactory(
        user=user, first_name="Zebedee", last_name="Quillfeather", gmc_number="6123457",
        email="zebedee.quillfeather@trainee.example", region=region, current_trust=trust,
        expected_cct_date=dt.date(2029, 8, 1), leadership_interest=True)
    other = factories.TraineeFactory(region=region, current_trust=trust)
    # The national lead of the trainee's scheme (the factories' Darzi Fellowship).
    lead = person(Role.SCHEME_LEAD, "Leontyne", "Fairweatherby")
    Scheme.objects.get(short_name="Darzi Fellowship").leads.add(lead)
    people = {"trainee": user, "mentor": mentor.user, "director": director, "staff": staff, "lead": lead}

    _portfolio(trainee, trust)
    _fellowships(trainee, other, region)
    _mentoring(trainee, other, mentor, staff)
    _roles_and_interest(trainee, trust, director)
    _rounds(trainee, trust, region, staff, director)
    _alumni_records(trainee, staff)
    _ideas(trainee, trust, director)
    for viewer in (director, staff, mentor.user, lead):
        portfolio_view_record(trainee=trainee, viewer=viewer, where="Candidates for a role")
        portfolio_view_record(trainee=other, viewer=viewer, where="Candidates for a role")
    _imports(trainee, other, staff)
    for each in people.values():
        _account_traces(each, trainee)
    return World(trainee=trainee, other=other, people=people)


def _portfolio(trainee: Trainee, trust) -> None:
    day = dt.date(2025, 1, 1)
    factories.PlacementFactory(trainee=trainee)
    factories.EvidenceFactory(trainee=trainee, title="Zebedee Quillfeather's sepsis huddle")
    Project.objects.create(trainee=trainee, title="Quillfeather ward flow", aim="Faster flow", start_date=day)
    Qualification.objects.create(trainee=trainee, title="PGCert", kind="certificate",
                                 awarding_body="A university", awarded_on=day)
    LeadershipRole.objects.create(trainee=trainee, title="Chief registrar", organisation=str(trust),
                                  trust=trust, start_date=dt.date(2025, 10, 1),
                                  role_type=LeadershipRoleType.objects.get(code="clinical-lead"))
    factories.PreferencesFactory(trainee=trainee)
    equality_answers_update(trainee=trainee, sex="female", ethnic_group="black", disability="no")


def _fellowships(trainee: Trainee, other: Trainee, region) -> None:
    cohort = factories.CohortFactory(region=region)
    fellowship = factories.FellowshipFactory(trainee=trainee, cohort=cohort,
                                             project_title="Quillfeather's project")
    factories.published_story(trainee=trainee, fellowship=fellowship, title="How Quillfeather cut waits",
                              projects=list(trainee.projects.all()), show_name=True)
    factories.FellowshipFactory(trainee=other, cohort=cohort)


def _mentoring(trainee: Trainee, other: Trainee, mentor, staff: User) -> None:
    MentorRequest.objects.create(trainee=trainee, goals="Lead a department")
    pair = factories.MentorshipFactory(
        mentor=mentor, trainee=trainee, goals="Zebedee wants to lead",
        trainee_feedback="Mortimer Vandersloot helped a lot",
        mentor_feedback="Zebedee Quillfeather is ready to lead")
    Meeting.objects.create(mentorship=pair, held_on=factories.TODAY,
                           private_notes="Zebedee Quillfeather met Mortimer Vandersloot")
    theirs = alumnus_assign_mentor(trainee=other, mentor=mentor, by=staff)
    Meeting.objects.create(mentorship=theirs, held_on=factories.TODAY,
                           private_notes="Mortimer Vandersloot suggested a course")


def _roles_and_interest(trainee: Trainee, trust, director: User) -> None:
    vacancy = factories.VacancyFactory(trust=trust, created_by=director,
                                       description="Ask Dorothea Pembertonwhyte about the role.")
    match = Match.objects.create(trainee=trainee, vacancy=vacancy, score=60.0, computed_at=timezone.now())
    interest_express(trainee=trainee, vacancy=vacancy, note="I run the Quillfeather rota")
    candidate_appoint(match=match)  # an appointment, and a role in the portfolio


def _ideas(trainee: Trainee, trust, director: User) -> None:
    """An idea the trainee shared with their trust, which its director (the named lead) answered."""
    today = timezone.localdate()
    placement = factories.PlacementFactory(trainee=trainee, trust=trust, start_date=today,
                                           end_date=today + dt.timedelta(days=120))
    invitation = IdeaInvitation.objects.create(placement=placement, trainee=trainee, trust=trust,
                                                 invited_on=today, closes_on=today)
    lead_name(trust=trust, user=director, by=director)
    idea = idea_submit(invitation=invitation, trainee=trainee, area="rotas", title="The Quillfeather rota",
                       idea="Zebedee Quillfeather's old rota", previous_trust=factories.TrustFactory(),
                       anonymous=False)
    idea_answer(idea=idea, status="will_try", answer="Dorothea Pembertonwhyte will try it", by=director)


def _rounds(trainee: Trainee, trust, region, staff: User, director: User) -> None:
    """A published round that placed the trainee, and an open one they have ranked."""
    for status in ("published", "open"):
        round = factories.RoundFactory(region=region, created_by=staff)
        post = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
            trust=trust, created_by=director))
        rounds.choices_save(round=round, trainee=trainee, posts=[post])
        if status == "published":
            ranking_day = round.trainee_deadline + dt.timedelta(days=1)
            rounds.applicants_rank(post=post, by=director, ranks={trainee: 1}, today=ranking_day)
            rounds.round_run(round=round, by=staff, today=round.director_deadline + dt.timedelta(days=1))
            rounds.round_publish(round=round, by=staff)


def _alumni_records(trainee: Trainee, staff: User) -> None:
    stewardship_sweep()
    alumnus_add_note(trainee=trainee, by=staff, text="Spoke to Zebedee Quillfeather about roles")
    StewardshipAlert.objects.create(trainee=trainee, status="at_risk", reason="No news for a year",
                                    raised_at=timezone.now(), resolved_at=timezone.now(), resolved_by=staff)
    notification_queue(recipient=staff, to_address=staff.email, template="digest",
                       subject="1 alumnus needs attention",
                       context={"first_name": staff.first_name, "alumni": [{"name": trainee.full_name}]})


def _imports(trainee: Trainee, other: Trainee, staff: User) -> None:
    rows = [{"gmc_number": t.gmc_number, "first_name": t.first_name, "last_name": t.last_name,
             "email": t.email, "grade": "ST4", "specialty": "Anaesthetics", "region": t.region.name,
             "current_trust": ""} for t in (trainee, other)]
    for content in (csv_of(rows), csv_of(rows[1:])):
        batch = import_batch_create(user=staff, filename="trainees.csv", content=content)
        import_batch_validate(batch_id=batch.pk)


def _account_traces(user: User, trainee: Trainee) -> None:
    """An API token, sign-ins, an email, and admin log entries about the person."""
    token_create(user=user, name=f"{user.last_name}'s spreadsheet")
    AccessLog.objects.create(username=user.email, ip_address="10.0.0.1", user_agent="Firefox",
                             http_accept="*/*", path_info="/accounts/sign-in/")
    AccessAttempt.objects.create(username=user.email, ip_address="10.0.0.2", user_agent="Firefox",
                                 http_accept="*/*", path_info="/accounts/sign-in/", get_data="",
                                 post_data=f"username={user.email}", failures_since_start=1)
    notification_queue(recipient=user, to_address=user.email, template="welcome",
                       subject=f"Welcome, {user.get_full_name()}", context={"first_name": user.first_name})
    now = timezone.now()  # the invitation that made the account, and a request for one
    Invitation.objects.create(email=user.email, first_name=user.first_name, last_name=user.last_name,
                              role=user.role, region=user.region, trust=user.trust,
                              token_digest=f"{user.pk:064d}",
                              sent_at=now, expires_at=now, accepted_at=now, user=user)
    AccountRequest.objects.create(first_name=user.first_name, last_name=user.last_name, email=user.email,
                                  gmc_number="7123456", region=factories.region())
    for about in (user, trainee):
        LogEntry.objects.create(user=user, content_type=ContentType.objects.get_for_model(about),
                                object_id=str(about.pk), object_repr=str(about), action_flag=CHANGE,
                                change_message=json.dumps([{"changed": {"fields": ["Email"]}}]))


# -- searching every column of every table ---------------------------------------------------

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField)


def _as_text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def traces_left(words: list[str]) -> list[str]:
    """Every (table, column) whose stored text still holds any of the words."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        for field in fields:
            for value in model._default_manager.values_list(field.attname, flat=True):
                text = _as_text(value).lower() if value is not None else ""
                found += [f"{model._meta.label}.{field.name}: {w}" for w in words if w.lower() in text]
    return sorted(set(found))


def counts() -> dict[str, object]:
    region = factories.region()
    return {
        "funnel": reports.funnel(region=region)[0].counts,
        "destinations": reports.destinations(region=region),
        "fellowships": Fellowship.objects.count(),
        "appointments": Interest.objects.filter(status=Interest.Status.APPOINTED).count(),
        "roles": LeadershipRole.objects.count(),
        "mentorships": Mentorship.objects.count(),
        "vacancies": Vacancy.objects.count(),
        "placed": Allocation.objects.filter(post__isnull=False).count(),
        "trainees": Trainee.objects.count(),
    }


ROLES = ["trainee", "mentor", "director", "staff", "lead"]


@pytest.mark.parametrize("role", ROLES)
def test_deleting_an_account_leaves_no_trace_of_the_person_and_keeps_the_counts(client, role):
    world = make_world()
    traces = world.traces(role)
    assert traces_left(traces), "the world holds the person before erasure"
    before = counts()

    client.force_login(world.people[role])
    response = client.post(reverse("accounts:delete-account"))

    assert "Your account has been deleted" in response.content.decode()
    assert traces_left(traces) == []
    assert counts() == before
    assert not User.objects.get(pk=world.people[role].pk).is_active


def test_erasing_someone_leaves_everyone_else_in_place():
    world = make_world()
    def accounts() -> dict[str, tuple]:
        return {role: (u.get_full_name(), u.email, u.is_active)
                for role, u in ((r, User.objects.get(pk=u.pk)) for r, u in world.people.items())}

    before = accounts()
    user = world.people["trainee"]
    account_erase(user=user, requested_by=user)
    after = accounts()
    assert after.pop("trainee") == ("Former trainee", f"erased-{user.uuid}@erased.invalid", False)
    before.pop("trainee")
    assert after == before
    assert Mentorship.objects.filter(trainee=world.other).exclude(status="ended").exists()
    assert Trainee.objects.get(pk=world.other.pk).full_name == world.other.full_name


def test_erasing_a_trainee_generalises_what_stays():
    world = make_world()
    account_erase(user=world.people["trainee"], requested_by=world.people["trainee"])
    trainee = Trainee.objects.get(pk=world.trainee.pk)
    assert (trainee.user, trainee.current_trust, trainee.expected_cct_date) == (None, None, None)
    for deleted in (EqualityMonitoring, Placement, Preferences, Qualification, Match, MentorRequest,
                    PortfolioView, StewardshipAlert, StewardshipEvent):
        assert not deleted.objects.filter(trainee=trainee).exists(), deleted
    assert Stewardship.objects.filter(trainee=trainee).exists()  # counted by cohort
    assert sorted(LeadershipRole.objects.filter(trainee=trainee).values_list("title", "organisation")) == [
        ("Clinical lead", ""), ("Clinical lead", ""), ("Clinical lead", "")]
    assert not Mentorship.objects.filter(trainee=trainee).exclude(status="ended").exists()
    # Gone from the round still open; kept in the run round's record.
    assert list(TraineeChoice.objects.filter(trainee=trainee).values_list("round__status", flat=True)) == [
        "published"]
    # The file naming them is emptied; the one that does not is left alone.
    assert sorted(bool(bytes(b.content)) for b in ImportBatch.objects.all()) == [False, True]


def test_the_only_administrator_cannot_delete_their_account(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("accounts:delete-account")).content.decode()
    assert "You are the only administrator" in page and "Delete my account</button>" not in page
    response = client.post(reverse("accounts:delete-account"))
    assert response.status_code == 400 and "Error:" in response.content.decode().split("</title>")[0]
    assert User.objects.get(pk=cast.admin.pk).is_active
    factories.UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    assert "Your account has been deleted" in client.post(reverse("accounts:delete-account")).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_told_what_happens_before_anything_is_deleted(client, role):
    world = make_world()
    client.force_login(world.people[role])
    page = client.get(reverse("accounts:delete-account")).content.decode()
    assert "What happens when you delete your account" in page and "This cannot be undone" in page
    assert reverse("accounts:my-data") in page
    assert traces_left(world.traces(role))


def test_the_account_page_offers_the_download_and_the_deletion(client, cast):
    client.force_login(cast.staff_a)
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("accounts:my-data") in page and reverse("accounts:delete-account") in page


# -- download my data ------------------------------------------------------------------------

# The parts that hold something for each role in the world above.
ACCOUNT_PARTS = {"account", "api_tokens", "invitations", "account_requests"}
FILLED = {
    "trainee": {*ACCOUNT_PARTS, "sign_ins", "admin_log", "emails", "import_files", "trainee",
                "placements", "evidence", "projects", "qualifications", "roles", "preferences",
                "equality_monitoring", "portfolio_views", "mentor_requests", "mentorships", "fellowships",
                "matches", "interests", "stewardship", "round_choices", "round_outcomes", "showcase_story",
                "fresh_eyes_ideas"},
    "mentor": {*ACCOUNT_PARTS, "sign_ins", "admin_log", "emails", "mentor_profile", "mentees",
               "portfolios_you_viewed"},
    "director": {*ACCOUNT_PARTS, "sign_ins", "admin_log", "emails", "roles_you_posted",
                 "portfolios_you_viewed", "rounds_you_ran", "ideas_you_answered"},
    "staff": {*ACCOUNT_PARTS, "sign_ins", "admin_log", "emails", "import_files",
              "alumni_records_you_kept", "rounds_you_ran", "portfolios_you_viewed"},
    "lead": {*ACCOUNT_PARTS, "sign_ins", "admin_log", "emails", "schemes_you_lead", "portfolios_you_viewed"},
}


def _holds_something(value) -> bool:
    if isinstance(value, dict):
        return any(_holds_something(v) for v in value.values())
    return bool(value)


@pytest.mark.parametrize("role", ROLES)
def test_download_my_data_has_every_registered_part_for_each_role(client, role):
    world = make_world()
    client.force_login(world.people[role])
    response = client.get(reverse("accounts:my-data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert set(data) == {h.name for h in personal_data.holdings()}
    assert {name for name, value in data.items() if _holds_something(value)} == FILLED[role]
    assert world.people[role].email in response.content.decode()


def test_a_trainees_download_has_their_mentoring_rounds_and_views(client):
    world = make_world()
    client.force_login(world.people["trainee"])
    data = json.loads(client.get(reverse("accounts:my-data")).content)
    assert data["mentorships"][0]["meetings"][0]["notes"] == "Zebedee Quillfeather met Mortimer Vandersloot"
    assert data["mentor_requests"][0]["goals"] == "Lead a department"
    assert [c["your_choice"] for c in data["round_choices"]] == [1, 1]
    assert data["round_outcomes"]["placements"][0]["your_choice"] == 1
    assert {v["who"].split(",")[0] for v in data["portfolio_views"]} == {
        "Dorothea Pembertonwhyte", "Seraphina Oakenshield", "Mortimer Vandersloot", "Leontyne Fairweatherby"}
    assert data["trainee"]["gmc_number"] == "6123457"


# -- retention ---------------------------------------------------------------------------------


def _aged(model, pk, **when) -> None:
    model.objects.filter(pk=pk).update(**when)


def test_retention_removes_only_what_is_past_its_period_and_can_run_again(cast):
    now, long_ago = timezone.now(), timezone.now() - dt.timedelta(days=800)
    region = cast.region_a
    batches = {status: ImportBatch.objects.create(region=region, filename=f"{status}.csv", content=b"gmc\n1",
                                                  status=status, report=[{"line": 2}])
               for status in ("committed", "validated", "validating")}
    ImportBatch.objects.create(region=region, filename="new.csv", content=b"gmc\n1", status="committed",
                               report=[{"line": 2}])
    for batch in batches.values():
        _aged(ImportBatch, batch.pk, updated_at=long_ago)
    old_email, new_email = (notification_queue(to_address="a@nhs.example", template="welcome", subject="Hi",
                                               context={"first_name": "A"}) for _ in range(2))
    _aged(Notification, old_email.pk, created_at=long_ago)
    old_log, new_log = (AccessLog.objects.create(username="a@nhs.example", user_agent="x", http_accept="x",
                                                 path_info="/") for _ in range(2))
    _aged(AccessLog, old_log.pk, attempt_time=now - dt.timedelta(days=91))
    for _ in range(2):
        portfolio_view_record(trainee=cast.trainee, viewer=cast.director_a, where="A role")
    old_view = PortfolioView.objects.filter(trainee=cast.trainee).first()
    _aged(PortfolioView, old_view.pk, viewed_at=long_ago)
    session = SessionStore()
    session.create()
    Session.objects.filter(session_key=session.session_key).update(expire_date=now - dt.timedelta(days=1))
    live = SessionStore()
    live.create()
    waiting, unused = (Invitation.objects.create(email=f"{n}@nhs.example", first_name="N", last_name="M",
                                                 role=Role.MENTOR, token_digest=n, sent_at=now,
                                                 expires_at=now)
                       for n in ("waiting", "unused"))
    _aged(Invitation, unused.pk, expires_at=now - dt.timedelta(days=91))
    asked, decided = (account_request_make(first_name="A", last_name="B", email=f"{n}@nhs.example",
                                           gmc_number="7123456", region=region) for n in ("asked", "decided"))
    _aged(AccountRequest, decided.pk, status="refused", decided_at=now - dt.timedelta(days=91))

    done = apply_retention()

    assert done == {"sign-in logs": 1, "expired sessions": 1, "notifications": 1,
                    "import files and reports": 2, "portfolio-view logs": 1, "invitations never used": 1,
                    "decided requests for an account": 1}
    assert list(Invitation.objects.all()) == [waiting] and list(AccountRequest.objects.all()) == [asked]
    emptied = {b.filename: (bytes(b.content), b.report, b.status) for b in ImportBatch.objects.all()}
    assert emptied == {"committed.csv": (b"", [], "committed"), "validated.csv": (b"", [], "failed"),
                       "validating.csv": (b"gmc\n1", [{"line": 2}], "validating"),  # still being read
                       "new.csv": (b"gmc\n1", [{"line": 2}], "committed")}
    assert list(Notification.objects.values_list("pk", flat=True)) == [new_email.pk]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new_log.pk]
    assert PortfolioView.objects.filter(trainee=cast.trainee).count() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert set(apply_retention().values()) == {0}  # nothing left to do: safe to run again


def test_retention_runs_every_night_and_every_period_is_written_down():
    assert app.conf.beat_schedule["nightly-retention"]["task"] == "accounts.tasks.apply_retention"
    written = (settings.BASE_DIR / "docs" / "privacy.md").read_text(encoding="utf-8")
    for retention in personal_data.retentions():
        assert f"| {retention.name} | {retention.kept_for.days} days" in written
    assert dt.timedelta(days=90) == accounts_personal_data.SIGN_IN_LOGS_KEPT
