"""Schemes carry the report's facts as data; enrolment checks eligibility (with an
override that records who and why); staff and administrators correct the facts (audited);
trainees see the catalogue, whether they can apply, and say they are interested."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from schemes import services
from schemes.models import Fellowship, Scheme, SchemeInterest
from schemes.services import fellowship_enrol
from tests import factories
from tests.clock import TODAY
from trainees.models import Trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def scheme(short_name: str) -> Scheme:
    return Scheme.objects.get(short_name=short_name)


def cohort_of(short_name: str, region, **dates):
    return factories.CohortFactory(scheme=scheme(short_name), region=region, **dates)


# -- the facts, as data -----------------------------------------------------------------------

def test_every_scheme_has_the_reports_facts():
    for each in Scheme.objects.all():
        assert each.organiser and each.duration and each.eligibility, each.short_name
    mlp = scheme("MLP")
    assert sorted(g.code for g in mlp.eligible_grades.all()) == ["GPST3", "ST4", "ST5", "ST6", "ST7", "ST8"]
    assert [r.code for r in mlp.regions.all()] == ["north-west"]
    assert mlp.kind == Scheme.Kind.PROGRAMME and mlp.duration_months == 24
    nmdcf = scheme("NMDCF Scheme")
    assert nmdcf.cct_after_end and not nmdcf.eligible_grades.filter(code__in=["F1", "F2"]).exists()
    assert "General Medical Council" in nmdcf.hosts
    assert scheme("Clinicians in Management").kind == Scheme.Kind.SHORT_COURSE
    assert "USA" in scheme("Harkness Fellowship").hosts
    assert [r.code for r in scheme("CLAHRC Fellowship").regions.all()] == ["north-west-london"]


# -- eligibility when enrolling ---------------------------------------------------------------

def test_a_grade_the_scheme_is_not_for_is_refused_with_the_reason(cast):
    cohort = cohort_of("MLP", cast.region_a)
    trainee = factories.TraineeFactory(region=cast.region_a, grade=factories.grade("ST2"))
    with pytest.raises(ValidationError) as refused:
        fellowship_enrol(cohort=cohort, trainee=trainee, by=cast.staff_a)
    message = " ".join(refused.value.messages)
    assert "The MLP is for GPST3, ST4, ST5, ST6, ST7 or ST8: their grade is ST2" in message
    assert "recruits in North West" in message and "say why" in message
    assert not Fellowship.objects.filter(trainee=trainee).exists()


def test_an_override_enrols_them_and_records_who_and_why(cast):
    cohort = cohort_of("MLP", cast.region_a)
    trainee = factories.TraineeFactory(region=cast.region_a, grade=factories.grade("ST2"))
    fellowship = fellowship_enrol(cohort=cohort, trainee=trainee, by=cast.staff_a,
                                  override_reason="Agreed with the programme director")
    assert fellowship.eligibility_override_by == cast.staff_a
    assert fellowship.eligibility_override_reason == "Agreed with the programme director"


def test_an_eligible_trainee_needs_no_reason(cast):
    cohort = cohort_of("Darzi Fellowship", cast.region_a)
    fellowship = fellowship_enrol(cohort=cohort, trainee=cast.trainee, by=cast.staff_a)
    assert fellowship.eligibility_override_by is None


def test_a_cct_before_the_fellowship_ends_is_refused(cast):
    cohort = cohort_of("NMDCF Scheme", None, start_date=TODAY, end_date=TODAY + dt.timedelta(days=365))
    trainee = factories.TraineeFactory(region=cast.region_a, expected_cct_date=TODAY + dt.timedelta(days=100))
    with pytest.raises(ValidationError, match=r"CCT date .* falls before the fellowship ends"):
        fellowship_enrol(cohort=cohort, trainee=trainee, by=cast.staff_a)
    trainee.expected_cct_date = TODAY + dt.timedelta(days=800)
    trainee.save()
    assert fellowship_enrol(cohort=cohort, trainee=trainee, by=cast.staff_a).pk


def test_the_cohort_page_asks_for_the_reason_beside_its_box(client, cast):
    cohort = cohort_of("MLP", cast.region_a)
    trainee = factories.TraineeFactory(region=cast.region_a, grade=factories.grade("ST2"))
    client.force_login(cast.staff_a)
    url = reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})
    html = client.post(url, {"gmc_number": trainee.gmc_number}).content.decode()
    assert 'href="#id_override_reason"' in html and "is not eligible" in html
    client.post(url, {"gmc_number": trainee.gmc_number, "override_reason": "Programme director agreed"})
    page = client.get(url).content.decode()
    assert "Enrolled although not eligible: Programme director agreed" in page


def test_a_cohort_larger_than_the_schemes_places_is_flagged(client, cast):
    cohort = cohort_of("MLP", cast.region_a)  # 12 places a year
    for _ in range(13):
        factories.FellowshipFactory(cohort=cohort, status="applied", completed_on=None,
                                    trainee=factories.TraineeFactory(region=cast.region_a))
    client.force_login(cast.staff_a)
    html = client.get(reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})).content.decode()
    assert "This cohort has 13 fellows; the MLP offers 12 places a year" in html
    Fellowship.objects.filter(cohort=cohort).first().delete()
    html = client.get(reverse("schemes:cohort", kwargs={"uuid": cohort.uuid})).content.decode()
    assert "More fellows than places" not in html


def test_the_fellowships_import_refuses_an_ineligible_applicant_and_keeps_past_fellowships(cast):
    from schemes.imports import plan_fellowship_import  # noqa: PLC0415  (the importer under test)

    cohort = cohort_of("MLP", cast.region_a)
    young = factories.TraineeFactory(region=cast.region_a, grade=factories.grade("ST2"))
    rows = [{"gmc_number": young.gmc_number, "scheme": "MLP", "cohort": cohort.name, "status": "applied"}]
    [row] = plan_fellowship_import(rows).report()
    assert "Enrol them on the cohort's page" in " ".join(row["errors"])


# -- correcting the facts ---------------------------------------------------------------------

def facts_form(found: Scheme, **changes) -> dict:
    data = {"organiser": found.organiser, "kind": found.kind, "duration": found.duration,
            "duration_months": found.duration_months or "", "clinicians_per_year": found.clinicians_per_year,
            "clinicians_per_year_min": found.clinicians_per_year_min or "",
            "clinicians_per_year_max": found.clinicians_per_year_max or "",
            "eligibility": found.eligibility, "cct_after_end": "yes" if found.cct_after_end else "no",
            "cct_within_months": found.cct_within_months or "",
            "eligible_grades": [g.pk for g in found.eligible_grades.all()],
            "regions": [r.pk for r in found.regions.all()], "hosts": found.hosts,
            "follow_on": found.follow_on, "details": found.details,
            "facts_unconfirmed": "yes" if found.facts_unconfirmed else "no"}
    return {**data, **changes}


def test_staff_correct_their_regions_scheme_and_the_history_names_them(client, cast):
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.staff_a)
    url = reverse("schemes:scheme-edit", kwargs={"uuid": darzi.uuid})
    response = client.post(url, facts_form(darzi, organiser="NHS England (London)",
                                           clinicians_per_year_max=55))
    assert response.status_code == 302
    darzi.refresh_from_db()
    assert darzi.organiser == "NHS England (London)" and darzi.clinicians_per_year_max == 55
    latest = darzi.history.latest()
    assert latest.history_user == cast.staff_a and latest.organiser == "NHS England (London)"


def test_staff_cannot_take_their_own_region_off_a_scheme(client, cast):
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.staff_a)
    others = [r.pk for r in darzi.regions.exclude(pk=cast.region_a.pk)]
    html = client.post(reverse("schemes:scheme-edit", kwargs={"uuid": darzi.uuid}),
                       facts_form(darzi, regions=others)).content.decode()
    assert "Keep North West London among the regions it recruits from" in html
    assert darzi.regions.filter(pk=cast.region_a.pk).exists()


def test_the_facts_form_says_what_is_wrong(client, cast):
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.staff_a)
    html = client.post(reverse("schemes:scheme-edit", kwargs={"uuid": darzi.uuid}),
                       facts_form(darzi, clinicians_per_year_min=60, clinicians_per_year_max=40,
                                  follow_on="")).content.decode()
    assert "The most places a year must be at least the fewest" in html
    assert "Enter what follows once fellows are back in practice" in html


def test_national_schemes_are_corrected_by_administrators_not_regional_staff(client, cast):
    nmdcf = scheme("NMDCF Scheme")
    url = reverse("schemes:scheme-edit", kwargs={"uuid": nmdcf.uuid})
    client.force_login(cast.staff_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.admin)
    assert client.post(url, facts_form(nmdcf, duration="12 months")).status_code == 302
    assert nmdcf.history.latest().history_user == cast.admin


# -- a scheme's national leads ------------------------------------------------------------------

def test_an_administrator_chooses_a_schemes_national_leads_and_the_history_names_them(client, cast):
    nmdcf = scheme("NMDCF Scheme")
    client.force_login(cast.admin)
    page = client.get(reverse("schemes:scheme", kwargs={"uuid": nmdcf.uuid})).content.decode()
    assert "No one leads this scheme nationally in the service yet" in page
    url = reverse("schemes:scheme-edit", kwargs={"uuid": nmdcf.uuid})
    form = client.get(url).content.decode()
    assert "National scheme leads (optional)" in form and cast.scheme_lead.email in form
    assert cast.staff_a.email not in form  # only national scheme leads can be chosen
    assert client.post(url, facts_form(nmdcf, leads=[cast.scheme_lead.pk])).status_code == 302
    assert list(nmdcf.leads.all()) == [cast.scheme_lead]
    latest = nmdcf.history.latest()
    assert latest.history_user == cast.admin and [m.user for m in latest.leads.all()] == [cast.scheme_lead]
    page = client.get(reverse("schemes:scheme", kwargs={"uuid": nmdcf.uuid})).content.decode()
    assert cast.scheme_lead.email in page
    client.force_login(cast.scheme_lead)
    assert "NMDCF" in client.get(reverse("home")).content.decode()  # the lead's home lists it


def test_someone_who_is_not_a_national_lead_cannot_be_made_one(client, cast):
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.admin)
    html = client.post(reverse("schemes:scheme-edit", kwargs={"uuid": darzi.uuid}),
                       facts_form(darzi, leads=[cast.staff_a.pk])).content.decode()
    assert "Select the scheme&#39;s leads from the list" in html
    assert list(darzi.leads.all()) == [cast.scheme_lead]
    with pytest.raises(ValidationError, match="must have an account as a national scheme lead"):
        services.scheme_facts_save(scheme=darzi, eligible_grades=darzi.eligible_grades.all(),
                                   regions=darzi.regions.all(), by=cast.admin, leads=[cast.staff_a])


def test_regional_staff_neither_see_nor_change_a_schemes_leads(client, cast):
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.staff_a)
    assert "National scheme leads" not in client.get(
        reverse("schemes:scheme", kwargs={"uuid": darzi.uuid})).content.decode()
    url = reverse("schemes:scheme-edit", kwargs={"uuid": darzi.uuid})
    assert "National scheme leads" not in client.get(url).content.decode()
    assert client.post(url, facts_form(darzi, leads=[])).status_code == 302  # the field is not theirs
    assert list(darzi.leads.all()) == [cast.scheme_lead]
    with pytest.raises(ValidationError, match="Only administrators"):
        services.scheme_facts_save(scheme=darzi, eligible_grades=darzi.eligible_grades.all(),
                                   regions=darzi.regions.all(), by=cast.staff_a, leads=[])


# -- the trainee's catalogue --------------------------------------------------------------------

def test_a_trainee_sees_whether_they_can_apply_and_why_not(client, cast):
    client.force_login(cast.trainee_user)  # ST4 in North West London
    catalogue = client.get(reverse("schemes:list")).content.decode()
    assert "You can apply" in catalogue and "You cannot apply yet" in catalogue
    mlp = client.get(reverse("schemes:scheme", kwargs={"uuid": scheme("MLP").uuid})).content.decode()
    assert "The MLP recruits in North West: your region is North West London" in mlp
    clahrc = client.get(reverse("schemes:scheme", kwargs={"uuid": scheme("CLAHRC Fellowship").uuid}))
    assert "You can apply" in clahrc.content.decode()


def test_saying_you_are_interested_in_a_scheme_is_the_funnels_first_stage(client, cast):
    Trainee.objects.filter(pk=cast.trainee.pk).update(leadership_interest=False)
    darzi = scheme("Darzi Fellowship")
    client.force_login(cast.trainee_user)
    url = reverse("schemes:scheme-interest", kwargs={"uuid": darzi.uuid})
    client.post(url, {"interested": "yes"})
    assert SchemeInterest.objects.filter(trainee=cast.trainee, scheme=darzi).exists()
    cast.trainee.refresh_from_db()
    assert cast.trainee.leadership_interest
    page = client.get(reverse("schemes:scheme", kwargs={"uuid": darzi.uuid})).content.decode()
    assert "You have said you are interested" in page
    client.post(url, {"interested": "no"})
    assert not SchemeInterest.objects.filter(trainee=cast.trainee).exists()


def test_a_trainee_answers_whether_they_are_interested_in_leadership(client, cast):
    client.force_login(cast.trainee_user)
    url = reverse("schemes:leadership-interest")
    client.post(url, {"interested": "yes"})
    cast.trainee.refresh_from_db()
    assert cast.trainee.leadership_interest
    client.post(url, {"interested": "no"})
    cast.trainee.refresh_from_db()
    assert not cast.trainee.leadership_interest
    html = client.post(url, {}).content.decode()
    assert "Select yes if you are interested in leadership" in html


def test_the_api_tells_a_trainee_whether_they_can_apply_and_takes_their_interest(cast):
    from rest_framework.test import APIClient  # noqa: PLC0415

    api = APIClient()
    api.force_authenticate(cast.trainee_user)
    mlp = scheme("MLP")
    found = api.get(reverse("api:scheme-detail", kwargs={"uuid": mlp.uuid})).json()
    assert found["eligible_grades"] == ["GPST3", "ST4", "ST5", "ST6", "ST7", "ST8"]
    assert found["you"]["can_apply"] is False
    assert "your region is North West London" in found["you"]["why_not"][0]
    answer = api.post(reverse("api:scheme-interest", kwargs={"uuid": mlp.uuid}), {"interested": True},
                      format="json").json()
    assert answer["you"]["interested"] is True
    api.force_authenticate(cast.staff_a)
    assert api.get(reverse("api:scheme-detail", kwargs={"uuid": mlp.uuid})).json()["you"] is None


def test_a_trainee_says_through_the_api_whether_they_are_interested_in_leadership(cast):
    from rest_framework.test import APIClient  # noqa: PLC0415

    api = APIClient()
    api.force_authenticate(cast.trainee_user)
    url = reverse("api:trainee-leadership-interest", kwargs={"uuid": cast.trainee.uuid})
    assert api.post(url, {"interested": True}, format="json").json()["leadership_interest"] is True
    assert api.post(url, {"interested": False}, format="json").json()["leadership_interest"] is False
    assert api.post(url, {"interested": "maybe"}, format="json").status_code == 400
