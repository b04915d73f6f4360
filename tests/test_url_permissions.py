"""Every page URL × every role → the expected status.

The list of URLs comes from the URL conf, so a new URL without a row here fails
`test_every_url_has_a_row`. Objects outside a viewer's scope answer 404.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.account_requests import account_request_make
from accounts.invitations import invitation_send
from accounts.models import Role
from accounts.tokens import token_create
from allocation import services
from imports.models import ImportBatch
from mentoring.models import MentorRequest, Mentorship
from pipeline.models import Match, ReturnPlan
from tests import factories
from tests.ideas.helpers import cast_idea
from trainees.models import LeadershipRole, Project, Qualification

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "trainee", "other_trainee", "staff_a", "staff_b", "director_a",
         "director_b", "mentor", "admin", "scheme_lead"]
SIGNED_IN = ROLES[1:]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(allowed: dict[str, int]) -> dict[str, int]:
    """Signed-in roles not listed get 404; anonymous visitors are sent to sign in."""
    return {**signed_in(404), **allowed}


TRAINEES_OWN_PAGE = only({"trainee": 200, "other_trainee": 200})  # each sees their own
TRAINEE_ITEM = only({"trainee": 200})  # the cast trainee's item: 404 to the other trainee

# url name → {role: status} for GET. Object URLs get their kwargs from OBJECT_KWARGS.
MATRIX: dict[str, dict[str, int]] = {
    "home": everyone(200),  # anonymous visitors: the start page
    "healthz": everyone(200),
    "account_login": signed_in(302, anonymous=200),  # signed in: sent home
    "account_logout": everyone(405),  # POST only
    "account_inactive": everyone(200),
    "account_reauthenticate": signed_in(200),
    "account_change_password": signed_in(200),
    "account_set_password": signed_in(302),  # everyone in the cast has a password: sent to change it
    "account_reset_password": everyone(200),
    "account_reset_password_done": everyone(200),
    "account_reset_password_from_key": everyone(200),  # a made-up key: "This link does not work"
    "account_reset_password_from_key_done": everyone(200),
    "mfa_index": signed_in(200),
    "openid_connect_login": everyone(200),  # "Sign in with …": a POST starts it
    "openid_connect_callback": everyone(401),  # without the provider's answer: refused
    "socialaccount_login_cancelled": everyone(200),
    "socialaccount_login_error": everyone(401),
    "mfa_authenticate": signed_in(302),  # only while signing in: sent home
    "mfa_reauthenticate": signed_in(302),  # no authenticator: confirm with the password instead
    "mfa_activate_totp": signed_in(302),  # confirm it is you first (then 200: test_two_factor.py)
    "mfa_generate_recovery_codes": signed_in(302),  # the same
    "mfa_deactivate_totp": signed_in(404),  # no authenticator to remove
    "mfa_view_recovery_codes": signed_in(404),  # no codes yet
    "mfa_download_recovery_codes": signed_in(404),
    "accounts:account": signed_in(200),
    "accounts:token-revoke": only({"trainee": 200}),  # the trainee's own token: 404 to anyone else
    "accounts:my-data": signed_in(200),  # everyone's own data
    "accounts:delete-account": signed_in(200),  # everyone's own account
    "accounts:lockouts": only({"admin": 200}),
    "accounts:lockout-unlock": only({"admin": 200}),
    "api-docs": everyone(200),
    "api-schema": everyone(200),
    "path": TRAINEES_OWN_PAGE,
    # Career paths: people like the trainee, staff their region, administrators every region.
    "careers": only({"trainee": 200, "other_trainee": 200, "staff_a": 200, "staff_b": 200, "admin": 200}),
    "trainees:portfolio": TRAINEES_OWN_PAGE,
    "trainees:portfolio-print": TRAINEES_OWN_PAGE,
    "trainees:portfolio-pdf": TRAINEES_OWN_PAGE,
    "trainees:preferences": TRAINEES_OWN_PAGE,
    "opportunities:list": TRAINEES_OWN_PAGE,
    "trainees:my-data": TRAINEES_OWN_PAGE,
    "trainees:viewers": TRAINEES_OWN_PAGE,
    "trainees:equality": TRAINEES_OWN_PAGE,
    "trainees:delete-account": only({"trainee": 302, "other_trainee": 302}),  # to accounts:delete-account
    "opportunities:opportunity": TRAINEE_ITEM,
    **{f"trainees:{kind}-add": TRAINEES_OWN_PAGE
       for kind in ("evidence", "projects", "qualifications", "roles")},
    **{f"trainees:{kind}-{action}": TRAINEE_ITEM
       for kind in ("evidence", "projects", "qualifications", "roles")
       for action in ("edit", "delete")},
}
DIRECTORS = only({"director_a": 200, "director_b": 200})
TRUST_A_ROLE = only({"director_a": 200})  # trust A's role: 404 to trust B's director
MATRIX |= {
    "roles:list": DIRECTORS,
    "roles:new": DIRECTORS,
    **{f"roles:{name}": TRUST_A_ROLE
       for name in ("detail", "edit", "publish", "close", "fill", "candidates", "candidate", "appoint")},
    "roles:candidate-action": only({"director_a": 405}),  # POST only
}
MATRIX |= {
    "alumni:list": only({"staff_a": 200, "staff_b": 200}),
    "alumni:detail": only({"staff_a": 200}),  # region A's alumnus: 404 to region B's staff
    "alumni:action": only({"staff_a": 405}),  # POST only
    "alumni:imports": only({"staff_a": 200, "staff_b": 200}),
    "alumni:import": only({"staff_a": 200}),  # region A's upload: 404 to region B's staff
    "alumni:report": only({"staff_a": 200, "staff_b": 200}),  # each their own region's
    "alumni:report-download": only({"staff_a": 200, "staff_b": 200}),
    "mentoring:ask": only({"trainee": 302, "other_trainee": 200}),  # an open request: sent to it
    "mentoring:request": TRAINEE_ITEM,
    "mentoring:mentorship": only({"trainee": 200, "mentor": 200}),  # the pair alone
    "mentoring:mentorship-action": only({"trainee": 405, "mentor": 405}),  # POST only
    "mentoring:mentorship-decline": only({"mentor": 200}),  # the mentor's question alone
    "mentoring:profile": only({"mentor": 200}),
    # Staff: their region's fellows; trainees: the catalogue; administrators: the facts.
    "schemes:list": only({"trainee": 200, "other_trainee": 200, "staff_a": 200, "staff_b": 200,
                          "admin": 200}),
    "schemes:scheme": only({"trainee": 200, "other_trainee": 200, "staff_a": 200, "staff_b": 200,
                            "admin": 200}),
    # The Darzi Fellowship recruits in London: region A's staff correct it, not region B's.
    "schemes:scheme-edit": only({"staff_a": 200, "admin": 200}),
    "schemes:scheme-interest": only({"trainee": 405, "other_trainee": 405}),  # POST only
    "schemes:leadership-interest": only({"trainee": 200, "other_trainee": 200}),
    "schemes:cohort-new": only({"staff_a": 200, "staff_b": 200}),
    "schemes:cohort": only({"staff_a": 200}),  # region A's cohort
    "schemes:cohort-mentors": only({"staff_a": 200}),
    **{f"schemes:fellowship-{action}": only({"staff_a": 200})
       for action in ("activate", "complete", "withdraw")},
}
STAFF_A = only({"staff_a": 200})  # region A's round: 404 to region B's staff
MATRIX |= {
    "rounds:list": only({"staff_a": 200, "staff_b": 200}),
    "rounds:new": only({"staff_a": 200, "staff_b": 200}),
    **{f"rounds:{name}": STAFF_A
       for name in ("detail", "edit", "posts", "delete", "open", "extend", "run", "result", "record",
                    "publish")},
    "rounds:yours": TRAINEES_OWN_PAGE,
    "rounds:rank": TRAINEE_ITEM,  # region A's round: 404 to region B's trainee
    "rounds:outcome": TRAINEE_ITEM,  # the trainee's own outcome
    "rounds:director-posts": DIRECTORS,
    "rounds:applicants": TRUST_A_ROLE,
    "rounds:applicant": TRUST_A_ROLE,  # an applicant to trust A's post
}
MATRIX |= {
    # The fellow, their region's staff, and the receiving trust's director once told.
    "returns:list": only({"trainee": 200, "other_trainee": 200, "staff_a": 200, "staff_b": 200,
                          "director_a": 200, "director_b": 200}),
    "returns:plan": only({"trainee": 200, "staff_a": 200, "director_a": 200}),
    "returns:action": only({"trainee": 405, "staff_a": 405, "director_a": 405}),  # POST only
}
MANAGERS = only({"staff_a": 200, "staff_b": 200, "admin": 200})
MATRIX |= {
    # Staff see the people of their region (the cast trainee is region A's), administrators everyone.
    "people:list": only({"staff_a": 200, "staff_b": 200, "admin": 200}),
    "people:person": only({"staff_a": 200, "admin": 200}),
    "people:deactivate": only({"staff_a": 200, "admin": 200}),
    "people:reactivate": only({"staff_a": 200, "admin": 200}),  # a closed account of region A
    # Alumni stories: for everyone, signed in or not; each alumnus's own; region A's staff
    # take down the stories of region A's alumni.
    "showcase:list": everyone(200),
    "showcase:your-story": TRAINEES_OWN_PAGE,  # the other trainee is told they cannot write one yet
    "showcase:publish": only({"trainee": 200, "other_trainee": 302}),  # no story yet: sent to write it
    "showcase:withdraw": only({"trainee": 405, "other_trainee": 405}),  # POST only
    "showcase:take-down": only({"staff_a": 200}),
    # The trainee who shared it; the receiving trust's directors (its improvement lead among them).
    "ideas:list": only({"trainee": 200, "other_trainee": 200, "director_a": 200, "director_b": 200}),
    "ideas:new": TRAINEE_ITEM,  # the cast trainee's invitation
    "ideas:dismiss": only({"trainee": 405}),  # POST only
    "ideas:idea": only({"trainee": 200, "director_a": 200}),
    "ideas:action": only({"trainee": 405, "director_a": 405}),  # POST only
    "ideas:opportunity": only({"director_a": 200}),  # the receiving trust's: offered as a short project
    "ideas:lead": DIRECTORS,
    "ideas:report": only({"staff_a": 200, "staff_b": 200, "admin": 200}),  # region's; national
    "accounts:invitations": MANAGERS,  # staff: their region's; administrators: all
    "accounts:invite": MANAGERS,
    "accounts:invitation-resend": only({"staff_a": 405, "admin": 405}),  # POST only; region A's
    "accounts:invitation-revoke": only({"staff_a": 200, "admin": 200}),  # region A's invitation
    "accounts:invitation": everyone(404),  # a made-up link: "This link does not work"
    "accounts:ask": everyone(200),
    "accounts:asked": everyone(200),
    "accounts:account-requests": only({"staff_a": 200, "staff_b": 200}),
    "accounts:account-request": only({"staff_a": 200}),  # region A's request
    "accounts:account-request-refuse": only({"staff_a": 200}),
    "trainees:claim": only({"trainee": 302, "other_trainee": 302}),  # no record to claim: sent home
    "alumni:import-invite": only({"staff_a": 200}),  # region A's upload
}
MATRIX |= {
    # The national view: administrators the nation's pipeline; the forecast for administrators
    # (national), staff (their region) and the Darzi Fellowship's national lead (their scheme);
    # the lead's fellows in every region (the cast trainee is a Darzi alumnus).
    "national:pipeline": only({"admin": 200}),
    "national:pipeline-download": only({"admin": 200}),
    "national:forecast": only({"staff_a": 200, "staff_b": 200, "admin": 200, "scheme_lead": 200}),
    "national:forecast-download": only({"staff_a": 200, "staff_b": 200, "admin": 200, "scheme_lead": 200}),
    "national:fellows": only({"scheme_lead": 200}),
    "national:fellow": only({"scheme_lead": 200}),
}
ADMIN_ONLY = {**signed_in(302), "admin": 200}  # others are sent to the admin sign-in


def trainee_objects(cast) -> dict[str, object]:
    """One of each object the cast trainee owns, for URLs that name an object."""
    trainee, day = cast.trainee, dt.date(2025, 1, 1)
    # Matched, so discoverable: a rematch (an allocation round's appointment queues one) keeps
    # the match of a trainee who agreed to be found, and removes it otherwise.
    factories.PreferencesFactory(trainee=trainee)
    vacancy = factories.VacancyFactory(trust=cast.trust_a)
    Match.objects.create(trainee=trainee, vacancy=vacancy, score=50.0, computed_at=timezone.now())
    alumnus_fellowship = factories.FellowshipFactory(trainee=trainee)
    return {
        "evidence": factories.EvidenceFactory(trainee=trainee),
        "projects": Project.objects.create(trainee=trainee, title="Flow", aim="Better flow",
                                           start_date=day),
        "qualifications": Qualification.objects.create(
            trainee=trainee, title="PGCert", kind="certificate", awarding_body="A university",
            awarded_on=day),
        "roles": LeadershipRole.objects.create(trainee=trainee, title="Chief registrar",
                                               organisation="Trust", start_date=day),
        "opportunity": vacancy,
        "alumnus": alumnus_fellowship.trainee,
        "story": factories.published_story(trainee=trainee, fellowship=alumnus_fellowship),
        "return_plan": _return_plan(cast),
        "cohort": factories.CohortFactory(region=cast.region_a),
        "mentor_request": MentorRequest.objects.create(trainee=trainee, goals="Grow as a leader"),
        "mentorship": Mentorship.objects.get(trainee=trainee, mentor=cast.mentor),
        "token": token_create(user=cast.trainee_user, name="Nightly export")[0],
        "lockout": AccessAttempt.objects.create(
            username=cast.mentor_user.email, ip_address="192.0.2.10", user_agent="Firefox", http_accept="*/*",
            path_info="/accounts/sign-in/", get_data="", post_data="", failures_since_start=5),
        "invitation": invitation_send(by=cast.staff_a, email="new.mentor@nhs.example", first_name="Nia",
                                      last_name="Mensah", role=Role.MENTOR, region=cast.region_a),
        "account_request": account_request_make(first_name="Cai", last_name="Jones", email="cai@nhs.example",
                                                gmc_number="7654321", region=cast.region_a),
        "import": ImportBatch.objects.create(region=cast.region_a, filename="t.csv", content=b"",
                                             status=ImportBatch.Status.FAILED),
        "closed_account": _closed_account(cast),
        "idea": cast_idea(cast),
        "cast": cast,
    }


def _closed_account(cast):
    """A deactivated trainee's account of region A."""
    user = factories.UserFactory(role="trainee", is_active=False, first_name="Clara", last_name="Closed")
    factories.TraineeFactory(user=user, region=cast.region_a)
    return user


