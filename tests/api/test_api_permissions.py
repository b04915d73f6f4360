"""Every API endpoint and method × every role → the expected status.

The endpoints come from the URL conf (each route's method → action map), so an endpoint
or method added without a row here fails `test_every_endpoint_has_a_row`. Roles an
endpoint is not for get 404, as on the pages; roles that can see an endpoint but not
do an action get 403; anonymous callers get 401. Writes are sent with an empty body, so
an allowed role gets as far as validation (400) or the service's rules (409).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pipeline.models import Interest, Match
from tests import factories
from tests.ideas.helpers import cast_idea
from tests.test_url_permissions import ROLES, _return_plan, round_at_stage

pytestmark = pytest.mark.django_db


def statuses(default: int, **by_role: int) -> dict[str, int]:
    """`default` for every signed-in role unless named; anonymous always 401."""
    return {"anonymous": 401, **dict.fromkeys(ROLES[1:], default), **by_role}


ALL = statuses(200)
A_SIDE = statuses(404, trainee=200, staff_a=200, director_a=200, mentor=200, admin=200)
DARZI = {"scheme_lead": 200}  # the cast trainee's is a Darzi fellowship: the national lead's scheme
DIRECTOR_A_WRITE = statuses(403, director_a=200, director_b=404)
# The plan's sides only: fellow, staff, director.
RETURN_STEP = statuses(403, mentor=404, admin=404, scheme_lead=404)

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("region-list", "get"): ALL,
    ("region-detail", "get"): ALL,
    ("trust-list", "get"): ALL,
    ("trust-detail", "get"): ALL,
    ("scheme-list", "get"): ALL,
    ("scheme-detail", "get"): ALL,
    ("scheme-interest", "post"): statuses(403, trainee=400, other_trainee=400),  # empty body
    ("cohort-list", "get"): statuses(404, staff_a=200, staff_b=200, admin=200),
    ("cohort-detail", "get"): statuses(404, staff_a=200, admin=200),
    ("fellowship-list", "get"): ALL,
    ("fellowship-detail", "get"): A_SIDE | DARZI,
    ("trainee-list", "get"): ALL,
    ("trainee-detail", "get"): A_SIDE | DARZI,
    ("trainee-leadership-interest", "post"): statuses(403, trainee=400, other_trainee=404),  # empty body
    ("trainee-bulk-upsert", "post"): statuses(403, staff_a=400, staff_b=400, admin=400),
    ("vacancy-list", "get"): ALL,
    ("vacancy-list", "post"): statuses(403, director_a=400, director_b=400),
    ("vacancy-detail", "get"): statuses(200, staff_b=404, director_b=404, scheme_lead=404),
    ("vacancy-detail", "put"): statuses(403, director_a=400, director_b=404),
    ("vacancy-detail", "patch"): statuses(403, director_a=200, director_b=404),
    ("vacancy-publish", "post"): statuses(403, director_a=409, director_b=404),  # already open
    ("vacancy-close", "post"): DIRECTOR_A_WRITE,
    ("vacancy-fill", "post"): DIRECTOR_A_WRITE,
    ("match-list", "get"): statuses(404, trainee=200, other_trainee=200, director_a=200, director_b=200),
    ("match-detail", "get"): statuses(404, trainee=200, director_a=200),
    ("match-invite", "post"): statuses(404, trainee=403, other_trainee=403, director_a=409),  # responded
    ("match-shortlist", "post"): statuses(404, trainee=403, other_trainee=403, director_a=200),
    ("match-appoint", "post"): statuses(404, trainee=403, other_trainee=403, director_a=200),
    ("match-not-selected", "post"): statuses(404, trainee=403, other_trainee=403, director_a=200),
    # The cast's role is a post: appointing records it, not confirming they took part.
    ("match-took-part", "post"): statuses(404, trainee=403, other_trainee=403, director_a=409),
    ("interest-list", "get"): statuses(404, trainee=200, other_trainee=200, director_a=200, director_b=200,
                                       admin=200),
    ("interest-list", "post"): statuses(404, trainee=400, other_trainee=400, director_a=403,
                                        director_b=403, admin=403),
    ("interest-detail", "get"): statuses(404, trainee=200, director_a=200, admin=200),
    ("interest-withdraw", "post"): statuses(404, trainee=200, director_a=403, director_b=403, admin=403),
    ("mentor-list", "get"): statuses(200, director_a=404, director_b=404, scheme_lead=404),
    ("mentor-detail", "get"): statuses(404, trainee=200, staff_a=200, mentor=200, admin=200),
    ("mentorship-list", "get"): statuses(404, trainee=200, other_trainee=200, mentor=200),
    ("mentorship-detail", "get"): statuses(404, trainee=200, mentor=200),
    ("mentorship-accept", "post"): statuses(404, trainee=403, other_trainee=403, mentor=409),  # active
    ("mentorship-decline", "post"): statuses(404, trainee=403, other_trainee=403, mentor=409),
    ("round-list", "get"): statuses(200, mentor=404, scheme_lead=404),
    ("round-detail", "get"): statuses(404, trainee=200, staff_a=200, director_a=200, admin=200),
    ("placement-list", "get"): statuses(200, mentor=404, scheme_lead=404),
    # Published alumni stories: for everyone, signed in or not.
    ("showcase-list", "get"): {**ALL, "anonymous": 200},
    ("showcase-detail", "get"): {**ALL, "anonymous": 200},
    # Each alumnus's own story; writes with an empty body get as far as validation.
    ("story-list", "get"): statuses(404, trainee=200, other_trainee=200),
    ("story-list", "post"): statuses(404, trainee=400, other_trainee=400),
    ("story-detail", "get"): statuses(404, trainee=200),
    ("story-detail", "put"): statuses(404, trainee=400),
    ("story-detail", "patch"): statuses(404, trainee=200),
    ("story-publish", "post"): statuses(404, trainee=400),
    ("story-withdraw", "post"): statuses(404, trainee=200),
    # The fellow, their region's staff, and the receiving director once told.
    ("returnplan-list", "get"): statuses(404, trainee=200, other_trainee=200, staff_a=200, staff_b=200,
                                         director_a=200, director_b=200),
    ("returnplan-detail", "get"): statuses(404, trainee=200, staff_a=200, director_a=200),
    # Each side its own steps (the plan returns to trust A; its director has been told; no session
    # yet). Other sides' roles get 403; the other region's or trust's, 404.
    ("returnplan-set-trust", "post"): RETURN_STEP | {"staff_a": 400, "staff_b": 404},  # empty body
    ("returnplan-ask-mentor", "post"): RETURN_STEP | {"staff_a": 400, "staff_b": 404},
    ("returnplan-tell-director", "post"): RETURN_STEP | {"trainee": 409, "other_trainee": 404},  # told
    ("returnplan-agree-session", "post"): RETURN_STEP | {"trainee": 409, "other_trainee": 404},  # none
    ("returnplan-roles-seen", "post"): RETURN_STEP | {"trainee": 200, "other_trainee": 404},
    ("returnplan-propose-session", "post"): RETURN_STEP | {"director_a": 400, "director_b": 404},
    ("returnplan-record-session", "post"): RETURN_STEP | {"director_a": 409, "director_b": 404,
                                                         "staff_a": 409, "staff_b": 404},  # not agreed
    # Ideas: the trainee who shared it, and the receiving trust's directors.
    # Career paths: a trainee's people like them, staff their region, administrators all.
    ("careerpath-list", "get"): statuses(404, trainee=200, other_trainee=200, staff_a=200, staff_b=200,
                                         admin=200),
    ("idea-list", "get"): statuses(404, trainee=200, other_trainee=200, director_a=200, director_b=200),
    ("idea-list", "post"): statuses(404, trainee=400, other_trainee=400, director_a=403, director_b=403),
    ("idea-detail", "get"): statuses(404, trainee=200, director_a=200),
    ("idea-answer", "post"): statuses(404, trainee=403, other_trainee=403, director_a=400),  # empty body
    # The national view: administrators the nation's pipeline; the forecast for administrators
    # (national), staff (their region) and national scheme leads (their schemes).
    ("national-pipeline-list", "get"): statuses(404, admin=200),
    ("forecast-list", "get"): statuses(404, staff_a=200, staff_b=200, admin=200, scheme_lead=200),
}


def api_endpoints() -> set[tuple[str, str]]:
    """(url name, method) for every API route, from the URL conf."""
    found = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and namespace == "api:":
                for method in getattr(pattern.callback, "actions", {}):
                    if method != "head":  # HEAD is GET without the body: same answer
                        found.add((pattern.name, method))

    walk(get_resolver().url_patterns)
    return found


def test_every_endpoint_has_a_row():
    assert api_endpoints() == set(MATRIX), "add a row to MATRIX for each new endpoint and method"


@pytest.fixture
def world(cast):
    """The A side's objects: the cast trainee, interested in a role of trust A, mentored."""
    vacancy = factories.VacancyFactory(trust=cast.trust_a)
    match = Match.objects.create(trainee=cast.trainee, vacancy=vacancy, score=60.0,
                                 computed_at=timezone.now())
    interest = Interest.objects.create(trainee=cast.trainee, vacancy=vacancy, status="interested")
    cohort = factories.CohortFactory(region=cast.region_a)
    fellowship = factories.FellowshipFactory(trainee=cast.trainee, cohort=cohort)
    round = round_at_stage(cast, "published").round
    story = factories.published_story(trainee=cast.trainee, fellowship=fellowship)
    return {"round": round.uuid, "region": cast.region_a.code, "trust": cast.trust_a.uuid,
            "scheme": cohort.scheme.uuid, "cohort": cohort.uuid, "fellowship": fellowship.uuid,
            "trainee": cast.trainee.uuid,
            "vacancy": vacancy.uuid, "match": match.uuid, "interest": interest.uuid,
            "mentor": cast.mentor.uuid, "mentorship": cast.trainee.mentorships.get().uuid,
            "returnplan": _return_plan(cast).uuid, "showcase": story.uuid, "story": story.uuid,
            "idea": cast_idea(cast).uuid}


def url_for(name: str, world: dict) -> str:
    basename = name.partition("-")[0]
    if name.endswith("-list") or name == "trainee-bulk-upsert":
        return reverse(f"api:{name}")
    key = "code" if basename == "region" else "uuid"
    return reverse(f"api:{name}", kwargs={key: world[basename]})


BODIES = {("vacancy-detail", "patch"): {"title": "Clinical lead for patient flow"},
          ("story-detail", "patch"): {"title": "What a year out of training changed"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), sorted(MATRIX))
def test_endpoint_answers_each_role_as_expected(cast, world, name, method, role):
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(cast.users()[role])
    body = BODIES.get((name, method), {}) if method != "get" else None
    response = getattr(client, method)(url_for(name, world), body, format="json")
    assert response.status_code == MATRIX[(name, method)][role], (name, method, response.content[:300])
