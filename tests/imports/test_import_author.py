"""An import's changes name who made them (issue #21): the commit runs in a Celery worker,
with no request to say who, so the person who confirmed the import is passed to it; the
command line names the person it imports for with --by; the API's bulk upsert names the
owner of the token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens import token_create
from imports.models import ImportBatch
from tests import factories
from tests.helpers import wait_for
from tests.trainees.test_imports import csv_bytes, row
from trainees.models import Trainee

GMC_NUMBERS = ("1234567", "2345678")  # the first is updated, the second created


def status_of(batch: ImportBatch) -> str:
    return ImportBatch.objects.values_list("status", flat=True).get(pk=batch.pk)


def latest_author(gmc: str):
    trainee = Trainee.objects.get(gmc_number=gmc)
    return trainee.history.order_by("-history_id").first().history_user


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_page_import_committed_by_a_real_worker_names_the_importer_in_each_trainees_history(
        live_worker, live_cast, client):
    factories.TraineeFactory(gmc_number=GMC_NUMBERS[0], region=live_cast.region_a, first_name="Old")
    client.force_login(live_cast.staff_a)
    upload = SimpleUploadedFile("t.csv", csv_bytes([row(gmc) for gmc in GMC_NUMBERS]))
    client.post(reverse("alumni:imports"), {"file": upload, "kind": "trainees"})
    batch = ImportBatch.objects.get()
    assert wait_for(lambda: status_of(batch) == "validated"), status_of(batch)
    client.post(reverse("alumni:import", kwargs={"uuid": batch.uuid}))
    assert wait_for(lambda: status_of(batch) == "committed"), status_of(batch)
    assert Trainee.objects.get(gmc_number=GMC_NUMBERS[0]).first_name == "Ada"
    for gmc in GMC_NUMBERS:
        assert latest_author(gmc) == live_cast.staff_a, gmc


@pytest.mark.django_db
def test_the_import_command_names_who_it_imports_for(cast, tmp_path):
    factories.TraineeFactory(gmc_number=GMC_NUMBERS[0], region=cast.region_a, first_name="Old")
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes([row(gmc) for gmc in GMC_NUMBERS]))
    with pytest.raises(CommandError, match=r"No account has the email address nobody@test\.example"):
        call_command("import_trainees", str(path), "--by", "nobody@test.example")
    assert not Trainee.objects.filter(gmc_number=GMC_NUMBERS[1]).exists()
    call_command("import_trainees", str(path), "--by", cast.staff_a.email.upper())
    for gmc in GMC_NUMBERS:
        assert latest_author(gmc) == cast.staff_a, gmc


@pytest.mark.django_db
def test_a_bulk_upsert_through_the_api_with_a_token_names_the_tokens_owner(cast):
    _, raw = token_create(user=cast.staff_a, name="Nightly export")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    rows = [{**row(gmc), "region": "north-west-london"} for gmc in GMC_NUMBERS]
    response = api.post(reverse("api:trainee-bulk-upsert"), {"rows": rows}, format="json")
    assert response.status_code == 200, response.content
    for gmc in GMC_NUMBERS:
        assert latest_author(gmc) == cast.staff_a, gmc
