"""The equality figures against a determined reader (docs/disclosure.md).

The attacker here is written apart from `pipeline.disclosure` and reads only what is
published: the page, its CSV and its XLSX. It knows what staff know (who is at each stage)
and tries to recover, by integer programming, any count under 5: a group within a pattern of
stages, a withheld cell, a difference between nested stages, or what a row's withheld cells
add up to. It must find nothing.
"""

import csv
import datetime as dt
import io
import re
from itertools import product

import numpy as np
import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from scipy.optimize import Bounds, LinearConstraint, milp

from pipeline import reports
from pipeline.disclosure import Table, protect
from pipeline.models import EqualitySnapshot, Interest
from tests import factories
from trainees.models import EqualityMonitoring, Trainee

STAGES = ["interest", "applied", "active", "alumni", "leading"]
# Each pattern a trainee can have: the stages nest (alumni applied, who showed interest).
PATTERNS = [frozenset(p) for p in (
    ["interest"], ["interest", "applied"], ["interest", "applied", "active"],
    ["interest", "applied", "alumni"], ["interest", "applied", "alumni", "leading"],
    ["interest", "applied", "active", "alumni"])]


# -- the attacker ------------------------------------------------------------------------


def recoverable_small_counts(atoms: dict[frozenset, int], groups: list, shown: dict) -> list:
    """Every count under 5 that the shown cells and the known atoms pin down exactly."""
    patterns = [p for p, n in atoms.items() if n]
    if not patterns:
        return []  # nobody at all
    names = list(product(patterns, groups))
    rows, values = [], []
    for p in patterns:
        rows.append([1.0 if q == p else 0.0 for q, _ in names])
        values.append(atoms[p])
    for (stage, group), n in shown.items():
        if n is not None:
            rows.append([1.0 if g == group and stage in q else 0.0 for q, g in names])
            values.append(n)
    system = LinearConstraint(np.array(rows), values, values)
    found = []
    for label, members in _targets(patterns, groups, shown):
        objective = np.array([1.0 if name in members else 0.0 for name in names])
        low = milp(objective, constraints=system, integrality=np.ones(len(names)), bounds=Bounds(0, np.inf))
        high = milp(-objective, constraints=system, integrality=np.ones(len(names)), bounds=Bounds(0, np.inf))
        assert low.status == 0, "what is shown must be consistent"
        if round(low.fun) == round(-high.fun) < 5:
            found.append((label, round(low.fun)))
    return found


def _targets(patterns, groups, shown):
    for p, g in product(patterns, groups):
        yield (sorted(p), g), {(p, g)}
    for (stage, group), n in shown.items():
        members = {(p, group) for p in patterns if stage in p}
        if n is None and members:  # "0 of nobody" tells nothing about anyone
            yield (stage, group), members
    for outer, inner in product(STAGES, STAGES):
        inside = [p for p in patterns if inner in p]
        if outer != inner and inside and all(outer in p for p in inside):
            for g in groups:
                members = {(p, g) for p in patterns if outer in p and inner not in p}
                if members:
                    yield (outer, "not", inner, g), members
    for stage in STAGES:
        hidden = [g for g in groups if shown.get((stage, g), 0) is None]
        if hidden and len(hidden) < len(groups):
            yield (stage, "withheld together"), {(p, g) for p in patterns if stage in p for g in hidden}


# -- the rule itself, on any population -----------------------------------------------

populations = st.lists(st.tuples(st.sampled_from(PATTERNS), st.sampled_from(["a", "b", "c", "d"])),
                       max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=populations, n_groups=st.integers(min_value=2, max_value=4))
def test_no_small_count_can_be_worked_out_from_any_protected_table(people, n_groups):
    groups = ["a", "b", "c", "d"][:n_groups]
    people = [(p, g) for p, g in people if g in groups]
    table = Table.of(STAGES, groups, people)
    shown = protect(table)
    for (stage, group), n in shown.items():
        if n is not None:
            assert n == table.cell(stage, group), "a shown count is the true count"
            assert n >= 5
    assert recoverable_small_counts(table.atoms, groups, shown) == []


def test_zeros_beside_a_total_are_withheld_with_the_one_count_shown():
    # suppress([0, 0, 0, 5, 0, 0]) once showed the 5 beside the total 5: all five were White.
    table = Table.of(["applied"], list("abcdef"), [(frozenset(["applied"]), "d")] * 5)
    assert set(protect(table).values()) == {None}


def test_a_small_difference_between_nested_stages_is_withheld():
    # Applied 7 and Alumni 5 once showed 2 women who applied but are not alumni.
    women = [(PATTERNS[1], "f")] * 2 + [(PATTERNS[3], "f")] * 5
    men = [(PATTERNS[1], "m")] * 20 + [(PATTERNS[3], "m")] * 20
    table = Table.of(STAGES, ["f", "m"], women + men)
    shown = protect(table)
    assert shown[("applied", "f")] is None or shown[("alumni", "f")] is None
    assert recoverable_small_counts(table.atoms, ["f", "m"], shown) == []


# -- what staff are actually given -----------------------------------------------------


