"""What happens to a role's matches when it closes or is filled (docs/matching.md), an
appointment's rematch, and staff actions reassessing an alumnus."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pipeline import services
from pipeline.matching import services as matching
from pipeline.models import Interest, Match, Stewardship, Vacancy
from pipeline.services import interest_express
from pipeline.stewardship import alumnus_add_note, alumnus_nudge, stewardship_sweep
from pipeline.tasks import rematch_pending_key
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from tests.pipeline.test_stewardship import alumnus_at_risk
from trainees.models import LeadershipRole

pytestmark = pytest.mark.django_db


def matched(cast, interested: int = 1, others: int = 2) -> tuple[Vacancy, list[Match], list[Match]]:
    """An open role of trust A matched to some candidates, `interested` of whom said so."""
    vacancy = open_vacancy(trust=cast.trust_a)
    trainees = [candidate(region=cast.region_a) for _ in range(interested + others)]
    matching.match_vacancy(vacancy_id=vacancy.pk)
    for trainee in trainees[:interested]:
        interest_express(trainee=trainee, vacancy=vacancy)
    rows = list(Match.objects.filter(vacancy=vacancy, trainee__in=trainees))
    assert len(rows) == len(trainees)
    keep = [m for m in rows if m.trainee in trainees[:interested]]
    return vacancy, keep, [m for m in rows if m not in keep]


@pytest.mark.parametrize("change", [services.vacancy_close, services.vacancy_mark_filled])
def test_closing_or_filling_a_role_keeps_only_the_shortlists_matches(client, cast, change):
    vacancy, shortlist, others = matched(cast)
    services.candidate_shortlist(match=shortlist[0])
    change(vacancy=vacancy)
    assert set(Match.objects.filter(vacancy=vacancy)) == set(shortlist)
    assert not Match.objects.filter(pk__in=[m.pk for m in others]).exists()
    assert Interest.objects.get(vacancy=vacancy).status == "shortlisted"  # Interest rows stay
    client.force_login(cast.director_a)  # and the director can still open the candidate
    url = reverse("roles:candidate", kwargs={"uuid": vacancy.uuid, "match_uuid": shortlist[0].uuid})
    assert client.get(url).status_code == 200


def test_appointing_keeps_the_shortlist_and_queues_the_appointees_rematch(cast):
    vacancy, shortlist, _others = matched(cast, interested=2)
    appointee = shortlist[0].trainee
    cache.delete(rematch_pending_key(appointee.pk))
    services.candidate_appoint(match=shortlist[0])
    assert set(Match.objects.filter(vacancy=vacancy)) == set(shortlist)
    assert LeadershipRole.objects.filter(trainee=appointee, vacancy=vacancy).exists()
    assert cache.get(rematch_pending_key(appointee.pk))  # one rematch queued for after commit


def test_the_nightly_rematch_sweeps_roles_closed_any_other_way(cast):
    vacancy, shortlist, others = matched(cast)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    run = matching.rematch_all_foreground()
    assert set(Match.objects.filter(vacancy=vacancy)) == set(shortlist)
    assert run.rows_deleted >= len(others)


def test_a_closed_roles_kept_matches_are_not_rescored(cast):
    vacancy, shortlist, _others = matched(cast)
    services.vacancy_close(vacancy=vacancy)
    Match.objects.filter(pk=shortlist[0].pk).update(score=1.0)
    matching.rematch_trainee(trainee_id=shortlist[0].trainee_id)
    matching.rematch_all_foreground()
    assert Match.objects.get(pk=shortlist[0].pk).score == 1.0  # frozen as when the role closed


@pytest.mark.parametrize("action", ["note", "nudge"])
def test_every_staff_action_reassesses_the_alumnus(cast, action):
    trainee = alumnus_at_risk(region=cast.region_a, user=factories.UserFactory())
    stewardship_sweep()
    assert Stewardship.objects.get(trainee=trainee).status == "at_risk"
    LeadershipRole.objects.create(trainee=trainee, title="Clinical director", organisation="Trust",
                                  start_date=factories.TODAY)  # not through a service: no reassessment
    if action == "note":
        alumnus_add_note(trainee=trainee, by=cast.staff_a, text="Now a clinical director")
    else:
        alumnus_nudge(trainee=trainee, by=cast.staff_a)
    stewardship = Stewardship.objects.get(trainee=trainee)
    assert (stewardship.status, stewardship.reason.split("; ")[1]) == (
        "engaged", "holds a leadership role: Clinical director")
