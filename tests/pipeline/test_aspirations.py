"""The kinds of role a trainee wants are a soft part of their matches (issue #19).

Wanting a role's kind lifts it by 5 points over saying nothing, and saying nothing sits
5 points above wanting only other kinds: all else equal, a role of a kind they want ranks
higher, and a trainee who said nothing scores the same whatever the kind of role
(docs/matching.md). Changing the kinds in their preferences queues their rematch.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pipeline.matching import services as matching
from pipeline.models import Interest, Match
from pipeline.tasks import rematch_pending_key
from reference.models import LeadershipRoleType
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from trainees.models import Preferences

pytestmark = pytest.mark.django_db


def kind(code: str) -> LeadershipRoleType:
    return LeadershipRoleType.objects.get(code=code)


def wants(trainee, *codes: str) -> None:
    trainee.preferences.role_types.set([kind(code) for code in codes])


def stored(trainee, vacancy) -> Match:
    return Match.objects.get(trainee=trainee, vacancy=vacancy)


def aspiration(match: Match) -> dict:
    return next(r for r in match.reasons if r["feature"] == "aspiration")


def test_all_else_equal_a_trainee_who_wants_the_roles_kind_ranks_higher():
    region = factories.region()
    vacancy = open_vacancy(trust=factories.TrustFactory(region=region),
                           role_type=kind("clinical-director"))
    wants_it, said_nothing, wants_other = (candidate(region=region) for _ in range(3))
    wants(wants_it, "clinical-director", "project-lead")
    wants(wants_other, "chief-registrar")
    matching.match_vacancy(vacancy_id=vacancy.pk)
    ranked = list(Match.objects.filter(vacancy=vacancy).order_by("-score", "trainee_id")
                  .values_list("trainee_id", "score"))
    assert [t for t, _ in ranked] == [wants_it.pk, said_nothing.pk, wants_other.pk]
    top, middle, bottom = (score for _, score in ranked)
    assert top - middle == pytest.approx(5) and middle - bottom == pytest.approx(5)
    assert [aspiration(stored(t, vacancy))["facts"] for t in (wants_it, said_nothing, wants_other)] == [
        {"wants": "this"}, {"wants": "unsaid"}, {"wants": "other"}]
    assert [aspiration(stored(t, vacancy))["points"] for t in (wants_it, said_nothing, wants_other)] == [
        10.0, 5.0, 0.0]


def test_a_trainees_own_list_puts_the_kinds_they_want_first():
    trainee = candidate()
    trust = factories.TrustFactory(region=trainee.region)
    director = open_vacancy(trust=trust, role_type=kind("clinical-director"))
    lead = open_vacancy(trust=trust, role_type=kind("clinical-lead"))
    matching.rematch_trainee(trainee_id=trainee.pk)
    assert stored(trainee, director).score == stored(trainee, lead).score  # said nothing
    wants(trainee, "clinical-director")
    matching.rematch_trainee(trainee_id=trainee.pk)
    assert stored(trainee, director).score - stored(trainee, lead).score == pytest.approx(10)


def test_a_trainee_who_said_nothing_scores_the_same_for_every_kind_of_role():
    trainee = candidate()
    trust = factories.TrustFactory(region=trainee.region)
    roles = [open_vacancy(trust=trust, role_type=k) for k in LeadershipRoleType.objects.all()]
    assert len(roles) >= 8
    matching.rematch_trainee(trainee_id=trainee.pk)
    matches = [stored(trainee, v) for v in roles]
    assert len({m.score for m in matches}) == 1
    assert {aspiration(m)["points"] for m in matches} == {5.0}


def test_ticking_every_kind_of_role_counts_as_ticking_none():
    """Wanting every kind says no more than saying nothing: no lift over everyone else."""
    region = factories.region()
    vacancy = open_vacancy(trust=factories.TrustFactory(region=region))
    said_nothing, ticked_all = candidate(region=region), candidate(region=region)
    ticked_all.preferences.role_types.set(LeadershipRoleType.objects.all())
    matching.match_vacancy(vacancy_id=vacancy.pk)
    nothing, everything = stored(said_nothing, vacancy), stored(ticked_all, vacancy)
    assert nothing.score == everything.score
    assert aspiration(everything) == {"feature": "aspiration", "points": 5.0, "facts": {"wants": "unsaid"}}
    ticked_all.preferences.role_types.remove(kind("chief-registrar"))  # now a choice
    matching.rematch_trainee(trainee_id=ticked_all.pk)
    assert stored(ticked_all, vacancy).score == pytest.approx(nothing.score + 5)


def preferences_form(*role_types: LeadershipRoleType) -> dict:
    return {"sessions_per_week": "2", "discoverable": "yes", "weekly_roles_email": "yes",
            "role_types": [str(k.pk) for k in role_types]}


@pytest.fixture
def alice_matched(cast):
    """Alice, discoverable and saying nothing about kinds, matched to a clinical director role."""
    factories.PreferencesFactory(trainee=cast.trainee, discoverable_consent_at=timezone.now())
    factories.EvidenceFactory(trainee=cast.trainee)
    vacancy = open_vacancy(trust=cast.trust_a, role_type=kind("clinical-director"))
    matching.match_vacancy(vacancy_id=vacancy.pk)
    return vacancy


def test_changing_the_kinds_of_role_in_preferences_queues_the_rematch(
        client, cast, alice_matched, django_capture_on_commit_callbacks):
    before = stored(cast.trainee, alice_matched)
    assert aspiration(before)["facts"] == {"wants": "unsaid"}
    client.force_login(cast.trainee_user)
    form = client.get(reverse("trainees:preferences")).content.decode()
    assert "Roles of the kinds you tick come higher in your matches" in form
    with django_capture_on_commit_callbacks() as queued:
        page = client.post(reverse("trainees:preferences"),
                           preferences_form(kind("clinical-director")))
    assert page.status_code == 302
    assert cache.get(rematch_pending_key(cast.trainee.pk))  # one rematch, after commit
    assert len(queued) == 1
    assert stored(cast.trainee, alice_matched).score == before.score  # not until it runs
    queued[0]()  # the queued rematch runs (eagerly, as tests run tasks)
    after = stored(cast.trainee, alice_matched)
    assert after.score == pytest.approx(before.score + 5)
    assert aspiration(after) == {"feature": "aspiration", "points": 10.0, "facts": {"wants": "this"}}
    html = client.get(reverse("opportunities:opportunity", kwargs={"uuid": alice_matched.uuid})).content
    assert "You said you want this kind of role" in html.decode()


def test_naming_only_other_kinds_lowers_the_role_below_saying_nothing(
        client, cast, alice_matched, django_capture_on_commit_callbacks):
    before = stored(cast.trainee, alice_matched).score
    client.force_login(cast.trainee_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainees:preferences"), preferences_form(kind("chief-registrar")))
    assert stored(cast.trainee, alice_matched).score == pytest.approx(before - 5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainees:preferences"), preferences_form())
    assert stored(cast.trainee, alice_matched).score == pytest.approx(before)


def test_before_interest_a_director_cannot_read_what_kinds_the_candidate_wants(
        client, cast, alice_matched):
    wants(cast.trainee, "clinical-director")
    matching.rematch_trainee(trainee_id=cast.trainee.pk)
    match = stored(cast.trainee, alice_matched)
    url = reverse("roles:candidate", kwargs={"uuid": alice_matched.uuid, "match_uuid": match.uuid})
    client.force_login(cast.director_a)
    html = client.get(url).content.decode()
    assert "want this kind of role" not in html and "Kind of role" not in html
    api = APIClient()
    api.force_authenticate(cast.director_a)
    [found] = api.get(reverse("api:match-list")).json()["results"]
    assert found["reasons"] == [] and "kind of role" not in str(found).lower()
    Interest.objects.create(trainee=cast.trainee, vacancy=alice_matched,
                            status=Interest.Status.INTERESTED)
    assert "They said they want this kind of role" in client.get(url).content.decode()


def test_saving_preferences_says_whether_directors_can_find_you_now_or_as_before(client, cast):
    Preferences.objects.filter(trainee=cast.trainee).delete()
    client.force_login(cast.trainee_user)

    def told(**changes) -> str:
        page = client.post(reverse("trainees:preferences"), {**preferences_form(), **changes}, follow=True)
        return page.content.decode()

    assert "Trust medical directors can now find you." in told()
    assert "Trust medical directors can find you, as before." in told()
    assert "You are hidden from trust medical directors." in told(discoverable="no")
    assert "Trust medical directors can now find you." in told()
