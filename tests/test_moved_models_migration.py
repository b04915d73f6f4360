"""Moving models between apps loses no data: a database holding demo data made by the
schema of November 2026 (before the apps were re-cut) migrates to today's schema with
every row in place, read through the models' new homes.

The fixture is `pg_dump --data-only` of `seed_demo --trainees 40 --seed 7`, a full
rematch, a stewardship sweep, one sent email and one import batch, made by that code.
"""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

ROOT = Path(settings.BASE_DIR)
DUMP = ROOT / "tests" / "fixtures" / "schema_2026_11_data.sql.gz"
# Named after this run's database and xdist worker: parallel runs never share it.
SCRATCH = "{}_migration_check_{}".format(settings.DATABASES["default"]["NAME"],
                                         os.environ.get("PYTEST_XDIST_WORKER", "main"))
# Where each of our apps stood before the re-cut.
BEFORE = [("accounts", "0004_api_tokens"), ("pipeline", "0008_import_batch"),
          ("trainees", "0003_portfolio_view"), ("schemes", "0002_reference_data"),
          ("mentoring", "0003_requests_and_feedback"), ("allocation", "0002_round_reminders"),
          ("admin", None), ("sessions", None), ("django_celery_beat", None), ("axes", None)]
MOVED = {"reference.Region": "pipeline_region", "reference.Trust": "pipeline_trust",
         "reference.LeadershipRoleType": "pipeline_leadershiproletype",
         "reference.Grade": "trainees_grade", "reference.Specialty": "trainees_specialty",
         "reference.LeadershipFramework": "trainees_leadershipframework",
         "reference.FrameworkDomain": "trainees_frameworkdomain",
         "reference.FrameworkElement": "trainees_frameworkelement",
         "notifications.Notification": "pipeline_notification",
         "imports.ImportBatch": "pipeline_importbatch"}

# Tables added since the move that a migration fills with reference data (the schemes'
# eligible grades and regions, reference/data/scheme_facts.json).
LOADED_BY_MIGRATIONS = {"schemes_scheme_eligible_grades", "schemes_scheme_regions"}
# Rows that models added since the move add to (their content types and permissions), and
# reference data added since by a migration (the governance opportunities' kinds of role,
# reference 0003): the old rows stay, new ones join them.
NEW_MODELS_ADD_TO = {"django_content_type", "auth_permission", "pipeline_leadershiproletype"}

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="needs PostgreSQL (CI has it)")


def connect(dbname: str):
    db = settings.DATABASES["default"]
    return psycopg2.connect(dbname=dbname, user=db["USER"], host=db["HOST"] or "127.0.0.1",
                            port=db["PORT"] or 5432, password=db["PASSWORD"] or None)


def manage(*args: str) -> str:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{SCRATCH}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "REDIS_URL": ""}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def scratch_database():
    admin = connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(SCRATCH)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(SCRATCH)))
    try:
        yield
    finally:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(SCRATCH)))
        admin.close()


def table_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                   "AND tablename <> 'django_migrations'")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def load_old_data() -> dict[str, int]:
    """The old schema's tables filled from the dump; returns each table's row count."""
    with connect(SCRATCH) as conn, conn.cursor() as cursor:
        counts = table_counts(cursor)
        # Migrating created content types and permissions; the dump brings its own.
        cursor.execute(sql.SQL("TRUNCATE {} CASCADE").format(
            sql.SQL(", ").join(sql.Identifier(t) for t in counts)))
        cursor.execute("SET session_replication_role = replica")  # rows in dump order
        cursor.execute(gzip.decompress(DUMP.read_bytes()).decode())
        cursor.execute("SET session_replication_role = DEFAULT; RESET search_path")
        return table_counts(cursor)


READ_THROUGH_MODELS = """
import json
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
labels = %r
counts = {label: apps.get_model(label).objects.count() for label in labels}
trainees = apps.get_model("trainees.Trainee").objects.select_related("grade", "region")
counts["trainees with grade and region"] = sum(1 for t in trainees if t.grade.code and t.region.name)
counts["content types"] = sorted(f"{c.app_label}.{c.model}" for c in ContentType.objects.filter(
    model__in=["region", "grade", "notification", "importbatch"]))
print(json.dumps(counts))
"""


def test_demo_data_of_the_old_schema_survives_the_move_to_the_new_apps(scratch_database):
    for app, node in BEFORE:
        manage("migrate", app, *([node] if node else []), "--no-input", "-v", "0")
    before = load_old_data()
    assert before["trainees_trainee"] == 40 and before["pipeline_match"] > 0

    manage("migrate", "--no-input", "-v", "0")

    with connect(SCRATCH) as conn, conn.cursor() as cursor:
        after = table_counts(cursor)
        cursor.execute("SELECT id, app_label FROM django_content_type WHERE model = 'region'")
        region_types = cursor.fetchall()
    # Every table of the old schema is still there with every row: the move dropped none
    # (content types and permissions of moved models are relabelled). Tables of models
    # added since start empty, and only add content types and permissions of their own.
    assert set(before) <= set(after)
    added = {t: after[t] for t in set(after) - set(before) if t not in LOADED_BY_MIGRATIONS}
    assert all(rows == 0 for rows in added.values()), added
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    grown = {t: counts for t, counts in changed.items() if t in NEW_MODELS_ADD_TO and counts[1] > counts[0]}
    assert {t: c for t, c in changed.items() if t not in grown} == {}
    assert [label for _, label in region_types] == ["reference"]

    read = json.loads(manage("shell", "-c", READ_THROUGH_MODELS % list(MOVED)).splitlines()[-1])
    for label, table in MOVED.items():
        assert read[label] == after[table], label  # every row, old and added since, read through the model
    assert read["trainees with grade and region"] == 40
    assert read["content types"] == ["imports.importbatch", "notifications.notification",
                                     "reference.grade", "reference.region"]