def _return_plan(cast) -> ReturnPlan:
    """The cast trainee's plan, returning to trust A, whose director has been told."""
    today = timezone.localdate()
    cohort = factories.CohortFactory(region=cast.region_a, start_date=today - dt.timedelta(days=300),
                                     end_date=today + dt.timedelta(days=60))
    fellowship = factories.FellowshipFactory(trainee=cast.trainee, cohort=cohort, status="active",
                                             completed_on=None)
    return ReturnPlan.objects.create(fellowship=fellowship, trainee=cast.trainee, opened_on=today,
                                     receiving_trust=cast.trust_a, director_told_at=timezone.now())


def kwargs_for(name: str, objects: dict[str, object]) -> dict:
    namespace, _, short = name.rpartition(":")
    if namespace == "ideas":
        idea = objects["idea"]
        uuid = {"new": idea.invitation.uuid, "dismiss": idea.invitation.uuid, "idea": idea.uuid,
                "action": idea.uuid, "opportunity": idea.uuid}.get(short)
        return {"uuid": uuid} if uuid else {}
    if namespace == "returns":
        return {} if short == "list" else {"uuid": objects["return_plan"].uuid}
    if namespace == "people" and short != "list":
        person = objects["closed_account"] if short == "reactivate" else objects["cast"].trainee_user
        return {"uuid": person.uuid}
    if namespace == "rounds":
        return _round_kwargs(short, objects["cast"])
    if namespace == "mentoring":
        key = {"request": "mentor_request", "mentorship": "mentorship",
               "mentorship-action": "mentorship", "mentorship-decline": "mentorship"}.get(short)
        return {"uuid": objects[key].uuid} if key else {}
    if namespace == "national":
        return {"uuid": objects["alumnus"].uuid} if short == "fellow" else {}
    if namespace == "showcase":
        return {"uuid": objects["story"].uuid} if short == "take-down" else {}
    if short == "account_reset_password_from_key":
        return {"uidb36": "zz", "key": "made-up-key"}
    if short.startswith("openid_connect_"):
        return {"provider_id": "test-idp"}
    if short == "lockout-unlock":
        return {"pk": objects["lockout"].pk}
    if short in ("invitation-resend", "invitation-revoke"):
        return {"uuid": objects["invitation"].uuid}
    if short == "invitation":
        return {"token": "made-up-link"}
    if short in ("account-request", "account-request-refuse"):
        return {"uuid": objects["account_request"].uuid}
    if short == "token-revoke":
        return {"uuid": objects["token"].uuid}
    if short == "report-download":
        return {"name": "representation-sex", "fmt": "csv"}
    if short in ("import", "import-invite"):
        return {"uuid": objects["import"].uuid}
    if namespace == "schemes":
        return _scheme_kwargs(short, objects)
    if namespace == "alumni" and short not in ("list", "imports", "report"):
        return {"uuid": objects["alumnus"].uuid}
    if namespace == "roles" and short not in ("list", "new"):
        vacancy = objects["opportunity"]
        match = vacancy.matches.get()
        with_match = short in ("candidate", "candidate-action", "appoint")
        return {"uuid": vacancy.uuid, **({"match_uuid": match.uuid} if with_match else {})}
    if short == "opportunity":
        return {"uuid": objects["opportunity"].uuid}
    kind, _, action = short.rpartition("-")
    if action in ("edit", "delete"):
        return {"uuid": objects[kind].uuid}
    return {}


