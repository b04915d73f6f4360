"""A match's reasons are written for whoever reads them (issue #17): the trainee reads
"you" and "your", a medical director "they" and "their"; counts go through ngettext.
A match stores the facts; the words are written when the reason is shown."""

import dataclasses
import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pipeline.matching import services as matching
from pipeline.matching.facts import TraineeFacts, VacancyFacts
from pipeline.matching.reasons import DIRECTOR, FACTS, TRAINEE, sentence_for
from pipeline.models import Interest, Match
from tests import factories
from tests.pipeline.matching_scenarios import open_vacancy

pytestmark = pytest.mark.django_db

TRAINEE_FACTS = TraineeFacts(
    id=1, grade_rank=5, specialty_id=7, home_region_id=1, preferred_region_ids=frozenset(),
    available_from=None, sessions_wanted=2, domain_strength=(0.5, 0.0, 0.0, 0.0, 0.0),
    completed_fellowships=1, months_since_completion=5.4, last_scheme="Darzi Fellowship",
    roles_held=2, projects_with_outcome=1, words=frozenset({"sepsis", "flow"}),
    wanted_role_type_ids=frozenset({4, 6}))
VACANCY_FACTS = VacancyFacts(
    id=1, region_id=1, remote_possible=False, min_rank=1, max_rank=9, start_date=dt.date(2030, 1, 1),
    sessions_offered=3, required_domains=frozenset({1, 2}), specialty_ids=frozenset({7}),
    words=frozenset({"sepsis"}), appointed_trainee_ids=frozenset(), role_type_id=4)
SECOND_PERSON = re.compile(r"\b(you|your)\b", re.IGNORECASE)
THIRD_PERSON = re.compile(r"\b(they|their|wants)\b", re.IGNORECASE)


def sentences(reader, trainee=TRAINEE_FACTS, vacancy=VACANCY_FACTS) -> dict[str, str]:
    """Each reason as stored for the pair, then as the reader is shown it."""
    return {feature: sentence_for({"feature": feature, "points": 0.0, "facts": facts(trainee, vacancy)},
                                  reader)
            for feature, facts in FACTS.items()}


def test_the_trainee_reads_about_themselves_and_a_director_about_the_candidate():
    no_words = dataclasses.replace(TRAINEE_FACTS, words=frozenset())
    other_kinds = dataclasses.replace(TRAINEE_FACTS, wanted_role_type_ids=frozenset({6}))
    unsaid = dataclasses.replace(TRAINEE_FACTS, wanted_role_type_ids=frozenset())
    for trainee in (TRAINEE_FACTS, no_words, other_kinds, unsaid):
        for sentence in sentences(TRAINEE, trainee).values():
            assert not THIRD_PERSON.search(sentence), sentence
        for sentence in sentences(DIRECTOR, trainee).values():
            assert not SECOND_PERSON.search(sentence), sentence
    assert sentences(TRAINEE, no_words)["text"] == (
        "No words in common between your projects and roles and the role description")
    assert sentences(DIRECTOR, no_words)["text"] == (
        "No words in common between their projects and roles and the role description")
    assert sentences(TRAINEE)["specialty"] == "Your specialty is one the role asks for"
    assert sentences(DIRECTOR)["specialty"] == "Their specialty is one the role asks for"
    assert sentences(TRAINEE)["aspiration"] == "You said you want this kind of role"
    assert sentences(DIRECTOR)["aspiration"] == "They said they want this kind of role"
    assert sentences(TRAINEE, other_kinds)["aspiration"] == (
        "Not one of the kinds of role you said you want")
    assert sentences(DIRECTOR, other_kinds)["aspiration"] == (
        "Not one of the kinds of role they said they want")
    assert sentences(TRAINEE, unsaid)["aspiration"] == "You have not picked out any particular kind of role"
    assert sentences(DIRECTOR, unsaid)["aspiration"] == (
        "They have not picked out any particular kind of role")


def test_counts_in_the_reasons_are_singular_for_one_and_plural_for_two():
    one = dataclasses.replace(TRAINEE_FACTS, sessions_wanted=1, roles_held=1, months_since_completion=1.2)
    two = dataclasses.replace(TRAINEE_FACTS, sessions_wanted=2, roles_held=2, completed_fellowships=2,
                              projects_with_outcome=2, months_since_completion=2.5)
    assert sentences(TRAINEE, one)["sessions"] == "You want 1 session a week; the role offers 3"
    assert sentences(DIRECTOR, two)["sessions"] == "They want 2 sessions a week; the role offers 3"
    assert sentences(TRAINEE, one)["experience"] == (
        "You have completed 1 leadership fellowship, held 1 leadership role and recorded the "
        "outcome of 1 completed improvement project")
    assert sentences(DIRECTOR, two)["experience"] == (
        "They have completed 2 leadership fellowships, held 2 leadership roles and recorded the "
        "outcome of 2 completed improvement projects")
    assert sentences(TRAINEE, one)["recency"] == "You completed the Darzi Fellowship 1 month ago"
    assert sentences(DIRECTOR, two)["recency"] == "They completed the Darzi Fellowship 2 months ago"
    one_domain = dataclasses.replace(VACANCY_FACTS, required_domains=frozenset({1}))
    assert sentences(TRAINEE, vacancy=one_domain)["coverage"] == (
        "You have evidence in 1 of the 1 leadership domain the role asks for")
    assert sentences(DIRECTOR)["coverage"] == (
        "They have evidence in 1 of the 2 leadership domains the role asks for")


