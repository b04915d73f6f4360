"""The Django admin: named for the service, and every link to a person or record is a
search box, not a raw database id nor a list of every row."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from mentoring.models import Mentorship

pytestmark = pytest.mark.django_db

# Reference data: few rows, so a plain select is usable.
SMALL = {"reference.region", "reference.grade", "reference.specialty", "reference.leadershiproletype",
         "reference.leadershipframework", "reference.frameworkdomain", "reference.frameworkelement",
         "schemes.scheme", "auth.group", "auth.permission"}


OURS = {"accounts", "reference", "notifications", "imports", "trainees", "mentoring", "schemes", "pipeline",
        "allocation"}


def editable(model_admin) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return model_admin.has_add_permission(request) or model_admin.has_change_permission(request)


def linked_fields():
    """(admin, field) for every editable foreign key or many-to-many field our admin forms show."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OURS or not editable(model_admin):
            continue
        readonly = set(model_admin.readonly_fields)
        for field in model._meta.get_fields():
            if not (isinstance(field, models.ForeignKey | models.ManyToManyField) and field.editable):
                continue
            if field.name in readonly or (model_admin.fields and field.name not in model_admin.fields):
                continue
            yield model_admin, field


def test_the_admin_is_named_for_the_service(client, cast):
    client.force_login(cast.admin)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Django administration" not in html and "Django site admin" not in html
    assert "<title>Records and reference data | Clinical leadership pipeline administration</title>" in html
    assert "Clinical leadership pipeline: administration" in html


def test_no_admin_asks_for_a_raw_database_id():
    raw = [f"{type(a).__name__}.{name}" for a in admin.site._registry.values() for name in a.raw_id_fields]
    assert raw == []


def test_every_link_to_a_large_table_is_a_search_box():
    plain = [f"{type(a).__name__}.{f.name}" for a, f in linked_fields()
             if f.related_model._meta.label_lower not in SMALL and f.name not in a.autocomplete_fields
             and f.name not in getattr(a, "filter_horizontal", ())]
    assert plain == []


def test_the_mentor_field_searches_mentors_by_name(client, cast):
    client.force_login(cast.admin)
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    html = client.get(reverse("admin:mentoring_mentorship_change", args=[mentorship.pk])).content.decode()
    assert 'class="admin-autocomplete' in html and 'name="mentor"' in html
    found = client.get(reverse("admin:autocomplete"), {
        "app_label": "mentoring", "model_name": "mentorship", "field_name": "mentor",
        "term": cast.mentor.user.last_name}).json()
    assert [r["id"] for r in found["results"]] == [str(cast.mentor.pk)]
