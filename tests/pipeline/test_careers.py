"""Career paths: the steps alumni took, counted from their records, with small numbers
withheld (docs/careers.md)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pipeline import careers
from pipeline.careers import (
    CLINICAL_DIRECTOR,
    CLINICAL_LEAD,
    NO_LATER_ROLE,
    NO_ROLE_YET,
    OTHER_SCHEMES,
    POOLED,
    Trajectory,
    protect,
    rounded,
    shown_and_pooled,
    tree_of,
)
from schemes.models import Scheme
from tests import factories
from trainees.models import LeadershipRole

pytestmark = pytest.mark.django_db

DONE = dt.date(2023, 8, 31)


def alumnus(*, region=None, grade="ST4", scheme="Darzi Fellowship", roles=(), done=DONE):
    """An alumnus who completed `scheme` on `done`, then started each (kind, months later)."""
    trainee = factories.TraineeFactory(region=region or factories.region(), grade=factories.grade(grade))
    cohort = factories.CohortFactory(scheme=Scheme.objects.get(short_name=scheme),
                                     start_date=done - dt.timedelta(days=365), end_date=done)
    factories.FellowshipFactory(trainee=trainee, cohort=cohort)
    for kind, months in roles:
        LeadershipRole.objects.create(trainee=trainee, title=kind, organisation="Testford",
                                      role_type_id=factories.role_type_id(kind),
                                      start_date=done + dt.timedelta(days=round(months * 30.44)))
    return trainee


def path(*levels: str) -> tuple[str, ...]:
    return ("Darzi Fellowship", *levels)


# -- the paths ------------------------------------------------------------------------------

def test_a_path_follows_the_changes_of_level_after_the_fellowship():
    trainee = alumnus(roles=[("clinical-lead", 3), ("quality-improvement-lead", 10),
                             ("clinical-director", 24), ("associate-medical-director", 40)])
    LeadershipRole.objects.create(trainee=trainee, title="Before", organisation="Testford",
                                  role_type_id=factories.role_type_id("clinical-director"),
                                  start_date=DONE - dt.timedelta(days=100))
    [trajectory] = careers.trajectories(trainee.fellowships.all())
    # A second clinical lead kind is the same level; the role before the fellowship ended is not a step.
    assert trajectory == Trajectory("Darzi Fellowship", (
        (CLINICAL_LEAD, 3), (CLINICAL_DIRECTOR, 21), (careers.ASSOCIATE_MEDICAL_DIRECTOR, 16)))


def test_every_step_s_next_steps_add_up_to_its_people():
    tree = tree_of([Trajectory("A", ((CLINICAL_LEAD, 2),)), Trajectory("A", ()),
                    Trajectory("A", ((CLINICAL_LEAD, 4), (CLINICAL_DIRECTOR, 12)))])
    assert tree.people[("A",)] == 3
    assert tree.people[("A", NO_ROLE_YET)] == 1
    assert tree.people[("A", CLINICAL_LEAD, NO_LATER_ROLE)] == 1
    for parent, children in tree.children.items():
        assert sum(tree.people[c] for c in children) == tree.people[parent]


# -- withholding small numbers -------------------------------------------------------------

@pytest.mark.parametrize("counts", [
    [9, 3, 1], [5, 5, 4], [12, 6, 2, 2], [7, 1], [20, 5, 5, 5, 1], [6], [30, 4, 4, 4, 4], [5, 1, 1, 1, 1, 1],
])
def test_what_is_pooled_is_never_a_small_number(counts):
    by_path = {(f"step {i}",): n for i, n in enumerate(counts)}
    shown, pooled = shown_and_pooled(by_path)
    assert all(by_path[p] >= 5 for p in shown)
    assert pooled == 0 or pooled >= 5
    assert sum(by_path[p] for p in shown) + pooled == sum(counts)


def test_fewer_than_5_people_show_nothing():
    assert protect(tree_of([Trajectory("A", ((CLINICAL_LEAD, 1),))] * 4)) == []


def test_a_small_step_is_pooled_with_the_smallest_shown_step():
    people = ([Trajectory("A", ((CLINICAL_LEAD, 2),))] * 9 + [Trajectory("A", ((CLINICAL_DIRECTOR, 2),))] * 5
              + [Trajectory("A", ())] * 2)
    steps = {s.path: s for s in protect(tree_of(people))}
    assert ("A", CLINICAL_DIRECTOR) not in steps and ("A", NO_ROLE_YET) not in steps
    assert steps[("A", POOLED)].people == rounded(7)
    assert steps[("A", CLINICAL_LEAD)].people == rounded(9)


def test_rounded_counts_cannot_be_subtracted_to_find_a_small_group():
    # Two views that count almost the same people (a region, a scheme): however many the
    # larger has, the difference of what they show is a multiple of 5, never the true 1 to 4.
    for smaller in range(5, 60):
        for extra in range(1, 5):
            assert rounded(smaller + extra) - rounded(smaller) != extra
            assert abs(rounded(smaller) - smaller) <= 2


def test_no_shown_step_or_median_stands_for_fewer_than_5_people(cast):
    for _ in range(7):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2), ("clinical-director", 20)])
    for _ in range(3):
        alumnus(region=cast.region_a, roles=[("associate-medical-director", 5)])
    for _ in range(5):
        alumnus(region=cast.region_a)
    alumnus(region=cast.region_a, scheme="Paired Learning")
    for _ in range(5):  # shown alone, but pooled with the one above: a pool of 1 would give them away
        alumnus(region=cast.region_a, scheme="NMDCF Scheme")
    tree = tree_of(careers.trajectories(careers.Fellowship.objects.filter(trainee__region=cast.region_a)))
    for step in careers.for_region(cast.region_a).steps:
        assert tree.people[step.path] >= 5 if step.name not in (POOLED, OTHER_SCHEMES) else step.people >= 5
        if step.median_months is not None:
            assert len(tree.months[step.path]) >= 5
    shown = {s.path for s in careers.for_region(cast.region_a).steps}
    assert path(CLINICAL_LEAD, CLINICAL_DIRECTOR) in shown
    assert path(careers.ASSOCIATE_MEDICAL_DIRECTOR) not in shown
    assert ("Paired Learning",) not in shown and ("NMDCF Scheme",) not in shown
    assert (OTHER_SCHEMES,) in shown


def test_the_median_months_between_steps(cast):
    for months in (1, 2, 3, 4, 30):
        alumnus(region=cast.region_a, roles=[("clinical-lead", months)])
    steps = {s.path: s for s in careers.for_region(cast.region_a).steps}
    assert steps[path(CLINICAL_LEAD)].median_months == 3


def test_trainees_see_their_scheme_and_stage_and_staff_their_region(cast):
    for _ in range(6):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2)])
    for _ in range(6):
        alumnus(region=cast.region_b, roles=[("clinical-director", 2)])
    for _ in range(6):  # core trainees: not like Alice (specialty training)
        alumnus(region=cast.region_a, grade="CT2", roles=[("project-lead", 2)])
    factories.FellowshipFactory(trainee=cast.trainee, status="active", completed_on=None)
    trainee_view = {s.path: s.people for s in careers.for_trainee(cast.trainee).steps}
    assert trainee_view[path(CLINICAL_LEAD)] == 5 and trainee_view[path(CLINICAL_DIRECTOR)] == 5
    assert trainee_view[path()] == 10
    staff_view = {s.path: s.people for s in careers.for_region(cast.region_a).steps}
    assert staff_view[path()] == 10 and staff_view[path(CLINICAL_LEAD)] == 10
    assert path(CLINICAL_DIRECTOR) not in staff_view
    assert careers.national().people == 20


def test_trainee_and_staff_views_of_nearly_the_same_people_differ_by_no_small_number(cast):
    # Region A's Darzi alumni: 8 in specialty training, 2 in core. Alice (specialty training)
    # sees the 8; staff of region A see all 10. Shown exactly, 10 - 8 would give the 2 away.
    for _ in range(8):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2)])
    for _ in range(2):
        alumnus(region=cast.region_a, grade="CT2", roles=[("clinical-lead", 2)])
    factories.FellowshipFactory(trainee=cast.trainee, status="active", completed_on=None)
    trainee_view = {s.path: s.people for s in careers.for_trainee(cast.trainee).steps}
    staff_view = {s.path: s.people for s in careers.for_region(cast.region_a).steps}
    for step in (path(), path(CLINICAL_LEAD)):
        assert staff_view[step] - trainee_view[step] not in (1, 2, 3, 4)


# -- the page ---------------------------------------------------------------------------------

def numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\w.-])(\d+)(?![\w.-])", text)]


def test_the_page_shows_the_table_and_the_diagram_s_data(client, cast):
    for _ in range(6):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2)])
    client.force_login(cast.staff_a)
    html = client.get(reverse("careers")).content.decode()
    assert "Darzi Fellowship, then Clinical lead" in html
    assert 'id="career-flow"' in html and 'aria-hidden="true"' in html
    table = html[html.index("<table"):html.index("</table>")]
    assert all(n >= 5 for n in numbers_in(re.sub(r"<[^>]+>", " ", table)) if n not in (2,))


def test_only_small_schemes_are_not_enough(cast):
    for scheme in ("Darzi Fellowship", "Paired Learning", "MLP"):
        for _ in range(2):
            alumnus(region=cast.region_a, scheme=scheme)
    assert careers.for_region(cast.region_a).steps == []


def test_the_page_says_when_there_are_not_enough_people_yet(client, cast):
    for _ in range(4):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2)])
    client.force_login(cast.staff_a)
    html = client.get(reverse("careers")).content.decode()
    assert 'id="careers-empty"' in html and "career-flow" not in html and "<table" not in html


def test_the_api_answers_what_the_page_shows(cast):
    for _ in range(6):
        alumnus(region=cast.region_a, roles=[("clinical-lead", 2), ("clinical-director", 14)])
    for _ in range(2):
        alumnus(region=cast.region_a, roles=[("associate-medical-director", 2)])
    for _ in range(5):  # pooled with the 2 above, so that the clinical leads can be shown
        alumnus(region=cast.region_a)
    client = APIClient()
    client.force_authenticate(cast.staff_a)
    answer = client.get(reverse("api:careerpath-list")).json()
    page = careers.for_region(cast.region_a)
    assert answer["counted"] == page.counted and answer["people"] == page.people
    assert [(tuple(s["path"]), s["people"], s["median_months"]) for s in answer["steps"]] == [
        (s.path, s.people, s.median_months) for s in page.steps]
    assert all(s["people"] >= 5 for s in answer["steps"])
    assert path(CLINICAL_LEAD, CLINICAL_DIRECTOR) in [tuple(s["path"]) for s in answer["steps"]]
