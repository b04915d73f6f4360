"""No import stays "Importing" (issue #23): a commit that fails for any reason marks the
batch failed with a sentence, and staff of its region can check it again."""

import datetime as dt

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from imports import plans, registry, services
from imports.models import ImportBatch
from tests import factories
from tests.trainees.test_imports import csv_bytes, row
from tests.trainees.test_imports_more import csv_of, placement
from trainees import imports as trainee_imports
from trainees.imports import PLACEMENT_COLUMNS, REFUSED_ELSEWHERE
from trainees.models import Trainee

pytestmark = pytest.mark.django_db
LAST_NAME = Trainee._meta.get_field("last_name").max_length
TWO_TRAINEES = csv_bytes([row("1234567"), row("2345678")])


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run the tasks a request queues (eagerly, as the worker would)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def checked(staff, run_tasks, content: bytes = TWO_TRAINEES, kind: str = "trainees",
            name: str = "t.csv") -> ImportBatch:
    with run_tasks():
        staff.post(reverse("alumni:imports"), {"file": SimpleUploadedFile(name, content), "kind": kind})
    return ImportBatch.objects.latest("created_at")


def post(staff, run_tasks, batch: ImportBatch, **data) -> ImportBatch:
    with run_tasks():
        staff.post(reverse("alumni:import", kwargs={"uuid": batch.uuid}), data)
    batch.refresh_from_db()
    return batch


def page(staff, batch: ImportBatch) -> str:
    return staff.get(reverse("alumni:import", kwargs={"uuid": batch.uuid})).content.decode()


def test_a_commit_meeting_a_unique_violation_fails_with_a_sentence_and_can_be_checked_again(
        staff, run_tasks, added_meanwhile):
    batch = post(staff, run_tasks, checked(staff, run_tasks))
    assert batch.status == "failed" and not Trainee.objects.filter(gmc_number="2345678").exists()
    assert batch.error == ("Some of these records were added or changed by someone else meanwhile. "
                           "Nothing has been imported: check the file again.")
    html = page(staff, batch)
    assert "Failed: nothing imported" in html and "Check it again" in html
    assert "Import these trainees" not in html
    factories.TraineeFactory(gmc_number="1234567")  # what the other person added, now saved
    batch = post(staff, run_tasks, batch, action="check")
    assert batch.status == "validated" and batch.error == ""
    assert (batch.summary["create"], batch.summary["update"]) == (1, 1)
    assert post(staff, run_tasks, batch).status == "committed"
    assert Trainee.objects.filter(gmc_number__in=["1234567", "2345678"]).count() == 2


def test_a_value_the_check_missed_fails_the_commit_not_the_worker(staff, run_tasks, monkeypatch):
    monkeypatch.setattr(trainee_imports, "field_errors", lambda model, values: [])  # a check gone missing
    long_name = csv_bytes([row("1234567", last_name="x" * (LAST_NAME + 1))])
    batch = post(staff, run_tasks, checked(staff, run_tasks, long_name))
    assert batch.status == "failed" and "database refused a value" in batch.error
    assert "Traceback" not in batch.error and "varying" not in batch.error
    monkeypatch.undo()
    batch = post(staff, run_tasks, batch, action="check")
    assert batch.summary["refused"] == 1
    assert batch.report[0]["errors"] == [f"Last name is longer than {LAST_NAME} characters"]


def test_an_unexpected_error_while_checking_fails_the_batch(staff, run_tasks, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry, "plan_import", broken)
    batch = checked(staff, run_tasks)
    assert batch.status == "failed"
    assert batch.error == "The import was interrupted by an unexpected error. Nothing has been imported: " \
                          "check the file again."


def test_an_import_stopped_at_its_time_limit_fails_and_says_why(staff, run_tasks, monkeypatch):
    batch = checked(staff, run_tasks)

    def too_slow(plan):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(plans, "_write", too_slow)
    batch = post(staff, run_tasks, batch)
    assert batch.status == "failed" and "took too long" in batch.error


def test_rows_refused_since_the_check_are_shown_and_nothing_is_imported(staff, run_tasks, cast):
    batch = checked(staff, run_tasks)
    factories.TraineeFactory(gmc_number="2345678", region=cast.region_b)  # now another region's
    batch = post(staff, run_tasks, batch)
    assert batch.status == "failed" and "1 row is now refused" in batch.error
    assert batch.report[0]["errors"] == [REFUSED_ELSEWHERE]
    assert not Trainee.objects.filter(gmc_number="1234567").exists()


