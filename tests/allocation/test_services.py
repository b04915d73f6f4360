"""Allocation rounds through their services: set up, rank, run, review, publish."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role, User
from allocation import rules, selectors, services
from allocation.models import Allocation, AllocationRound, ApplicantRank, TraineeChoice
from allocation.record import round_record
from demo.content import DEMO_LOGINS
from demo.reset import reset_demo_data
from demo.seeder import seed_demo
from notifications.models import Notification
from pipeline import services as pipeline_services
from pipeline.models import Interest, Match, Vacancy
from tests import factories
from trainees.models import LeadershipRole

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
Status = AllocationRound.Status


def days(n: int) -> dt.date:
    return TODAY() + dt.timedelta(days=n)


def trainees_in(region, count: int, **fields):
    return [factories.TraineeFactory(region=region, user=factories.UserFactory(), **fields)
            for _ in range(count)]


@pytest.fixture
def ward(cast):
    """An open round in region A with two posts: ward (1 place), theatre (1 place)."""
    round = factories.RoundFactory(region=cast.region_a)
    ward = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
        trust=cast.trust_a, title="Ward flow lead"))
    theatre = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
        trust=cast.trust_a, title="Theatre safety lead"))
    return round, ward, theatre


def close_trainee_ranking(round):
    AllocationRound.objects.filter(pk=round.pk).update(trainee_deadline=days(-1), director_deadline=days(5))
    round.refresh_from_db()


def close_all_ranking(round):
    AllocationRound.objects.filter(pk=round.pk).update(trainee_deadline=days(-10), director_deadline=days(-1))
    round.refresh_from_db()


# -- setting up ------------------------------------------------------------------------

def test_a_round_needs_deadlines_in_order_and_not_past(cast):
    round = AllocationRound(region=cast.region_a, name="R", trainee_deadline=days(-1),
                            director_deadline=days(-2))
    with pytest.raises(ValidationError) as refused:
        services.round_save(round=round, by=cast.staff_a)
    assert refused.value.message_dict == {
        "trainee_deadline": ["The last day for trainees to rank posts must be today or later"],
        "director_deadline": ["The last day for directors to rank applicants must be after the last "
                              "day for trainees"]}


def test_posts_must_be_open_roles_of_the_region_in_no_other_round(cast):
    round = services.round_save(round=AllocationRound(
        region=cast.region_a, name="R", trainee_deadline=days(5), director_deadline=days(9)), by=cast.staff_a)
    mine = factories.VacancyFactory(trust=cast.trust_a)
    other_region = factories.VacancyFactory(trust=cast.trust_b)
    draft = factories.VacancyFactory(trust=cast.trust_a, status=Vacancy.Status.DRAFT)
    elsewhere = factories.RoundPostFactory(round=factories.RoundFactory(region=cast.region_a)).vacancy
    assert list(services.vacancies_offerable(round)) == [mine]
    for bad in (other_region, draft, elsewhere):
        with pytest.raises(ValidationError, match="cannot be offered"):
            services.round_posts_set(round=round, places={bad: 2})
    services.round_posts_set(round=round, places={mine: 3})
    assert round.posts.get().places == 3
    services.round_posts_set(round=round, places={mine: 0})  # 0 leaves it out
    assert not round.posts.exists()


def test_opening_needs_a_post_and_locks_the_set_up(cast):
    round = factories.RoundFactory(region=cast.region_a, status=Status.DRAFT)
    with pytest.raises(ValidationError, match="Add at least one post"):
        services.round_open(round=round)
    post = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(trust=cast.trust_a))
    services.round_open(round=round)
    round.refresh_from_db()
    assert round.status == Status.OPEN and round.opened_at
    # The region's eligible trainee and the post's director are told; region B's trainee is not.
    told = set(Notification.objects.values_list("template", "recipient"))
    assert told == {("round_opened", cast.trainee_user.pk), ("round_opened_director", cast.director_a.pk)}
    with pytest.raises(ValidationError, match="only be changed while"):
        services.round_posts_set(round=round, places={post.vacancy: 2})
    with pytest.raises(ValidationError, match="only be changed while"):
        services.round_save(round=round, by=cast.staff_a)


# -- trainees' rankings -----------------------------------------------------------------

def test_a_trainee_ranks_posts_and_can_change_or_withdraw(cast, ward):
    round, ward_post, theatre = ward
    services.choices_save(round=round, trainee=cast.trainee, posts=[None, theatre, None, ward_post])
    assert [c.post for c in selectors.choices_of(round, cast.trainee)] == [theatre, ward_post]
    assert [c.rank for c in selectors.choices_of(round, cast.trainee)] == [1, 2]  # gaps close up
    services.choices_save(round=round, trainee=cast.trainee, posts=[])
    assert not TraineeChoice.objects.exists()


def test_a_late_ranking_is_refused_and_changes_nothing(cast, ward):
    round, ward_post, theatre = ward
    services.choices_save(round=round, trainee=cast.trainee, posts=[ward_post])
    close_trainee_ranking(round)
    with pytest.raises(ValidationError) as refused:
        services.choices_save(round=round, trainee=cast.trainee, posts=[theatre])
    assert refused.value.messages == [
        f"Ranking closed on {rules.day(days(-1))}. Your choices were not changed."]
    assert [c.post for c in selectors.choices_of(round, cast.trainee)] == [ward_post]


def test_ineligible_rankings_are_refused_with_the_reason(cast, ward):
    round, ward_post, _theatre = ward
    with pytest.raises(ValidationError, match="This round is for trainees in North West London"):
        services.choices_save(round=round, trainee=cast.other_trainee, posts=[ward_post])
    senior = factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(
        trust=cast.trust_a, title="Senior lead", min_grade=factories.grade("ST6")))
    with pytest.raises(ValidationError) as refused:
        services.choices_save(round=round, trainee=cast.trainee, posts=[ward_post, senior, ward_post])
    assert refused.value.message_dict == {
        "choice_2": ["Senior lead is for grades ST6 to ST8; your grade is ST4."],
        "choice_3": ["You have already chosen Ward flow lead: choose each post once"]}
    assert not TraineeChoice.objects.exists()


def test_a_post_for_other_specialties_is_refused(cast, ward):
    round, *_ = ward
    vacancy = factories.VacancyFactory(trust=cast.trust_a, title="Surgical lead")
    vacancy.specialties.set([factories.Specialty.objects.get(name="General Surgery")])
    surgical = factories.RoundPostFactory(round=round, vacancy=vacancy)
    with pytest.raises(ValidationError, match="Surgical lead is for trainees in General Surgery"):
        services.choices_save(round=round, trainee=cast.trainee, posts=[surgical])


def test_a_draft_round_takes_no_rankings(cast):
    post = factories.RoundPostFactory(round=factories.RoundFactory(region=cast.region_a, status=Status.DRAFT))
    with pytest.raises(ValidationError, match="not open for ranking yet"):
        services.choices_save(round=post.round, trainee=cast.trainee, posts=[post])


# -- directors' rankings ----------------------------------------------------------------

def test_directors_rank_only_after_trainees_and_before_their_deadline(cast, ward):
    round, ward_post, _ = ward
    services.choices_save(round=round, trainee=cast.trainee, posts=[ward_post])
    with pytest.raises(ValidationError, match="Applicants can be ranked from"):
        services.applicants_rank(post=ward_post, by=cast.director_a, ranks={cast.trainee: 1})
    close_trainee_ranking(round)
    services.applicants_rank(post=ward_post, by=cast.director_a, ranks={cast.trainee: 4})
    assert list(ApplicantRank.objects.values_list("trainee", "rank")) == [(cast.trainee.pk, 1)]
    close_all_ranking(round)
    with pytest.raises(ValidationError, match="Ranking of applicants closed on"):
        services.applicants_rank(post=ward_post, by=cast.director_a, ranks={})
    assert ApplicantRank.objects.count() == 1


def test_a_director_ranks_only_applicants_and_no_two_alike(cast, ward):
    round, ward_post, _ = ward
    first, second = trainees_in(cast.region_a, 2)
    for trainee in (first, second):
        services.choices_save(round=round, trainee=trainee, posts=[ward_post])
    close_trainee_ranking(round)
    with pytest.raises(ValidationError) as refused:
        services.applicants_rank(post=ward_post, by=cast.director_a,
                                 ranks={first: 1, second: 1, cast.trainee: 2})
    assert refused.value.message_dict == {
        f"rank_{second.uuid}": [f"{second.full_name} and {first.full_name} are both ranked 1"],
        f"rank_{cast.trainee.uuid}": [f"{cast.trainee.full_name} did not apply for this post"]}


def test_the_starting_order_is_best_match_first(cast, ward):
    round, ward_post, _ = ward
    low, high, unmatched = trainees_in(cast.region_a, 3)
    for trainee, score in ((low, 20.0), (high, 80.0)):
        Match.objects.create(trainee=trainee, vacancy=ward_post.vacancy, score=score,
                             computed_at=timezone.now())
    for trainee in (low, high, unmatched):
        services.choices_save(round=round, trainee=trainee, posts=[ward_post])
    assert [a.trainee for a in selectors.applicants_of(ward_post)] == [high, low, unmatched]


# -- running, reviewing, publishing -------------------------------------------------------

@pytest.fixture
def contested(cast, ward):
    """Ann and Bea both want the ward post first; its director prefers Bea. Cal wants only
    the ward post. The theatre post's director does not save a ranking."""
    round, ward_post, theatre = ward
    ann, bea, cal = trainees_in(cast.region_a, 3)
    services.choices_save(round=round, trainee=ann, posts=[ward_post, theatre])
    services.choices_save(round=round, trainee=bea, posts=[ward_post])
    services.choices_save(round=round, trainee=cal, posts=[ward_post])
    close_trainee_ranking(round)
    services.applicants_rank(post=ward_post, by=cast.director_a, ranks={bea: 1, ann: 2, cal: 3})
    close_all_ranking(round)
    return round, ward_post, theatre, ann, bea, cal


