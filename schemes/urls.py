from django.urls import path

from . import views

app_name = "schemes"

urlpatterns = [
    path("", views.schemes, name="list"),
    path("<uuid:uuid>/", views.scheme, name="scheme"),
    path("<uuid:uuid>/facts/", views.scheme_edit, name="scheme-edit"),
    path("<uuid:uuid>/interest/", views.scheme_interest, name="scheme-interest"),
    path("leadership-interest/", views.leadership_interest, name="leadership-interest"),
    path("<uuid:uuid>/cohorts/new/", views.cohort_new, name="cohort-new"),
    path("cohorts/<uuid:uuid>/", views.cohort, name="cohort"),
    path("cohorts/<uuid:uuid>/mentors/", views.cohort_mentors, name="cohort-mentors"),
]
for action in ("activate", "complete", "withdraw"):
    urlpatterns.append(path(f"cohorts/<uuid:uuid>/fellows/<uuid:fellowship_uuid>/{action}/",
                            views.fellowship_move, {"action": action}, name=f"fellowship-{action}"))
