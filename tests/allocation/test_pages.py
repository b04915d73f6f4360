"""The allocation pages: forms put the services' refusals beside the right fields."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from allocation.models import AllocationRound, TraineeChoice
from pipeline.models import Interest, Match
from tests import factories
from tests.pipeline.test_director_journey import role_form
from tests.test_url_permissions import round_at_stage
from trainees.models import PortfolioView

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def date_fields(name: str, day: dt.date) -> dict:
    return {f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year}


def test_staff_create_a_round_with_dates_checked(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("rounds:new")
    refused = client.post(url, {"name": "Fellowships 2027", **date_fields("trainee_deadline", days(-1)),
                                **date_fields("director_deadline", days(5))})
    assert "The last day for trainees to rank posts must be today or later" in refused.text
    saved = client.post(url, {"name": "Fellowships 2027", **date_fields("trainee_deadline", days(5)),
                              **date_fields("director_deadline", days(9))})
    round = AllocationRound.objects.get()
    assert saved.url == reverse("rounds:detail", kwargs={"uuid": round.uuid})
    assert (round.region, round.created_by, round.status) == (cast.region_a, cast.staff_a, "draft")


def test_staff_choose_posts_and_places(client, cast):
    round = factories.RoundFactory(region=cast.region_a, status="draft")
    vacancy = factories.VacancyFactory(trust=cast.trust_a, title="Flow lead")
    client.force_login(cast.staff_a)
    url = reverse("rounds:posts", kwargs={"uuid": round.uuid})
    assert "Places in Flow lead" in client.get(url).text
    assert "must be 50 or fewer" in client.post(url, {str(vacancy.uuid): "51"}).text
    client.post(url, {str(vacancy.uuid): "3"})
    assert round.posts.get().places == 3


def test_a_crafted_ranking_of_an_ineligible_post_says_why(client, cast):
    post = round_at_stage(cast, "open")
    senior = factories.RoundPostFactory(round=post.round, vacancy=factories.VacancyFactory(
        trust=cast.trust_a, title="Senior lead", min_grade=factories.grade("ST7")))
    client.force_login(cast.trainee_user)
    url = reverse("rounds:rank", kwargs={"uuid": post.round.uuid})
    page = client.get(url).text
    assert "Senior lead is for grades ST7 to ST8; your grade is ST4." in page  # shown, not hidden
    response = client.post(url, {"choice_1": str(senior.uuid)})
    assert "Senior lead is for grades ST7 to ST8; your grade is ST4." in response.text
    assert list(TraineeChoice.objects.values_list("post", flat=True)) == [post.pk]  # unchanged


def test_a_late_ranking_is_refused_on_the_page(client, cast):
    post = round_at_stage(cast, "open")
    AllocationRound.objects.filter(pk=post.round.pk).update(trainee_deadline=days(-1))
    client.force_login(cast.trainee_user)
    url = reverse("rounds:rank", kwargs={"uuid": post.round.uuid})
    assert "Ranking closed on" in client.get(url).text
    response = client.post(url, {"choice_1": ""})
    assert "Your choices were not changed." in response.text
    assert TraineeChoice.objects.count() == 1


def test_a_director_ranks_applicants_and_duplicates_are_refused(client, cast):
    post = round_at_stage(cast, "open")
    other = factories.TraineeFactory(region=cast.region_a)
    TraineeChoice.objects.create(round=post.round, trainee=other, post=post, rank=1, chosen_at=timezone.now())
    AllocationRound.objects.filter(pk=post.round.pk).update(trainee_deadline=days(-1))
    client.force_login(cast.director_a)
    url = reverse("rounds:applicants", kwargs={"uuid": post.uuid})
    same = {f"rank_{cast.trainee.uuid}": "1", f"rank_{other.uuid}": "1"}
    assert "are both ranked 1" in client.post(url, same).text
    client.post(url, {f"rank_{cast.trainee.uuid}": "2", f"rank_{other.uuid}": "1"})
    assert list(post.applicant_ranks.values_list("trainee", flat=True)) == [other.pk, cast.trainee.pk]


def test_the_run_page_says_when_it_can_run(client, cast):
    post = round_at_stage(cast, "open")
    client.force_login(cast.staff_a)
    url = reverse("rounds:run", kwargs={"uuid": post.round.uuid})
    page = client.get(url).text
    assert "The round can be run from" in page
    assert "Yes, run it" not in page and 'id="confirm"' not in page  # not offered, only explained
    assert "The round can be run from" in client.post(url).text
    post.round.refresh_from_db()
    assert post.round.status == "open"


def test_review_record_and_outcome_pages(client, cast):
    post = round_at_stage(cast, "published")
    client.force_login(cast.staff_a)
    review = client.get(reverse("rounds:result", kwargs={"uuid": post.round.uuid})).text
    assert "Yes: running the round again on the same rankings gives this result." in review
    post.round.refresh_from_db()
    assert "SHA-256" not in review  # no jargon for staff: the digest stays in the API and the record
    assert post.round.inputs_digest and post.round.inputs_digest[:12] not in review
    record = json.loads(client.get(reverse("rounds:record", kwargs={"uuid": post.round.uuid})).content)
    assert record["trainees"] == [{"gmc_number": cast.trainee.gmc_number, "choices": [str(post.vacancy.uuid)],
                                   "placed_in": str(post.vacancy.uuid)}]
    client.force_login(cast.trainee_user)
    outcome = client.get(reverse("rounds:outcome", kwargs={"uuid": post.round.uuid})).text
    assert "You have been placed in your first choice" in outcome


def test_administrators_can_look_into_rounds_but_not_change_placements(client, cast):
    post = round_at_stage(cast, "matched")
    client.force_login(cast.admin)
    assert client.get(reverse("admin:allocation_allocationround_changelist")).status_code == 200
    round_page = reverse("admin:allocation_allocationround_change", args=[post.round.pk])
    assert client.get(round_page).status_code == 200
    allocation = post.round.allocations.get()
    assert client.get(reverse("admin:allocation_allocation_change", args=[allocation.pk])).status_code == 200
    assert client.post(reverse("admin:allocation_allocation_delete", args=[allocation.pk]),
                       {"post": "yes"}).status_code == 403


def test_hostile_round_and_post_names_are_inert(client, cast):
    hostile = '<script>alert(1)</script>=HYPERLINK("http://x")'
    post = round_at_stage(cast, "published")
    AllocationRound.objects.filter(pk=post.round.pk).update(name=hostile)
    post.vacancy.title = hostile
    post.vacancy.save()
    pages = [(cast.staff_a, reverse("rounds:list")), (cast.staff_a, reverse("rounds:result", kwargs={
        "uuid": post.round.uuid})), (cast.trainee_user, reverse("rounds:yours")),
        (cast.trainee_user, reverse("rounds:outcome", kwargs={"uuid": post.round.uuid})),
        (cast.director_a, reverse("rounds:director-posts"))]
    for user, url in pages:
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html, url
    client.force_login(cast.staff_a)
    record = json.loads(client.get(reverse("rounds:record", kwargs={"uuid": post.round.uuid})).content)
    assert record["round"]["name"] == hostile  # data, not markup


def test_a_director_reads_an_applicants_portfolio_and_the_view_is_logged(client, cast):

    post = round_at_stage(cast, "open")
    factories.EvidenceFactory(trainee=cast.trainee, title="Led the sepsis huddle")
    client.force_login(cast.director_a)
    url = reverse("rounds:applicant", kwargs={"uuid": post.uuid, "trainee_uuid": cast.trainee.uuid})
    html = client.get(url).text
    assert "Led the sepsis huddle" in html and cast.trainee.email in html
    assert PortfolioView.objects.get(trainee=cast.trainee).where.startswith("applicant for")
    # Someone who did not apply for the post is not there to see.
    other = reverse("rounds:applicant", kwargs={"uuid": post.uuid, "trainee_uuid": cast.other_trainee.uuid})
    assert client.get(other).status_code == 404


def test_home_pages_point_each_role_to_what_is_due(client, cast):
    post = round_at_stage(cast, "open")
    client.force_login(cast.trainee_user)
    home = client.get(reverse("home")).text
    assert f'href="/rounds/{post.round.uuid}/rank/"' in home
    assert f"Rank leadership posts in {post.round.name}" in home
    AllocationRound.objects.filter(pk=post.round.pk).update(trainee_deadline=days(-1))
    client.force_login(cast.director_a)
    assert f'href="/rounds/posts/{post.uuid}/applicants/"' in client.get(reverse("home")).text
    AllocationRound.objects.filter(pk=post.round.pk).update(trainee_deadline=days(-3),
                                                            director_deadline=days(-1))
    client.force_login(cast.staff_a)
    assert "ranking has closed, ready to run" in client.get(reverse("home")).text
    client.force_login(cast.trainee_user)
    assert "Rank leadership posts" not in client.get(reverse("home")).text


def test_staff_delete_a_draft_round_after_confirming(client, cast):
    draft = round_at_stage(cast, "draft").round
    opened = round_at_stage(cast, "open").round
    client.force_login(cast.staff_a)
    url = reverse("rounds:delete", kwargs={"uuid": draft.uuid})
    assert "Delete this draft round?" in client.get(url).text
    assert client.post(url).url == reverse("rounds:list")
    assert not AllocationRound.objects.filter(pk=draft.pk).exists()
    # An open round has rankings in it: there is no deleting it.
    assert client.post(reverse("rounds:delete", kwargs={"uuid": opened.uuid})).status_code == 404
    assert AllocationRound.objects.filter(pk=opened.pk).exists()


def test_the_role_page_says_the_round_fills_it(client, cast):
    post = round_at_stage(cast, "open")
    client.force_login(cast.director_a)
    detail = client.get(reverse("roles:detail", kwargs={"uuid": post.vacancy.uuid})).text
    assert f"This role is offered in the allocation round {post.round.name}" in detail
    # What the round blocks is not offered at all (pipeline.rules), only explained.
    for blocked in ("Change the role", "Close the role", "Mark the role as filled"):
        assert blocked not in detail
    for action in ("edit", "close", "fill"):
        assert reverse(f"roles:{action}", kwargs={"uuid": post.vacancy.uuid}) not in detail
    # Reached anyway (a bookmark, the back button): the reason, not a form to fill in first.
    for action, what in (("edit", "changed"), ("close", "closed"), ("fill", "marked filled")):
        page = client.get(reverse(f"roles:{action}", kwargs={"uuid": post.vacancy.uuid})).text
        assert f"cannot be {what} until the round" in page, action
        assert 'id="confirm"' not in page and "novalidate" not in page, action
    refused = client.post(reverse("roles:close", kwargs={"uuid": post.vacancy.uuid}))
    assert refused.status_code == 200 and "cannot be closed until the round" in refused.text
    refused = client.post(reverse("roles:fill", kwargs={"uuid": post.vacancy.uuid}))
    assert refused.status_code == 200 and "cannot be marked filled until the round" in refused.text
    edit = client.post(reverse("roles:edit", kwargs={"uuid": post.vacancy.uuid}), role_form(title="Renamed"))
    assert edit.status_code == 200 and "cannot be changed until the round" in edit.text
    post.vacancy.refresh_from_db()
    assert post.vacancy.title != "Renamed"


def test_a_trainee_is_told_to_rank_a_role_in_a_round_not_offered_interest(client, cast):
    post = round_at_stage(cast, "open")
    Match.objects.get_or_create(trainee=cast.trainee, vacancy=post.vacancy,
                                defaults={"score": 50.0, "computed_at": timezone.now()})
    client.force_login(cast.trainee_user)
    url = reverse("opportunities:opportunity", kwargs={"uuid": post.vacancy.uuid})
    page = client.get(url).text
    assert "interested</button>" not in page and 'value="interested"' not in page
    assert f"This role is offered in the allocation round {post.round.name}: rank it there" in page
    rank = reverse("rounds:rank", kwargs={"uuid": post.round.uuid})
    assert f'href="{rank}"' in page
    listed = client.get(reverse("opportunities:list")).text
    assert f"offered in the allocation round {post.round.name}: rank it there" in listed
    assert f'href="{rank}"' in listed
    # A crafted "I'm interested" is still refused, with the same reason.
    refused = client.post(url, {"action": "interested"})
    assert f"offered in the allocation round {post.round.name}: rank it there" in refused.text
    assert not Interest.objects.filter(vacancy=post.vacancy).exists()