def enrol(region, n: int, ethnic_group: str, sex: str, **fellowship):
    for _ in range(n):
        trainee = factories.TraineeFactory(region=region, leadership_interest=True)
        EqualityMonitoring.objects.create(trainee=trainee, ethnic_group=ethnic_group, sex=sex)
        if fellowship:
            factories.FellowshipFactory(trainee=trainee, **fellowship)


def published_tables(client, name: str) -> list[list[list[str]]]:
    """The table as the page, the CSV and the XLSX give it (stage, total, cells...)."""
    html = client.get(reverse("alumni:report")).content.decode()
    caption = {"representation-ethnicity": "by ethnic group", "representation-sex": "by sex"}[name]
    section = html[html.index(caption):]
    section = section[section.index("<tbody"):section.index("</table>")]
    # On a phone each cell repeats its column's name: not part of the figures.
    section = re.sub(r'<span class="nhsuk-table__heading"[^>]*>.*?</span>', "", section, flags=re.S)
    page_rows = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
                 for row in re.findall(r'<tr class="nhsuk-table__row"[^>]*>(.*?)</tr>', section, re.S)]
    url = reverse("alumni:report-download", kwargs={"name": name, "fmt": "csv"})
    csv_rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))[1:]
    url = reverse("alumni:report-download", kwargs={"name": name, "fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    xlsx_rows = [[str(c) for c in r] for r in sheet.iter_rows(values_only=True)][1:]
    return [page_rows, csv_rows, xlsx_rows]


def what_staff_know(region) -> dict[frozenset, int]:
    """Who is at each stage is on staff's own pages, so the size of every pattern is known."""
    stages = reports._stage_ids(Trainee.objects.filter(region=region))
    everyone = set().union(*stages.values())
    atoms: dict[frozenset, int] = {}
    for t in everyone:
        pattern = frozenset(s for s in STAGES if t in stages[s])
        atoms[pattern] = atoms.get(pattern, 0) + 1
    return atoms


@pytest.fixture
def region_with_people(cast):
    region = cast.region_a
    enrol(region, 30, "white", "male")
    enrol(region, 12, "white", "female", status="completed")
    enrol(region, 6, "black", "female", status="completed")
    enrol(region, 1, "black", "male", status="applied", completed_on=None)
    enrol(region, 7, "asian", "female", status="active", completed_on=None)
    enrol(region, 2, "mixed", "male", status="completed")
    return region


@pytest.mark.django_db
def test_the_page_and_both_downloads_give_a_reader_nothing_under_5(client, cast, region_with_people):
    client.force_login(cast.staff_a)
    atoms = what_staff_know(region_with_people)
    for name, characteristic in (("representation-ethnicity", "ethnic_group"), ("representation-sex", "sex")):
        groups = list(reports.CHARACTERISTICS[characteristic].values)
        tables = published_tables(client, name)
        assert tables[0] == tables[1] == tables[2], "the page and the downloads agree"
        shown = {(stage, group): None if cell == reports.SUPPRESSED else int(cell)
                 for stage, row in zip(STAGES, tables[1], strict=True)
                 for group, cell in zip(groups, row[2:], strict=True)}
        assert recoverable_small_counts(atoms, groups, shown) == [], name


@pytest.mark.django_db
def test_two_downloads_around_one_change_are_the_same(client, cast, region_with_people):
    client.force_login(cast.staff_a)
    before = published_tables(client, "representation-ethnicity")
    enrol(cast.region_a, 1, "black", "female", status="applied", completed_on=None)
    cache.clear()  # not the five-minute page cache: the month's figures hold
    assert published_tables(client, "representation-ethnicity") == before


@pytest.mark.django_db
def test_the_figures_are_worked_out_again_for_a_new_month(cast, region_with_people):
    this_month = reports.equality_figures(region=cast.region_a)
    enrol(cast.region_a, 5, "black", "female", status="applied", completed_on=None)
    next_month = reports.equality_figures(region=cast.region_a,
                                          today=this_month.period + dt.timedelta(days=40))
    assert next_month.pk != this_month.pk
    assert EqualitySnapshot.objects.filter(region=cast.region_a).count() == 2
    total_interest = next_month.figures["ethnic_group"]["rows"][0]["total"]
    assert total_interest == this_month.figures["ethnic_group"]["rows"][0]["total"] + 5


@pytest.mark.django_db
def test_a_likelihood_is_withheld_when_everyone_or_nearly_everyone_in_a_group_was_appointed(cast):
    # "100% of 6 appointed" once told a reader that none of the 6 was turned down.
    vacancy = factories.VacancyFactory(trust=cast.trust_a)
    for group, appointed, not_appointed in (("white", 6, 0), ("asian", 5, 5)):
        for i in range(appointed + not_appointed):
            trainee = factories.TraineeFactory(region=cast.region_a)
            EqualityMonitoring.objects.create(trainee=trainee, ethnic_group=group, sex="female")
            Interest.objects.create(trainee=trainee, vacancy=vacancy,
                                    status="appointed" if i < appointed else "not_selected")
    assert reports.relative_likelihood(region=cast.region_a).withheld