def _round_kwargs(short: str, cast) -> dict:
    """Each round page is asked for with a region A round at the stage the page is for."""
    if short in ("list", "new", "yours", "director-posts"):
        return {}
    stage = {"edit": "draft", "posts": "draft", "delete": "draft", "open": "draft", "detail": "draft",
             "run": "open", "extend": "open",
             "rank": "open", "applicants": "open", "applicant": "open",
             "outcome": "published"}.get(short, "matched")
    post = round_at_stage(cast, stage)
    if short == "applicant":
        return {"uuid": post.uuid, "trainee_uuid": cast.trainee.uuid}
    return {"uuid": post.uuid if short == "applicants" else post.round.uuid}


def round_at_stage(cast, stage: str):
    """A round of region A offering a trust A post, taken through the services to `stage`;
    the cast trainee has ranked the post once the round is open."""

    status = "draft" if stage == "draft" else "open"
    post = factories.RoundPostFactory(round=factories.RoundFactory(region=cast.region_a, status=status),
                                      vacancy=factories.VacancyFactory(trust=cast.trust_a))
    if stage == "draft":
        return post
    services.choices_save(round=post.round, trainee=cast.trainee, posts=[post])
    if stage in ("matched", "published"):
        today = post.round.director_deadline + dt.timedelta(days=1)
        services.round_run(round=post.round, by=cast.staff_a, today=today)
    if stage == "published":
        services.round_publish(round=post.round, by=cast.staff_a)
    return post


