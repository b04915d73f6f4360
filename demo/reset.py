"""Removing the demo data, so the same seed gives the same rows again."""


from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

DEMO_APPS = ("reference", "accounts", "notifications", "imports", "trainees", "mentoring", "schemes",
             "pipeline", "allocation", "ideas")
# Loaded by migrations and kept: all of `reference` but the trusts (invented for the demo),
# and the schemes of the report.
KEPT = {"Region", "LeadershipRoleType", "Grade", "Specialty", "LeadershipFramework",
        "FrameworkDomain", "FrameworkElement", "Scheme", "Scheme_eligible_grades", "Scheme_regions"}


def demo_tables() -> list[str]:
    """Every table that holds demo data: all but the reference data migrations load."""
    tables = ["django_admin_log", "django_session"]
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model.__name__ not in KEPT:
                tables.append(model._meta.db_table)
    return tables


def reset_demo_data() -> None:
    """Remove all demo data and restart id sequences, so a reseed gives identical ids."""
    statements = connection.ops.sql_flush(
        no_style(), demo_tables(), reset_sequences=True, allow_cascade=True
    )
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign-key checks still pending in
        # this transaction (seeding twice in one transaction, as tests do): run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
