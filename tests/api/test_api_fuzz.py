"""schemathesis against the live schema, with every check, as each kind of caller.

Seeded and bounded (a few examples per operation) so it runs in CI in a few minutes.
Runs the `schemathesis` command line against a live server, as an integrator would.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.tokens import token_create
from pipeline.models import Interest, Match
from tests import factories
from tests.test_url_permissions import round_at_stage

pytestmark = pytest.mark.timeout(600)

MAX_EXAMPLES = 5


@pytest.fixture
def fuzz_world(live_cast):
    """Something for every operation to find: a matched, interested candidate and a draft."""
    vacancy = factories.VacancyFactory(trust=live_cast.trust_a)
    factories.VacancyFactory(trust=live_cast.trust_a, status="draft")
    Match.objects.create(trainee=live_cast.trainee, vacancy=vacancy, score=55.0, computed_at=timezone.now(),
                         reasons=[{"feature": "grade", "points": 55.0, "sentence": "Right grade"}])
    Interest.objects.create(trainee=live_cast.trainee, vacancy=vacancy, status="interested")
    factories.FellowshipFactory(trainee=live_cast.trainee,
                                cohort=factories.CohortFactory(region=live_cast.region_a))
    round_at_stage(live_cast, "published")
    return live_cast


@pytest.mark.parametrize("role", ["director_a", "trainee", "staff_a", "mentor"])
def test_schemathesis_finds_nothing(live_server, fuzz_world, role, tmp_path):
    _, raw = token_create(user=fuzz_world.users()[role], name="schemathesis")
    # The address, not "localhost": each request would try IPv6 first and wait for it to fail.
    base = live_server.url.replace("localhost", "127.0.0.1")
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/api/schema/", "--url", base,
        "--checks", "all", "--max-examples", str(MAX_EXAMPLES), "--seed", "1",
        "--generation-deterministic", "--generation-allow-x00", "false", "--workers", "1",
        "--header", f"Authorization: Bearer {raw}", "--no-color",
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=540)
    report = result.stdout[-20000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert "No issues found" in report or " passed" in report, report
