"""Anonymous means anonymous: before a candidate says they are interested, at least
ANONYMITY_K (5) discoverable trainees of their region fit everything a director sees of
them, on the page and in the API.

The count is worked out here independently of `pipeline.anonymity`: each answer shown is
read off the page, and every discoverable trainee of the region is checked against it
from the database.
"""

import datetime as dt
import random
import uuid
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pipeline import anonymity
from pipeline.matching import services as matching
from pipeline.models import Interest, Match
from reference.models import FrameworkElement, Grade, Specialty
from schemes.models import Scheme
from tests import factories
from tests.clock import TODAY
from tests.pipeline.matching_scenarios import open_vacancy
from trainees.models import LeadershipRole, Project, Trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]
K = 5
SPECIALTIES = ["Anaesthetics", "Cardiology", "General Surgery", "Paediatrics"]
STAGES = {"Foundation training": "foundation", "Core training": "core",
          "Specialty training": "specialty", "GP training": "general_practice"}


class SummaryList(HTMLParser):
    """The (key, value) rows of the page's summary list."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        classes = dict(attrs).get("class") or ""
        if "nhsuk-summary-list__key" in classes:
            self.rows.append(["", ""])
            self._in = "key"
        elif "nhsuk-summary-list__value" in classes:
            self._in = "value"

    def handle_endtag(self, tag) -> None:
        if tag in ("dt", "dd"):
            self._in = None

    def handle_data(self, data) -> None:
        if self._in and self.rows:
            index = 0 if self._in == "key" else 1
            self.rows[-1][index] = (self.rows[-1][index] + " " + data.strip()).strip()


def shown_on_page(client, match) -> dict[str, str]:
    page = client.get(reverse("roles:candidate", kwargs={"uuid": match.vacancy.uuid,
                                                         "match_uuid": match.uuid}))
    assert page.status_code == 200
    parser = SummaryList()
    parser.feed(page.content.decode())
    return dict(parser.rows)


def domains_band(trainee: Trainee) -> str:
    count = len(set(trainee.evidence.filter(element__framework__code="mlcf")
                    .values_list("element__domain__number", flat=True)))
    return {0: "No evidence recorded yet", 5: "Evidence in all 5 of the 5 leadership domains"}.get(
        count, f"Evidence in {'1 or 2' if count <= 2 else '3 or 4'} of the 5 leadership domains")


def fellowship_answer(trainee: Trainee) -> str:
    done = trainee.fellowships.filter(status="completed").order_by("-completed_on").first()
    if done is None:
        return "No completed leadership fellowship"
    kind = "regional" if done.cohort.scheme.scope == Scheme.Scope.REGIONAL else "national"
    when = "within the last year" if (TODAY - done.completed_on).days <= 365 else "more than a year ago"
    return f"Completed a {kind} leadership scheme {when}"


def fits(trainee: Trainee, shown: dict[str, str], vacancy) -> bool:
    """Does this trainee fit every answer shown? "Not shown" fits everyone."""
    wanted = trainee.preferences.sessions_per_week
    offered = vacancy.sessions_per_week
    asked = set(vacancy.specialties.values_list("name", flat=True))
    truth = {
        "Region": trainee.region.name,
        "Stage of training": next(k for k, v in STAGES.items() if v == trainee.grade.stage),
        "Leadership fellowship": fellowship_answer(trainee),
        "Leadership domains": domains_band(trainee),
        "Leadership roles": ("Has held a leadership role" if trainee.leadership_roles.exists()
                             else "No leadership role recorded"),
        "Improvement projects": (
            "Has recorded the outcome of a completed improvement project"
            if trainee.projects.filter(status="completed").exclude(outcome="").exists()
            else "No improvement project outcome recorded"),
        "Sessions a week": ("They want the number of sessions the role offers" if wanted == offered
                            else "They want more sessions a week than the role offers" if wanted > offered
                            else "They want fewer sessions a week than the role offers"),
    }
    for question, answer in shown.items():
        if question == "Match" or answer.startswith("Not shown until"):
            continue
        if question == "Specialty":
            name = trainee.specialty.name
            ok = {"One of the specialties the role asks for": name in asked,
                  "Not one of the specialties the role asks for": bool(asked) and name not in asked,
                  "Not shown, as the role is open to any specialty": not asked}.get(answer, answer == name)
        else:
            ok = truth[question] == answer
        if not ok:
            return False
    return True


def varied_trainee(rng: random.Random, region, regional_cohort, national_cohort) -> Trainee:
    trainee = factories.TraineeFactory(
        region=region, grade=factories.grade(rng.choice(["F2", "CT2", "ST4", "ST6", "GPST3"])),
        specialty=Specialty.objects.get(name=rng.choice(SPECIALTIES)))
    factories.PreferencesFactory(trainee=trainee, sessions_per_week=rng.choice([1, 2, 2, 3]))
    for number in rng.sample(range(1, 6), rng.choice([0, 1, 2, 3, 5])):
        factories.EvidenceFactory(trainee=trainee, element=FrameworkElement.objects.filter(
            framework__code="mlcf", domain__number=number).first())
    fellowship = rng.choice([None, None, "regional", "national"])
    if fellowship:
        cohort = regional_cohort if fellowship == "regional" else national_cohort
        factories.FellowshipFactory(trainee=trainee, cohort=cohort)
    if rng.random() < 0.4:
        LeadershipRole.objects.create(trainee=trainee, title="Rota lead", organisation="Ward 7",
                                      start_date=dt.date(2024, 1, 1))
    if rng.random() < 0.4:
        Project.objects.create(trainee=trainee, title="Handover", aim="Safer handover",
                               outcome="Fewer missed jobs", status=Project.Status.COMPLETED,
                               start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 6, 1))
    return trainee


@pytest.fixture
def varied_pool(cast):
    """40 discoverable trainees of region A, different in every way a director could see."""
    rng = random.Random(20261130)
    regional = factories.CohortFactory(scheme=Scheme.objects.filter(scope=Scheme.Scope.REGIONAL).first(),
                                       start_date=TODAY - dt.timedelta(days=500),
                                       end_date=TODAY - dt.timedelta(days=40))
    national = factories.CohortFactory(start_date=TODAY - dt.timedelta(days=900),
                                       end_date=TODAY - dt.timedelta(days=500))
    for _ in range(40):
        varied_trainee(rng, cast.region_a, regional, national)
    vacancy = open_vacancy(trust=cast.trust_a, min_grade=factories.grade("F1"),
                           max_grade=factories.grade("ST8"), title="Clinical lead for handover",
                           description="Lead safer handover across the trust.")
    vacancy.specialties.set(Specialty.objects.filter(name__in=SPECIALTIES[:2]))
    matching.match_vacancy(vacancy_id=vacancy.pk)
    return vacancy


def pool_of(region) -> list[Trainee]:
    return list(Trainee.objects.filter(region=region, preferences__discoverable=True)
                .select_related("grade", "specialty", "region", "preferences"))


def test_every_anonymous_candidate_on_the_page_fits_at_least_k_trainees(client, cast, varied_pool):
    matches = list(Match.objects.filter(vacancy=varied_pool).select_related("vacancy"))
    assert len(matches) >= 20  # the check below is about many candidates, not a few
    client.force_login(cast.director_a)
    pool = pool_of(cast.region_a)
    detail_shown = 0
    for match in matches:
        shown = shown_on_page(client, match)
        assert "Grade" not in shown and "Email" not in shown
        fitting = sum(fits(t, shown, varied_pool) for t in pool)
        assert fitting >= K, (shown, fitting)
        detail_shown += sum(not a.startswith("Not shown until") for q, a in shown.items() if q != "Match")
    # Not vacuous: much is shown, not only "not shown".
    assert detail_shown >= 2 * len(matches)


def test_the_api_shows_the_same_as_the_page(client, cast, varied_pool):
    client.force_login(cast.director_a)
    api = APIClient()
    api.force_authenticate(cast.director_a)
    results = api.get(reverse("api:match-list"), {"vacancy": str(varied_pool.uuid), "page_size": 100}).json()
    by_uuid = {m.uuid: m for m in Match.objects.filter(vacancy=varied_pool)}
    assert results["results"]
    for row in results["results"]:
        candidate = row["candidate"]
        shown = {d["question"]: d["answer"] for d in candidate["described"]}
        page = shown_on_page(client, by_uuid[uuid.UUID(row["uuid"])])
        page.pop("Match")
        assert shown == page
        assert row["reasons"] == [] and candidate["grade"] == "" and candidate["name"] == ""
        assert candidate["domain_evidence"] == []


def test_an_interested_candidate_is_seen_in_full(client, cast, varied_pool):
    match = Match.objects.filter(vacancy=varied_pool).select_related("trainee__grade").first()
    Interest.objects.create(trainee=match.trainee, vacancy=varied_pool, status=Interest.Status.INTERESTED)
    client.force_login(cast.director_a)
    shown = shown_on_page(client, match)
    assert shown["Grade"] == match.trainee.grade.code
    assert shown["Email"] == match.trainee.email


def test_a_region_with_fewer_than_k_discoverable_trainees_shows_nothing(client, cast):
    """Four discoverable trainees: even their region would narrow it to fewer than five."""
    vacancy = open_vacancy(trust=cast.trust_a)
    for _ in range(4):
        trainee = factories.TraineeFactory(region=cast.region_b)
        factories.PreferencesFactory(trainee=trainee)
        factories.EvidenceFactory(trainee=trainee)
        trainee.preferences.regions.set([cast.region_a])
    matching.match_vacancy(vacancy_id=vacancy.pk)
    matches = list(Match.objects.filter(vacancy=vacancy, trainee__region=cast.region_b))
    assert matches
    client.force_login(cast.director_a)
    for match in matches:
        shown = shown_on_page(client, match)
        assert all(a.startswith("Not shown until") for q, a in shown.items() if q != "Match"), shown



@pytest.mark.parametrize(("facts", "line"), [
    ((("stage", Grade.Stage.SPECIALTY), ("specialty_fit", "any")), "Specialty training"),
    ((("stage", Grade.Stage.CORE), ("specialty_fit", "theirs")),
     "Core training, One of the specialties the role asks for"),
    ((), ""),  # nothing known: the page says "Not shown yet"
])
def test_a_candidates_one_line_summary_keeps_only_what_is_known(facts, line):
    shown = anonymity.Shown(region_shown=False, facts=facts, fits=5)
    assert anonymity.summary(anonymity.described(shown, "North East", {})) == line
