"""A trainee deletes their account: personal data gone, aggregates unchanged, recorded."""

import pytest
from django.urls import reverse

from accounts.models import ErasureRecord
from pipeline import reports
from pipeline.stewardship import stewardship_sweep
from tests import factories
from tests.conftest import PASSWORD
from trainees.erasure import trainee_record_erase
from trainees.models import EqualityMonitoring, Evidence, Trainee
from trainees.validators import is_gmc_number

pytestmark = pytest.mark.django_db


def test_deleting_the_account_erases_personal_data_but_not_the_counts(client, cast):
    trainee = cast.trainee
    factories.FellowshipFactory(trainee=trainee)
    factories.EvidenceFactory(trainee=trainee, title="My secret project")
    EqualityMonitoring.objects.create(trainee=trainee, ethnic_group="asian", sex="female")
    stewardship_sweep()
    before = reports.funnel(region=cast.region_a)[0].counts
    secrets = [trainee.first_name, trainee.last_name, trainee.gmc_number, trainee.email,
               cast.trainee_user.email]

    client.force_login(cast.trainee_user)
    page = client.get(reverse("accounts:delete-account")).content.decode()
    assert "What happens when you delete your account" in page and "Delete my account" in page
    response = client.post(reverse("accounts:delete-account"))
    assert "Your account has been deleted" in response.content.decode()

    trainee.refresh_from_db()
    stored = " ".join(str(v) for v in Trainee.objects.filter(pk=trainee.pk).values().first().values())
    history = " ".join(str(v) for row in Trainee.history.filter(id=trainee.pk).values() for v in row.values())
    for secret in secrets:
        assert secret not in stored and secret not in history
    assert trainee.current_trust is None and trainee.expected_cct_date is None
    assert not Evidence.objects.filter(trainee=trainee).exists()
    assert not EqualityMonitoring.objects.filter(trainee=trainee).exists()
    assert reports.funnel(region=cast.region_a)[0].counts == before
    assert ErasureRecord.objects.filter(subject_uuid=cast.trainee_user.uuid).exists()
    signed = client.post(reverse("account_login"), {"login": secrets[4], "password": PASSWORD})
    assert signed.status_code == 200  # cannot sign in any more


def test_nothing_is_erased_by_reading_the_page_and_the_old_address_leads_to_it(client, cast):
    client.force_login(cast.trainee_user)
    old = client.get(reverse("trainees:delete-account"))
    assert old.status_code == 302 and old["Location"] == reverse("accounts:delete-account")
    assert client.get(reverse("accounts:delete-account")).status_code == 200
    cast.trainee.refresh_from_db()
    assert cast.trainee.first_name == "Alice"


def test_erased_trainees_get_placeholders_no_other_record_holds(cast):
    # Ids a million apart give the same six digits; a real record may hold a number that
    # starts with 0 too.
    first = factories.TraineeFactory(pk=1_000_005)
    second = factories.TraineeFactory(pk=2_000_005)
    real = factories.TraineeFactory(pk=1_000_006, gmc_number="0000006")
    for trainee in (first, second):
        trainee_record_erase(trainee)
    numbers = dict(Trainee.objects.filter(pk__in=[first.pk, second.pk, real.pk])
                   .values_list("pk", "gmc_number"))
    assert numbers == {first.pk: "0000005", second.pk: "0000007", real.pk: "0000006"}
    assert all(is_gmc_number(number) for number in numbers.values())
