"""Real Chromium (Debian's package) driven by Playwright, with axe-core for WCAG checks."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", shutil.which("chromium") or ""]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    for candidate in [os.environ.get("CHROMIUM_PATH", ""), *CHROMIUM_CANDIDATES]:
        if candidate and Path(candidate).exists():
            return candidate
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is not installed: .ci/run installs it with apt-get")
    pytest.skip("Chromium is not installed")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script; the pages' own policy must not block it.
    return {**browser_context_args, "bypass_csp": True}


# What Chromium says when a click's navigation replaces the page while axe is injected.
NAVIGATING = ("appendChild", "Execution context was destroyed", "navigat")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; return WCAG 2.2 A/AA violations (id and targets)."""
    result = _run_axe(page)
    return [{"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


def _run_axe(page, attempts: int = 5) -> dict:
    """Inject and run axe once the page has loaded.

    A click that navigates may still be replacing the document when axe is injected; the
    page then has no head to add the script to. Waiting for the new page to load and
    trying again checks the page the person sees.
    """
    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(path=str(AXE))
            # Only violations are read: asking for nothing else makes axe several times faster.
            return page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                WCAG_TAGS,
            )
        except PlaywrightError as error:
            if attempt == attempts - 1 or not any(sign in str(error) for sign in NAVIGATING):
                raise
    raise AssertionError("unreachable")


def assert_accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def fill_date(page, name: str, day) -> None:
    """Type a date into the NHS.UK date input of the form field `name`."""
    page.locator(f"#id_{name}-day").fill(str(day.day))
    page.locator(f"#id_{name}-month").fill(str(day.month))
    page.locator(f"#id_{name}-year").fill(str(day.year))


def nhsuk_styles_applied(page) -> bool:
    """The NHS.UK stylesheet loaded: the header is NHS blue and the font stack is set."""
    header = page.locator("header.nhsuk-header")
    colour = header.evaluate("el => getComputedStyle(el).backgroundColor")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    return colour == "rgb(0, 94, 184)" and "Frutiger" in font