def _scheme_kwargs(short: str, objects: dict) -> dict:
    cohort = objects["cohort"]
    if short in ("scheme", "cohort-new", "scheme-edit", "scheme-interest"):
        return {"uuid": cohort.scheme.uuid}
    if short in ("cohort", "cohort-mentors"):
        return {"uuid": cohort.uuid}
    if short.startswith("fellowship-"):
        fellowship = factories.FellowshipFactory(cohort=cohort, status="applied", completed_on=None,
                                                 trainee=factories.TraineeFactory(region=cohort.region))
        return {"uuid": cohort.uuid, "fellowship_uuid": fellowship.uuid}
    return {}


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    # The API's endpoints have their own matrix: tests/api/test_api_permissions.py.
    ours = {name for name in url_names() if not name.startswith(("admin:", "api:"))}
    assert ours == set(MATRIX), "add a row to MATRIX for each new URL"


def client_as(client, cast, role: str):
    if role != "anonymous":
        client.force_login(cast.users()[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_answers_each_role_as_expected(client, cast, name, role):
    url = reverse(name, kwargs=kwargs_for(name, trainee_objects(cast)))
    response = client_as(client, cast, role).get(url)
    assert response.status_code == MATRIX[name][role], url


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_is_for_administrators_only(client, cast, role):
    response = client_as(client, cast, role).get(reverse("admin:index"))
    assert response.status_code == ADMIN_ONLY[role]
