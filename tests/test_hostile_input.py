"""Every form of the service, every text field, at its limits and past them.

Generated from the URL × role matrix: each page that some role can open is fetched as
that role, each `method="post"` form on it is read from the HTML (as a browser would
fill it: the values shown, the first choice of each list), and then each text field is
sent with one hostile value at a time. Every answer must be a success (a redirect) or a
clear refusal (the page again, with the NHS.UK error summary and the message beside the
field); never a 500, never a page that silently drops what was typed.
"""

import csv
import io
from collections.abc import Collection
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.limits import NAME, NOTE, TEXT, TITLE
from imports import registry
from imports.files import ImportFileError
from imports.plans import commit_plan
from pipeline.models import Match, ReturnPlan, Vacancy
from tests import factories
from tests.api.test_api_behaviour import row, vacancy_body
from tests.test_url_permissions import MATRIX, ROLES, client_as, kwargs_for, trainee_objects

pytestmark = pytest.mark.django_db

HOSTILE = {
    "empty": "",
    **{f"{n} characters": "x" * n for n in sorted({NAME, TITLE, NOTE, TEXT})},
    **{f"{n + 1} characters": "x" * (n + 1) for n in sorted({NAME, TITLE, NOTE, TEXT})},
    "Arabic-Indic digits": "١٢٣٤٥٦٧",
    "full-width digits": "１２３４５６７",
    "a right-to-left override": "\u202egnp.exe",
    "a NUL byte": "before\x00after",
}
# Pages whose forms do something other than save what was typed.
NOT_TYPED = {"account_logout", "account_login", "trainees:delete-account", "accounts:delete-account"}