def test_the_run_is_refused_until_directors_ranking_closes(cast, ward):
    round, *_ = ward
    with pytest.raises(ValidationError, match="The round can be run from"):
        services.round_run(round=round, by=cast.staff_a)
    assert not Allocation.objects.exists()


def test_running_places_trainees_stably_and_keeps_the_inputs(cast, contested):
    round, ward_post, theatre, ann, bea, cal = contested
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    assert round.status == Status.MATCHED and round.run_by == cast.staff_a
    placed = {a.trainee: (a.post, a.choice) for a in round.allocations.all()}
    assert placed == {ann: (theatre, 2), bea: (ward_post, 1), cal: (None, None)}
    assert round.inputs["starting_order"] == [theatre.pk]
    assert services.round_reproduces(round)
    review = selectors.round_review(round)
    assert (review.trainees, review.placed, review.unplaced, review.unfilled) == (3, 2, 1, 0)
    assert review.by_choice == [(1, 1), (2, 1)]
    with pytest.raises(ValidationError, match="Only a round open for ranking can be run"):
        services.round_run(round=round, by=cast.staff_a)


def test_the_same_inputs_give_the_same_result(cast, contested):
    round = contested[0]
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    first = (round.inputs_digest, sorted(round.allocations.values_list("trainee", "post", "choice")))
    # Run again from scratch on the same rankings: identical inputs and placements.
    Allocation.objects.filter(round=round).delete()
    AllocationRound.objects.filter(pk=round.pk).update(status=Status.OPEN, inputs=None, inputs_digest="")
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    assert (round.inputs_digest, sorted(round.allocations.values_list("trainee", "post", "choice"))) == first


