"""The demo region's trusts each offer every kind of governance role and a short project
(demo/governance.py), and the demo director's trust has one confirmed as taken part."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role, User
from demo.content import DEMO_LOGINS, DEMO_REGION
from demo.seeder import seed_demo
from pipeline.models import Interest, Vacancy
from reference.models import Trust

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 28)


def test_every_demo_region_trust_offers_each_kind_and_one_is_confirmed(client):
    seed_demo(trainees=150, seed=3, today=DAY)
    governance = set(Vacancy.Kind.values) - {Vacancy.Kind.POST}
    trusts = Trust.objects.filter(region__code=DEMO_REGION)
    assert trusts.exists()
    for trust in trusts:
        offered = set(Vacancy.objects.filter(trust=trust, status="open").values_list("kind", flat=True))
        assert governance <= offered, trust.name
    director = User.objects.get(email=DEMO_LOGINS[Role.MEDICAL_DIRECTOR])
    confirmed = Interest.objects.get(vacancy__trust_id=director.trust_id,
                                     took_part_confirmed_at__isnull=False)
    assert confirmed.evidence is not None and confirmed.evidence.trainee_id == confirmed.trainee_id
    assert confirmed.evidence.element_id == confirmed.vacancy.element_id
    client.force_login(director)
    page = client.get(reverse("roles:list")).content.decode()
    assert all(label in page for label in ("Committee seat", "Inspection role", "Short improvement project"))