class Forms(HTMLParser):
    """The post forms of a page: their action and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action"), "id": a.get("id"), "data": {}, "typed": [],
                          "multi": set()}
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            self._input(form, a, name)
        elif tag == "textarea" and name:
            self._textarea = name
            form["data"][name] = ""
            form["typed"].append(name)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            chosen = form["data"].get(self._select)
            if a.get("value") and (chosen in (None, "") or "selected" in a):
                form["data"][self._select] = a["value"]

    def _input(self, form, a, name):
        kind = (a.get("type") or "text").lower()
        if kind in ("checkbox", "radio"):
            if "checked" in a or name not in form["data"]:
                form["data"][name] = a.get("value", "on")
        elif kind not in ("submit", "button", "file"):
            form["data"][name] = a.get("value", "")
            if kind in ("text", "email", "url", "number", "search", "tel") and name != "csrfmiddlewaretoken":
                form["typed"].append(name)

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def pages_with_forms(excluding: Collection[str] = NOT_TYPED) -> list[tuple[str, str]]:
    """(url name, the first role that can open it) for each page a role can open."""
    return sorted((name, next(role for role in ROLES if statuses[role] == 200))
                  for name, statuses in MATRIX.items()
                  if name not in excluding and any(statuses[role] == 200 for role in ROLES)
                  and not name.startswith(("api", "healthz")))


def say_yes(client, question: str, url: str):
    """Answer a confirmation page ("Are you sure?") yes, with what it carries."""
    parser = Forms()
    parser.feed(question)
    (confirm,) = [f for f in parser.forms if f["id"] == "confirm"]
    response = client.post(confirm["action"] or url, confirm["data"])
    return response, response.content.decode(errors="replace")


def clear_refusal(body: str) -> bool:
    return "nhsuk-error-summary" in body and "Error:" in body.split("</title>")[0]


def shows_a_new_token(body: str) -> bool:
    """Making an API token answers with the page itself, showing the secret once (so it
    never sits in the session): a 200 that is a success."""
    return 'id="new-token"' in body


def test_the_parser_reads_a_form_as_a_browser_would():
    parser = Forms()
    parser.feed('<form method="post" action="/x"><input name="title" value="Hi">'
                '<textarea name="aim">An aim</textarea><select name="kind"><option value="">Choose'
                '</option><option value="a">A</option></select><input type="checkbox" name="ok" value="y">'
                '</form><form method="get"><input name="q"></form>')
    assert parser.forms == [{"action": "/x", "id": None,
                             "data": {"title": "Hi", "aim": "An aim", "kind": "a", "ok": "y"},
                             "typed": ["title", "aim"], "multi": set()}]


@pytest.mark.parametrize(("name", "role"), pages_with_forms())
def test_every_text_field_at_its_limits_gets_a_success_or_a_clear_refusal(client, cast, name, role):
    objects = trainee_objects(cast)
    url = reverse(name, kwargs=kwargs_for(name, objects))
    client = client_as(client, cast, role)
    client.raise_request_exception = False  # a 500 is what we are looking for
    page = client.get(url)
    if not page["Content-Type"].startswith("text/html"):
        return  # a download: nothing to fill in
    parser = Forms()
    parser.feed(page.content.decode())
    problems = []
    for form in parser.forms:
        target = form["action"] or url
        for field in form["typed"]:
            for label, value in HOSTILE.items():
                response = client.post(target, {**form["data"], field: value})
                body = response.content.decode(errors="replace")
                if response.status_code == 200 and 'id="confirm"' in body:  # asked first: say yes
                    response, body = say_yes(client, body, target)
                if response.status_code >= 500:
                    problems.append(f"{field} = {label}: {response.status_code}")
                elif response.status_code == 200 and not (clear_refusal(body) or shows_a_new_token(body)):
                    problems.append(f"{field} = {label}: 200 without an error summary")
                elif response.status_code not in (200, 302, 303):
                    problems.append(f"{field} = {label}: {response.status_code}")
    assert problems == [], f"{name} as {role}"


# -- the API's writes ----------------------------------------------------------------

def answers_clearly(response) -> bool:
    """A success or a refusal the integration can read: JSON, never a 500."""
    return (response.status_code in (200, 201, 400, 409)
            and response["Content-Type"].startswith("application/json"))


def api_as(user) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("field", ["title", "description", "location"])
def test_a_role_posted_through_the_api_with_hostile_text_is_refused_or_saved(cast, field):
    client = api_as(cast.director_a)
    for label, value in HOSTILE.items():
        created = client.post(reverse("api:vacancy-list"), vacancy_body(**{field: value}), format="json")
        assert answers_clearly(created), f"{field} = {label}: {created.status_code}"
        if created.status_code == 201:
            changed = client.patch(reverse("api:vacancy-detail", kwargs={"uuid": created.json()["uuid"]}),
                                   {field: value + "!"}, format="json")
            assert answers_clearly(changed), f"{field} = {label} + 1: {changed.status_code}"


def test_interest_with_a_hostile_note_is_refused_or_saved(cast):
    client = api_as(cast.trainee_user)
    for label, value in HOSTILE.items():
        vacancy = factories.VacancyFactory(trust=cast.trust_a, status=Vacancy.Status.OPEN)
        Match.objects.create(trainee=cast.trainee, vacancy=vacancy, score=50.0, computed_at=timezone.now())
        response = client.post(reverse("api:interest-list"), {"vacancy": str(vacancy.uuid), "note": value},
                               format="json")
        assert answers_clearly(response), f"note = {label}: {response.status_code}"


@pytest.mark.parametrize("column", ["gmc_number", "first_name", "last_name", "email", "grade", "specialty",
                                    "region", "current_trust"])
def test_every_bulk_upsert_column_with_hostile_values_is_refused_or_saved(cast, column):
    client = api_as(cast.staff_a)
    for n, (label, value) in enumerate(HOSTILE.items()):
        gmc = f"71{n:05d}"
        response = client.post(reverse("api:trainee-bulk-upsert"), {"rows": [row(gmc, **{column: value})]},
                               format="json")
        assert answers_clearly(response), f"{column} = {label}: {response.status_code}"


# -- a return plan's steps through the API -----------------------------------------------

# What a client might send where the API expects text, a date, a uuid or true/false.
ODD_JSON = {"null": None, "a number": 12, "a huge number": 10 ** 30, "a list": ["x"], "an object": {"x": 1},
            "true": True, "30 February": "2027-02-30", "year 0": "0000-01-01", "year 10000": "10000-01-01",
            "a uuid that is no one's": "5a1d7c56-0000-4000-8000-000000000000"}
# Each step, who takes it, and the plan's state that lets them.
READY = {"any": {}, "director": {"director_told_at": None},
         "session": {"session": ReturnPlan.Session.NOT_PROPOSED, "session_on": None},
         "held": {"session": ReturnPlan.Session.AGREED, "session_on": timezone.localdate()}}
RETURN_STEPS = [("tell-director", "trainee_user", "project_summary", "director"),
                ("tell-director", "trainee_user", "share_project", "director"),
                ("propose-session", "director_a", "on", "session"),
                ("record-session", "staff_a", "note", "held"),
                ("set-trust", "staff_a", "trust", "any"),
                ("ask-mentor", "staff_a", "mentor", "any")]


@pytest.mark.parametrize(("name", "who", "field", "ready"), RETURN_STEPS)
def test_a_return_plan_step_with_hostile_values_is_refused_or_saved(cast, name, who, field, ready):
    plan = ReturnPlan.objects.get(pk=trainee_objects(cast)["return_plan"].pk)  # to trust A, director told
    client = api_as(getattr(cast, who))
    url = reverse(f"api:returnplan-{name}", kwargs={"uuid": plan.uuid})
    for label, value in {**HOSTILE, **ODD_JSON}.items():
        state = {"receiving_trust": cast.trust_a, "done_on": None, "director_told_at": timezone.now()}
        ReturnPlan.objects.filter(pk=plan.pk).update(**(state | READY[ready]))
        response = client.post(url, {field: value}, format="json")
        assert answers_clearly(response), f"{field} = {label}: {response.status_code}"


# -- every import column ---------------------------------------------------------------

def good_rows(cast) -> dict[str, dict[str, str]]:
    """One row each kind of file accepts, for the cast's region."""
    cohort = factories.CohortFactory(region=cast.region_a)
    return {
        "trainees": {"gmc_number": "7200001", "first_name": "Ada", "last_name": "Okafor",
                     "email": "ada@example.org", "grade": "ST4", "specialty": cast.trainee.specialty.name,
                     "region": cast.region_a.name, "current_trust": cast.trust_a.ods_code},
        "placements": {"gmc_number": cast.trainee.gmc_number, "trust": cast.trust_a.ods_code,
                       "specialty": cast.trainee.specialty.name, "grade": "ST4", "kind": "clinical",
                       "start_date": "2026-08-01", "end_date": "2027-08-01"},
        "fellowships": {"gmc_number": cast.trainee.gmc_number, "scheme": cohort.scheme.short_name,
                        "cohort": cohort.name, "status": "active", "host_organisation": "NHS England",
                        "project_title": "Flow", "completed_on": ""},
    }


def csv_of(row: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


@pytest.mark.parametrize("kind", ["trainees", "placements", "fellowships"])
def test_every_import_column_with_hostile_values_is_refused_in_the_dry_run_or_imported(cast, kind):
    """The dry run is the whole validation: a row it accepts always commits."""
    base = good_rows(cast)[kind]
    problems = []
    for column in registry.importer_for(kind).columns:
        for label, value in HOSTILE.items():
            with transaction.atomic():
                try:
                    plan = registry.plan_import(kind, "f.csv", csv_of({**base, column: value}),
                                                region_id=cast.region_a.pk)
                except ImportFileError:
                    continue  # the file as a whole refused, with a reason: a clear refusal
                if not plan.refused:
                    try:
                        commit_plan(plan)
                    except Exception as error:
                        problems.append(f"{column} = {label}: accepted, then {type(error).__name__}")
                transaction.set_rollback(True)
    assert problems == []
