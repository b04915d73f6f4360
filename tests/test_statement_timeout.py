"""The web process's database statement limit comes from the environment (settings)."""

import os
import subprocess
import sys

from django.conf import settings


def settings_of(**env: str) -> str:
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.base'; "
            "django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options', ''))")
    return subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True,
                          text=True, check=True, env={**os.environ, **env}).stdout.strip()


def test_a_statement_timeout_is_set_for_postgresql_when_asked():
    url = "postgres://postgres@127.0.0.1:5432/pipeline"
    assert settings_of(DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="5000") == "-c statement_timeout=5000"
    assert settings_of(DATABASE_URL=url, DATABASE_STATEMENT_TIMEOUT_MS="0") == ""
