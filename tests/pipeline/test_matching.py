"""Matching against the database: eligibility, consent, idempotence, stale rows."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from pipeline.matching import services
from pipeline.models import Interest, Match, MatchRun, Vacancy
from pipeline.services import trainee_request_rematch, vacancy_publish
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy, rows
from trainees.services import preferences_withdraw_consent

pytestmark = pytest.mark.django_db


def matched(vacancy) -> set[int]:
    return set(Match.objects.filter(vacancy=vacancy).values_list("trainee_id", flat=True))


def test_publishing_a_vacancy_stores_its_matches_with_reasons(django_capture_on_commit_callbacks):
    trainee = candidate()
    vacancy = factories.VacancyFactory(status=Vacancy.Status.DRAFT,
                                       trust=factories.TrustFactory(region=trainee.region))
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_publish(vacancy=vacancy)
    match = Match.objects.get(vacancy=vacancy)
    assert match.trainee == trainee
    assert [r["feature"] for r in match.reasons] == [
        "coverage", "experience", "text", "specialty", "sessions", "recency", "aspiration"]
    assert sum(r["points"] for r in match.reasons) == pytest.approx(match.score, abs=1e-9)
    assert {"evidenced": 1, "required": 1} in [r["facts"] for r in match.reasons]


def test_only_drafts_can_be_published():
    vacancy = open_vacancy()
    with pytest.raises(Exception, match="Only a draft can be published"):
        vacancy_publish(vacancy=vacancy)


def test_trainee_without_consent_is_never_matched():
    vacancy = open_vacancy()
    candidate(discoverable=False)
    services.match_vacancy(vacancy_id=vacancy.pk)
    services.rematch_all_foreground()
    assert not Match.objects.exists()


def test_trainee_of_the_wrong_grade_is_never_matched():
    vacancy = open_vacancy(min_grade=factories.grade("ST3"), max_grade=factories.grade("ST5"))
    too_junior, eligible, too_senior = (candidate(grade=g) for g in ("F2", "ST4", "ST7"))
    services.rematch_all_foreground()
    assert matched(vacancy) == {eligible.pk}
    services.rematch_trainee(trainee_id=too_senior.pk)
    services.rematch_trainee(trainee_id=too_junior.pk)
    assert matched(vacancy) == {eligible.pk}


def test_trainee_not_available_by_the_start_is_never_matched():
    vacancy = open_vacancy(start_date=dt.date(2027, 3, 1))
    late = candidate(available_from=dt.date(2027, 3, 2))
    on_time = candidate(available_from=dt.date(2027, 3, 1))
    services.match_vacancy(vacancy_id=vacancy.pk)
    assert matched(vacancy) == {on_time.pk}
    assert late.pk not in matched(vacancy)


def test_region_must_be_acceptable_unless_the_role_is_remote():
    here = factories.region("north-west-london")
    elsewhere = factories.region("north-east")
    local_role = open_vacancy(trust=factories.TrustFactory(region=here))
    remote_role = open_vacancy(trust=factories.TrustFactory(region=here), remote_possible=True)
    far_away = candidate(region=elsewhere)
    willing_to_travel = candidate(region=elsewhere)
    willing_to_travel.preferences.regions.add(here)
    services.rematch_all_foreground()
    assert matched(local_role) == {willing_to_travel.pk}
    assert matched(remote_role) == {far_away.pk, willing_to_travel.pk}


def test_an_appointed_trainee_is_not_matched_to_that_role_again():
    vacancy = open_vacancy()
    appointed = candidate()
    Interest.objects.create(trainee=appointed, vacancy=vacancy, status=Interest.Status.APPOINTED)
    services.rematch_all_foreground()
    assert appointed.pk not in matched(vacancy)


def test_withdrawing_consent_removes_matches_at_once():
    vacancy = open_vacancy()
    trainee = candidate()
    services.match_vacancy(vacancy_id=vacancy.pk)
    assert matched(vacancy) == {trainee.pk}
    preferences_withdraw_consent(trainee=trainee)  # no job needs to run
    assert not Match.objects.filter(trainee=trainee).exists()


def test_running_a_job_again_changes_nothing():
    vacancy = open_vacancy()
    trainees = [candidate(project_text=f"sepsis flow {i}") for i in range(4)]
    services.rematch_all_foreground()
    before = rows()
    assert len(before) == 4
    services.rematch_all_foreground()
    services.match_vacancy(vacancy_id=vacancy.pk)
    services.rematch_trainee(trainee_id=trainees[0].pk)
    assert rows() == before
    last = MatchRun.objects.filter(kind=MatchRun.Kind.TRAINEE).first()
    assert (last.rows_created, last.rows_updated, last.rows_deleted) == (0, 0, 0)


def test_stale_matches_are_removed():
    vacancy = open_vacancy()
    trainee = candidate(grade="ST4")
    services.match_vacancy(vacancy_id=vacancy.pk)
    assert matched(vacancy) == {trainee.pk}
    vacancy.min_grade = factories.grade("ST6")
    vacancy.save()
    run = services.match_vacancy(vacancy_id=vacancy.pk)
    assert matched(vacancy) == set()
    assert run.rows_deleted == 1


def test_an_interrupted_job_leaves_nothing_half_written_and_reruns_cleanly():
    vacancy = open_vacancy()
    trainees = [candidate() for _ in range(3)]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.match_vacancy(vacancy_id=vacancy.pk)
        raise RuntimeError("the worker died here")
    assert not Match.objects.exists()
    services.match_vacancy(vacancy_id=vacancy.pk)
    services.match_vacancy(vacancy_id=vacancy.pk)
    assert matched(vacancy) == {t.pk for t in trainees}
    assert Match.objects.count() == 3


@override_settings(MATCH_TOP_K=2)
def test_only_the_top_k_are_kept_for_a_vacancy_when_trainees_have_better_options():
    best_role = open_vacancy(description="Lead sepsis improvement")
    other_roles = [open_vacancy(description="Lead sepsis improvement") for _ in range(2)]
    trainees = [candidate(project_text="sepsis improvement", evidence=e) for e in (3, 2, 1, 0)]
    services.rematch_all_foreground()
    for role in [best_role, *other_roles]:
        # Every trainee has these three roles: each keeps its top 2 as its own list,
        # and each role keeps its top 2 trainees.
        assert {trainees[0].pk, trainees[1].pk} <= matched(role)
    per_trainee = Match.objects.filter(trainee=trainees[3]).count()
    assert per_trainee == 2


def test_the_engine_never_reads_equality_monitoring():
    vacancy = open_vacancy()
    trainee = candidate()
    with CaptureQueriesContext(connection) as queries:
        services.rematch_all_foreground()
        services.match_vacancy(vacancy_id=vacancy.pk)
        services.rematch_trainee(trainee_id=trainee.pk)
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "equalitymonitoring" in q["sql"].lower()]


def test_text_relevance_ranks_identically_on_every_database():
    """CI runs this on PostgreSQL, `make test` without services on SQLite."""
    vacancy = open_vacancy(title="Sepsis lead",
                           description="Lead sepsis screening in the emergency department")
    unrelated = candidate(project_text="Theatre start times")
    closest = candidate(project_text="Sepsis screening in the emergency department")
    partial = candidate(project_text="Screening for frailty")
    services.match_vacancy(vacancy_id=vacancy.pk)
    ranked = list(Match.objects.filter(vacancy=vacancy).order_by("-score", "trainee_id")
                  .values_list("trainee_id", flat=True))
    assert ranked == [closest.pk, partial.pk, unrelated.pk]


def test_a_burst_of_changes_queues_one_rematch(django_capture_on_commit_callbacks):
    trainee = candidate()
    with django_capture_on_commit_callbacks() as callbacks:
        queued = [trainee_request_rematch(trainee=trainee) for _ in range(10)]
    assert queued.count(True) == 1
    assert len(callbacks) == 1


def test_every_job_records_a_match_run():
    vacancy = open_vacancy()
    trainee = candidate()
    services.match_vacancy(vacancy_id=vacancy.pk)
    services.rematch_trainee(trainee_id=trainee.pk)
    services.rematch_all_foreground()
    kinds = set(MatchRun.objects.values_list("kind", flat=True))
    assert kinds == {"vacancy", "trainee", "full", "chunk"}
    assert not MatchRun.objects.exclude(status=MatchRun.Status.SUCCEEDED).exists()
    full = MatchRun.objects.get(kind="full")
    # The vacancy job already stored the one match: the full run found nothing to change.
    assert full.finished_at and full.thresholds is None
    assert (full.rows_created, full.rows_updated, full.rows_deleted) == (0, 0, 0)


def test_rematch_command_runs_each_scope(capsys):
    vacancy = open_vacancy()
    trainee = candidate()
    call_command("rematch", "--all")
    call_command("rematch", "--vacancy", str(vacancy.uuid))
    call_command("rematch", "--trainee", trainee.gmc_number)
    out = capsys.readouterr().out
    assert "Full rematch" in out and "One vacancy" in out and "One trainee" in out
    assert Match.objects.count() == 1