def test_tampered_inputs_do_not_reproduce(cast, contested):
    round = contested[0]
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    round.inputs["places"] = {key: 0 for key in round.inputs["places"]}
    assert not services.round_reproduces(round)


def test_outcomes_are_explained_in_plain_words(cast, contested):
    round, _ward_post, _theatre, ann, _bea, cal = contested
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    ann_outcome = selectors.outcome_for(round, ann)
    assert ann_outcome.headline == (f"You have been placed in your second choice: Theatre safety lead at "
                                    f"{cast.trust_a.name}.")
    assert [line.sentence for line in ann_outcome.choices] == [
        "Its place was filled by applicants its director ranked above you.", "You were placed here."]
    cal_outcome = selectors.outcome_for(round, cal)
    assert cal_outcome.headline.startswith("You have not been placed in this round.")
    assert selectors.outcome_for(round, cast.trainee) is None


def test_an_unranked_applicant_is_told_the_director_did_not_rank_them(cast, ward):
    round, ward_post, _ = ward
    ann, bea = trainees_in(cast.region_a, 2)
    for trainee in (ann, bea):
        services.choices_save(round=round, trainee=trainee, posts=[ward_post])
    close_trainee_ranking(round)
    services.applicants_rank(post=ward_post, by=cast.director_a, ranks={bea: 1, ann: None})
    close_all_ranking(round)
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    assert [line.sentence for line in selectors.outcome_for(round, ann).choices] == [
        "Its director did not rank you, so you could not be placed here."]


