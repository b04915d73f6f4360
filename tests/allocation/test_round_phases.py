"""A round walked through every phase: what staff, the trainee and the post's director read
about it agrees with its dates, and with what the services allow that day.

Time is moved for real: the pages read today's date, so each phase sets the round's dates
around today (and runs and publishes it through the services), rather than faking a clock.
The expected words and dates are written out here from the dates, not asked of the code."""

import datetime as dt
import html
import re
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from allocation import services
from allocation.models import AllocationRound
from allocation.rules import Phase, in_phase, phase
from pipeline.models import Match
from tests import factories

pytestmark = pytest.mark.django_db

TAG = re.compile(r'<strong class="nhsuk-tag[^"]*"[^>]*>(.*?)</strong>', re.S)


def on(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def text(page: str) -> str:
    """What a person reads: the page without its markup, spaces collapsed."""
    page = re.sub(r"<(script|style|title)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def tags(page: str) -> list[str]:
    return [text(found) for found in TAG.findall(page)]


@dataclass
class Reads:
    """One reader's page: its status tags, its words, and the links and buttons it offers."""

    page: str

    @property
    def tags(self) -> list[str]:
        return tags(self.page)

    @property
    def words(self) -> str:
        return text(self.page)

    def links_to(self, url: str) -> bool:
        return f'href="{url}"' in self.page


def read(client, user, url: str) -> Reads:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return Reads(response.text)


@pytest.fixture
def walk(cast):
    """A round of region A offering one trust A post, still being set up, whose trainee is
    matched to the post's role."""
    post = factories.RoundPostFactory(
        round=factories.RoundFactory(region=cast.region_a, status="draft", name="Autumn"),
        vacancy=factories.VacancyFactory(trust=cast.trust_a, title="Ward flow lead"), places=1)
    Match.objects.create(trainee=cast.trainee, vacancy=post.vacancy, score=60.0, computed_at=timezone.now())
    return post


def set_dates(round: AllocationRound, trainees: int, directors: int) -> tuple[dt.date, dt.date]:
    """Trainees' and directors' last days, as days from today."""
    today = timezone.localdate()
    last = today + dt.timedelta(days=trainees), today + dt.timedelta(days=directors)
    AllocationRound.objects.filter(pk=round.pk).update(trainee_deadline=last[0], director_deadline=last[1])
    round.refresh_from_db()
    return last


def urls(post) -> dict[str, str]:
    round = post.round
    return {"list": reverse("rounds:list"), "detail": reverse("rounds:detail", kwargs={"uuid": round.uuid}),
            "yours": reverse("rounds:yours"), "rank": reverse("rounds:rank", kwargs={"uuid": round.uuid}),
            "outcome": reverse("rounds:outcome", kwargs={"uuid": round.uuid}),
            "posts": reverse("rounds:director-posts"),
            "applicants": reverse("rounds:applicants", kwargs={"uuid": post.uuid}),
            "run": reverse("rounds:run", kwargs={"uuid": round.uuid}),
            "publish": reverse("rounds:publish", kwargs={"uuid": round.uuid}),
            "opportunities": reverse("opportunities:list"),
            "opportunity": reverse("opportunities:opportunity", kwargs={"uuid": post.vacancy.uuid})}


def trainee_may_rank(post, cast) -> bool:
    try:
        services.choices_save(round=post.round, trainee=cast.trainee, posts=[post])
    except ValidationError:
        return False
    return True


def director_may_rank(post, cast) -> bool:
    try:
        services.applicants_rank(post=post, by=cast.director_a, ranks={cast.trainee: 1})
    except ValidationError:
        return False
    return True


def test_being_set_up(client, cast, walk):
    round, url = walk.round, urls(walk)
    trainees, directors = round.trainee_deadline, round.director_deadline
    assert read(client, cast.staff_a, url["list"]).tags == ["Being set up"]
    detail = read(client, cast.staff_a, url["detail"])
    assert detail.tags == ["Being set up"]
    assert (f"Trainees rank posts until {on(trainees)}. Directors then rank applicants from "
            f"{on(trainees + dt.timedelta(days=1))} to {on(directors)}.") in detail.words
    assert detail.links_to(reverse("rounds:open", kwargs={"uuid": round.uuid}))
    # Trainees and directors do not see a round being set up, nor is the role held by it.
    assert "Autumn" not in read(client, cast.trainee_user, url["yours"]).words
    assert "Autumn" not in read(client, cast.director_a, url["posts"]).words
    assert "allocation round" not in read(client, cast.trainee_user, url["opportunity"]).words
    assert not trainee_may_rank(walk, cast)


def test_trainees_ranking_up_to_and_including_their_last_day(client, cast, walk):
    services.round_open(round=walk.round)
    trainees, directors = set_dates(walk.round, 0, 10)  # today is trainees' last day
    directors_from = trainees + dt.timedelta(days=1)
    url = urls(walk)

    detail = read(client, cast.staff_a, url["detail"])
    assert read(client, cast.staff_a, url["list"]).tags == detail.tags == ["Trainees ranking"]
    assert (f"Trainees rank posts until {on(trainees)}. Directors then rank applicants from "
            f"{on(directors_from)} to {on(directors)}.") in detail.words
    assert f"Directors rank applicants {on(directors_from)} to {on(directors)}" in detail.words
    assert not detail.links_to(url["run"])

    yours = read(client, cast.trainee_user, url["yours"])
    assert yours.tags == ["Open for ranking"]
    assert yours.links_to(url["rank"]) and "Rank posts" in yours.words
    rank = read(client, cast.trainee_user, url["rank"])
    assert f"You can change your ranking until {on(trainees)}" in rank.words
    assert "Save your ranking" in rank.words
    assert trainee_may_rank(walk, cast)
    assert "Change your ranking" in read(client, cast.trainee_user, url["yours"]).words

    # Directors read the same dates in their list and on the post's page: from the day after.
    posts = read(client, cast.director_a, url["posts"])
    assert f"{on(directors_from)} to {on(directors)}" in posts.words
    assert f"{on(trainees)} to" not in posts.words
    assert posts.tags == ["Trainees ranking"]
    applicants = read(client, cast.director_a, url["applicants"])
    assert (f"Trainees rank posts until {on(trainees)}. You can rank applicants from "
            f"{on(directors_from)} to {on(directors)}.") in applicants.words
    assert "Save your ranking" not in applicants.words
    assert not director_may_rank(walk, cast)

    # The role is ranked in the round, not answered with "I'm interested": said, with a link.
    for page in (url["opportunity"], url["opportunities"]):
        opportunity = read(client, cast.trainee_user, page)
        assert (f"This role is offered in the allocation round Autumn: rank it there by "
                f"{on(trainees)}.") in opportunity.words
        assert opportunity.links_to(url["rank"])
        assert "I'm interested" not in opportunity.words
    # The role's own closing date is not the round's: the lists name the round instead.
    closes = on(walk.vacancy.closing_date)
    assert f"closes {closes}" not in read(client, cast.trainee_user, url["opportunities"]).words
    roles = read(client, cast.director_a, reverse("roles:list")).words
    assert "In Autumn" in roles and closes not in roles
    assert f"Rank leadership posts in Autumn by {on(trainees)}" in read(
        client, cast.trainee_user, reverse("home")).words


def test_directors_ranking_from_the_day_after_trainees_last_day(client, cast, walk):
    services.round_open(round=walk.round)
    services.choices_save(round=walk.round, trainee=cast.trainee, posts=[walk])
    trainees, directors = set_dates(walk.round, -1, 0)  # today is directors' first and last day
    url = urls(walk)

    detail = read(client, cast.staff_a, url["detail"])
    assert read(client, cast.staff_a, url["list"]).tags == detail.tags == ["Directors ranking"]
    assert (f"Trainees' ranking closed on {on(trainees)}. Directors rank applicants until "
            f"{on(directors)}.") in detail.words
    assert not detail.links_to(url["run"])

    # The "Autumn" defect: open for ranking, and offering a change, after ranking closed.
    yours = read(client, cast.trainee_user, url["yours"])
    assert yours.tags == ["Ranking closed"]
    assert "Open for ranking" not in yours.words and "Change your ranking" not in yours.words
    assert not yours.links_to(url["rank"])
    said = f"Ranking closed on {on(trainees)}. Results are published after {on(directors)}."
    assert said in yours.words
    rank = read(client, cast.trainee_user, url["rank"])
    assert said in rank.words and "Save your ranking" not in rank.words
    assert not trainee_may_rank(walk, cast)

    posts = read(client, cast.director_a, url["posts"])
    assert posts.tags == ["Open for ranking"]
    assert f"{on(directors)} to {on(directors)}" in posts.words  # the one day: today
    applicants = read(client, cast.director_a, url["applicants"])
    assert "Save your ranking" in applicants.words
    assert director_may_rank(walk, cast)
    assert read(client, cast.director_a, reverse("home")).links_to(url["applicants"])

    for page in (url["opportunity"], url["opportunities"]):
        opportunity = read(client, cast.trainee_user, page)
        assert f"This role is offered in the allocation round Autumn. {said}" in opportunity.words
        assert not opportunity.links_to(url["rank"]) and "I'm interested" not in opportunity.words
    assert "Rank leadership posts" not in read(client, cast.trainee_user, reverse("home")).words


def test_ready_to_run_once_directors_ranking_has_closed(client, cast, walk):
    services.round_open(round=walk.round)
    services.choices_save(round=walk.round, trainee=cast.trainee, posts=[walk])
    trainees, directors = set_dates(walk.round, -11, -1)
    url = urls(walk)

    detail = read(client, cast.staff_a, url["detail"])
    assert read(client, cast.staff_a, url["list"]).tags == detail.tags == ["Ready to run"]
    assert f"Ranking of applicants closed on {on(directors)}. The round can now be run." in detail.words
    assert detail.links_to(url["run"])
    assert "ranking has closed, ready to run" in read(client, cast.staff_a, reverse("home")).words

    yours = read(client, cast.trainee_user, url["yours"])
    assert yours.tags == ["Ranking closed"] and not yours.links_to(url["rank"])
    assert f"Ranking closed on {on(trainees)}. Results will be published soon." in yours.words
    assert not trainee_may_rank(walk, cast)

    posts = read(client, cast.director_a, url["posts"])
    assert posts.tags == ["Ranking closed"]
    applicants = read(client, cast.director_a, url["applicants"])
    assert f"Ranking of applicants closed on {on(directors)}." in applicants.words
    assert "Save your ranking" not in applicants.words
    assert not director_may_rank(walk, cast)
    assert not read(client, cast.director_a, reverse("home")).links_to(url["applicants"])

    opportunity = read(client, cast.trainee_user, url["opportunity"])
    assert "This role is offered in the allocation round Autumn. Ranking closed on" in opportunity.words
    assert "I'm interested" not in opportunity.words


def test_run_then_published(client, cast, walk):
    services.round_open(round=walk.round)
    services.choices_save(round=walk.round, trainee=cast.trainee, posts=[walk])
    trainees, _ = set_dates(walk.round, -11, -1)
    services.round_run(round=walk.round, by=cast.staff_a)
    url = urls(walk)

    detail = read(client, cast.staff_a, url["detail"])
    assert read(client, cast.staff_a, url["list"]).tags == detail.tags == ["Run, not yet published"]
    assert detail.links_to(url["publish"]) and not detail.links_to(url["run"])
    yours = read(client, cast.trainee_user, url["yours"])
    assert yours.tags == ["Ranking closed"] and not yours.links_to(url["outcome"])
    assert f"Ranking closed on {on(trainees)}. Results will be published soon." in yours.words
    assert read(client, cast.director_a, url["posts"]).tags == ["Ranking closed"]
    opportunity = read(client, cast.trainee_user, url["opportunity"])
    assert "This role is offered in the allocation round Autumn." in opportunity.words
    assert "I'm interested" not in opportunity.words

    services.round_publish(round=walk.round, by=cast.staff_a)
    detail = read(client, cast.staff_a, url["detail"])
    assert read(client, cast.staff_a, url["list"]).tags == detail.tags == ["Published"]
    yours = read(client, cast.trainee_user, url["yours"])
    assert yours.tags == ["Results published"] and yours.links_to(url["outcome"])
    assert read(client, cast.director_a, url["posts"]).tags == ["Results published"]


@pytest.mark.parametrize(("status", "trainees", "directors", "expected"), [
    ("draft", 10, 20, Phase.SETTING_UP),
    ("open", 0, 10, Phase.TRAINEES_RANKING),
    ("open", -1, 0, Phase.DIRECTORS_RANKING),
    ("open", -2, -1, Phase.READY_TO_RUN),
    ("matched", -2, -1, Phase.RUN),
    ("published", -2, -1, Phase.PUBLISHED),
])
def test_the_phase_and_its_query_agree_on_the_last_days(status, trainees, directors, expected):
    """The home pages find rounds by query; the pages and services read one round's phase."""
    today = timezone.localdate()
    round = factories.RoundFactory(status=status, trainee_deadline=today + dt.timedelta(days=trainees),
                                   director_deadline=today + dt.timedelta(days=directors))
    assert phase(round) is expected
    for each in Phase:
        assert AllocationRound.objects.filter(in_phase(each)).exists() is (each is expected), each
