"""The medical director's journey through the pages, and that identities stay hidden."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pipeline.matching import services as matching
from pipeline.models import Interest, Match, Vacancy
from pipeline.services import interest_express
from tests import factories
from tests.helpers import date_fields
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from trainees.models import LeadershipRole
from trainees.services import preferences_withdraw_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(client, cast):
    client.force_login(cast.director_a)
    return client



def role_form(**overrides) -> dict:
    today = timezone.localdate()
    data = {"title": "Clinical lead for sepsis", "role_type": str(factories.role_type_id()),
            "description": "Lead sepsis screening across the trust.",
            "required_domains": [str(factories.mlcf_domain(4).pk)],
            "min_grade": str(factories.grade("ST3").pk), "max_grade": str(factories.grade("ST8").pk),
            "sessions_per_week": "2", "location": "Main site", "remote_possible": "no",
            **date_fields("closing_date", today + dt.timedelta(days=20)),
            **date_fields("start_date", today + dt.timedelta(days=60))}
    return {**data, **overrides}


def test_posting_a_role_saves_a_draft_then_publishing_matches_it(director, cast,
                                                                  django_capture_on_commit_callbacks):
    trainee = candidate(region=cast.region_a)
    response = director.post(reverse("roles:new") + "?kind=post", role_form())
    vacancy = Vacancy.objects.get(title="Clinical lead for sepsis")
    assert response.url == reverse("roles:detail", kwargs={"uuid": vacancy.uuid})
    assert (vacancy.status, vacancy.trust) == ("draft", cast.trust_a)
    assert "Publish this role" in director.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        director.post(reverse("roles:publish", kwargs={"uuid": vacancy.uuid}))
    vacancy.refresh_from_db()
    assert vacancy.status == "open"
    assert Match.objects.filter(vacancy=vacancy, trainee=trainee).exists()


@pytest.mark.parametrize("overrides, message", [
    ({"required_domains": []}, "Select at least one leadership domain"),
    ({"min_grade": None, "max_grade": None}, "Select the most junior grade"),
    ({"title": ""}, "Enter title"),
])
def test_a_role_needs_its_essentials(director, overrides, message):
    data = role_form()
    for key, value in overrides.items():
        data.pop(key) if value is None else data.__setitem__(key, value)
    html = director.post(reverse("roles:new") + "?kind=post", data).content.decode()
    assert message in html and "<title>Error:" in html


def test_dates_and_grades_must_make_sense(director):
    past = timezone.localdate() - dt.timedelta(days=1)
    data = role_form(min_grade=str(factories.grade("ST8").pk), max_grade=str(factories.grade("ST3").pk),
                     **date_fields("closing_date", past))
    html = director.post(reverse("roles:new") + "?kind=post", data).content.decode()
    assert "The closing date must be in the future" in html
    assert "The most senior grade must not be junior" in html


def test_close_and_fill_ask_first_and_refuse_illegal_moves(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    close = reverse("roles:close", kwargs={"uuid": vacancy.uuid})
    assert "Close this role to new interest?" in director.get(close).content.decode()
    director.post(close)
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"
    html = director.post(close).content.decode()  # closing twice
    assert "A closed role cannot be closed" in html
    director.post(reverse("roles:fill", kwargs={"uuid": vacancy.uuid}))
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"


def test_another_trusts_roles_and_drafts_are_not_found(director, cast):
    theirs = factories.VacancyFactory(trust=cast.trust_b, status=Vacancy.Status.DRAFT)
    for name in ("detail", "edit", "candidates", "publish"):
        assert director.get(reverse(f"roles:{name}", kwargs={"uuid": theirs.uuid})).status_code == 404
    assert theirs.title not in director.get(reverse("roles:list")).content.decode()


def identity_appears(client, vacancy, trainee) -> bool:
    """Search every page a director sees about the role for the trainee's identity."""
    pages = [reverse("roles:candidates", kwargs={"uuid": vacancy.uuid}), reverse("roles:list"),
             reverse("home"), reverse("roles:detail", kwargs={"uuid": vacancy.uuid})]
    pages += [reverse("roles:candidate", kwargs={"uuid": vacancy.uuid, "match_uuid": m.uuid})
              for m in Match.objects.filter(vacancy=vacancy)]
    html = "".join(client.get(page).content.decode() for page in pages)
    return any(secret in html for secret in (trainee.first_name, trainee.last_name,
                                             trainee.gmc_number, trainee.email))


def test_an_uninterested_candidate_is_anonymous_everywhere_until_interested(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    trainee = candidate(region=cast.region_a, first_name="Zebedee", last_name="Quartermaine",
                        project_text="Sepsis screening")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    assert not identity_appears(director, vacancy, trainee)
    match = Match.objects.get(vacancy=vacancy, trainee=trainee)
    director.post(reverse("roles:candidate-action", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}),
                  {"action": "invite"})
    assert not identity_appears(director, vacancy, trainee)  # invited is not interested
    interest_express(trainee=trainee, vacancy=vacancy, note="Keen")
    assert identity_appears(director, vacancy, trainee)


