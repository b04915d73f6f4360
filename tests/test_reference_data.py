"""Reference data loaded by `migrate` matches ../shared/REFERENCE.md exactly.

The expected values are written out here from REFERENCE.md, independently of the
JSON files the migrations load, so a typo in either is caught.
"""

import pytest

from reference.models import FrameworkDomain, FrameworkElement, Grade, LeadershipRoleType, Region
from schemes.models import Scheme

pytestmark = pytest.mark.django_db

TABLE_3 = [
    # name, scope, region served, clinicians a year, years established, follow-on
    ("Fellowship in Clinical Leadership ('Darzi' Fellowship)", "regional", "London", "40–60",
     "5", "System-wide benefits expected; recent focus on primary care."),
    ("NIHR CLAHRC Fellowship (Improvement Leadership Fellowship)", "regional",
     "North West London", "7–13", "5",
     "Many continue in their own organisations; some go on to PhDs."),
    ("NHS Medical Director's Clinical Fellow Scheme (FMLM)", "national", "", "25–30",
     "10 (started 2005 as the Clinical Advisor Scheme)",
     '"There is no formal continuation process."'),
    ("NHS Leadership Academy programmes", "national", "", "Not defined", "Launched 2012",
     "Dependent on programme."),
    ("London Deanery: Paired Learning", "regional", "London", "Dependent on local organisation",
     "2–3", "Not defined."),
    ("Medical Leadership Programme (MLP)", "regional", "North West", "12", "4", "Not defined."),
    ("Clinicians in Management", "regional", "Northern Deanery", "Not defined", "Not defined",
     "Not defined."),
    ("Commonwealth Harkness Fellowship", "international", "", "Not defined",
     "Healthcare-only since 2001; Nuffield Trust support since 2009", "Case by case."),
]

MLCF = {
    "Demonstrating Personal Qualities": ["Developing Self Awareness", "Managing Yourself",
                                         "Continuing Personal Development", "Acting with Integrity"],
    "Working with Others": ["Developing Networks", "Building and Maintaining Relationships",
                            "Encouraging Contribution", "Working within Teams"],
    "Managing Services": ["Planning", "Managing Resources", "Managing People",
                          "Managing Performance"],
    "Improving Services": ["Ensuring Patient Safety", "Critically Evaluating",
                           "Encouraging Improvement and Innovation", "Facilitating Transformation"],
    "Setting Direction": ["Identifying the Contexts for Change", "Applying Knowledge and Evidence",
                          "Making Decisions", "Evaluating Impact"],
}

HLM = ["Inspiring shared purpose", "Leading with care", "Evaluating information",
       "Connecting our service", "Sharing the vision", "Engaging the team", "Holding to account",
       "Developing capability", "Influencing for results"]

HEE_LOCAL_OFFICES = [
    "Wessex", "East of England", "Kent, Surrey and Sussex", "East Midlands", "Thames Valley",
    "North West London", "North Central and East London", "South London", "North East",
    "North West", "West Midlands", "Yorkshire and the Humber", "South West",
]


def test_all_eight_schemes_of_table_3_with_their_facts():
    rows = [
        (s.name, s.scope, s.region_served, s.clinicians_per_year, s.years_established, s.follow_on)
        for s in Scheme.objects.all()
    ]
    assert sorted(rows) == sorted(TABLE_3)


@pytest.mark.parametrize("short_name, months, detail", [
    ("Darzi Fellowship", 12, "mentored by their medical director"),
    ("CLAHRC Fellowship", 12, "about one day a week"),
    ("NMDCF Scheme", 12, "NHS England, GMC, CQC, HEE"),
    ("MLP", 24, "MSc in Healthcare Leadership"),
    ("Harkness Fellowship", 12, "in the USA"),
])
def test_scheme_details_worth_modelling(short_name, months, detail):
    scheme = Scheme.objects.get(short_name=short_name)
    assert scheme.duration_months == months
    assert detail in scheme.details


def test_mlcf_has_five_domains_of_four_elements():
    domains = FrameworkDomain.objects.filter(framework__code="mlcf").order_by("number")
    loaded = {
        d.name: list(d.elements.order_by("number").values_list("name", flat=True)) for d in domains
    }
    assert list(loaded) == list(MLCF)
    assert loaded == MLCF
    assert FrameworkElement.objects.filter(framework__code="mlcf").count() == 20


def test_healthcare_leadership_model_has_nine_dimensions():
    dimensions = FrameworkElement.objects.filter(framework__code="hlm").order_by("number")
    assert list(dimensions.values_list("name", flat=True)) == HLM


def test_regions_are_the_local_offices_and_devolved_deaneries():
    offices = Region.objects.filter(kind=Region.Kind.HEE_LOCAL_OFFICE)
    assert sorted(offices.values_list("name", flat=True)) == sorted(HEE_LOCAL_OFFICES)
    devolved = Region.objects.filter(kind=Region.Kind.DEVOLVED_DEANERY)
    assert sorted(devolved.values_list("nation", flat=True)) == sorted(
        ["Scotland"] * 4 + ["Wales", "Northern Ireland"]
    )


def test_grades_from_foundation_to_st8_in_order_of_seniority():
    codes = set(Grade.objects.values_list("code", flat=True))
    expected = {"F1", "F2", "CT1", "CT2", "CT3", "GPST1", "GPST2", "GPST3"} | {
        f"ST{n}" for n in range(1, 9)
    }
    assert codes == expected
    ranked = list(Grade.objects.filter(stage="specialty").values_list("code", flat=True))
    assert ranked == [f"ST{n}" for n in range(1, 9)]
    assert Grade.objects.get(code="F1").rank < Grade.objects.get(code="CT1").rank


def test_kinds_of_leadership_role_a_trust_can_post():
    names = set(LeadershipRoleType.objects.values_list("name", flat=True))
    assert {"Associate medical director", "Clinical director", "Quality improvement lead",
            "Leadership fellow", "Clinical lead", "Project lead"} <= names
