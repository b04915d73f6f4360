"""The import pages say what became of a file, and what the coded columns accept."""

import re

import pytest
from django.urls import reverse

from imports.models import ImportBatch

pytestmark = pytest.mark.django_db

COUNTS = {"create": 3, "update": 0, "unchanged": 0}


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def batch(cast, status: str, refused: int, error: str = "") -> ImportBatch:
    return ImportBatch.objects.create(region=cast.region_a, filename="placements.csv", content=b"",
                                      kind="placements", status=status, error=error,
                                      summary={**COUNTS, "refused": refused})


def test_a_checked_file_with_refused_rows_says_nothing_was_imported(staff, cast):
    refused = batch(cast, "validated", refused=2)
    history = staff.get(reverse("alumni:imports")).content.decode()
    assert "Rows refused: nothing imported" in history
    assert "Checked, not yet imported" not in history
    page = staff.get(reverse("alumni:import", kwargs={"uuid": refused.uuid})).content.decode()
    assert "Rows refused: nothing imported" in page


def test_a_file_refused_when_importing_says_rows_were_refused_not_just_failed(staff, cast):
    batch(cast, "failed", refused=1, error="Since the file was checked, the records have changed.")
    history = staff.get(reverse("alumni:imports")).content.decode()
    assert "Rows refused: nothing imported" in history


def test_a_clean_checked_file_is_still_waiting_to_be_imported(staff, cast):
    batch(cast, "validated", refused=0)
    assert "Checked, not yet imported" in staff.get(reverse("alumni:imports")).content.decode()


def test_the_import_page_lists_the_accepted_values_in_plain_words(staff):
    html = staff.get(reverse("alumni:imports")).content.decode()
    assert re.search(r'nhsuk-details__summary-text">\s*Accepted values\s*<', html)
    assert "coded columns" not in html
    for column in ("grade", "specialty", "region", "kind"):
        assert f">{column} <" in html, column