def test_invitation_and_interest_emails_say_the_right_things(director, cast,
                                                              django_capture_on_commit_callbacks):
    vacancy = open_vacancy(trust=cast.trust_a, title="Quality improvement lead")
    trainee = candidate(region=cast.region_a, first_name="Imogen", last_name="Okonkwo")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    match = Match.objects.get(vacancy=vacancy)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director.post(reverse("roles:candidate-action",
                              kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}), {"action": "invite"})
    invited = mail.outbox[-1]
    assert invited.to == [trainee.email]
    assert "Quality improvement lead" in invited.subject
    assert "They do not know who you are" in invited.body
    assert f"/opportunities/{vacancy.uuid}/" in invited.body
    assert "Quality improvement lead" in invited.alternatives[0][0]
    with django_capture_on_commit_callbacks(execute=True):
        interest_express(trainee=trainee, vacancy=vacancy)
    told = mail.outbox[-1]
    assert told.to == [cast.director_a.email]
    assert "Imogen Okonkwo is interested" in told.body


def test_an_invitation_email_never_names_the_candidate_to_the_trust(director, cast,
                                                                      django_capture_on_commit_callbacks):
    vacancy = open_vacancy(trust=cast.trust_a)
    trainee = candidate(region=cast.region_a, last_name="Featherstonehaugh")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    match = Match.objects.get(vacancy=vacancy)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director.post(reverse("roles:candidate-action",
                              kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}), {"action": "invite"})
    to_the_trust = [m for m in mail.outbox if cast.director_a.email in m.to]
    assert not any(trainee.last_name in m.body for m in to_the_trust)


def test_appointing_adds_the_role_to_the_portfolio(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a, title="Associate medical director for flow")
    trainee = candidate(region=cast.region_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    interest_express(trainee=trainee, vacancy=vacancy)
    match = Match.objects.get(vacancy=vacancy)
    url = reverse("roles:candidate-action", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid})
    director.post(url, {"action": "shortlist"})
    director.post(reverse("roles:appoint", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}))
    assert Interest.objects.get(trainee=trainee, vacancy=vacancy).status == "appointed"
    role = LeadershipRole.objects.get(trainee=trainee)
    assert (role.title, role.trust, role.vacancy) == (vacancy.title, cast.trust_a, vacancy)


def test_a_candidate_cannot_be_appointed_before_saying_they_are_interested(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    trainee = candidate(region=cast.region_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    match = Match.objects.get(vacancy=vacancy)
    director.post(reverse("roles:appoint", kwargs={"uuid": vacancy.uuid, "match_uuid": match.uuid}))
    assert not LeadershipRole.objects.filter(trainee=trainee).exists()


def test_withdrawn_consent_removes_the_candidate_from_every_directors_view(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    trainee = candidate(region=cast.region_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    url = reverse("roles:candidates", kwargs={"uuid": vacancy.uuid})
    assert "Candidate " in director.get(url).content.decode()
    preferences_withdraw_consent(trainee=trainee)
    assert "No candidates match this role yet" in director.get(url).content.decode()


def test_hostile_text_is_shown_inert(director, cast):
    factories.VacancyFactory(trust=cast.trust_a, title='<script>alert("x")</script>')
    html = director.get(reverse("roles:list")).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;" in html


def test_the_interested_come_first_then_a_page_at_a_time(director, cast, monkeypatch):
    vacancy = open_vacancy(trust=cast.trust_a)
    for _ in range(4):
        candidate(region=cast.region_a, evidence=3)
    keen = candidate(region=cast.region_a, evidence=0)  # the weakest match, but interested
    matching.match_vacancy(vacancy_id=vacancy.pk)
    interest_express(trainee=keen, vacancy=vacancy)
    url = reverse("roles:candidates", kwargs={"uuid": vacancy.uuid})
    monkeypatch.setattr("pipeline.director_views.CANDIDATES_PER_PAGE", 2)

    first = director.get(url).content.decode()
    assert first.index(keen.full_name) < re.search(r"Candidate [0-9A-F]{8}", first).start()
    assert "1 to 2 of 5 candidates" in first and "Page 1 of 3" in first and '?page=2"' in first
    last = director.get(url + "?page=3").content.decode()
    assert "5 to 5 of 5 candidates" in last and keen.full_name not in last
    assert "5 to 5 of 5" in director.get(url + "?page=99").content.decode()  # past the end: the last


@pytest.mark.parametrize("status", [Vacancy.Status.FILLED, Vacancy.Status.CLOSED])
def test_a_role_no_longer_open_shows_who_said_they_were_interested(director, cast, status):
    vacancy = open_vacancy(trust=cast.trust_a)
    appointed, turned_down = candidate(region=cast.region_a), candidate(region=cast.region_a)
    matching.match_vacancy(vacancy_id=vacancy.pk)
    outcomes = ((turned_down, Interest.Status.NOT_SELECTED), (appointed, Interest.Status.APPOINTED))
    for trainee, outcome in outcomes:
        interest_express(trainee=trainee, vacancy=vacancy)
        Interest.objects.filter(trainee=trainee, vacancy=vacancy).update(status=outcome)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
    Match.objects.filter(vacancy=vacancy).delete()  # as the sweep does once a role closes

    html = director.get(reverse("roles:candidates", kwargs={"uuid": vacancy.uuid})).content.decode()
    assert "Who said they were interested" in html and "No candidates match" not in html
    assert html.index(appointed.full_name) < html.index(turned_down.full_name)  # appointed first
    assert appointed.email in html and "Not selected" in html


def test_a_closed_role_nobody_was_interested_in_says_so(director, cast):
    vacancy = open_vacancy(trust=cast.trust_a)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    html = director.get(reverse("roles:candidates", kwargs={"uuid": vacancy.uuid})).content.decode()
    assert "No one said they were interested before it closed." in html
