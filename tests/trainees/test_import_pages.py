"""Importing from the pages: check, see row by row, confirm, and only for your region."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportBatch
from tests.trainees.test_imports import csv_bytes, row
from trainees.models import Trainee

pytestmark = pytest.mark.django_db
IMPORTED = Trainee.objects.filter(gmc_number__in=["1234567", "2345678"])


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def upload(client, content: bytes, name: str = "trainees.csv"):
    return client.post(reverse("alumni:imports"), {"file": SimpleUploadedFile(name, content)})


def test_check_then_confirm_imports_the_file(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff, csv_bytes([row("1234567"), row("2345678")]))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("alumni:import", kwargs={"uuid": batch.uuid})
    html = staff.get(response.url).content.decode()
    assert "Checked, not yet imported" in html and not IMPORTED.exists()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(response.url)
    batch.refresh_from_db()
    assert batch.status == "committed" and IMPORTED.count() == 2
    assert staff.post(response.url).status_code == 200  # confirming twice does nothing more
    assert IMPORTED.count() == 2


def test_refused_rows_are_listed_and_nothing_can_be_imported(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff, csv_bytes([row("1234567"), row("12345")]))
    html = staff.get(response.url).content.decode()
    assert "is not 7 digits" in html and "12345" in html
    assert "Import these trainees" not in html
    staff.post(response.url)
    assert not IMPORTED.exists()


def test_a_file_of_the_wrong_type_is_refused_with_a_message(staff):
    response = upload(staff, b"%PDF-1.4", name="trainees.pdf")
    assert response.status_code == 400
    assert "must be a CSV or an XLSX" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_unreadable_file_fails_and_says_why(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff, b"name,age\nAda,36\n")
    html = staff.get(response.url).content.decode()
    assert "Nothing was imported" in html and "missing these columns" in html
