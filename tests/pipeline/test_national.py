"""The national view (docs/national.md): a national scheme lead sees their schemes' fellows and
alumni in every region and nothing else; administrators see the nation's pipeline by scheme and
region with small numbers withheld."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from accounts.invitation_rules import invite_error
from accounts.invitations import invitation_accept, invitation_send
from accounts.models import Role
from pipeline import national
from pipeline.models import Stewardship, StewardshipStatus
from pipeline.reports import SUPPRESSED
from schemes.models import Cohort, Scheme
from tests import factories

pytestmark = pytest.mark.django_db


def _cohort(short_name: str, region=None) -> Cohort:
    return factories.CohortFactory(scheme=Scheme.objects.get(short_name=short_name), region=region)


def _fellows(cohort: Cohort, region, n: int, *, status: str = "completed",
             stewardship: str | None = None):
    fellows = []
    completed_on = cohort.end_date if status == "completed" else None
    for _ in range(n):
        f = factories.FellowshipFactory(cohort=cohort, trainee=factories.TraineeFactory(region=region),
                                        status=status, completed_on=completed_on)
        if stewardship:
            Stewardship.objects.create(trainee=f.trainee, status=stewardship, reason="Test",
                                       status_since=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                                       computed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        fellows.append(f)
    return fellows


def test_a_lead_sees_their_scheme_in_every_region_and_nothing_else(client, cast):
    darzi = _cohort("Darzi Fellowship")
    ours_a = _fellows(darzi, cast.region_a, 1, stewardship=StewardshipStatus.AT_RISK)[0]
    ours_b = _fellows(darzi, cast.region_b, 1, status="active")[0]
    other_scheme = _fellows(_cohort("NMDCF Scheme"), cast.region_a, 1)[0]
    client.force_login(cast.scheme_lead)

    home = client.get(reverse("home")).content.decode()
    assert "Darzi Fellowship" in home and cast.region_a.name in home and cast.region_b.name in home

    listing = client.get(reverse("national:fellows")).content.decode()
    assert ours_a.trainee.full_name in listing and ours_b.trainee.full_name in listing
    assert other_scheme.trainee.full_name not in listing
    assert client.get(reverse("national:fellow", kwargs={"uuid": ours_b.trainee.uuid})).status_code == 200
    outside = reverse("national:fellow", kwargs={"uuid": other_scheme.trainee.uuid})
    assert client.get(outside).status_code == 404


def test_a_lead_sees_only_their_schemes_fellowships_of_a_two_scheme_fellow(client, cast):
    darzi, nmdcf = _cohort("Darzi Fellowship"), _cohort("NMDCF Scheme")
    fellow = _fellows(darzi, cast.region_a, 1)[0].trainee
    factories.FellowshipFactory(trainee=fellow, cohort=nmdcf)
    client.force_login(cast.scheme_lead)
    page = client.get(reverse("national:fellow", kwargs={"uuid": fellow.uuid})).content.decode()
    assert darzi.name in page
    assert nmdcf.name not in page  # the NMDCF Scheme is not theirs


def test_filters_narrow_the_fellows(client, cast):
    darzi = _cohort("Darzi Fellowship")
    in_a = _fellows(darzi, cast.region_a, 1)[0]
    in_b = _fellows(darzi, cast.region_b, 1)[0]
    client.force_login(cast.scheme_lead)
    page = client.get(reverse("national:fellows"), {"region": cast.region_b.pk}).content.decode()
    assert in_b.trainee.full_name in page and in_a.trainee.full_name not in page


def test_a_lead_without_a_scheme_is_told_so(client, cast):
    lead = factories.UserFactory(role=Role.SCHEME_LEAD)
    client.force_login(lead)
    assert 'id="no-scheme"' in client.get(reverse("home")).content.decode()
    assert client.get(reverse("national:fellows")).status_code == 200


def test_an_administrator_invites_a_national_scheme_lead(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("accounts:invite")).content.decode()
    assert "National scheme lead" in page
    invitation = invitation_send(by=cast.admin, email="lead@nhs.example", first_name="Nadia",
                                 last_name="Lead", role=Role.SCHEME_LEAD)
    user = invitation_accept(invitation=invitation, password="a-long-enough-password-1")
    assert user.role == Role.SCHEME_LEAD and user.region is None


def test_staff_cannot_invite_a_national_scheme_lead(cast):
    assert invite_error(by=cast.staff_a, role=Role.SCHEME_LEAD, region=None, trust=None)


# -- the national pipeline: small numbers withheld --------------------------------------------


DARZI = "Fellowship in Clinical Leadership ('Darzi' Fellowship)"


def _row(rows, scheme: str, region: str):
    return next(r for r in rows if r.scheme == scheme and r.region == region)


def test_the_national_pipeline_withholds_small_numbers(cast):
    darzi = _cohort("Darzi Fellowship")
    _fellows(darzi, cast.region_a, 6, stewardship=StewardshipStatus.ENGAGED)
    _fellows(darzi, cast.region_a, 1, stewardship=StewardshipStatus.LOST)
    _fellows(darzi, cast.region_b, 3, status="active")
    rows = national.national_pipeline()["rows"]
    a = _row(rows, DARZI, cast.region_a.name)
    # 7 alumni (shown); 6 engaged would give the 1 lost away (7 - 6), so it is withheld too.
    assert a.alumni == 7
    assert a.statuses == [SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]
    b = _row(rows, DARZI, cast.region_b.name)
    assert b.active == SUPPRESSED and b.alumni == SUPPRESSED


def test_the_national_pipeline_shows_what_single_nobody_out(cast):
    darzi = _cohort("Darzi Fellowship")
    _fellows(darzi, cast.region_a, 6, stewardship=StewardshipStatus.ENGAGED)
    _fellows(darzi, cast.region_a, 5, stewardship=StewardshipStatus.AT_RISK)
    _fellows(darzi, cast.region_a, 3, stewardship=StewardshipStatus.LOST)
    _fellows(darzi, cast.region_a, 2)  # not yet assessed
    a = _row(national.national_pipeline()["rows"], DARZI, cast.region_a.name)
    # The withheld add up to 5: neither the 3 nor the 2 can be worked out.
    assert a.alumni == 16 and a.statuses == [6, 5, SUPPRESSED, SUPPRESSED]


def test_the_page_and_its_download_agree(client, cast):
    darzi = _cohort("Darzi Fellowship")
    _fellows(darzi, cast.region_a, 8, stewardship=StewardshipStatus.ENGAGED)
    _fellows(darzi, cast.region_a, 2, stewardship=StewardshipStatus.LOST)
    client.force_login(cast.admin)
    page = client.get(reverse("national:pipeline")).content.decode()
    body = client.get(reverse("national:pipeline-download")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    row = next(r for r in rows if r[:2] == [DARZI, cast.region_a.name])
    assert row[2:] == [SUPPRESSED, "10", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]
    assert ">10<" in page and "Lost" in page