def test_publishing_puts_placements_into_portfolios_and_tells_trainees(cast, contested):
    round, ward_post, theatre, ann, bea, _cal = contested
    with pytest.raises(ValidationError, match="must be run"):
        services.round_publish(round=round, by=cast.staff_a)
    services.round_run(round=round, by=cast.staff_a)
    services.round_publish(round=round, by=cast.staff_a)
    round.refresh_from_db()
    assert round.status == Status.PUBLISHED and round.published_by == cast.staff_a
    assert set(LeadershipRole.objects.values_list("trainee", "vacancy")) == {
        (ann.pk, theatre.vacancy_id), (bea.pk, ward_post.vacancy_id)}
    assert set(Interest.objects.values_list("trainee", "status")) == {
        (ann.pk, "appointed"), (bea.pk, "appointed")}
    assert Notification.objects.filter(template="allocation_outcome").count() == 3
    assert set(Vacancy.objects.filter(pk__in=[ward_post.vacancy_id, theatre.vacancy_id]).values_list(
        "status", flat=True)) == {"filled"}
    with pytest.raises(ValidationError, match="already been published"):
        services.round_publish(round=round, by=cast.staff_a)


def test_publishing_records_every_change_in_the_history_by_who_published(cast, contested):
    """Written in bulk, yet each appointment, portfolio role and filled role has its
    history row naming the member of staff who published the round."""
    round, ward_post, theatre, ann, bea, _cal = contested
    services.round_run(round=round, by=cast.staff_a)
    services.round_publish(round=round, by=cast.staff_a)
    appointed = Interest.history.filter(status="appointed")
    assert {(h.trainee_id, h.history_user_id) for h in appointed} == {
        (ann.pk, cast.staff_a.pk), (bea.pk, cast.staff_a.pk)}
    roles = LeadershipRole.history.filter(history_type="+")
    assert {(h.trainee_id, h.history_user_id) for h in roles} == {
        (ann.pk, cast.staff_a.pk), (bea.pk, cast.staff_a.pk)}
    filled = Vacancy.history.filter(status="filled")
    assert {(h.id, h.history_user_id) for h in filled} == {
        (ward_post.vacancy_id, cast.staff_a.pk), (theatre.vacancy_id, cast.staff_a.pk)}


def test_the_record_names_people_and_posts_outside_the_database(cast, contested):
    round, _ward_post, theatre, ann, bea, cal = contested
    services.round_run(round=round, by=cast.staff_a)
    round.refresh_from_db()
    record = round_record(round)
    assert record["round"]["inputs_sha256"] == round.inputs_digest
    ward_row = next(p for p in record["posts"] if p["title"] == "Ward flow lead")
    assert ward_row["ranking"] == [bea.gmc_number, ann.gmc_number, cal.gmc_number]
    assert ward_row["ranked_by"] == "director"
    ann_row = next(t for t in record["trainees"] if t["gmc_number"] == ann.gmc_number)
    assert ann_row["placed_in"] == str(theatre.vacancy.uuid)




