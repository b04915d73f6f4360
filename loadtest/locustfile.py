"""Mixed journeys of every role against a running server (see `make loadtest`).

Each simulated user signs in with one of the demo logins and then browses the pages
that role uses most. Run against national-scale demo data (seed_demo --trainees 60000).
"""

import random
import re

from locust import HttpUser, between, task

PASSWORD = "demo-pipeline-2026"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    email = ""
    pages: list[str] = []

    def on_start(self) -> None:
        page = self.client.get("/accounts/sign-in/", name="sign-in page")
        token = CSRF.search(page.text).group(1)
        self.client.post("/accounts/sign-in/", name="sign in",
                         data={"login": self.email, "password": PASSWORD,
                               "csrfmiddlewaretoken": token},
                         headers={"Referer": f"{self.host}/accounts/sign-in/"})

    @task
    def browse(self) -> None:
        self.client.get(random.choice(self.pages))


class Trainee(SignedIn):
    weight = 4
    email = "trainee@demo.example"
    pages = ["/", "/portfolio/", "/opportunities/", "/preferences/", "/mentoring/"]


class Staff(SignedIn):
    weight = 2
    email = "staff@demo.example"
    pages = ["/", "/alumni/", "/alumni/?status=at_risk", "/alumni/reports/", "/schemes/",
             "/national/forecast/"]


class Director(SignedIn):
    weight = 2
    email = "director@demo.example"
    pages = ["/", "/roles/"]


class Mentor(SignedIn):
    weight = 1
    email = "mentor@demo.example"
    pages = ["/", "/mentoring/profile/"]


class Administrator(SignedIn):
    """The national view: the nation's pipeline by scheme and region, and the forecast."""

    weight = 1
    email = "admin@demo.example"
    pages = ["/", "/national/", "/national/forecast/", "/national/forecast.csv"]


class SchemeLead(SignedIn):
    """A national scheme lead: their scheme's fellows and alumni in every region."""

    weight = 1
    email = "lead@demo.example"
    pages = ["/", "/national/fellows/", "/national/fellows/?stewardship=at_risk", "/national/forecast/"]
