"""The dry run is the whole validation: whatever it accepts, the commit writes (issue #23).

Every value is checked as PostgreSQL will check it, with the limits read from the models,
and every problem is a row error in plain English rather than a DataError in the commit.
"""

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.models import ImportBatch
from imports.plans import commit_plan
from imports.registry import plan_import
from schemes.imports import FELLOWSHIP_COLUMNS
from schemes.models import Fellowship
from tests import factories
from tests.trainees.test_imports import row
from tests.trainees.test_imports_more import csv_of
from trainees.imports import plan_trainee_import
from trainees.models import Placement, Trainee

pytestmark = pytest.mark.django_db


def limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def errors_of(rows: list[dict], **options) -> list[list[str]]:
    return [o.errors for o in plan_trainee_import(rows, **options).outcomes]


def test_a_value_longer_than_its_field_is_a_row_error_with_the_models_own_limit():
    too_long = "x" * (limit(Trainee, "last_name") + 1)
    errors = errors_of([row("1234567", last_name=too_long), row("2345678", first_name=too_long)])
    assert errors == [[f"Last name is longer than {limit(Trainee, 'last_name')} characters"],
                      [f"First name is longer than {limit(Trainee, 'first_name')} characters"]]
    just_fits = "x" * limit(Trainee, "last_name")
    assert errors_of([row("1234567", last_name=just_fits)]) == [[]]


def test_an_email_too_long_for_its_column_is_refused_though_it_is_well_formed():
    local = "a" * 64
    email = ".".join([local] * 4) + "@example.org"  # valid in form, longer than the column
    assert len(email) > limit(Trainee, "email")
    [errors] = errors_of([row("1234567", email=email)])
    assert any(e.startswith("Email") for e in errors)


@pytest.mark.parametrize("gmc", ["١٢٣٤٥٦٧", "１２３４５６７", "123456７", "1234567\n", " 1234567"])
def test_a_gmc_number_of_other_digits_is_refused_in_the_dry_run(gmc):
    [errors] = errors_of([row(gmc)])
    assert errors and "is not 7 digits" in errors[0]


@pytest.mark.parametrize("column", ["first_name", "last_name", "email"])
def test_a_null_character_is_a_row_error_and_the_report_can_be_stored(column):
    value = "Ada\x00" if column != "email" else "ada\x00@example.org"
    plan = plan_trainee_import([row("1234567", **{column: value}), row("12\x0045", grade="\x00")])
    assert "cannot be stored" in plan.outcomes[0].errors[0]
    assert plan.refused == 2
    batch = ImportBatch.objects.create(filename="t.csv", content=b"", report=plan.report())
    batch.refresh_from_db()  # PostgreSQL refuses \u0000 in JSON: the report holds none
    assert "\\x00" in batch.report[1]["gmc_number"]


def test_blank_names_and_a_blank_email_are_missing_values():
    [errors] = errors_of([row("1234567", first_name="", email="")])
    assert errors == ["First name is missing", "Email is missing"]


def test_a_long_quoted_value_is_cut_short_in_the_report():
    plan = plan_trainee_import([row("1234567", grade="G" * 10_000)])
    [reported] = plan.report()
    assert len(reported["errors"][0]) < 200 and reported["errors"][0].startswith("Unknown grade 'GGG")


def test_fellowship_text_longer_than_its_field_is_refused():
    factories.TraineeFactory(gmc_number="1234567")
    factories.CohortFactory(name="2024 to 2025")
    too_long = "p" * (limit(Fellowship, "project_title") + 1)
    rows = [{"gmc_number": "1234567", "scheme": "Darzi Fellowship", "cohort": "2024 to 2025",
             "status": "active", "host_organisation": "NHS\x00England", "project_title": too_long,
             "completed_on": ""}]
    planned = plan_import("fellowships", "f.csv", csv_of(FELLOWSHIP_COLUMNS, rows))
    [errors] = [o.errors for o in planned.outcomes]
    assert errors[0].startswith("Host organisation holds a character that cannot be stored")
    assert errors[1] == f"Project title is longer than {limit(Fellowship, 'project_title')} characters"


# The constraints each planner checks in Python. A new constraint on one of these models
# fails this test: check it in the planner (so the dry run reports it), then list it here.
CHECKED_IN_THE_DRY_RUN = {
    Trainee: {"gmc_number_is_seven_digits"},  # is_gmc_number
    Placement: {"placement_ends_after_start"},  # "The end date is not after the start date"
    Fellowship: {"fellowship_ends_after_start",  # the cohort's own dates, themselves constrained
                 "one_fellowship_per_cohort",  # matched on (trainee, cohort); repeats refused
                 "completed_fellowship_has_date"},  # "A completed fellowship needs its completion date"
}
UNIQUE_FIELDS_CHECKED = {Trainee: {"gmc_number",  # matched on it; repeats in the file refused
                                   "user"},  # never set by an import
                         Placement: set(), Fellowship: set()}


@pytest.mark.parametrize("model", list(CHECKED_IN_THE_DRY_RUN))
def test_every_constraint_of_an_imported_model_is_checked_in_the_dry_run(model):
    assert {c.name for c in model._meta.constraints} == CHECKED_IN_THE_DRY_RUN[model]
    unique = {f.name for f in model._meta.concrete_fields if f.unique and f.name not in ("id", "uuid")}
    assert unique == UNIQUE_FIELDS_CHECKED[model]


# Any text at all, emoji halves and NULs included, and lengths either side of the limits.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=260)
VALUES = st.fixed_dictionaries({
    "gmc_number": st.one_of(st.from_regex(r"[0-9]{7}", fullmatch=True), ANY_TEXT),
    "first_name": st.one_of(ANY_TEXT, st.text(min_size=140, max_size=160)),
    "last_name": ANY_TEXT,
    "email": st.one_of(st.emails(), ANY_TEXT, st.emails().map(lambda e: "x" * 240 + e)),
})


@settings(max_examples=150, deadline=None)
@given(values=VALUES)
def test_whatever_the_dry_run_accepts_the_commit_writes(values):
    with transaction.atomic():
        plan = plan_trainee_import([row(**values)])
        ImportBatch.objects.create(filename="t.csv", content=b"", report=plan.report())
        if not plan.refused:
            commit_plan(plan)  # raises a ValidationError, not a pass, if the database refuses
            assert Trainee.objects.filter(gmc_number=values["gmc_number"]).exists()
        transaction.set_rollback(True)
