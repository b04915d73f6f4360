"""Production settings refuse to start without real secrets and services."""

import os
import subprocess
import sys

import pytest

GOOD_KEY = "abcdefghijklmnopqrstuvwxyz0123456789" * 2


def import_production(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        env={**clean, **env}, capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize("env, complaint", [
    ({}, "SECRET_KEY"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ({"SECRET_KEY": GOOD_KEY}, "DATABASE_URL"),
    ({"SECRET_KEY": GOOD_KEY, "DATABASE_URL": "postgres://db/x"}, "REDIS_URL"),
])
def test_production_refuses_to_start_without(env, complaint):
    result = import_production(**env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_when_configured():
    result = import_production(SECRET_KEY=GOOD_KEY, DATABASE_URL="postgres://db/x",
                               REDIS_URL="redis://redis:6379/0")
    assert result.returncode == 0, result.stderr
