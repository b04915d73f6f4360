"""Every page each role can reach, in real Chromium at 1280 and 390 pixels wide.

The pages come from the URL × role matrix (tests/test_url_permissions.py): every
(url name, role) whose GET answers 200, asked for with the same real objects. Each
page must start the NHS.UK frontend, fit its width (no sideways scrolling), log no
console error or page error, and pass axe. One signed-in browser context per role.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in
from tests.test_url_permissions import MATRIX, ROLES, kwargs_for, trainee_objects

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)  # a desktop, and a phone (iPhone 12 to 15)

# Pages that are not HTML, so have no layout to check. The admin site is not in the
# matrix at all: it is Django's own, for administrators, and tested by its row there.
NOT_HTML = {
    "healthz": "JSON for the load balancer",
    "api-schema": "the OpenAPI schema as YAML",
    "trainees:portfolio-pdf": "a PDF download",
    "trainees:my-data": "a JSON download of the trainee's data",
    "accounts:my-data": "a JSON download of the person's data",
    "alumni:report-download": "a CSV download",
    "rounds:record": "a JSON download of a round's record",
    "national:pipeline-download": "a CSV download",
    "national:forecast-download": "a CSV download",
}

# The same document for every role (only the header differs, and every other page checks
# each role's header); its 7,000 elements take axe 20 seconds, so it is visited once a width.
SAME_FOR_EVERYONE = {"api-docs"}

# What sticks out of the viewport, to say where an overflow comes from.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.nhsuk-u-visually-hidden')
        && ![...el.children].some(c => c.getBoundingClientRect().right > width + 1)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} px)`);
    }
  }
  return out.slice(0, 5);
}"""

STARTED = """() => document.body.classList.contains('nhsuk-frontend-supported')
  && !!document.querySelector('header.nhsuk-header[data-nhsuk-header-init]')"""


# Pages every signed-in role reaches with the same layout (their account, two-factor, the
# showcase…): only the words of a summary row and the header differ between roles, and each
# role's header is checked on its own pages. They are swept signed in as the trainee (and
# signed out where anonymous visitors reach them), not once per role.
OWN_HOME = "home"
SWEPT_SIGNED_IN_AS = "trainee"


def same_for_every_signed_in_role(name: str) -> bool:
    return name != OWN_HOME and all(MATRIX[name][role] == 200 for role in ROLES[1:])


def swept_for(role: str, name: str) -> bool:
    """Whether the sweep visits page `name` as `role`."""
    if MATRIX[name][role] != 200 or name in NOT_HTML:
        return False
    if name in SAME_FOR_EVERYONE:
        return role == "anonymous"
    if role != "anonymous" and same_for_every_signed_in_role(name):
        return role == SWEPT_SIGNED_IN_AS
    return True


def reachable_paths(role: str, cast) -> list[str]:
    """The path of every HTML page the sweep visits as `role`, with real objects."""
    objects = trainee_objects(cast)
    return [reverse(name, kwargs=kwargs_for(name, objects)) for name in sorted(MATRIX)
            if swept_for(role, name)]


def watch_errors(page) -> list[str]:
    """Collect every console error and uncaught page error from now on."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return errors


def problems_of(page, url: str, width: int, errors: list[str]) -> list[str]:
    errors.clear()
    response = page.goto(url)
    where = f"{url} at {width} px"
    if response is None or response.status != 200 or page.url != url:
        return [f"{where}: answered {response and response.status}, ended at {page.url}"]
    found = [f"{where}: {e}" for e in errors]
    if not page.evaluate(STARTED):
        found.append(f"{where}: the NHS.UK frontend did not start")
    found += [f"{where}: wider than the screen: {el}" for el in page.evaluate(OVERFLOW)]
    found += [f"{where}: axe {v['id']} at {v['targets']}" for v in axe_violations(page)]
    return found


# Region B's trainee, staff and director reach the same templates as region A's, with less
# in them: sweeping them too would add minutes to CI and find nothing new.
SWEPT = [role for role in ROLES if role not in ("other_trainee", "staff_b", "director_b")]


# One test per role and width, so that the two test processes share the sweep evenly.
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", SWEPT)
def test_every_page_fits_runs_cleanly_and_passes_axe(page, live_server, live_cast, role, width):
    paths = reachable_paths(role, live_cast)
    assert paths, f"the matrix gives {role} no page"
    page.set_viewport_size({"width": width, "height": 800})
    if role != "anonymous":
        sign_in(page, live_server.url, live_cast.users()[role].email)
        expect(page.locator(".nhsuk-header__account")).to_contain_text(live_cast.users()[role].last_name)
    errors = watch_errors(page)
    problems = []
    for path in paths:
        problems += problems_of(page, f"{live_server.url}{path}", width, errors)
    assert problems == []


def test_every_html_page_is_swept_for_some_role():
    """Leaving shared pages to one role must not leave any page unswept."""
    html = [name for name in MATRIX if name not in NOT_HTML
            and any(MATRIX[name][role] == 200 for role in SWEPT)]
    assert [name for name in html if not any(swept_for(role, name) for role in SWEPT)] == []


def test_the_pages_left_out_are_not_html(client, live_cast):
    """The sweep skips only pages with no layout: a new HTML page cannot hide among them."""
    objects = trainee_objects(live_cast)
    for name in NOT_HTML:
        role = next(r for r in ("trainee", "staff_a", "admin", "anonymous") if MATRIX[name][r] == 200)
        client.logout()
        if role != "anonymous":
            client.force_login(live_cast.users()[role])
        response = client.get(reverse(name, kwargs=kwargs_for(name, objects)))
        assert response.status_code == 200
        assert not response["Content-Type"].startswith("text/html"), name


@pytest.mark.parametrize("role", ["staff_a", "trainee"])
def test_on_a_phone_the_header_collapses_navigation_into_more(page, live_server, live_cast, role):
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, live_server.url, live_cast.users()[role].email)
    more = page.locator(".nhsuk-header__menu-toggle")
    expect(more).to_be_visible()
    expect(more).to_contain_text("More")
    moved = page.locator(".nhsuk-header__menu-list .nhsuk-header__navigation-item")
    expect(moved.first).to_be_attached()
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(moved.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
