"""Is it listened to? Each trust's responsiveness to ideas, for its region's staff and, across
every trust, for administrators; a trust with few ideas shows none of its figures."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas import services
from ideas.models import Idea
from ideas.reports import responsiveness
from tests import factories
from tests.ideas.helpers import invite, share

pytestmark = pytest.mark.django_db


def ideas_for(trust, answers: list[tuple[str | None, int]]) -> None:
    """One idea for `trust` per (answer or None, days after sharing it was answered), each
    shared 40 days ago by its own trainee (so every one is past its answer date)."""
    director = factories.UserFactory(role="medical_director", trust=trust)
    for status, after in answers:
        trainee = factories.TraineeFactory(region=trust.region, current_trust=trust)
        idea = share(invite(trainee, trust))
        if status:
            services.idea_answer(idea=idea, status=status, answer="Here is what happened.", by=director)
        shared = timezone.now() - dt.timedelta(days=40)
        Idea.objects.filter(pk=idea.pk).update(
            submitted_at=shared, due_on=timezone.localdate(shared) + dt.timedelta(days=30),
            answered_at=shared + dt.timedelta(days=after) if status else None)


def test_each_trusts_responsiveness_in_its_region(client, cast):
    ideas_for(cast.trust_a, [("tried", 5), ("tried", 10), ("will_try", 20), ("not_for_us", 35), (None, 0)])
    [row] = responsiveness(viewer=cast.staff_a)
    assert (row.trust, row.counted, row.within_target, row.tried, row.median_days) == (
        "Alderbrook Hospitals NHS Trust", 5, 60, 40, 15)
    client.force_login(cast.staff_a)
    page = client.get(reverse("ideas:report")).content.decode()
    assert "app-bar-chart__bar--60" in page  # the chart, and its table
    assert "<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric" in page and "60%" in page


def test_a_trust_with_fewer_than_5_ideas_shows_no_figures(client, cast):
    ideas_for(cast.trust_a, [("tried", 5), ("tried", 10), (None, 0), ("will_try", 3)])
    [row] = responsiveness(viewer=cast.staff_a)
    assert (row.counted, row.within_target, row.tried, row.median_days) == (4, None, None, None)
    client.force_login(cast.staff_a)
    page = client.get(reverse("ideas:report")).content.decode()
    assert page.count("withheld") == 4 and "app-bar-chart__bar" not in page  # 3 figures, and the note


def test_an_idea_still_within_its_answer_date_is_not_counted(cast):
    share(invite(cast.trainee, cast.trust_a))
    assert responsiveness(viewer=cast.staff_a) == []


def test_staff_see_their_region_and_administrators_every_trust(client, cast):
    ideas_for(cast.trust_a, [("tried", 5)] * 5)
    ideas_for(cast.trust_b, [(None, 0)] * 5)
    assert [r.trust for r in responsiveness(viewer=cast.staff_b)] == ["Bramwick Healthcare NHS Trust"]
    assert sorted(r.trust for r in responsiveness(viewer=cast.admin)) == [
        "Alderbrook Hospitals NHS Trust", "Bramwick Healthcare NHS Trust"]
    client.force_login(cast.admin)
    page = client.get(reverse("ideas:report")).content.decode()
    assert "Every trust" in page and "Bramwick Healthcare NHS Trust" in page