def test_the_demo_round_can_be_run_and_published(cast):

    reset_demo_data()
    seed_demo(trainees=150, seed=1)
    staff = User.objects.get(email=DEMO_LOGINS[Role.DEANERY_STAFF])
    demo_trainee = User.objects.get(email=DEMO_LOGINS[Role.TRAINEE]).trainee
    closed = next(r for r in AllocationRound.objects.all() if rules.phase(r) == rules.Phase.READY_TO_RUN)
    assert rules.run_error(closed) is None  # ready to run in a demo
    services.round_run(round=closed, by=staff)
    services.round_publish(round=closed, by=staff)
    closed.refresh_from_db()
    assert selectors.outcome_for(closed, demo_trainee) is not None
    assert services.round_reproduces(closed)


def test_outcome_emails_link_to_the_outcome(cast, contested, django_capture_on_commit_callbacks,
                                            mailoutbox):
    round, _, _, ann, _, cal = contested
    services.round_run(round=round, by=cast.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_publish(round=round, by=cast.staff_a)
    by_address = {message.to[0]: message for message in mailoutbox}
    assert "You have been placed in a leadership post." in by_address[ann.email].body
    assert "You have not been placed in a post this time." in by_address[cal.email].body
    assert f"/rounds/{round.uuid}/outcome/" in by_address[cal.email].alternatives[0][0]


def test_opening_emails_trainees_where_to_rank(cast, django_capture_on_commit_callbacks, mailoutbox):
    round = factories.RoundFactory(region=cast.region_a, status=Status.DRAFT)
    factories.RoundPostFactory(round=round, vacancy=factories.VacancyFactory(trust=cast.trust_a))
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round=round)
    by_address = {message.to[0]: message.body for message in mailoutbox}
    assert f"/rounds/{round.uuid}/rank/" in by_address[cast.trainee.email]
    assert "/rounds/your-posts/" in by_address[cast.director_a.email]


def test_a_role_in_a_running_round_is_filled_by_the_round_only(cast, ward):

    round, ward_post, _ = ward
    vacancy = ward_post.vacancy
    match = factories.MatchFactory(trainee=cast.trainee, vacancy=vacancy)
    for attempt in (lambda: pipeline_services.vacancy_close(vacancy=vacancy),
                    lambda: pipeline_services.vacancy_mark_filled(vacancy=vacancy),
                    lambda: pipeline_services.candidate_invite(match=match, by=cast.director_a),
                    lambda: pipeline_services.candidate_appoint(match=match)):
        with pytest.raises(ValidationError, match=f"offered in the allocation round {round.name}"):
            attempt()
    # Once the round is published, the role is the trust's to manage again.
    AllocationRound.objects.filter(pk=round.pk).update(status=Status.PUBLISHED)
    pipeline_services.vacancy_close(vacancy=vacancy)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "closed"


def test_deadlines_only_move_later_and_trainees_closed_window_stays_closed(cast, ward):
    round, *_ = ward
    t, d = round.trainee_deadline, round.director_deadline
    with pytest.raises(ValidationError) as refused:
        services.round_extend(round=round, trainee_deadline=t - dt.timedelta(days=1), director_deadline=d)
    assert refused.value.message_dict == {
        "trainee_deadline": ["The last day for trainees can only be moved later"]}
    services.round_extend(round=round, trainee_deadline=t + dt.timedelta(days=3),
                          director_deadline=d + dt.timedelta(days=3))
    round.refresh_from_db()
    later = dt.timedelta(days=3)
    assert (round.trainee_deadline, round.director_deadline) == (t + later, d + later)
    close_trainee_ranking(round)
    with pytest.raises(ValidationError, match="so its last day cannot change"):
        services.round_extend(round=round, trainee_deadline=days(10), director_deadline=days(20))
    services.round_extend(round=round, trainee_deadline=round.trainee_deadline, director_deadline=days(20))
    round.refresh_from_db()
    assert round.director_deadline == days(20)