def test_a_batch_whose_worker_died_is_marked_failed_by_the_sweep(cast):
    def batch(status: str, minutes_ago: int) -> ImportBatch:
        made = ImportBatch.objects.create(region=cast.region_a, filename="t.csv", content=b"", status=status)
        ImportBatch.objects.filter(pk=made.pk).update(
            updated_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
        return made

    stranded = [batch("committing", 45), batch("validating", 45)]
    running, checked_long_ago = batch("committing", 5), batch("validated", 600)
    assert services.import_batches_fail_stopped() == 2
    for stopped in stranded:
        stopped.refresh_from_db()
        assert stopped.status == "failed" and "stopped before it finished" in stopped.error
    running.refresh_from_db()
    checked_long_ago.refresh_from_db()
    assert (running.status, checked_long_ago.status) == ("committing", "validated")


def test_only_staff_of_the_files_region_can_check_it_again(staff, run_tasks, client, cast, added_meanwhile):
    batch = post(staff, run_tasks, checked(staff, run_tasks))
    assert batch.status == "failed"
    client.force_login(cast.staff_b)
    url = reverse("alumni:import", kwargs={"uuid": batch.uuid})
    assert client.post(url, {"action": "check"}).status_code == 404
    for outsider in (cast.staff_b, cast.director_a, cast.admin):
        with pytest.raises(ValidationError, match="Only deanery staff of the file's region"):
            services.import_batch_recheck(batch=batch, user=outsider)
    batch.refresh_from_db()
    assert batch.status == "failed"


def test_an_imported_file_cannot_be_checked_again(staff, run_tasks, cast):
    batch = post(staff, run_tasks, checked(staff, run_tasks))
    assert batch.status == "committed" and "Check it again" not in page(staff, batch)
    with pytest.raises(ValidationError, match="Only a file that failed"):
        services.import_batch_recheck(batch=batch, user=cast.staff_a)


def test_placements_refused_for_want_of_their_trainees_pass_once_checked_again(staff, run_tasks):
    factories.TrustFactory(ods_code="RJ1")
    batch = checked(staff, run_tasks, csv_of(PLACEMENT_COLUMNS, [placement("1234567")]), kind="placements")
    assert batch.summary["refused"] == 1
    history = staff.get(reverse("alumni:imports")).content.decode()
    assert "Rows refused: nothing imported" in history and "Checked, not yet imported" not in history
    assert "Check it again" in page(staff, batch)
    factories.TraineeFactory(gmc_number="1234567")
    batch = post(staff, run_tasks, batch, action="check")
    assert batch.summary == {"create": 1, "update": 0, "unchanged": 0, "refused": 0}
    assert "Checked, not yet imported" in staff.get(reverse("alumni:imports")).content.decode()


def test_the_import_page_lists_what_each_coded_column_accepts(staff, cast):
    factories.CohortFactory(name="National 2025")
    factories.CohortFactory(name="Region A 2025", region=cast.region_a)
    factories.CohortFactory(name="Region B 2025", region=cast.region_b)
    html = staff.get(reverse("alumni:imports")).content.decode()
    assert "Accepted values" in html
    for accepted in ("ST4", "CT1", "Anaesthetics", "North West London (or north-west-london)",
                     "out of programme", "withdrawn", "Darzi Fellowship: National 2025",
                     "Darzi Fellowship: Region A 2025"):
        assert accepted in html, accepted
    assert "Region B 2025" not in html and "North East" not in html  # not theirs to import into


def test_a_file_too_large_is_refused_before_it_is_kept(staff, monkeypatch):
    monkeypatch.setattr(services, "MAX_BYTES", 100)
    response = staff.post(reverse("alumni:imports"),
                          {"file": SimpleUploadedFile("t.csv", TWO_TRAINEES), "kind": "trainees"})
    assert response.status_code == 400 and "must be smaller than" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_name_holding_a_null_character_or_too_long_is_kept_readable(cast, run_tasks):
    batch = services.import_batch_create(user=cast.staff_a, filename="a\x00b.csv", content=TWO_TRAINEES)
    batch.refresh_from_db()
    assert batch.filename == "a\\x00b.csv"
    with run_tasks():
        batch = services.import_batch_create(user=cast.staff_a, filename="n" * 300 + ".xlsx",
                                             content=TWO_TRAINEES)
    batch.refresh_from_db()
    assert len(batch.filename) == 200 and batch.filename.endswith("….xlsx")
    assert batch.error == "The XLSX file could not be read"  # read as what its name says it is


def test_the_command_says_why_a_commit_failed_without_a_traceback(tmp_path, added_meanwhile):
    path = tmp_path / "trainees.csv"
    path.write_bytes(TWO_TRAINEES)
    with pytest.raises(CommandError, match="added or changed by someone else meanwhile"):
        call_command("import_trainees", str(path))
    assert not Trainee.objects.filter(gmc_number="2345678").exists()
