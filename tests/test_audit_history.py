"""The audit history (issue #21): every change to users, equality answers, interest in roles,
roles, mentors and meetings is recorded with who made it; the history of equality answers
says who changed them and when, never what they are; no password hash or private meeting
note is ever copied into a history."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.audit import changes_by
from core.personal_data import history_model
from mentoring.models import Meeting, Mentor
from pipeline.models import Interest, Vacancy
from pipeline.services import interest_express
from tests import factories
from tests.pipeline.matching_scenarios import open_vacancy
from trainees.models import EqualityMonitoring

pytestmark = pytest.mark.django_db
ANSWERS = ("sex", "ethnic_group", "disability")


def latest(model, **lookups):
    history = history_model(model)
    assert history is not None, f"{model.__name__} keeps no history"
    return history._default_manager.filter(**lookups).order_by("-history_date", "-history_id").first()


def test_equality_answers_record_who_changed_them_and_when_but_never_what(client, cast):
    client.force_login(cast.trainee_user)
    client.post(reverse("trainees:equality"),
                {"sex": "female", "ethnic_group": "black", "disability": "yes"})
    answers = EqualityMonitoring.objects.get(trainee=cast.trainee)
    assert answers.ethnic_group == "black"
    row = latest(EqualityMonitoring, id=answers.pk)
    assert row.history_user == cast.trainee_user and row.history_date is not None
    kept = {f.name for f in row._meta.fields}
    assert not kept & set(ANSWERS), "the answers themselves are not in the history"
    values = [str(v) for r in history_model(EqualityMonitoring)._default_manager.values() for v in r.values()]
    assert not {"female", "black", "yes"} & set(values)


def test_equality_history_is_in_no_admin_page():
    assert EqualityMonitoring not in admin.site._registry
    assert history_model(EqualityMonitoring) not in admin.site._registry


def test_a_users_role_region_email_and_active_changes_are_recorded_with_their_author(cast):
    staff = cast.staff_a
    email_before = staff.email
    with changes_by(cast.admin):
        staff.role, staff.region, staff.trust = "medical_director", None, cast.trust_a
        staff.email = "moved@test.example"
        staff.is_active = False
        staff.save()
    row = latest(User, id=staff.pk)
    assert row.history_user == cast.admin
    assert (row.role, row.region_id, row.trust_id, row.email, row.is_active) == (
        "medical_director", None, cast.trust_a.pk, "moved@test.example", False)
    before = row.prev_record
    assert (before.role, before.email, before.is_active) == ("deanery_staff", email_before, True)


def test_no_password_hash_or_sign_in_time_is_ever_copied_into_a_users_history(client, cast):
    fields = {f.name for f in history_model(User)._meta.fields}
    assert "password" not in fields and "last_login" not in fields
    rows = history_model(User)._default_manager.filter(id=cast.staff_a.pk).count()
    client.force_login(cast.staff_a)
    cast.staff_a.refresh_from_db()
    assert cast.staff_a.last_login is not None
    assert history_model(User)._default_manager.filter(id=cast.staff_a.pk).count() == rows, \
        "signing in changes no personal data"


def test_closing_a_role_on_its_page_is_in_the_roles_history_with_the_director(client, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    client.force_login(cast.director_a)
    client.post(reverse("roles:close", kwargs={"uuid": vacancy.uuid}))
    row = latest(Vacancy, id=vacancy.pk)
    assert (row.status, row.history_user) == ("closed", cast.director_a)
    assert row.prev_record.status == "open"


def test_interest_in_a_role_is_in_the_history_with_who_changed_it(cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    factories.MatchFactory(trainee=cast.trainee, vacancy=vacancy)
    with changes_by(cast.trainee_user):
        interest = interest_express(trainee=cast.trainee, vacancy=vacancy, note="Free on Tuesdays")
    with changes_by(cast.director_a):
        interest.status = Interest.Status.NOT_SELECTED
        interest.save(update_fields=["status", "updated_at"])
    row = latest(Interest, id=interest.pk)
    assert (row.status, row.history_user) == ("not_selected", cast.director_a)
    assert (row.prev_record.status, row.prev_record.history_user) == ("interested", cast.trainee_user)


def test_a_mentors_profile_changes_are_in_the_history(client, cast):
    client.force_login(cast.mentor_user)
    client.post(reverse("mentoring:profile"), {
        "organisation": "Kingsbridge Trust", "current_role": "Medical director", "past_roles": "",
        "capacity": "3", "accepting": "yes", "bio": ""})
    row = latest(Mentor, id=cast.mentor.pk)
    assert (row.organisation, row.history_user) == ("Kingsbridge Trust", cast.mentor_user)


def test_a_meeting_logged_on_its_page_is_in_the_history_without_its_private_notes(client, cast):
    mentorship = cast.mentor.mentorships.get()
    client.force_login(cast.mentor_user)
    today = timezone.localdate()
    client.post(reverse("mentoring:mentorship-action", kwargs={"uuid": mentorship.uuid}),
                {"action": "meeting", "held_on[day]": today.day, "held_on[month]": today.month,
                 "held_on[year]": today.year, "private_notes": "Talked about a difficult colleague"})
    meeting = Meeting.objects.get(mentorship=mentorship)
    row = latest(Meeting, id=meeting.pk)
    assert (row.held_on, row.history_user) == (today, cast.mentor_user)
    assert "private_notes" not in {f.name for f in row._meta.fields}, "notes are for the pair alone"


def test_the_admin_shows_a_users_history(client, cast):
    with changes_by(cast.admin):
        cast.staff_a.first_name = "Renamed"
        cast.staff_a.save()
    client.force_login(cast.admin)
    response = client.get(reverse("admin:accounts_user_history", args=[cast.staff_a.pk]))
    assert response.status_code == 200
    assert str(cast.admin) in response.content.decode()