@pytest.fixture
def match(cast):
    """Alice, discoverable, with a project sharing words with a role of trust A."""
    factories.PreferencesFactory(trainee=cast.trainee, discoverable=True,
                                 discoverable_consent_at=timezone.now())
    factories.EvidenceFactory(trainee=cast.trainee)
    vacancy = open_vacancy(trust=cast.trust_a, title="Sepsis lead",
                           description="Lead sepsis screening across the trust.")
    cast.trainee.projects.create(title="Sepsis screening", aim="Screen for sepsis sooner",
                                 start_date=dt.date(2025, 1, 1))
    matching.match_vacancy(vacancy_id=vacancy.pk)
    return Match.objects.get(trainee=cast.trainee, vacancy=vacancy)


def test_the_trainees_opportunity_pages_speak_to_the_trainee(client, cast, match):
    client.force_login(cast.trainee_user)
    page = client.get(reverse("opportunities:opportunity", kwargs={"uuid": match.vacancy.uuid}))
    html = page.content.decode()
    assert "Why this role matches you: " in html
    assert "Your projects and roles share words with the role: screening, sepsis" in html
    assert "You want 2 sessions a week" in html
    assert "Their projects" not in html and "They want" not in html
    listing = client.get(reverse("opportunities:list")).content.decode()
    assert "You have evidence in 1 of the 1 leadership domain the role asks for" in listing


def interested(match) -> None:
    Interest.objects.create(trainee=match.trainee, vacancy=match.vacancy,
                            status=Interest.Status.INTERESTED)


def test_the_directors_candidate_page_speaks_about_the_candidate(client, cast, match):
    interested(match)
    client.force_login(cast.director_a)
    html = client.get(reverse("roles:candidate", kwargs={"uuid": match.vacancy.uuid,
                                                         "match_uuid": match.uuid})).content.decode()
    assert "Why this candidate matches the role: " in html
    assert "matches you" not in html
    assert "Their projects and roles share words with the role: screening, sepsis" in html
    assert "They want 2 sessions a week" in html
    assert not re.search(r"\b(you|your) (want|have|projects|specialty|completed)\b", html,
                         re.IGNORECASE)


def test_before_interest_a_director_reads_no_words_and_no_parts_of_the_score(client, cast, match):
    """A role written as a list of guesses must not read back a candidate's private titles."""
    client.force_login(cast.director_a)
    html = client.get(reverse("roles:candidate", kwargs={"uuid": match.vacancy.uuid,
                                                         "match_uuid": match.uuid})).content.decode()
    assert "screening" not in html.lower()
    assert "Why this candidate matches the role" not in html
    api = APIClient()
    api.force_authenticate(cast.director_a)
    [found] = api.get(reverse("api:match-list")).json()["results"]
    assert found["reasons"] == [] and "screening" not in str(found).lower()


def test_the_api_gives_each_reader_their_own_sentence(cast, match):
    interested(match)

    def text_reason(user) -> str:
        api = APIClient()
        api.force_authenticate(user)
        [found] = api.get(reverse("api:match-list")).json()["results"]
        return next(r["sentence"] for r in found["reasons"] if r["feature"] == "text")

    assert text_reason(cast.trainee_user).startswith("Your projects and roles")
    assert text_reason(cast.director_a).startswith("Their projects and roles")


def test_a_row_stored_before_reasons_kept_their_facts_still_shows_its_sentence():
    stored = {"feature": "specialty", "points": 10.0, "sentence": "Their specialty is one the role asks for"}
    assert sentence_for(stored, DIRECTOR) == "Their specialty is one the role asks for"
    assert sentence_for(stored, TRAINEE) == "Their specialty is one the role asks for"


def test_the_trainees_data_download_has_the_reasons_in_their_words(client, cast, match):
    client.force_login(cast.trainee_user)
    data = client.get(reverse("trainees:my-data")).content.decode()
    assert "Your projects and roles share words with the role: screening, sepsis" in data
